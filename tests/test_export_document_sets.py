"""Document sets: one Set per metadata value, with the documents that have it.

QualCoder (4.0, `refi.py` `parse_set`) reads only a Set's MemberSources and makes the Set
a document attribute; ATLAS.ti reads it as a document group. Expected members come from
export_fixtures.DOCUMENTS.
"""

import zipfile

import pytest
from export_fixtures import exported_layout
from lxml import etree

NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.fixture(scope="module")
def sets(tmp_path_factory):
    layout, _ = exported_layout(tmp_path_factory)
    with zipfile.ZipFile(layout.reports / "kruispunt.qdpx") as archive:
        root = etree.fromstring(archive.read("project.qde"))
    names = {s.get("guid"): s.get("name") for s in root.iterfind(".//q:TextSource", NS)}
    return {
        s.get("name"): sorted(names[m.get("targetGUID")] for m in s.iterfind("q:MemberSource", NS))
        for s in root.iterfind(".//q:Set", NS)
        if s.find("q:MemberSource", NS) is not None
    }


@pytest.mark.parametrize(
    ("name", "members"),
    [
        ("municipality::Utrecht", ["notulen_raad.txt", "vissenkom_utrecht.txt"]),
        ("municipality::Zeist", ["interview_zoe.vtt"]),
        ("meeting_date::2024-03-12", ["vissenkom_utrecht.txt"]),
        ("meeting_date::2024-05-21", ["notulen_raad.txt"]),
        ("n_participants::14", ["vissenkom_utrecht.txt"]),
        ("n_participants::2", ["interview_zoe.vtt"]),
    ],
)
def test_document_sets_hold_the_documents_with_that_value(sets, name, members):
    assert sets[name] == members


def test_document_sets_one_per_value_and_none_for_missing_values(sets):
    # 3 dates, 2 municipalities, 2 participant counts (one document has none).
    assert len(sets) == 7
    assert not any(name.endswith("::nan") or name.endswith("::") for name in sets)
