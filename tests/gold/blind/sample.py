"""Draw the blind second gold sample of passages (reproducible).

Run from the repository root::

    .venv/bin/python tests/gold/blind/sample.py          # print the sample
    .venv/bin/python tests/gold/blind/sample.py --write  # (re)write sample.csv

Protocol: ``random.Random(20261121)``; candidates are the rows of
``data/derived/passages.csv`` whose kind is paragraph, dialogue, blockquote or
footnote, taken in file order; the strata are drawn one after the other in the
order of ``STRATA`` with ``rng.sample`` on the same generator.  A stratum with
fewer candidates than its quota is taken whole.  The result is listed in
stratum order, and within a stratum in file order.  Because passage ids may
change when the parsers change, ``sample.csv`` also stores each passage's raw
start and end (Python string offsets into the source file read as UTF-8).
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PASSAGES = ROOT / "data" / "derived" / "passages.csv"
SAMPLE_CSV = Path(__file__).resolve().parent / "sample.csv"

SEED = 20261121
KINDS = ("paragraph", "dialogue", "blockquote", "footnote")
STRATA = (
    ("crimes-1937", 24),
    ("rogovin-emigrants", 6),
    ("monat", 4),
    ("cliff-1923", 4),
    ("letter-1930", 2),
)
FIELDS = ("passage_id", "source_id", "kind", "start", "end", "segments")


def draw(passages_csv: Path = PASSAGES) -> list[dict[str, str]]:
    """Return the sampled passage rows (columns ``FIELDS``)."""
    with passages_csv.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    order = {row["passage_id"]: i for i, row in enumerate(rows)}
    rng = random.Random(SEED)
    chosen: list[dict[str, str]] = []
    for source_id, quota in STRATA:
        pool = [r for r in rows if r["source_id"] == source_id and r["kind"] in KINDS]
        picked = pool if len(pool) <= quota else rng.sample(pool, quota)
        picked = sorted(picked, key=lambda r: order[r["passage_id"]])
        chosen.extend({k: r[k] for k in FIELDS} for r in picked)
    return chosen


def write(rows: list[dict[str, str]], path: Path = SAMPLE_CSV) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    sample = draw()
    if "--write" in sys.argv[1:]:
        write(sample)
    for row in sample:
        print(row["passage_id"], row["kind"], row["start"], row["end"], sep="\t")
