"""Parser for `rogovin-emigrants` (companion/parsers/rogovin_emigrants.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from companion.model import Document
from companion.parsers import rogovin_emigrants
from companion.passages import assign_ids
from companion.sources import read_source
from tests.parser_checks import assert_reads_as


@pytest.fixture(scope="module")
def doc() -> Document:
    return rogovin_emigrants.parse(read_source(rogovin_emigrants.SOURCE_ID))


def starting(doc: Document, start: str) -> int:
    hits = [i for i, b in enumerate(doc.blocks) if b.text.startswith(start)]
    assert len(hits) == 1, start
    return hits[0]


def test_block_kinds_and_counts(doc):
    assert len(doc.blocks) == len(doc.raw.splitlines()) == 108  # one block per line
    assert Counter(b.kind for b in doc.blocks) == {
        "paragraph": 79,
        "blockquote": 28,
        "scene_break": 1,
    }
    assert not doc.note_refs
    assert not doc.artefacts


def test_preface_separated(doc):
    assert [(s.number, s.heading_supplied) for s in doc.sections] == [("0", True), ("", True)]
    preface, separator = doc.blocks[:2]
    assert (preface.kind, preface.section) == ("paragraph", "0")
    assert preface.note == "publisher's preface"
    assert preface.text.startswith("This chapter from Vadim Rogovin’s work")
    assert preface.text.endswith("through Mehring Books.")
    assert (separator.kind, separator.section, separator.text) == ("scene_break", "0", "***")
    assert {b.section for b in doc.blocks[2:]} == {""}
    assert not any(b.note for b in doc.blocks[2:])
    assert "Stalin’s Terror of 1937-1938" in doc.section("").title


def test_scene_breaks(doc):
    breaks = [b for b in doc.blocks if b.kind == "scene_break"]
    assert len(breaks) == 1
    assert sum(1 for line in doc.raw.splitlines() if line.strip() == "***") == 1


def test_passage_ids(doc):
    ids = assign_ids(doc)
    assert ids[:3] == ["rogovin-emigrants:0:p1", "rogovin-emigrants:0:b1", "rogovin-emigrants:p1"]
    assert doc.blocks[2].text.startswith("Until now we have been dealing with mass repression")
    assert ids[starting(doc, "“The apparatus of the Comintern")] == "rogovin-emigrants:q1"


BLOCKQUOTE_CASES = [
    ("“The apparatus of the Comintern", "blockquote"),
    ("“the Bulgarians did not manage", "blockquote"),  # speaker in the previous line
    ("“The fact that the NKVD organs", "blockquote"),  # unclosed quotation
    ("“After a long silence he added", "blockquote"),
    ("“Several wives of those arrested", "blockquote"),  # “…,” reported Dietrich. “…”
    ("“We heard with our own ears", "blockquote"),  # “…,” exclaimed Vaillant-Couturier. “…”
    ("“according to the information we have", "paragraph"),  # quotation, then narrative
    ("In describing the atmosphere", "paragraph"),  # quotation inside narrative
    ("In telling this story, Trepper added that", "paragraph"),
    ("The authors of the letter declared:", "paragraph"),
]


@pytest.mark.parametrize(("start", "kind"), BLOCKQUOTE_CASES)
def test_blockquotes(doc, start, kind):
    assert doc.blocks[starting(doc, start)].kind == kind


CARRIED_SPEAKER_CASES = [
    # an attribution line and the quotation line right after it stay separate blocks
    ("In telling this story, Trepper added that", "“the Bulgarians did not manage"),
    ("The scale of the repressions against the German", "“In actual fact the number"),
    ("Trepper reasonably notes that", "“After the Twentieth Congress"),
    ("One of the victimized leaders of the CPG was Heinz Neumann", "“I assure you that"),
    ("The authors of the letter declared:", "“In our best, politically conscious years"),
]


@pytest.mark.parametrize(("intro", "quote"), CARRIED_SPEAKER_CASES)
def test_attribution_and_quotation_are_adjacent_blocks(doc, intro, quote):
    i = starting(doc, intro)
    assert starting(doc, quote) == i + 1
    assert doc.blocks[i + 1].kind == "blockquote"


def test_no_straight_quotes_in_reading_text(doc):
    for b in doc.blocks:
        assert "'" not in b.text and '"' not in b.text
    assert doc.raw.count("'") == 2


NORMALISATION_CASES = [
    # raw phrase (unique in the file) -> reading text of the same stretch
    ("Vadim Rogovin's work", "Vadim Rogovin’s work"),
    ("“Stalin's Terror of 1937-1938", "“Stalin’s Terror of 1937-1938"),
    ("how Stalin’s Great Terror", "how Stalin’s Great Terror"),
    ("survived—members", "survived—members"),
    ("Soviet Union... My", "Soviet Union... My"),
    ("i.e., to ‘spies.’”", "i.e., to ‘spies.’”"),
    ("republic of Germans of the Povolzh’e", "republic of Germans of the Povolzh’e"),
    ("[Tito’s party name–V. R.]", "[Tito’s party name–V. R.]"),
]


@pytest.mark.parametrize(("raw_phrase", "reading"), NORMALISATION_CASES)
def test_normalisation_cases(doc, raw_phrase, reading):
    assert_reads_as(doc, raw_phrase, reading)


def test_replaced_apostrophe_maps_to_the_ascii_apostrophe(doc):
    preface = doc.blocks[0]
    r = preface.text.index("Rogovin’s") + len("Rogovin")
    assert preface.text[r] == "’"
    assert doc.raw[preface.reading.offsets[r]] == "'"


LINE_BREAK_CASES = [
    # raw stretch across line breaks -> normalise() of that one segment
    ("through Mehring Books.\n***\nUntil now", "through Mehring Books. *** Until now"),
    ("Trepper added that\n“the Bulgarians", "Trepper added that “the Bulgarians"),
    ("Trotsky wrote in 1937:\n“The apparatus", "Trotsky wrote in 1937: “The apparatus"),
    ("insofar as,\n“according to", "insofar as, “according to"),
    ("letter declared:\n“In our best", "letter declared: “In our best"),
]


@pytest.mark.parametrize(("raw_phrase", "reading"), LINE_BREAK_CASES)
def test_line_breaks_collapse_to_one_space(doc, raw_phrase, reading):
    i = doc.raw.index(raw_phrase)
    assert rogovin_emigrants.normalise(doc.raw, [(i, i + len(raw_phrase))]).text == reading
