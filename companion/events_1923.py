"""Cliff on 1923 (``cliff-1923``): strike and wage figures, endnote markers, the gap.

:func:`figures_table` (``cliff_figures.csv``) finds every number in a sentence
of the chapter that speaks of strikes or wages, with the verbatim sentence and
its passage id. Rules:

1. **Sentences.** A sentence is a *strike* sentence if it has ``strike``,
   ``struck`` or ``striking``; a *wage* sentence if it has ``wage`` or
   ``per cent``; a *union* sentence if it has ``organised in trade unions``
   (the engineers' union membership that the strike ballot rests on). Sentences
   are split as in :func:`companion.timeline.sentence_bounds`.
2. **Numbers.** Digits with comma thousands (``100,000``, ``9,800``) and the
   number words ``one`` … ``twelve`` (``six communists``, ``eleven striking
   Berlin enterprises``). Numbers that are part of a date expression (``On 11
   June``) are not figures.
3. **What is counted** (``counted``): the words after the number up to a verb,
   a preposition or punctuation (``100,000 miners and engineers``); ``N of the
   total of M engineers`` counts engineers for both N and M. The unit is
   ``marks`` or ``per cent`` where printed; in ``from 9,800 marks … to 12,000``
   the second figure takes the unit of the first.
4. **Qualifier**: ``more than``, ``a total of``, ``the total of`` before the
   number, kept as printed.
5. **Dates**: every date expression of the same sentence, as dated by the
   timeline (``companion.timeline``), so a figure is read with its dates
   (``On this date`` = 7 June 1923).

:func:`endnotes_table` (``cliff_endnotes.csv``) lists the numbered endnote
markers ``[n]`` from 1 to the highest: where each stands, and the numbers with
no marker in the text (``[3]``). The endnote texts themselves are not in the
file. :func:`gap_table` gives the blank run where the exchange-rate table is
missing, from the parser's record of it.
"""

from __future__ import annotations

import re

import pandas as pd

from companion.dates import find_dates
from companion.figures_finder import EN_UNITS
from companion.model import Document
from companion.passages import assign_ids
from companion.timeline import sentence_bounds

SOURCE_ID = "cliff-1923"
#: English number words up to twelve (the finder's list, shared)
NUMBER_WORDS = {w: n for w, n in EN_UNITS.items() if n <= 12}
KINDS = {
    "strike": re.compile(r"\bstrik\w*|\bstruck\b", re.IGNORECASE),
    "wage": re.compile(r"\bwages?\b|\bper cent\b", re.IGNORECASE),
    "union": re.compile(r"organised in trade unions", re.IGNORECASE),
}
_NUMBER = re.compile(
    r"(?<![\w,])(?P<num>\d{1,3}(?:,\d{3})+|\d+|" + "|".join(NUMBER_WORDS) + r")(?![\w,]\d)",
    re.IGNORECASE,
)
_STOP = {
    "were",
    "was",
    "in",
    "at",
    "on",
    "struck",
    "called",
    "took",
    "followed",
    "had",
    "have",
    "under",
    "which",
    "who",
    "of",
    "for",
    "to",
    "out",
    "higher",
    "and",
}
_WORD = re.compile(r"\s*([A-Za-z][\w-]*)")
_QUALIFIER = re.compile(r"(more than|a total of|the total of)\s+$", re.IGNORECASE)
_TOTAL_OF = re.compile(r"\s+of the total of\s+\d[\d,]*\s+([a-z]+)")
_UNIT = re.compile(r"\s+(marks|per cent)\b")

FIGURE_COLUMNS = [
    "figure_id",
    "kind",
    "value",
    "figure",
    "unit",
    "counted",
    "qualifier",
    "dates",
    "quote",
    "passage_id",
    "section",
    "text_start",
    "text_end",
    "raw_start",
    "raw_end",
]


def _value(token: str) -> int:
    return NUMBER_WORDS.get(token.lower()) or int(token.replace(",", ""))


def _counted(text: str, end: int) -> str:
    """Rule 3: the words after a number up to a stop word or punctuation."""
    words, pos = [], end
    while True:
        m = _WORD.match(text, pos)
        if not m or m.group(1).lower() in _STOP:
            break
        words.append(m.group(1))
        pos = m.end()
        if pos < len(text) and text[pos] in ",.;:)":
            break
    # "miners and engineers": keep "and" between two nouns of one phrase
    m = re.match(r"\s+and\s+([a-z]+)\b", text[pos:])
    if words and m and m.group(1) not in _STOP:
        words += ["and", m.group(1)]
    return " ".join(words)


def _unit_and_counted(text: str, start: int, end: int, sentence: str) -> tuple[str, str]:
    unit_m = _UNIT.match(text, end)
    if unit_m:
        return unit_m.group(1), ""
    before = text[max(0, start - 60) : start]
    if re.search(r"\bto\s+$", before) and re.search(r"from\s+[\d,]+\s+marks", sentence):
        return "marks", ""
    counted = _counted(text, end)
    if not counted:
        total = _TOTAL_OF.match(text, end)
        if total:
            counted = total.group(1)
    return "", counted


def figures_table(doc: Document, timeline: pd.DataFrame) -> pd.DataFrame:
    """``cliff_figures.csv`` (module docstring)."""
    if doc.source_id != SOURCE_ID:
        raise ValueError(f"figures are read from {SOURCE_ID!r}, not {doc.source_id!r}")
    rows = []
    for pid, block in zip(assign_ids(doc), doc.blocks, strict=True):
        if block.kind in ("heading", "footnote"):
            continue
        text = block.text
        dates = [(e.start, e.end) for e in find_dates(text, "en")]
        for a, b in sentence_bounds(text):
            sentence = text[a:b]
            kind = next((k for k, rx in KINDS.items() if rx.search(sentence)), None)
            if kind is None:
                continue
            for m in _NUMBER.finditer(text, a, b):
                if any(s <= m.start() < e for s, e in dates):
                    continue
                unit, counted = _unit_and_counted(text, m.start(), m.end(), sentence)
                qual = _QUALIFIER.search(text[max(a, m.start() - 20) : m.start()])
                raw_start, raw_end = block.reading.raw_span(m.start(), m.end())
                rows.append(
                    {
                        "kind": kind,
                        "value": _value(m.group("num")),
                        "figure": m.group("num"),
                        "unit": unit,
                        "counted": counted,
                        "qualifier": qual.group(1).lower() if qual else "",
                        "dates": _sentence_dates(timeline, pid, a, b),
                        "quote": sentence.strip(),
                        "passage_id": pid,
                        "section": block.section,
                        "text_start": m.start(),
                        "text_end": m.end(),
                        "raw_start": raw_start,
                        "raw_end": raw_end,
                    }
                )
    for k, r in enumerate(rows, start=1):
        r["figure_id"] = f"cf-{k:02d}"
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)


def _sentence_dates(timeline: pd.DataFrame, pid: str, a: int, b: int) -> str:
    """``expression = date`` for the dated expressions of one sentence (rule 5)."""
    hits = timeline[
        (timeline["passage_id"] == pid)
        & (timeline["text_start"] >= a)
        & (timeline["text_end"] <= b)
    ]
    parts = []
    for r in hits.itertuples():
        span = r.date_start if r.date_start == r.date_end else f"{r.date_start}/{r.date_end}"
        parts.append(f"{r.expression} = {span}")
    return "; ".join(parts)


ENDNOTE_COLUMNS = ["number", "status", "marker_passage_id", "passage_kind", "passage_opening"]


def endnotes_table(footnotes: pd.DataFrame, passages: pd.DataFrame) -> pd.DataFrame:
    """``cliff_endnotes.csv``: numbered markers [1]…[n], and the numbers missing."""
    refs = footnotes[
        (footnotes["source_id"] == SOURCE_ID) & footnotes["label"].astype(str).str.isdigit()
    ]
    by_number = {int(r.label): r.marker_passage_id for r in refs.itertuples()}
    if len(by_number) != len(refs):
        raise ValueError(f"{SOURCE_ID}: an endnote number occurs twice")
    texts = passages.set_index("passage_id")
    rows = []
    for n in range(1, max(by_number) + 1):
        pid = by_number.get(n, "")
        opening = ""
        kind = ""
        if pid:
            text = str(texts.loc[pid, "text"])
            opening = text if len(text) <= 90 else text[:90].rsplit(" ", 1)[0] + " …"
            kind = str(texts.loc[pid, "kind"])
        status = "marker in the text; note text absent" if pid else "no marker in the text"
        rows.append(
            {
                "number": n,
                "status": status,
                "marker_passage_id": pid,
                "passage_kind": kind,
                "passage_opening": opening,
            }
        )
    return pd.DataFrame(rows, columns=ENDNOTE_COLUMNS)


GAP_COLUMNS = ["passage_before", "blank_lines", "raw_start", "raw_end", "note"]


def gap_table(doc: Document) -> pd.DataFrame:
    """The blank runs where a table is missing (the parser's ``residue`` artefacts)."""
    ids = assign_ids(doc)
    rows = []
    for art in doc.artefacts:
        if art.kind != "residue" or "missing table" not in art.note:
            continue
        before = max(
            (i for i, b in enumerate(doc.blocks) if b.end <= art.start and b.kind != "footnote"),
            default=None,
        )
        if before is None:
            raise ValueError(f"{SOURCE_ID}: a gap before the first block")
        rows.append(
            {
                "passage_before": ids[before],
                "blank_lines": doc.raw.count("\n", art.start, art.end),
                "raw_start": art.start,
                "raw_end": art.end,
                "note": art.note,
            }
        )
    return pd.DataFrame(rows, columns=GAP_COLUMNS)


# --- views for the chapter (notebooks/cliff-1923.md) -------------------------------------

#: The year the chapter's title names (the timeline's ``chapter year`` rule).
CHAPTER_YEAR = 1923
#: Words of ``counted`` that make a strike figure a count of strikers.
STRIKERS = re.compile(r"workers|engineers|miners")


def dated_events(
    timeline: pd.DataFrame, passages: pd.DataFrame, year: int = CHAPTER_YEAR
) -> pd.DataFrame:
    """The chapter's timeline rows that date something in ``year`` more finely than the
    whole year (a day, a month, a season), in the order of the text, with
    ``section_title``: the heading of the chapter's section (level 2) they stand in."""
    own = timeline[timeline["source_id"] == SOURCE_ID]
    events = own[(own["date_start"].str[:4] == str(year)) & (own["precision"] != "year")].copy()
    chapter = passages[passages["source_id"] == SOURCE_ID]
    heads = chapter[(chapter["kind"] == "heading") & (chapter["level"].astype(str) == "2")]
    titles = dict(zip(heads["section"].astype(str), heads["text"], strict=True))
    events["section_title"] = events["section"].astype(str).map(titles)
    if events["section_title"].isna().any():
        raise ValueError(f"{SOURCE_ID}: a dated event outside the chapter's sections")
    return events


def sentence_dates(cell: str) -> list[tuple[str, str, str]]:
    """``dates`` of ``cliff_figures.csv`` read back: (expression, first day, last day)
    for each ``expression = date`` or ``expression = first/last``."""
    out = []
    for part in filter(None, (p.strip() for p in cell.split(";"))):
        expression, _, span = part.rpartition(" = ")
        first, _, last = span.partition("/")
        out.append((expression, first, last or first))
    return out


def striker_counts(figures: pd.DataFrame) -> pd.DataFrame:
    """The strike figures that count strikers (workers, engineers, miners), not
    enterprises or the members of a committee."""
    strike = figures[figures["kind"] == "strike"]
    return strike[strike["counted"].str.contains(STRIKERS)]


def gap_context(gap: pd.Series, passages: pd.DataFrame) -> dict[str, str]:
    """Where the missing table stands: the passage before the gap and the sentence in
    it that announces the table (its last sentence), the passage after the gap and
    its first sentence."""
    chapter = passages[passages["source_id"] == SOURCE_ID].reset_index(drop=True)
    ids = list(chapter["passage_id"])
    i = ids.index(gap["passage_before"])
    before, after = chapter.iloc[i], chapter.iloc[i + 1]
    return {
        "before": before["passage_id"],
        "announce": before["text"][before["text"].rfind(". ") + 2 :],
        "after": after["passage_id"],
        "after_opening": after["text"].split(". ")[0] + ".",
    }
