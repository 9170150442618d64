"""The document model every source parser produces.

A parser turns one raw source text into a :class:`Document`: an ordered list of
:class:`Block` objects (headings, paragraphs, block quotes, dialogue lines,
footnotes, ...) grouped into :class:`Section` objects, the :class:`NoteRef`
markers that tie footnotes to the text, and the :class:`Artefact` spans
(page breaks, stray link lines, running page footers, markup) that are not part
of the reading text.

Offsets are Python string indices into the raw file read as UTF-8. A block's
``segments`` are the raw spans whose characters make up the block; usually one,
several when a footnote or a page footer interrupts a paragraph. Together, the
blocks' segments and the artefacts cover every non-whitespace character of the
raw file exactly once (tests/test_passages.py proves it for every source).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.textlayer import Reading, Segment

#: Block kinds. ``kind`` goes into passages.csv as is.
BLOCK_KINDS = frozenset(
    {
        "heading",  # a section heading (level in Block.level)
        "paragraph",  # running text
        "blockquote",  # a quotation set off from the running text
        "dialogue",  # one turn of a transcript: "Name: „…“"
        "footnote",  # a note body (label in Block.label)
        "dateline",  # a date line opening a letter or a diary entry
        "salutation",  # "Werte Raissa Timofejewna!"
        "signature",  # "L. Trotzki"
        "list_item",  # an item of a list or table set in the text
        "scene_break",  # ★ or *** separators, kept as breaks
        "gap",  # a hole in the source text (e.g. a missing table), kept visible
    }
)

#: Artefact kinds: raw spans left out of the reading text.
ARTEFACT_KINDS = frozenset(
    {
        "page_break",  # whitespace runs that mark a page break (recorded for line maps)
        "link",  # stray URL lines from the web edition
        "page_footer",  # running footers/headers and page numbers of a PDF
        "markup",  # markdown asterisks and similar typographic markup
        "note_marker",  # a footnote marker glued to the text (Rivera1, Blumkins?²)
        "residue",  # other extraction residue (documented per parser)
    }
)


@dataclass
class Block:
    kind: str
    section: str  # section number, e.g. "9.16"; "" where the source has no sections
    segments: list[Segment]
    reading: Reading
    level: int | None = None  # heading level (1 = chapter)
    label: str | None = None  # footnote label ("*", "2", "356"); dialogue speaker label
    lang: str | None = None  # set where a block is not in the source's language
    note: str = ""  # parser's remark (e.g. "foreign-language telegram")

    def __post_init__(self) -> None:
        if self.kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {self.kind!r}")
        if not self.segments:
            raise ValueError(f"{self.kind} block without segments")

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]

    @property
    def text(self) -> str:
        return self.reading.text


@dataclass
class Section:
    number: str  # "9.16", "IV.2.2", "" for an unsectioned source
    title: str  # heading as printed (reading layer); editorial titles in brackets
    level: int
    heading_supplied: bool = False  # True where the source has no heading (editorial)


@dataclass
class NoteRef:
    """A footnote marker in the text, e.g. ``Rivera1`` or ``handeln."*``."""

    label: str
    start: int  # raw offsets of the marker characters
    end: int
    footnote_index: int | None  # index into Document.blocks of the note body, None if unresolved


@dataclass
class Artefact:
    kind: str
    start: int
    end: int
    note: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ARTEFACT_KINDS:
            raise ValueError(f"unknown artefact kind {self.kind!r}")


@dataclass
class Document:
    source_id: str
    raw: str
    sections: list[Section]
    blocks: list[Block]
    note_refs: list[NoteRef] = field(default_factory=list)
    artefacts: list[Artefact] = field(default_factory=list)

    def section(self, number: str) -> Section:
        for s in self.sections:
            if s.number == number:
                return s
        raise KeyError(f"{self.source_id}: no section {number!r}")
