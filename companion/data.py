"""Reading derived tables: the one entry point notebooks use for data."""

from __future__ import annotations

import pandas as pd

from companion import paths
from companion.errors import DataError


def load(name: str) -> pd.DataFrame:
    """``data/derived/<name>.csv`` as a DataFrame (empty cells stay '' in text columns)."""
    path = paths.DERIVED / f"{name.removesuffix('.csv')}.csv"
    if not path.exists():
        known = ", ".join(sorted(p.stem for p in paths.DERIVED.glob("*.csv")))
        raise DataError(f"{path}: no such derived table; known tables: {known}")
    df = pd.read_csv(path, keep_default_na=False, na_values=[], encoding="utf-8")
    return df


def csv_path(name: str) -> str:
    """The path of a derived table relative to data/, for chart CSV links."""
    return f"derived/{name.removesuffix('.csv')}.csv"
