"""Known errors in the sources: curated once, located in the raw text, shown as flags.

``data/curated/corrections.csv`` lists each error as printed, with what it should
read (empty when the book only flags it), which occurrences it applies to
(``all`` or 1-based indices such as ``2;5``), a kind and a note. Whitespace in
``printed`` matches any whitespace run of the raw text, so a phrase broken
across lines is still found. The derived ``corrections.csv`` gives every
occurrence with its passage id and raw offsets. Sources are never changed: the
reader pages mark these spans and show the note.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from companion import paths
from companion.curated import fail, read_curated
from companion.model import Block, Document
from companion.passages import assign_ids
from companion.sources import load_manifest

CURATED = paths.CURATED / "corrections.csv"
KINDS = ["ocr", "typo", "date", "name", "factual", "citation"]

SCHEMA = pa.DataFrameSchema(
    {
        "source_id": pa.Column(str, pa.Check.isin(list(load_manifest()))),
        "printed": pa.Column(str, pa.Check.str_length(min_value=1)),
        "corrected": pa.Column(str),
        "occurrence": pa.Column(str, pa.Check.str_matches(r"^(all|\d+(;\d+)*)$")),
        "kind": pa.Column(str, pa.Check.isin(KINDS)),
        "note": pa.Column(str, pa.Check.str_length(min_value=1)),
    },
    strict=True,
)

COLUMNS = [
    "correction_id",
    "source_id",
    "passage_id",
    "start",
    "end",
    "text_start",
    "text_end",
    "printed",
    "corrected",
    "kind",
    "note",
]


def load_curated(path: Path = CURATED) -> pd.DataFrame:
    return read_curated(path, SCHEMA)


def printed_pattern(printed: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(w) for w in printed.split()))


def locate(doc: Document, curated: pd.DataFrame, path: Path = CURATED) -> list[dict]:
    """Rows of the derived table for one parsed source."""
    ids = assign_ids(doc)
    rows: list[dict] = []
    for i, row in curated.iterrows():
        if row["source_id"] != doc.source_id:
            continue
        matches = list(printed_pattern(row["printed"]).finditer(doc.raw))
        if not matches:
            raise fail(path, int(i), "printed", f"{row['printed']!r} does not occur in the source")
        if row["occurrence"] == "all":
            chosen = matches
        else:
            wanted = [int(k) for k in row["occurrence"].split(";")]
            if max(wanted) > len(matches):
                raise fail(
                    path,
                    int(i),
                    "occurrence",
                    f"asks for occurrence {max(wanted)} of {row['printed']!r}, "
                    f"which occurs {len(matches)} time(s)",
                )
            chosen = [matches[k - 1] for k in wanted]
        for m in chosen:
            hit = _passage_at(doc, ids, m.start())
            if hit is None:
                raise fail(
                    path, int(i), "printed", f"occurrence at raw {m.start()} is in no passage"
                )
            pid, block = hit
            text_start, text_end = block.reading.text_span(m.start(), m.end())
            rows.append(
                {
                    "source_id": doc.source_id,
                    "passage_id": pid,
                    "start": m.start(),
                    "end": m.end(),
                    "text_start": text_start,
                    "text_end": text_end,
                    "printed": row["printed"],
                    "corrected": row["corrected"],
                    "kind": row["kind"],
                    "note": row["note"],
                }
            )
    return rows


def _passage_at(doc: Document, ids: list[str], offset: int) -> tuple[str, Block] | None:
    for pid, block in zip(ids, doc.blocks, strict=True):
        if any(a <= offset < b for a, b in block.segments):
            return pid, block
    return None


def corrections_table(docs: dict[str, Document]) -> pd.DataFrame:
    curated = load_curated()
    rows: list[dict] = []
    for doc in docs.values():
        rows.extend(locate(doc, curated))
    rows.sort(key=lambda r: (list(docs).index(r["source_id"]), r["start"]))
    for k, r in enumerate(rows, start=1):
        r["correction_id"] = f"corr-{k:03d}"
    return pd.DataFrame(rows, columns=COLUMNS)
