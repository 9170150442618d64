"""Parser for source ``monat``: pages of a German monograph on *Der Monat* (ch. IV.2.1–IV.2.3).

The raw file is a PDF text extraction of 13 consecutive book pages (plus the
blank start of a 14th). Every rule below was checked against the file itself.

Page model
----------
* A page is: body lines, a blank line, then the page's **footnote zone**.
* The first line of every page begins with exactly one ASCII space (line 1
  too). A body line never does; the only other indented line is the TAB that
  continues a wrapped heading. So *a line that starts with a space starts a
  page* and ends the footnote zone of the page before.
* The footnote zone runs from the first note-start line of a page (below) up
  to the next page start. No note runs on into the next page's zone in this
  excerpt; the parser raises if a zone does not open with a note start.
* The extraction kept **no running footers, headers or page numbers** (no
  bare-number or running-head line exists), so there are no ``page_footer``
  artefacts. The whitespace that marks a page break (the newline before the
  page-start space and the space itself) is recorded as a ``page_break``
  artefact for line maps.

Blocks
------
* Headings: ``^\\d\\.\\d\\t`` + title; a title wrapped onto a line starting with
  a TAB continues it (``2.2\\t Die Russische Revolution als Genesis`` /
  ``\\t der kommunistischen Gewaltherrschaft``). The printed number ``2.2`` is
  section ``IV.2.2`` (the text's own cross-references read ``Kap. IV.2.2``),
  level 3 (chapter IV = 1, IV.2 = 2). The heading block keeps the printed
  number in its text; ``Section.title`` is the title without it.
* The opening fragment (no heading in the excerpt) is section ``IV.2.1`` with
  an editorial, bracketed title and ``heading_supplied=True``.
* Body lines are grouped into blocks. A blank line ends a block. Across a page
  break (footnote zone + page start) the block **continues** unless the last
  body line of the page ends a sentence (``.!?:``, optionally followed by a
  closing guillemet, note markers ignored); the three page tops that open a
  new block (after ``festzuhalten.372``, ``aufzwingen.380``,
  ``Feststellung:``) all follow such a line, the six mid-sentence and three
  hyphenated joins do not.
* Inside a run without blank lines a block also ends after a **short line**
  (< ``SHORT_LINE`` characters; full lines are 74–104) that ends a sentence
  when the next line starts with a capital: Lenin's testament quote has two
  paragraphs printed without a blank line (``schäfte zu widmen.`` / ``Diese
  beiden …``).
* Block quotes carry no markup (the PDF indented them). A block is a
  ``blockquote`` when the body block before it ends with ``:`` or ``,`` (the
  quote is introduced by, or continues, the author's sentence: ``so der
  amerikanische Journalist und Historiker Boris Shub,``), or when it was split
  from a block quote by the short-line rule. Everything else is a
  ``paragraph``.

Footnotes
---------
* A note starts with ``^(\\d{3})\\u2002 \\ufffd``: three digits, EN SPACE, space,
  U+FFFD (the extraction's residue of a glyph; the file has exactly 31 U+FFFD,
  all here). The digits are a ``note_marker`` artefact, the U+FFFD a
  ``residue`` artefact; the note's segment starts after them and runs to its
  last non-space character before the next note start or the zone's end
  (internal blank lines, e.g. before ``S. 41.`` in note 368, are whitespace).
* In-text markers are plain ASCII digits glued to the preceding character
  (``toto.356``, ``Zarenreich,360``, ``1953.369``, ``könne«383.``,
  ``Opposition384``). They are found **in sequence**: the next expected label
  (356, 357, …) is searched in body lines after the previous marker, preceded
  by a character that is neither a digit nor whitespace and not followed by a
  digit. Each becomes a ``NoteRef`` plus a ``note_marker`` artefact and is cut
  out of the block's segments. All 31 must pair, 356–386, or parsing fails.
* Footnote blocks follow the body block that holds their marker; their
  section is the marker's section.

Reading layer (``normalise``)
-----------------------------
Segments are read as a stream of characters and whitespace runs.

1. **Whitespace.** Every whitespace run (line breaks, trailing spaces, TAB,
   NBSP U+00A0, EN SPACE U+2002, THIN SPACE U+2009, NARROW NBSP U+202F) becomes
   one ASCII space mapped to the run's first character; so ``d.\\u2009h.`` reads
   ``d. h.`` and ``S.\\u202f19`` reads ``S. 19``. Between two segments a space
   is inserted when the raw gap or its edges hold whitespace (a gap that is
   only a cut-out marker joins directly: ``könne«383.`` → ``könne«.``); the
   inserted space maps to the first raw character of the gap. Soft hyphen
   characters (U+00AD) would be dropped; the file has none. Leading and
   trailing spaces are stripped.
2. **Line-final hyphens.** A ``-`` directly before a whitespace run that holds
   a line break (or before a segment gap that spans a page break) with a letter
   before it is decided by :func:`hyphen_rule` from the letter run before it
   (``left``) and the letter run after the break (``right``), in this order:

   a. ``HYPHEN_EXCEPTIONS`` (matched by the word pair, not by line number);
   b. ``right`` is ``und``/``oder``/``bzw``/``sowie`` → *suspended* hyphen,
      kept with its space (``Staats- und``);
   c. ``right`` starts with a capital → *compound* hyphen, kept, no space
      (``Arbeiter-`` / ``Räte`` → ``Arbeiter-Räte``);
   d. ``left-right`` occurs elsewhere in the raw text with a hyphen inside a
      line → *compound*, kept (the hyphenated spelling is attested);
   e. ``right`` starts in lower case → *soft* line-break hyphen: hyphen and
      break removed (``wer-`` / ``den`` → ``werden``);
   f. anything else (no letter after the break) → *literal*: kept as printed.

   All 168 line-final hyphens of this file are soft (rule e, one via a); real
   hyphens survive because they stand inside a line (``Hitler-Sta-`` /
   ``lin-Paktes`` → ``Hitler-Stalin-Paktes``; ``»Vertei-`` / ``digungs-«
   bzw.`` → ``»Verteidigungs-« bzw.``). A "both parts are words" test is *not*
   used: German compounds are written closed and break at their joints
   (``Gruppen-``/``spaltung``, ``Sowjet-``/``union``, ``Partei-``/
   ``kongresses``), so it would invent hyphens.
   ``HYPHEN_EXCEPTIONS`` holds the one ambiguous case: ``nicht-`` /
   ``sowjetischen`` is read as the standard closed form ``nichtsowjetischen``.
3. **Ligature splits.** The PDF dropped a space after ``f`` where it had an
   fl/ft/fh ligature. A single space (not a line break) between two letter
   runs listed in ``LIGATURE_SPLITS`` is removed (``Einf luss`` → ``Einfluss``,
   ``Ein-`` / ``f luss`` → ``Einfluss``, ``Darauf hin`` → ``Daraufhin``). A
   blanket ``f`` + space rule would glue ``auf die`` and ``Kampf um``.
4. **Quotes.** The text quotes with guillemets ``»…«`` only (111 pairs; no
   „“ or ASCII quotes); they are kept. Should „ or “ appear they would be
   mapped to » and « (``QUOTE_MAP``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from companion.model import Artefact, Block, Document, NoteRef, Section
from companion.textlayer import Reading, ReadingBuilder, Segment, gap_has_space, strip_reading

SOURCE_ID = "monat"

CHAPTER = "IV"
HEADING_LEVEL = 3
FIRST_SECTION = Section(
    number="IV.2.1",
    title="[Schluss von Kap. IV.2.1; die Überschrift steht vor dem Auszug]",
    level=HEADING_LEVEL,
    heading_supplied=True,
)
FIRST_NOTE, LAST_NOTE = 356, 386

#: Lines shorter than this (after rstrip) count as short, i.e. paragraph-final.
SHORT_LINE = 60

NOTE_START = re.compile(r"(\d{3})\u2002 (\ufffd)")
HEADING = re.compile(r"(\d\.\d)\t")
SENTENCE_END = re.compile(r"[.!?:][«»]?$")

SUSPENSION_WORDS = frozenset({"und", "oder", "bzw", "sowie"})

#: Line-final hyphens the rules cannot decide, by (letters before, letters after).
HYPHEN_EXCEPTIONS: dict[tuple[str, str], str] = {
    # "der russischen bzw. sowjetischen Welt und der nicht-/sowjetischen Welt":
    # the print does not tell a kept hyphen from a break at the joint; read the
    # standard closed spelling "nichtsowjetischen".
    ("nicht", "sowjetischen"): "soft",
}

#: Ligature splits: (letters before the space, letters after it) → space removed.
LIGATURE_SPLITS = frozenset(
    {
        ("Einf", "luss"),  # Einfluss
        ("einf", "lussreichen"),  # einflussreichen
        ("f", "luss"),  # "Ein-" / "f luss" at a line start
        ("Inf", "lation"),  # Inflation
        ("Schrif", "t"),  # Schrift
        ("Auf", "lösung"),  # Auflösung
        ("Auf", "hebung"),  # Aufhebung
        ("f", "lache"),  # "das f lache Land"
        ("Darauf", "hin"),  # "Darauf hin desertierten": daraufhin (fh ligature)
    }
)

QUOTE_MAP = {"„": "»", "“": "«"}
DROPPED_CHARS = frozenset({"\u00ad"})

_WS = re.compile(r"\s+")
_LETTERS_END = re.compile(r"[^\W\d_]+$")
_LETTERS_START = re.compile(r"[^\W\d_]+")
#: ``a-b`` inside a line, ``b`` lower case and not itself broken at the line end.
_ATTESTED = re.compile(r"([^\W\d_]+)-([^\W\d_A-ZÄÖÜ][^\W\d_]*+)(?!-[ \t]*\n)")


# --------------------------------------------------------------------------- reading layer


@dataclass
class _Tok:
    """A non-space raw character (``space=False``) or a whitespace run."""

    text: str
    at: int
    space: bool = False
    newline: bool = False


def hyphen_rule(left: str, right: str, attested: frozenset[str] = frozenset()) -> str:
    """Classify a line-final hyphen: ``soft``, ``compound``, ``suspended`` or ``literal``.

    ``left``/``right`` are the letter runs before the hyphen and after the line
    break; ``attested`` holds lower-cased ``a-b`` compounds hyphenated inside a
    line elsewhere in the text. See the module docstring, rule 2.
    """
    if (left, right) in HYPHEN_EXCEPTIONS:
        return HYPHEN_EXCEPTIONS[(left, right)]
    if not left or not right:
        return "literal"
    if right in SUSPENSION_WORDS:
        return "suspended"
    if right[0].isupper():
        return "compound"
    if f"{left}-{right}".lower() in attested:
        return "compound"
    if right[0].islower():
        return "soft"
    return "literal"


@lru_cache(maxsize=4)
def attested_compounds(raw: str) -> frozenset[str]:
    """Lower-cased ``a-b`` compounds whose hyphen stands inside a line of ``raw``."""
    return frozenset(f"{m[1]}-{m[2]}".lower() for m in _ATTESTED.finditer(raw))


def _tokens(raw: str, segments: list[Segment]) -> list[_Tok]:
    toks: list[_Tok] = []
    prev_end: int | None = None
    for start, end in segments:
        if prev_end is not None and gap_has_space(raw, prev_end, start):
            at = prev_end if prev_end < start else start
            toks.append(_Tok(" ", at, space=True, newline="\n" in raw[prev_end:start]))
        pos = start
        for m in _WS.finditer(raw, start, end):
            toks.extend(_Tok(raw[i], i) for i in range(pos, m.start()))
            toks.append(_Tok(" ", m.start(), space=True, newline="\n" in m.group()))
            pos = m.end()
        toks.extend(_Tok(raw[i], i) for i in range(pos, end))
        prev_end = end
    return _merge_spaces(toks)


def _merge_spaces(toks: list[_Tok]) -> list[_Tok]:
    out: list[_Tok] = []
    for t in toks:
        if t.space and out and out[-1].space:
            out[-1].newline = out[-1].newline or t.newline
            continue
        out.append(t)
    while out and out[0].space:
        out.pop(0)
    while out and out[-1].space:
        out.pop()
    return out


def _word_before(toks: list[_Tok], i: int) -> str:
    """Letters directly before token ``i`` (back to the previous space or non-letter)."""
    chars: list[str] = []
    j = i - 1
    while j >= 0 and not toks[j].space:
        chars.append(toks[j].text)
        j -= 1
    m = _LETTERS_END.search("".join(reversed(chars)))
    return m.group() if m else ""


def _word_after(toks: list[_Tok], i: int) -> str:
    """Letters directly after token ``i`` (up to the next space or non-letter)."""
    chars: list[str] = []
    j = i + 1
    while j < len(toks) and not toks[j].space:
        chars.append(toks[j].text)
        j += 1
    m = _LETTERS_START.match("".join(chars))
    return m.group() if m else ""


def _hyphen_at(toks: list[_Tok], i: int, attested: frozenset[str]) -> str | None:
    """The rule for token ``i`` if it is a hyphen before a line break, else None."""
    tok = toks[i]
    if tok.text != "-" or i + 1 >= len(toks) or not toks[i + 1].newline:
        return None
    left = _word_before(toks, i)
    if not left:
        return None
    return hyphen_rule(left, _word_after(toks, i + 1), attested)


def _is_ligature_split(toks: list[_Tok], i: int) -> bool:
    if toks[i].newline:
        return False
    return (_word_before(toks, i), _word_after(toks, i)) in LIGATURE_SPLITS


def normalise(raw: str, segments: list[Segment]) -> Reading:
    """The reading text of ``segments`` (module docstring, "Reading layer")."""
    toks = _tokens(raw, segments)
    attested = attested_compounds(raw)
    b = ReadingBuilder(raw)
    skip_space = False
    for i, tok in enumerate(toks):
        if tok.space:
            if not skip_space and not _is_ligature_split(toks, i):
                b.emit(" ", tok.at)
            skip_space = False
            continue
        rule = _hyphen_at(toks, i, attested)
        if rule is not None and rule != "literal":
            if rule != "soft":
                b.copy(tok.at, tok.at + 1)
            skip_space = rule != "suspended"
            continue
        if tok.text in DROPPED_CHARS:
            continue
        if tok.text in QUOTE_MAP:
            b.emit(QUOTE_MAP[tok.text], tok.at)
        else:
            b.copy(tok.at, tok.at + 1)
    return strip_reading(b.build())


def hyphen_decisions(raw: str, segments: list[Segment]) -> list[tuple[int, str, str, str]]:
    """Every line-final hyphen in ``segments``: (raw offset, left, right, rule)."""
    toks = _tokens(raw, segments)
    attested = attested_compounds(raw)
    out = []
    for i, tok in enumerate(toks):
        rule = _hyphen_at(toks, i, attested)
        if rule is not None:
            out.append((tok.at, _word_before(toks, i), _word_after(toks, i + 1), rule))
    return out


def ligature_repairs(raw: str, segments: list[Segment]) -> list[tuple[int, str, str]]:
    """Every ligature split repaired in ``segments``: (raw offset of the space, left, right)."""
    toks = _tokens(raw, segments)
    return [
        (t.at, _word_before(toks, i), _word_after(toks, i))
        for i, t in enumerate(toks)
        if t.space and _is_ligature_split(toks, i)
    ]


# --------------------------------------------------------------------------- page model


@dataclass
class Line:
    no: int  # 1-based line number
    start: int  # raw offset of the first character
    end: int  # raw offset after the last character (before the newline)
    text: str
    kind: str = ""  # body | blank | heading | heading_cont | note_start | note_cont
    page_start: bool = False

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    def span(self) -> Segment:
        """The line's non-whitespace span."""
        lead = len(self.text) - len(self.text.lstrip())
        return self.start + lead, self.start + len(self.text.rstrip())


def split_lines(raw: str) -> list[Line]:
    lines, pos = [], 0
    for no, text in enumerate(raw.split("\n"), start=1):
        lines.append(Line(no, pos, pos + len(text), text))
        pos += len(text) + 1
    return lines


def classify(lines: list[Line]) -> None:
    """Set ``kind`` and ``page_start`` of every line (module docstring, "Page model")."""
    in_zone = False
    for prev, line in zip([None, *lines], lines, strict=False):
        if line.text.startswith(" "):
            line.page_start, in_zone = True, False
        if line.blank:
            line.kind = "blank"
        elif NOTE_START.match(line.text):
            line.kind, in_zone = "note_start", True
        elif in_zone:
            line.kind = "note_cont"
        elif HEADING.match(line.text):
            line.kind = "heading"
        elif line.text.startswith("\t") and prev is not None and prev.kind == "heading":
            line.kind = "heading_cont"
        else:
            line.kind = "body"


def page_breaks(lines: list[Line]) -> list[Artefact]:
    """The newline + leading space before every page start after the first line."""
    return [
        Artefact(
            "page_break", line.start - 1, line.start + 1, note=f"page starts at line {line.no}"
        )
        for line in lines
        if line.page_start and line.no > 1
    ]


# --------------------------------------------------------------------------- markers and notes


@dataclass
class Marker:
    label: str
    start: int
    end: int


def find_markers(raw: str, lines: list[Line]) -> list[Marker]:
    """In-text note markers 356–386, searched in sequence through the body lines."""
    markers: list[Marker] = []
    expected = FIRST_NOTE
    for line in lines:
        if line.kind != "body":
            continue
        pos, end = line.span()
        while expected <= LAST_NOTE:
            m = re.compile(rf"(?<=[^\s\d]){expected}(?!\d)").search(raw, pos, end)
            if not m:
                break
            markers.append(Marker(str(expected), m.start(), m.end()))
            expected += 1
            pos = m.end()
    if expected != LAST_NOTE + 1:
        raise ValueError(f"monat: note marker {expected} not found in the body text")
    return markers


@dataclass
class Note:
    label: str
    label_span: Segment
    residue_span: Segment
    segments: list[Segment] = field(default_factory=list)


def collect_notes(raw: str, lines: list[Line]) -> list[Note]:
    """Footnote bodies from the footnote zones."""
    notes: list[Note] = []
    current: Note | None = None
    for line in lines:
        if line.kind == "note_start":
            m = NOTE_START.match(line.text)
            assert m is not None
            current = Note(
                m[1],
                (line.start + m.start(1), line.start + m.end(1)),
                (line.start + m.start(2), line.start + m.end(2)),
            )
            notes.append(current)
            _add_span(current.segments, (line.start + m.end(), line.span()[1]), raw)
        elif line.kind == "note_cont":
            if current is None:
                raise ValueError(f"monat: line {line.no}: footnote zone without a note start")
            _add_span(current.segments, line.span(), raw)
        elif line.kind != "blank" or line.page_start:
            current = None
    labels = [n.label for n in notes]
    if labels != [str(n) for n in range(FIRST_NOTE, LAST_NOTE + 1)]:
        raise ValueError(f"monat: footnote labels {labels} are not {FIRST_NOTE}–{LAST_NOTE}")
    return notes


def _add_span(segments: list[Segment], span: Segment, raw: str) -> None:
    """Append ``span``, merged into the last segment when only whitespace lies between."""
    if span[0] >= span[1]:
        return
    if segments and not raw[segments[-1][1] : span[0]].strip():
        segments[-1] = (segments[-1][0], span[1])
    else:
        segments.append(span)


# --------------------------------------------------------------------------- body blocks


@dataclass
class Unit:
    """A body block under construction."""

    kind: str  # heading | body
    lines: list[Line]
    split_from_previous: bool = False  # ended the previous unit by the short-line rule


def _text_without_markers(line: Line, markers: list[Marker]) -> str:
    text = line.text
    for mk in reversed([m for m in markers if line.start <= m.start < line.end]):
        text = text[: mk.start - line.start] + text[mk.end - line.start :]
    return text.rstrip()


def group_units(lines: list[Line], markers: list[Marker]) -> list[Unit]:
    """Group heading and body lines into blocks (module docstring, "Blocks")."""
    units: list[Unit] = []
    current: Unit | None = None
    blank_seen = crossed_page = False
    last: Line | None = None
    for line in lines:
        if line.kind in ("heading", "heading_cont"):
            if line.kind == "heading":
                units.append(Unit("heading", []))
            units[-1].lines.append(line)
            current, last = None, None
        elif line.kind in ("note_start", "note_cont"):
            crossed_page = True
        elif line.kind == "blank":
            blank_seen = True
        else:
            new, split = _starts_block(line, last, markers, blank_seen, crossed_page)
            if current is None or new:
                current = Unit("body", [], split_from_previous=split)
                units.append(current)
            current.lines.append(line)
            last, blank_seen, crossed_page = line, False, False
    return units


def _starts_block(
    line: Line, last: Line | None, markers: list[Marker], blank_seen: bool, crossed_page: bool
) -> tuple[bool, bool]:
    """(does ``line`` open a new block, was it split off by the short-line rule)."""
    if last is None:
        return True, False
    last_text = _text_without_markers(last, markers)
    if crossed_page:
        return bool(SENTENCE_END.search(last_text)), False
    if blank_seen:
        return True, False
    short = len(last_text) < SHORT_LINE and SENTENCE_END.search(last_text)
    if short and line.text.lstrip()[:1].isupper():
        return True, True
    return False, False


def unit_segments(unit: Unit, markers: list[Marker], raw: str) -> list[Segment]:
    """Raw segments of a unit: line spans merged per page, markers cut out."""
    merged: list[Segment] = []
    for line in unit.lines:
        _add_span(merged, line.span(), raw)
    return _cut(merged, [(m.start, m.end) for m in markers], raw)


def _cut(segments: list[Segment], holes: list[Segment], raw: str) -> list[Segment]:
    out: list[Segment] = []
    for a, b in segments:
        pos = a
        for h0, h1 in holes:
            if a <= h0 < b:
                out.append((pos, h0))
                pos = h1
        out.append((pos, b))
    return [_trim(s, raw) for s in out if raw[s[0] : s[1]].strip()]


def _trim(seg: Segment, raw: str) -> Segment:
    a, b = seg
    while raw[a].isspace():
        a += 1
    while raw[b - 1].isspace():
        b -= 1
    return a, b


# --------------------------------------------------------------------------- document


def _heading_section(text: str) -> Section:
    m = re.match(r"(\d\.\d) (.+)", text)
    if not m:
        raise ValueError(f"monat: heading {text!r} without a number")
    return Section(f"{CHAPTER}.{m[1]}", m[2], HEADING_LEVEL)


def _body_blocks(
    raw: str, units: list[Unit], markers: list[Marker]
) -> tuple[list[tuple[Block, list[Marker]]], list[Section]]:
    """Body blocks, each with the markers on its lines, and the sections."""
    sections = [FIRST_SECTION]
    out: list[tuple[Block, list[Marker]]] = []
    for unit in units:
        segs = unit_segments(unit, markers, raw)
        reading = normalise(raw, segs)
        if unit.kind == "heading":
            section = _heading_section(reading.text)
            sections.append(section)
            out.append((Block("heading", section.number, segs, reading, level=section.level), []))
            continue
        kind = _body_kind(unit, [b for b, _ in out])
        mine = [m for m in markers if any(ln.start <= m.start < ln.end for ln in unit.lines)]
        out.append((Block(kind, sections[-1].number, segs, reading), mine))
    return out, sections


def _body_kind(unit: Unit, previous: list[Block]) -> str:
    if not previous or previous[-1].kind == "heading":
        return "paragraph"
    if unit.split_from_previous:
        return previous[-1].kind
    return "blockquote" if previous[-1].text.endswith((":", ",")) else "paragraph"


def parse(raw: str) -> Document:
    lines = split_lines(raw)
    classify(lines)
    markers = find_markers(raw, lines)
    notes = {n.label: n for n in collect_notes(raw, lines)}
    body, sections = _body_blocks(raw, group_units(lines, markers), markers)

    blocks: list[Block] = []
    note_index: dict[str, int] = {}
    for block, mine in body:
        blocks.append(block)
        for mk in mine:
            segs = notes[mk.label].segments
            note_index[mk.label] = len(blocks)
            blocks.append(
                Block("footnote", block.section, segs, normalise(raw, segs), label=mk.label)
            )
    if len(note_index) != len(markers):
        raise ValueError("monat: a note marker lies outside every body block")

    refs = [NoteRef(m.label, m.start, m.end, note_index[m.label]) for m in markers]
    artefacts = [Artefact("note_marker", m.start, m.end, note="in-text marker") for m in markers]
    for n in notes.values():
        artefacts.append(Artefact("note_marker", *n.label_span, note="note label"))
        artefacts.append(Artefact("residue", *n.residue_span, note="U+FFFD after note label"))
    artefacts += page_breaks(lines)
    artefacts.sort(key=lambda a: a.start)
    return Document(SOURCE_ID, raw, sections, blocks, refs, artefacts)
