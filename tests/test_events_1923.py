"""Cliff on 1923: strike and wage figures, endnote markers and the missing table."""

from __future__ import annotations

import pandas as pd
import pytest

from companion import data
from companion.passages import load_passages


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    return data.load("cliff_figures")


# (figure as printed, kind, value, unit, counted, qualifier), hand-checked in cliff-1923:2:p8, p12
EXPECTED = [
    ("100,000", "strike", 100000, "", "miners and engineers", "more than"),
    ("six", "strike", 6, "", "communists", ""),
    ("26", "strike", 26, "", "members", "a total of"),
    ("100,000", "strike", 100000, "", "agricultural workers", ""),
    ("10,000", "strike", 10000, "", "Brandenburg day workers", ""),
    ("153,000", "union", 153000, "", "engineers", ""),
    ("250,000", "union", 250000, "", "engineers", "the total of"),
    ("60", "strike", 60, "", "enterprises", ""),
    ("150,000", "strike", 150000, "", "engineers", ""),
    ("9,800", "wage", 9800, "marks", "", ""),
    ("12,000", "wage", 12000, "marks", "", ""),
    ("38", "wage", 38, "per cent", "", ""),
    ("8,000", "strike", 8000, "", "workers", ""),
    ("eleven", "strike", 11, "", "striking Berlin enterprises", ""),
]


def test_figures(figures: pd.DataFrame):
    got = list(
        zip(
            figures["figure"],
            figures["kind"],
            figures["value"],
            figures["unit"],
            figures["counted"],
            figures["qualifier"],
            strict=True,
        )
    )
    assert got == EXPECTED


def test_figures_are_quoted_from_their_passage(figures: pd.DataFrame):
    passages = load_passages()
    for row in figures.itertuples():
        text = passages.loc[row.passage_id, "text"]
        assert row.quote in text
        assert text[row.text_start : row.text_end] == row.figure
        assert row.figure in row.quote


def test_figures_carry_the_dates_of_their_sentence(figures: pd.DataFrame):
    by_id = figures.set_index("figure")
    assert by_id.loc["150,000", "dates"] == "10 July = 1923-07-10"
    assert "On this date = 1923-06-07" in by_id.loc["six", "dates"]


def test_endnotes():
    notes = data.load("cliff_endnotes")
    assert list(notes["number"]) == list(range(1, 26))
    missing = notes[notes["marker_passage_id"] == ""]
    assert list(missing["number"]) == [3]


def test_the_missing_table_is_a_gap_after_the_announcing_paragraph():
    gaps = data.load("cliff_gaps")
    assert len(gaps) == 1
    gap = gaps.iloc[0]
    assert gap["blank_lines"] == 21  # lines 22–42 of the raw file are empty
    assert "21 lines" in gap["note"]  # the parser counted the same run
    text = load_passages().loc[gap["passage_before"], "text"]
    assert text.endswith("The changes in the mark’s exchange rate with the dollar tell the story:")
