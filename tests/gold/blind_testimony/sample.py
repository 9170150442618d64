"""Draw the reproducible sample of crimes-1937 sections for the blind testimony annotation.

All distinct `section` values of crimes-1937 passages whose section number starts with
"3", "4", "6", "7", "8" or "9" (chapters 3, 4, 6, 7, 8, 9), in order of first appearance
in data/derived/passages.csv (document order), are shuffled with random.Random(1937);
the first 10 form the sample. No filter on testimony content is applied (blindness).

Run from anywhere: ``python tests/gold/blind_testimony/sample.py`` (writes sample.csv).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PASSAGES = ROOT / "data" / "derived" / "passages.csv"
OUT = Path(__file__).resolve().parent / "sample.csv"
SOURCE_ID = "crimes-1937"
CHAPTERS = ("3", "4", "6", "7", "8", "9")
SEED = 1937
SIZE = 10


def crimes_passages() -> list[dict[str, str]]:
    with PASSAGES.open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r["source_id"] == SOURCE_ID]


def candidate_sections(rows: list[dict[str, str]]) -> list[str]:
    """Distinct sections of chapters 3, 4, 6, 7, 8, 9 in document order."""
    seen: list[str] = []
    for row in rows:
        section = row["section"]
        if section and section.split(".")[0] in CHAPTERS and section not in seen:
            seen.append(section)
    return seen


def draw_sample(rows: list[dict[str, str]] | None = None) -> list[str]:
    sections = candidate_sections(rows if rows is not None else crimes_passages())
    random.Random(SEED).shuffle(sections)
    return sections[:SIZE]


def section_ranges(rows: list[dict[str, str]], sections: list[str]) -> list[dict[str, object]]:
    out = []
    for rank, section in enumerate(sections, 1):
        own = [r for r in rows if r["section"] == section]
        out.append(
            {
                "rank": rank,
                "source_id": SOURCE_ID,
                "section": section,
                "raw_start": min(int(r["start"]) for r in own),
                "raw_end": max(int(r["end"]) for r in own),
                "heading": next((r["text"] for r in own if r["kind"] == "heading"), ""),
                "passages": len(own),
            }
        )
    return out


def main() -> None:
    rows = crimes_passages()
    ranges = section_ranges(rows, draw_sample(rows))
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(ranges[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(ranges)
    for r in ranges:
        print(r)


if __name__ == "__main__":
    main()
