"""Words per segment: the denominator of every relative frequency.

Words are the non-punctuation tokens of the annotate stage. The report and the notebooks
count them the same way, so a rate in report.html is the rate a notebook shows.
"""

from __future__ import annotations

import pandas as pd

from pipeline.export.matrices import NO_SPEAKER


def segment_words(segments: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """Count the words of every segment.

    Args:
        segments: The segments table.
        tokens: The tokens table (only seg_id and is_punct are used).

    Returns:
        One row per segment. Columns: seg_id, doc_id, speaker ("(no speaker)" where the
        segment has none, so that groupings keep it), section, words.
    """
    counts = tokens.loc[~tokens["is_punct"].astype(bool)].groupby("seg_id").size()
    table = segments[["seg_id", "doc_id", "speaker", "section"]].copy()
    table["speaker"] = table["speaker"].fillna(NO_SPEAKER)
    table["words"] = table["seg_id"].map(counts).fillna(0).astype("int64")
    return table


def per_1000_words(hits: pd.Series, words: pd.Series) -> pd.Series:
    """Hits per 1,000 words, missing where there are no words to divide by."""
    return 1000 * hits / words.where(words > 0)
