"""The repression figures: candidate finder, curated decisions, derived tables."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from companion import figures as F
from companion.errors import CuratedTableError
from companion.figures_finder import NumericSpan, find_numeric, parse_number, people_context
from companion.parsers import parser_for

# ----------------------------------------------------------------- the finder


def spans(text: str, lang: str = "en") -> list[tuple]:
    return [(s.surface, s.form, s.low, s.high, s.base, s.bound) for s in find_numeric(text, lang)]


def passage_with(source_id: str, phrase: str) -> str:
    """The reading text of the one passage of a source that contains ``phrase``."""
    st = F.source_text(source_id)
    hits = [b.text for b in st.doc.blocks if phrase in b.text]
    assert len(hits) == 1, f"{phrase!r} in {len(hits)} passages of {source_id}"
    return hits[0]


def test_digits_with_thousands_separator_and_comparative():
    text = passage_with("rogovin-emigrants", "Out of more than 3,000 Bulgarian")
    found = spans(text)
    assert ("Out of more than 3,000", "base", 3000.0, None, None, "more_than") in found
    assert ("one third", "fraction", 1.0, 1.0, 3.0, "exact") in found
    assert ("Six hundred", "number", 600.0, 600.0, None, "exact") in found


def test_number_words_english_and_german():
    assert parse_number("Six hundred", "en") == 600
    assert parse_number("twenty-five thousand", "en") == 25000
    assert parse_number("dreiundachtzig", "de") == 83
    assert parse_number("hundertundfünfzig", "de") == 150
    assert parse_number("siebentausend", "de") == 7000
    assert parse_number("250.000", "de") == 250000
    text = passage_with("crimes-1937", "dreiundachtzig")
    assert ("dreiundachtzig", "number", 83.0, 83.0, None, "exact") in spans(text, "de")


def test_ranges():
    text = passage_with("rogovin-emigrants", "about 25,000 to 30,000 Hungarians")
    assert ("about 25,000 to 30,000", "range", 25000.0, 30000.0, None, "range") in spans(text)
    assert spans("from 8 to 10 thousand emigrants") == [
        ("from 8 to 10 thousand", "range", 8000.0, 10000.0, None, "range")
    ]
    text = passage_with("crimes-1937", "Häuflein von 30 bis 40 Menschen")
    assert ("von 30 bis 40", "range", 30.0, 40.0, None, "range") in spans(text, "de")


def test_ratios_and_fractions():
    text = passage_with("rogovin-emigrants", "Ten of 16 members")
    found = spans(text)
    assert ("Ten of 16", "ratio", 10.0, 10.0, 16.0, "exact") in found
    assert ("11 out of 29", "ratio", 11.0, 11.0, 29.0, "exact") in found
    text = passage_with("rogovin-emigrants", "every tenth inhabitant")
    found = spans(text)
    assert ("every tenth", "fraction", 1.0, 1.0, 10.0, "exact") in found
    assert ("Out of 11", "base", 11.0, 11.0, None, "exact") in found
    assert ("10", "number", 10.0, 10.0, None, "exact") in found
    assert ("zwei Dritteln", "fraction", 2.0, 2.0, 3.0, "exact") in spans(
        "„zu zwei Dritteln aus Spionen und Diversanten“", "de"
    )


def test_percentages():
    text = passage_with("rogovin-emigrants", "more than 70 percent")
    assert ("more than 70 percent", "percent", 70.0, None, 100.0, "more_than") in spans(text)
    text = passage_with("rogovin-emigrants", "80 percent of these people")
    assert ("80 percent", "percent", 80.0, 80.0, 100.0, "exact") in spans(text)


def test_comparatives():
    text = passage_with("rogovin-emigrants", "at least 242 prominent")
    assert ("at least 242", "number", 242.0, None, None, "at_least") in spans(text)
    text = passage_with("crimes-1937", "mindestens zweihundert Menschen")
    assert ("mindestens zweihundert", "number", 200.0, None, None, "at_least") in spans(text, "de")
    assert spans("almost 1,000 people") == [
        ("almost 1,000", "number", None, 1000.0, None, "at_most")
    ]
    assert spans("etwa dreißig Franzosen", "de")[0][5] == "about"


def test_qualitative_totals():
    surfaces = {s[0] for s in spans(passage_with("rogovin-emigrants", "Almost all the Polish"))}
    assert "Almost all" in surfaces
    text = passage_with("rogovin-emigrants", "in Engels—not a single German")
    assert [s[0] for s in spans(text)].count("not a single") == 2
    found = spans(passage_with("rogovin-emigrants", "The majority of them became victims"))
    assert ("The majority", "qualitative", None, None, None, "") in found
    found = {s[0] for s in spans(passage_with("rogovin-emigrants", "completely liquidated"))}
    assert "completely liquidated" in found
    assert spans("They all perished in Stalin’s prisons and camps.")[0][:2] == (
        "They all",
        "qualitative",
    )
    assert spans("more communists from Eastern European countries were killed than died")[0][0] == (
        "more communists"
    )
    found = spans(passage_with("crimes-1937", "Die Mehrzahl der Angeklagten ist erschossen"), "de")
    assert ("Die Mehrzahl", "qualitative", None, None, None, "") in found


def test_vague_magnitudes():
    found = spans(passage_with("rogovin-emigrants", "several tens of thousands"))
    assert found[0][:2] == ("several tens of thousands", "vague")
    found = spans("Tausenden und Abertausenden Oppositionellen; zehn- oder hunderttausenden", "de")
    assert [s[0] for s in found] == ["Tausenden und Abertausenden", "zehn- oder hunderttausenden"]


def test_not_quantities():
    """Dates, years, ordinals, pronouns and compounds are not candidates."""
    assert spans("On 28 April 1938, in 1937–1938, from 1921 to 1926, in the 1930s, mid-1930s") == []
    assert spans("the Twenty-Second Congress, the fourth chapter, one of the leaders, no one") == []
    assert spans("the all-powerful Kremlin; all this remains; half-mad; all Europe") == []
    assert (
        spans("am 5. Juli 1937, 15./16. Januar, 28-/29. Dezember 1934, Nr. 48, 4. Trotzdem", "de")
        == []
    )
    assert spans("eine Frau und ein Mann", "de") == []
    assert spans("1,000 men in 1937")[0][:3] == ("1,000", "number", 1000.0)


def test_crimes_restriction_counts_people():
    st = F.source_text("crimes-1937")
    cands = F.source_candidates("crimes-1937")
    assert cands, "no candidates in crimes-1937"
    for c in cands:
        lo = max(0, c.flow_start - 400)
        window = st.flow[lo : c.flow_end + 400]
        span = NumericSpan(c.flow_start - lo, c.flow_end - lo, c.surface, c.form)
        assert people_context(window, span, "de"), c.candidate_id
    surfaces = {c.surface for c in cands}
    assert "250.000" not in surfaces  # 250.000 Worte: words, not people
    assert {
        "104",
        "49",
        "hundertundfünfzig",
        "dreiundachtzig",
        "mindestens zweihundert",
    } <= surfaces


# ----------------------------------------------------------------- decisions


def test_every_candidate_is_decided():
    undecided = F.undecided_candidates()
    listing = "\n".join(f"{c.candidate_id} {c.passage_id} {c.surface!r}" for c in undecided[:20])
    assert not undecided, f"{len(undecided)} undecided candidate(s):\n{listing}"


def test_candidates_table_is_complete_and_keyed():
    table = F.candidates_table()
    assert list(table.columns) == F.CANDIDATE_COLUMNS
    assert table["candidate_id"].is_unique
    assert set(table["decision"]) <= set(F.DECISIONS)
    expected = sum(len(F.source_candidates(s)) for s in F.FIGURE_SOURCES)
    assert len(table) == expected
    not_fig = table[table["decision"] == "not_figure"]
    assert (not_fig["reason"] != "").all() and (not_fig["reason_code"] != "").all()
    st = {sid: F.source_text(sid) for sid in F.FIGURE_SOURCES}
    for row in table.itertuples():
        assert st[row.source_id].doc.raw[row.start : row.end].split() == row.surface.split()


def test_every_figure_has_one_anchor_and_known_links():
    cur = F.curated()
    anchors = cur.decisions[cur.decisions["decision"] == "figure"]["figure_id"]
    assert sorted(anchors) == sorted(cur.values["figure_id"])
    ids = set(cur.values["figure_id"])
    for row in cur.values.itertuples():
        if row.base_figure_id:
            assert row.base_figure_id in ids
            base = cur.values.set_index("figure_id").loc[row.base_figure_id]
            assert base["source_id"] == row.source_id


# ----------------------------------------------------------------- the figures table


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return F.figures_table()


def _block(source_id: str, passage_id: str):
    st = F.source_text(source_id)
    return st.block(st.ids.index(passage_id))


def test_quotes_are_verbatim_and_raw_spans_normalise_to_them(table):
    assert list(table.columns) == F.FIGURE_COLUMNS
    assert table["figure_id"].is_unique
    for row in table.itertuples():
        block = _block(row.source_id, row.passage_id)
        assert row.quote in block.text, row.figure_id
        raw = F.source_text(row.source_id).doc.raw
        segments = F.raw_segments(block, int(row.start), int(row.end))
        again = parser_for(row.source_id).normalise(raw, segments).text
        assert again == row.quote, row.figure_id


def test_quote_contains_its_candidates(table):
    by_id = {c.candidate_id: c for c in F.all_candidates()}
    for row in table.itertuples():
        for cid in row.candidate_ids.split():
            c = by_id[cid]
            assert row.start <= c.start and c.end <= row.end, (row.figure_id, cid)


def test_every_figure_has_a_reporter(table):
    assert (table["reported_by"].str.strip() != "").all()
    assert set(table["attribution"]) <= {"author", "same_sentence", "carried_over"}
    for row in table[table["attribution"] != "author"].itertuples():
        cue_block = _block(row.source_id, row.attribution_passage_id)
        assert row.attribution_cue in cue_block.text, row.figure_id
    authors = table[table["report_kind"] == "author"]
    assert authors["reported_by"].str.contains(r"\(author\)").all()


def test_reporter_carried_over_from_the_line_introducing_a_memorandum(table):
    """Rogovin L70 names Dietrich's memorandum; its figures in L71 are Dietrich's."""
    rows = table.set_index("figure_id")
    for fid in ("r-dietrich-70-percent", "r-dietrich-leningrad-remaining", "r-dietrich-engels"):
        row = rows.loc[fid]
        assert "Dietrich" in row["reported_by"]
        assert row["report_kind"] == "memorandum"
        assert row["attribution"] == "carried_over"
        quote_passage = _block("rogovin-emigrants", row["passage_id"]).text
        assert "Dietrich" not in quote_passage  # the quotation itself never names him
        assert row["attribution_cue"] == "Isaak Dietrich"
        st = F.source_text("rogovin-emigrants")
        assert st.ids.index(row["attribution_passage_id"]) < st.ids.index(row["passage_id"])
    trepper = rows.loc["r-trepper-kpd-leaders"]
    assert trepper["attribution"] == "carried_over"
    assert trepper["attribution_cue"] == "Trepper added that"
    assert rows.loc["r-dietrich-wives-suicide", "attribution"] == "same_sentence"


def test_qualifiers_and_values_are_consistent(table):
    for row in table.to_dict("records"):
        assert F.value_problem(row) is None, row["figure_id"]
        low, high = F._num(row["value_low"]), F._num(row["value_high"])
        if row["bound"] in ("at_least", "more_than"):
            assert low is not None and high is None, row["figure_id"]
        if row["bound"] == "range":
            assert low < high, row["figure_id"]
        if row["bound"] == "exact":
            assert low == high, row["figure_id"]
        if row["qualifier"] == "qualitative":
            assert low is None and high is None, row["figure_id"]
    rows = table.set_index("figure_id")
    third = rows.loc["r-bulgarian-emigrants-persecuted"]
    assert (third["unit"], third["base_figure_id"]) == ("share", "r-bulgarian-emigrants")
    assert third["value_low"] == "1" and third["base_value"] == "3"  # never 1000 persons
    ten = rows.loc["r-hungarian-first-cc-killed"]
    assert (ten["value_low"], ten["value_high"], ten["base_value"]) == ("10", "10", "16")


NUMERIC_FORMS = {"number", "range", "ratio", "base", "percent", "fraction"}


def test_curated_values_match_the_words_of_the_text(table):
    """The curated numbers are those the candidate's words give (no typos, no imputation)."""
    by_id = {c.candidate_id: c for c in F.all_candidates()}
    anchors = F.curated().resolution.decided
    for row in table.itertuples():
        anchor = next(
            by_id[cid]
            for cid in row.candidate_ids.split()
            if anchors[cid][1]["decision"] == "figure"
        )
        if anchor.form not in NUMERIC_FORMS:
            assert row.qualifier == "qualitative", row.figure_id
            continue
        curated = (F._num(row.value_low), F._num(row.value_high))
        if anchor.form in ("ratio", "fraction"):
            assert F._num(row.base_value) == anchor.base, row.figure_id
        assert curated == (anchor.low, anchor.high), row.figure_id
        if anchor.form != "range":
            assert row.bound == anchor.bound, row.figure_id


# ----------------------------------------------------------------- malformed curated files


def _copy_curated(tmp_path: Path) -> tuple[Path, Path]:
    d, v = tmp_path / "figure_decisions.csv", tmp_path / "figure_values.csv"
    shutil.copy(F.DECISIONS_CSV, d)
    shutil.copy(F.VALUES_CSV, v)
    return d, v


def _edit(path: Path, row: int, column: str, value: str) -> None:
    """Set ``column`` of data row ``row`` (0-based) in a CSV."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
        fields = list(rows[0])
    rows[row][column] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


@pytest.mark.parametrize(
    ("which", "column", "value", "message"),
    [
        ("decisions", "decision", "maybe", "decision"),
        ("decisions", "reason_code", "", "reason"),
        ("decisions", "context", "words that are nowhere", "context"),
        ("values", "value_low", "about 600", "value_low"),
        ("values", "value_high", "999", "value_high"),
        ("values", "measure", "vanished", "measure"),
        ("values", "reporter_cue", "", "reporter_cue"),
    ],
)
def test_malformed_row_names_file_row_and_column(tmp_path, which, column, value, message):
    d, v = _copy_curated(tmp_path)
    path = d if which == "decisions" else v
    row = _row_for(path, which)
    _edit(path, row, column, value)
    with pytest.raises(CuratedTableError) as err:
        F._curated(d, v)
    text = str(err.value)
    assert str(path) in text
    assert f"{path}:{row + 2}" in text
    assert message in text


def _row_for(path: Path, which: str) -> int:
    """A row where the edit is an error: a not_figure decision, an at_least figure."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    if which == "decisions":
        return int(df.index[df["decision"] == "not_figure"][0])
    return int(df.index[(df["qualifier"] == "at_least") & (df["report_kind"] != "author")][0])


def test_ambiguous_key_is_an_error(tmp_path):
    d, v = _copy_curated(tmp_path)
    df = pd.read_csv(d, dtype=str, keep_default_na=False)
    row = int(df.index[(df["surface"] == "many") & (df["source_id"] == "rogovin-emigrants")][0])
    _edit(d, row, "context", "many")
    with pytest.raises(CuratedTableError, match=rf"{d}:{row + 2}: column 'context'.*ambiguous"):
        F._curated(d, v)


def test_quote_not_in_passage_is_an_error(tmp_path):
    d, v = _copy_curated(tmp_path)
    _edit(v, 0, "quote", "a sentence Rogovin never wrote")
    cur = F._curated(d, v)
    row = cur.values.iloc[0]
    anchor = next(
        c
        for cid, (_, dec) in cur.resolution.decided.items()
        for c in cur.candidates
        if c.candidate_id == cid
        and dec["decision"] == "figure"
        and dec["figure_id"] == row.figure_id
    )
    with pytest.raises(CuratedTableError, match="column 'quote'"):
        F._figure_row(0, row, anchor, [anchor])
