"""Helpers shared by the line-based parsers (letter-1930, cliff-1923, rogovin-emigrants).

These three sources keep one unit (date line, paragraph, note) per raw line, so
the parsers share:

- :func:`nonblank_lines`: the raw lines holding non-whitespace characters, trimmed
  to their first and last non-whitespace character, with 1-based line numbers;
- :func:`cut_span`: a line span minus the artefact spans inside it (markers,
  markup), each remaining piece trimmed of whitespace, so block segments always
  start and end on a non-whitespace character;
- :func:`normalise_segments`: the reading layer. Rules, in order:

  1. inside a segment every whitespace run becomes one space;
  2. straight quotes, where a source has them, become the typographic marks of
     the source's own system (:class:`QuoteStyle`): ``'`` after a letter or digit
     (or a closing punctuation mark) is an apostrophe or closing mark and becomes
     the style's closing single mark (``’`` in English), otherwise the opening
     single mark; ``"`` after whitespace, the line start, an opening bracket or
     a dash opens, otherwise it closes. Typographic marks already in the text are
     kept as printed, and so are apostrophes;
  3. between two segments one space is inserted where the raw gap (or a segment
     edge) holds whitespace, except before closing punctuation
     (``, . ; : ! ? ) ] ’ ”``): a removed marker in ``9 November’ [13], i.e.``
     leaves ``9 November’, i.e.``, not ``November’ , i.e.``;
  4. leading and trailing spaces are stripped.

  Every reading character maps to the raw character it copies or replaces; a
  space inserted between segments maps to the end of the earlier segment. The
  result is a pure function of ``raw`` and ``segments``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from companion.textlayer import Reading, ReadingBuilder, Segment, gap_has_space, strip_reading

#: German month names, as an alternation for regular expressions (datelines).
GERMAN_MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"

#: Characters before which no joining space is inserted (rule 3).
NO_SPACE_BEFORE = frozenset(",.;:!?)]’”")

_LINE = re.compile(r"[^\n]+")
_NONSPACE = re.compile(r"\S")


@dataclass(frozen=True)
class Line:
    """A raw line with non-whitespace content, trimmed: ``raw[start:end]``."""

    number: int  # 1-based raw line number
    start: int
    end: int

    def text(self, raw: str) -> str:
        return raw[self.start : self.end]


@dataclass(frozen=True)
class QuoteStyle:
    """The typographic quotation marks of a source (used for straight quotes only)."""

    open_double: str
    close_double: str
    open_single: str
    close_single: str


ENGLISH_QUOTES = QuoteStyle("“", "”", "‘", "’")
GERMAN_QUOTES = QuoteStyle("„", "“", "‚", "‘")


def nonblank_lines(raw: str) -> list[Line]:
    """Every raw line holding a non-whitespace character, trimmed of edge whitespace."""
    lines = []
    for m in _LINE.finditer(raw):
        text = m.group()
        stripped = text.strip()
        if not stripped:
            continue
        start = m.start() + (len(text) - len(text.lstrip()))
        end = m.end() - (len(text) - len(text.rstrip()))
        lines.append(Line(raw.count("\n", 0, m.start()) + 1, start, end))
    return lines


def cut_span(raw: str, span: Segment, cuts: list[Segment]) -> list[Segment]:
    """``span`` minus the ``cuts`` inside it, each piece trimmed; empty pieces dropped."""
    pieces: list[Segment] = []
    pos = span[0]
    for a, b in sorted(cuts):
        if not (span[0] <= a < b <= span[1]):
            raise ValueError(f"cut {a}-{b} outside span {span}")
        pieces.append((pos, a))
        pos = b
    pieces.append((pos, span[1]))
    out = []
    for a, b in pieces:
        while a < b and raw[a].isspace():
            a += 1
        while b > a and raw[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def straight_quote(raw: str, i: int, style: QuoteStyle) -> str:
    """The typographic mark for the straight quote ``raw[i]`` (rule 2 above)."""
    prev = raw[i - 1] if i > 0 else " "
    if raw[i] == "'":
        if prev.isalnum() or prev in ".,;:!?":
            return style.close_single
        return style.open_single
    opening = prev.isspace() or prev in "([{—–-"
    return style.open_double if opening else style.close_double


def _copy_segment(b: ReadingBuilder, raw: str, start: int, end: int, quotes: QuoteStyle) -> None:
    pos = start
    i = start
    while i < end:
        c = raw[i]
        if c.isspace() or c in "'\"":
            if i > pos:
                b.copy(pos, i)
            if c.isspace():
                j = i
                while j < end and raw[j].isspace():
                    j += 1
                if len(b) and b.last_char() != " ":
                    b.emit(" ", i)
                i = j
            else:
                b.emit(straight_quote(raw, i, quotes), i)
                i += 1
            pos = i
        else:
            i += 1
    if pos < end:
        b.copy(pos, end)


def _first_nonspace(raw: str, start: int, end: int) -> str:
    m = _NONSPACE.search(raw, start, end)
    return m.group() if m else ""


def normalise_segments(
    raw: str, segments: list[Segment], quotes: QuoteStyle = ENGLISH_QUOTES
) -> Reading:
    """The reading text of ``segments`` (rules 1-4 of the module docstring)."""
    b = ReadingBuilder(raw)
    prev_end: int | None = None
    for start, end in segments:
        if (
            prev_end is not None
            and len(b)
            and b.last_char() != " "
            and gap_has_space(raw, prev_end, start)
            and _first_nonspace(raw, start, end) not in NO_SPACE_BEFORE
        ):
            b.emit(" ", prev_end if prev_end < start else start)
        _copy_segment(b, raw, start, end, quotes)
        prev_end = end
    return strip_reading(b.build())
