"""Scoring name finders against a gold set of marked-up snippets.

The gold set (`tests/data/gold/names/snippets.csv`) has one snippet per row: an id, a split
(`dev` while the rules were written, `heldout` written before and not tuned on), the speaker
labels of the meeting (`;`-separated) and the text with each person name in `[[...]]`.

Scores count words, so that "mevrouw De Vries" against a gold "De Vries" is judged on its
words: titles are not names, and leading titles are dropped from predictions before scoring.
A gold name counts as hidden only when all of its words are covered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from pipeline.privacy.spans import Span
from pipeline.privacy.speakers import strip_titles

_MARK = re.compile(r"\[\[(.+?)\]\]")
_WORD = re.compile(r"\w+")


def read_gold(path: str | Path) -> pd.DataFrame:
    """Read the gold snippets and resolve their `[[...]]` marks into spans.

    Args:
        path: The gold CSV.

    Returns:
        A table with columns snippet_id, split, speakers (list of labels), text (without
        marks) and spans (list of `(start, end)` of the gold names in `text`).
    """
    raw = pd.read_csv(path, keep_default_na=False, dtype=str)
    rows = []
    for row in raw.itertuples(index=False):
        text, spans, cursor, pieces = row.text, [], 0, []
        position = 0
        for mark in _MARK.finditer(text):
            pieces.append(text[cursor : mark.start()])
            position += mark.start() - cursor
            spans.append((position, position + len(mark[1])))
            pieces.append(mark[1])
            position += len(mark[1])
            cursor = mark.end()
        pieces.append(text[cursor:])
        rows.append(
            {
                "snippet_id": row.snippet_id,
                "split": row.split,
                "speakers": [s for s in row.speakers.split(";") if s],
                "text": "".join(pieces),
                "spans": spans,
            }
        )
    return pd.DataFrame(rows)


def _strip_leading_titles(text: str, span: Span) -> tuple[int, int]:
    words = list(_WORD.finditer(text[span.start : span.end]))
    titles, _ = strip_titles([w.group() for w in words])
    if titles and len(titles) < len(words):
        return span.start + words[len(titles)].start(), span.end
    return span.start, span.end


def _word_ids(text: str, ranges: list[tuple[int, int]]) -> set[int]:
    return {
        i
        for i, word in enumerate(_WORD.finditer(text))
        if any(word.start() < end and start < word.end() for start, end in ranges)
    }


def score(
    gold: pd.DataFrame, finder: Callable[[str, list[str]], list[Span]]
) -> tuple[dict[str, float], pd.DataFrame]:
    """Precision and recall of a name finder over the gold snippets.

    Args:
        gold: Table from `read_gold`.
        finder: Called with a snippet's text and speaker labels; returns name spans.

    Returns:
        The summary (precision, recall and f1 over words; name_recall, the share of gold
        names hidden entirely; counts) and a table per snippet with columns snippet_id,
        split, missed (gold words not found) and extra (found words not in the gold).
    """
    tp = fp = fn = names = hidden = 0
    details = []
    for row in gold.itertuples(index=False):
        found = [_strip_leading_titles(row.text, s) for s in finder(row.text, row.speakers)]
        predicted, expected = _word_ids(row.text, found), _word_ids(row.text, row.spans)
        tp += len(predicted & expected)
        fp += len(predicted - expected)
        fn += len(expected - predicted)
        for span in row.spans:
            names += 1
            hidden += _word_ids(row.text, [span]) <= predicted
        words = [w.group() for w in _WORD.finditer(row.text)]
        details.append(
            {
                "snippet_id": row.snippet_id,
                "split": row.split,
                "missed": " ".join(words[i] for i in sorted(expected - predicted)),
                "extra": " ".join(words[i] for i in sorted(predicted - expected)),
            }
        )
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    summary = {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "name_recall": hidden / names if names else 1.0,
        "gold_words": tp + fn,
        "gold_names": names,
        "true_positives": tp,
        "false_positives": fp,
        "false_negatives": fn,
    }
    return summary, pd.DataFrame(details)
