"""report.html says which files it links to; `export.embed_tables` carries the CSVs inside."""

import base64
import re
from html.parser import HTMLParser

import pytest
from export_fixtures import write_layout

from pipeline.export.folder import export_reports
from pipeline.export.report_files import FILES
from pipeline.params import Params


class Links(HTMLParser):
    """Collect href and download of every link."""

    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs))


@pytest.fixture(scope="module", params=[False, True], ids=["linked", "embedded"])
def exported(request, tmp_path_factory):
    layout = write_layout(tmp_path_factory.mktemp("files"))
    export_reports(layout, Params.model_validate({"export": {"embed_tables": request.param}}))
    html = (layout.reports / "report.html").read_text(encoding="utf-8")
    parser = Links()
    parser.feed(html)
    return layout, request.param, html, parser.links


def test_report_files_names_every_file_it_links_to(exported):
    _, _, html, links = exported
    names = [name for name, _ in FILES]
    assert f"This page links to {len(names)} files of this run" in html
    for name in names:
        assert name in html
    targets = [a.get("download") or a["href"] for a in links if "href" in a]
    assert [t for t in targets if t in names] == names


def test_report_files_embedded_tables_are_the_csv_files(exported):
    layout, embed, html, links = exported
    by_name = {a.get("download") or a["href"]: a["href"] for a in links if "href" in a}
    for name, _ in FILES:
        href = by_name[name]
        if embed and name.endswith(".csv"):
            assert href.startswith("data:text/csv;charset=utf-8;base64,")
            payload = base64.b64decode(href.split(",", 1)[1])
            assert payload == (layout.reports / name).read_bytes()
        else:
            assert href == name  # relative: next to report.html
    if embed:
        assert "The CSV tables are embedded in this page" in html
    else:
        assert re.search(r"sent on its own, this page keeps its text and charts", html)
        assert "export.embed_tables: true" in html
