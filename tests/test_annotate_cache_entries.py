"""The annotation cache: keys, entries on disk, reuse, invalidation and interrupted runs.

These tests use a blank Dutch pipeline (tokenizer and sentencizer) saved to disk, so they
run in seconds and load the model the same way the stage does: by folder.
"""

from __future__ import annotations

from importlib import metadata

import pandas as pd
import pyarrow as pa
import pytest
import spacy
from builders import segment_row

from pipeline.annotate.cache import annotate_cached
from pipeline.annotate.store import TOKENS_SCHEMA, AnnotationCache
from pipeline.annotate.tokens import annotate_segments
from pipeline.model.nlp import load_pipeline
from pipeline.params import AnnotateParams

TURNS = {
    "fishbowl.txt": [
        ("Voorzitter", "Welkom bij de vissenkom over de nieuwe Wet inburgering."),
        ("Fatima", "Wij voeren sinds 2022 weer de regie. Dat vraagt maatwerk."),
    ],
    "breakout.txt": [
        ("Jeroen", "Zelfredzaamheid is een groeiproces, geen eindpunt."),
        ("Annelies", "Het burgerinitiatief kent de weg naar het stadskantoor niet."),
    ],
    "verslag.txt": [
        (None, "De raad bespreekt de brede intake en het PIP."),
    ],
}
NEW_DOC = {
    "nieuw.txt": [
        ("Samira", "Als statushouder wil ik zelf meebeslissen over mijn route."),
        ("Voorzitter", "Dank je wel, dat nemen we mee naar de ontwikkeltafel."),
    ]
}


def _segments(turns: dict[str, list[tuple[str | None, str]]]) -> pd.DataFrame:
    rows = []
    for doc_id, doc_turns in turns.items():
        position = 0
        for idx, (speaker, text) in enumerate(doc_turns):
            label = f"{speaker}: " if speaker else ""
            start = position + len(label)
            rows.append(segment_row(doc_id, idx, text, char_start=start, speaker=speaker))
            position = start + len(text) + 2
    return pd.DataFrame(rows)


def _save_blank(folder, *, version: str = "0.0.1"):
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.meta["version"] = version
    nlp.to_disk(folder)
    return folder


@pytest.fixture(scope="module")
def blank_model(tmp_path_factory):
    return _save_blank(tmp_path_factory.mktemp("models") / "blank_nl")


@pytest.fixture(scope="module")
def loaded(blank_model):
    return load_pipeline(str(blank_model))


def as_arrow(tokens: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(tokens, preserve_index=False).cast(TOKENS_SCHEMA)


def _cache(tmp_path, info, **params):
    return AnnotationCache(tmp_path / "cache", model_info=info, params=AnnotateParams(**params))


def test_cache_key_is_stable_for_the_same_input(tmp_path, loaded):
    _, info = loaded
    part = _segments(TURNS)[lambda df: df["doc_id"] == "fishbowl.txt"]
    assert _cache(tmp_path, info).key(part) == _cache(tmp_path, dict(info)).key(part.copy())


@pytest.mark.parametrize(
    "change",
    [
        "text",
        "seg_id",
        "char_start",
        "model_hash",
        "model_version",
        "spacy",
        "lookup_tables",
        "stop_words",
    ],
)
def test_cache_key_changes_with_what_decides_the_tokens(tmp_path, loaded, change, monkeypatch):
    _, info = loaded
    part = _segments(TURNS)[lambda df: df["doc_id"] == "fishbowl.txt"].reset_index(drop=True)
    before = _cache(tmp_path, info).key(part)
    other_info, params, other = dict(info), {}, part.copy()
    if change == "text":
        other.loc[1, "text"] = other.loc[1, "text"].replace("maatwerk", "regie")
    elif change == "seg_id":
        other.loc[0, "seg_id"] = "fishbowl2.txt#0000"
    elif change == "char_start":
        other.loc[1, "char_start"] += 1
    elif change == "model_hash":
        other_info["hash"] = "0" * 16
    elif change == "model_version":
        other_info["version"] = "9.9.9"
    elif change == "spacy":
        other_info["spacy_version"] = "3.7.0"
    elif change == "lookup_tables":
        # An upgrade of spacy-lookups-data changes the lemma back-off, not the model files.
        real_version = metadata.version
        monkeypatch.setattr(
            metadata,
            "version",
            lambda name: "99.0" if name == "spacy-lookups-data" else real_version(name),
        )
    else:
        params = {"extra_stop_words": ["gemeente"]}
    assert _cache(tmp_path, other_info, **params).key(other) != before


def test_cache_entry_round_trips(tmp_path, loaded):
    nlp, info = loaded
    part = _segments(TURNS)[lambda df: df["doc_id"] == "breakout.txt"]
    tokens = annotate_segments(part, nlp, params=AnnotateParams())
    cache = _cache(tmp_path, info)
    key = cache.key(part)
    assert cache.get(key) is None
    cache.put(key, as_arrow(tokens))
    assert cache.path(key).parent.name == key[:2]
    entry = cache.get(key)
    assert entry.schema == TOKENS_SCHEMA
    pd.testing.assert_frame_equal(entry.to_pandas(), tokens)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "other_key"])
def test_cache_damaged_entry_is_a_miss_and_removed(tmp_path, loaded, damage):
    nlp, info = loaded
    segments = _segments(TURNS)
    cache = _cache(tmp_path, info)
    parts = {doc: part for doc, part in segments.groupby("doc_id")}
    key = cache.key(parts["fishbowl.txt"])
    cache.put(key, as_arrow(annotate_segments(parts["fishbowl.txt"], nlp, params=AnnotateParams())))
    path = cache.path(key)
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif damage == "garbage":
        path.write_bytes(b"ARROW1 geen arrow ARROW1")
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        # A complete, valid file that belongs to another document.
        other = cache.key(parts["verslag.txt"])
        tokens = as_arrow(annotate_segments(parts["verslag.txt"], nlp, params=AnnotateParams()))
        cache.put(other, tokens)
        path.write_bytes(cache.path(other).read_bytes())
    assert cache.get(key) is None
    assert not path.exists()


def test_cache_off_never_writes(tmp_path, loaded):
    nlp, info = loaded
    segments = _segments(TURNS)
    first = annotate_cached(segments, nlp, info, params=AnnotateParams(), cache_dir=None)
    second = annotate_cached(segments, nlp, info, params=AnnotateParams(), cache_dir=None)
    assert (first.misses, second.misses, second.hits) == (3, 3, 0)
    assert not any(tmp_path.iterdir())


def test_cache_new_document_is_the_only_one_annotated(tmp_path, loaded):
    nlp, info = loaded
    params = AnnotateParams()
    first = annotate_cached(_segments(TURNS), nlp, info, params=params, cache_dir=tmp_path)
    grown = _segments({**TURNS, **NEW_DOC})
    second = annotate_cached(grown, nlp, info, params=params, cache_dir=tmp_path)
    assert (first.hits, first.misses) == (0, 3)
    assert (second.hits, second.misses, second.annotated) == (3, 1, ["nieuw.txt"])
    pd.testing.assert_frame_equal(second.tokens, annotate_segments(grown, nlp, params=params))


def test_cache_tokens_keep_document_order(tmp_path, loaded):
    nlp, info = loaded
    # Warm the cache with the last document only, so hits and misses interleave.
    segments = _segments({**TURNS, **NEW_DOC})
    annotate_cached(
        segments[segments["doc_id"] == "breakout.txt"],
        nlp,
        info,
        params=AnnotateParams(),
        cache_dir=tmp_path,
    )
    result = annotate_cached(segments, nlp, info, params=AnnotateParams(), cache_dir=tmp_path)
    assert (result.hits, result.misses) == (1, 3)
    order = list(dict.fromkeys(result.tokens["doc_id"]))
    assert order == ["fishbowl.txt", "breakout.txt", "verslag.txt", "nieuw.txt"]


@pytest.mark.parametrize("what", ["model", "stop_words"])
def test_cache_model_or_params_change_misses_everything(tmp_path, loaded, what):
    nlp, info = loaded
    segments = _segments(TURNS)
    annotate_cached(segments, nlp, info, params=AnnotateParams(), cache_dir=tmp_path / "c")
    params = AnnotateParams()
    if what == "model":
        nlp, info = load_pipeline(str(_save_blank(tmp_path / "retrained", version="0.0.2")))
    else:
        params = AnnotateParams(extra_stop_words=["vissenkom"])
    again = annotate_cached(segments, nlp, info, params=params, cache_dir=tmp_path / "c")
    assert (again.hits, again.misses) == (0, 3)
    if what == "stop_words":
        assert again.tokens.loc[again.tokens["text"] == "vissenkom", "is_stop"].all()


def test_cache_interrupted_run_then_rerun_completes(tmp_path, loaded, monkeypatch):
    nlp, info = loaded
    segments = _segments({**TURNS, **NEW_DOC})
    clean = annotate_cached(segments, nlp, info, params=AnnotateParams(), cache_dir=None)
    written = []
    real_put = AnnotationCache.put

    def put_then_crash(self, key, tokens):
        if len(written) == 2:
            # The crash strikes while the third entry is half written: a temp file is left.
            (self.path(key).parent).mkdir(parents=True, exist_ok=True)
            (self.path(key).parent / f".{key}.arrow.half.tmp").write_bytes(b"ARROW1\x00\x01")
            raise KeyboardInterrupt
        real_put(self, key, tokens)
        written.append(key)

    monkeypatch.setattr(AnnotationCache, "put", put_then_crash)
    with pytest.raises(KeyboardInterrupt):
        annotate_cached(segments, nlp, info, params=AnnotateParams(), cache_dir=tmp_path)
    monkeypatch.setattr(AnnotationCache, "put", real_put)

    assert len(list(tmp_path.rglob("*.arrow"))) == 2
    rerun = annotate_cached(segments, nlp, info, params=AnnotateParams(), cache_dir=tmp_path)
    assert (rerun.hits, rerun.misses) == (2, 2)
    pd.testing.assert_frame_equal(rerun.tokens, clean.tokens)
