"""Long text in pieces: cut at paragraph or sentence boundaries, parsed apart, joined again.

A spaCy pipeline refuses a text longer than `nlp.max_length` (1,000,000 characters), and
its memory grows with the length of each text it parses. A segment longer than
`annotate.piece_chars` (a turn of an hour, a PDF text layer without paragraph breaks, a
file that is one line) is therefore cut into pieces of at most that many characters: at
the last paragraph break in the second half of the piece, else the last line break, else
the last sentence end, else the last space, else (one unbroken word) at the bound itself.
Each piece is parsed as a text of its own, and the pieces' token columns are joined with
exact offsets: token and head numbers continue across pieces, and a piece starts a new
sentence, so sentence numbers stay dense and increasing within the segment.

Texts go to the pipeline in batches bounded by characters as well as by count, so a batch
of long segments never holds more than `BATCH_CHARS` characters at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# Boundaries to cut at, strongest first; a cut falls just after the boundary's whitespace.
_BOUNDARIES = (
    re.compile(r"\n[^\S\n]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"(?<=[.!?;:…])[\"')\]»”’]*\s+"),
    re.compile(r"\s+"),
)
# Characters in one batch of texts sent to the pipeline (long texts go alone).
BATCH_CHARS = 50_000
# Token columns that count tokens or sentences within the segment.
_NUMBERED = ("tok_idx", "head_idx", "sent_idx")


def piece_bounds(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Where to cut a text into pieces of at most `max_chars` characters.

    Args:
        text: The text of one segment.
        max_chars: The longest piece.

    Returns:
        Half-open `(start, end)` ranges that cover the text in order, without gaps; one
        range when the text is short enough.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, got {max_chars}")
    bounds = []
    start = 0
    while len(text) - start > max_chars:
        end = _cut(text, start, start + max_chars)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _cut(text: str, lo: int, hi: int) -> int:
    """The last boundary in the second half of `text[lo:hi]`, strongest kind first."""
    middle = lo + (hi - lo) // 2
    for pattern in _BOUNDARIES:
        last = None
        for last in pattern.finditer(text, middle, hi):  # noqa: B007 - the last match
            pass
        if last is not None and last.end() > lo:
            return last.end()
    return hi


def batches(
    items: Iterable[tuple[str, object]], *, batch_size: int, max_chars: int = BATCH_CHARS
) -> Iterator[list[tuple[str, object]]]:
    """Group (text, context) pairs in order: at most `batch_size` texts and `max_chars`.

    A text longer than `max_chars` forms a batch of its own.
    """
    batch: list[tuple[str, object]] = []
    size = 0
    for item in items:
        if batch and (len(batch) >= batch_size or size + len(item[0]) > max_chars):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += len(item[0])
    if batch:
        yield batch


def shift_piece(piece: dict[str, list], n_tokens: int, n_sents: int) -> dict[str, list]:
    """Renumber one piece's token columns to follow `n_tokens` tokens and `n_sents` sentences.

    Args:
        piece: Token columns of a piece, numbered from 0 within it.
        n_tokens: Tokens of the segment's earlier pieces.
        n_sents: Sentences of the segment's earlier pieces.

    Returns:
        The columns (a new dict; `tok_idx` and `head_idx` shifted by `n_tokens`, `sent_idx`
        by `n_sents`), or `piece` itself for the first piece.
    """
    if not n_tokens:
        return piece
    shift = {"tok_idx": n_tokens, "head_idx": n_tokens, "sent_idx": n_sents}
    return {
        name: [value + shift[name] for value in values] if name in _NUMBERED else values
        for name, values in piece.items()
    }


def append_piece(joined: dict[str, list] | None, piece: dict[str, list]) -> dict[str, list]:
    """Join one piece's token columns onto the columns of the pieces before it.

    Args:
        joined: The columns of the earlier pieces of the segment (None for the first).
        piece: Token columns of the next piece, numbered from 0 within it, with offsets
            already in document characters.

    Returns:
        The joined columns (`joined`, extended in place): `tok_idx` and `head_idx` shifted
        by the tokens before, `sent_idx` by the sentences before.
    """
    if joined is None:
        return piece
    n_tokens = len(joined["tok_idx"])
    n_sents = joined["sent_idx"][-1] + 1 if n_tokens else 0
    for name, values in shift_piece(piece, n_tokens, n_sents).items():
        joined[name].extend(values)
    return joined
