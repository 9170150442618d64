"""The letter's names: found in the letter, linked to the other sources by rule."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from companion import data
from companion.errors import CuratedTableError
from companion.letter_entities import CURATED, entity_tables, form_pattern


def test_every_entity_is_found_in_the_letter():
    entities = data.load("letter_entities")
    assert (entities["letter_passages"] != "").all()
    assert set(entities["type"]) == {"person", "periodical", "work", "place", "organisation"}


def test_unidentified_and_generic_names_are_not_linked():
    entities = data.load("letter_entities").set_index("entity")
    # "Genosse Frank" is kept apart from the Pierre Frank of Stalins Verbrechen
    assert entities.loc["Frank", "mentions_elsewhere"] == 0
    assert entities.loc["Raissa Timofejewna", "mentions_elsewhere"] == 0
    assert not entities.loc["Social-democratic press", "linked"]


def test_links_point_to_passages_that_contain_the_entity():
    from companion.passages import load_passages

    passages = load_passages()
    mentions = data.load("mentions")
    entities = data.load("letter_entities").set_index("entity")
    for row in data.load("letter_entity_links").itertuples():
        if row.forms == "name authority":
            person = entities.loc[row.entity, "person_id"]
            hits = mentions[
                (mentions["person_id"] == person) & (mentions["passage_id"] == row.first_passage_id)
            ]
            assert len(hits) >= 1, row
        else:
            text = passages.loc[row.first_passage_id, "text"]
            assert any(form_pattern(f).search(text) for f in row.forms.split(";"))
        assert not row.first_passage_id.startswith("rogovin-emigrants:0:")  # the preface


def test_blumkin_recurs_only_in_stalins_verbrechen():
    links = data.load("letter_entity_links")
    blumkin = links[links["entity"] == "Blumkin"]
    assert list(blumkin["source_id"]) == ["crimes-1937"]
    assert blumkin.iloc[0]["mentions"] >= 10


@pytest.mark.parametrize(
    ("form", "text", "hit"),
    [
        ("Stalin", "Stalins Politik", True),
        ("Stalin", "der Stalinismus", False),
        ("Radek", "Radek’s letter", True),
        ("Sozialrevolution*", "der Sozialrevolutionären Partei", True),
        ("Militant", "a militant worker", False),
    ],
)
def test_form_pattern(form, text, hit):
    assert bool(form_pattern(form).search(text)) is hit


def test_a_surface_missing_from_the_letter_is_an_error(documents, tmp_path: Path):
    bad = tmp_path / "letter_entities.csv"
    bad.write_text(
        CURATED.read_text(encoding="utf-8") + "Lenin,person,Lenin,Lenin,lenin,\n", encoding="utf-8"
    )
    with pytest.raises(CuratedTableError, match=r"letter_entities.csv:\d+: column 'surfaces'"):
        entity_tables(documents, bad)


# --- the chapter's views -----------------------------------------------------------------


def _letter_tables():
    from companion.letter_entities import SOURCE_ID

    passages = data.load("passages")
    notes = data.load("footnotes")
    flags = data.load("corrections")
    return (
        passages[passages["source_id"] == SOURCE_ID],
        notes[notes["source_id"] == SOURCE_ID],
        flags[flags["source_id"] == SOURCE_ID],
    )


def test_passage_headings_number_paragraphs_and_name_notes():
    import pandas as pd

    from companion.letter_entities import passage_headings

    letter = pd.DataFrame(
        {
            "kind": ["dateline", "salutation", "paragraph", "paragraph", "footnote"],
            "label": ["", "", "", "", "2"],
        }
    )
    assert passage_headings(letter) == [
        "Dateline",
        "Salutation",
        "Paragraph 1",
        "Paragraph 2",
        "Translator's note 2",
    ]


def test_passage_annotations_cover_every_passage_with_its_names_dates_and_flags():
    from companion.letter_entities import NO_MARKER_TEXT, passage_annotations

    letter, notes, flags = _letter_tables()
    entities = data.load("letter_entities")
    timeline = data.load("timeline")
    shown = passage_annotations(letter, entities, notes, timeline, flags)
    assert [pid for pid, _h, _i in shown] == list(letter["passage_id"])
    by_pid = {pid: items for pid, _h, items in shown}
    marked = notes[notes["status"] == "paired"].iloc[0]
    assert any(
        "The marker of note" in i and marked["footnote_id"] in i
        for i in by_pid[marked["marker_passage_id"]]
    )
    unmarked = notes[notes["status"] == "no_marker"].iloc[0]
    assert NO_MARKER_TEXT in by_pid[unmarked["footnote_id"]]
    for f in flags.itertuples():
        flagged = f"⚑ Flagged: “{html.escape(f.printed)}”"
        assert any(i.startswith(flagged) for i in by_pid[f.passage_id]), f.printed
    dateline = letter[letter["kind"] == "dateline"].iloc[0]["passage_id"]
    assert any(i.startswith("Date: “5. Februar 1930” = 1930-02-05") for i in by_pid[dateline])
    for e in entities.itertuples():
        for pid in e.letter_passages.split(";"):
            assert any(i.startswith("Names: ") and e.entity in i for i in by_pid[pid])


def test_passage_annotations_escape_the_data():
    import pandas as pd

    from companion.letter_entities import passage_annotations

    letter = pd.DataFrame({"passage_id": ["letter-1930:p3"], "kind": ["paragraph"], "label": [""]})
    entities = pd.DataFrame(
        {"entity": ["<b>X</b>"], "type": ["person"], "letter_passages": ["letter-1930:p3"]}
    )
    empty = pd.DataFrame(columns=["marker_passage_id", "footnote_id", "passage_id"])
    ((_pid, heading, items),) = passage_annotations(letter, entities, empty, empty, empty)
    assert heading == "Paragraph 1"
    assert items == ["Names: &lt;b&gt;X&lt;/b&gt; <small>(person)</small>"]


def test_recurrence_table_has_a_cell_per_other_source():
    from companion.letter_entities import SOURCE_ID, recurrence_table
    from companion.views import source_titles

    titles = source_titles()
    entities = data.load("letter_entities")
    links = data.load("letter_entity_links")
    table = recurrence_table(entities, links, titles).set_index("Name")
    others = [titles[s] for s in titles if s != SOURCE_ID]
    assert list(table.columns) == ["Type", "In the letter", *others, "Note"]
    assert len(table) == len(entities)
    blumkin = table.loc["Blumkin"]
    link = links[(links["entity"] == "Blumkin") & (links["source_id"] == "crimes-1937")].iloc[0]
    assert blumkin["Stalins Verbrechen"].startswith(
        f"{link['mentions']}× in {link['passages']} passages; first <a href="
    )
    assert blumkin["Cliff, 1923"] == "–"
    assert (table.loc["Social-democratic press", others] == "not linked").all()
    assert "letter-1930.html#letter-1930:" in table.loc["Blumkin", "In the letter"]
    assert (
        table.loc["Seger", "Note"].startswith("<small>")
        and "&quot;(?)&quot;" in table.loc["Seger", "Note"]
    )
