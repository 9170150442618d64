"""Repression figures with their provenance: candidates, curated decisions, derived tables.

Pipeline
--------
1. **Candidates.** :func:`source_candidates` parses a source
   (``companion.parsers.parse_source``), gives its blocks passage ids
   (``companion.passages.assign_ids``) and runs the finder of
   :mod:`companion.figures_finder` over the reading text of *every* block
   (headings, paragraphs, quotes, footnotes). Each candidate keeps its passage
   id, its reading-text span and its raw span (``Reading.raw_span``).

   * ``rogovin-emigrants``: every numeric statement (digits, number words,
     ranges, ratios, fractions, percentages, comparatives, vague counts and
     qualitative totals; dates are not quantities, see the finder's rules).
   * ``crimes-1937``: only statements that count people
     (:func:`companion.figures_finder.people_context`): a number or number word
     followed within four words by a person noun (Menschen, Personen, Mann,
     Angeklagte, Kommunisten, Oppositionelle, Trotzkisten, …, also in
     compounds such as Weißgardisten), or within six words after / four words
     before a word of repression (erschossen, verhaftet, verurteilt, verbannt,
     Erschießungen and the OCR form Erschließungen, …). German qualitative
     totals (``die Mehrzahl``, ``die meisten``, ``fast alle``, ``kein
     einziger``, ``sämtliche``, and ``alle`` before a noun and a verb of
     repression) are candidates only next to a word of repression; the bare
     quantifiers ``alle``, ``viele``, ``einige`` are not: the book is a
     polemic that uses them hundreds of times for anything.
     The look-ahead and look-behind windows run across passage boundaries, so
     the restriction does not depend on how the parser cuts paragraphs.

2. **Curated decisions** (``data/curated/figure_decisions.csv``), one row per
   candidate, keyed by ``source_id``, the candidate's exact ``surface`` and a
   short verbatim ``context`` that contains it (and/or an ``occurrence``
   number), never by passage id: passage ids change when a parser changes. A
   key that matches no candidate, or several, raises
   :class:`~companion.errors.CuratedTableError` naming the file, row and
   column; so does a candidate decided twice. ``decision`` is one of

   * ``figure``: the candidate anchors the figure ``figure_id``;
   * ``part_of``: the candidate belongs to the statement of ``figure_id``
     (e.g. the other half of a split statement);
   * ``repeat``: the text restates figure ``figure_id`` (same fact, same
     reporter), which is not tabulated twice;
   * ``not_figure``: not a repression figure, with ``reason_code`` and
     ``reason``.

   Context and quote matching *folds* both sides (whitespace runs, the quote
   mark variants „“”"‚‘’' and the dashes –—‑ compare equal), so a parser that
   changes the reading layer's typography does not orphan a decision.

3. **Curated figures** (``data/curated/figure_values.csv``): per ``figure_id``
   the normalised figure (group, country, measure, unit, values, qualifier,
   bound, base, period, reporter, quote, note).

4. **Derived tables**: :func:`candidates_table` (``figure_candidates.csv``,
   every candidate with its decision) and :func:`figures_table`
   (``repression_figures.csv``).

Honest values
-------------
``value_low``/``value_high`` never carry more precision than the words:
``about 600`` -> 600/600 ``about``; ``more than 1,000`` -> 1000/empty
``more_than``; ``almost 1,000`` -> empty/1000 ``at_most``; ``25,000 to
30,000`` -> 25000/30000 ``range``; ``Ten of 16`` -> 10/10 with ``base_value``
16 (``fraction``, unit persons); ``one third`` of a stated whole -> 1/1 with
``base_value`` 3, unit ``share`` and ``base_figure_id`` pointing at the whole;
``more than 70 percent`` -> 70/empty, unit ``percent``, bound ``more_than``;
``almost all`` -> empty values, ``qualitative``. Nothing is imputed: a share is
never multiplied out into persons.

Reporters
---------
``reported_by`` names who the text says reports the figure; ``report_kind``
says how (memorandum, memoir, letter, party congress, …, or ``author``).
Unless the author reports it, ``reporter_cue`` is a verbatim string of the text
that names the reporter. The cue is looked for first in the figure's own
sentence (``attribution = same_sentence``, also after a quotation: ``“…,”
reported Dietrich``), then backwards from the quote across earlier sentences
and passages (``carried_over``): a memorandum or letter quoted over several
lines keeps the reporter named in the line that introduces it (Rogovin L70 ->
L71). A cue that is not found raises an error naming the curated row.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from companion import paths
from companion.curated import fail, read_curated
from companion.figures_finder import NumericSpan, find_numeric, people_context
from companion.model import Block, Document
from companion.parsers import parse_source
from companion.passages import assign_ids

#: Sources searched for figures, with their language.
FIGURE_SOURCES: dict[str, str] = {"rogovin-emigrants": "en", "crimes-1937": "de"}
#: Sources whose candidates are restricted to statements that count people.
PEOPLE_RESTRICTED = frozenset({"crimes-1937"})

DECISIONS_CSV = paths.CURATED / "figure_decisions.csv"
VALUES_CSV = paths.CURATED / "figure_values.csv"

DECISIONS = ("figure", "part_of", "repeat", "not_figure")
REASON_CODES = {
    "date": "a date or a year",
    "name": "part of a name or title (Prozess der 16)",
    "time": "a duration or a point in time (years, months, days, hours)",
    "age": "a person's age",
    "sentence_term": "the length of a prison, camp or exile sentence",
    "things": "counts things (documents, pages, articles, lists, organisations, nations)",
    "not_repression": "counts people, but not victims or targets of the terror",
    "individual": "the fate of named individuals, not a count",
    "rhetorical": "a figure of speech, a hypothesis or a counterfactual, not a count",
    "indefinite": "an indefinite word that counts nothing here",
}
MEASURES = {
    "living_in_ussr": "living (as emigrants) in the USSR",
    "members": "size of a body or group (the base of a share)",
    "repressed": "repression of any kind, or the text does not say which",
    "persecuted": "persecuted",
    "charged": "charged (the accusation, not its outcome)",
    "arrested": "arrested",
    "imprisoned": "held in prisons or camps",
    "tortured": "subjected to physical coercion",
    "tried": "put on trial",
    "sentenced": "sentenced",
    "exiled": "exiled, banished",
    "expelled": "expelled from the party",
    "executed": "shot, executed (erschossen)",
    "killed": "killed",
    "perished": "perished, died in prisons and camps",
    "disappeared": "disappeared",
    "suicide": "committed suicide",
    "awaiting_execution": "awaiting execution",
    "suspected": "under suspicion, indirectly accused",
    "released": "released",
    "remaining": "remaining at liberty or alive",
    "survived": "survived",
}
UNITS = ("persons", "percent", "share")
QUALIFIERS = (
    "exact",
    "about",
    "at_least",
    "more_than",
    "at_most",
    "less_than",
    "range",
    "fraction",
    "percent",
    "qualitative",
)
BOUNDS = ("exact", "about", "at_least", "more_than", "at_most", "less_than", "range", "")
REPORT_KINDS = (
    "author",  # the author of the source states it
    "belief",  # the text gives it as someone's belief
    "account",  # a written account whose genre the text does not state
    "memorandum",
    "letter",
    "memoir",
    "remark",  # an oral remark the text reports
    "party_congress",
    "plenum_speech",
    "official_report",  # official documents, TASS, published data
    "newspaper",
    "periodical",
    "telegram",
    "broadcast",
)

FIGURE_COLUMNS = [
    "figure_id",
    "source_id",
    "passage_id",
    "group",
    "country",
    "measure",
    "unit",
    "value_low",
    "value_high",
    "base_value",
    "qualifier",
    "bound",
    "base_figure_id",
    "period",
    "reported_by",
    "report_kind",
    "attribution",
    "attribution_passage_id",
    "attribution_cue",
    "quote",
    "start",
    "end",
    "candidate_ids",
    "note",
]
CANDIDATE_COLUMNS = [
    "candidate_id",
    "source_id",
    "passage_id",
    "start",
    "end",
    "surface",
    "form",
    "decision",
    "figure_id",
    "reason_code",
    "reason",
]

# ------------------------------------------------------------------ folding


_FOLD = str.maketrans({c: '"' for c in "„“”\"‚‘’'«»‹›"} | {c: "-" for c in "–—‑‒"})


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` with whitespace runs collapsed and quote marks and dashes unified,
    and for each folded character the index of the original character."""
    chars: list[str] = []
    index: list[int] = []
    for i, c in enumerate(text):
        if c == "\u00ad":
            continue
        if c.isspace():
            if chars and chars[-1] == " ":
                continue
            chars.append(" ")
        else:
            chars.append(c.translate(_FOLD))
        index.append(i)
    return "".join(chars), index


def fold_key(text: str) -> str:
    return fold(text)[0].strip()


def fold_find_all(haystack: str, needle: str) -> list[tuple[int, int]]:
    """Spans of ``haystack`` (original indices) whose folded text equals folded ``needle``."""
    folded, index = fold(haystack)
    key = fold_key(needle)
    spans = []
    if not key:
        return spans
    for m in re.finditer(re.escape(key), folded):
        start = index[m.start()]
        end = index[m.end() - 1] + 1
        spans.append((start, end))
    return spans


# ------------------------------------------------------------------ sources


@dataclass
class SourceText:
    """A parsed source with passage ids and a flow text joining all passages."""

    source_id: str
    doc: Document
    ids: list[str]
    flow: str  # reading texts joined by "\n"
    offsets: list[int]  # flow offset of each block's reading text

    def block_at(self, flow_pos: int) -> int:
        """Index of the block whose reading text holds flow position ``flow_pos``."""
        lo, hi = 0, len(self.offsets) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.offsets[mid] <= flow_pos:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def block(self, i: int) -> Block:
        return self.doc.blocks[i]


@cache
def source_text(source_id: str) -> SourceText:
    doc = parse_source(source_id)
    ids = assign_ids(doc)
    offsets, pos = [], 0
    for block in doc.blocks:
        offsets.append(pos)
        pos += len(block.text) + 1
    flow = "\n".join(b.text for b in doc.blocks)
    return SourceText(source_id, doc, ids, flow, offsets)


# ------------------------------------------------------------------ candidates


@dataclass(frozen=True)
class Candidate:
    """A numeric statement in one passage of a source."""

    source_id: str
    passage_id: str
    block_index: int
    reading_start: int  # span in the passage's reading text
    reading_end: int
    start: int  # raw span in the source file
    end: int
    surface: str
    form: str
    low: float | None
    high: float | None
    base: float | None
    bound: str
    flow_start: int  # span in SourceText.flow
    flow_end: int

    @property
    def candidate_id(self) -> str:
        """Stable across parser rewrites: the raw offset never changes."""
        return f"{self.source_id}@{self.start}"


def source_candidates(source_id: str) -> list[Candidate]:
    """Every candidate of one source, in passage order."""
    return list(_source_candidates(source_id))


@cache
def _source_candidates(source_id: str) -> tuple[Candidate, ...]:
    if source_id not in FIGURE_SOURCES:
        raise KeyError(f"no figure search for source {source_id!r}")
    st = source_text(source_id)
    out: list[Candidate] = []
    for i, block in enumerate(st.doc.blocks):
        lang = block.lang if block.lang in ("en", "de") else FIGURE_SOURCES[source_id]
        for span in find_numeric(block.text, lang):
            if source_id in PEOPLE_RESTRICTED and not _counts_people(st, i, span, lang):
                continue
            out.append(_candidate(st, i, span))
    return tuple(out)


def _counts_people(st: SourceText, i: int, span: NumericSpan, lang: str) -> bool:
    shift = st.offsets[i]
    lo, hi = max(0, shift + span.start - 400), shift + span.end + 400
    window = st.flow[lo:hi]
    moved = NumericSpan(span.start + shift - lo, span.end + shift - lo, span.surface, span.form)
    return people_context(window, moved, lang)


def _candidate(st: SourceText, i: int, span: NumericSpan) -> Candidate:
    block = st.block(i)
    start, end = block.reading.raw_span(span.start, span.end)
    return Candidate(
        source_id=st.source_id,
        passage_id=st.ids[i],
        block_index=i,
        reading_start=span.start,
        reading_end=span.end,
        start=start,
        end=end,
        surface=span.surface,
        form=span.form,
        low=span.low,
        high=span.high,
        base=span.base,
        bound=span.bound,
        flow_start=st.offsets[i] + span.start,
        flow_end=st.offsets[i] + span.end,
    )


def all_candidates() -> list[Candidate]:
    return [c for sid in FIGURE_SOURCES for c in source_candidates(sid)]


# ------------------------------------------------------------------ curated schemas

_EMPTY_OR_NUMBER = r"^(?:\d+(?:\.\d+)?)?$"
_NONEMPTY = pa.Check.str_length(min_value=1)


def _str(*checks: pa.Check, required: bool = False) -> pa.Column:
    all_checks = [*checks, _NONEMPTY] if required else list(checks)
    return pa.Column(str, checks=all_checks, nullable=False)


DECISIONS_SCHEMA = pa.DataFrameSchema(
    {
        "source_id": _str(pa.Check.isin(list(FIGURE_SOURCES))),
        "surface": _str(required=True),
        "context": _str(),
        "occurrence": _str(pa.Check.str_matches(r"^(?:[1-9]\d*)?$")),
        "decision": _str(pa.Check.isin(list(DECISIONS))),
        "figure_id": _str(pa.Check.str_matches(r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$")),
        "reason_code": _str(pa.Check.isin(["", *REASON_CODES])),
        "reason": _str(),
    },
    strict=True,
    ordered=True,
)

VALUES_SCHEMA = pa.DataFrameSchema(
    {
        "figure_id": _str(pa.Check.str_matches(r"^[a-z0-9]+(?:-[a-z0-9]+)*$"), required=True),
        "source_id": _str(pa.Check.isin(list(FIGURE_SOURCES))),
        "group": _str(required=True),
        "country": _str(required=True),
        "measure": _str(pa.Check.isin(list(MEASURES))),
        "unit": _str(pa.Check.isin(list(UNITS))),
        "value_low": _str(pa.Check.str_matches(_EMPTY_OR_NUMBER)),
        "value_high": _str(pa.Check.str_matches(_EMPTY_OR_NUMBER)),
        "base_value": _str(pa.Check.str_matches(_EMPTY_OR_NUMBER)),
        "qualifier": _str(pa.Check.isin(list(QUALIFIERS))),
        "bound": _str(pa.Check.isin(list(BOUNDS))),
        "base_figure_id": _str(pa.Check.str_matches(r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$")),
        "period": _str(),
        "reported_by": _str(required=True),
        "report_kind": _str(pa.Check.isin(list(REPORT_KINDS))),
        "reporter_cue": _str(),
        "quote": _str(required=True),
        "note": _str(),
    },
    strict=True,
    ordered=True,
    unique=["figure_id"],
)


def load_decisions(path: Path | None = None) -> pd.DataFrame:
    """The curated decisions, validated (schema and per-row rules)."""
    path = path or DECISIONS_CSV
    df = read_curated(path, DECISIONS_SCHEMA)
    for i, row in df.iterrows():
        _check_decision_row(path, int(i), row)
    return df


def _check_decision_row(path: Path, i: int, row: pd.Series) -> None:
    if not row["context"] and not row["occurrence"]:
        raise fail(path, i, "context", "give a context string or an occurrence number")
    if row["context"] and fold_key(row["surface"]) not in fold_key(row["context"]):
        raise fail(path, i, "context", f"context does not contain the surface {row['surface']!r}")
    if row["decision"] == "not_figure":
        if not row["reason_code"] or not row["reason"]:
            raise fail(path, i, "reason", "a not_figure decision needs reason_code and reason")
        if row["figure_id"]:
            raise fail(path, i, "figure_id", "a not_figure decision takes no figure_id")
    else:
        if not row["figure_id"]:
            raise fail(path, i, "figure_id", f"a {row['decision']} decision needs a figure_id")
        if row["reason_code"]:
            raise fail(path, i, "reason_code", f"a {row['decision']} decision takes no reason")


def load_values(path: Path | None = None) -> pd.DataFrame:
    """The curated figures, validated (schema, value/qualifier consistency, bases)."""
    path = path or VALUES_CSV
    df = read_curated(path, VALUES_SCHEMA)
    ids = set(df["figure_id"])
    for i, row in df.iterrows():
        problem = value_problem(row)
        if problem:
            raise fail(path, int(i), problem[0], problem[1])
        if row["base_figure_id"] and row["base_figure_id"] not in ids:
            raise fail(path, int(i), "base_figure_id", f"no figure {row['base_figure_id']!r}")
        if row["report_kind"] != "author" and not row["reporter_cue"]:
            raise fail(path, int(i), "reporter_cue", "name the reporter with a verbatim cue")
    return df


def value_problem(row: pd.Series | dict) -> tuple[str, str] | None:
    """(column, problem) if a figure's values contradict its qualifier, else None."""
    low, high, base = (_num(row[c]) for c in ("value_low", "value_high", "base_value"))
    q, bound, unit = row["qualifier"], row["bound"], row["unit"]
    if q == "qualitative":
        if low is not None or high is not None or bound:
            return "value_low", "a qualitative figure has no values and no bound"
        return None
    if q in ("fraction", "percent"):
        if q == "percent" and unit != "percent":
            return "unit", "a percent figure has unit 'percent'"
        if q == "fraction" and base is None and not row["base_figure_id"]:
            return "base_value", "a fraction needs base_value or base_figure_id"
        return _bound_problem(bound, low, high)
    if bound != q:
        return "bound", f"bound {bound!r} must repeat qualifier {q!r}"
    if unit != "persons":
        return "unit", f"a {q} figure counts persons"
    return _bound_problem(q, low, high)


def _bound_problem(bound: str, low: float | None, high: float | None) -> tuple[str, str] | None:
    if bound in ("exact", "about") and (low is None or low != high):
        return "value_high", f"{bound}: value_low and value_high must be equal"
    if bound in ("at_least", "more_than") and (low is None or high is not None):
        return "value_high", f"{bound}: value_low is given, value_high stays empty"
    if bound in ("at_most", "less_than") and (high is None or low is not None):
        return "value_low", f"{bound}: value_high is given, value_low stays empty"
    if bound == "range" and (low is None or high is None or not low < high):
        return "value_high", "range: value_low < value_high"
    if not bound:
        return "bound", "a numeric figure needs a bound"
    return None


def _num(value: str) -> float | None:
    return float(value) if value not in ("", None) else None


# ------------------------------------------------------------------ resolution


@dataclass
class Resolution:
    """Curated decisions joined to the candidates they key."""

    decided: dict[str, tuple[int, pd.Series]] = field(default_factory=dict)  # cand id -> row
    undecided: list[Candidate] = field(default_factory=list)


def resolve(
    decisions: pd.DataFrame,
    candidates: list[Candidate],
    path: Path | None = None,
) -> Resolution:
    """Map every curated row to exactly one candidate; list candidates left undecided."""
    path = path or DECISIONS_CSV
    by_surface: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for c in candidates:
        by_surface[(c.source_id, fold_key(c.surface))].append(c)
    res = Resolution()
    owner: dict[str, int] = {}
    for i, row in decisions.iterrows():
        c = _match_row(path, int(i), row, by_surface[(row["source_id"], fold_key(row["surface"]))])
        if c.candidate_id in owner:
            raise fail(
                path,
                int(i),
                "context",
                f"candidate {c.candidate_id} {c.surface!r} is already decided by row "
                f"{owner[c.candidate_id] + 2}",
            )
        owner[c.candidate_id] = int(i)
        res.decided[c.candidate_id] = (int(i), row)
    res.undecided = [c for c in candidates if c.candidate_id not in res.decided]
    return res


def _match_row(path: Path, i: int, row: pd.Series, pool: list[Candidate]) -> Candidate:
    where = f"{row['source_id']} {row['surface']!r}"
    if not pool:
        raise fail(path, i, "surface", f"{where}: no candidate has this surface")
    matches = pool
    if row["context"]:
        st = source_text(row["source_id"])
        spans = _context_spans(st, pool, row["context"])
        matches = [c for c in pool if any(a <= c.flow_start and c.flow_end <= b for a, b in spans)]
        if not matches:
            raise fail(path, i, "context", f"{where}: context {row['context']!r} matches nothing")
    if row["occurrence"]:
        n = int(row["occurrence"])
        if n > len(matches):
            raise fail(path, i, "occurrence", f"{where}: only {len(matches)} occurrence(s)")
        return matches[n - 1]
    if len(matches) > 1:
        places = ", ".join(c.candidate_id for c in matches[:5])
        raise fail(
            path, i, "context", f"{where}: ambiguous, {len(matches)} candidates match ({places})"
        )
    return matches[0]


def _context_spans(st: SourceText, pool: list[Candidate], context: str) -> list[tuple[int, int]]:
    """Flow spans where ``context`` occurs near the pool's candidates."""
    spans: list[tuple[int, int]] = []
    seen: set[int] = set()
    for c in pool:
        lo = max(0, c.flow_start - len(context) - 200)
        if lo in seen:
            continue
        seen.add(lo)
        hi = c.flow_end + len(context) + 200
        spans += [(lo + a, lo + b) for a, b in fold_find_all(st.flow[lo:hi], context)]
    return sorted(set(spans))


# ------------------------------------------------------------------ tables


@dataclass(frozen=True)
class Curated:
    decisions: pd.DataFrame
    values: pd.DataFrame
    resolution: Resolution
    candidates: tuple[Candidate, ...]


@cache
def curated() -> Curated:
    """Load, validate and resolve the curated files against fresh candidates."""
    return _curated(DECISIONS_CSV, VALUES_CSV)


def _curated(decisions_path: Path, values_path: Path) -> Curated:
    decisions = load_decisions(decisions_path)
    values = load_values(values_path)
    candidates = tuple(all_candidates())
    resolution = resolve(decisions, list(candidates), decisions_path)
    _check_links(decisions_path, values_path, decisions, values, resolution)
    return Curated(decisions, values, resolution, candidates)


def _check_links(
    dpath: Path, vpath: Path, decisions: pd.DataFrame, values: pd.DataFrame, res: Resolution
) -> None:
    known = dict(zip(values["figure_id"], values["source_id"], strict=True))
    anchors = Counter(decisions.loc[decisions["decision"] == "figure", "figure_id"])
    for i, row in decisions.iterrows():
        fid = row["figure_id"]
        if fid and fid not in known:
            raise fail(dpath, int(i), "figure_id", f"no figure {fid!r} in {vpath}")
        if fid and known[fid] != row["source_id"]:
            raise fail(dpath, int(i), "source_id", f"figure {fid!r} is from {known[fid]}")
    for i, fid in values["figure_id"].items():
        if anchors[fid] != 1:
            raise fail(
                vpath,
                int(i),
                "figure_id",
                f"needs exactly one 'figure' decision in {dpath}, has {anchors[fid]}",
            )


def candidates_table() -> pd.DataFrame:
    """``figure_candidates.csv``: every candidate with its curated decision."""
    cur = curated()
    rows = []
    for c in cur.candidates:
        entry = cur.resolution.decided.get(c.candidate_id)
        row = entry[1] if entry else None
        rows.append(
            {
                "candidate_id": c.candidate_id,
                "source_id": c.source_id,
                "passage_id": c.passage_id,
                "start": c.start,
                "end": c.end,
                "surface": c.surface,
                "form": c.form,
                "decision": row["decision"] if row is not None else "undecided",
                "figure_id": row["figure_id"] if row is not None else "",
                "reason_code": row["reason_code"] if row is not None else "",
                "reason": row["reason"] if row is not None else "",
            }
        )
    return pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)


def undecided_candidates() -> list[Candidate]:
    return list(curated().resolution.undecided)


def figures_table() -> pd.DataFrame:
    """``repression_figures.csv``: one row per curated figure, located in the text."""
    cur = curated()
    by_id = {c.candidate_id: c for c in cur.candidates}
    members: dict[str, list[Candidate]] = defaultdict(list)
    anchor: dict[str, Candidate] = {}
    for cid, (_, row) in cur.resolution.decided.items():
        if row["decision"] in ("figure", "part_of"):
            members[row["figure_id"]].append(by_id[cid])
        if row["decision"] == "figure":
            anchor[row["figure_id"]] = by_id[cid]
    rows = [
        _figure_row(int(i), v, anchor[v["figure_id"]], members[v["figure_id"]])
        for i, v in cur.values.iterrows()
    ]
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)


def _figure_row(i: int, v: pd.Series, c: Candidate, parts: list[Candidate]) -> dict:
    st = source_text(c.source_id)
    block = st.block(c.block_index)
    q_start, q_end = _locate_quote(i, v, block.text, c)
    for part in parts:
        if part.block_index != c.block_index or not (
            q_start <= part.reading_start and part.reading_end <= q_end
        ):
            raise fail(VALUES_CSV, i, "quote", f"does not cover candidate {part.candidate_id}")
    raw_start, raw_end = block.reading.raw_span(q_start, q_end)
    flow_q = (st.offsets[c.block_index] + q_start, st.offsets[c.block_index] + q_end)
    attribution, cue_pid, cue = _attribution(i, v, st, flow_q)
    return {
        **{k: v[k] for k in ("figure_id", "source_id", "group", "country", "measure", "unit")},
        "passage_id": c.passage_id,
        **{k: v[k] for k in ("value_low", "value_high", "base_value", "qualifier", "bound")},
        **{k: v[k] for k in ("base_figure_id", "period", "reported_by", "report_kind")},
        "attribution": attribution,
        "attribution_passage_id": cue_pid,
        "attribution_cue": cue,
        "quote": block.text[q_start:q_end],
        "start": raw_start,
        "end": raw_end,
        "candidate_ids": " ".join(p.candidate_id for p in sorted(parts, key=lambda p: p.start)),
        "note": v["note"],
    }


def _locate_quote(i: int, v: pd.Series, text: str, c: Candidate) -> tuple[int, int]:
    spans = [
        (a, b)
        for a, b in fold_find_all(text, v["quote"])
        if a <= c.reading_start and c.reading_end <= b
    ]
    if len(spans) != 1:
        found = "not found around" if not spans else "ambiguous around"
        raise fail(VALUES_CSV, i, "quote", f"{found} candidate {c.candidate_id} {c.surface!r}")
    return spans[0]


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”“’»]?\s+(?=[\"„“‘«(\[]?[A-ZÄÖÜ0-9])|\n")
_NOT_AN_END = re.compile(
    r"(?:\b[A-ZÄÖÜ]|\b(?:Nr|St|Dr|Prof|vgl|usw|bzw|ca|Gen|Art|S|i\.e|e\.g))\.$"
)


def _sentence_ends(flow: str, lo: int, hi: int) -> list[re.Match[str]]:
    """Sentence ends in ``flow[lo:hi]``; an initial (``L. Trepper``) or abbreviation is none."""
    return [
        m
        for m in _SENTENCE_END.finditer(flow, lo, min(len(flow), hi))
        if m.group() == "\n" or not _NOT_AN_END.search(flow, max(0, m.start() - 8), m.start())
    ]


def _sentence_bounds(flow: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences) of ``flow`` around ``[start, end)``."""
    before = [m for m in _sentence_ends(flow, max(0, start - 3000), start + 4) if m.end() <= start]
    lo = before[-1].end() if before else 0
    after = _sentence_ends(flow, end, min(len(flow), end + 3000))
    hi = after[0].start() if after else len(flow)
    return lo, hi


def _attribution(i: int, v: pd.Series, st: SourceText, quote: tuple[int, int]) -> tuple:
    """(attribution, passage id of the cue, cue) for a figure; see the module docstring."""
    if v["report_kind"] == "author" and not v["reporter_cue"]:
        return "author", "", ""
    cue = v["reporter_cue"]
    s_lo, s_hi = _sentence_bounds(st.flow, *quote)
    window_lo = max(0, quote[0] - 3000)
    spans = [(window_lo + a, window_lo + b) for a, b in fold_find_all(st.flow[window_lo:s_hi], cue)]
    same = [s for s in spans if s[1] > s_lo and s[0] < s_hi]
    before = [s for s in spans if s[1] <= s_lo]
    if same:
        span, kind = same[0], "same_sentence"
    elif before:
        span, kind = before[-1], "carried_over"
    else:
        raise fail(
            VALUES_CSV, i, "reporter_cue", f"{cue!r} not found in the quote's sentence or before it"
        )
    return kind, st.ids[st.block_at(span[0])], st.flow[span[0] : span[1]]


# ------------------------------------------------------------------ checks for tests


def raw_segments(block: Block, start: int, end: int) -> list[tuple[int, int]]:
    """The block's raw segments clipped to ``[start, end)``."""
    out = []
    for a, b in block.segments:
        lo, hi = max(a, start), min(b, end)
        if lo < hi:
            out.append((lo, hi))
    return out


# ------------------------------------------------------------------ for notebooks


def load_figures(path: Path | None = None) -> pd.DataFrame:
    """The committed ``repression_figures.csv`` with numeric value columns (NaN = not given)."""
    df = pd.read_csv(
        path or paths.DERIVED / "repression_figures.csv", dtype=str, keep_default_na=False
    )
    for column in ("value_low", "value_high", "base_value"):
        df[column] = pd.to_numeric(df[column].replace("", None))
    return df


def load_candidates(path: Path | None = None) -> pd.DataFrame:
    """The committed ``figure_candidates.csv`` (every candidate with its decision)."""
    return pd.read_csv(
        path or paths.DERIVED / "figure_candidates.csv", dtype=str, keep_default_na=False
    )
