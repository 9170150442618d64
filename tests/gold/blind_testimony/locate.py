"""Turn annotations.txt (the blind testimony annotation) into turns_blind.csv.

Only the raw source text is used to find offsets: for each turn, the start phrase is
searched from the start of the given raw line, the end phrase from the turn's start;
whitespace in a phrase matches any whitespace run in the raw text. Every span is checked
to begin on the given line, to start with the start phrase and to end with the end phrase,
and to lie inside a sampled section (sample.csv).

Run: ``python tests/gold/blind_testimony/locate.py``
"""

from __future__ import annotations

import csv
import itertools
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
RAW = ROOT / "data" / "sources" / "trotsky-stalins-verbrechen-1937.de.txt"
NOTES = HERE / "annotations.txt"
SAMPLE = HERE / "sample.csv"
OUT = HERE / "turns_blind.csv"
COLUMNS = ["source_id", "raw_start", "raw_end", "trial", "speaker_id", "mode", "named", "note"]
TRIALS = {"moscow-1936", "moscow-1937", "drammen-1936", "dewey-1937"}
MODES = {"dialogue", "direct", "reported"}


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(word) for word in phrase.split()))


def line_offsets(raw: str) -> list[int]:
    offsets = [0]
    for match in re.finditer("\n", raw):
        offsets.append(match.end())
    return offsets


def parse_notes(path: Path = NOTES) -> list[dict[str, str]]:
    turns = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split(" | ")]
        assert len(fields) == 9, line
        keys = ["id", "line", "start", "end", "trial", "speaker_id", "mode", "named", "note"]
        turn = dict(zip(keys, fields, strict=True))
        turn["named"] = "" if turn["named"] == "-" else turn["named"].replace(",", "|")
        turn["note"] = "" if turn["note"] == "-" else turn["note"]
        turns.append(turn)
    return turns


def sample_ranges(path: Path = SAMPLE) -> list[tuple[str, int, int]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [(r["section"], int(r["raw_start"]), int(r["raw_end"])) for r in csv.DictReader(fh)]


def locate(raw: str, turn: dict[str, str], offsets: list[int]) -> tuple[int, int]:
    line_no = int(turn["line"])
    line_start, line_end = offsets[line_no - 1], offsets[line_no]
    start_match = phrase_pattern(turn["start"]).search(raw, line_start)
    assert start_match and start_match.start() < line_end, (turn["id"], "start not on line")
    start = start_match.start()
    end_match = phrase_pattern(turn["end"]).search(raw, start)
    assert end_match, (turn["id"], "end not found")
    end = end_match.end()
    assert end - start < 2000, (turn["id"], "span too long")
    return start, end


def build() -> list[dict[str, object]]:
    raw = RAW.read_text(encoding="utf-8")
    offsets = line_offsets(raw)
    ranges = sample_ranges()
    rows = []
    for turn in parse_notes():
        start, end = locate(raw, turn, offsets)
        span = raw[start:end]
        assert re.sub(r"\s+", " ", span).startswith(" ".join(turn["start"].split()))
        assert re.sub(r"\s+", " ", span).endswith(" ".join(turn["end"].split()))
        assert any(a <= start and end <= b for _, a, b in ranges), turn["id"]
        assert turn["trial"] in TRIALS and turn["mode"] in MODES, turn["id"]
        note = f"{turn['id']} (l.{turn['line']})" + (f": {turn['note']}" if turn["note"] else "")
        rows.append(
            {
                "source_id": "crimes-1937",
                "raw_start": start,
                "raw_end": end,
                "trial": turn["trial"],
                "speaker_id": turn["speaker_id"],
                "mode": turn["mode"],
                "named": turn["named"],
                "note": note,
            }
        )
    starts = [r["raw_start"] for r in rows]
    assert starts == sorted(starts), "turns must be in text order"
    for a, b in itertools.pairwise(rows):
        assert a["raw_end"] <= b["raw_start"], ("overlapping turns", a["note"], b["note"])
    return rows


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} turns -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
