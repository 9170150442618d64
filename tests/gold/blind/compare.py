"""Compare the blind gold sample with the finder's mentions.

Run from the repository root::

    .venv/bin/python tests/gold/blind/compare.py

Scope: a finder mention (``data/derived/mentions.csv``) is in scope if its raw
span overlaps a segment of a sampled passage (``sample.csv``) in the same
source.  Passage ids are not used, so the comparison survives renumbering.

- exact: same source, same raw start and end, same person.
- lenient: overlapping raw spans, same person.  Lenient precision is the share
  of finder mentions that overlap a gold mention of the same person; lenient
  recall is the share of gold mentions that overlap a finder mention of the
  same person.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
FINDER = ROOT / "data" / "derived" / "mentions.csv"
GOLD = HERE / "mentions_blind.csv"
SAMPLE = HERE / "sample.csv"

Mention = tuple[str, int, int, str]  # source_id, start, end, person_id


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def scope() -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for row in _read(SAMPLE):
        for part in row["segments"].split():
            start, end = (int(n) for n in part.split("-"))
            spans.setdefault(row["source_id"], []).append((start, end))
    return spans


def gold_mentions() -> list[Mention]:
    return [
        (r["source_id"], int(r["raw_start"]), int(r["raw_end"]), r["person_id"])
        for r in _read(GOLD)
    ]


def finder_mentions() -> list[Mention]:
    spans = scope()
    out = []
    for r in _read(FINDER):
        sid, start, end = r["source_id"], int(r["start"]), int(r["end"])
        if any(start < e and s < end for s, e in spans.get(sid, [])):
            out.append((sid, start, end, r["person_id"]))
    return out


def _overlaps(a: Mention, others: list[Mention]) -> bool:
    return any(a[0] == b[0] and a[3] == b[3] and a[1] < b[2] and b[1] < a[2] for b in others)


def evaluate(
    gold: list[Mention] | None = None, finder: list[Mention] | None = None
) -> dict[str, float | int]:
    gold = gold_mentions() if gold is None else gold
    finder = finder_mentions() if finder is None else finder
    gold_set, finder_set = set(gold), set(finder)
    exact = len(gold_set & finder_set)
    return {
        "gold": len(gold),
        "finder": len(finder),
        "exact_tp": exact,
        "precision_exact": exact / len(finder),
        "recall_exact": exact / len(gold),
        "precision_lenient": sum(_overlaps(f, gold) for f in finder) / len(finder),
        "recall_lenient": sum(_overlaps(g, finder) for g in gold) / len(gold),
    }


def disagreements() -> tuple[list[Mention], list[Mention]]:
    """Finder mentions not in gold, gold mentions not in finder (exact)."""
    gold, finder = set(gold_mentions()), set(finder_mentions())
    return sorted(finder - gold), sorted(gold - finder)


if __name__ == "__main__":
    for key, value in evaluate().items():
        print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
    only_finder, only_gold = disagreements()
    print("finder only:")
    for m in only_finder:
        print(" ", m)
    print("gold only:")
    for m in only_gold:
        print(" ", m)
