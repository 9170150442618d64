"""The reading layer: text built from raw spans with a map back to raw offsets.

Every character of a reading text knows the raw-file index it came from, so a
span found in the reading text (a name, a figure, a phrase) maps back to the
exact characters of the source file. Inserted characters (the space that joins
two lines) map to the raw character they replace (the line break).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

Segment = tuple[int, int]


@dataclass
class Reading:
    """A reading text and, for each of its characters, the raw offset it maps to."""

    text: str
    offsets: list[int]

    def raw_span(self, start: int, end: int) -> Segment:
        """Raw ``[start, end)`` covering reading-text characters ``[start, end)``."""
        if not (0 <= start < end <= len(self.text)):
            raise ValueError(f"span {start}:{end} outside reading text of length {len(self.text)}")
        return self.offsets[start], self.offsets[end - 1] + 1

    def text_span(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """Reading-text ``[i, j)`` of the characters that come from raw ``[raw_start, raw_end)``.

        Offsets are monotone, so this is two binary searches.
        """
        return bisect_left(self.offsets, raw_start), bisect_left(self.offsets, raw_end)

    def find(self, phrase: str, start: int = 0) -> int:
        return self.text.find(phrase, start)


@dataclass
class ReadingBuilder:
    """Accumulates a reading text from raw characters, replacements and insertions."""

    raw: str
    _chars: list[str] = field(default_factory=list)
    _offsets: list[int] = field(default_factory=list)

    def copy(self, start: int, end: int) -> None:
        """Append ``raw[start:end]`` verbatim."""
        self._chars.extend(self.raw[start:end])
        self._offsets.extend(range(start, end))

    def emit(self, text: str, at: int) -> None:
        """Append ``text`` (a replacement or insertion) mapped to raw index ``at``."""
        self._chars.extend(text)
        self._offsets.extend([at] * len(text))

    def last_char(self) -> str:
        return self._chars[-1] if self._chars else ""

    def __len__(self) -> int:
        return len(self._chars)

    def build(self) -> Reading:
        return Reading("".join(self._chars), list(self._offsets))


_WS = re.compile(r"\s+")


def collapse_whitespace(raw: str, segments: Iterable[Segment]) -> Reading:
    """The simplest reading layer: whitespace runs become one space, ends stripped.

    Between two segments a space is inserted when the raw gap between them (or
    the segment edge) holds whitespace; segments separated only by a removed
    marker (``Rivera1 und`` without the ``1``) join directly. Parsers with
    source-specific rules (hyphens, soft hyphens, quote marks, ligatures) build
    on :class:`ReadingBuilder` and :func:`gap_has_space`.
    """
    b = ReadingBuilder(raw)
    prev_end: int | None = None
    for seg_start, seg_end in segments:
        if (
            prev_end is not None
            and len(b)
            and b.last_char() != " "
            and gap_has_space(raw, prev_end, seg_start)
        ):
            b.emit(" ", prev_end if prev_end < seg_start else seg_start)
        pos = seg_start
        for m in _WS.finditer(raw, seg_start, seg_end):
            if m.start() > pos:
                b.copy(pos, m.start())
            if len(b) and b.last_char() != " ":
                b.emit(" ", m.start())
            pos = m.end()
        if pos < seg_end:
            b.copy(pos, seg_end)
        prev_end = seg_end
    return strip_reading(b.build())


def gap_has_space(raw: str, prev_end: int, next_start: int) -> bool:
    """True if the raw text between two segments, or at their edges, holds whitespace."""
    if prev_end < next_start and _WS.search(raw, prev_end, next_start):
        return True
    edge = raw[prev_end - 1 : prev_end] + raw[next_start : next_start + 1]
    return any(c.isspace() for c in edge)


def strip_reading(r: Reading) -> Reading:
    """Drop leading and trailing spaces (and their offsets)."""
    lo, hi = 0, len(r.text)
    while lo < hi and r.text[lo] == " ":
        lo += 1
    while hi > lo and r.text[hi - 1] == " ":
        hi -= 1
    return Reading(r.text[lo:hi], r.offsets[lo:hi])
