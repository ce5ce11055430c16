"""The ingest cache: unchanged files are not read again, and give the same tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.ingest import folder as folder_module
from pipeline.ingest import ingest_folder
from pipeline.params import IngestParams

ROOT = Path(__file__).resolve().parents[1]
# One file of every format the example corpus has, plus its metadata sidecar.
FILES = [
    "breakout_maatwerk_burgerinitiatief.docx",
    "breakout_zelfredzaamheid.md",
    "commissie_samenleving_verslag.pdf",
    "fishbowl_ambtenaren.txt",
    "focusgroep_nieuwkomers.srt",
    "plenaire_reflectie.vtt",
    "metadata.csv",
]
N_TRANSCRIPTS = len(FILES) - 1


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in FILES:
        shutil.copy(ROOT / "data" / "raw" / name, folder / name)
    return folder


def _same(a, b) -> None:
    pd.testing.assert_frame_equal(a.documents, b.documents)
    pd.testing.assert_frame_equal(a.segments, b.segments)
    assert a.report == b.report


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The files actually parsed (cache misses), by name."""
    parsed: list[str] = []
    real = folder_module.ingest_file

    def counting(entry, *args, **kwargs):
        parsed.append(entry.rel)
        return real(entry, *args, **kwargs)

    monkeypatch.setattr(folder_module, "ingest_file", counting)
    return parsed


def test_file_cache_second_run_reads_nothing_and_gives_the_same_tables(tmp_path, reads):
    corpus = _corpus(tmp_path / "raw")
    fresh = ingest_folder(corpus)
    assert len(reads) == N_TRANSCRIPTS
    first = ingest_folder(corpus, cache_dir=tmp_path / "cache")
    second = ingest_folder(corpus, cache_dir=tmp_path / "cache")
    assert (first.cache_hits, second.cache_hits) == (0, N_TRANSCRIPTS)
    assert len(reads) == 2 * N_TRANSCRIPTS  # the fresh run and the first cached run only
    _same(fresh, first)
    _same(fresh, second)


def test_file_cache_reads_a_changed_file_again(tmp_path, reads):
    corpus = _corpus(tmp_path / "raw")
    ingest_folder(corpus, cache_dir=tmp_path / "cache")
    reads.clear()
    path = corpus / "fishbowl_ambtenaren.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nVoorzitter: Dank u wel allemaal.\n")
    again = ingest_folder(corpus, cache_dir=tmp_path / "cache")
    assert reads == ["fishbowl_ambtenaren.txt"]
    assert again.cache_hits == N_TRANSCRIPTS - 1
    _same(ingest_folder(corpus), again)


def test_file_cache_other_params_read_everything_again(tmp_path, reads):
    corpus = _corpus(tmp_path / "raw")
    ingest_folder(corpus, cache_dir=tmp_path / "cache")
    reads.clear()
    params = IngestParams(min_segment_chars=IngestParams().min_segment_chars + 40)
    again = ingest_folder(corpus, params=params, cache_dir=tmp_path / "cache")
    assert again.cache_hits == 0
    assert len(reads) == N_TRANSCRIPTS
    _same(ingest_folder(corpus, params=params), again)


def test_file_cache_moved_folder_is_not_read_again_and_gets_its_new_paths(tmp_path, reads):
    ingest_folder(_corpus(tmp_path / "old"), cache_dir=tmp_path / "cache")
    reads.clear()
    moved = _corpus(tmp_path / "new")
    again = ingest_folder(moved, cache_dir=tmp_path / "cache")
    assert reads == []
    _same(ingest_folder(moved), again)
    assert all(str(tmp_path / "new") in path for path in again.documents["source_path"])


@pytest.mark.parametrize("damage", ["garbage", "empty", "other_key"])
def test_file_cache_damaged_entry_is_read_again(tmp_path, reads, damage):
    corpus = _corpus(tmp_path / "raw")
    cache = tmp_path / "cache"
    ingest_folder(corpus, cache_dir=cache)
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == N_TRANSCRIPTS
    victim = entries[0]
    if damage == "garbage":
        victim.write_text('{"key": "', encoding="utf-8")
    elif damage == "empty":
        victim.write_bytes(b"")
    else:
        victim.write_bytes(entries[1].read_bytes())  # a valid entry of another file
    reads.clear()
    again = ingest_folder(corpus, cache_dir=cache)
    assert len(reads) == 1
    assert again.cache_hits == N_TRANSCRIPTS - 1
    _same(ingest_folder(corpus), again)


def test_file_cache_never_keeps_a_failure(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "raw")

    def broken_reader(data, **kwargs):
        raise RuntimeError("reader crashed")

    monkeypatch.setitem(folder_module.READERS, "txt", broken_reader)
    failed = ingest_folder(corpus, cache_dir=tmp_path / "cache")
    assert [r["status"] for r in failed.report if r["path"].endswith(".txt")] == ["failed"]
    monkeypatch.undo()
    again = ingest_folder(corpus, cache_dir=tmp_path / "cache")
    assert [r["status"] for r in again.report if r["path"].endswith(".txt")] == ["ok"]
    assert again.cache_hits == N_TRANSCRIPTS - 1


def test_file_cache_that_cannot_be_written_only_costs_the_reuse(tmp_path, reads):
    corpus = _corpus(tmp_path / "raw")
    blocked = tmp_path / "not_a_folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    for _ in range(2):
        result = ingest_folder(corpus, cache_dir=blocked)
        assert result.cache_hits == 0
        _same(ingest_folder(corpus), result)
    assert len(reads) == 4 * N_TRANSCRIPTS


def test_file_cache_fully_cached_rerun_starts_no_worker_and_matches(tmp_path):
    from pipeline.parallel import ProcessExecutor

    corpus = _corpus(tmp_path / "raw")
    with ProcessExecutor(2) as workers:
        first = ingest_folder(corpus, executor=workers, cache_dir=tmp_path / "cache")
        assert workers._pool is not None  # the cold run read the files in the workers
    with ProcessExecutor(2) as workers:
        again = ingest_folder(corpus, executor=workers, cache_dir=tmp_path / "cache")
        assert workers._pool is None  # every file came from the cache, here
    assert again.cache_hits == N_TRANSCRIPTS
    _same(first, again)
    _same(ingest_folder(corpus), again)
