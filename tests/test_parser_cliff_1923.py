"""Parser for `cliff-1923` (companion/parsers/cliff_1923.py)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from companion.model import Block, Document
from companion.parsers import cliff_1923
from companion.passages import assign_ids, footnote_rows
from companion.sources import read_source
from tests.parser_checks import assert_reads_as


@pytest.fixture(scope="module")
def doc() -> Document:
    return cliff_1923.parse(read_source(cliff_1923.SOURCE_ID))


def block_on_line_of(doc: Document, offset: int) -> Block:
    """The body block that starts on the raw line holding ``offset``."""
    line_start = doc.raw.rfind("\n", 0, offset) + 1
    line_end = doc.raw.find("\n", offset)
    hits = [b for b in doc.blocks if line_start <= b.start < line_end]
    assert len(hits) == 1
    return hits[0]


def test_sections(doc):
    assert [(s.number, s.level) for s in doc.sections] == [
        ("0", 1),
        ("1", 2),
        ("2", 2),
        ("3", 2),
        ("4", 2),
    ]
    assert [s.title for s in doc.sections] == [
        "3. German revolution of 1923",
        "The German Revolution and stirrings in Russia",
        "A Short Sketch of the German Revolution",
        "The policy of the KPD",
        "The Collapse of the German Revolution",
    ]
    assert not any(s.heading_supplied for s in doc.sections)


def test_block_kinds_and_counts(doc):
    assert Counter(b.kind for b in doc.blocks) == {
        "paragraph": 55,
        "blockquote": 21,
        "heading": 6,
        "footnote": 2,
    }
    blocks_per_section = Counter(b.section for b in doc.blocks)
    assert blocks_per_section == {"0": 3, "1": 6, "2": 21, "3": 22, "4": 32}


def test_front_matter(doc):
    author, volume, chapter = doc.blocks[:3]
    assert (author.kind, author.text, author.note) == (
        "paragraph",
        "Tony Cliff",
        "front matter: author",
    )
    assert (volume.kind, volume.level) == ("heading", 0)
    assert volume.text == "Trotsky: Fighting the rising Stalinist bureaucracy"
    assert (chapter.kind, chapter.level, chapter.section) == ("heading", 1, "0")
    headings = [b.text for b in doc.blocks if b.kind == "heading" and b.level == 2]
    assert headings == [s.title for s in doc.sections[1:]]


def test_starred_notes_paired(doc):
    starred = [r for r in doc.note_refs if r.label.endswith("*")]
    assert [r.label for r in starred] == ["1*", "2*"]
    for ref in starred:
        assert doc.raw[ref.start : ref.end] == f"[{ref.label}]"
        note = doc.blocks[ref.footnote_index]
        assert (note.kind, note.label, note.section) == ("footnote", ref.label, "4")
    notes = [b for b in doc.blocks if b.kind == "footnote"]
    assert notes[0].text.startswith("This letter is not included in Stalin’s Works.")
    assert notes[1].text == (
        "General Müller was the newly appointed commander of the Reichwehr for Saxony."
    )
    assert block_on_line_of(doc, starred[0].start).text.endswith("around the Communists.")
    assert "ignore General Müller. The same" in block_on_line_of(doc, starred[1].start).text
    ids = assign_ids(doc)
    assert ids[-2:] == ["cliff-1923:4:s1", "cliff-1923:4:s2"]


def test_numbered_endnote_markers_unresolved(doc):
    numbered = [r for r in doc.note_refs if r.label.isdigit()]
    assert len(numbered) == 24
    assert [r.label for r in numbered] == [str(n) for n in range(1, 26) if n != 3]
    assert all(r.footnote_index is None for r in numbered)
    assert all(doc.raw[r.start : r.end] == f"[{r.label}]" for r in numbered)
    status = Counter(row["status"] for row in footnote_rows(doc))
    assert status == {"unresolved_marker": 24, "paired": 2}


def test_marker_artefacts(doc):
    markers = [a for a in doc.artefacts if a.kind == "note_marker"]
    assert len(markers) == 28  # 24 numbered + 2 starred markers + 2 note labels
    texts = [doc.raw[a.start : a.end] for a in markers]
    assert all(re.fullmatch(r"\[\d+\*?\]|\d+\*\.", t) for t in texts)
    assert texts[-2:] == ["1*.", "2*."]


def test_no_marker_characters_in_reading_text(doc):
    for b in doc.blocks:
        assert not re.search(r"\[\d+\*?\]", b.text), b.text[:60]
        assert not re.match(r"\d+\*\.", b.text)
    kept = " ".join(b.text for b in doc.blocks)
    for editorial in ("[in 1918]", "[a leading Hamburg communist]", "[the Saxon government]"):
        assert editorial in kept


def test_missing_table_recorded_after_the_right_paragraph(doc):
    residue = [a for a in doc.artefacts if a.kind == "residue"]
    assert len(residue) == 1
    gap = residue[0]
    run = doc.raw[gap.start : gap.end]
    assert run == "\n" * 21
    assert gap.note == "missing table: blank run of 21 lines"
    before = max((b for b in doc.blocks if b.end <= gap.start), key=lambda b: b.end)
    after = min((b for b in doc.blocks if b.start >= gap.end), key=lambda b: b.start)
    assert (before.kind, before.section) == ("paragraph", "2")
    assert before.text.endswith("the mark’s exchange rate with the dollar tell the story:")
    assert before.note == "followed by a blank run of 21 lines where a table is missing"
    assert doc.raw[before.end : gap.start] == "\n"
    assert after.text.startswith("The result was the absolute pauperisation")
    assert after.kind == "paragraph"  # the colon introduced the lost table, not a quotation
    assert [b.note for b in doc.blocks].count(before.note) == 1


BLOCKQUOTE_CASES = [
    ("It was plastered with slogans", "blockquote"),  # after "Ruth Fischer described … 1923."
    ("In those days ... the influence", "blockquote"),  # after "stated:"
    ("‘rightists’, systematically", "blockquote"),  # after "in Broué’s description,"
    ("The Cuno strike was entirely spontaneous", "blockquote"),
    ("Regrettably, however, ‘None", "paragraph"),  # narrative after the Anderson quote
    ("... let us take our own October", "blockquote"),  # continuation with an ellipsis
    ("We shall fight, we are fighting", "blockquote"),  # second paragraph of the Lenin letter
    ("But the German party continued", "blockquote"),  # second paragraph, The New Course
    ("I strongly objected", "blockquote"),  # after "According to Brandler, … avail."
    ("In answer to that Zinoviev thundered", "paragraph"),
    ("Many years later he told Isaac Deutscher:", "paragraph"),
    ("Strikes and demonstrations followed.", "paragraph"),  # ends [6], not set off
    ("He invited the factory councils", "paragraph"),
]


@pytest.mark.parametrize(("start", "kind"), BLOCKQUOTE_CASES)
def test_blockquotes(doc, start, kind):
    hits = [b for b in doc.blocks if b.text.startswith(start)]
    assert len(hits) == 1
    assert hits[0].kind == kind


NORMALISATION_CASES = [
    # raw phrase (unique in the file) -> reading text of the same stretch
    ("9 November’ [13], i.e., the day", "9 November’, i.e., the day"),
    ("General Müller. [2*] The same in", "General Müller. The same in"),
    ("around the Communists. [15] [1*]", "around the Communists."),
    ("help the German revolution?’ [1]", "help the German revolution?’"),
    ("1*. This letter is not included", "This letter is not included"),
    ("we experienced then [in 1918] a rising", "we experienced then [in 1918] a rising"),
    ("Reichwehr for Saxony.\n\n\n", "Reichwehr for Saxony."),
    ("our Workers’ and Peasants’ Union", "our Workers’ and Peasants’ Union"),
    ("civil war ... [22]", "civil war ..."),
]


@pytest.mark.parametrize(("raw_phrase", "reading"), NORMALISATION_CASES)
def test_normalisation_cases(doc, raw_phrase, reading):
    assert_reads_as(doc, raw_phrase, reading)


LINE_BREAK_CASES = [
    # raw stretch across line breaks -> normalise() of that one segment
    ("tell the story:\n" + "\n" * 21 + "The result", "tell the story: The result"),
    ("Tony Cliff\n\nTrotsky: Fighting", "Tony Cliff Trotsky: Fighting"),
    ("of 1923\n\nThe German Revolution and", "of 1923 The German Revolution and"),
    ("political turmoil.\n\nThe traditional", "political turmoil. The traditional"),
    ("historical period.\n\n\n1*. This", "historical period. 1*. This"),
]


@pytest.mark.parametrize(("raw_phrase", "reading"), LINE_BREAK_CASES)
def test_line_breaks_collapse_to_one_space(doc, raw_phrase, reading):
    i = doc.raw.index(raw_phrase)
    assert cliff_1923.normalise(doc.raw, [(i, i + len(raw_phrase))]).text == reading
