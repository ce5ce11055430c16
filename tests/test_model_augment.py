"""Quote variants of training sentences: `"` pairs become `,,` and `''`."""

import pytest

from pipeline.model.augment import quote_variants
from pipeline.model.conllu import parse_conllu


def _sentence(n: int, words: list[str]) -> str:
    lines = [f"# sent_id = s{n}"]
    for i, word in enumerate(words, start=1):
        opening_quote = word == '"' and words[:i].count('"') % 2 == 1
        before_quote = i < len(words) and words[i] == '"' and words[: i + 1].count('"') % 2 == 0
        no_space = opening_quote or before_quote or i == len(words) - 1
        misc = "SpaceAfter=No" if no_space else "_"
        lines.append(f"{i}\t{word}\t{word}\tX\t_\t_\t0\troot\t_\t{misc}")
    return "\n".join(lines) + "\n\n"


QUOTED = ["Zij", "noemt", "het", '"', "maatwerk", '"', "."]
TEXT = (
    _sentence(1, QUOTED)
    + _sentence(2, QUOTED)
    + _sentence(3, ["Geen", "aanhalingstekens", "hier", "."])
    + _sentence(4, ["Eén", '"', "teken", "."])
)


def test_augment_quote_variants_rewrite_pairs():
    out = quote_variants(parse_conllu(TEXT), every=1)
    first = out[out["sent_id"] == "s1"]
    assert first["form"].tolist() == ["Zij", "noemt", "het", ",,", "maatwerk", "''", "."]
    assert first["sent_text"].iloc[0] == "Zij noemt het ,,maatwerk''."


@pytest.mark.parametrize(("every", "changed"), [(1, {"s1", "s2"}), (2, {"s1"})])
def test_augment_quote_variants_change_every_nth_sentence(every, changed):
    out = quote_variants(parse_conllu(TEXT), every=every)
    touched = set(out.loc[out["form"] == ",,", "sent_id"])
    assert touched == changed


def test_augment_quote_variants_leave_unpaired_quotes():
    out = quote_variants(parse_conllu(TEXT), every=1)
    assert out.loc[out["sent_id"] == "s4", "form"].tolist() == ["Eén", '"', "teken", "."]
