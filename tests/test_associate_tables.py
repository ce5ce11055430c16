import pytest
from associate_docs import corpus, tagged
from test_associate_counts import SOCIAL, TURNS

from pipeline.associate.associations import associate_terms
from pipeline.associate.stage import associate
from pipeline.params import AssociateParams, Params, TermSpec
from pipeline.tables import read_table, validate, write_table

TABLES = ["term_hits", "kwic", "associations", "relations"]
OUTPUTS = ["term_hits.parquet", "kwic.csv", "associations.csv", "relations.csv"]

KWIC_TURNS = [
    (
        "b.txt",
        "Lotte",
        tagged(
            "Maatwerk/NOUN vraagt/vragen/VERB om/ADP regie/NOUN"
            " van/ADP de/DET gemeente/NOUN ./PUNCT"
        ),
    ),
    (
        "a.txt",
        "Kees",
        tagged("Regie/NOUN is/zijn/AUX lastig/ADJ ./PUNCT | Meer/ADV regie/NOUN !/PUNCT"),
    ),
]


def _run(turns=TURNS, **options):
    tokens, segments = corpus(turns)
    return associate_terms(tokens, segments, params=AssociateParams(**options))


@pytest.mark.parametrize("turns", [TURNS, SOCIAL, KWIC_TURNS])
def test_associate_tables_follow_their_contracts(turns):
    result = _run(turns, min_cooc=1)
    for name in TABLES:
        validate(getattr(result, name), name)


def test_associate_tables_kwic_sorted_by_term_doc_position():
    kwic = _run(KWIC_TURNS).kwic
    assert list(zip(kwic["term"], kwic["doc_id"], kwic["keyword"], strict=True)) == [
        ("maatwerk", "b.txt", "Maatwerk"),
        ("regie", "a.txt", "Regie"),
        ("regie", "a.txt", "regie"),
        ("regie", "b.txt", "regie"),
    ]
    assert kwic["char_start"].is_monotonic_increasing is False  # b.txt comes after a.txt


@pytest.mark.parametrize(
    ("width", "hit_id", "left", "right"),
    [
        (2, "b.txt#0000:3", "vraagt om", "van de"),
        (10, "b.txt#0000:3", "Maatwerk vraagt om", "van de gemeente."),
        # contexts cross sentences but not turns; punctuation counts as a token
        (2, "a.txt#0000:0", "", "is lastig"),
        (3, "a.txt#0000:5", "lastig. Meer", "!"),
    ],
)
def test_associate_tables_hit_contexts_from_the_text(width, hit_id, left, right):
    hits = _run(KWIC_TURNS, kwic_width=width).term_hits.set_index("hit_id")
    assert hits.loc[hit_id, "left"] == left
    assert hits.loc[hit_id, "right"] == right


def test_associate_tables_hit_sentence_and_speaker():
    hits = _run(KWIC_TURNS).term_hits.set_index("hit_id")
    assert hits.loc["a.txt#0000:5", "sentence"] == "Meer regie!"
    assert hits.loc["a.txt#0000:5", "speaker"] == "Kees"
    assert hits.loc["b.txt#0000:3", "sentence"] == "Maatwerk vraagt om regie van de gemeente."


def test_associate_tables_every_association_links_to_hits():
    result = _run(TURNS, min_cooc=1)
    hit_ids = set(result.term_hits["hit_id"])
    assert len(result.associations) > 0
    for ids, term in zip(
        result.associations["example_hit_ids"], result.associations["term"], strict=True
    ):
        examples = ids.split(";")
        assert 1 <= len(examples) <= 3
        assert set(examples) <= hit_ids
        assert set(result.term_hits.set_index("hit_id").loc[examples, "term"]) == {term}


def test_associate_tables_relations_summarised_in_associations():
    result = _run(SOCIAL, min_cooc=1, min_count=1, content="nouns-adjectives-verbs")
    table = result.associations.set_index(["term", "associate"])
    # participatie is the object of steunen and the subject of vragen
    assert table.loc[("participatie", "vragen"), "relations"] == "governor_subj:1"


@pytest.mark.parametrize("rank_by", ["signed_log_likelihood", "log_dice", "fisher_p"])
def test_associate_tables_sorted_strongest_first(rank_by):
    options = {"min_cooc": 1, "min_count": 1, "content": "nouns-adjectives-verbs"}
    table = _run(TURNS, rank_by=rank_by, **options).associations
    assert len(table) > 3
    for _, group in table.groupby("term"):
        # stated associations come first; below them the measure decides
        assert not group["stated"].notna().diff().fillna(0).lt(0).any()
        rest = group.loc[group["stated"].isna(), rank_by]
        ordered = (
            rest.is_monotonic_increasing if rank_by == "fisher_p" else rest.is_monotonic_decreasing
        )
        assert ordered


def _stage(tmp_path, turns, name, *, shuffle=False):
    interim, processed = tmp_path / name / "interim", tmp_path / name / "processed"
    tokens, segments = corpus(turns)
    if shuffle:  # row order of the input must not matter
        tokens = tokens.sample(frac=1.0, random_state=7)
        segments = segments.iloc[::-1]
    write_table(tokens, interim / "tokens.parquet", "tokens")
    write_table(segments, interim / "segments.parquet", "segments")
    params = Params(associate=AssociateParams(min_cooc=1, terms={"regie": TermSpec()}))
    associate(interim, processed, params)
    return processed


def test_associate_tables_stage_round_trip_and_byte_identical(tmp_path):
    turns = TURNS + KWIC_TURNS
    first = _stage(tmp_path, turns, "one")
    second = _stage(tmp_path, turns, "two", shuffle=True)
    for output, name in zip(OUTPUTS, TABLES, strict=True):
        read_table(first / output, name)  # validates what was written, CSV included
        assert (first / output).read_bytes() == (second / output).read_bytes(), output


@pytest.mark.parametrize("context", ["sentence", "segment", "window"])
@pytest.mark.parametrize(
    ("text", "n_hits"),
    [("Hallo/INTJ ./PUNCT", 0), ("Regie/NOUN ./PUNCT", 1), ("", 0)],
)
def test_associate_tables_empty_results_still_follow_contracts(context, text, n_hits):
    tokens, segments = corpus([("x.txt", None, tagged(text or "Hallo/INTJ"))])
    if not text:
        tokens, segments = tokens.iloc[:0], segments.iloc[:0]
    result = associate_terms(tokens, segments, params=AssociateParams(context=context))
    assert len(result.term_hits) == n_hits
    assert result.associations.empty
    for name in TABLES:
        validate(getattr(result, name), name)
