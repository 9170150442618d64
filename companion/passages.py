"""Passage ids, the passages table and the footnotes table.

Id scheme (documented in book/methods.md and frozen by a snapshot test):

``{source_id}:{section}:{letter}{n}``, with the ``{section}:`` part left out for
sources without sections, where

- ``section`` is the section number the parser assigns (``9.16``, ``IV.2.2``);
- ``letter`` says what the passage is: ``h`` heading, ``p`` paragraph (also
  datelines, salutations, signatures and list items), ``d`` dialogue turn,
  ``q`` block quote, ``b`` scene break, ``g`` gap in the source;
- ``n`` counts passages of that letter within the section, from 1.

Footnotes with a number that is unique in the source are cited by it and need
no section: ``monat:n356``, ``letter-1930:n2``, ``crimes-1937:n3``. Notes
marked by symbols (``*``, ``**``), which restart on every page, are counted per
section: ``crimes-1937:3.1:s1``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import pandas as pd

from companion import paths
from companion.errors import UnknownPassageError
from companion.model import Block, Document
from companion.parsers import PARSER_MODULES, parse_source

LETTERS = {
    "heading": "h",
    "paragraph": "p",
    "dateline": "p",
    "salutation": "p",
    "signature": "p",
    "list_item": "p",
    "dialogue": "d",
    "blockquote": "q",
    "scene_break": "b",
    "gap": "g",
}

PASSAGE_COLUMNS = [
    "passage_id",
    "source_id",
    "section",
    "kind",
    "level",
    "label",
    "line",
    "start",
    "end",
    "segments",
    "note",
    "text",
]

FOOTNOTE_COLUMNS = [
    "source_id",
    "label",
    "footnote_id",
    "marker_passage_id",
    "marker_start",
    "marker_end",
    "marker_text_offset",
    "status",
    "text",
]


def _numeric_labels_unique(doc: Document) -> set[str]:
    labels = Counter(b.label for b in doc.blocks if b.kind == "footnote" and b.label)
    return {lab for lab, n in labels.items() if lab.isdigit() and n == 1}


def assign_ids(doc: Document) -> list[str]:
    """Passage ids for ``doc.blocks``, in order."""
    unique_numeric = _numeric_labels_unique(doc)
    counters: Counter[tuple[str, str]] = Counter()
    ids: list[str] = []
    for block in doc.blocks:
        prefix = f"{doc.source_id}:{block.section}:" if block.section else f"{doc.source_id}:"
        if block.kind == "footnote":
            if block.label in unique_numeric:
                ids.append(f"{doc.source_id}:n{block.label}")
                continue
            letter = "s"
        else:
            letter = LETTERS[block.kind]
        counters[(block.section, letter)] += 1
        ids.append(f"{prefix}{letter}{counters[(block.section, letter)]}")
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    if dupes:
        raise ValueError(f"{doc.source_id}: duplicate passage ids {dupes[:5]}")
    return ids


def _segments_str(block: Block) -> str:
    return " ".join(f"{a}-{b}" for a, b in block.segments)


def parse_segments(value: str) -> list[tuple[int, int]]:
    out = []
    for part in str(value).split():
        a, b = part.split("-")
        out.append((int(a), int(b)))
    return out


def line_number(raw: str) -> Callable[[int], int]:
    """A function giving the 1-based raw line of an offset."""
    starts = [0] + [i + 1 for i, c in enumerate(raw) if c == "\n"]
    return lambda offset: bisect_right(starts, offset)


def passage_rows(doc: Document) -> list[dict]:
    ids = assign_ids(doc)
    line_of = line_number(doc.raw)
    rows = []
    for pid, block in zip(ids, doc.blocks, strict=True):
        rows.append(
            {
                "passage_id": pid,
                "source_id": doc.source_id,
                "section": block.section,
                "kind": block.kind,
                "level": block.level if block.level is not None else "",
                "label": block.label or "",
                "line": line_of(block.start),
                "start": block.start,
                "end": block.end,
                "segments": _segments_str(block),
                "note": block.note,
                "text": block.text,
            }
        )
    return rows


def footnote_rows(doc: Document) -> list[dict]:
    ids = assign_ids(doc)

    body = [(pid, b) for pid, b in zip(ids, doc.blocks, strict=True) if b.kind != "footnote"]

    def containing(offset: int) -> tuple[str, int | str]:
        """The body passage holding a marker, and where in its text the marker sits;
        a marker just after a paragraph's last character belongs to that paragraph."""
        before: tuple[str, int | str] = ("", "")
        for pid, block in body:
            if block.start <= offset <= block.end:
                return pid, block.reading.text_span(offset, offset)[0]
            if block.start <= offset:
                before = (pid, len(block.text))
        return before

    rows = []
    referenced: set[int] = set()
    for ref in doc.note_refs:
        if ref.footnote_index is not None:
            referenced.add(ref.footnote_index)
        marker_pid, marker_pos = containing(ref.start)
        rows.append(
            {
                "source_id": doc.source_id,
                "label": ref.label,
                "footnote_id": ids[ref.footnote_index] if ref.footnote_index is not None else "",
                "marker_passage_id": marker_pid,
                "marker_start": ref.start,
                "marker_end": ref.end,
                "marker_text_offset": marker_pos,
                "status": "paired" if ref.footnote_index is not None else "unresolved_marker",
                "text": doc.blocks[ref.footnote_index].text
                if ref.footnote_index is not None
                else "",
            }
        )
    for i, block in enumerate(doc.blocks):
        if block.kind == "footnote" and i not in referenced:
            rows.append(
                {
                    "source_id": doc.source_id,
                    "label": block.label or "",
                    "footnote_id": ids[i],
                    "marker_passage_id": "",
                    "marker_start": "",
                    "marker_end": "",
                    "marker_text_offset": "",
                    "status": "no_marker",
                    "text": block.text,
                }
            )
    return rows


SECTION_COLUMNS = [
    "source_id",
    "section",
    "title",
    "level",
    "heading_supplied",
    "first_passage_id",
]


def section_rows(doc: Document) -> list[dict]:
    """The source's own table of contents: one row per section, in order."""
    ids = assign_ids(doc)
    first: dict[str, str] = {}
    for pid, block in zip(ids, doc.blocks, strict=True):
        if block.kind != "footnote":
            first.setdefault(block.section, pid)
    return [
        {
            "source_id": doc.source_id,
            "section": sec.number,
            "title": sec.title,
            "level": sec.level,
            "heading_supplied": sec.heading_supplied,
            "first_passage_id": first.get(sec.number, ""),
        }
        for sec in doc.sections
    ]


def build_tables(docs: dict[str, Document] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The passages and footnotes tables of the given (default: all) parsed sources."""
    if docs is None:
        docs = {sid: parse_source(sid) for sid in PARSER_MODULES}
    passages, footnotes = [], []
    for doc in docs.values():
        passages.extend(passage_rows(doc))
        footnotes.extend(footnote_rows(doc))
    return (
        pd.DataFrame(passages, columns=PASSAGE_COLUMNS),
        pd.DataFrame(footnotes, columns=FOOTNOTE_COLUMNS),
    )


@dataclass(frozen=True)
class Passage:
    passage_id: str
    source_id: str
    section: str
    kind: str
    start: int
    end: int
    segments: tuple[tuple[int, int], ...]
    text: str


@cache
def load_passages() -> pd.DataFrame:
    """The committed passages table, indexed by passage_id."""
    df = pd.read_csv(
        paths.DERIVED / "passages.csv", dtype={"section": str, "label": str}, keep_default_na=False
    )
    return df.set_index("passage_id", drop=False)


def get_passage(passage_id: str) -> Passage:
    df = load_passages()
    if passage_id not in df.index:
        raise UnknownPassageError(
            f"unknown passage id {passage_id!r}: not in {paths.DERIVED / 'passages.csv'}"
        )
    row = df.loc[passage_id]
    return Passage(
        passage_id=passage_id,
        source_id=row["source_id"],
        section=row["section"],
        kind=row["kind"],
        start=int(row["start"]),
        end=int(row["end"]),
        segments=tuple(parse_segments(row["segments"])),
        text=row["text"],
    )
