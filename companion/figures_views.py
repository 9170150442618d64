"""Chart-ready views of the repression figures (chapter "The emigrant communities").

Every function takes the committed tables (:func:`companion.figures.load_figures`,
:func:`companion.figures.load_candidates`) and returns a new table for one chart
or one display table, so that the chapter only loads, shows and explains;
:func:`value_chart` and :func:`share_chart` draw those tables (with
:func:`describe_marks` and :func:`describe_shares` as their text alternatives).
The HTML table helper is :func:`companion.views.table_html` (``table_html`` here
is the same function, kept for the pages that import it from this module).

The views keep the honesty rules of :mod:`companion.figures`:

* nothing is added up across rows and no share is multiplied out into persons;
  the only arithmetic is the proportion ``k / n`` of a fraction the text states
  with both numbers (``Ten of 16``), or ``percent / 100``;
* a figure is drawn where its words put it: an exact count as a point, a range as
  an interval, ``at least`` / ``more than`` as a ray that runs open to the edge of
  the axis, ``about`` as an approximate mark; ``stated`` repeats the figure in the
  text's terms (``≥ 242``, ``> 3,000``, ``≈ 25,000–30,000``, ``10 of 16``);
* every row keeps its verbatim ``quote``, ``passage_id`` and ``reported_by``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import altair as alt
import pandas as pd

from companion.figures import MEASURES, REASON_CODES
from companion.views import number as fmt
from companion.views import table_html as table_html  # moved to companion.views

#: Measures that count the dead (a k-of-n share of them is a body destroyed).
DEATH_MEASURES = frozenset({"killed", "executed", "perished"})
#: Measures that do not count victims: the size of a group, or those left.
NOT_REPRESSION = frozenset({"living_in_ussr", "members", "remaining", "survived", "released"})
#: Words that make a number approximate when they open the figure's words.
APPROXIMATION_WORDS = (
    "about",
    "approximately",
    "around",
    "roughly",
    "circa",
    "ca.",
    "etwa",
    "ungefähr",
    "rund",
)
QUALIFIER_TEXT = {
    "exact": "as stated",
    "about": "about",
    "at_least": "at least",
    "more_than": "more than",
    "at_most": "at most",
    "less_than": "less than",
    "range": "a range",
    "fraction": "k of n",
    "percent": "a percentage",
    "qualitative": "in words only",
}
REPORT_KIND_TEXT = {
    "author": "the author",
    "belief": "a belief",
    "account": "an account",
    "memorandum": "a memorandum",
    "letter": "a letter",
    "memoir": "a memoir",
    "remark": "an oral remark",
    "party_congress": "a party congress",
    "plenum_speech": "a plenum speech",
    "official_report": "an official report",
    "newspaper": "a newspaper",
    "periodical": "a periodical",
    "telegram": "a telegram",
    "broadcast": "a broadcast",
}
ATTRIBUTION_TEXT = {
    "author": "the author's own statement",
    "same_sentence": "reporter named in the same sentence",
    "carried_over": "reporter named earlier, carried over",
}
_SIGN = {"about": "≈ ", "at_least": "≥ ", "more_than": "> ", "at_most": "≤ ", "less_than": "< "}
_OPEN_RIGHT = frozenset({"at_least", "more_than"})
_OPEN_LEFT = frozenset({"at_most", "less_than"})

MARK_COLUMNS = [
    "figure_id",
    "source_id",
    "passage_id",
    "order",
    "country",
    "group",
    "row_label",
    "measure",
    "measure_label",
    "qualifier",
    "qualifier_text",
    "bound",
    "approximate",
    "mark",
    "value_low",
    "value_high",
    "x",
    "x2",
    "axis_min",
    "axis_max",
    "stated",
    "period",
    "reported_by",
    "report_kind",
    "report_kind_text",
    "attribution",
    "quote",
    "note",
]
REPORTER_COLUMNS = [
    "figure_id",
    "source_id",
    "passage_id",
    "reported_by",
    "report_kind",
    "attribution",
    "attribution_passage_id",
    "attribution_cue",
    "stated",
    "uncertainty",
]
SHARE_COLUMNS = [
    "figure_id",
    "source_id",
    "passage_id",
    "country",
    "group",
    "row_label",
    "measure",
    "panel",
    "qualifier",
    "bound",
    "open_end",
    "numerator",
    "denominator",
    "proportion",
    "stated",
    "base_figure_id",
    "base_stated",
    "count_label",
    "reported_by",
    "report_kind",
    "attribution",
    "quote",
    "note",
]


# ------------------------------------------------------------------ wording


def measure_label(measure: str) -> str:
    """``living_in_ussr`` -> ``living in the USSR``: the measure as a column label."""
    return {"living_in_ussr": "living in the USSR", "awaiting_execution": "awaiting execution"}.get(
        measure, measure.replace("_", " ")
    )


def anchor_surfaces(candidates: pd.DataFrame) -> dict[str, str]:
    """figure_id -> the words of the candidate that anchors the figure."""
    anchors = candidates[candidates["decision"] == "figure"]
    return dict(zip(anchors["figure_id"], anchors["surface"], strict=True))


def _approximate_flags(df: pd.DataFrame, surfaces: dict[str, str]) -> list[bool]:
    return [
        is_approximate(q, surfaces.get(f, ""))
        for q, f in zip(df["qualifier"], df["figure_id"], strict=True)
    ]


def is_approximate(qualifier: str, surface: str) -> bool:
    """True for an ``about`` figure, and for a range or count whose words open with
    an approximation (``about 25,000 to 30,000``: the qualifier says ``range``)."""
    if qualifier == "about":
        return True
    first = surface.strip().split(" ", 1)[0].lower() if surface.strip() else ""
    return first in APPROXIMATION_WORDS


def stated(row: pd.Series | dict, approximate: bool = False) -> str:
    """The figure in the text's terms: ``800``, ``≥ 242``, ``≈ 25,000–30,000``, ``10 of 16``."""
    low, high, base = row["value_low"], row["value_high"], row["base_value"]
    qualifier, bound, unit = row["qualifier"], row["bound"], row["unit"]
    if qualifier == "qualitative":
        return "in words only"
    approx = "≈ " if approximate and bound != "about" else ""
    if unit == "percent":
        value = low if not _missing(low) else high
        return f"{approx}{_SIGN.get(bound, '')}{fmt(value)} %"
    if unit == "share":
        return f"{approx}{fmt(low)} in {fmt(base)}"
    if bound == "range":
        return f"{approx}{fmt(low)}–{fmt(high)}"
    value = low if not _missing(low) else high
    text = f"{approx}{_SIGN.get(bound, '')}{fmt(value)}"
    if qualifier == "fraction" and not _missing(base):
        text += f" of {fmt(base)}"
    return text


def with_numeric_values(figures: pd.DataFrame) -> pd.DataFrame:
    """``figures_table()`` as :func:`companion.figures.load_figures` reads it back:
    text cells, value columns numeric (NaN where the text gives no number)."""
    df = figures.map(lambda v: "" if _missing(v) else str(v)).astype(str)
    for column in ("value_low", "value_high", "base_value"):
        df[column] = pd.to_numeric(df[column].replace("", None))
    return df


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _order(figures: pd.DataFrame) -> pd.Series:
    return pd.to_numeric(figures["start"]).astype(int)


def _unique_labels(df: pd.DataFrame, by: list[str]) -> pd.Series:
    """The group as a row label, with the figure id added where two rows of the
    same panel would share a label."""
    labels = df["group"]
    dup = df.duplicated(subset=[*by, "group"], keep=False)
    return labels.where(~dup, labels + " [" + df["figure_id"] + "]")


# ------------------------------------------------------------------ marks on a value axis


def axis_domain(values: Iterable[float], scale: str = "log") -> tuple[float, float]:
    """An axis range that holds ``values`` with room for the rays of open bounds.

    ``log``: from the largest round number (1, 2 or 5 times a power of ten) below
    the smallest value to the smallest round number above 1.5 times the largest.
    ``linear``: from 0 to the next round step above 1.25 times the largest value.
    """
    vals = [float(v) for v in values if not _missing(v)]
    if not vals or min(vals) <= 0:
        raise ValueError("no positive values to draw")
    if scale == "log":
        lo, hi = min(vals), max(vals) * 1.5
        rounds = [m * 10.0**k for k in range(-3, 12) for m in (1, 2, 5)]
        return max(r for r in rounds if r < lo), min(r for r in rounds if r > hi)
    if scale != "linear":
        raise ValueError(f"unknown scale {scale!r}")
    top = max(vals) * 1.25
    step = 10 ** math.floor(math.log10(top))
    return 0.0, float(math.ceil(top / step) * step)


def figure_marks(
    figures: pd.DataFrame,
    candidates: pd.DataFrame,
    source_id: str | None = None,
    period: str | None = None,
    scale: str = "log",
) -> pd.DataFrame:
    """One row per figure that counts persons with a number, ready to draw.

    ``mark`` says how: ``point`` (exact or about, and the k of a fraction),
    ``range`` (an interval from ``x`` to ``x2``), ``ray_right`` (at least / more
    than: from ``x`` open to ``axis_max``) or ``ray_left`` (at most / less than:
    from ``axis_min`` to ``x``). ``approximate`` marks an ``about`` figure or
    range. Shares and percentages are not here (see :func:`shares_table`);
    qualitative figures neither (see :func:`qualitative_table`).
    """
    df = figures.copy()
    if source_id is not None:
        df = df[df["source_id"] == source_id]
    if period is not None:
        df = df[df["period"] == period]
    numeric = df["value_low"].notna() | df["value_high"].notna()
    df = df[numeric & (df["unit"] == "persons")].copy()
    if df.empty:
        return pd.DataFrame(columns=MARK_COLUMNS)
    surfaces = anchor_surfaces(candidates)
    df["order"] = _order(df)
    df["approximate"] = _approximate_flags(df, surfaces)
    lo, hi = axis_domain([*df["value_low"], *df["value_high"]], scale)
    df["axis_min"], df["axis_max"] = lo, hi
    df["mark"] = [_mark_kind(b) for b in df["bound"]]
    df["x"] = df["value_low"].where(df["value_low"].notna(), df["value_high"])
    df["x2"] = float("nan")
    df.loc[df["mark"] == "range", "x2"] = df["value_high"]
    df.loc[df["mark"] == "ray_right", "x2"] = hi
    df.loc[df["mark"] == "ray_left", "x2"] = lo
    df["stated"] = [
        stated(r, a) for r, a in zip(df.to_dict("records"), df["approximate"], strict=True)
    ]
    df["qualifier_text"] = [
        _qualifier_text(b, a) for b, a in zip(df["bound"], df["approximate"], strict=True)
    ]
    df["measure_label"] = df["measure"].map(measure_label)
    df["report_kind_text"] = df["report_kind"].map(lambda k: REPORT_KIND_TEXT.get(k, k))
    df["row_label"] = _unique_labels(df, ["source_id", "measure"])
    return df.sort_values("order")[MARK_COLUMNS].reset_index(drop=True)


def _mark_kind(bound: str) -> str:
    if bound == "range":
        return "range"
    if bound in _OPEN_RIGHT:
        return "ray_right"
    if bound in _OPEN_LEFT:
        return "ray_left"
    return "point"


def _qualifier_text(bound: str, approximate: bool) -> str:
    text = QUALIFIER_TEXT.get(bound, bound)
    if approximate and bound != "about":
        text = f"about ({text})"
    return text


# ------------------------------------------------------------------ shares


def shares_table(figures: pd.DataFrame, source_id: str = "rogovin-emigrants") -> pd.DataFrame:
    """Every share the text states: k of n persons, 1 in n, and percentages.

    ``proportion`` is ``k / n`` (or ``percent / 100``), the length of the filled
    part of a 100 % bar; for ``more than`` / ``at least`` it is the lower bound and
    ``open_end`` is ``right``. ``stated`` keeps the counts as the text gives them
    (``10 of 16``, ``1 in 10``, ``> 70 %``); ``base_stated`` is the whole a share
    is taken of, where the text names it as a figure (``of > 3,000 (Bulgarian
    emigrants)``); ``count_label`` is ``stated`` with that whole where ``stated``
    does not already give it (``1 in 3 of > 3,000``). ``panel`` is
    ``destroyed`` for k of n persons killed, executed or perished, else ``share``.
    """
    df = figures[figures["source_id"] == source_id].copy()
    is_fraction = (df["qualifier"] == "fraction") & df["base_value"].notna()
    df = df[is_fraction | df["unit"].isin(["share", "percent"])].copy()
    if df.empty:
        return pd.DataFrame(columns=SHARE_COLUMNS)
    by_id = figures.set_index("figure_id")
    percent = df["unit"] == "percent"
    df["numerator"] = df["value_low"].where(df["value_low"].notna(), df["value_high"])
    df["denominator"] = df["base_value"].where(~percent, 100.0)
    df["proportion"] = df["numerator"] / df["denominator"]
    df["open_end"] = [
        "right" if b in _OPEN_RIGHT else "left" if b in _OPEN_LEFT else "" for b in df["bound"]
    ]
    df["stated"] = [stated(r) for r in df.to_dict("records")]
    df["base_stated"] = [
        f"of {stated(by_id.loc[b].to_dict())} ({by_id.loc[b, 'group']})" if b else ""
        for b in df["base_figure_id"]
    ]
    df["count_label"] = [
        f"{st} {base.split(' (', 1)[0]}" if unit == "share" and base else st
        for st, base, unit in zip(df["stated"], df["base_stated"], df["unit"], strict=True)
    ]
    destroyed = (df["unit"] == "persons") & df["measure"].isin(DEATH_MEASURES)
    df["panel"] = destroyed.map({True: "destroyed", False: "share"})
    df["row_label"] = _unique_labels(df, ["panel"])
    return df.sort_values("start", key=pd.to_numeric)[SHARE_COLUMNS].reset_index(drop=True)


# ------------------------------------------------------------------ reporters


def reporter_units(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per figure, placed in a row of squares per source and report kind.

    ``position`` counts 1, 2, … within (source, report kind), the author's
    statements and those attributed in the same sentence first; it only places a
    square and is no figure.
    """
    rank = {k: i for i, k in enumerate(ATTRIBUTION_TEXT)}
    df = figures.copy()
    df["order"] = _order(df)
    df["_rank"] = df["attribution"].map(rank)
    df = df.sort_values(["source_id", "report_kind", "_rank", "order"])
    df["position"] = df.groupby(["source_id", "report_kind"]).cumcount() + 1
    df["report_kind_text"] = df["report_kind"].map(lambda k: REPORT_KIND_TEXT.get(k, k))
    df["attribution_text"] = df["attribution"].map(lambda a: ATTRIBUTION_TEXT.get(a, a))
    columns = [
        "figure_id",
        "source_id",
        "passage_id",
        "report_kind",
        "report_kind_text",
        "attribution",
        "attribution_text",
        "position",
        "reported_by",
        "qualifier",
        "quote",
        "attribution_passage_id",
        "attribution_cue",
    ]
    return df[columns].reset_index(drop=True)


def uncertainties(row: pd.Series | dict, approximate: bool = False) -> list[str]:
    """Why a figure may be uncertain, read off its columns (and its curated note)."""
    reasons: list[str] = []
    bound, qualifier = row["bound"], row["qualifier"]
    if qualifier == "qualitative":
        reasons.append("words only, no number")
    if bound in _OPEN_RIGHT:
        reasons.append("a lower bound only")
    if bound in _OPEN_LEFT:
        reasons.append("an upper bound only")
    if bound == "range":
        reasons.append("a range")
    if approximate or bound == "about":
        reasons.append("approximate ('about')")
    if row["report_kind"] == "belief":
        reasons.append("second-hand: the author gives it as someone's belief")
    elif row["report_kind"] != "author":
        kind = REPORT_KIND_TEXT.get(row["report_kind"], row["report_kind"])
        reasons.append(f"second-hand: the author cites {kind}")
    if row["attribution"] == "carried_over":
        reasons.append(f"reporter named in an earlier sentence ({row['attribution_passage_id']})")
    if row["base_figure_id"] and row["unit"] == "share":
        reasons.append(f"a share of figure {row['base_figure_id']}, not a count of persons")
    if row["report_kind"] == "author":
        reasons.append("the author's statement; this sentence names no source")
    if row["note"]:
        reasons.append(row["note"])
    return reasons


def reporters_table(
    figures: pd.DataFrame, candidates: pd.DataFrame, second_hand_only: bool = False
) -> pd.DataFrame:
    """Per figure: who reports it, how the text attributes it, and why it may be uncertain.

    ``second_hand_only`` keeps the figures the author gives from someone else."""
    surfaces = anchor_surfaces(candidates)
    df = figures.copy()
    df["order"] = _order(df)
    df = df.sort_values(["source_id", "order"], ascending=[False, True])
    if second_hand_only:
        df = df[df["report_kind"] != "author"]
    rows = []
    for r in df.to_dict("records"):
        approx = is_approximate(r["qualifier"], surfaces.get(r["figure_id"], ""))
        rows.append(
            {
                "figure_id": r["figure_id"],
                "source_id": r["source_id"],
                "passage_id": r["passage_id"],
                "reported_by": r["reported_by"],
                "report_kind": REPORT_KIND_TEXT.get(r["report_kind"], r["report_kind"]),
                "attribution": ATTRIBUTION_TEXT.get(r["attribution"], r["attribution"]),
                "attribution_passage_id": r["attribution_passage_id"],
                "attribution_cue": r["attribution_cue"],
                "stated": stated(r, approx),
                "uncertainty": "; ".join(uncertainties(r, approx)),
            }
        )
    return pd.DataFrame(rows, columns=REPORTER_COLUMNS)


# ------------------------------------------------------------------ sequences and groups


def reported_sequence(figures: pd.DataFrame, reporter: str) -> pd.DataFrame:
    """The figures one reporter gives, in the order of the text, numbered ``step``.

    ``reporter`` must open ``reported_by`` (``"Isaak Dietrich"``)."""
    df = figures[figures["reported_by"].str.startswith(reporter)].copy()
    if df.empty:
        raise KeyError(f"no figure reported by {reporter!r}")
    df["order"] = _order(df)
    df = df.sort_values("order").reset_index(drop=True)
    df["step"] = range(1, len(df) + 1)
    df["stated"] = [stated(r) for r in df.to_dict("records")]
    df["measure_label"] = df["measure"].map(measure_label)
    columns = [
        "step",
        "figure_id",
        "passage_id",
        "period",
        "group",
        "measure",
        "measure_label",
        "qualifier",
        "stated",
        "value_low",
        "value_high",
        "base_figure_id",
        "reported_by",
        "report_kind",
        "attribution",
        "attribution_passage_id",
        "attribution_cue",
        "quote",
        "note",
    ]
    return df[columns]


def base_and_part(figures: pd.DataFrame, figure_id: str) -> pd.DataFrame:
    """A k-of-n figure and the figure that states its whole, in the order of the text.

    ``role`` is ``whole`` or ``part``; ``value`` is each figure's own number."""
    by_id = figures.set_index("figure_id")
    part = by_id.loc[figure_id]
    base_id = part["base_figure_id"]
    if not base_id:
        raise KeyError(f"figure {figure_id!r} names no base figure")
    rows = []
    for fid, role in ((base_id, "whole"), (figure_id, "part")):
        r = by_id.loc[fid].to_dict() | {"figure_id": fid}
        rows.append(
            {
                "figure_id": fid,
                "role": role,
                "period": r["period"],
                "group": r["group"],
                "measure": r["measure"],
                "measure_label": measure_label(r["measure"]),
                "value": r["value_low"] if not _missing(r["value_low"]) else r["value_high"],
                "stated": stated(r),
                "qualifier": r["qualifier"],
                "passage_id": r["passage_id"],
                "reported_by": r["reported_by"],
                "quote": r["quote"],
                "order": int(r["start"]),
            }
        )
    return pd.DataFrame(rows).sort_values("order").reset_index(drop=True)


def key_figures(figures: pd.DataFrame, source_id: str = "rogovin-emigrants") -> pd.DataFrame:
    """For each group of the text (each ``country`` value), its key figure.

    The key figure is the first, in the order of the text, that counts victims
    with a number (a count, share or percentage); where the text gives the group
    none, the first that counts victims in words; where it gives neither (only
    the size of a group, or those left), its first figure. Groups come in the
    order of their first figure.
    """
    df = figures[figures["source_id"] == source_id].copy()
    df["order"] = _order(df)
    df["_victims"] = ~df["measure"].isin(NOT_REPRESSION)
    df["_numeric"] = df["value_low"].notna() | df["value_high"].notna()
    df["_rank"] = [
        (not v) * 2 + (not n) for v, n in zip(df["_victims"], df["_numeric"], strict=True)
    ]
    first = df.groupby("country")["order"].min()
    best = df.sort_values(["_rank", "order"]).groupby("country", sort=False).head(1)
    best = best.assign(_first=best["country"].map(first)).sort_values("_first")
    best["stated"] = [stated(r) for r in best.to_dict("records")]
    best["measure_label"] = best["measure"].map(measure_label)
    best["figures_in_group"] = best["country"].map(df["country"].value_counts())
    columns = [
        "country",
        "figure_id",
        "passage_id",
        "group",
        "measure_label",
        "stated",
        "qualifier",
        "reported_by",
        "report_kind",
        "quote",
        "figures_in_group",
    ]
    return best[columns].reset_index(drop=True)


def qualitative_table(figures: pd.DataFrame, source_id: str | None = None) -> pd.DataFrame:
    """The figures the text gives in words only (never placed on a value axis)."""
    df = figures[figures["qualifier"] == "qualitative"].copy()
    if source_id is not None:
        df = df[df["source_id"] == source_id]
    df["order"] = _order(df)
    df["measure_label"] = df["measure"].map(measure_label)
    columns = [
        "country",
        "group",
        "measure_label",
        "quote",
        "passage_id",
        "reported_by",
        "period",
        "note",
    ]
    return df.sort_values(["source_id", "order"])[columns].reset_index(drop=True)


def full_table(figures: pd.DataFrame, candidates: pd.DataFrame) -> pd.DataFrame:
    """Every figure, in the order of each text, with its value as stated."""
    surfaces = anchor_surfaces(candidates)
    df = figures.copy()
    df["order"] = _order(df)
    approx = _approximate_flags(df, surfaces)
    df["stated"] = [stated(r, a) for r, a in zip(df.to_dict("records"), approx, strict=True)]
    df["qualifier_text"] = [
        _qualifier_text(b, a) if b else QUALIFIER_TEXT["qualitative"]
        for b, a in zip(df["bound"], approx, strict=True)
    ]
    df["measure_label"] = df["measure"].map(measure_label)
    df["uncertainty"] = [
        "; ".join(uncertainties(r, a)) for r, a in zip(df.to_dict("records"), approx, strict=True)
    ]
    columns = [
        "figure_id",
        "source_id",
        "passage_id",
        "country",
        "group",
        "measure_label",
        "stated",
        "qualifier_text",
        "period",
        "reported_by",
        "quote",
        "uncertainty",
    ]
    return df.sort_values(["source_id", "order"], ascending=[False, True])[columns].reset_index(
        drop=True
    )


# ------------------------------------------------------------------ the audit


def candidate_audit(candidates: pd.DataFrame) -> pd.DataFrame:
    """Candidates counted by source, form (what the finder saw) and decision."""
    counts = (
        candidates.groupby(["source_id", "form", "decision"]).size().reset_index(name="candidates")
    )
    return counts.sort_values(["source_id", "form", "decision"]).reset_index(drop=True)


def not_figure_reasons(candidates: pd.DataFrame) -> pd.DataFrame:
    """Candidates decided ``not_figure``, counted by source and reason code."""
    df = candidates[candidates["decision"] == "not_figure"]
    counts = df.groupby(["source_id", "reason_code"]).size().reset_index(name="candidates")
    counts["reason"] = counts["reason_code"].map(REASON_CODES)
    return counts.sort_values(["source_id", "candidates"], ascending=[True, False]).reset_index(
        drop=True
    )


def restatements(candidates: pd.DataFrame, figure_ids: Iterable[str]) -> pd.DataFrame:
    """Candidates decided ``repeat`` of the given figures: where the text says it again."""
    ids = list(figure_ids)
    df = candidates[(candidates["decision"] == "repeat") & candidates["figure_id"].isin(ids)]
    return df[["figure_id", "passage_id", "surface", "candidate_id"]].reset_index(drop=True)


# ------------------------------------------------------------------ charts

#: Axis labels wrapped onto lines of at most 46 characters (a Vega expression).
WRAP = r"split(trim(replace(datum.label, regexp('(.{1,46})(\\s+|$)', 'g'), '$1\n')), '\n')"
#: Legends below the chart, in two columns.
LEGEND = alt.Legend(orient="bottom", direction="vertical", labelLimit=480, columns=2)
MARK_TOOLTIP = [
    alt.Tooltip("stated:N", title="As stated"),
    alt.Tooltip("quote:N", title="Quote"),
    alt.Tooltip("passage_id:N", title="Passage"),
    alt.Tooltip("reported_by:N", title="Reported by"),
    alt.Tooltip("qualifier_text:N", title="Qualifier"),
    alt.Tooltip("group:N", title="Group"),
    alt.Tooltip("period:N", title="When"),
]
SHARE_TOOLTIP = [
    alt.Tooltip("stated:N", title="As stated"),
    alt.Tooltip("quote:N", title="Quote"),
    alt.Tooltip("passage_id:N", title="Passage"),
    alt.Tooltip("reported_by:N", title="Reported by"),
    alt.Tooltip("qualifier:N", title="Qualifier"),
    alt.Tooltip("bound:N", title="Bound"),
    alt.Tooltip("base_stated:N", title="Share of"),
    alt.Tooltip("note:N", title="Note"),
]


def value_chart(
    marks: pd.DataFrame,
    colour: str,
    colour_title: str,
    y: str = "row_label",
    scale: str = "log",
    facet: bool = True,
) -> alt.TopLevelMixin:
    """Points, intervals and open-ended rays of :func:`figure_marks` on one axis of persons.

    A filled dot is an exact count (or the value of an ``at least`` / ``at most``
    ray), a hollow dot a ``more than`` / ``less than`` value, a dashed hollow ring an
    ``about`` figure; a thick bar is a range (dashed and paler where approximate);
    a thin line ending in an arrowhead at the edge of the axis is an open bound.
    Each mark is labelled with ``stated``. ``facet`` puts each measure in a panel of
    its own; ``colour`` names the column that colours the marks.
    """
    domain = [float(marks["axis_min"].iloc[0]), float(marks["axis_max"].iloc[0])]
    ticks = alt.Undefined
    if scale == "log":
        steps = (1,) if domain[1] / domain[0] > 1000 else (1, 2, 5)
        ticks = [m * 10**k for k in range(7) for m in steps if domain[0] <= m * 10**k <= domain[1]]
    x = alt.X(
        "x:Q",
        scale=alt.Scale(type=scale, domain=domain, nice=False),
        title="Persons, as the text states them",
        axis=alt.Axis(format=",d", values=ticks),
    )
    x_end = alt.X("x2:Q", scale=alt.Scale(type=scale, domain=domain, nice=False))
    y_enc = alt.Y(
        f"{y}:N",
        title=None,
        sort=alt.EncodingSortField("order", op="min"),
        axis=alt.Axis(labelExpr=WRAP, labelLimit=340),
    )
    col = alt.Color(f"{colour}:N", title=colour_title, legend=LEGEND)
    base = alt.Chart().encode(y=y_enc, color=col, tooltip=MARK_TOOLTIP)
    exact = "datum.mark == 'point' && !datum.approximate"
    about = "datum.mark == 'point' && datum.approximate"
    layers = [
        base.transform_filter("datum.mark == 'range'")
        .mark_rule(strokeWidth=7)
        .encode(
            x=x,
            x2="x2:Q",
            opacity=alt.condition("datum.approximate", alt.value(0.5), alt.value(0.95)),
            strokeDash=alt.condition("datum.approximate", alt.value([6, 3]), alt.value([1, 0])),
        ),
        base.transform_filter("datum.mark == 'ray_right' || datum.mark == 'ray_left'")
        .mark_rule(strokeWidth=1.5, opacity=0.7)
        .encode(x=x, x2="x2:Q"),
        base.transform_filter("datum.mark == 'ray_right'")
        .mark_point(shape="triangle-right", filled=True, size=70, opacity=0.9)
        .encode(x=x_end),
        base.transform_filter("datum.mark == 'ray_left'")
        .mark_point(shape="triangle-left", filled=True, size=70, opacity=0.9)
        .encode(x=x_end),
        base.transform_filter(f"{exact} || datum.bound == 'at_least' || datum.bound == 'at_most'")
        .mark_point(filled=True, size=90, opacity=1)
        .encode(x=x),
        base.transform_filter("datum.bound == 'more_than' || datum.bound == 'less_than'")
        .mark_point(filled=False, size=90, strokeWidth=2, opacity=1)
        .encode(x=x),
        base.transform_filter(about)
        .mark_point(filled=False, size=110, strokeWidth=2, strokeDash=[2, 2], opacity=1)
        .encode(x=x),
        base.transform_filter("datum.mark != 'range'")
        .mark_text(align="left", dx=8, dy=-10, fontSize=11)
        .encode(x=x, text="stated:N"),
        base.transform_filter("datum.mark == 'range'")
        .mark_text(align="right", dy=-11, fontSize=11)
        .encode(x=x_end, text="stated:N"),
    ]
    chart = alt.layer(*layers, data=marks).properties(width=320, height=alt.Step(46))
    if facet:
        chart = chart.facet(
            row=alt.Row(
                "measure_label:N",
                title=None,
                sort=[measure_label(m) for m in MEASURES],
                header=alt.Header(
                    labelOrient="top", labelAnchor="start", labelFontWeight="bold", labelFontSize=12
                ),
            ),
            spacing=6,
        ).resolve_scale(y="independent")
    return chart


def describe_marks(marks: pd.DataFrame) -> str:
    """A text alternative for :func:`value_chart`: every mark with its words, measure
    and group, by measure and in the order of the text."""
    return "; ".join(
        f"{r.measure_label}: {r.group} ({r.country}), {r.stated} ({r.qualifier_text})"
        for r in marks.sort_values(["measure", "order"]).itertuples()
    )


def share_chart(rows: pd.DataFrame) -> alt.LayerChart:
    """100 % bars of :func:`shares_table` rows: the whole in grey, the stated share
    filled (coloured by measure), a share given as ``more than`` continued by a line
    to an arrowhead at 100 %; each bar labelled with its counts and reporter."""
    y = alt.Y(
        "row_label:N",
        title=None,
        sort=list(rows["row_label"]),
        axis=alt.Axis(labelExpr=WRAP, labelLimit=340),
    )
    x = alt.X(
        "zero:Q",
        scale=alt.Scale(domain=[0, 1]),
        axis=alt.Axis(format="%"),
        title="Share of the group, as the text states it",
    )
    colour = alt.Color("measure:N", title="Measure", legend=LEGEND)
    base = (
        alt.Chart()
        .transform_calculate(
            zero="0",
            whole="1",
            label="datum.count_label + ' · ' + split(datum.reported_by, ' (')[0]",
        )
        .encode(y=y, tooltip=SHARE_TOOLTIP)
    )
    layers = [
        base.mark_bar(color="#e6e6e6", height=18).encode(x=x, x2="whole:Q"),
        base.mark_bar(height=18).encode(x="zero:Q", x2="proportion:Q", color=colour),
        base.transform_filter("datum.open_end == 'right'")
        .mark_rule(strokeWidth=2)
        .encode(x="proportion:Q", x2="whole:Q", color=colour),
        base.transform_filter("datum.open_end == 'right'")
        .mark_point(shape="triangle-right", filled=True, size=80, opacity=1)
        .encode(x="whole:Q", color=colour),
        base.mark_text(align="left", dx=8, fontSize=11).encode(x="whole:Q", text="label:N"),
    ]
    return alt.layer(*layers, data=rows).properties(width=260, height=alt.Step(36))


def describe_shares(rows: pd.DataFrame) -> str:
    """A text alternative for :func:`share_chart`: every share with its counts and reporter."""
    return "; ".join(
        f"{r.group} ({r.country}), {r.measure}: {r.count_label}, reported by {r.reported_by}"
        for r in rows.itertuples()
    )
