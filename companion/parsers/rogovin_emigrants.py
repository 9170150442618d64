"""Parser for source `rogovin-emigrants`: Vadim Rogovin's chapter on the foreign communists.

The file holds one paragraph per line, with no blank lines, no headings and no
notes. Rules (matched on the text, never on line numbers):

1. **Units.** Every line with non-whitespace content is one block, trimmed.
   Each line stays its own block, so a later extractor can carry a speaker
   named in one block (``In telling this story, Trepper added that``) over to
   the quotation in the next; the parser does not resolve speakers.
2. **Separators.** A unit consisting only of ``***`` (asterisks, optionally
   spaced) is a ``scene_break``.
3. **Publisher's preface.** The units before the first separator are the
   publisher's (WSWS/SEP) preface, not Rogovin's text: they form section
   ``"0"`` (``paragraph`` blocks with ``note="publisher's preface"``), and the
   first separator, which closes the preface, belongs to that section too. If
   the text has no separator there is no preface.
4. **The chapter.** Everything after the first separator is section ``""``:
   the chapter has no headings, and the thematic blocks of the reading notes
   (Yugoslavia, Poland, Germany, …) are not marked in the text, so they are not
   sections. Passage ids are therefore ``rogovin-emigrants:p12``,
   ``rogovin-emigrants:q3``; the preface is ``rogovin-emigrants:0:p1``. Both
   sections have editorial, bracketed titles (``heading_supplied=True``); the
   chapter's is built from the work named in the preface.
5. **Block quotes.** A unit is a ``blockquote`` when it begins with an opening
   double quote ``“`` and the text outside its top-level ``“…”`` quotations is
   at most a speech tag of :data:`SPEECH_TAG_MAX_WORDS` words
   (``“…,” reported Dietrich. “…”``). An unclosed quotation (the cut-off
   Belevsky quote) runs to the end of the unit. A unit that begins with a
   quotation but goes on with narrative (``“according to the information we
   have …” Dimitrov mentioned also …``) is a ``paragraph``.
6. **Reading layer** (:func:`normalise`, see ``_common.normalise_segments``):
   whitespace collapsed, ends stripped. The curly quotes “…” and ‘…’ and the
   apostrophe ’ are kept as printed; the only inconsistency, the ASCII
   apostrophes of the preface (``Rogovin's``, ``Stalin's``), becomes ’ like
   every other apostrophe in the file. Ellipses (``…`` and ``...``) and dashes
   are kept as printed.

Source errors (``through study``, ``Rakosi`` next to ``Rákosi``, …) are rows of
``data/curated/corrections.csv``, not corrected here.
"""

from __future__ import annotations

import re

from companion.model import Block, Document, Section
from companion.parsers._common import ENGLISH_QUOTES, Line, nonblank_lines, normalise_segments
from companion.textlayer import Reading, Segment

SOURCE_ID = "rogovin-emigrants"

SEPARATOR = re.compile(r"(?:\*\s*){3}")
SPEECH_TAG_MAX_WORDS = 4
PREFACE_NOTE = "publisher's preface"
PREFACE_TITLE = "[Publisher’s preface]"
WORK_NAMED = re.compile(r"from (?P<author>[A-Z][\w. ]+?)’s work “(?P<work>[^”]+)”")


def normalise(raw: str, segments: list[Segment]) -> Reading:
    return normalise_segments(raw, segments, ENGLISH_QUOTES)


def outside_quotes(text: str) -> str:
    """The text of ``text`` outside its top-level “…” quotations (unclosed: to the end)."""
    out = []
    depth = 0
    for c in text:
        if c == "“":
            depth += 1
        elif c == "”" and depth:
            depth -= 1
        elif not depth:
            out.append(c)
    return "".join(out)


def is_blockquote(text: str) -> bool:
    """Rule 5: a unit that is a quotation, at most interrupted by a speech tag."""
    if not text.startswith("“"):
        return False
    words = [w for w in re.split(r"\s+", outside_quotes(text)) if re.search(r"\w", w)]
    return len(words) <= SPEECH_TAG_MAX_WORDS


def _kind(text: str) -> str:
    if SEPARATOR.fullmatch(text):
        return "scene_break"
    return "blockquote" if is_blockquote(text) else "paragraph"


def _preface_end(raw: str, lines: list[Line]) -> int:
    """Number of units in section "0" (rule 3): up to and including the first separator."""
    for i, ln in enumerate(lines):
        if SEPARATOR.fullmatch(ln.text(raw)):
            return i + 1
    return 0


def _chapter_title(blocks: list[Block]) -> str:
    for b in blocks:
        if b.note == PREFACE_NOTE and (m := WORK_NAMED.search(b.text)):
            return f"[{m.group('author')}, {m.group('work')}, chapter on the foreign communists]"
    return "[Chapter on the foreign communists]"


def parse(raw: str) -> Document:
    lines = nonblank_lines(raw)
    preface_units = _preface_end(raw, lines)
    blocks = []
    for i, ln in enumerate(lines):
        seg = [(ln.start, ln.end)]
        kind = _kind(ln.text(raw))
        in_preface = i < preface_units
        note = PREFACE_NOTE if in_preface and kind == "paragraph" else ""
        blocks.append(Block(kind, "0" if in_preface else "", seg, normalise(raw, seg), note=note))
    sections = [Section("", _chapter_title(blocks), 1, heading_supplied=True)]
    if preface_units:
        sections.insert(0, Section("0", PREFACE_TITLE, 1, heading_supplied=True))
    return Document(SOURCE_ID, raw, sections, blocks)
