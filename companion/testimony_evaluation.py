"""Precision and recall of the testimony extractor against the hand-annotated gold set.

The gold set: ``tests/gold/testimony_gold.csv``
-----------------------------------------------
Every testimony turn of crimes-1937 (all four proceedings, not only the two
Moscow trials), annotated by reading the text before the extractor was written:
``start``/``end`` are raw offsets of the turn (the raw file never changes),
with ``passage_id``/``from_phrase``/``to_phrase`` as the human-readable
locator they were computed from; ``trial``, ``speaker_id`` and ``mode``; and
``persons``, the persons the turn names (``|``-separated, the speaker himself
excluded, by the same definition as :mod:`companion.naming`). ``note`` says why
a hard case was decided as it was. The turns the extractor must *not* produce
(private talk, letters, imagined speech …) are absent by definition: the gold
set is exhaustive, so every extracted turn is judged.

Metrics (``data/derived/testimony_evaluation.csv``: metric, value, n)
--------------------------------------------------------------------
Turns are matched by overlap of their raw spans: each turn is paired with the
turn of the other set that overlaps it most, measured as intersection over
union (a Moscow turn reported inside a long Drammen answer thus meets the
reported turn, not the answer).

* ``speaker_precision``: extracted turns whose best gold match has the same
  speaker, over all extracted turns (n);
* ``speaker_recall``: gold turns whose best extracted match has the same
  speaker, over all gold turns (n);
* ``trial_agreement``, ``mode_agreement``: among gold turns matched with the
  right speaker, the share with the same trial and mode;
* ``edge_precision``, ``edge_recall``: the naming edges (trial × speaker ×
  named person) of the extractor against those of the gold set, as sets;
* ``naming_precision``, ``naming_recall``: the same per turn (matched turn ×
  named person), which also catches a right edge found in the wrong turn.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from companion import paths
from companion.curated import fail, read_curated
from companion.persons import SLUG
from companion.testimony import MODES, TRIALS

GOLD_CSV = paths.ROOT / "tests" / "gold" / "testimony_gold.csv"
EVALUATION_COLUMNS = ["metric", "value", "n"]


def gold_schema() -> pa.DataFrameSchema:
    number = pa.Column(str, pa.Check.str_matches(r"^[0-9]+$"))
    return pa.DataFrameSchema(
        {
            "gold_id": pa.Column(str, pa.Check.str_matches(r"^g[0-9]{3}$"), unique=True),
            "trial": pa.Column(str, pa.Check.isin(TRIALS)),
            "speaker_id": pa.Column(str, pa.Check.str_matches(rf"^{SLUG}$")),
            "mode": pa.Column(str, pa.Check.isin(MODES)),
            "persons": pa.Column(str, pa.Check.str_matches(rf"^(?:{SLUG}(?:\|{SLUG})*)?$")),
            "start": number,
            "end": number,
            "passage_id": pa.Column(str),
            "end_passage_id": pa.Column(str),
            "from_phrase": pa.Column(str, pa.Check.str_length(min_value=1)),
            "to_phrase": pa.Column(str, pa.Check.str_length(min_value=1)),
            "note": pa.Column(str),
        },
        strict=True,
    )


def load_gold(path: Path = GOLD_CSV, known: set[str] | None = None) -> pd.DataFrame:
    """The gold turns, checked: offsets in order, every person in the name authority."""
    df = read_curated(path, gold_schema())
    if known is None:
        from companion.persons import authority

        known = set(authority().persons["person_id"])
    for i, row in df.iterrows():
        if int(row.start) >= int(row.end):
            raise fail(path, int(i), "end", f"end {row.end} is not after start {row.start}")
        for pid in [row.speaker_id, *filter(None, row.persons.split("|"))]:
            if pid not in known:
                raise fail(path, int(i), "persons", f"{pid!r} is not in persons.csv")
    df["start"] = df["start"].astype(int)
    df["end"] = df["end"].astype(int)
    return df


def _iou(a: int, b: int, c: int, d: int) -> float:
    inter = min(b, d) - max(a, c)
    return inter / (max(b, d) - min(a, c)) if inter > 0 else 0.0


def best_matches(left: pd.DataFrame, right: pd.DataFrame) -> list[int | None]:
    """For each row of ``left``, the index of the ``right`` row overlapping it most."""
    spans = list(zip(right["start"], right["end"], strict=True))
    out: list[int | None] = []
    for a, b in zip(left["start"], left["end"], strict=True):
        scores = [_iou(a, b, c, d) for c, d in spans]
        k = max(range(len(scores)), key=scores.__getitem__) if scores else None
        out.append(k if k is not None and scores[k] > 0 else None)
    return out


def _ratio(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0


def evaluate(testimony: pd.DataFrame, names: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """The metrics of the module docstring."""
    pred = testimony.reset_index(drop=True)
    gold = gold.reset_index(drop=True)
    to_gold = best_matches(pred, gold)
    to_pred = best_matches(gold, pred)
    speaker_ok = sum(
        g is not None and gold.at[g, "speaker_id"] == pred.at[i, "speaker_id"]
        for i, g in enumerate(to_gold)
    )
    found = [
        (i, p)
        for i, p in enumerate(to_pred)
        if p is not None and pred.at[p, "speaker_id"] == gold.at[i, "speaker_id"]
    ]
    trial_ok = sum(pred.at[p, "trial"] == gold.at[i, "trial"] for i, p in found)
    mode_ok = sum(pred.at[p, "mode"] == gold.at[i, "mode"] for i, p in found)

    gold_pairs = {
        (i, person) for i, row in gold.iterrows() for person in filter(None, row.persons.split("|"))
    }
    gold_edges = {
        (gold.at[i, "trial"], gold.at[i, "speaker_id"], person) for i, person in gold_pairs
    }
    pred_edges = set(zip(names["trial"], names["speaker_id"], names["named_id"], strict=True))
    named_by_turn = names.groupby("turn_id")["named_id"].apply(set).to_dict()
    pred_pairs = {
        (i, person) for i, p in found for person in named_by_turn.get(pred.at[p, "turn_id"], set())
    }
    extracted_pairs = sum(len(named_by_turn.get(t, ())) for t in pred["turn_id"])
    rows = [
        ("speaker_precision", _ratio(speaker_ok, len(pred)), len(pred)),
        ("speaker_recall", _ratio(len(found), len(gold)), len(gold)),
        ("trial_agreement", _ratio(trial_ok, len(found)), len(found)),
        ("mode_agreement", _ratio(mode_ok, len(found)), len(found)),
        ("edge_precision", _ratio(len(pred_edges & gold_edges), len(pred_edges)), len(pred_edges)),
        ("edge_recall", _ratio(len(pred_edges & gold_edges), len(gold_edges)), len(gold_edges)),
        (
            "naming_precision",
            _ratio(len(pred_pairs & gold_pairs), extracted_pairs),
            extracted_pairs,
        ),
        (
            "naming_recall",
            _ratio(len({x for x in gold_pairs if x in pred_pairs}), len(gold_pairs)),
            len(gold_pairs),
        ),
    ]
    return pd.DataFrame(rows, columns=EVALUATION_COLUMNS)
