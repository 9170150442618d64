"""The cross-source timeline: every row is anchored in its passage, rules date
what the text makes certain and nothing else, conflicts are flagged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from companion import data
from companion.dates import find_dates, precision
from companion.errors import CuratedTableError
from companion.model import Block
from companion.passages import load_passages
from companion.sources import read_source
from companion.textlayer import Reading
from companion.timeline import (
    EVENTS_CSV,
    EXCLUSIONS_CSV,
    YEARS_CSV,
    Occurrence,
    event_text,
    quoted_spans,
    sentence_bounds,
    timeline_tables,
    weekday_mismatches,
)


@pytest.fixture(scope="module")
def timeline() -> pd.DataFrame:
    return data.load("timeline")


@pytest.fixture(scope="module")
def unresolved() -> pd.DataFrame:
    return data.load("timeline_unresolved")


@pytest.fixture(scope="module")
def conflicts() -> pd.DataFrame:
    return data.load("timeline_conflicts")


def _row(df: pd.DataFrame, source: str, expression: str, event_contains: str) -> pd.Series:
    hits = df[
        (df["source_id"] == source)
        & (df["expression"] == expression)
        & df["event"].str.contains(event_contains, regex=False)
    ]
    assert len(hits) == 1, hits[["passage_id", "expression", "event"]]
    return hits.iloc[0]


# --- every row is anchored --------------------------------------------------------


def test_every_row_passage_contains_its_date_expression(timeline: pd.DataFrame):
    passages = load_passages()
    assert len(timeline) > 500
    for row in timeline.itertuples():
        text = passages.loc[row.passage_id, "text"]
        assert text[row.text_start : row.text_end] == row.expression, row.row_id
        assert passages.loc[row.passage_id, "source_id"] == row.source_id


def test_every_row_raw_span_holds_the_expression(timeline: pd.DataFrame):
    raws = {sid: read_source(sid) for sid in timeline["source_id"].unique()}
    for row in timeline.itertuples():
        raw = raws[row.source_id][row.raw_start : row.raw_end]
        squeeze = "".join(raw.split()).replace("*", "")
        assert squeeze == "".join(row.expression.split()), (row.row_id, raw, row.expression)


def test_unresolved_rows_are_anchored_and_explained(unresolved: pd.DataFrame):
    passages = load_passages()
    for row in unresolved.itertuples():
        assert passages.loc[row.passage_id, "text"][row.text_start : row.text_end] == row.expression
        assert row.reason


def test_event_text_is_the_source_s_own_words(timeline: pd.DataFrame):
    passages = load_passages()
    for row in timeline.itertuples():
        text = passages.loc[row.passage_id, "text"]
        for piece in row.event.strip(" …").split(" … "):
            assert piece.strip(" …") in text, row.row_id
        assert row.expression in row.event


def test_dates_are_ordered_and_precision_fits(timeline: pd.DataFrame):
    for row in timeline.itertuples():
        start, end = date.fromisoformat(row.date_start), date.fromisoformat(row.date_end)
        assert start <= end
        assert precision(start, end) == row.precision
        assert row.precision in {"day", "month", "year", "period"}


def test_every_source_is_on_the_timeline(timeline: pd.DataFrame):
    counts = timeline["source_id"].value_counts()
    assert set(counts.index) == {
        "letter-1930",
        "crimes-1937",
        "monat",
        "cliff-1923",
        "rogovin-emigrants",
    }
    assert counts["letter-1930"] == 5


# --- what is left out ---------------------------------------------------------------


def test_citation_years_of_the_monat_notes_are_left_out(timeline: pd.DataFrame):
    notes = timeline[timeline["passage_id"].str.match(r"monat:n\d+")]
    # only the comment of note 375 ("zum ersten Mal 1922 in Berlin erschien") is dated
    assert list(zip(notes["passage_id"], notes["expression"], strict=True)) == [
        ("monat:n375", "1922")
    ]


def test_curated_exclusions_and_the_preface_are_left_out(timeline: pd.DataFrame, unresolved):
    assert timeline[timeline["event"].str.contains("Révolution en Allemagne")].empty
    everything = pd.concat([timeline["passage_id"], unresolved["passage_id"]])
    assert not everything.str.startswith("rogovin-emigrants:0:").any()


# --- the rules --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expression", "context", "start", "rule"),
    [
        ("letter-1930", "5. Februar 1930", "5. Februar 1930", "1930-02-05", "explicit"),
        ("crimes-1937", "30. Dezember", "30. Dezember", "1936-12-30", "dateline"),
        ("crimes-1937", "3. Januar", "3. Januar", "1937-01-03", "dateline"),
        ("crimes-1937", "21. Januar", "Coyoacan", "1937-01-21", "dateline"),
        (
            "crimes-1937",
            "15. September des vergangenen Jahres",
            "Schon am",
            "1936-09-15",
            "text's own year",
        ),
        ("monat", "März desselben Jahres", "Kronstadt", "1921-03-01", "year named before"),
        ("rogovin-emigrants", "May", "Tito created", "1938-05-01", "passage anchor"),
        ("cliff-1923", "16 June", "Grothe", "1923-06-16", "chapter year"),
        ("cliff-1923", "Two days later", "passive resistance", "1923-01-13", "relative"),
        ("cliff-1923", "the next day", "The debate went on", "1923-08-09", "relative"),
        ("cliff-1923", "the next day", "Germanía", "1923-07-27", "relative"),
        ("cliff-1923", "11th", "Thuringia", "1923-10-11", "relative"),
        ("cliff-1923", "On this date", "Upper Silesia", "1923-06-07", "relative"),
        ("crimes-1937", "4.", "fuhr mein Sohn aus Berlin ab", "1932-12-04", "relative"),
        (
            "crimes-1937",
            "21. August",
            "wenige Tage vor meiner Internierung",
            "1936-08-21",
            "curated",
        ),
    ],
)
def test_rules(timeline, source, expression, context, start, rule):
    row = _row(timeline, source, expression, context)
    assert (row["date_start"], row["rule"]) == (start, rule)


@pytest.mark.parametrize(
    ("source", "expression", "reason_contains"),
    [
        ("cliff-1923", "9 November", "quotation"),  # the day the Kaiser was deposed: 1918
        ("cliff-1923", "29 July", "quotation"),
        ("cliff-1923", "November", "block quote"),
        ("crimes-1937", "am nächsten Tage", "quotation"),  # a saying inside a Stalin quotation
        ("crimes-1937", "2. März", "no year"),
    ],
)
def test_not_dated(unresolved, source, expression, reason_contains):
    hits = unresolved[
        (unresolved["source_id"] == source) & (unresolved["expression"] == expression)
    ]
    assert len(hits) >= 1
    assert hits["reason"].str.contains(reason_contains).any()


def test_weekdays_printed_with_dates_fit(timeline: pd.DataFrame):
    sundays = timeline[timeline["expression"].str.startswith("Sunday")]
    assert len(sundays) == 2
    for row in sundays.itertuples():
        assert date.fromisoformat(row.date_start).weekday() == 6


def test_weekday_mismatch_is_detected():
    text = "Brandler spent Sunday, 22 October, in Chemnitz."
    block = Block("paragraph", "4", [(0, len(text))], Reading(text, list(range(len(text)))))
    [expr] = [e for e in find_dates(text, "en") if e.weekday is not None]
    occ = Occurrence("cliff-1923", "x:p1", block, 0, expr)
    occ.resolved = expr.with_year(1923)  # 22 October 1923 was a Monday
    assert weekday_mismatches([occ]) == [occ]


# --- conflicts ----------------------------------------------------------------------

EXPECTED_CONFLICTS = {
    ("within_source", "11. Dezember", "21. Dezember 1936"),
    ("within_source", "Januar 1935", "Januar 1936"),
    ("within_source", "12. Februar", "14. II. 1937"),
    ("within_source", "10 July", "10 June"),
    ("self_correction", "Oktober 1934", "1933"),
}


def test_conflicts_are_flagged(conflicts: pd.DataFrame, timeline: pd.DataFrame):
    got = set(
        zip(conflicts["kind"], conflicts["expression_a"], conflicts["expression_b"], strict=True)
    )
    assert got == EXPECTED_CONFLICTS
    flagged = timeline[timeline["conflict_ids"] != ""]
    for c in conflicts.itertuples():
        for row_id in (c.row_a, c.row_b):
            assert c.conflict_id in flagged.set_index("row_id").loc[row_id, "conflict_ids"]


def test_conflicting_rows_keep_their_printed_dates(timeline: pd.DataFrame):
    late = _row(timeline, "crimes-1937", "21. Dezember 1936", "Archive")
    assert late["date_start"] == "1936-12-21"  # flagged, not corrected
    assert late["correction_id"]
    early = _row(timeline, "crimes-1937", "11. Dezember", "als Zeuge geladen")
    assert early["date_start"] == "1936-12-11"


def test_agreeing_sources_share_an_event(timeline: pd.DataFrame):
    blumkin = timeline[timeline["event_id"] == "blumkin-visit"]
    assert set(blumkin["source_id"]) == {"letter-1930", "crimes-1937"}
    assert (blumkin["conflict_ids"] == "").all()


# --- curated tables are checked --------------------------------------------------------


def test_curated_year_that_matches_nothing_is_an_error(documents, tmp_path: Path):
    bad = tmp_path / "timeline_years.csv"
    bad.write_text(
        YEARS_CSV.read_text(encoding="utf-8")
        + "crimes-1937,13. August,Am 13. August kam niemand,1936,Am 5. August (1936),x\n",
        encoding="utf-8",
    )
    corrections = data.load("corrections")
    with pytest.raises(CuratedTableError, match=r"timeline_years.csv:\d+: column 'context'"):
        timeline_tables(documents, corrections, bad, EXCLUSIONS_CSV, EVENTS_CSV)


def test_curated_year_with_a_missing_anchor_is_an_error(documents, tmp_path: Path):
    lines = YEARS_CSV.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("Am 5. August (1936) sandte ich", "Am 6. August (1936)")
    bad = tmp_path / "timeline_years.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CuratedTableError, match=r":2: column 'anchor'"):
        timeline_tables(documents, data.load("corrections"), bad, EXCLUSIONS_CSV, EVENTS_CSV)


# --- helpers ------------------------------------------------------------------------------


def test_sentence_bounds_respect_ordinals_initials_and_abbreviations():
    text = (
        "Am 5. August (1936) sandte ich die Exemplare ab. L. Trotzki schrieb vgl. Nr. 7 "
        "an den XV. Parteitag. Dann reisten wir."
    )
    sentences = [text[a:b] for a, b in sentence_bounds(text)]
    assert sentences == [
        "Am 5. August (1936) sandte ich die Exemplare ab.",
        "L. Trotzki schrieb vgl. Nr. 7 an den XV. Parteitag.",
        "Dann reisten wir.",
    ]


def test_a_year_ends_a_sentence():
    # monat:IV.2.2:p8
    text = "seiner letzten Schrift im Monat aus dem Jahre 1953. Das Konzept der »Permanenten«"
    assert len(sentence_bounds(text)) == 2


def test_event_text_trims_long_sentences_on_word_boundaries():
    words = " ".join(f"w{i}" for i in range(120))
    text = f"{words} am 5. August 1936 {words}."
    start = text.index("5. August")
    out = event_text(text, start, start + len("5. August 1936"), limit=80)
    assert out.startswith("… ") and out.endswith(" …") and "5. August 1936" in out
    assert len(out) <= 84


def test_quoted_spans_ignore_apostrophes():
    text = "the mark’s rate; ‘We have the state of mind of 9 November’, i.e., the Kaiser"
    [(a, b)] = quoted_spans(text)
    assert text[a:b] == "‘We have the state of mind of 9 November’"


# --- the chapters' views ----------------------------------------------------------------


def _rows(**columns) -> pd.DataFrame:
    return pd.DataFrame(columns)


def test_without_year_keeps_days_and_months_that_name_no_year():
    from companion.timeline import without_year

    rows = _rows(
        form=["day", "day", "month", "year", "relative_day", "day_range", "season"],
        expression=[
            "On 16 June",
            "5. Februar 1930",
            "May",
            "1923",
            "the next day",
            "15./16. Januar",
            "autumn",
        ],
    )
    assert list(without_year(rows)["expression"]) == ["On 16 June", "May", "15./16. Januar"]


def test_without_year_in_cliff_is_what_the_rules_dated(timeline: pd.DataFrame):
    from companion.timeline import without_year

    cliff = without_year(timeline[timeline["source_id"] == "cliff-1923"])
    assert len(cliff) == 30  # 28 by the chapter's year, 1 curated, 1 by a passage anchor
    assert set(cliff["rule"]) == {"chapter year", "curated", "passage anchor"}


def test_precision_counts_by_source_in_the_order_given():
    from companion.timeline import PRECISIONS, precision_counts

    rows = _rows(source_id=["b", "a", "a", "a"], precision=["day", "year", "year", "period"])
    table = precision_counts(rows, {"a": "A text", "b": "B text", "c": "C text"})
    assert list(table.columns) == ["Source", *PRECISIONS]
    assert table.to_dict("records") == [
        {"Source": "A text", "day": 0, "month": 0, "year": 2, "period": 1},
        {"Source": "B text", "day": 1, "month": 0, "year": 0, "period": 0},
    ]


def test_precision_counts_add_up_to_the_timeline(timeline: pd.DataFrame):
    from companion.timeline import PRECISIONS, precision_counts
    from companion.views import source_titles

    table = precision_counts(timeline, source_titles())
    assert int(table[PRECISIONS].to_numpy().sum()) == len(timeline)


def test_source_spans_name_the_busiest_years_and_ties():
    from companion.timeline import source_spans

    rows = _rows(
        source_id=["a", "a", "a", "b", "b"],
        date_start=["1936-01-01", "1936-05-01", "1917-01-01", "1878-01-01", "1930-02-05"],
        date_end=["1936-01-31", "1937-12-31", "1917-12-31", "1929-12-31", "1930-02-05"],
    )
    spans = source_spans(rows, ["b", "a", "c"]).set_index("source_id")
    assert list(spans.index) == ["b", "a"]
    assert spans.loc["a", ["dates", "first", "last", "in_busiest_year"]].tolist() == [
        3,
        1917,
        1937,
        2,
    ]
    assert spans.loc["a", "busiest_years"] == [1936]
    assert spans.loc["b", "busiest_years"] == [1878, 1930]  # a tie: one date each


def test_in_section_finds_the_section_by_its_heading(unresolved: pd.DataFrame):
    from companion.timeline import in_section

    passages = data.load("passages")
    radek = in_section(unresolved, passages, "crimes-1937", "Radek")
    assert len(radek) == 8
    assert radek["passage_id"].str.startswith("crimes-1937:9.15:").all()
    with pytest.raises(LookupError):
        in_section(unresolved, passages, "crimes-1937", "No such heading")
