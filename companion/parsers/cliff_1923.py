"""Parser for source `cliff-1923`: Tony Cliff, "German revolution of 1923" (English web text).

The file holds one unit per line, units separated by one blank line. Rules
(matched on the text, never on line numbers):

1. **Units.** Every line with non-whitespace content is one block, trimmed.
2. **Front matter** (section ``"0"``): the lines up to and including the first
   chapter-title line ``^\\d+\\. [A-Z]`` (``3. German revolution of 1923``).
   The first front-matter line is the author line (``Tony Cliff``): a
   ``paragraph`` with ``note="front matter: author"``; lines between it and
   the chapter title are the volume's title: ``heading`` level 0 with
   ``note="front matter: title of the volume"``; the chapter title is a
   ``heading`` level 1 and the title of section ``"0"``.
3. **Sub-headings.** After the front matter, a unit shorter than 60 characters
   that starts with a capital letter and does not end with punctuation
   (``. , : ; ? ! ’ ” ) ]``) is a ``heading`` level 2 and opens the next
   section, numbered ``"1"``, ``"2"``, … in order. This keeps
   ``Many years later he told Isaac Deutscher:`` a paragraph.
4. **Author's notes.** A unit starting ``<digits>*. `` (``1*. This letter …``)
   is a ``footnote`` block labelled as printed without the period (``"1*"``);
   the printed label ``1*.`` is an ``Artefact("note_marker")``. Like every
   block, a note belongs to the section it sits in (the last one, ``"4"``).
5. **Markers.** ``[<digits>]`` and ``[<digits>*]`` in body units are note
   markers: a ``NoteRef`` plus an ``Artefact("note_marker")`` covering the
   bracketed marker. Starred markers are paired with the note of the same label;
   numbered markers (``[12]``) stay unresolved (``footnote_index=None``)
   because the endnote texts are not in the file. Square brackets holding
   anything else (``[in 1918]``, ``[the Saxon government]``) are editorial
   insertions of the text and stay in the reading text.
6. **Block quotes.** Quotations are not marked; a paragraph is a ``blockquote``
   when (a) the paragraph before it ends with ``:`` or ``,`` (the introducing
   sentence runs into the quotation: ``Brandler, Chairman of the KPD, said:``,
   ``in Broué’s description,``), unless the two are separated by a blank run
   (rule 7: what the colon introduced there is the missing table); or (b) the
   paragraph before it is one of the introducing sentences in
   :data:`QUOTE_INTRODUCERS`, which end with a full stop although a quotation
   follows (``Ruth Fischer described Moscow in September 1923.``); or (c) it
   continues a block quote that has no endnote marker and it begins with an
   ellipsis (``... let us take``) or ends with an endnote marker without
   quoting anything itself (the Lenin and *New Course* quotations run over two
   paragraphs; ``Regrettably, however, ‘None of the existing parties …’ [10]``
   after the Anderson quotation is the author's narrative again). Paragraphs that only
   end with a marker and read as narrative (``[6]``, ``[8]``, ``[9]``,
   ``[22]``) stay paragraphs: nothing in the text sets them off.
7. **The missing table.** A run of three or more blank lines between two units
   is a hole in the text: here the mark/dollar exchange-rate table announced by
   ``… tell the story:``. The run has no non-whitespace residue, so no block
   can carry it (a block's reading text must come from raw characters).
   Instead the unit before the run gets ``note="followed by a blank run of N
   lines where a table is missing"`` and the run itself is an
   ``Artefact("residue", note="missing table: blank run of N lines")``, so
   the book can show the gap at the right position. Blank lines at the end of
   the file and the double blank line before the notes are not holes.
8. **Reading layer** (:func:`normalise`, see ``_common.normalise_segments``):
   whitespace collapsed, ends stripped, removed markers leave one space between
   words and none before punctuation (``9 November’ [13], i.e.`` →
   ``9 November’, i.e.``). The curly quotes ‘…’ and the apostrophe ’ are kept
   as printed; the file has no straight quotes (they would become ‘ ’ “ ”).

Source errors (``Wurtenburg``, ``Reichwehr``, ``Germanía``, …) are rows of
``data/curated/corrections.csv``, not corrected here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from companion.model import Artefact, Block, Document, NoteRef, Section
from companion.parsers._common import (
    ENGLISH_QUOTES,
    Line,
    cut_span,
    nonblank_lines,
    normalise_segments,
)
from companion.textlayer import Reading, Segment

SOURCE_ID = "cliff-1923"

CHAPTER_TITLE = re.compile(r"\d+\.\s+[A-Z].*")
HEADING_MAX_LEN = 60
HEADING_FINAL_PUNCT = tuple(".,:;?!’”)]")
NOTE_START = re.compile(r"(\d+\*)\.\s")
MARKER = re.compile(r"\[(\d+\*?)\]")
MARKER_AT_END = re.compile(r"\[\d+\*?\]$")
OPENING_QUOTES = ("‘", "“")
BLANK_RUN_MIN = 3
#: Sentences that introduce a set-off quotation but end with a full stop (rule 6b).
QUOTE_INTRODUCERS = (
    "Ruth Fischer described Moscow in September 1923.",
    "Evelyn Anderson, in her book, Hammer or Anvil, described the situation.",
    "According to Brandler, he opposed the sending of Communists into the governments"
    " of Saxony and Thuringia, but to no avail.",
)


def normalise(raw: str, segments: list[Segment]) -> Reading:
    return normalise_segments(raw, segments, ENGLISH_QUOTES)


@dataclass
class _State:
    """What the parser has built so far."""

    raw: str
    section: str = "0"
    sections: list[Section] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    artefacts: list[Artefact] = field(default_factory=list)
    refs: list[NoteRef] = field(default_factory=list)

    def add(self, kind: str, segments: list[Segment], **kw: object) -> Block:
        block = Block(kind, self.section, segments, normalise(self.raw, segments), **kw)
        self.blocks.append(block)
        return block


def _front_matter(raw: str, lines: list[Line], st: _State) -> int:
    """Blocks for the front matter (rule 2); returns the index of the first body line."""
    chapter = next((i for i, ln in enumerate(lines) if CHAPTER_TITLE.fullmatch(ln.text(raw))), None)
    if chapter is None:
        raise ValueError(f"{SOURCE_ID}: no chapter-title line")
    for i, ln in enumerate(lines[: chapter + 1]):
        seg = [(ln.start, ln.end)]
        if i == chapter:
            block = st.add("heading", seg, level=1)
            st.sections.append(Section("0", block.text, 1))
        elif i == 0:
            st.add("paragraph", seg, note="front matter: author")
        else:
            st.add("heading", seg, level=0, note="front matter: title of the volume")
    return chapter + 1


def _is_heading(text: str) -> bool:
    return (
        len(text) < HEADING_MAX_LEN
        and text[0].isupper()
        and not text.endswith(HEADING_FINAL_PUNCT)
        and not MARKER.search(text)
    )


def _body_unit(raw: str, ln: Line, st: _State) -> Block:
    """A paragraph (kind decided later) with its markers cut out (rule 5)."""
    cuts = []
    for m in MARKER.finditer(raw, ln.start, ln.end):
        st.refs.append(NoteRef(m.group(1), m.start(), m.end(), None))
        st.artefacts.append(Artefact("note_marker", m.start(), m.end(), f"marker [{m.group(1)}]"))
        cuts.append((m.start(), m.end()))
    return st.add("paragraph", cut_span(raw, (ln.start, ln.end), cuts))


def _note_unit(raw: str, ln: Line, st: _State) -> None:
    m = NOTE_START.match(raw, ln.start, ln.end)
    assert m is not None
    st.artefacts.append(Artefact("note_marker", m.start(), m.end(1) + 1, "label of author's note"))
    st.add("footnote", cut_span(raw, (m.end(1) + 1, ln.end), []), label=m.group(1))


def _blank_lines_between(raw: str, a: Line, b: Line) -> int:
    return raw.count("\n", a.end, b.start) - 1


def _mark_gap(raw: str, before: Line, after: Line, block: Block, st: _State) -> None:
    """Rule 7: note on the unit before the blank run, residue artefact over the run."""
    n = _blank_lines_between(raw, before, after)
    run_start = raw.index("\n", before.end) + 1
    block.note = f"followed by a blank run of {n} lines where a table is missing"
    note = f"missing table: blank run of {n} lines"
    st.artefacts.append(Artefact("residue", run_start, after.start, note))


def _body(raw: str, lines: list[Line], st: _State) -> None:
    """Headings (opening sections), paragraphs and notes after the front matter."""
    number = 0
    for ln in lines:
        text = ln.text(raw)
        if NOTE_START.match(text):
            _note_unit(raw, ln, st)
        elif _is_heading(text):
            number += 1
            st.section = str(number)
            block = st.add("heading", [(ln.start, ln.end)], level=2)
            st.sections.append(Section(st.section, block.text, 2))
        else:
            _body_unit(raw, ln, st)


def _mark_gaps_and_quotes(raw: str, lines: list[Line], st: _State) -> None:
    """Rules 6 and 7 over the sequence of body units."""
    prev: tuple[Line, Block] | None = None
    for ln, block in zip(lines, st.blocks, strict=True):
        if block.kind == "footnote":
            continue
        if prev is not None:
            p_line, p_block = prev
            gap = _blank_lines_between(raw, p_line, ln) >= BLANK_RUN_MIN
            if gap:
                _mark_gap(raw, p_line, ln, p_block, st)
            if (
                block.kind == "paragraph"
                and p_block.kind != "heading"
                and (_quote_follows(p_block, gap) or _quote_continues(raw, ln, p_line, p_block))
            ):
                block.kind = "blockquote"
        prev = (ln, block)


def _quote_follows(p_block: Block, gap: bool) -> bool:
    """Rule 6 (a) and (b): the previous unit introduces a quotation."""
    if gap:
        return False
    return p_block.text.endswith((":", ",")) or p_block.text.endswith(QUOTE_INTRODUCERS)


def _quote_continues(raw: str, ln: Line, p_line: Line, p_block: Block) -> bool:
    """Rule 6 (c): a second paragraph of a block quote."""
    if p_block.kind != "blockquote" or MARKER_AT_END.search(p_line.text(raw)):
        return False
    text = ln.text(raw)
    if text.startswith(("...", "…")):
        return True
    return bool(MARKER_AT_END.search(text)) and not any(q in text for q in OPENING_QUOTES)


def _pair(blocks: list[Block], refs: list[NoteRef]) -> list[NoteRef]:
    notes = {b.label: i for i, b in enumerate(blocks) if b.kind == "footnote"}
    return [NoteRef(r.label, r.start, r.end, notes.get(r.label)) for r in refs]


def parse(raw: str) -> Document:
    lines = nonblank_lines(raw)
    st = _State(raw)
    first_body = _front_matter(raw, lines, st)
    _body(raw, lines[first_body:], st)
    _mark_gaps_and_quotes(raw, lines, st)
    st.artefacts.sort(key=lambda a: a.start)
    return Document(SOURCE_ID, raw, st.sections, st.blocks, _pair(st.blocks, st.refs), st.artefacts)
