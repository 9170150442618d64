"""Turn the hand-written annotation notes (tests/gold/notes/*.txt) into the gold CSVs.

    python tests/gold/annotate.py          # rewrite mentions_gold.csv and mentions_gold_scope.csv

Notes format, one item per line (``//`` starts a comment line):

    @ SOURCE_ID LINE_FROM LINE_TO | what the range contains
    surface = person_id[|person_id]   # optional note

A ``@`` line opens a range of whole raw lines that was annotated exhaustively.
Each following line names the next mention in reading order: its surface as
printed (spaces stand for any whitespace, a hyphen may be followed by a line
break) and the person. The script only finds the offsets: it looks for the
surface after the previous item, between word boundaries, inside the range,
and stops with the note's line number if it is not there. It never looks at
the mention finder.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from companion.sources import read_source  # noqa: E402

NOTES = sorted((HERE / "notes").glob("*.txt"))
GOLD = HERE / "mentions_gold.csv"
SCOPE = HERE / "mentions_gold_scope.csv"
SOURCE_ORDER = ["letter-1930", "crimes-1937", "monat", "cliff-1923", "rogovin-emigrants"]
LETTER = r"[^\W\d_]"


def surface_regex(surface: str) -> re.Pattern[str]:
    parts = []
    for ch in surface:
        parts.append(r"\s+" if ch == " " else r"-\s*" if ch == "-" else re.escape(ch))
    return re.compile(rf"(?<!{LETTER}){''.join(parts)}(?!{LETTER})")


def line_starts(raw: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", raw)]


def parse_notes(paths: list[Path]) -> tuple[list[dict], list[dict]]:
    gold: list[dict] = []
    scopes: list[dict] = []
    sid, raw, pos, end = "", "", 0, 0
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            if line.startswith("@"):
                head, _, note = line[1:].partition("|")
                sid, first, last = head.split()
                raw = read_source(sid)
                starts = line_starts(raw)
                pos = starts[int(first) - 1]
                end = starts[int(last)] if int(last) < len(starts) else len(raw)
                end = len(raw[:end].rstrip("\n"))
                scopes.append(
                    {
                        "source_id": sid,
                        "raw_start": pos,
                        "raw_end": end,
                        "line_from": int(first),
                        "line_to": int(last),
                        "note": note.strip(),
                    }
                )
                continue
            body, _, note = line.partition("#")
            surface, _, person_ids = body.partition("=")
            m = surface_regex(surface.strip()).search(raw, pos, end)
            if m is None:
                raise SystemExit(f"{path}:{n}: {surface.strip()!r} not found in {sid} after {pos}")
            pos = m.end()
            for pid in person_ids.strip().split("|"):
                gold.append(
                    {
                        "source_id": sid,
                        "start": m.start(),
                        "end": m.end(),
                        "line": raw.count("\n", 0, m.start()) + 1,
                        "surface": raw[m.start() : m.end()],
                        "person_id": pid.strip(),
                        "note": note.strip(),
                    }
                )
    return gold, scopes


def write(rows: list[dict], path: Path, start_key: str) -> None:
    rows = sorted(rows, key=lambda r: (SOURCE_ORDER.index(r["source_id"]), r[start_key]))
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    gold, scopes = parse_notes(NOTES)
    write(gold, GOLD, "start")
    write(scopes, SCOPE, "raw_start")
    print(f"{len(gold)} gold mentions in {len(scopes)} ranges")


if __name__ == "__main__":
    main()
