"""Turn the reading annotations (annotations.txt) into raw-offset rows.

Run from the repository root::

    .venv/bin/python tests/gold/blind/locate.py

``annotations.txt`` was written by reading each sampled passage: one line per
(passage, surface form, person) with the number of times the annotator counted
that form in the passage.  This script only locates those forms in the raw
source file, inside the passage's segments (the raw text between its
segments' start and end offsets), and fails if the number of hits differs from
the annotator's count, so that a slip in either reading or counting shows up.
A space in a surface form matches any run of whitespace in the raw file (line
breaks, justification double spaces).  Longer forms are located first, and a
hit inside an already located span (``Bermann`` inside ``Bermann-Jurin``) is
skipped.  Output: ``mentions_blind.csv`` with raw offsets (Python string
offsets into the source file read as UTF-8).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SOURCES = ROOT / "data" / "sources"
FILES = {
    "letter-1930": "trotsky-letter-1930-02-05.de.txt",
    "crimes-1937": "trotsky-stalins-verbrechen-1937.de.txt",
    "monat": "der-monat-study-ch-iv-2.de.txt",
    "cliff-1923": "cliff-german-revolution-1923.en.txt",
    "rogovin-emigrants": "rogovin-foreign-communists.en.txt",
}
FIELDS = ("source_id", "raw_start", "raw_end", "surface", "person_id", "note")


def read_raw(source_id: str) -> str:
    return (SOURCES / FILES[source_id]).read_text(encoding="utf-8")


def segments(spec: str) -> list[tuple[int, int]]:
    return [tuple(int(n) for n in part.split("-")) for part in spec.split()]


def load_sample() -> dict[str, dict[str, str]]:
    with (HERE / "sample.csv").open(encoding="utf-8", newline="") as fh:
        return {row["passage_id"]: row for row in csv.DictReader(fh)}


def load_annotations() -> list[tuple[str, str, str, int, str]]:
    out = []
    for line in (HERE / "annotations.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pid, surface, person, count, note = (f.strip() for f in line.split("|"))
        out.append((pid, surface, person, int(count), note))
    return out


def pattern(surface: str) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(part) for part in surface.split(" "))
    return re.compile(rf"(?<!\w){body}(?!\w)")


def locate() -> list[dict[str, object]]:
    sample = load_sample()
    raws = {sid: read_raw(sid) for sid in FILES}
    rows: list[dict[str, object]] = []
    claimed: dict[str, list[tuple[int, int]]] = {}
    problems = []
    annotations = sorted(load_annotations(), key=lambda a: -len(a[1]))
    for pid, surface, person, count, note in annotations:
        passage = sample[pid]
        sid = passage["source_id"]
        raw = raws[sid]
        taken = claimed.setdefault(pid, [])
        hits = []
        for start, end in segments(passage["segments"]):
            for m in pattern(surface).finditer(raw, start, end):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                hits.append((m.start(), m.end()))
        if len(hits) != count:
            problems.append(f"{pid} {surface!r}: counted {count}, found {len(hits)}")
        for s, e in hits:
            taken.append((s, e))
            rows.append(
                {
                    "source_id": sid,
                    "raw_start": s,
                    "raw_end": e,
                    "surface": raw[s:e],
                    "person_id": person,
                    "note": note,
                }
            )
    if problems:
        raise SystemExit("\n".join(problems))
    order = {sid: i for i, sid in enumerate(FILES)}
    rows.sort(key=lambda r: (order[str(r["source_id"])], r["raw_start"]))
    return rows


def main() -> None:
    rows = locate()
    with (HERE / "mentions_blind.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(len(rows), "mentions")


if __name__ == "__main__":
    main()
