"""Parser for `letter-1930` (companion/parsers/letter_1930.py)."""

from __future__ import annotations

import pytest

from companion.model import Document
from companion.parsers import letter_1930
from companion.passages import assign_ids, footnote_rows
from companion.sources import read_source
from tests.parser_checks import assert_reads_as, block_at

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


@pytest.fixture(scope="module")
def doc() -> Document:
    return letter_1930.parse(read_source(letter_1930.SOURCE_ID))


def test_block_kinds_and_labels(doc):
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["dateline", "salutation"] + ["paragraph"] * 4 + ["footnote"] * 2
    assert [b.label for b in doc.blocks if b.kind == "footnote"] == ["1", "2"]
    assert {b.section for b in doc.blocks} == {""}
    assert doc.blocks[0].text == "5. Februar 1930"
    assert doc.blocks[1].text == "Werte Raissa Timofejewna!"


def test_section_and_passage_ids(doc):
    assert len(doc.sections) == 1
    section = doc.sections[0]
    assert (section.number, section.level, section.heading_supplied) == ("", 0, True)
    assert section.title == "[Brief an Raissa Timofejewna, 5. Februar 1930]"
    ids = assign_ids(doc)
    assert ids[:3] == ["letter-1930:p1", "letter-1930:p2", "letter-1930:p3"]
    assert ids[-2:] == ["letter-1930:n1", "letter-1930:n2"]


def test_note_2_paired_note_1_without_marker(doc):
    assert len(doc.note_refs) == 1
    ref = doc.note_refs[0]
    assert ref.label == "2"
    assert doc.raw[ref.start : ref.end] == "²"
    assert doc.raw[ref.start - len("Blumkins?") : ref.start] == "Blumkins?"
    note = doc.blocks[ref.footnote_index]
    assert (note.kind, note.label) == ("footnote", "2")
    assert note.text.startswith("Jakow Grigorjewitsch Bljumkin (1878-1929)")
    status = {row["label"]: row["status"] for row in footnote_rows(doc)}
    assert status == {"2": "paired", "1": "no_marker"}
    row2 = next(r for r in footnote_rows(doc) if r["label"] == "2")
    assert row2["marker_passage_id"] == "letter-1930:p6"


def test_note_labels_are_artefacts_not_text(doc):
    markers = [a for a in doc.artefacts if a.kind == "note_marker"]
    assert [doc.raw[a.start : a.end] for a in markers] == ["²", "¹", "²"]
    notes = [b for b in doc.blocks if b.kind == "footnote"]
    assert notes[0].text == "Der Brief ist in russischer Sprache geschrieben."
    for note, marker in zip(notes, markers[1:], strict=True):
        assert note.start > marker.end


def test_markup_asterisks_are_artefacts(doc):
    markup = [a for a in doc.artefacts if a.kind == "markup"]
    assert len(markup) == doc.raw.count("*") == 10  # five *…* pairs
    assert all(doc.raw[a.start : a.end] == "*" for a in markup)
    assert {a.kind for a in doc.artefacts} == {"markup", "note_marker"}


def test_no_markup_or_marker_characters_in_reading_text(doc):
    for b in doc.blocks:
        assert "*" not in b.text
        assert not any(c in SUPERSCRIPTS for c in b.text), b.text[:40]


NORMALISATION_CASES = [
    # raw phrase (unique in the file) -> reading text of the same stretch
    (
        "der *La Verité*, des *Militant* (New York) geschickt",
        "der La Verité, des Militant (New York) geschickt",
    ),
    ("Blumkins?² Gibt", "Blumkins? Gibt"),
    (
        "Chef der *Abteilung zur Bekämpfung der deutschen Spionage* bei der *Gesamtrussischen",
        "Chef der Abteilung zur Bekämpfung der deutschen Spionage bei der Gesamtrussischen",
    ),
    ("und Sabotage*, der Tscheka", "und Sabotage, der Tscheka"),
    ("mit den *Maximalisten* zu den", "mit den Maximalisten zu den"),
    ("wird: „Die große Schule der Revolution“.", "wird: „Die große Schule der Revolution“."),
    ("von Seger (?) in der", "von Seger (?) in der"),
    ("¹ Der Brief ist", "Der Brief ist"),
    ("\n5. Februar 1930\n", "5. Februar 1930"),
]


@pytest.mark.parametrize(("raw_phrase", "reading"), NORMALISATION_CASES)
def test_normalisation_cases(doc, raw_phrase, reading):
    assert_reads_as(doc, raw_phrase, reading)


LINE_BREAK_CASES = [
    # raw stretch across line breaks -> normalise() of that one segment
    ("Timofejewna!\n\nIch habe", "Timofejewna! Ich habe"),
    ("Februar 1930\n\nWerte", "Februar 1930 Werte"),
    ("gelesen habe.\n\nHat die", "gelesen habe. Hat die"),
    ("geschrieben.\n\n² Jakow", "geschrieben. ² Jakow"),
    ("beunruhigen.\n\nWie steht", "beunruhigen. Wie steht"),
]


@pytest.mark.parametrize(("raw_phrase", "reading"), LINE_BREAK_CASES)
def test_line_breaks_collapse_to_one_space(doc, raw_phrase, reading):
    i = doc.raw.index(raw_phrase)
    assert letter_1930.normalise(doc.raw, [(i, i + len(raw_phrase))]).text == reading


def test_offsets_map_back_to_raw(doc):
    block, _ = block_at(doc, "*La Verité*")
    r = block.text.index("La Verité")
    a, b = block.reading.raw_span(r, r + len("La Verité"))
    assert doc.raw[a:b] == "La Verité"
