"""XML of any kind: detected by its root element, unknown kinds skipped, hostile XML refused."""

import pytest

from pipeline.ingest import ingest_folder
from pipeline.ingest.sniff import sniff_format
from pipeline.params import IngestParams

TEI = "http://www.tei-c.org/ns/1.0"


def _report(tmp_path, name: str, data: bytes) -> dict:
    (tmp_path / name).write_bytes(data)
    result = ingest_folder(tmp_path, params=IngestParams(extensions=[".xml"]))
    assert len(result.report) == 1
    return result.report[0]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xef\xbb\xbf<officiele-publicatie/>", "handelingen"),
        (b"\xc3\xaf\xc2\xbb\xc2\xbf\n<?xml version='1.0'?><officiele-publicatie/>", "handelingen"),
        (f'<TEI xmlns="{TEI}"/>'.encode(), "tei"),
        (f'<teiCorpus xmlns="{TEI}"/>'.encode(), "tei"),
        (b'<FoLiA xmlns="http://ilk.uvt.nl/folia"/>', "folia"),
        (b"<TEI/>", "xml"),  # a TEI name outside the TEI namespace is not TEI
        (b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "html"),
        (b"<rss/>", "xml"),
        (b"<nope", "xml"),  # the root is named even when the rest is broken
        (b"nope <TEI/>", None),
    ],
)
def test_xml_sniffed_by_root_element_and_namespace(data, expected):
    assert sniff_format(data) == expected


def test_xml_of_unknown_kind_skipped_with_its_root_named(tmp_path):
    row = _report(tmp_path, "feed.xml", b'<?xml version="1.0"?><rss version="2.0"/>')
    assert row["status"] == "skipped"
    assert "unknown kind (root element <rss>)" in row["reason"]


def test_xml_namespace_is_named_for_an_unknown_root(tmp_path):
    data = b'<document xmlns="urn:example:verslag"><p>Tekst</p></document>'
    row = _report(tmp_path, "verslag.xml", data)
    assert row["status"] == "skipped"
    assert "<document> in namespace urn:example:verslag" in row["reason"]


def test_xml_not_well_formed_fails_with_reason(tmp_path):
    row = _report(tmp_path, "kapot.xml", f'<TEI xmlns="{TEI}"><text><body>'.encode())
    assert row["status"] == "failed"
    assert "not well-formed XML" in row["reason"]


def test_xml_entity_bomb_refused(tmp_path):
    entities = "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i else "lol"}">' for i in range(10)
    )
    data = (
        f'<?xml version="1.0"?><!DOCTYPE TEI [{entities}]><TEI xmlns="{TEI}"><text><body>'
        '<u who="#A"><seg>&lol9;</seg></u></body></text></TEI>'
    ).encode()
    row = _report(tmp_path, "bom.xml", data)
    assert row["status"] == "failed"
    assert "declares entities" in row["reason"]


def test_xml_external_entity_not_read(tmp_path):
    data = (
        b'<?xml version="1.0"?><!DOCTYPE FoLiA [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<FoLiA xmlns="http://ilk.uvt.nl/folia"><text><p speaker="A"><t>&x;</t></p></text>'
        b"</FoLiA>"
    )
    row = _report(tmp_path, "extern.xml", data)
    assert row["status"] == "failed"
    assert "declares entities" in row["reason"]


def test_xml_too_deep_fails_without_crashing(tmp_path):
    data = f'<TEI xmlns="{TEI}"><text><body>'.encode() + b"<div>" * 100_000
    row = _report(tmp_path, "diep.xml", data)
    assert row["status"] == "failed"
