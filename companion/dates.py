"""Date expressions in German and English source text: find them, read them, date them.

:func:`find_dates` scans one reading text (``lang`` ``"de"`` or ``"en"``) and
returns every date expression it recognises as a :class:`DateExpression`, with
its character span and what its words give (year, month, day; both ends of a
range), parsed without interpretation. :func:`interval` turns an expression
whose year is known into ``(date_start, date_end, precision)``. Which year an
expression *without* a year has is not decided here: that depends on context
and is the job of :mod:`companion.timeline`, which documents its rules.

Forms (``DateExpression.form``)
-------------------------------
German (``de``) and English (``en``) forms that occur in the five sources:

``day``
    ``5. Februar 1930``, ``25.Januar``, ``14. II. 1937`` (Roman month, only with a
    year), ``Sunday, 21 October``, ``11 January 1923``, ``On 16 June``. A weekday
    is kept in ``weekday`` (0 = Monday) so it can be checked.
``day_range``
    ``15./16. Januar 1935``, ``28-/29. Dezember 1934``, ``10.- 17. April``,
    ``21. bis 22. Dezember``, ``zwischen dem 7. und dem 14. August``,
    ``27-30 August 1917``; across months
    ``19. September bis 1. Mai``. ``den 12. oder 13. Dezember`` is a range with
    qualifier ``oder``: one of the two days, the text does not say which.
``day_pair``
    the first member of ``am 24. und am 27. Januar``: a day whose month (and
    year) are those of the date that follows (``und``/``and`` only).
``month`` / ``month_range``
    ``Juli 1929``, ``Ende Oktober 1935``, ``September 1923``,
    ``November-Dezember 1929``, ``November/Dezember 1929``; a month without a
    year only after a preposition (``im August``, ``In October``, ``Early in
    July``, ``From May onwards``), so the name ``August`` alone is never a date.
    ``the second week of June`` is the month with qualifier ``second week``.
``year`` / ``year_range``
    ``1929``, ``im Jahre 1953``, ``1926–27``, ``1917-1923``, ``(1878-1929)``,
    ``Winter 1920/21``, ``from 1921 to 1926``; a bare four-digit number counts
    as a year only between 1800 and 2099 and not after ``Nr.``, ``S.``, ``H.``
    or ``No.``.
``decade``
    ``1920er-Jahre``, ``the 1930s``, ``the mid-1930s`` (qualifier kept).
``season``
    ``im Sommer 1935``, ``Herbst 1932``, ``Frühjahr 1931``, ``autumn 1923``,
    ``the summer of 1923``, ``the fall of 1939``. Seasons are the meteorological
    quarters (spring March–May, summer June–August, autumn September–November);
    ``Winter 1920/21`` is December 1920 to February 1921. ``Winter 1933`` (one
    year) does not say whether January or December is meant: it is dated to the
    year, with qualifier ``Winter``.
``months_of_year``
    ``the first seven months of 1923``: January to July 1923.
A year in brackets right after a day or month belongs to it: ``Am 5. August
(1936)``, ``Im Februar dieses Jahres (1937)``.

``relative_day``
    ``the next day``, ``Two days later``, ``On the same day``, ``On this date``,
    ``am nächsten Tage``, ``Am gleichen Tage``, ``Tags darauf``: ``offset`` days
    after an anchor date the context must supply.
``nth_day``
    ``on the 11th``, ``Am 4.,``: a day of the anchor's month.

Qualifiers (``Anfang``, ``Mitte``, ``Ende``, ``early``, ``mid``, ``late``, ``the
beginning of``, ``seit``, ``since``, ``after``, ``from``, …) are kept in
``qualifier`` and never narrow the interval: ``Ende Oktober 1935`` is dated to
October 1935, ``the mid-1930s`` to 1930–1939. Words such as ``dieses Jahres``
and ``des vergangenen Jahres`` after a day or month set ``year_ref`` (``this``,
``previous``): the year is that of the text's own date, supplied by context;
``desselben Jahres`` and ``jenes Jahres`` set ``same``: the year last named.

Precision (:func:`interval`): ``day`` for one day, ``month`` for one whole
month, ``year`` for one whole year, ``period`` for anything longer or not
aligned (ranges, seasons, decades).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from companion.figures_finder import DE_UNITS, EN_UNITS

MONTHS_DE = {
    "Januar": 1,
    "Februar": 2,
    "März": 3,
    "April": 4,
    "Mai": 5,
    "Juni": 6,
    "Juli": 7,
    "August": 8,
    "September": 9,
    "Oktober": 10,
    "November": 11,
    "Dezember": 12,
    # abbreviations printed in 001 ("6. Nov. 1918")
    "Jan.": 1,
    "Febr.": 2,
    "Aug.": 8,
    "Sept.": 9,
    "Okt.": 10,
    "Nov.": 11,
    "Dez.": 12,
}
MONTHS_EN = {calendar.month_name[i]: i for i in range(1, 13)}
ROMAN_MONTHS = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
}
WEEKDAYS_EN = {calendar.day_name[i]: i for i in range(7)}
WEEKDAYS_DE = {
    "Montag": 0,
    "Dienstag": 1,
    "Mittwoch": 2,
    "Donnerstag": 3,
    "Freitag": 4,
    "Samstag": 5,
    "Sonnabend": 5,
    "Sonntag": 6,
}
#: Season -> (first month, last month); winter handled apart (it spans two years).
SEASONS = {
    "Frühjahr": (3, 5),
    "Frühjahrs": (3, 5),
    "Frühling": (3, 5),
    "Frühlings": (3, 5),
    "Sommer": (6, 8),
    "Sommers": (6, 8),
    "Herbst": (9, 11),
    "Herbstes": (9, 11),
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
}
WINTERS = ("Winter", "Winters", "winter")
#: English number words up to twelve (the finder's list, shared)
NUMBER_WORDS_EN = {w: n for w, n in EN_UNITS.items() if n <= 12}
#: German number words up to ten (the finder's list, shared), with the accusative "einen"
NUMBER_WORDS_DE = {"einen": 1} | {w: n for w, n in DE_UNITS.items() if n <= 10 and w != "eins"}
FIRST_YEAR, LAST_YEAR = 1800, 2099
PRECISIONS = ("day", "month", "year", "period")


@dataclass(frozen=True)
class DateExpression:
    """One date expression in a reading text: span, form and the parts its words give."""

    start: int
    end: int
    text: str
    form: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    year2: int | None = None  # end of a range (None: same as the start)
    month2: int | None = None
    day2: int | None = None
    qualifier: str = ""
    weekday: int | None = None
    offset: int | None = None  # relative_day: days after the anchor
    year_ref: str = ""  # "this" / "previous": the year is relative to the text's date

    @property
    def has_year(self) -> bool:
        return self.year is not None

    @property
    def is_relative(self) -> bool:
        return self.form in ("relative_day", "nth_day")

    def with_year(self, year: int) -> DateExpression:
        """The expression with its (and its range end's) missing year supplied."""
        year2 = self.year2
        if self.month2 is not None and year2 is None:
            # a range that runs into an earlier month continues into the next year
            later = (self.month2, self.day2 or 1) >= (self.month or 1, self.day or 1)
            year2 = year if later else year + 1
        return replace(self, year=year, year2=year2)


# --- building blocks ---------------------------------------------------------------

_SP = r"[ \u00a0\u202f\u2009]"
_MON_DE = "|".join(re.escape(m) for m in sorted(MONTHS_DE, key=len, reverse=True))
_MON_EN = "|".join(MONTHS_EN)
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NOT_NUM_BEFORE = r"(?<!\d)(?<!\d[.,/])"
_NOT_NUM_AFTER = r"(?![\d])"

_DE_QUAL = r"(?:(?P<qual>Anfang|Mitte|Ende)(?:" + _SP + r"des)?" + _SP + r")?"
_EN_QUAL = (
    r"(?:(?P<qual>[Ee]arly|[Ll]ate|[Mm]id-?|the (?:beginning|end|middle) of|"
    r"[Tt]he (?:first|second|third|fourth|last) week of)" + _SP + r"?)?"
)

# German patterns, most specific first. Group names: d1 m1 y1 d2 m2 y2 (+ roman, qual).
_DE_PATTERNS: list[tuple[str, str]] = [
    (
        "day_range_cross",
        rf"(?P<d1>\d{{1,2}})\.{_SP}?(?P<m1>{_MON_DE})(?:{_SP}(?P<y1>{_YEAR}))?{_SP}bis{_SP}"
        rf"(?:zum{_SP})?(?P<d2>\d{{1,2}})\.{_SP}?(?P<m2>{_MON_DE})(?:{_SP}(?P<y2>{_YEAR}))?",
    ),
    (
        "day_range",
        rf"(?P<d1>\d{{1,2}})(?P<sep>\.?{_SP}?(?:-|–|/){_SP}?|-/|\.{_SP}bis{_SP}|\.{_SP}oder{_SP})"
        rf"(?P<d2>\d{{1,2}})\.{_SP}?(?P<m1>{_MON_DE})(?:{_SP}(?P<y1>{_YEAR}))?",
    ),
    (
        "day_range",
        rf"(?P<between>zwischen){_SP}dem{_SP}(?P<d1>\d{{1,2}})\.{_SP}und{_SP}dem{_SP}"
        rf"(?P<d2>\d{{1,2}})\.{_SP}?(?P<m1>{_MON_DE})(?:{_SP}(?P<y1>{_YEAR}))?",
    ),
    (
        "day_pair",
        rf"(?P<d1>\d{{1,2}})\.(?={_SP}und{_SP}(?:am{_SP}|dem{_SP})?\d{{1,2}}\.{_SP}?(?:{_MON_DE}))",
    ),
    (
        "day",
        rf"(?P<d1>\d{{1,2}})\.{_SP}?(?:(?P<m1>{_MON_DE})|(?P<roman>[IVX]{{1,4}})\."
        rf"(?={_SP}?{_YEAR}))(?:{_SP}?(?P<y1>{_YEAR}){_NOT_NUM_AFTER})?",
    ),
    (
        "month_range",
        rf"(?P<m1>{_MON_DE})(?:-|–|/)(?P<m2>{_MON_DE}){_SP}(?P<y1>{_YEAR})",
    ),
    (
        "season",
        rf"(?:(?P<qual>Anfang|Mitte|Ende){_SP}(?:des{_SP})?)?"
        rf"(?P<season>{'|'.join(SEASONS)}|{'|'.join(WINTERS)}){_SP}"
        rf"(?P<y1>{_YEAR})(?:/(?P<y2>\d{{2}}))?{_NOT_NUM_AFTER}",
    ),
    ("month", rf"{_DE_QUAL}(?P<m1>{_MON_DE}){_SP}(?P<y1>{_YEAR}){_NOT_NUM_AFTER}"),
    (
        "month_bare",
        rf"(?:(?<=\b[iI]m{_SP})|(?<=\bAnfang{_SP})|(?<=\bMitte{_SP})|(?<=\bEnde{_SP})|"
        rf"(?<=\b[sS]eit{_SP})|(?<=\b[vV]om{_SP})|(?<=\bzum{_SP}))(?P<m1>{_MON_DE})\b(?!-)",
    ),
    (
        "decade",
        rf"{_DE_QUAL}(?:der{_SP})?(?P<decade>\d{{3}}0)er(?:-|{_SP})Jahren?",
    ),
    (
        "year_range",
        rf"(?:(?P<between>[Zz]wischen){_SP})?(?P<y1>{_YEAR}){_SP}"
        rf"(?P<alt>oder|und){_SP}(?P<y2>{_YEAR}){_NOT_NUM_AFTER}",
    ),
    (
        "year_range",
        rf"{_NOT_NUM_BEFORE}(?:von{_SP})?(?P<y1>{_YEAR}){_SP}?(?:-|–|/|{_SP}bis{_SP})"
        rf"{_SP}?(?P<y2>{_YEAR}|\d{{2}}){_NOT_NUM_AFTER}",
    ),
    (
        "year",
        rf"{_NOT_NUM_BEFORE}(?<!Nr\.{_SP})(?<!S\.{_SP})(?<!H\.{_SP})(?<!Nr\.)"
        rf"(?P<y1>{_YEAR}){_NOT_NUM_AFTER}(?!er)",
    ),
    (
        "relative_day",
        rf"(?P<rel>[Aa]m{_SP}(?:gleichen|selben|nächsten|folgenden){_SP}Tage?|"
        rf"[Tt]ags{_SP}darauf|[Aa]m{_SP}Tage{_SP}darauf|"
        rf"(?P<n>{'|'.join(NUMBER_WORDS_DE)}){_SP}Tage?{_SP}später)\b",
    ),
    ("nth_day", rf"(?<=\b[Aa]m{_SP})(?P<d1>\d{{1,2}})\.(?=,)"),
]

_EN_PATTERNS: list[tuple[str, str]] = [
    (
        "day_range",
        rf"(?P<d1>\d{{1,2}}){_SP}?(?:-|–){_SP}?(?P<d2>\d{{1,2}}){_SP}(?P<m1>{_MON_EN})"
        rf"(?:{_SP}(?P<y1>{_YEAR}))?",
    ),
    (
        "day",
        rf"(?:(?P<wd>{'|'.join(WEEKDAYS_EN)}),?{_SP})?(?P<d1>\d{{1,2}}){_SP}(?P<m1>{_MON_EN})"
        rf"(?:,?{_SP}(?P<y1>{_YEAR}))?{_NOT_NUM_AFTER}",
    ),
    (
        "months_of_year",
        rf"the{_SP}first{_SP}(?P<n>{'|'.join(NUMBER_WORDS_EN)}){_SP}months{_SP}of{_SP}"
        rf"(?P<y1>{_YEAR})",
    ),
    (
        "season",
        rf"(?:(?P<qual>[Ee]arly|[Ll]ate){_SP})?(?:the{_SP})?"
        rf"(?P<season>{'|'.join(SEASONS)}|winter)(?:{_SP}of)?{_SP}(?P<y1>{_YEAR})"
        rf"{_NOT_NUM_AFTER}",
    ),
    ("month", rf"{_EN_QUAL}(?P<m1>{_MON_EN}),?{_SP}(?P<y1>{_YEAR}){_NOT_NUM_AFTER}"),
    (
        "month_week",
        rf"(?P<qual>[Tt]he{_SP}(?:first|second|third|fourth|last){_SP}week){_SP}of{_SP}"
        rf"(?P<m1>{_MON_EN})\b",
    ),
    (
        "month_bare",
        rf"(?:(?<=\b[iI]n{_SP})|(?<=\b[fF]rom{_SP})|(?<=\b[sS]ince{_SP})|(?<=\b[uU]ntil{_SP})|"
        rf"(?<=\b[dD]uring{_SP}))(?P<m1>{_MON_EN})\b(?!{_SP}\d)(?!-)",
    ),
    (
        "decade",
        rf"(?:the{_SP})?(?:(?P<qual>early|late|mid-|end of the|beginning of the){_SP}?)?"
        rf"(?P<decade>\d{{3}}0)s\b",
    ),
    (
        "year_range",
        rf"(?:(?P<between>[Bb]etween){_SP})?(?P<y1>{_YEAR}){_SP}"
        rf"(?P<alt>or|and){_SP}(?P<y2>{_YEAR}){_NOT_NUM_AFTER}",
    ),
    (
        "year_range",
        rf"{_NOT_NUM_BEFORE}(?:(?P<from>from){_SP})?(?P<y1>{_YEAR})"
        rf"{_SP}?(?:-|–|{_SP}to{_SP}){_SP}?(?P<y2>{_YEAR}|\d{{2}}){_NOT_NUM_AFTER}",
    ),
    (
        "year",
        rf"{_NOT_NUM_BEFORE}(?<!No\.{_SP})(?<!p\.{_SP})(?P<y1>{_YEAR}){_NOT_NUM_AFTER}(?!s\b)",
    ),
    (
        "relative_day",
        rf"\b(?P<rel>(?:[Tt]he|[Oo]n{_SP}the){_SP}(?:next|following|same){_SP}day|"
        rf"[Oo]n{_SP}this{_SP}date|"
        rf"(?P<n>{'|'.join(NUMBER_WORDS_EN)}|[Oo]ne|[Tt]wo|[Tt]hree){_SP}days?{_SP}later)\b",
    ),
    ("nth_day", rf"\b(?<=the{_SP})(?P<d1>\d{{1,2}})(?:st|nd|rd|th)\b"),
]

_COMPILED = {
    "de": [(form, re.compile(p)) for form, p in _DE_PATTERNS],
    "en": [(form, re.compile(p)) for form, p in _EN_PATTERNS],
}


# --- parsing one match -------------------------------------------------------------


def _month(name: str | None, lang: str) -> int | None:
    if name is None:
        return None
    return (MONTHS_DE if lang == "de" else MONTHS_EN)[name]


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


def _second_year(y1: int, y2: str | None) -> int | None:
    """``1926–27`` -> 1927: a two-digit end year takes the century of the start."""
    if y2 is None:
        return None
    if len(y2) == 2:
        return y1 // 100 * 100 + int(y2)
    return int(y2)


def _qualifier(m: re.Match[str]) -> str:
    groups = m.groupdict()
    qual = groups.get("qual") or ""
    return qual.strip().rstrip("-").lower() if qual else ""


def _build(form: str, m: re.Match[str], lang: str) -> DateExpression | None:
    """A :class:`DateExpression` for one regex match (None if the words are no date)."""
    g = m.groupdict()
    base = {"start": m.start(), "end": m.end(), "text": m.group()}
    if form in ("relative_day",):
        return _relative(g, lang, base)
    if form == "nth_day":
        return DateExpression(form="nth_day", day=int(g["d1"]), **base)
    if form == "decade":
        first = int(g["decade"])
        return DateExpression(
            form="decade", year=first, year2=first + 9, qualifier=_qualifier(m), **base
        )
    if form == "season":
        return _season(g, m, base)
    if form == "months_of_year":
        return DateExpression(
            form="months_of_year",
            year=int(g["y1"]),
            month=1,
            month2=NUMBER_WORDS_EN[g["n"]],
            **base,
        )
    y1 = _int(g.get("y1"))
    if form in ("year", "year_range"):
        y2 = _second_year(y1, g.get("y2")) if y1 is not None else None
        if y2 is not None and y1 is not None and y2 <= y1:
            return None  # "1937-1" or a falling range is not a year range
        alt = g.get("alt")
        if alt in ("und", "and") and not g.get("between"):
            return None  # "1936 und 1937": two years, each its own expression
        qual = "from" if g.get("from") else ""
        if alt in ("oder", "or"):
            qual = alt  # "1923 oder 1924": one of the two years
        elif g.get("between"):
            qual = g["between"].lower()
        return DateExpression(form=form, year=y1, year2=y2, qualifier=qual, **base)
    month = _month(g.get("m1"), lang)
    if g.get("roman"):
        month = ROMAN_MONTHS.get(g["roman"])
        if month is None:
            return None
    day = _int(g.get("d1"))
    if day is not None and not 1 <= day <= 31:
        return None
    if form in ("month", "month_bare", "month_week"):
        return DateExpression(form="month", year=y1, month=month, qualifier=_qualifier(m), **base)
    if form == "month_range":
        return DateExpression(
            form="month_range", year=y1, month=month, month2=_month(g["m2"], lang), **base
        )
    if form == "day_pair":
        return DateExpression(form="day_pair", day=day, **base)
    if form == "day_range_cross":
        return DateExpression(
            form="day_range",
            year=y1 if y1 is not None else _int(g.get("y2")),
            month=month,
            day=day,
            year2=_int(g.get("y2")),
            month2=_month(g["m2"], lang),
            day2=int(g["d2"]),
            **base,
        )
    if form == "day_range":
        sep = g.get("sep") or ""
        day2 = int(g["d2"])
        if day is None or day2 <= day:
            return None
        qual = "oder" if "oder" in sep else ("zwischen" if g.get("between") else "")
        return DateExpression(
            form="day_range",
            year=y1,
            month=month,
            day=day,
            month2=month,
            day2=day2,
            qualifier=qual,
            **base,
        )
    weekday = WEEKDAYS_EN.get(g.get("wd") or "")
    return DateExpression(form="day", year=y1, month=month, day=day, weekday=weekday, **base)


def _relative(g: dict[str, str | None], lang: str, base: dict) -> DateExpression:
    rel = (g.get("rel") or "").lower()
    words = NUMBER_WORDS_DE if lang == "de" else NUMBER_WORDS_EN
    if g.get("n"):
        offset = words[g["n"].lower()]
    elif any(w in rel for w in ("gleichen", "selben", "same", "this date")):
        offset = 0
    else:
        offset = 1
    return DateExpression(form="relative_day", offset=offset, **base)


def _season(g: dict[str, str | None], m: re.Match[str], base: dict) -> DateExpression:
    y1 = int(g["y1"])  # type: ignore[arg-type]
    name = g["season"] or ""
    qual = _qualifier(m)
    if name in WINTERS:
        y2 = _second_year(y1, g.get("y2"))
        if y2 == y1 + 1:
            return DateExpression(
                form="season",
                year=y1,
                month=12,
                year2=y2,
                month2=2,
                qualifier=" ".join(filter(None, [qual, "winter"])),
                **base,
            )
        return DateExpression(
            form="year", year=y1, qualifier=" ".join(filter(None, [qual, "winter"])), **base
        )
    first, last = SEASONS[name]
    return DateExpression(
        form="season",
        year=y1,
        month=first,
        year2=y1,
        month2=last,
        qualifier=" ".join(filter(None, [qual, name.lower().rstrip("s")])),
        **base,
    )


# --- scanning ----------------------------------------------------------------------

_YEAR_REF = re.compile(
    rf"{_SP}(?P<ref>dieses{_SP}Jahres|des{_SP}(?:vergangenen|vorigen){_SP}Jahres|"
    rf"desselben{_SP}Jahres|jenes{_SP}Jahres|"
    rf"this{_SP}year|last{_SP}year)\b"
)


def find_dates(text: str, lang: str) -> list[DateExpression]:
    """Every date expression in ``text``, in order, without overlaps.

    Patterns are tried most specific first; a match that overlaps one already
    taken is dropped, so ``15./16. Januar 1935`` is one range, not a range plus a
    year. The first member of ``am 24. und am 27. Januar`` takes the month and
    year of the second.
    """
    if lang not in _COMPILED:
        raise ValueError(f"no date patterns for language {lang!r}")
    taken: list[DateExpression] = []
    for form, pattern in _COMPILED[lang]:
        for m in pattern.finditer(text):
            if any(m.start() < t.end and t.start < m.end() for t in taken):
                continue
            expr = _build(form, m, lang)
            if expr is not None:
                taken.append(_with_context_words(expr, text))
    taken.sort(key=lambda e: e.start)
    return _drop_appositions(_fill_pairs(taken), text)


_BARE_QUALIFIER = re.compile(
    rf"(?P<q>[Ee]arly{_SP}in|[Ll]ate{_SP}in|[Ff]rom|[Ss]ince|[Uu]ntil|[Ss]eit|[Vv]om|zum|"
    rf"Anfang|Mitte|Ende){_SP}$"
)


def _with_context_words(expr: DateExpression, text: str) -> DateExpression:
    """Words next to an expression that belong to it: ``dieses Jahres``, ``Early in``."""
    if expr.form == "month" and expr.year is None and not expr.qualifier:
        m = _BARE_QUALIFIER.search(text, max(0, expr.start - 12), expr.start)
        if m:
            expr = replace(expr, qualifier=" ".join(m.group("q").lower().split()))
    return _with_year_ref(expr, text)


_APPOSITION = re.compile(rf",{_SP}den{_SP}")


def _drop_appositions(exprs: list[DateExpression], text: str) -> list[DateExpression]:
    """``Am nächsten Tage, den 30. Januar``: the relative words are dropped, the date stays."""
    out = []
    for i, e in enumerate(exprs):
        nxt = exprs[i + 1] if i + 1 < len(exprs) else None
        if (
            e.form == "relative_day"
            and nxt is not None
            and _APPOSITION.fullmatch(text, e.end, nxt.start)
        ):
            continue
        out.append(e)
    return out


_PREVIOUS = ("vergangenen", "vorigen", "last")
_YEAR_APPOSITION = re.compile(rf"{_SP}\((?P<year>{_YEAR})\)")


def _with_year_ref(expr: DateExpression, text: str) -> DateExpression:
    """``am 17. Februar dieses Jahres``: the year is the text's own (year_ref).

    ``Am 5. August (1936)``: a year in brackets right after a day or month is
    the expression's own year.
    """
    if expr.has_year or expr.form not in ("day", "month", "day_range"):
        return expr
    m = _YEAR_REF.match(text, expr.end)
    if m:
        words = m.group("ref")
        ref = "previous" if any(w in words for w in _PREVIOUS) else "this"
        if "desselben" in words or "jenes" in words:
            ref = "same"
        expr = replace(expr, end=m.end(), text=text[expr.start : m.end()], year_ref=ref)
    bracket = _YEAR_APPOSITION.match(text, expr.end)
    if bracket:
        year = int(bracket.group("year"))
        return replace(
            expr,
            end=bracket.end(),
            text=text[expr.start : bracket.end()],
            year=year,
            year2=year if expr.year2 is not None or expr.month2 is not None else None,
        )
    return expr


def _fill_pairs(exprs: list[DateExpression]) -> list[DateExpression]:
    out = list(exprs)
    for i, e in enumerate(out):
        if e.form == "day_pair" and i + 1 < len(out):
            nxt = out[i + 1]
            out[i] = replace(e, form="day", month=nxt.month, year=nxt.year)
    return [e for e in out if e.form != "day_pair"]


# --- dating ------------------------------------------------------------------------


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def interval(expr: DateExpression) -> tuple[date, date, str]:
    """``(date_start, date_end, precision)`` of an expression whose year is known.

    Raises ValueError for an expression without a year or a relative one (the
    context must resolve those first) and for a day that does not exist.
    """
    if expr.year is None or expr.is_relative:
        raise ValueError(f"{expr.text!r}: no year; resolve it from context first")
    y1 = expr.year
    y2 = expr.year2 if expr.year2 is not None else y1
    if expr.month is None:
        start, end = date(y1, 1, 1), date(y2, 12, 31)
    else:
        m2 = expr.month2 if expr.month2 is not None else expr.month
        start = date(y1, expr.month, expr.day or 1)
        if expr.day is not None:
            end = date(y2, m2, expr.day2 if expr.day2 is not None else expr.day)
        else:
            end = date(y2, m2, _last_day(y2, m2))
    if end < start:
        raise ValueError(f"{expr.text!r}: range ends before it starts")
    return start, end, precision(start, end)


def precision(start: date, end: date) -> str:
    """``day``, ``month``, ``year`` or ``period`` for an interval."""
    if start == end:
        return "day"
    if start.day == 1 and end == date(start.year, start.month, _last_day(start.year, start.month)):
        return "month"
    if start == date(start.year, 1, 1) and end == date(start.year, 12, 31):
        return "year"
    return "period"


def shift(day: date, days: int) -> date:
    return day + timedelta(days=days)
