"""The English working translation of the German sources, aligned to the German.

Files
-----
``data/translations/<source_id>.en.csv``, one per German source, columns:

``passage_id``
    The passage translated (``passages.csv``).
``seg``
    1, 2, … within the passage.
``de_start``, ``de_end``
    ``[start, end)`` in the passage's reading text (``passages.csv``, column
    ``text``). The segments of a translated passage cover its whole reading
    text in order, with nothing between them but white space and no overlap;
    each is one sentence or several whole sentences
    (:func:`companion.segments.sentence_spans`).
``en``
    The English of that German, as printed: errors of the source are kept (and
    named in the note), names are given in the name authority's English form,
    direct speech stays direct speech, qualifiers stay.
``note``
    The translator's note: an ambiguity, a term, an error of the source kept
    as printed (with the correction id where there is one). Empty where
    nothing needs saying.
``translator``, ``reviewer``
    Who translated the segment and who read it a second time against the
    German (pseudonymous contributor ids); never the same for one segment.
``reviewed``
    The second reading's verdict: ``ok``, or ``revised: <what changed>``;
    empty while the segment waits for its second reading.

Checks (:func:`check_source`), each reported with file, line, passage, segment
and what differs:

* coverage: the segments of each passage tile its reading text;
* numbers: every number of the German segment (digits, number words,
  ``Dutzend``, ``hundert``, ``tausend``) is in the English segment, as often;
  a German month name has its English month;
* names: every person the mention finder finds in the German segment is named
  in the English by the authority's English name or its surname;
* terms: a German term of the termbase (``data/curated/termbase.csv``) is
  rendered as the termbase says;
* quotation marks: the English opens and closes as many double quotation
  marks (“ ”) as the German (``„`` ``“``), so direct speech stays direct speech.

A name, number or term check is waived for a segment whose note names the
German word concerned (the note says why the English differs).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from companion import paths
from companion.curated import read_curated
from companion.dates import MONTHS_DE, MONTHS_EN
from companion.errors import DataError
from companion.figures_finder import parse_number
from companion.textlayer import Reading

TRANSLATIONS = paths.DATA / "translations"
TERMBASE_CSV = paths.CURATED / "termbase.csv"
#: The German sources with a translation file.
GERMAN_SOURCES = ("letter-1930", "crimes-1937", "monat")
COLUMNS = (
    "passage_id",
    "seg",
    "de_start",
    "de_end",
    "en",
    "note",
    "translator",
    "reviewer",
    "reviewed",
)
LABEL = (
    "Working translation from the German text by the book's contributors;"
    " not an authorised translation."
)


class TranslationError(DataError):
    """A translation file breaks its contract; the message lists every problem."""


def translation_path(source_id: str) -> Path:
    return TRANSLATIONS / f"{source_id}.en.csv"


def _schema() -> pa.DataFrameSchema:
    digits = pa.Check.str_matches(r"^[0-9]+$")
    one_line = pa.Check.str_matches(r"^[^\n]*$")
    return pa.DataFrameSchema(
        {
            "passage_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9-]+:\S+$")),
            "seg": pa.Column(str, digits),
            "de_start": pa.Column(str, digits),
            "de_end": pa.Column(str, digits),
            "en": pa.Column(str, pa.Check.str_matches(r"^\S[^\n]*$")),
            "note": pa.Column(str, one_line),
            "translator": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9-]+$")),
            "reviewer": pa.Column(str, pa.Check.str_matches(r"^(?:[a-z0-9-]+)?$")),
            "reviewed": pa.Column(str, pa.Check.str_matches(r"^(?:|ok|revised: \S.*)$")),
        },
        unique=["passage_id", "seg"],
        strict=True,
        ordered=True,
    )


def read_translation(source_id: str, path: Path | None = None) -> pd.DataFrame:
    """The translation of one source (empty if it has none yet), validated by its schema."""
    path = path or translation_path(source_id)
    if not path.exists():
        return pd.DataFrame(columns=list(COLUMNS))
    df = read_curated(path, _schema())
    for col in ("seg", "de_start", "de_end"):
        df[col] = df[col].astype(int)
    return df


def termbase_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "de": pa.Column(str, pa.Check.str_matches(r"^\S.*\S$|^\S$")),
            "en": pa.Column(str, pa.Check.str_matches(r"^\S.*\S$|^\S$")),
            "note": pa.Column(str),
        },
        unique=["de"],
        strict=True,
    )


@cache
def load_termbase(path: Path = TERMBASE_CSV) -> pd.DataFrame:
    """The termbase: German term (a regular expression), English rendering(s) (``|``), note."""
    return read_curated(path, termbase_schema())


# ----------------------------------------------------------------------------- numbers

_DE_NUMBER_WORD = re.compile(
    r"(?<![\wäöüß])((?:hundert|tausend|zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|achtzig|"
    r"neunzig|dreizehn|vierzehn|fünfzehn|sechzehn|siebzehn|achtzehn|neunzehn|zwölf|zwei|drei|"
    r"vier|fünf|sechs|sieben|acht|neun|zehn|elf|ein|und)+)(?![\wäöüß])",
    re.IGNORECASE,
)
_EN_NUMBER_WORD = re.compile(
    r"(?<![\w-])((?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|thousand|million|a|and)(?:[\s-]+|(?![\w-])))+)",
    re.IGNORECASE,
)
_DE_DIGITS = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)(?![\d])")
_EN_DIGITS = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d])")
#: Collective number words: German and English forms with their value.
_DE_COLLECTIVE = {"dutzend": 12, "dutzende": 12, "dutzenden": 12, "hunderte": 100, "hunderten": 100}
_DE_COLLECTIVE |= {"tausende": 1000, "tausenden": 1000}
_EN_COLLECTIVE = {"dozen": 12, "dozens": 12, "hundreds": 100, "thousands": 1000}


def _word_value(words: str, lang: str) -> float | None:
    words = words.strip(" -")
    if lang == "en":
        words = re.sub(r"^(?:a|and)\s+|\s+(?:a|and)$", "", words.strip(), flags=re.IGNORECASE)
        if words.lower() in ("a", "and", ""):
            return None
    elif words.lower() in ("ein", "und", "einund", ""):
        return None
    return parse_number(words, lang)


def numbers(text: str, lang: str) -> Counter[float]:
    """Every number a text states, by value: digits, number words, collective words."""
    found: Counter[float] = Counter()
    digits = _DE_DIGITS if lang == "de" else _EN_DIGITS
    for m in digits.finditer(text):
        value = parse_number(m.group(1), lang)
        if value is not None:
            found[value] += 1
    words = _DE_NUMBER_WORD if lang == "de" else _EN_NUMBER_WORD
    for m in words.finditer(text):
        value = _word_value(m.group(1), lang)
        if value is not None:
            found[value] += 1
    collective = _DE_COLLECTIVE if lang == "de" else _EN_COLLECTIVE
    for token in re.findall(r"[\wäöüß]+", text.lower()):
        if token in collective:
            found[float(collective[token])] += 1
    return found


def months(text: str, lang: str) -> Counter[int]:
    """Month numbers named in a text (German or English month names)."""
    table = MONTHS_DE if lang == "de" else MONTHS_EN
    found: Counter[int] = Counter()
    for name, month in table.items():
        pattern = re.escape(name) + (r"" if name.endswith(".") else r"(?![\wäöü])")
        found[month] += len(re.findall(r"(?<![\wäöü])" + pattern, text))
    return +found


# ----------------------------------------------------------------------------- names


def english_forms(name_en: str) -> tuple[str, ...]:
    """Forms that count as naming a person in English: the full name and the surname."""
    parts = name_en.split()
    forms = {name_en}
    if parts:
        surname = parts[-1]
        if parts[-1].startswith("(") and len(parts) > 1:  # "Frank (comrade, 1930 letter)"
            surname = parts[0]
        forms.add(surname.strip("()"))
    return tuple(sorted(f for f in forms if f))


def names_person(english: str, name_en: str) -> bool:
    return any(
        re.search(r"(?<![\w])" + re.escape(form) + r"(?![a-zà-ž])", english)
        for form in english_forms(name_en)
    )


# ----------------------------------------------------------------------------- checks


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    passage_id: str
    seg: int
    check: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: {self.passage_id} seg {self.seg}"
        return f"{where}: {self.check}: {self.message}"


def _waived(note: str, word: str) -> bool:
    return bool(word) and word.lower() in note.lower()


def check_segment(
    de: str,
    en: str,
    note: str,
    persons: list[tuple[str, str]] = (),  # type: ignore[assignment]
    termbase: pd.DataFrame | None = None,
) -> list[tuple[str, str]]:
    """Problems of one aligned segment as (check, message); ``persons`` = (surface, name_en)."""
    problems: list[tuple[str, str]] = []
    de_numbers, en_numbers = numbers(de, "de"), numbers(en, "en")
    for value, count in de_numbers.items():
        if en_numbers[value] < count:
            shown = f"{value:g}"
            if not _waived(note, shown):
                problems.append(
                    ("number", f"German has {shown} ×{count}, English ×{en_numbers[value]}")
                )
    de_months, en_months = months(de, "de"), months(en, "en")
    for month, count in de_months.items():
        if en_months[month] < count:
            problems.append(
                ("number", f"German names month {month} ×{count}, English ×{en_months[month]}")
            )
    for surface, name_en in persons:
        if not names_person(en, name_en) and not _waived(note, surface):
            problems.append(("name", f"German names {surface!r}; English lacks {name_en!r}"))
    if termbase is not None:
        for row in termbase.itertuples(index=False):
            m = re.search(row.de, de)
            if m and not re.search(row.en, en, re.IGNORECASE) and not _waived(note, m.group(0)):
                problems.append(("term", f"{m.group(0)!r} should be rendered {row.en!r}"))
    de_open, de_close = de.count("„"), de.count("“")
    en_open, en_close = en.count("“"), en.count("”")
    if (de_open, de_close) != (en_open, en_close) and not _waived(note, "quotation mark"):
        problems.append(
            (
                "quotes",
                f"German opens/closes „“ {de_open}/{de_close}, English “” {en_open}/{en_close}",
            )
        )
    return problems


def _readings(source_id: str) -> dict[str, Reading]:
    from companion.parsers import parse_source
    from companion.passages import assign_ids

    doc = parse_source(source_id)
    return dict(zip(assign_ids(doc), (b.reading for b in doc.blocks), strict=True))


def _mention_surfaces(
    source_id: str, mentions: pd.DataFrame | None = None
) -> dict[str, list[tuple[int, int, str, str]]]:
    """Passage id -> (reading start, reading end, surface, name_en) of each mention."""
    from companion.persons import load_persons

    readings = _readings(source_id)
    names = dict(load_persons()[["person_id", "name_en"]].itertuples(index=False))
    if mentions is None:
        mentions = pd.read_csv(paths.DERIVED / "mentions.csv", dtype=str, keep_default_na=False)
    out: dict[str, list[tuple[int, int, str, str]]] = {}
    for row in mentions[mentions.source_id == source_id].itertuples(index=False):
        reading = readings[row.passage_id]
        a, b = reading.text_span(int(row.start), int(row.end))
        out.setdefault(row.passage_id, []).append((a, b, reading.text[a:b], names[row.person_id]))
    return out


def check_source(
    source_id: str,
    path: Path | None = None,
    passages: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
) -> list[Problem]:
    """Every problem of one source's translation file (see the module docstring).

    ``passages`` and ``mentions`` default to the committed derived tables; a
    derivation run passes the tables it has just made.
    """
    from companion.passages import load_passages

    path = path or translation_path(source_id)
    df = read_translation(source_id, path)
    if df.empty:
        return []
    passages = load_passages() if passages is None else passages.set_index("passage_id", drop=False)
    mentions = _mention_surfaces(source_id, mentions)
    termbase = load_termbase()
    problems: list[Problem] = []
    for pid, group in df.groupby("passage_id", sort=False):
        lines = [int(i) + 2 for i in group.index]
        if pid not in passages.index or passages.loc[pid, "source_id"] != source_id:
            problems.append(
                Problem(path, lines[0], pid, 0, "passage", f"no passage {pid} in {source_id}")
            )
            continue
        text = passages.loc[pid, "text"]
        problems += _coverage(path, pid, text, group, lines)
        for line, row in zip(lines, group.itertuples(index=False), strict=True):
            a, b = row.de_start, row.de_end
            if not 0 <= a < b <= len(text):
                continue
            persons = [(s, n) for (x, y, s, n) in mentions.get(pid, []) if a <= x and y <= b]
            for check, message in check_segment(text[a:b], row.en, row.note, persons, termbase):
                problems.append(Problem(path, line, pid, row.seg, check, message))
            if row.reviewed and row.reviewer == row.translator:
                problems.append(
                    Problem(path, line, pid, row.seg, "review", "reviewer is the translator")
                )
            if row.reviewed and not row.reviewer:
                problems.append(
                    Problem(path, line, pid, row.seg, "review", "verdict without a reviewer")
                )
    return problems


def _coverage(
    path: Path, pid: str, text: str, group: pd.DataFrame, lines: list[int]
) -> list[Problem]:
    problems = []
    segs = list(group.itertuples(index=False))
    if [s.seg for s in segs] != list(range(1, len(segs) + 1)):
        problems.append(
            Problem(
                path, lines[0], pid, 0, "coverage", "segments are not numbered 1, 2, … in order"
            )
        )
    pos = 0
    for line, s in zip(lines, segs, strict=True):
        if not 0 <= s.de_start < s.de_end <= len(text):
            problems.append(
                Problem(
                    path,
                    line,
                    pid,
                    s.seg,
                    "coverage",
                    f"span {s.de_start}-{s.de_end} outside text of length {len(text)}",
                )
            )
            return problems
        between = text[pos : s.de_start]
        if s.de_start < pos:
            problems.append(
                Problem(
                    path,
                    line,
                    pid,
                    s.seg,
                    "coverage",
                    f"overlaps the previous segment at {s.de_start}",
                )
            )
        elif between.strip():
            problems.append(
                Problem(
                    path, line, pid, s.seg, "coverage", f"gap before it: {between.strip()[:40]!r}"
                )
            )
        pos = s.de_end
    if text[pos:].strip():
        problems.append(
            Problem(
                path,
                lines[-1],
                pid,
                segs[-1].seg,
                "coverage",
                f"text after the last segment: {text[pos:].strip()[:40]!r}",
            )
        )
    return problems


def check_all(
    passages: pd.DataFrame | None = None, mentions: pd.DataFrame | None = None
) -> list[Problem]:
    """Every problem of every translation file."""
    return [p for sid in GERMAN_SOURCES for p in check_source(sid, None, passages, mentions)]


TABLE_COLUMNS = (
    "source_id",
    "passage_id",
    "seg",
    "de_start",
    "de_end",
    "raw_start",
    "raw_end",
    "de",
    "en",
    "note",
    "translator",
    "reviewer",
    "reviewed",
)


def translation_table(passages: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """All aligned segments with their German and raw offsets (``translation.csv``).

    Refuses (TranslationError) a translation that fails any check.
    """
    problems = check_all(passages, mentions)
    if problems:
        shown = "\n".join(map(str, problems[:40]))
        raise TranslationError(f"{len(problems)} translation problem(s):\n{shown}")
    text = passages.set_index("passage_id")["text"]
    rows = []
    for sid in GERMAN_SOURCES:
        df = read_translation(sid)
        if df.empty:
            continue
        readings = _readings(sid)
        for r in df.itertuples(index=False):
            raw_start, raw_end = readings[r.passage_id].raw_span(r.de_start, r.de_end)
            de = text[r.passage_id][r.de_start : r.de_end]
            rows.append(
                {
                    "source_id": sid,
                    **r._asdict(),
                    "raw_start": raw_start,
                    "raw_end": raw_end,
                    "de": de,
                }
            )
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))


def english_for(passage_id: str, start: int = 0, end: int | None = None) -> str | None:
    """The English of the segments overlapping reading-text ``[start, end)`` of a passage.

    None where the passage is not translated.
    """
    source_id = passage_id.split(":", 1)[0]
    table = _translations(source_id)
    group = table.get(passage_id)
    if not group:
        return None
    end = end if end is not None else group[-1][1]
    parts = [en for (a, b, en) in group if a < end and b > start]
    return " ".join(parts) if parts else None


@cache
def _translations(source_id: str) -> dict[str, list[tuple[int, int, str]]]:
    df = read_translation(source_id)
    out: dict[str, list[tuple[int, int, str]]] = {}
    for row in df.itertuples(index=False):
        out.setdefault(row.passage_id, []).append((row.de_start, row.de_end, row.en))
    return out
