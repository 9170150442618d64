"""Loading hand-curated tables from data/curated/ with validation.

Every curated CSV has a pandera schema. A malformed row stops the build with a
:class:`~companion.errors.CuratedTableError` that names the file, the CSV line
(header = line 1), the column and what was expected. Nothing is dropped.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.errors
import pandera.pandas as pa

from companion.errors import CuratedTableError


def read_curated(path: Path, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """Read ``path`` as strings (empty cells stay ''), validate it, return it.

    Raises CuratedTableError listing every failure as ``file:line: column: problem``.
    """
    if not path.exists():
        raise CuratedTableError(f"{path}: curated table is missing")
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise CuratedTableError(f"{path}: not a valid UTF-8 CSV table: {exc}") from None
    expected = list(schema.columns)
    missing = [c for c in expected if c not in df.columns]
    if missing:
        raise CuratedTableError(
            f"{path}:1: header lacks column(s) {', '.join(missing)}; expected {', '.join(expected)}"
        )
    try:
        return schema.validate(df, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        raise CuratedTableError(_describe(path, exc.failure_cases)) from None


def _describe(path: Path, cases: pd.DataFrame) -> str:
    lines = []
    for _, case in cases.iterrows():
        index = case.get("index")
        where = f"{path}:{int(index) + 2}" if pd.notna(index) else f"{path}"
        column = case.get("column") or "(table)"
        check = case.get("check")
        value = case.get("failure_case")
        lines.append(f"{where}: column {column!r}: value {value!r} fails {check}")
    head = f"{path}: {len(lines)} problem(s) in curated table"
    return "\n".join([head, *lines[:50]])


def fail(path: Path, row_index: int, column: str, message: str) -> CuratedTableError:
    """An error for a cross-row rule checked outside pandera (row_index is 0-based)."""
    return CuratedTableError(f"{path}:{row_index + 2}: column {column!r}: {message}")
