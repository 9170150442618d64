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


# --- the chapter's views ----------------------------------------------------------------


def test_dated_events_are_the_chapters_dates_of_1923_finer_than_a_year():
    from companion import events_1923 as E

    timeline = data.load("timeline")
    passages = data.load("passages")
    events = E.dated_events(timeline, passages)
    assert (events["source_id"] == E.SOURCE_ID).all()
    assert events["date_start"].str.startswith("1923").all()
    assert "year" not in set(events["precision"])
    assert len(events) == 41
    own = timeline[timeline["source_id"] == E.SOURCE_ID]
    left_out = own[~own["row_id"].isin(events["row_id"])]
    assert (
        (left_out["precision"] == "year") | ~left_out["date_start"].str.startswith("1923")
    ).all()
    heads = set(
        passages.loc[
            (passages["source_id"] == E.SOURCE_ID) & (passages["kind"] == "heading"), "text"
        ]
    )
    assert set(events["section_title"]) <= heads


def test_sentence_dates_read_back_the_dates_column():
    from companion.events_1923 import sentence_dates

    cell = (
        "On the same day = 1923-07-10; the second week of June = 1923-06-01/1923-06-30; "
        "the first week of July = 1923-07-01/1923-07-31"
    )
    assert sentence_dates(cell) == [
        ("On the same day", "1923-07-10", "1923-07-10"),
        ("the second week of June", "1923-06-01", "1923-06-30"),
        ("the first week of July", "1923-07-01", "1923-07-31"),
    ]
    assert sentence_dates("") == []


def test_striker_counts_leave_out_enterprises_and_committee_members(figures: pd.DataFrame):
    from companion.events_1923 import striker_counts

    strikers = striker_counts(figures)
    assert list(strikers["counted"]) == [
        "miners and engineers",
        "agricultural workers",
        "Brandenburg day workers",
        "engineers",
        "workers",
    ]
    # two of the five stand in one sentence dated 11 June: not all on different days
    assert strikers["dates"].tolist().count("11 June = 1923-06-11") == 2


def test_gap_context_is_the_announcing_sentence_and_the_next_paragraph():
    from companion.events_1923 import gap_context
    from companion.excerpts import excerpt_text

    gap = data.load("cliff_gaps").iloc[0]
    around = gap_context(gap, data.load("passages"))
    assert around["before"] == gap["passage_before"]
    assert excerpt_text(around["before"], around["announce"]) == around["announce"]
    assert excerpt_text(around["after"], around["after_opening"]) == around["after_opening"]
    assert around["after"] != around["before"] and around["after_opening"].endswith(".")
