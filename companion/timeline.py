"""One timeline across the five sources: every dated statement, with its passage.

:func:`occurrences` finds every date expression (:mod:`companion.dates`) in the
reading text of every passage of a source; :func:`resolve` dates those it can;
:func:`timeline_tables` gives the three derived tables:

- ``timeline.csv``: one row per dated expression: ``date_start``, ``date_end``,
  ``precision`` (day, month, year, period), ``event`` (the sentence that holds
  the expression, trimmed), ``source_id``, ``passage_id``, the expression as
  printed and its offsets in the passage's reading text and in the raw file,
  the rule that dated it, and links to conflicts and flagged source errors;
- ``timeline_unresolved.csv``: expressions the book does not date, with the
  reason (mostly a day and month whose year the text does not make certain);
- ``timeline_conflicts.csv``: dates that contradict each other, within one
  source or between sources, flagged and not resolved.

What is left out
----------------
- the publisher's preface of ``rogovin-emigrants`` (passage note ``publisher's
  preface``): it is not part of the chapter;
- years inside the bibliographic citations of the *Der Monat* notes (volume
  years, titles such as *Russlandreise 1922*): they are in
  ``monat_citations.csv``; the comments of those notes are kept
  (``zum ersten Mal 1922 in Berlin erschien``);
- spans listed in ``data/curated/timeline_exclusions.csv`` (the years in a
  book title such as *Révolution en Allemagne (1917-1923)*), each with a reason.

How an expression is dated (``rule``), in this order
----------------------------------------------------
1. ``explicit``: the expression gives its year (``5. Februar 1930``,
   ``Am 5. August (1936)``, ``autumn 1923``).
2. ``dateline``: a dateline with day and month only (``30. Dezember.``) takes the
   year of the dateline before it in the same source, if it does not fall
   earlier in the year than that one (a diary runs forward). In 001 the ship's
   diary runs ``28. Dezember 1936.`` → ``30. Dezember.`` → … → ``1. Januar
   1937.`` → ``3. Januar.`` …
3. ``year named before``: ``desselben Jahres``/``jenes Jahres`` take the last
   year named earlier in the same passage (``im Februar 1921 … Im März
   desselben Jahres``).
4. ``text's own year``: ``dieses Jahres``/``des vergangenen Jahres`` take the
   year (or the year before) of the dateline of the same section.
5. ``passage anchor``: a day or month without a year takes the year of the
   nearest date before it that names a year and a month and stands in the same
   or the previous sentence, if no other year is named in between and it does
   not fall earlier in the year than that date (``In March 1938, … In May``;
   ``im August 1936 … bis zum 12. September``). A wider window is not safe: in
   001 an interview ``am 26. Juli 1935`` precedes, in the same paragraph, ``Am
   21. August, wenige Tage vor meiner Internierung`` (1936).
6. ``chapter year``: sources whose chapter title names a single year
   (:data:`CHAPTER_YEARS`: Cliff's "German revolution of 1923") date a day or
   month in the author's narrative to that year, unless the expression stands
   in a block quote or inside quotation marks (a quotation may speak of another
   year: ``the state of mind of 9 November’, i.e., the day the Kaiser was
   deposed``).
7. ``curated``: ``data/curated/timeline_years.csv`` supplies the year of a
   specific expression, keyed by the expression and a verbatim phrase around
   it (never by passage id), with the reason and a verbatim ``anchor`` phrase
   of the same source that makes the year certain (checked to exist). A row
   that matches no expression, several, or one that the rules above already
   dated, is an error.
8. ``relative``: ``the next day``, ``Two days later``, ``On the same day``,
   ``On this date``, ``am nächsten Tage``, ``Am gleichen Tage`` count days from
   the nearest dated expression before them, which must give a day and stand
   in the same sentence or one of the two before it, in the same passage (``On
   8 August things came to a head. Chancellor Cuno justified his policies … The
   debate went on until the next day.``); and it must not stand inside a
   quotation (``„Es gibt Politiker, die heute etwas versprechen … und am
   nächsten Tage …“`` is a saying, not a date); ``on the 11th``,
   ``Am 4.,`` take the month and year of that date. A relative phrase after
   ``oder`` (``am gleichen oder am nächsten Tage``) is not dated. Year offsets
   (``ten years later``) are not read: the nearest year before them is not
   always the one meant.

Everything else stays undated and is listed in ``timeline_unresolved.csv``.

Conflicts (``timeline_conflicts.csv``)
--------------------------------------
- ``within_source`` / ``between_sources``: ``data/curated/timeline_events.csv``
  groups expressions that date the same event (keyed by text: source, the
  expression and a verbatim phrase around it). Each row of an event is compared
  with the event's first row: intervals that do not overlap are a conflict;
  rows that overlap agree (the event id in ``timeline.csv`` shows both).
- ``self_correction``: a date followed by another year and an exclamation mark
  in brackets (``Oktober 1934 (1933!)``): the author corrects his source.
- ``weekday``: a date printed with a weekday (``Sunday, 21 October``) whose
  resolved date falls on another day of the week.

A row also names the flagged source error (``data/derived/corrections.csv``)
its expression overlaps, if any (``correction_id``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from companion import paths
from companion.curated import fail, read_curated
from companion.dates import DateExpression, find_dates, interval, shift
from companion.model import Block, Document
from companion.passages import assign_ids
from companion.sources import load_manifest

#: Sources whose chapter title names the single year their narrative is about (rule 6).
CHAPTER_YEARS: dict[str, tuple[int, str]] = {
    "cliff-1923": (1923, "chapter title “German revolution of 1923”"),
}
PARATEXT_NOTES = ("publisher's preface",)
EVENT_MAX_CHARS = 260
#: Sentences before a relative phrase in which its anchor may stand (rule 8).
RELATIVE_WINDOW = 2
DATEABLE_FORMS = {"day", "day_range", "month", "month_range"}

YEARS_CSV = paths.CURATED / "timeline_years.csv"
EXCLUSIONS_CSV = paths.CURATED / "timeline_exclusions.csv"
EVENTS_CSV = paths.CURATED / "timeline_events.csv"

_SOURCES = list(load_manifest())
YEARS_SCHEMA = pa.DataFrameSchema(
    {
        "source_id": pa.Column(str, pa.Check.isin(_SOURCES)),
        "expression": pa.Column(str, pa.Check.str_length(min_value=1)),
        "context": pa.Column(str, pa.Check.str_length(min_value=1)),
        "year": pa.Column(str, pa.Check.str_matches(r"^1[89]\d\d$")),
        "anchor": pa.Column(str, pa.Check.str_length(min_value=1)),
        "reason": pa.Column(str, pa.Check.str_length(min_value=1)),
    },
    strict=True,
)
EXCLUSIONS_SCHEMA = pa.DataFrameSchema(
    {
        "source_id": pa.Column(str, pa.Check.isin(_SOURCES)),
        "expression": pa.Column(str, pa.Check.str_length(min_value=1)),
        "context": pa.Column(str, pa.Check.str_length(min_value=1)),
        "reason": pa.Column(str, pa.Check.str_length(min_value=1)),
    },
    strict=True,
)
EVENTS_SCHEMA = pa.DataFrameSchema(
    {
        "event_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9-]+$")),
        "label": pa.Column(str, pa.Check.str_length(min_value=1)),
        "source_id": pa.Column(str, pa.Check.isin(_SOURCES)),
        "expression": pa.Column(str, pa.Check.str_length(min_value=1)),
        "context": pa.Column(str, pa.Check.str_length(min_value=1)),
        "note": pa.Column(str),
    },
    strict=True,
)

TIMELINE_COLUMNS = [
    "row_id",
    "date_start",
    "date_end",
    "precision",
    "event",
    "source_id",
    "passage_id",
    "expression",
    "form",
    "qualifier",
    "rule",
    "rule_note",
    "section",
    "passage_kind",
    "text_start",
    "text_end",
    "raw_start",
    "raw_end",
    "event_id",
    "event_label",
    "conflict_ids",
    "correction_id",
]
UNRESOLVED_COLUMNS = [
    "source_id",
    "passage_id",
    "expression",
    "form",
    "month",
    "day",
    "reason",
    "event",
    "text_start",
    "text_end",
    "raw_start",
    "raw_end",
]
CONFLICT_COLUMNS = [
    "conflict_id",
    "kind",
    "event_id",
    "label",
    "row_a",
    "source_a",
    "passage_a",
    "expression_a",
    "dates_a",
    "row_b",
    "source_b",
    "passage_b",
    "expression_b",
    "dates_b",
    "note",
]


# --- occurrences ------------------------------------------------------------------


@dataclass
class Occurrence:
    """One date expression in one passage, and (once resolved) its interval."""

    source_id: str
    passage_id: str
    block: Block
    index: int  # position of the block in the document
    expr: DateExpression
    resolved: DateExpression | None = None
    rule: str = ""
    rule_note: str = ""
    reason: str = ""  # why it stays undated
    extra: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.block.text

    @property
    def dated(self) -> bool:
        return self.resolved is not None

    def interval(self) -> tuple[date, date, str]:
        if self.resolved is None:
            raise ValueError(f"{self.passage_id}: {self.expr.text!r} is not dated")
        return interval(self.resolved)

    def raw_span(self) -> tuple[int, int]:
        return self.block.reading.raw_span(self.expr.start, self.expr.end)


@cache
def language(source_id: str) -> str:
    return load_manifest()[source_id].language


def occurrences(doc: Document, excluded: dict[str, list[tuple[int, int]]]) -> list[Occurrence]:
    """Every date expression of ``doc`` in text order, minus excluded spans.

    ``excluded`` maps passage ids to reading-text spans to leave out.
    """
    lang = language(doc.source_id)
    out = []
    for i, (pid, block) in enumerate(zip(assign_ids(doc), doc.blocks, strict=True)):
        if block.note.startswith(PARATEXT_NOTES):
            continue
        cut = excluded.get(pid, [])
        for expr in find_dates(block.text, lang):
            if any(a <= expr.start and expr.end <= b for a, b in cut):
                continue
            out.append(Occurrence(doc.source_id, pid, block, i, expr))
    return out


# --- sentences and event text ------------------------------------------------------

_ABBREV = {
    "z",
    "B",
    "d",
    "h",
    "u",
    "a",
    "usw",
    "bzw",
    "vgl",
    "Vgl",
    "Nr",
    "S",
    "H",
    "f",
    "ff",
    "ca",
    "Dr",
    "Prof",
    "St",
    "etc",
    "Gen",
    "Art",
    "o",
    "J",
    "Mr",
    "Mrs",
    "No",
    "i",
    "e",
    "p",
    "Zit",
    "n",
    "Kap",
    "Jan",
    "Febr",
    "Aug",
    "Sept",
    "Okt",
    "Nov",
    "Dez",
}
_BOUNDARY = re.compile(r"(?<=[.!?…])[»«“”’‘\"')\]]*\s+(?=[„»“‘\"'(\[]?[A-ZÄÖÜ0-9])")
_WORD_BEFORE = re.compile(r"([\wÄÖÜäöüß]+)[.!?…]+[»«“”’‘\"')\]]*$")


@lru_cache(maxsize=4096)
def sentence_bounds(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans of a reading text.

    A sentence ends at ``. ! ? …`` (and closing quotes or brackets) before a
    space and a capital letter, digit or opening quote; not after a one- or
    two-digit number (``5. August``; a year does end a sentence), a single
    letter (``L. Trotzki``), a Roman numeral (``XV. Parteitag``) or a listed
    abbreviation (``Nr.``, ``vgl.``, ``d. h.``).
    """
    bounds, start = [], 0
    for m in _BOUNDARY.finditer(text):
        head = text[start : m.start()]
        w = _WORD_BEFORE.search(head)
        if w and head.endswith(".") and _no_break_after(w.group(1)):
            continue
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return tuple(bounds)


def _no_break_after(word: str) -> bool:
    return (
        (word.isdigit() and len(word) <= 2)
        or len(word) == 1
        or word in _ABBREV
        or re.fullmatch(r"[IVXLC]+", word) is not None
    )


def sentence_of(text: str, pos: int) -> tuple[int, int]:
    for a, b in sentence_bounds(text):
        if a <= pos < b or pos == b:
            return a, b
    return 0, len(text)


def event_text(text: str, start: int, end: int, limit: int = EVENT_MAX_CHARS) -> str:
    """The sentence holding ``text[start:end]``, cut to ``limit`` characters around it.

    Cuts fall on spaces and are marked with ``…``; the words are the source's.
    """
    a, b = sentence_of(text, start)
    if b - a <= limit:
        return text[a:b].strip()
    before = (limit - (end - start)) // 2
    lo = max(a, start - before)
    hi = min(b, lo + limit)
    lo = max(a, hi - limit)
    if lo > a:
        lo = text.find(" ", lo, start) + 1 or lo
    if hi < b:
        space = text.rfind(" ", end, hi)
        hi = space if space > 0 else hi
    return ("… " if lo > a else "") + text[lo:hi].strip() + (" …" if hi < b else "")


# --- text keys for curated rows ------------------------------------------------------

_FOLD = str.maketrans({c: '"' for c in "„“”»«"} | {c: "'" for c in "‚‘’"} | {"–": "-", "—": "-"})


def fold(text: str) -> str:
    """Quote marks, dashes and whitespace runs made comparable (length kept but for spaces)."""
    return " ".join(text.translate(_FOLD).split())


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return text.translate(_FOLD)


def match_key(
    occs: Iterable[Occurrence], source_id: str, expression: str, context: str
) -> list[Occurrence]:
    """Occurrences whose expression is ``expression`` inside a ``context`` phrase."""
    ctx, expr = fold(context), fold(expression)
    offset = ctx.find(expr)
    if offset < 0:
        return []
    found = []
    for o in occs:
        if o.source_id != source_id or fold(o.expr.text) != expr:
            continue
        text = _folded(o.text)
        start = o.expr.start - offset
        if start >= 0 and fold(text[start : start + len(context) + 20]).startswith(ctx):
            found.append(o)
    return found


# --- resolution rules --------------------------------------------------------------


def _set(o: Occurrence, expr: DateExpression, rule: str, note: str = "") -> None:
    interval(expr)  # raises for an impossible date
    o.resolved, o.rule, o.rule_note = expr, rule, note


def _rule_explicit(occs: list[Occurrence]) -> None:
    for o in occs:
        if o.expr.has_year and not o.expr.is_relative:
            _set(o, o.expr, "explicit")


def _before(a: DateExpression, b: DateExpression) -> bool:
    """True if ``b`` (month, day) falls earlier in the year than ``a``."""
    return (b.month or 1, b.day or 1) < (a.month or 1, a.day or 1)


def _rule_datelines(occs: list[Occurrence]) -> None:
    last: DateExpression | None = None
    for o in occs:
        if o.block.kind != "dateline" or o.expr.form not in DATEABLE_FORMS:
            continue
        if o.dated:
            last = o.resolved
        elif last is not None and last.year is not None and not _before(last, o.expr):
            _set(o, o.expr.with_year(last.year), "dateline", f"year of the dateline “{last.text}”")
            last = o.resolved


def _same_passage_before(occs: list[Occurrence], o: Occurrence) -> list[Occurrence]:
    return [p for p in occs if p.passage_id == o.passage_id and p.expr.end <= o.expr.start]


def _rule_year_named_before(occs: list[Occurrence]) -> None:
    for o in occs:
        if o.dated or o.expr.year_ref != "same":
            continue
        named = [p for p in _same_passage_before(occs, o) if p.expr.has_year]
        if named:
            year = named[-1].expr.year
            assert year is not None
            _set(o, o.expr.with_year(year), "year named before", f"“{named[-1].expr.text}”")


def _section_dateline(occs: list[Occurrence], o: Occurrence) -> Occurrence | None:
    lines = [p for p in occs if p.block.kind == "dateline" and p.dated]
    same = [p for p in lines if p.block.section == o.block.section]
    return same[0] if same else None


def _rule_own_year(occs: list[Occurrence]) -> None:
    for o in occs:
        if o.dated or o.expr.year_ref not in ("this", "previous"):
            continue
        line = _section_dateline(occs, o)
        if line is None or line.resolved is None or line.resolved.year is None:
            o.reason = "“dieses/des vergangenen Jahres”: the section has no dated dateline"
            continue
        year = line.resolved.year - (1 if o.expr.year_ref == "previous" else 0)
        _set(o, o.expr.with_year(year), "text's own year", f"dateline “{line.expr.text}”")


def _rule_passage_anchor(occs: list[Occurrence]) -> None:
    for o in occs:
        if o.dated or o.expr.form not in DATEABLE_FORMS or o.expr.year_ref:
            continue
        window = _window_start(o)
        before = [p for p in _same_passage_before(occs, o) if p.expr.start >= window]
        anchor = next(
            (p for p in reversed(before) if p.expr.has_year and p.expr.month is not None), None
        )
        if anchor is None or anchor.expr.year is None:
            continue
        between = [p for p in before if p.expr.start > anchor.expr.start and p.expr.has_year]
        if any(p.expr.year != anchor.expr.year for p in between):
            continue
        if _before(anchor.expr, o.expr):
            continue
        _set(
            o,
            o.expr.with_year(anchor.expr.year),
            "passage anchor",
            f"year of “{anchor.expr.text}” earlier in the passage",
        )


#: Quotation mark pairs of the sources by language (German „…“, »…«, ‚…‘;
#: English ‘…’, “…”).
QUOTE_PAIRS = {
    "de": (("„", "“"), ("»", "«"), ("‚", "‘")),
    "en": (("‘", "’"), ("“", "”")),
}


def in_quotation(text: str, pos: int, lang: str) -> bool:
    """True if ``pos`` lies inside a quotation marked by the language's quote pairs."""
    return any(a <= pos < b for op, cl in QUOTE_PAIRS[lang] for a, b in quoted_spans(text, op, cl))


def quoted_spans(text: str, opening: str = "‘", closing: str = "’") -> list[tuple[int, int]]:
    """Spans inside quotation marks; a closing mark must be followed by a
    non-letter, so the apostrophe of ``mark’s`` does not close a quotation. An
    opening mark never closed runs to the end of the text."""
    if opening == closing:
        raise ValueError("opening and closing marks must differ")
    spans, i = [], text.find(opening)
    while i >= 0:
        j = i + 1
        while True:
            j = text.find(closing, j)
            if j < 0 or j + 1 >= len(text) or not text[j + 1].isalpha():
                break
            j += 1
        end = len(text) if j < 0 else j + 1
        spans.append((i, end))
        i = text.find(opening, end)
    return spans


def _rule_chapter_year(occs: list[Occurrence]) -> None:
    for o in occs:
        if o.dated or o.source_id not in CHAPTER_YEARS or o.expr.form not in DATEABLE_FORMS:
            continue
        year, why = CHAPTER_YEARS[o.source_id]
        if o.block.kind == "blockquote":
            o.reason = "in a block quote: the chapter's year is not assumed for a quotation"
            continue
        if in_quotation(o.text, o.expr.start, language(o.source_id)):
            o.reason = "inside quotation marks: the chapter's year is not assumed for a quotation"
            continue
        _set(o, o.expr.with_year(year), "chapter year", why)


def load_years(path: Path = YEARS_CSV) -> pd.DataFrame:
    return read_curated(path, YEARS_SCHEMA)


def curated_occurrence(
    occs: list[Occurrence], row: pd.Series, path: Path, index: int
) -> Occurrence:
    """The one date expression a curated row (source, expression, context) names."""
    found = match_key(occs, row["source_id"], row["expression"], row["context"])
    if len(found) != 1:
        raise fail(path, index, "context", f"matches {len(found)} date expressions, expected 1")
    return found[0]


def _rule_curated(occs: list[Occurrence], doc: Document, curated: pd.DataFrame, path: Path) -> None:
    whole = fold(doc_reading(doc))
    for i, row in curated.iterrows():
        if row["source_id"] != doc.source_id:
            continue
        o = curated_occurrence(occs, row, path, int(i))
        if o.dated:
            raise fail(path, int(i), "expression", f"already dated by rule {o.rule!r}")
        if fold(row["anchor"]) not in whole:
            raise fail(path, int(i), "anchor", "phrase does not occur in the source")
        year = int(row["year"])
        if o.expr.is_relative:
            raise fail(path, int(i), "expression", "relative expressions are dated by rule 8")
        _set(o, o.expr.with_year(year), "curated", f"{row['reason']} (anchor: “{row['anchor']}”)")
        o.reason = ""


def doc_reading(doc: Document) -> str:
    return "\n".join(b.text for b in doc.blocks)


def _rule_relative(occs: list[Occurrence]) -> None:
    for o in occs:
        if o.dated or not o.expr.is_relative:
            continue
        if re.search(r"oder\s+(?:am\s+)?$", o.text[max(0, o.expr.start - 12) : o.expr.start]):
            o.reason = "an alternative (“oder”): not dated"
            continue
        if in_quotation(o.text, o.expr.start, language(o.source_id)):
            o.reason = "relative, inside a quotation: not dated"
            continue
        anchor = _relative_anchor(occs, o)
        if anchor is None or anchor.resolved is None:
            o.reason = "relative: no dated day within the two sentences before it"
            continue
        a = anchor.resolved
        start, _end, _prec = interval(a)
        if o.expr.form == "nth_day":
            assert o.expr.day is not None
            new = replace(o.expr, form="day", year=start.year, month=start.month)
        else:
            assert o.expr.offset is not None
            day = shift(start, o.expr.offset)
            new = replace(o.expr, form="day", year=day.year, month=day.month, day=day.day)
        _set(o, new, "relative", f"from “{a.text}”")


def _window_start(o: Occurrence, back: int = 1) -> int:
    """Start of the sentence ``back`` sentences before the one holding ``o`` (rules 5, 8)."""
    sentences = sentence_bounds(o.text)
    k = next(i for i, (a, b) in enumerate(sentences) if a <= o.expr.start <= b)
    return sentences[max(0, k - back)][0]


def _relative_anchor(occs: list[Occurrence], o: Occurrence) -> Occurrence | None:
    before = _same_passage_before(occs, o)
    window_start = _window_start(o, back=RELATIVE_WINDOW)
    for p in reversed(before):
        if p.expr.start < window_start:
            return None
        if p.dated and p.resolved is not None:
            start, end, _ = interval(p.resolved)
            if o.expr.form == "nth_day" and p.resolved.month is not None:
                return p
            return p if start == end else None
    return None


def resolve(doc: Document, occs: list[Occurrence], years: pd.DataFrame, path: Path) -> None:
    """Apply rules 1–8 (module docstring) to the occurrences of one source, in order."""
    _rule_explicit(occs)
    _rule_datelines(occs)
    _rule_year_named_before(occs)
    _rule_own_year(occs)
    _rule_passage_anchor(occs)
    _rule_chapter_year(occs)
    _rule_curated(occs, doc, years, path)
    _rule_relative(occs)
    for o in occs:
        if not o.dated and not o.reason:
            o.reason = _default_reason(o.expr)


def _default_reason(expr: DateExpression) -> str:
    if expr.is_relative:
        return "relative: no anchor"
    if expr.year_ref:
        return "relative year: no anchor"
    return "no year: the text around it does not make the year certain"


# --- exclusions ----------------------------------------------------------------------


def load_exclusions(path: Path = EXCLUSIONS_CSV) -> pd.DataFrame:
    return read_curated(path, EXCLUSIONS_SCHEMA)


def curated_exclusions(
    doc: Document, occs: list[Occurrence], table: pd.DataFrame, path: Path
) -> set[int]:
    """Ids (``id()``) of occurrences the curated exclusion list removes."""
    out = set()
    for i, row in table.iterrows():
        if row["source_id"] != doc.source_id:
            continue
        out.add(id(curated_occurrence(occs, row, path, int(i))))
    return out


def citation_spans(doc: Document) -> dict[str, list[tuple[int, int]]]:
    """Reading-text spans of the bibliographic citations in the Der Monat notes."""
    if doc.source_id != "monat":
        return {}
    from companion.monat_citations import citations_table

    spans: dict[str, list[tuple[int, int]]] = {}
    for r in citations_table(doc).itertuples():
        spans.setdefault(r.passage_id, []).append((int(r.text_start), int(r.text_end)))
    return spans


# --- events and conflicts -----------------------------------------------------------


def load_events(path: Path = EVENTS_CSV) -> pd.DataFrame:
    return read_curated(path, EVENTS_SCHEMA)


@dataclass(frozen=True)
class EventRow:
    """One curated row of ``timeline_events.csv``, matched to its occurrence."""

    occurrence: Occurrence
    event_id: str
    label: str
    note: str


def assign_events(
    occs: list[Occurrence], events: pd.DataFrame, path: Path = EVENTS_CSV
) -> list[EventRow]:
    """The curated event rows matched to their occurrences, in table order."""
    out: list[EventRow] = []
    seen: set[int] = set()
    for i, row in events.iterrows():
        occ = curated_occurrence(occs, row, path, int(i))
        if not occ.dated:
            raise fail(path, int(i), "expression", "the expression is not dated")
        if id(occ) in seen:
            raise fail(path, int(i), "context", "this expression already belongs to an event")
        seen.add(id(occ))
        out.append(EventRow(occ, row["event_id"], row["label"], row["note"]))
    return out


_SELF_CORRECTION = re.compile(r"\s*\((?P<year>1[89]\d\d)!\)")


def self_corrections(occs: list[Occurrence]) -> list[tuple[Occurrence, Occurrence]]:
    """(printed date, the author's corrected year) pairs: ``Oktober 1934 (1933!)``."""
    pairs = []
    for o in occs:
        m = _SELF_CORRECTION.match(o.text, o.expr.end)
        if not m:
            continue
        fix = next(
            (p for p in occs if p.block is o.block and p.expr.start == m.start("year")), None
        )
        if fix is not None:
            pairs.append((o, fix))
    return pairs


def weekday_mismatches(occs: list[Occurrence]) -> list[Occurrence]:
    out = []
    for o in occs:
        if o.resolved is None or o.expr.weekday is None:
            continue
        start, _, _ = interval(o.resolved)
        if start.weekday() != o.expr.weekday:
            out.append(o)
    return out


# --- tables --------------------------------------------------------------------------


def _fmt(o: Occurrence) -> str:
    start, end, _ = o.interval()
    return start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"


def _overlap(a: Occurrence, b: Occurrence) -> bool:
    a0, a1, _ = a.interval()
    b0, b1, _ = b.interval()
    return a0 <= b1 and b0 <= a1


def conflict_rows(
    occs: list[Occurrence], events: list[EventRow], row_ids: dict[int, str]
) -> list[dict]:
    """Conflicts (module docstring). Each row of an event is compared with the
    event's first row in the curated table, so one wrong date gives one conflict."""
    rows: list[dict] = []

    def add(kind: str, a: Occurrence, b: Occurrence | None, event: str, label: str, note: str):
        rows.append(
            {
                "kind": kind,
                "event_id": event,
                "label": label,
                "row_a": row_ids[id(a)],
                "source_a": a.source_id,
                "passage_a": a.passage_id,
                "expression_a": a.expr.text,
                "dates_a": _fmt(a),
                "row_b": row_ids[id(b)] if b is not None else "",
                "source_b": b.source_id if b is not None else "",
                "passage_b": b.passage_id if b is not None else "",
                "expression_b": b.expr.text if b is not None else "",
                "dates_b": _fmt(b) if b is not None else "",
                "note": note,
            }
        )

    by_event: dict[str, list[EventRow]] = {}
    for e in events:
        by_event.setdefault(e.event_id, []).append(e)
    for event_id, group in by_event.items():
        ref = group[0]
        for other in group[1:]:
            a, b = ref.occurrence, other.occurrence
            if _overlap(a, b):
                continue
            kind = "within_source" if a.source_id == b.source_id else "between_sources"
            add(kind, a, b, event_id, ref.label, ref.note)
    for printed, fix in self_corrections(occs):
        add(
            "self_correction",
            printed,
            fix,
            "",
            "the author corrects a date he quotes",
            f"“{printed.expr.text}” is followed by “({fix.expr.text}!)”",
        )
    for o in weekday_mismatches(occs):
        start, _, _ = o.interval()
        add(
            "weekday",
            o,
            None,
            "",
            "weekday and date disagree",
            f"{start.isoformat()} is a {start.strftime('%A')}",
        )
    for k, r in enumerate(rows, start=1):
        r["conflict_id"] = f"tc-{k:02d}"
    return rows


def _correction_at(corrections: pd.DataFrame, o: Occurrence) -> str:
    raw_start, raw_end = o.raw_span()
    hits = corrections[
        (corrections["passage_id"] == o.passage_id)
        & (corrections["start"] < raw_end)
        & (corrections["end"] > raw_start)
    ]
    return ";".join(hits["correction_id"])


def timeline_tables(
    docs: dict[str, Document],
    corrections: pd.DataFrame,
    years_path: Path = YEARS_CSV,
    exclusions_path: Path = EXCLUSIONS_CSV,
    events_path: Path = EVENTS_CSV,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(timeline, unresolved, conflicts) for the given parsed sources."""
    years = load_years(years_path)
    exclusions = load_exclusions(exclusions_path)
    all_occs: list[Occurrence] = []
    for doc in docs.values():
        occs = occurrences(doc, citation_spans(doc))
        dropped = curated_exclusions(doc, occs, exclusions, exclusions_path)
        occs = [o for o in occs if id(o) not in dropped]
        resolve(doc, occs, years, years_path)
        all_occs.extend(occs)
    dated = [o for o in all_occs if o.dated]
    row_ids = {id(o): f"t{k:04d}" for k, o in enumerate(dated, start=1)}
    events = assign_events(all_occs, load_events(events_path), events_path)
    conflicts = conflict_rows(dated, events, row_ids)
    event_of = {id(e.occurrence): (e.event_id, e.label, e.note) for e in events}
    in_conflict: dict[str, list[str]] = {}
    for c in conflicts:
        for key in ("row_a", "row_b"):
            if c[key]:
                in_conflict.setdefault(c[key], []).append(c["conflict_id"])
    timeline = [
        _timeline_row(o, row_ids[id(o)], event_of.get(id(o)), in_conflict, corrections)
        for o in dated
    ]
    unresolved = [_unresolved_row(o) for o in all_occs if not o.dated]
    return (
        pd.DataFrame(timeline, columns=TIMELINE_COLUMNS),
        pd.DataFrame(unresolved, columns=UNRESOLVED_COLUMNS),
        pd.DataFrame(conflicts, columns=CONFLICT_COLUMNS),
    )


def _timeline_row(
    o: Occurrence,
    row_id: str,
    event: tuple[str, str, str] | None,
    in_conflict: dict[str, list[str]],
    corrections: pd.DataFrame,
) -> dict:
    start, end, precision = o.interval()
    raw_start, raw_end = o.raw_span()
    return {
        "row_id": row_id,
        "date_start": start.isoformat(),
        "date_end": end.isoformat(),
        "precision": precision,
        "event": event_text(o.text, o.expr.start, o.expr.end),
        "source_id": o.source_id,
        "passage_id": o.passage_id,
        "expression": o.expr.text,
        "form": o.expr.form,
        "qualifier": o.expr.qualifier,
        "rule": o.rule,
        "rule_note": o.rule_note,
        "section": o.block.section,
        "passage_kind": o.block.kind,
        "text_start": o.expr.start,
        "text_end": o.expr.end,
        "raw_start": raw_start,
        "raw_end": raw_end,
        "event_id": event[0] if event else "",
        "event_label": event[1] if event else "",
        "conflict_ids": ";".join(in_conflict.get(row_id, [])),
        "correction_id": _correction_at(corrections, o),
    }


def _unresolved_row(o: Occurrence) -> dict:
    raw_start, raw_end = o.raw_span()
    return {
        "source_id": o.source_id,
        "passage_id": o.passage_id,
        "expression": o.expr.text,
        "form": o.expr.form,
        "month": o.expr.month or "",
        "day": o.expr.day or "",
        "reason": o.reason,
        "event": event_text(o.text, o.expr.start, o.expr.end),
        "text_start": o.expr.start,
        "text_end": o.expr.end,
        "raw_start": raw_start,
        "raw_end": raw_end,
    }


# --- views for the chapters (notebooks/timeline.md, notebooks/cliff-1923.md) ---------------

PRECISIONS = ["day", "month", "year", "period"]
_YEAR_IN = re.compile(r"\b1[0-9]{3}\b")


def without_year(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows whose expression names a day or a month but no year (``On 16 June``,
    ``30. Dezember.``): dated by one of the rules 2–7, not by their own words."""
    forms = rows["form"].isin(DATEABLE_FORMS)
    return rows[forms & ~rows["expression"].str.contains(_YEAR_IN)]


def precision_counts(timeline: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    """Dated expressions per source (``Source``, by short title, in the order of
    ``titles``) and precision (one column each of :data:`PRECISIONS`)."""
    counts = timeline.groupby(["source_id", "precision"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=PRECISIONS, fill_value=0)
    counts = counts.reindex([s for s in titles if s in counts.index]).rename_axis(columns=None)
    counts.index = [titles[s] for s in counts.index]
    return counts.reset_index(names="Source")


def source_spans(timeline: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """Per source (in ``order``, sources without dates left out): ``dates``, the
    ``first`` and ``last`` year its dates touch (the year a date begins, the year the
    latest ends), its ``busiest_years`` (by the year each date begins: the year with
    the most dates, several where they tie, as a sorted list) and ``in_busiest_year``,
    the dates that begin in each of them."""
    rows = []
    for sid in order:
        own = timeline[timeline["source_id"] == sid]
        if own.empty:
            continue
        years = own["date_start"].str[:4].astype(int).value_counts()
        rows.append(
            {
                "source_id": sid,
                "dates": len(own),
                "first": int(own["date_start"].min()[:4]),
                "last": int(own["date_end"].max()[:4]),
                "busiest_years": sorted(int(y) for y in years[years == years.max()].index),
                "in_busiest_year": int(years.max()),
            }
        )
    return pd.DataFrame(
        rows, columns=["source_id", "dates", "first", "last", "busiest_years", "in_busiest_year"]
    )


def in_section(
    rows: pd.DataFrame, passages: pd.DataFrame, source_id: str, heading: str
) -> pd.DataFrame:
    """The rows whose passage lies in the section of ``source_id`` headed ``heading``
    (the heading's text as printed; it must head exactly one section)."""
    heads = passages[
        (passages["source_id"] == source_id)
        & (passages["kind"] == "heading")
        & (passages["text"] == heading)
    ]
    if len(heads) != 1:
        raise LookupError(f"{len(heads)} sections of {source_id} are headed {heading!r}")
    prefix = f"{source_id}:{heads.iloc[0]['section']}:"
    return rows[rows["passage_id"].str.startswith(prefix)]
