"""The concordance (keyword in context) and the person x source table."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from companion import concordance as C
from companion import data
from companion.excerpts import reader_url
from companion.mentions import MENTION_COLUMNS
from companion.persons import load_persons
from companion.textlayer import Reading


@pytest.fixture(scope="module")
def mentions() -> pd.DataFrame:
    return data.load("mentions")


@pytest.fixture(scope="module")
def fresh(documents, mentions) -> pd.DataFrame:
    """The concordance computed now from the parsed sources."""
    return C.concordance_table(documents, mentions)


@pytest.fixture(scope="module")
def passage_text() -> dict[str, str]:
    p = data.load("passages")
    return dict(zip(p["passage_id"], p["text"], strict=True))


# --- context cutting -------------------------------------------------------------------


def test_left_context_starts_at_a_word():
    text = "eins zwei drei vier fünf Radek sagte"
    i = text.index("Radek")
    assert C.left_context(text, i, width=12) == "vier fünf "
    assert C.left_context(text, i, width=100) == "eins zwei drei vier fünf "
    assert C.left_context(text, 0) == ""


def test_right_context_ends_at_a_word():
    text = "Radek sagte, dass er nichts wusste"
    j = len("Radek")
    assert C.right_context(text, j, width=14) == " sagte, dass"
    assert C.right_context(text, j, width=100) == " sagte, dass er nichts wusste"
    assert C.right_context(text, len(text)) == ""


def test_a_window_inside_one_long_word_is_empty():
    text = "Sinowjew-Kamenew-Trotzki-Zentrum"
    i = text.index("Trotzki")
    assert C.left_context(text, i, width=5) == ""
    assert C.right_context(text, i + len("Trotzki"), width=3) == ""


def test_kwic_maps_raw_offsets_to_the_reading_text():
    raw = "Genosse Le-\nnin sagte"
    # the reading layer drops the line-break hyphen and the line break
    keep = [i for i in range(len(raw)) if i not in (10, 11)]
    reading = Reading("".join(raw[i] for i in keep), keep)
    assert reading.text == "Genosse Lenin sagte"
    start, end = raw.index("Le-"), raw.index("nin") + 3
    assert C.kwic(reading, start, end) == ("Genosse ", "Lenin", " sagte")
    assert C.normalise_match(raw[start:end]) == "Lenin"


def test_normalise_match():
    assert C.normalise_match("Karl \nRadek") == "Karl Radek"
    assert C.normalise_match("Sta-\nlin") == "Stalin"
    assert C.normalise_match("Heinrich-\nGustav") == "Heinrich-Gustav"


# --- the table --------------------------------------------------------------------------


def test_one_line_per_mention_in_order(fresh, mentions):
    assert list(fresh.columns) == C.CONCORDANCE_COLUMNS
    keys = ["person_id", "source_id", "passage_id", "start", "end"]
    assert len(fresh) == len(mentions)
    pd.testing.assert_frame_equal(
        fresh[keys].reset_index(drop=True), mentions[keys].reset_index(drop=True)
    )
    assert set(MENTION_COLUMNS) - {"surface"} <= set(fresh.columns)


def test_match_is_the_surface_as_read(fresh, mentions):
    bad = [
        (r.passage_id, s, r.match)
        for r, s in zip(fresh.itertuples(), mentions["surface"], strict=True)
        if C.normalise_match(r.match) != C.normalise_match(s)
    ]
    assert not bad, bad[:10]


def test_line_is_a_substring_of_its_passage(fresh, passage_text):
    bad = [
        r.passage_id
        for r in fresh.itertuples()
        if r.left + r.match + r.right not in passage_text[r.passage_id]
    ]
    assert not bad, bad[:10]


def test_context_is_bounded_and_cut_at_word_boundaries(fresh, passage_text):
    problems = []
    for r in fresh.itertuples():
        text = passage_text[r.passage_id]
        if len(r.left) > C.CONTEXT or len(r.right) > C.CONTEXT:
            problems.append((r.passage_id, "too long"))
        at = text.find(r.left + r.match + r.right)
        before = text[at - 1] if at > 0 else " "
        after_at = at + len(r.left + r.match + r.right)
        after = text[after_at] if after_at < len(text) else " "
        if r.left and not before.isspace():
            problems.append((r.passage_id, "left context starts inside a word"))
        if r.right and not after.isspace():
            problems.append((r.passage_id, "right context ends inside a word"))
        if r.left[:1].isspace() or r.right[-1:].isspace():
            problems.append((r.passage_id, "outer whitespace"))
    assert not problems, problems[:10]


def test_committed_concordance_is_the_fresh_one(fresh):
    committed = data.load("concordance")
    pd.testing.assert_frame_equal(committed, fresh, check_dtype=False)


def test_every_line_links_to_its_passage(fresh):
    some = fresh[fresh["person_id"] == "zinoviev"]
    markup = C.concordance_html(some)
    for pid in some["passage_id"]:
        assert f'href="{reader_url(pid, "../")}"' in markup
    assert markup.count("<tr>") == len(some) + 1  # header row


def test_concordance_html_escapes():
    lines = pd.DataFrame(
        [
            {
                "person_id": "x",
                "source_id": "monat",
                "passage_id": "monat:p1",
                "start": 0,
                "end": 1,
                "left": "<b>",
                "match": "A & B",
                "right": '"q"',
            }
        ]
    )
    markup = C.concordance_html(lines)
    assert "&lt;b&gt;" in markup and "<b>" not in markup
    assert "A &amp; B" in markup
    assert "&quot;q&quot;" in markup


# --- person x source ------------------------------------------------------------------------


def test_person_sources(mentions):
    table = C.person_sources_table(mentions, load_persons())
    assert list(table.columns) == C.PERSON_SOURCES_COLUMNS
    assert table["person_id"].is_unique
    assert set(table["person_id"]) == set(mentions["person_id"])
    assert table["mentions"].sum() == len(mentions)
    counts = table["source_ids"].str.split("|").map(len)
    assert (counts == table["sources"]).all()
    committed = data.load("person_sources")
    pd.testing.assert_frame_equal(committed, table, check_dtype=False)


def test_source_combinations_partition_the_shared_persons():
    people = data.load("person_sources")
    combos = C.source_combinations(people)
    assert combos["persons"].sum() == int((people["sources"] >= 2).sum())
    assert combos["source_ids"].is_unique
    titles = {s: s.upper() for s in ["letter-1930", "crimes-1937", "monat"]}
    matrix = C.combination_matrix(
        pd.DataFrame([{"source_ids": "letter-1930|monat", "persons": 2}]), titles
    )
    assert list(matrix["member"]) == [1, 0, 1]
    assert set(matrix["first"]) == {"LETTER-1930"} and set(matrix["last"]) == {"MONAT"}


# --- name forms -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "others", "kind"),
    [
        ("Radeks", {"Radek", "Radeks"}, "plus_s"),
        ("Stalinsche", {"Stalin", "Stalinsche"}, "adjective"),
        ("Golzmannschen", {"Golzmann"}, "adjective"),
        ("Radek", {"Radek", "Radeks"}, ""),
        ("Jonas", {"Jonas"}, ""),
    ],
)
def test_inflection(form, others, kind):
    assert C.inflection(form, others) == kind


def test_forms_by_language(mentions):
    forms = C.name_forms(mentions)
    langs = {
        "letter-1930": "de",
        "crimes-1937": "de",
        "monat": "de",
        "cliff-1923": "en",
        "rogovin-emigrants": "en",
    }
    table = C.forms_by_language(forms, langs).set_index("person_id")
    assert table.loc["zinoviev", "de"].startswith("Sinowjew ×")
    assert table.loc["zinoviev", "en"].startswith("Zinoviev")
    same = C.same_spelling(forms, langs)
    assert same["stalin"] and not same["zinoviev"]


# --- the explorer ------------------------------------------------------------------------


def test_explorer_rows_spread_over_sources(fresh):
    rows = C.explorer_rows(fresh, per_person=8)
    assert rows.groupby("person_id").size().max() <= 8
    zinoviev = rows[rows["person_id"] == "zinoviev"]
    assert len(zinoviev) == 8
    assert zinoviev["passage_id"].str.split(":").str[0].nunique() == 4
    assert list(zinoviev["line"]) == list(range(1, 9))
    assert list(rows["href"]) == [reader_url(p, "../") for p in rows["passage_id"]]
    assert not rows["left"].str.match(r"^\s|.*\s$").any()


def test_explorer_chart_is_selection_driven_and_linked(fresh):
    people = data.load("person_sources").sort_values("person_id")
    titles = {"crimes-1937": "Stalins Verbrechen", "monat": "Der Monat"}
    picker = pd.DataFrame(
        [
            {
                "person_id": "zinoviev",
                "name_en": "Grigory Zinoviev",
                "source": "Der Monat",
                "source_rank": 1,
                "mentions": 13,
            }
        ]
    )
    spec = C.explorer_chart(
        picker,
        people[["person_id", "name_en", "mentions", "sources"]],
        C.explorer_rows(fresh[fresh["person_id"].isin(["zinoviev", "radek"])], per_person=4),
        initial="zinoviev",
        titles=titles,
        per_person=4,
    ).to_dict()
    text = str(spec)
    param = next(p for p in spec["params"] if p["name"] == "person")
    assert param["bind"]["input"] == "select"
    assert len(param["bind"]["options"]) == len(people)
    assert param["value"] == [{"person_id": "zinoviev"}]
    assert "'href': {'field': 'href'" in text
    assert re.search(r"'filter': \{'param': 'person'", text)


def test_shared_roles_count_each_role_of_each_shared_person():
    people = pd.DataFrame(
        {
            "person_id": ["a", "b", "c"],
            "name_en": ["A", "B", "C"],
            "sources": [3, 2, 1],
        }
    )
    persons = pd.DataFrame(
        {"person_id": ["a", "b", "c"], "roles": ["kpd|comintern", "comintern", "kpd"]}
    )
    roles = C.shared_roles(people, persons)
    assert roles.to_dict("records") == [
        {"role": "comintern", "persons": 2, "names": "A; B"},
        {"role": "kpd", "persons": 1, "names": "A"},
    ]


def test_shared_roles_of_the_committed_tables():
    people = data.load("person_sources")
    roles = C.shared_roles(people, load_persons())
    shared = people[people["sources"] >= 2]
    assert roles["persons"].is_monotonic_decreasing
    assert set(roles.loc[roles["role"] == "soviet-leadership", "names"].iloc[0].split("; ")) >= {
        "Joseph Stalin",
        "Vyacheslav Molotov",
    }
    assert roles["persons"].sum() >= len(shared)  # every shared person has a role


def test_committed_source_combinations_are_the_view_of_person_sources():
    people = data.load("person_sources")
    combos = data.load("person_source_combinations")
    pd.testing.assert_frame_equal(combos, C.source_combinations(people), check_dtype=False)
    assert combos["persons"].sum() == (people["sources"] >= 2).sum()


def test_source_totals():
    index = pd.DataFrame(
        {
            "person_id": ["stalin", "radek", "stalin"],
            "source_id": ["crimes-1937", "crimes-1937", "monat"],
            "mentions": [6, 2, 2],
        }
    )
    totals = C.source_totals(index)
    assert totals.loc["crimes-1937"].tolist() == [8, 2, 0.8]
    assert totals.loc["monat"].tolist() == [2, 1, 0.2]
    committed = C.source_totals(data.load("person_index"))
    assert committed["mentions"].sum() == len(data.load("mentions"))
