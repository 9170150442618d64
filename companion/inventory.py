"""The sources' make-up: size, passages by kind and footnotes per source."""

from __future__ import annotations

import pandas as pd

from companion.sources import load_manifest, read_source

KIND_ORDER = [
    "heading",
    "paragraph",
    "dialogue",
    "blockquote",
    "footnote",
    "dateline",
    "salutation",
    "signature",
    "list_item",
    "scene_break",
    "gap",
]


def sources_overview(passages: pd.DataFrame, footnotes: pd.DataFrame) -> pd.DataFrame:
    """One row per source: manifest metadata and counts."""
    rows = []
    for sid, src in load_manifest().items():
        raw = read_source(sid)
        mine = passages[passages["source_id"] == sid]
        notes = footnotes[footnotes["source_id"] == sid]
        rows.append(
            {
                "source_id": sid,
                "short_title": src.short_title,
                "title": src.title,
                "author": src.author,
                "year": src.year if src.year is not None else "",
                "year_note": src.year_note,
                "language": src.language,
                "file": src.file,
                "original_file": src.original_file,
                "sha256": src.sha256,
                "raw_characters": len(raw),
                "raw_lines": raw.count("\n") + (0 if raw.endswith("\n") else 1),
                "reading_characters": int(mine["text"].str.len().sum()),
                "words": int(mine["text"].str.split().str.len().sum()),
                "passages": len(mine),
                "footnotes": int((mine["kind"] == "footnote").sum()),
                "note_markers_unresolved": int((notes["status"] == "unresolved_marker").sum()),
                "provenance": src.provenance,
            }
        )
    return pd.DataFrame(rows)


def source_makeup(passages: pd.DataFrame) -> pd.DataFrame:
    """Passages and reading-text characters per source and passage kind (long format)."""
    titles = {sid: s.short_title for sid, s in load_manifest().items()}
    df = passages.assign(characters=passages["text"].str.len())
    out = (
        df.groupby(["source_id", "kind"], sort=False)
        .agg(passages=("passage_id", "size"), characters=("characters", "sum"))
        .reset_index()
    )
    out.insert(1, "short_title", out["source_id"].map(titles))
    order = {k: i for i, k in enumerate(KIND_ORDER)}
    src_order = {sid: i for i, sid in enumerate(titles)}
    out = out.sort_values(
        ["source_id", "kind"],
        key=lambda s: s.map(src_order) if s.name == "source_id" else s.map(order),
    )
    return out.reset_index(drop=True)
