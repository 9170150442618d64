"""Parser for source ``crimes-1937``: Trotzki, *Stalins Verbrechen* (German, 1937).

The raw file is a PDF extraction of the web edition (source notes, ``source-001.md``).
It has no markup: structure is read off the layout of the lines. Every rule below
works on the raw lines; where a rule has to name a passage it matches the
passage's text, never a line number.

Line classes (``_classify_lines``)
----------------------------------
* **Blank lines.** One blank line stands before a heading, a footnote, a ``★`` and
  a few paragraphs; a run of two or more is a page break (``page_break``
  artefacts: whitespace only, recorded for line maps).
* **Link lines** (starting ``http://`` or ``https://``) are stray URLs of the web
  edition: ``link`` artefacts, never text.
* **Footnote bodies.** A line that follows exactly one blank line and starts with
  ``*``, ``**``, ``***`` or a digit and a space opens a footnote. The footnote runs
  to the next page break or link line, so the two-paragraph Reiss note (which
  holds one blank line) is one block. Exception, by rule: a footnote whose first
  line is complete (no trailing space, no final ``:`` or ``-``) and is followed
  directly by a text line is a one-line note whose page break was lost in
  extraction (``* Edition de Lee. …``): the body text resumes on the next line.
* Everything else is a **body line**.

Blocks (``_group``)
-------------------
Body lines are joined by the **trailing-space rule**: a line that ends with a
space continues its block, across line breaks, page breaks, footnotes and link
lines; a line without one closes it, except (a) when it ends in ``-`` (a real
hyphen, see below) and (b) when it ends in a letter or digit and the next body
line starts with a lower-case letter (two lines of the closing speech lost their
trailing space: ``existiert`` / ``keine Spur``; ``hat`` / page break / ``zu dem
Zwecke``). Conversely (c) a line with a trailing space closes its block when it
is short (under 55 characters, so not a justified line), ends a sentence (``.``
``?`` ``!``, a closing quote may follow) and the next body line starts with a
capital, a digit or ``„``: five paragraph ends kept a stray space (``das muss
unser Verhalten sein."``, ``Revolutionärs darauf hinaus?``, ``Sekretäre, meine
Wache usw.``). A block also starts at a ``★`` line and the line after it; at a line
opening with a diary dateline (``1. Januar 1937.``) right below a heading-shaped
line (the heading ``Warum beichten sie …? `` ends with a space); at each item of
a list (below); and at the first line of a quoted document and the line after
its last. A heading candidate whose first line ends with a space takes exactly
two lines when the second has no trailing space and a blank line follows it
(``… in New`` / ``York``; ``… (Die „Sache"`` / ``Molotow)``).

Block kinds (``_classify_units``), the first rule that applies wins:

* ``scene_break``: a ``★`` line.
* blocks of a **quoted document** (``QUOTED_DOCUMENTS``, named by the text of its
  first and last line: the *Arbeiterbladet* report "Wundersame Reise Pjatakows
  nach Kjeller" and Gulliksen's letter from Kjeller): ``dateline`` for a place and
  date line, ``signature`` for a closing one-word ``Name.``, else ``blockquote``
  (``note="quoted document"``). The headline and the letterhead are thus no
  headings.
* ``list_item``: the items of a list set line by line after a block ending in
  ``:`` -- a run of at least three items, each one line, or two when the second
  starts in lower case, ending in ``.``, ``?`` or ``!`` (a closing quote and a
  note marker may follow) on a line shorter than a justified line (< 75
  characters). This finds the book list of §9.8 and the "revolutionary
  situations" of §9.13 and nothing else. Blocks opening with ``a)``, ``b)`` …
  are list items too. Numbered argument paragraphs (``1. Auf Grund …``) stay
  paragraphs.
* ``heading``: one or two lines (see above) preceded by exactly one blank line
  (or a blank line and a link line), following a block that does not end in
  ``:``; at most 90 characters, no ``.`` or ``;`` in it, not ending in ``,`` or
  ``:``, starting with a capital or ``„``; or a bare ``1.`` ``2.`` ``3.`` after a
  blank line (level 3). The file's first line is the first heading. A one-line
  block directly below a heading and followed by a blank line is its subtitle
  (``Auf dem Meere`` / ``Abreise aus Norwegen``): a second heading block, level 2,
  ``note="subtitle"``, in the chapter's section; it opens no section (the ToC
  numbers ``Eine lehrreiche Episode`` as 4.1).
* ``dateline``: ``<Place>, den <day>. <month> <year>`` (``Coyoacan, den 5. Juli
  1937``; Konstad's reproduced ``Oslo, den 1. September 1936.``). Diary
  datelines that open a paragraph (``28. Dezember 1936.``, ``30. Dezember.``,
  ``5. Januar, siebzehnter Tag des Weges.``, ``21. Januar, Coyoacan.``) are split
  off as their own ``dateline`` block; the paragraph goes on after them.
* ``signature``: initials and a name after a dateline (``L. Trotzki``).
* ``salutation``: a one-line address ending in ``!`` that opens with
  ``Verehrte``/``Werte``/``Liebe`` (``Verehrte Hörer, Genossen und Freunde!``).
* ``dialogue``: a block opening with a speaker label, a colon and an opening
  quote followed by a capital or ``…``. The label is one or two capitalised
  words, optionally after ``Der``/``Die``, optionally with up to two initials and
  a bracketed stage direction; neither word may be ``Frage``, ``Antwort``, a
  month, ``Das``, ``Es``, a pronoun or an article (``Das Wort: „das heißt“`` and
  ``Stalins Antwort: „…“`` are prose). ``label`` is the label as printed, in the
  reading layer, direction included: ``Advokat W. (ironisch)``, ``Der
  Vorsitzende (zum Zeugen)``. Turns run on inside paragraphs in the print; a
  paragraph is cut before a speaker label (same form, with ``„``) that follows a
  sentence end (``.?!…“`` and a space, but not an initial ``R. `` or a date
  ``5. ``): ``…verurteilt worden.“`` | ``Advokat W.: „Wann war das?“``;
  ``…nur Geographie.`` | ``Wyschinski: „Sie waren in Genf?“`` (``_split_turns``).
  Narrative introductions (``sagte Wyschinski: „``) and the single-quoted
  exchange of the 1929 report (``Radek: ‚Mit L. D. …‘``) are no turns. Trotzki's unlabelled
  answers in the Drammen hearing stay with the turn they answer or are
  paragraphs of their own.
* ``blockquote``: besides the quoted documents, a paragraph that is one
  quotation (opens with ``„``, its only ``“`` closes it at the end, a bracketed
  source may follow) in a section without dialogue turns (in the hearing such
  paragraphs are answers, not quotations): the quoted testimony of Golzmann in
  §9.14. The Herriot telegrams are inside a footnote and stay in that footnote.
* ``paragraph``: everything else.

``lang`` is set on a block whose text is French or English by a count of
function words (``_language``): the Herriot telegram footnote (``fr``) and the
English and French book titles of §9.8. Foreign passages inside German
paragraphs (Aulard, the *Daily Herald*) leave the paragraph German.

Sections
--------
Headings are numbered as the ToC of the notes: a heading whose text is in
``CHAPTER_TITLES`` opens a level-1 chapter (1, 2, …); a bare number opens a
level-3 sub-section of the current section (``9.19.1``); any other heading opens
a level-2 section of the current chapter. The closing speech has no heading in
the file: before its first sub-heading (``SUPPLIED_CHAPTERS``) the chapter ``9``
``[Schlussrede vor der Untersuchungskommission]`` is supplied
(``heading_supplied=True``, no heading block).

Footnotes
---------
Markers are ``*``/``**``/``***`` glued to the preceding word or punctuation
(``handeln."*``, ``Quisling***``, ``hat*.``), and a digit glued to a word or a
period that is the label of a numbered footnote (``Rivera1``, ``Mooney2``,
``worden.3``). Marker characters and the label that opens a footnote body are
``note_marker`` artefacts; block segments are split around them. Each footnote
body is paired with the nearest preceding unpaired marker of its label; a marker
left over (``‚Uralwaggonstroi‘**``) is a NoteRef with ``footnote_index=None``. A
footnote block follows the block holding its marker in ``Document.blocks`` and
takes that block's section.

Reading layer (``normalise``)
-----------------------------
* Whitespace runs (line breaks, justification double spaces, page breaks,
  leading spaces) become one space; the ends are stripped.
* Line-final hyphen: the hyphen is kept and the lines join without a space,
  except before ``und``/``oder``, where ``- `` is kept (``Hand- und Fußfesseln``,
  ``Sinowjew-Kamenew``, ``A-priori``); blank lines between the halves are skipped.
* Between two segments (a footnote, a link line or a note marker taken out) the
  same rules apply to the raw gap; a gap without whitespace joins directly
  (``W.*,`` gives ``W.,``).
* Quotation marks: ASCII ``"`` becomes ``“``. A comma that opens a quotation --
  after whitespace, ``(`` or ``„`` and before a letter, or glued between a letter
  and a capital when a ``'`` closes it within 40 characters and before any other
  comma (``der,Dritten Periode'``, not ``Postyschews,Tscherwjakows``) -- becomes
  ``‚``. ASCII ``'`` and ``’`` become ``‘``, except apostrophes: between two
  letters (``d'hote``, ``O'Flaherty``, ``fehlt's``), or after an ``s`` while no
  single quote is open in the text normalised so far (``Reiss' Nachlass``).
* OCR slips are not corrected: they are rows of ``data/curated/corrections.csv``.

Where the text differs from the notes
-------------------------------------
34 lines end in a hyphen, not 33 (``Mit Komm.- `` / ``Gruß!`` has a trailing
space); five paragraph ends kept a trailing space (rule (c) above); 12 ASCII
apostrophes stay, not 11 (``Reiss' Nachlass``); a sixth link line (l. 2634) sits
between a footnote and the page break and ends that footnote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from companion.model import Artefact, Block, Document, NoteRef, Section
from companion.parsers._common import GERMAN_MONTHS
from companion.textlayer import Reading, ReadingBuilder, Segment, strip_reading

SOURCE_ID = "crimes-1937"

#: Level-1 chapter headings, as printed (reading layer).
CHAPTER_TITLES: frozenset[str] = frozenset(
    {
        "Vorwort",
        "Im „sozialistischen“ Norwegen",
        "Hinter geschlossenen Türen",
        "Auf dem Meere",
        "In Mexiko",
        "Vor dem neuen Prozess",
        "Rede auf dem Meeting im Hippodrom in New York",
        "Voruntersuchung in Coyoacan",
        "Die Enthauptung der Roten Armee",
        "Stalin über seine Fälschungen",
        "Der Anfang vom Ende",
    }
)

#: Chapters with no heading in the file, supplied before the heading named here.
SUPPLIED_CHAPTERS: dict[str, str] = {
    "Warum ist eine Untersuchung notwendig?": "[Schlussrede vor der Untersuchungskommission]",
}

#: Documents quoted line by line: (first line, last line), whitespace collapsed, raw quotes.
QUOTED_DOCUMENTS: tuple[tuple[str, str], ...] = (
    ("Wundersame Reise Pjatakows nach Kjeller", 'Flugzeug in Kjeller gelandet ist?" „Ja."'),
    ("Flugplatz Kjeller", "Gulliksen."),
)

_MONTHS = GERMAN_MONTHS
_DIARY_DATELINE = re.compile(
    rf"\d{{1,2}}\.\s+(?:{_MONTHS})(?:\s+\d{{4}})?(?:,[^.\n]{{1,40}})?\.(?=\s)"
)
_PLACE_DATELINE = re.compile(rf"[A-ZÄÖÜ][\w ]*, den \d{{1,2}}\. (?:{_MONTHS}|[IVX]+\.) \d{{4}}\.?")
_SIGNATURE = re.compile(r"(?:[A-Z]\. )+[A-ZÄÖÜ][a-zäöüß]+")
_DOCUMENT_SIGNATURE = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+\.")
_SALUTATION = re.compile(r"(?:Verehrte|Werte|Liebe)\b[^.]*!")
_LETTER_ITEM = re.compile(r"[a-z]\)\s")
_SECTION_NUMBER = re.compile(r"\d\.")
_SENTENCE_END = re.compile(r"[.?!][\"“]?$")
_SHORT_LINE = 55  # a line this short is no justified line: the last of its paragraph
_LIST_ITEM_END = re.compile(r"[.?!][\"“]?\*?$")
_FOOTNOTE_OPEN = re.compile(r"(\*{1,3})(?![ *])|(\*{1,3}) |(\d) (?=\S)")
_SYMBOL_MARKER = re.compile(r"(?<=[^\s*])\*{1,3}(?!\*)")
_DIGIT_MARKER = re.compile(r"(?<=[^\W\d_]|\.)\d(?=[\s,.;:]|$)")
_LABEL = (
    r"((?:(?:Der|Die) )?([A-ZÄÖÜ][\w.]*)(?: [A-ZÄÖÜ][\w.]*)?(?: [A-Z]\.){0,2}"
    r"(?: \((?:[^()]|\([^()]*\))*\))?)"
)
_SPEAKER = re.compile(_LABEL + r":\s*[„‚]\s*[A-ZÄÖÜ…]")
_INLINE_SPEAKER = re.compile(
    r"(?<=[.?!…“] )(?<!\d\. )(?<!\b[A-Z]\. )" + _LABEL + r":\s*„\s*[A-ZÄÖÜ…]"
)
_COLON_QUOTE = re.compile(r":\s*„")  # a cheap test before looking for run-on turns
#: Words that cannot be part of a speaker label (``Das Wort: „…“``, ``Stalins Antwort: „…“``).
_NOT_SPEAKERS = frozenset(
    {"Frage", "Antwort", "Das", "Es", "Er", "Sie", "Ich", "Wir", "Ein", "Eine", *_MONTHS.split("|")}
)
_WHOLE_QUOTATION_END = re.compile(r"“(?: \([^()]*\))?\.?$")
_WS = re.compile(r"\s+")
#: What ``normalise`` does not copy as it is: whitespace other than a single space,
#: quotation marks and the commas that may open a quotation.
_SPECIAL = re.compile(
    r"(\s{2,}|[^\S ])|[\"'’‚]|(?<=[\s(„]),(?=[^\W\d_])|(?<=[^\W\d_]),(?=[A-ZÄÖÜ])"
)
_GLUED_QUOTE = re.compile(r"[^,'\n]{1,40}'")  # the closing mark after a glued ``,``
_UND_ODER = re.compile(r"(?:und|oder)\b")
_LANG_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in (
        ("de", "der die das und ist nicht ich mit den von zu sich des ein eine auf im"),
        ("fr", "le la les et de du des d l qu que qui pour votre mon son est à une où va"),
        ("en", "the and of to had been was were two first behind"),
    )
}
_LANG_NOTES = {"fr": "French", "en": "English"}


# --------------------------------------------------------------------------- lines


@dataclass
class _Line:
    """A non-blank raw line, trimmed, with its blank-line context."""

    no: int  # 1-based raw line number
    start: int  # raw offset of the first non-space character
    end: int  # raw offset after the last non-space character
    text: str  # raw[start:end]
    collapsed: str  # text with whitespace runs collapsed
    trailing: bool  # the raw line ends with a space
    blanks_before: int
    blanks_after: int = 0
    kind: str = "body"  # body | link | footnote
    after_link: bool = False  # the previous non-blank line is a link line


def _read_lines(raw: str) -> list[_Line]:
    lines: list[_Line] = []
    pos, blanks = 0, 0
    for no, chunk in enumerate(raw.split("\n"), start=1):
        stripped = chunk.strip()
        if stripped:
            start = pos + len(chunk) - len(chunk.lstrip())
            if lines:
                lines[-1].blanks_after = blanks
            collapsed = _WS.sub(" ", stripped)
            end = start + len(stripped)
            lines.append(_Line(no, start, end, stripped, collapsed, chunk.endswith(" "), blanks))
            blanks = 0
        else:
            blanks += 1
        pos += len(chunk) + 1
    if lines:
        lines[-1].blanks_after = blanks
    return lines


def _is_link(line: _Line) -> bool:
    return line.text.startswith(("http://", "https://"))


def _classify_lines(lines: list[_Line]) -> list[list[_Line]]:
    """Mark link and footnote lines; return each footnote's lines."""
    footnotes: list[list[_Line]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _is_link(line):
            line.kind = "link"
        elif line.blanks_before == 1 and _FOOTNOTE_OPEN.match(line.text):
            note = [line]
            complete = not line.trailing and not line.text.endswith((":", "-"))
            if not (complete and line.blanks_after == 0):
                while (
                    note[-1].blanks_after < 2 and i + 1 < len(lines) and not _is_link(lines[i + 1])
                ):
                    i += 1
                    note.append(lines[i])
            for note_line in note:
                note_line.kind = "footnote"
            footnotes.append(note)
        i += 1
    for prev, line in pairwise(lines):
        line.after_link = prev.kind == "link"
    return footnotes


# --------------------------------------------------------------------------- units


@dataclass
class _Unit:
    """A block in the making."""

    lines: list[_Line]
    kind: str = "paragraph"
    level: int | None = None
    note: str = ""
    start_at: int | None = None  # raw start when a dateline was split off the first line
    end_at: int | None = None  # raw end when the block ends inside its last line

    @property
    def start(self) -> int:
        return self.lines[0].start if self.start_at is None else self.start_at

    @property
    def end(self) -> int:
        return self.lines[-1].end if self.end_at is None else self.end_at

    @property
    def collapsed(self) -> str:
        return " ".join(line.collapsed for line in self.lines)


def _closes(line: _Line, nxt: _Line | None) -> bool:
    """True if ``line`` ends its block by the trailing-space rule and its exceptions."""
    if line.trailing:
        return (
            len(line.collapsed) < _SHORT_LINE
            and _SENTENCE_END.search(line.text) is not None
            and nxt is not None
            and (nxt.text[0].isupper() or nxt.text[0].isdigit() or nxt.text[0] == "„")
        )
    if line.text.endswith("-"):
        return False
    return nxt is None or not (line.text[-1].isalnum() and nxt.text[0].islower())


def _heading_shape(lines: Sequence[_Line]) -> bool:
    text = " ".join(line.collapsed for line in lines)
    if _SECTION_NUMBER.fullmatch(text):
        return True
    return (
        len(text) <= 90
        and "." not in text
        and ";" not in text
        and not text.endswith((",", ":"))
        and (text[0].isupper() or text[0] == "„")
        and not _PLACE_DATELINE.fullmatch(text)
        and not _SIGNATURE.fullmatch(text)
        and text != "★"
    )


def _document_lines(body: list[_Line]) -> set[int]:
    """Indexes into ``body`` of the lines of the quoted documents."""
    out: set[int] = set()
    for first, last in QUOTED_DOCUMENTS:
        starts = [i for i, line in enumerate(body) if line.collapsed == first]
        ends = [i for i, line in enumerate(body) if line.collapsed == last]
        if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
            raise ValueError(f"{SOURCE_ID}: quoted document {first!r} … {last!r} not found once")
        out.update(range(starts[0], ends[0] + 1))
    return out


def _list_item_length(body: list[_Line], i: int) -> int:
    """Lines of the list item starting at ``body[i]`` (1 or 2), 0 if it is none."""
    for n in (1, 2):
        if i + n > len(body) or body[i + n - 1].blanks_before:
            return 0
        last = body[i + n - 1]
        if n == 2 and not last.text[0].islower():
            return 0
        if _LIST_ITEM_END.search(last.text) and len(last.text) < 75:
            return n
    return 0


def _list_items(body: list[_Line]) -> dict[int, int]:
    """Start index -> line count of the items of lists set line by line after a ``:``."""
    items: dict[int, int] = {}
    for i, line in enumerate(body[:-1]):
        if not (line.text.endswith(":") and _closes(line, body[i + 1])):
            continue
        run: dict[int, int] = {}
        j = i + 1
        while n := _list_item_length(body, j):
            run[j] = n
            j += n
        if len(run) >= 3:
            items.update(run)
    return items


def _group(body: list[_Line]) -> list[_Unit]:
    """Join body lines into blocks (module docstring, "Blocks")."""
    documents = _document_lines(body)
    items = _list_items(body)
    in_item = {j for i, n in items.items() for j in range(i, i + n)}
    units: list[_Unit] = []
    for i, line in enumerate(body):
        prev = body[i - 1] if i else None
        new = (
            prev is None
            or _closes(prev, line)
            or "★" in (line.text, prev.text)
            or i in items
            or (i - 1 in in_item) != (i in in_item)
            or (i - 1 in documents) != (i in documents)
            or (
                _DIARY_DATELINE.match(line.text) is not None
                and prev.blanks_before == 1
                and _heading_shape([prev])
            )
        )
        if new:
            units.append(_Unit([line]))
        else:
            units[-1].lines.append(line)
        if i in items:
            units[-1].kind = "list_item"
        if i in documents:
            units[-1].note = "quoted document"
    return _split_two_line_headings(units)


def _split_two_line_headings(units: list[_Unit]) -> list[_Unit]:
    """Cut a heading whose first line ends with a space off the text below it."""
    out: list[_Unit] = []
    for u in units:
        first, second = u.lines[0], u.lines[1] if len(u.lines) > 1 else None
        if (
            second is not None
            and len(u.lines) > 2
            and first.blanks_before == 1
            and first.trailing
            and not second.trailing
            and second.blanks_after >= 1
            and _heading_shape(u.lines[:2])
        ):
            out.append(_Unit(u.lines[:2]))
            out.append(_Unit(u.lines[2:], kind=u.kind, note=u.note))
        else:
            out.append(u)
    return out


# --------------------------------------------------------------------------- kinds


def _is_heading(u: _Unit, prev: _Unit | None) -> bool:
    if prev is None:
        return _heading_shape(u.lines)
    first = u.lines[0]
    if not (first.blanks_before == 1 or (first.blanks_before and first.after_link)):
        return False
    if len(u.lines) == 2 and not (first.trailing and u.lines[1].blanks_after >= 1):
        return False
    if len(u.lines) > 2 or (prev.kind != "heading" and prev.collapsed.endswith(":")):
        return False
    return _heading_shape(u.lines)


def _is_subtitle(u: _Unit, prev: _Unit | None) -> bool:
    return (
        prev is not None
        and prev.kind == "heading"
        and prev.note != "subtitle"
        and len(u.lines) == 1
        and u.lines[0].blanks_before == 0
        and u.lines[0].blanks_after >= 1
        and _heading_shape(u.lines)
    )


def _document_kind(u: _Unit) -> str:
    if _PLACE_DATELINE.fullmatch(u.collapsed):
        return "dateline"
    if _DOCUMENT_SIGNATURE.fullmatch(u.collapsed):
        return "signature"
    return "blockquote"


def _unit_kind(u: _Unit, prev: _Unit | None) -> tuple[str, int | None, str]:
    """(kind, heading level, note) of a unit; level 0 = to be set by the numbering."""
    text = u.collapsed
    if text == "★":
        return "scene_break", None, ""
    if u.note == "quoted document":
        return _document_kind(u), None, u.note
    if u.kind == "list_item" or _LETTER_ITEM.match(text):
        return "list_item", None, ""
    if _is_heading(u, prev):
        return "heading", 3 if _SECTION_NUMBER.fullmatch(text) else 0, ""
    if _is_subtitle(u, prev):
        return "heading", 2, "subtitle"
    if _PLACE_DATELINE.fullmatch(text):
        return "dateline", None, ""
    if prev is not None and prev.kind == "dateline" and _SIGNATURE.fullmatch(text):
        return "signature", None, ""
    if len(u.lines) == 1 and _SALUTATION.fullmatch(text):
        return "salutation", None, ""
    if _speaker_label(text):
        return "dialogue", None, ""
    return "paragraph", None, ""


def _classify_units(units: list[_Unit]) -> list[_Unit]:
    """Set each unit's kind; split diary datelines off the paragraphs they open."""
    out: list[_Unit] = []
    for u in units:
        u.kind, u.level, u.note = _unit_kind(u, out[-1] if out else None)
        first = u.lines[0]
        date = _DIARY_DATELINE.match(first.text) if u.kind == "paragraph" else None
        if date is not None:
            out.append(_Unit([first], kind="dateline", end_at=first.start + date.end()))
            u.start_at = _skip_space(first.text, date.end()) + first.start
        out.append(u)
    return out


def _skip_space(text: str, i: int) -> int:
    """The first index from ``i`` on that is not whitespace."""
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _is_label(m: re.Match[str]) -> bool:
    """True if a ``_LABEL`` match names a speaker (``Stalins Antwort`` does not)."""
    words = m.group(1).split(" (")[0].split()
    return m.group(2) not in _NOT_SPEAKERS and not _NOT_SPEAKERS.intersection(words[1:])


def _speaker_label(text: str) -> str | None:
    """The speaker label a dialogue turn opens with, or None."""
    m = _SPEAKER.match(text)
    return m.group(1) if m is not None and _is_label(m) else None


def _split_turns(raw: str, units: list[_Unit]) -> list[_Unit]:
    """Cut paragraphs before the speaker labels of turns that run on inside them."""
    out: list[_Unit] = []
    for u in units:
        if u.kind not in ("paragraph", "dialogue") or not _COLON_QUOTE.search(raw, u.start, u.end):
            out.append(u)
            continue
        reading = normalise(raw, _unit_segments(raw, u, []))
        cuts = [
            reading.offsets[m.start()]
            for m in _INLINE_SPEAKER.finditer(reading.text)
            if _is_label(m)
        ]
        start, kind = u.start, u.kind
        for cut in cuts:
            end = cut
            while raw[end - 1].isspace():
                end -= 1
            out.append(_piece(u, start, end, kind))
            start, kind = cut, "dialogue"
        out.append(_piece(u, start, u.end, kind) if cuts else u)
    return out


def _piece(u: _Unit, start: int, end: int, kind: str) -> _Unit:
    """The part ``[start, end)`` of a unit."""
    lines = [line for line in u.lines if line.end > start and line.start < end]
    return _Unit(lines, kind=kind, note=u.note, start_at=start, end_at=end)


def _is_whole_quotation(text: str) -> bool:
    """True for a reading text that is one quotation (``„…“``, maybe a bracketed source)."""
    return (
        text.startswith("„")
        and text.count("“") == 1
        and _WHOLE_QUOTATION_END.search(text) is not None
    )


def _language(text: str) -> str | None:
    """``fr`` or ``en`` where foreign function words outnumber German ones, else None."""
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    counts = {lang: sum(w in vocab for w in words) for lang, vocab in _LANG_WORDS.items()}
    foreign = max(("fr", "en"), key=lambda lang: counts[lang])
    if counts[foreign] >= 2 and counts[foreign] > 2 * counts["de"]:
        return foreign
    return None


# --------------------------------------------------------------------------- sections


def _number_sections(raw: str, units: list[_Unit]) -> tuple[list[Section], list[str]]:
    """The sections opened by the headings, and the section number of every unit."""
    sections: list[Section] = []
    numbers: list[str] = []
    chapter, section, sub = 0, 0, 0
    current = ""
    for u in units:
        if u.kind == "heading" and u.note != "subtitle":
            title = normalise(raw, [(u.start, u.end)]).text
            if title in SUPPLIED_CHAPTERS:
                chapter, section = chapter + 1, 0
                sections.append(Section(str(chapter), SUPPLIED_CHAPTERS[title], 1, True))
            if title in CHAPTER_TITLES:
                chapter, section = chapter + 1, 0
                u.level, current = 1, str(chapter)
            elif u.level == 3:
                sub += 1
                current = f"{chapter}.{section}.{sub}"
            else:
                section, sub = section + 1, 0
                u.level, current = 2, f"{chapter}.{section}"
            sections.append(Section(current, title, u.level))
        numbers.append(current)
    return sections, numbers


# --------------------------------------------------------------------------- reading layer


class _Normaliser:
    """Builds the reading text of a list of raw segments (module docstring)."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.b = ReadingBuilder(raw)
        self.open_single = 0  # single quotation marks opened and not yet closed

    def join(self, left: int, right: int) -> None:
        """Append the joiner for the raw gap ``raw[left:right]`` between kept text."""
        b, raw = self.b, self.raw
        if not len(b) or b.last_char() == " ":
            return
        gap = raw[left:right]
        if "\n" in gap and raw[left - 1] == "-":
            if _UND_ODER.match(raw, right):
                b.emit(" ", left)
        elif _WS.search(gap) or raw[right : right + 1].isspace():
            b.emit(" ", left)

    def _quote(self, i: int) -> str | None:
        """The replacement of the quote character at raw ``i``; None to keep it."""
        raw = self.raw
        before, c, after = raw[i - 1] if i else " ", raw[i], raw[i + 1 : i + 2] or " "
        if c == '"':
            return "“"
        if c == "‚":
            self.open_single += 1
            return None
        if c == ",":
            opens = (before.isspace() or before in "(„") and after.isalpha()
            glued = before.isalpha() and after.isupper() and _GLUED_QUOTE.match(raw, i + 1)
            if opens or glued:
                self.open_single += 1
                return "‚"
            return None
        if before.isalpha() and after.isalpha():
            return None  # apostrophe: d'hote, fehlt's
        if before == "s" and after.isspace() and not self.open_single:
            return None  # genitive apostrophe: Reiss' Nachlass
        self.open_single = max(0, self.open_single - 1)
        return "‘"

    def copy(self, start: int, end: int) -> None:
        """Append ``raw[start:end]`` (no whitespace run in it) as it is."""
        if self.raw[start] == " " and (not len(self.b) or self.b.last_char() == " "):
            start += 1
        self.b.copy(start, end)

    def segment(self, start: int, end: int) -> None:
        """Append one segment: single spaces are copied, other whitespace joined."""
        pos = start
        for m in _SPECIAL.finditer(self.raw, start, end):
            i = m.start()
            if i > pos:
                self.copy(pos, i)
            if m.group(1) is not None:
                self.join(i, m.end())
            elif (new := self._quote(i)) is not None:
                self.b.emit(new, i)
            else:
                self.b.copy(i, i + 1)
            pos = m.end()
        if pos < end:
            self.copy(pos, end)


def normalise(raw: str, segments: Iterable[Segment]) -> Reading:
    """The reading text of ``segments`` of ``raw`` (rules in the module docstring)."""
    n = _Normaliser(raw)
    prev_end: int | None = None
    for start, end in segments:
        if prev_end is not None:
            n.join(prev_end, start)
        n.segment(start, end)
        prev_end = end
    return strip_reading(n.b.build())


# --------------------------------------------------------------------------- footnotes


@dataclass
class _Marker:
    label: str
    start: int
    end: int
    unit: int  # index of the unit holding it
    footnote: int | None = None  # index into the footnote list


@dataclass
class _Footnote:
    label: str
    label_span: Segment
    segments: list[Segment] = field(default_factory=list)


def _footnote(lines: list[_Line]) -> _Footnote:
    m = _FOOTNOTE_OPEN.match(lines[0].text)
    if m is None:  # pragma: no cover - guarded by _classify_lines
        raise ValueError(f"{SOURCE_ID}: no footnote label at line {lines[0].no}")
    label = next(g for g in m.groups() if g)
    first = lines[0]
    body_start = first.start + _skip_space(first.text, len(label))
    return _Footnote(label, (first.start, first.start + len(label)), [(body_start, lines[-1].end)])


def _find_markers(raw: str, units: list[_Unit], numeric: set[str]) -> list[_Marker]:
    """Note markers in the text of the units (module docstring, "Footnotes")."""
    markers: list[_Marker] = []
    for k, u in enumerate(units):
        if u.kind in ("heading", "scene_break"):
            continue
        for line in u.lines:
            lo, hi = max(line.start, u.start), min(line.end, u.end)
            for m in _SYMBOL_MARKER.finditer(raw, lo, hi):
                markers.append(_Marker(m.group(), m.start(), m.end(), k))
            for m in _DIGIT_MARKER.finditer(raw[lo:hi]):
                if m.group() in numeric:
                    markers.append(_Marker(m.group(), lo + m.start(), lo + m.end(), k))
    return sorted(markers, key=lambda m: m.start)


def _pair(markers: list[_Marker], footnotes: list[_Footnote]) -> None:
    """Pair each footnote with the nearest preceding unpaired marker of its label."""
    for index, note in enumerate(footnotes):
        before = [
            m
            for m in markers
            if m.label == note.label and m.footnote is None and m.end <= note.label_span[0]
        ]
        if before:
            before[-1].footnote = index


# --------------------------------------------------------------------------- segments


def _unit_segments(raw: str, u: _Unit, cuts: Iterable[tuple[int, int]]) -> list[Segment]:
    """A unit's raw segments: its lines merged over whitespace, minus the ``cuts``."""
    spans: list[list[int]] = []
    for line in u.lines:
        lo, hi = max(line.start, u.start), min(line.end, u.end)
        if spans and not raw[spans[-1][1] : lo].strip():
            spans[-1][1] = hi
        else:
            spans.append([lo, hi])
    for c0, c1 in sorted(cuts):
        cut: list[list[int]] = []
        for s0, s1 in spans:
            if c0 >= s1 or c1 <= s0:
                cut.append([s0, s1])
                continue
            if s0 < c0:
                end = c0
                while end > s0 and raw[end - 1].isspace():
                    end -= 1
                cut.append([s0, end])
            if c1 < s1:
                cut.append([_skip_space(raw, c1), s1])
        spans = [s for s in cut if s[0] < s[1]]
    return [(s0, s1) for s0, s1 in spans]


def _page_breaks(raw: str) -> list[Artefact]:
    """Runs of two or more blank lines."""
    return [
        Artefact("page_break", m.start() + 1, m.end() - 1)
        for m in re.finditer(r"\n(?:[ \t]*\n){2,}", raw)
    ]


# --------------------------------------------------------------------------- parse


def _body_block(
    raw: str, u: _Unit, section: str, cuts: list[tuple[int, int]], transcript: bool
) -> Block:
    segments = _unit_segments(raw, u, cuts)
    reading = normalise(raw, segments)
    kind, label, note, lang = u.kind, None, u.note, None
    if kind == "paragraph" and not transcript and _is_whole_quotation(reading.text):
        kind = "blockquote"
    if kind == "dialogue":
        label = _speaker_label(reading.text)
    if kind not in ("heading", "scene_break"):
        lang = _language(reading.text)
        if lang and not note:
            note = f"{_LANG_NOTES[lang]} text"
    return Block(kind, section, segments, reading, level=u.level, label=label, lang=lang, note=note)


def _footnote_block(raw: str, note: _Footnote, section: str) -> Block:
    reading = normalise(raw, note.segments)
    lang = _language(reading.text)
    remark = f"footnote, mostly {_LANG_NOTES[lang]}" if lang else ""
    return Block(
        "footnote", section, note.segments, reading, label=note.label, lang=lang, note=remark
    )


def parse(raw: str) -> Document:
    lines = _read_lines(raw)
    notes = [_footnote(fl) for fl in _classify_lines(lines)]
    units = _classify_units(_group([line for line in lines if line.kind == "body"]))
    units = _split_turns(raw, units)
    sections, numbers = _number_sections(raw, units)
    transcripts = {numbers[k] for k, u in enumerate(units) if u.kind == "dialogue"}
    markers = _find_markers(raw, units, {f.label for f in notes if f.label.isdigit()})
    _pair(markers, notes)

    blocks: list[Block] = []
    refs: list[NoteRef] = []
    for k, u in enumerate(units):
        own = [m for m in markers if m.unit == k]
        cuts = [(m.start, m.end) for m in own]
        blocks.append(_body_block(raw, u, numbers[k], cuts, numbers[k] in transcripts))
        for m in own:
            refs.append(NoteRef(m.label, m.start, m.end, None))
            if m.footnote is not None:
                blocks.append(_footnote_block(raw, notes[m.footnote], numbers[k]))
                refs[-1].footnote_index = len(blocks) - 1
    paired = {m.footnote for m in markers}
    for index, note in enumerate(notes):
        if index not in paired:  # a body without marker: after the block before it
            at = max((i for i, b in enumerate(blocks) if b.start < note.label_span[0]), default=-1)
            section = blocks[at].section if at >= 0 else ""
            blocks.insert(at + 1, _footnote_block(raw, note, section))
            for ref in refs:
                if ref.footnote_index is not None and ref.footnote_index > at:
                    ref.footnote_index += 1

    artefacts = [
        Artefact("link", ln.start, ln.end, "web-edition URL") for ln in lines if ln.kind == "link"
    ]
    artefacts += [Artefact("note_marker", *f.label_span, "footnote label") for f in notes]
    artefacts += [Artefact("note_marker", m.start, m.end, "footnote marker") for m in markers]
    artefacts += _page_breaks(raw)
    artefacts.sort(key=lambda a: (a.start, a.end))
    return Document(SOURCE_ID, raw, sections, blocks, refs, artefacts)
