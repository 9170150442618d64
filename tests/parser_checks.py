"""Checks shared by the parser tests: find a block by raw phrase, check a normalisation case."""

from __future__ import annotations

from companion.model import Block, Document


def block_at(doc: Document, raw_phrase: str) -> tuple[Block, int]:
    """The block with a segment overlapping the (unique) raw phrase, and the phrase's offset."""
    assert doc.raw.count(raw_phrase) == 1, raw_phrase
    i = doc.raw.index(raw_phrase)
    j = i + len(raw_phrase)
    for b in doc.blocks:
        if any(a < j and i < e for a, e in b.segments):
            return b, i
    raise AssertionError(f"no block at {raw_phrase!r}")


def assert_reads_as(doc: Document, raw_phrase: str, reading: str) -> None:
    """The raw phrase's block shows ``reading``, which maps back inside the raw phrase."""
    block, i = block_at(doc, raw_phrase)
    r = block.text.find(reading)
    assert r >= 0, f"{reading!r} not in {block.text[:80]!r}"
    a, b = block.reading.raw_span(r, r + len(reading))
    assert i <= a and b <= i + len(raw_phrase), "reading text maps outside the raw phrase"
