import html as html_lib
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from export_fixtures import exported_layout

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

# Injected into a copy of the report: collect every uncaught error and rejected promise,
# then write them into the DOM after load so --dump-dom carries them out.
COLLECTOR = (
    "<script>window.__jsErrors=[];"
    "window.addEventListener('error',function(e){window.__jsErrors.push(String(e.message))});"
    "window.addEventListener('unhandledrejection',function(e){"
    "window.__jsErrors.push('unhandled rejection: '+String(e.reason))});</script>"
)
REPORTER = (
    "<script>window.addEventListener('load',function(){setTimeout(function(){"
    "var p=document.createElement('pre');p.id='js-errors';"
    "p.textContent=JSON.stringify(window.__jsErrors);document.body.appendChild(p);},500)});"
    "</script>"
)


class ExternalRefs(HTMLParser):
    """Collect src/href values of scripts, styles, links, images and frames."""

    def __init__(self):
        super().__init__()
        self.refs = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") and tag in ("script", "link", "img", "iframe", "style"):
                self.refs.append((tag, value or ""))


def external_refs(html: str) -> list[tuple[str, str]]:
    parser = ExternalRefs()
    parser.feed(html)
    refs = [(t, v) for t, v in parser.refs if re.match(r"(https?:)?//", v.strip())]
    imports = re.findall(r"@import\s+url\(\s*['\"]?(?:https?:)?//", html)
    return refs + [("style", i) for i in imports]


@pytest.fixture(scope="module")
def report_html(tmp_path_factory):
    layout, _ = exported_layout(tmp_path_factory)
    return (layout.reports / "report.html").read_text(encoding="utf-8")


def render(html: str, tmp_path) -> tuple[list[str], str]:
    """Open `html` in headless Chromium; return the JavaScript errors and the final DOM."""
    page = tmp_path / "page.html"
    page.write_text(
        html.replace("<head>", "<head>" + COLLECTOR, 1).replace("</body>", REPORTER + "</body>"),
        encoding="utf-8",
    )
    profile = tmp_path / "profile"
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={profile}", "--virtual-time-budget=15000",
        "--dump-dom", page.as_uri(),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    found = re.search(r'<pre id="js-errors">(.*?)</pre>', result.stdout, re.S)
    assert found, f"the page never finished loading: {result.stderr[-2000:]}"
    errors = json.loads(html_lib.unescape(found.group(1)))
    return errors, result.stdout


def test_report_has_no_remote_scripts_or_styles(report_html):
    assert external_refs(report_html) == []


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="https://cdn.plot.ly/plotly-2.0.min.js"></script>',
        '<link rel="stylesheet" href="http://fonts.example.org/x.css">',
        '<script src="//cdn.example.org/x.js"></script>',
        "<style>@import url('https://fonts.example.org/x.css');</style>",
    ],
)
def test_report_external_ref_check_catches_remote_references(snippet):
    assert external_refs(f"<html><head>{snippet}</head></html>") != []


def test_report_inlines_plotly_once(report_html):
    assert report_html.count("* plotly.js v") == 1
    # one figure per term with associations, the hits bar chart and the theme heat map
    assert report_html.count("Plotly.newPlot(") == 3 + 2


@pytest.mark.parametrize(
    "text",
    [
        'id="term-1"',
        "zelfredzaamheid",
        "samenredzaamheid",
        "kapot.docx",  # the ingest problem
        "corrupt docx",
        "T01-regie-vertrouwen",
        "network_measure: log_dice",  # the params of the run
        "nl_ud_sm",  # the annotating model
        "No occurrences of this term were found.",  # participatie
        "Complex maatwerk kost tijd.",  # a quote
    ],
)
def test_report_contains_each_section(report_html, text):
    assert text in report_html


@needs_chromium
def test_report_renders_in_chromium_without_javascript_errors(report_html, tmp_path):
    errors, dom = render(report_html, tmp_path)
    assert errors == []
    # plotly really drew: every figure has an svg root
    assert dom.count('class="main-svg"') >= 5


@needs_chromium
def test_report_chromium_check_catches_a_broken_script(report_html, tmp_path):
    broken = report_html.replace("</body>", "<script>kruispuntBestaatNiet();</script></body>")
    errors, _ = render(broken, tmp_path)
    assert any("kruispuntBestaatNiet" in e for e in errors)
