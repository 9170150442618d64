"""data/derived/passages.csv and footnotes.csv against the sources."""

from __future__ import annotations

import os

import pytest

from companion import paths
from companion.data import load
from companion.errors import UnknownPassageError
from companion.parsers import parser_for
from companion.passages import get_passage, parse_segments
from companion.sources import read_source

SNAPSHOT = paths.ROOT / "tests" / "snapshots" / "passage_ids.txt"


@pytest.fixture(scope="module")
def passages():
    return load("passages")


def test_every_row_normalises_from_its_raw_segments(passages):
    """For every passage, normalising raw[start:end] (its segments) gives its text."""
    for sid, group in passages.groupby("source_id"):
        raw = read_source(sid)
        normalise = parser_for(sid).normalise
        for row in group.itertuples():
            segments = parse_segments(row.segments)
            assert segments[0][0] == row.start and segments[-1][1] == row.end, row.passage_id
            assert normalise(raw, segments).text == row.text, row.passage_id


def test_passage_ids_are_unique_and_follow_the_scheme(passages):
    assert passages["passage_id"].is_unique
    pattern = r"^[a-z0-9-]+:(?:[0-9IVX.]+:)?(?:[hpdqbgs]\d+|n\d+)$"
    bad = passages.loc[~passages["passage_id"].str.match(pattern), "passage_id"]
    assert bad.empty, list(bad[:5])


def test_passage_ids_are_stable():
    """Snapshot of every id: a change to the parsers or the scheme must be deliberate.

    After a deliberate change: UPDATE_SNAPSHOTS=1 pytest tests/test_passages.py
    """
    ids = "\n".join(load("passages")["passage_id"]) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(ids)
    assert SNAPSHOT.exists(), "no snapshot yet: run with UPDATE_SNAPSHOTS=1"
    assert ids == SNAPSHOT.read_text(), "passage ids changed; update the snapshot if deliberate"


def test_unknown_passage_id_is_a_clear_error():
    with pytest.raises(UnknownPassageError, match=r"unknown passage id 'crimes-1937:99:p1'"):
        get_passage("crimes-1937:99:p1")


def test_footnote_pairing_counts():
    notes = load("footnotes")
    by = notes.groupby(["source_id", "status"]).size().to_dict()
    assert by[("monat", "paired")] == 31
    assert set(notes.loc[notes["source_id"] == "monat", "label"].astype(str)) == {
        str(n) for n in range(356, 387)
    }
    assert by[("letter-1930", "paired")] == 1
    assert by[("letter-1930", "no_marker")] == 1
    assert by[("cliff-1923", "paired")] == 2
    assert by[("cliff-1923", "unresolved_marker")] == 24
    assert ("cliff-1923", "no_marker") not in by
    paired = notes[notes["status"] == "paired"]
    assert (paired["marker_passage_id"] != "").all()
    assert (paired["footnote_id"] != "").all()
