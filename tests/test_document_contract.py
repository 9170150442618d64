"""The contract every parser must keep (see companion/model.py and companion/parsers)."""

from __future__ import annotations

import pytest

from companion.parsers import parser_for
from companion.passages import assign_ids
from tests.conftest import SOURCE_IDS


@pytest.mark.parametrize("sid", SOURCE_IDS)
def test_lossless_coverage(documents, sid):
    """Every non-whitespace raw character lies in exactly one block segment or artefact."""
    doc = documents[sid]
    owner = [0] * len(doc.raw)
    spans = [seg for b in doc.blocks for seg in b.segments]
    spans += [(a.start, a.end) for a in doc.artefacts if a.kind != "page_break"]
    for a, b in spans:
        assert 0 <= a < b <= len(doc.raw), f"{sid}: bad span {a}-{b}"
        for i in range(a, b):
            owner[i] += 1
    uncovered = [i for i, c in enumerate(doc.raw) if not c.isspace() and owner[i] == 0]
    twice = [i for i, c in enumerate(doc.raw) if not c.isspace() and owner[i] > 1]

    def show(i):
        line = doc.raw.count("\n", 0, i) + 1
        return f"line {line}: {doc.raw[max(0, i - 20) : i + 20]!r}"

    assert not uncovered, f"{sid}: {len(uncovered)} uncovered chars, first at {show(uncovered[0])}"
    assert not twice, f"{sid}: {len(twice)} chars covered twice, first at {show(twice[0])}"


@pytest.mark.parametrize("sid", SOURCE_IDS)
def test_reading_text_is_normalised_raw(documents, sid):
    """For every block, normalising its raw segments gives its reading text."""
    doc = documents[sid]
    normalise = parser_for(sid).normalise
    for block in doc.blocks:
        again = normalise(doc.raw, block.segments)
        assert again.text == block.text, f"{sid}: {block.kind} at {block.start}"
        assert len(block.reading.offsets) == len(block.text)
        offsets = block.reading.offsets
        assert all(block.start <= o < block.end for o in offsets), f"{sid}: offset outside block"
        assert offsets == sorted(offsets), f"{sid}: offsets not monotone in block at {block.start}"


@pytest.mark.parametrize("sid", SOURCE_IDS)
def test_blocks_are_in_raw_order_and_non_empty(documents, sid):
    doc = documents[sid]
    starts = [b.start for b in doc.blocks if b.kind != "footnote"]
    assert starts == sorted(starts), f"{sid}: body blocks out of raw order"
    for b in doc.blocks:
        assert b.text.strip(), f"{sid}: empty {b.kind} block at {b.start}"
        segs = b.segments
        assert all(a < b2 for (a, b2) in segs)
        assert all(segs[i][1] <= segs[i + 1][0] for i in range(len(segs) - 1))


@pytest.mark.parametrize("sid", SOURCE_IDS)
def test_passage_ids_unique(documents, sid):
    ids = assign_ids(documents[sid])
    assert len(ids) == len(set(ids))
