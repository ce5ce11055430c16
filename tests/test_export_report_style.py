"""report.html on every screen: no sideways scrolling from 360 px, readable heat map.

Headless Chromium's window is at least 500 px wide, so the report is opened in an iframe
of the exact width: the iframe is a viewport of its own, with its own media queries. A
script injected into a copy of the report measures `document.scrollingElement.scrollWidth`
against `innerWidth` after the figures are drawn, collects the heat map's tick labels and
every resource the page loaded, and posts them to the host page, which --dump-dom prints.
"""

import html as html_lib
import json
import re
import shutil
import subprocess

import pytest
from export_fixtures import exported_layout

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed: run `make test-tools`"
)

MEASURE = """<script>window.addEventListener("load", function () { setTimeout(function () {
  var ticks = function (axis) { return Array.prototype.map.call(
    document.querySelectorAll("#fig-theme-term ." + axis + "tick text"),
    function (t) { return t.textContent; }); };
  parent.postMessage({
    scrollWidth: document.scrollingElement.scrollWidth, innerWidth: innerWidth,
    xticks: ticks("x"), yticks: ticks("y"),
    resources: performance.getEntriesByType("resource").map(function (r) { return r.name; })
  }, "*");
}, 1500); });</script>"""

HOST = """<!DOCTYPE html><html><body style="margin:0">
<iframe src="report.html" style="width:{width}px;height:800px;border:0"></iframe>
<script>window.addEventListener("message", function (e) {{
  var p = document.createElement("pre"); p.id = "measure";
  p.textContent = JSON.stringify(e.data); document.body.appendChild(p); }});</script>
</body></html>"""


@pytest.fixture(scope="module")
def report_html(tmp_path_factory):
    layout, _ = exported_layout(tmp_path_factory)
    return (layout.reports / "report.html").read_text(encoding="utf-8")


def measure(html: str, width: int, tmp_path) -> dict:
    """Open `html` in a `width` px viewport of headless Chromium; return the measures."""
    (tmp_path / "report.html").write_text(html.replace("</body>", MEASURE + "</body>"))
    (tmp_path / "host.html").write_text(HOST.format(width=width))
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
        f"--window-size={width + 40},900", "--virtual-time-budget=20000",
        "--dump-dom", (tmp_path / "host.html").as_uri(),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    found = re.search(r'<pre id="measure">(.*?)</pre>', result.stdout, re.S)
    assert found, f"the report never reported its layout: {result.stderr[-2000:]}"
    return json.loads(html_lib.unescape(found.group(1)))


@needs_chromium
@pytest.mark.parametrize("width", [360, 390, 1400])
def test_report_style_page_never_scrolls_sideways(report_html, tmp_path, width):
    layout = measure(report_html, width, tmp_path)
    assert layout["innerWidth"] == width
    assert layout["scrollWidth"] <= layout["innerWidth"]


@needs_chromium
def test_report_style_overflow_check_catches_a_wide_page(report_html, tmp_path):
    wide = report_html.replace("<main>", '<main><div style="width:900px">breed</div>', 1)
    layout = measure(wide, 390, tmp_path)
    assert layout["scrollWidth"] > layout["innerWidth"]


@needs_chromium
@pytest.mark.parametrize(("width", "short"), [(390, True), (1400, False)])
def test_report_style_heat_map_shows_every_label(report_html, tmp_path, width, short):
    layout = measure(report_html, width, tmp_path)
    # The fixture's terms in codebook order, and its two themes.
    assert layout["xticks"] == [
        "zelfredzaamheid", "samenredzaamheid", "maatwerk", "burgerinitiatief", "regie",
        "participatie", "inburgering",
    ]  # fmt: skip
    themes = ["T00-groeiproces-taal", "T01-regie-vertrouwen"]
    assert layout["yticks"] == ([t.split("-")[0] for t in themes] if short else themes)


@needs_chromium
def test_report_style_page_loads_nothing_from_the_network(report_html, tmp_path):
    layout = measure(report_html, 390, tmp_path)
    remote = [r for r in layout["resources"] if not r.startswith(("file:", "data:", "blob:"))]
    assert remote == []
