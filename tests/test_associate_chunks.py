"""Streaming in chunks of documents gives the same tables as one pass over the corpus."""

import pandas as pd
import pytest
from associate_docs import corpus, tagged
from test_associate_counts import SOCIAL, TURNS
from test_associate_discourse import REPORT

from pipeline.associate.associations import associate_files, associate_terms
from pipeline.params import AssociateParams

CORPUS = [*TURNS, *SOCIAL, *REPORT, ("z.txt", "Ali", tagged("Regie/NOUN en/CCONJ vertrouwen/NOUN"))]
NAMES = ["term_hits", "kwic", "associations", "relations", "term_variants"]


@pytest.mark.parametrize("context", ["discourse", "sentence", "window"])
@pytest.mark.parametrize("max_tokens", [1, 12])
def test_associate_chunks_do_not_change_the_result(context, max_tokens):
    tokens, segments = corpus(CORPUS)
    params = AssociateParams(context=context, min_cooc=1)
    whole = associate_terms(tokens, segments, params=params, max_tokens=10**9)
    parts = associate_terms(tokens, segments, params=params, max_tokens=max_tokens)
    assert len(whole.associations) >= 5
    assert whole.associations["n_docs"].max() > 1  # pairs that cross chunks
    for name in NAMES:
        pd.testing.assert_frame_equal(getattr(parts, name), getattr(whole, name), check_dtype=False)


def test_associate_chunks_from_files_match_memory(tmp_path):
    tokens, segments = corpus(CORPUS)
    tokens.to_parquet(tmp_path / "tokens.parquet", index=False)
    segments.to_parquet(tmp_path / "segments.parquet", index=False)
    params = AssociateParams(min_cooc=1)
    files = associate_files(
        tmp_path / "tokens.parquet", tmp_path / "segments.parquet", params=params, max_tokens=8
    )
    memory = associate_terms(tokens, segments, params=params)
    for name in NAMES:
        pd.testing.assert_frame_equal(
            getattr(files, name), getattr(memory, name), check_dtype=False
        )
    only = associate_files(
        tmp_path / "tokens.parquet", tmp_path / "segments.parquet", params=params, docs=["r.txt"]
    )
    assert set(only.term_hits["doc_id"]) == {"r.txt"}
