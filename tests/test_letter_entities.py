"""The letter's names: found in the letter, linked to the other sources by rule."""

from __future__ import annotations

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
