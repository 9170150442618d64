"""Parser for source `letter-1930`: Trotsky's letter of 5 February 1930 (German translation).

The file is Markdown-like plain text with one unit per line and blank lines
between units. Rules (all matched on the text, none on line numbers):

1. **Units.** Every line with non-whitespace content is one block, trimmed of
   edge whitespace; leading/trailing blank lines are ignored.
2. **Date line.** The first unit must be a German date (``5. Februar 1930``):
   kind ``dateline``. Anything else raises ``ValueError``.
3. **Salutation.** The unit after the date line must end with ``!``
   (``Werte Raissa Timofejewna!``): kind ``salutation``.
4. **Notes.** A unit that starts with Unicode superscript digits and whitespace
   (``¹ Der Brief …``, ``² Jakow …``) is a ``footnote`` block labelled with the
   digits in ASCII (``"1"``, ``"2"``). The printed label is an
   ``Artefact("note_marker")`` and is not part of the note's segments.
5. **Paragraphs.** Every other unit is a ``paragraph``. The letter has no
   signature or closing formula.
6. **Markup.** ``*…*`` (Markdown italics: ``*La Verité*``, ``*Maximalisten*``)
   inside a unit: each asterisk is an ``Artefact("markup")``; the words between
   them stay in the block, so the reading text shows ``La Verité`` without
   asterisks.
7. **Note markers.** A run of superscript digits inside a paragraph
   (``Blumkins?²``) is a ``NoteRef`` plus an ``Artefact("note_marker")``,
   paired with the note of the same label. Note ¹ has no marker anywhere in the
   text: it is a note on the whole letter and gets no ``NoteRef``
   (``passages.footnote_rows`` reports it as ``no_marker``). A marker whose note
   is missing would stay unresolved (``footnote_index=None``).
8. **Reading layer** (:func:`normalise`, see ``_common.normalise_segments``):
   whitespace runs collapsed, ends stripped, a space where a removed marker sat
   between words (``Blumkins? Gibt``), none before punctuation
   (``La Verité, des``). The German quotation marks „…“ are kept as printed;
   straight quotes, of which the file has none, would become „ / “.
9. **Sections.** The letter has none: every block is in section ``""``; the
   single :class:`Section` has an editorial, bracketed title built from the
   salutation's addressee and the date line (``heading_supplied=True``).

Source errors (``Linksoption``, ``La Verité``, Blumkin's birth year 1878) are
not corrected here; they are rows of ``data/curated/corrections.csv``.
"""

from __future__ import annotations

import re

from companion.model import Artefact, Block, Document, NoteRef, Section
from companion.parsers._common import (
    GERMAN_MONTHS,
    GERMAN_QUOTES,
    Line,
    cut_span,
    nonblank_lines,
    normalise_segments,
)
from companion.textlayer import Reading, Segment

SOURCE_ID = "letter-1930"

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
_SUPERSCRIPT = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
NOTE_START = re.compile(rf"([{SUPERSCRIPT_DIGITS}]+)\s+")
MARKUP = re.compile(r"\*(?=\S)[^*\n]*?\S\*")
DATELINE = re.compile(rf"\d{{1,2}}\.\s*(?:{GERMAN_MONTHS})\s+\d{{4}}")
SALUTATION = re.compile(r"(?:(?:Werte|Liebe|Teure|Sehr geehrte)[rs]?\s+)?(?P<name>[^!]+?)\s*!")


def normalise(raw: str, segments: list[Segment]) -> Reading:
    return normalise_segments(raw, segments, GERMAN_QUOTES)


def _markup_artefacts(raw: str, line: Line) -> list[Artefact]:
    out = []
    for m in MARKUP.finditer(raw, line.start, line.end):
        out.append(Artefact("markup", m.start(), m.start() + 1, "Markdown italics"))
        out.append(Artefact("markup", m.end() - 1, m.end(), "Markdown italics"))
    return out


def _kind_of(raw: str, index: int, line: Line) -> str:
    text = line.text(raw)
    if NOTE_START.match(text):
        return "footnote"
    if index == 0:
        if not DATELINE.fullmatch(text):
            raise ValueError(f"{SOURCE_ID}: first line is not a German date: {text!r}")
        return "dateline"
    if index == 1:
        if not text.endswith("!"):
            raise ValueError(f"{SOURCE_ID}: no salutation after the date line: {text!r}")
        return "salutation"
    return "paragraph"


def _unit(raw: str, kind: str, line: Line) -> tuple[Block, list[Artefact], list[NoteRef]]:
    """One block with its artefacts and (unpaired) note references."""
    artefacts = _markup_artefacts(raw, line)
    refs: list[NoteRef] = []
    label = None
    if kind == "footnote":
        m = NOTE_START.match(raw, line.start, line.end)
        assert m is not None
        label = m.group(1).translate(_TO_ASCII)
        artefacts.append(Artefact("note_marker", m.start(1), m.end(1), f"label of note {label}"))
    else:
        for m in _SUPERSCRIPT.finditer(raw, line.start, line.end):
            lab = m.group().translate(_TO_ASCII)
            refs.append(NoteRef(lab, m.start(), m.end(), None))
            artefacts.append(Artefact("note_marker", m.start(), m.end(), f"marker of note {lab}"))
    segments = cut_span(raw, (line.start, line.end), [(a.start, a.end) for a in artefacts])
    block = Block(kind, "", segments, normalise(raw, segments), label=label)
    return block, artefacts, refs


def _pair(blocks: list[Block], refs: list[NoteRef]) -> list[NoteRef]:
    notes = {b.label: i for i, b in enumerate(blocks) if b.kind == "footnote"}
    return [NoteRef(r.label, r.start, r.end, notes.get(r.label)) for r in refs]


def _title(blocks: list[Block]) -> str:
    """Editorial title: ``[Brief an <addressee>, <date>]``."""
    date = next(b.text for b in blocks if b.kind == "dateline")
    salutation = next(b.text for b in blocks if b.kind == "salutation")
    m = SALUTATION.fullmatch(salutation)
    return f"[Brief an {m.group('name')}, {date}]" if m else f"[Brief, {date}]"


def parse(raw: str) -> Document:
    blocks: list[Block] = []
    artefacts: list[Artefact] = []
    refs: list[NoteRef] = []
    for index, line in enumerate(nonblank_lines(raw)):
        block, arts, rs = _unit(raw, _kind_of(raw, index, line), line)
        blocks.append(block)
        artefacts.extend(arts)
        refs.extend(rs)
    artefacts.sort(key=lambda a: a.start)
    section = Section("", _title(blocks), 0, heading_supplied=True)
    return Document(SOURCE_ID, raw, [section], blocks, _pair(blocks, refs), artefacts)
