"""The data package: ``data/derived/datapackage.json`` describing every derived table.

Field types come from the tables themselves (integer, number, string);
titles and descriptions come from ``data/curated/tables.yml``, where every
derived table and every one of its columns must be described. Derivation
writes the package even when a new table is not described yet (its descriptions
are left empty, so work in progress can run); the tests call
:func:`package_descriptor` with ``strict=True``, which names every undescribed
table or column. The package is
validated with the frictionless library in the tests, and the book's data page
(``{data-dictionary}`` directive) is generated from it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from companion import paths
from companion.errors import CuratedTableError

DESCRIPTIONS = paths.CURATED / "tables.yml"
PACKAGE_NAME = "terror-testimony-study-companion"


def load_descriptions(path: Path = DESCRIPTIONS) -> dict[str, Any]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(doc, dict) or not isinstance(doc.get("tables"), dict):
        raise CuratedTableError(f"{path}: expected a mapping 'tables: {{name: ...}}'")
    return doc


def _field_type(series: pd.Series) -> str:
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_float_dtype(series):
        return "number"
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    return "string"


def resource(
    csv: Path, described: dict[str, Any], where: Path, strict: bool = True
) -> dict[str, Any]:
    name = csv.stem
    if name not in described and strict:
        raise CuratedTableError(f"{where}: table {name!r} ({csv}) is not described")
    info = described.get(name, {"title": name, "description": "", "columns": {}})
    df = pd.read_csv(csv, keep_default_na=False, na_values=[""], encoding="utf-8")
    columns = info.get("columns") or {}
    missing = [c for c in df.columns if c not in columns]
    if missing and strict:
        raise CuratedTableError(
            f"{where}: table {name!r}: column(s) {', '.join(missing)} not described"
        )
    stale = [c for c in columns if c not in df.columns]
    if stale:
        raise CuratedTableError(
            f"{where}: table {name!r}: described column(s) {', '.join(stale)} not in {csv.name}"
        )
    fields = [
        {
            "name": c,
            "type": _field_type(df[c]),
            "description": " ".join(str(columns.get(c, "")).split()),
        }
        for c in df.columns
    ]
    return {
        "name": name,
        "path": csv.name,
        "title": info["title"],
        "description": " ".join(str(info["description"]).split()),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": fields},
        "rows": len(df),
    }


def package_descriptor(
    derived: Path, descriptions: Path = DESCRIPTIONS, strict: bool = True
) -> dict[str, Any]:
    doc = load_descriptions(descriptions)
    tables = doc["tables"]
    resources = [resource(p, tables, descriptions, strict) for p in sorted(derived.glob("*.csv"))]
    extra = sorted(set(tables) - {r["name"] for r in resources})
    if extra and strict:
        raise CuratedTableError(f"{descriptions}: describes table(s) not derived: {extra}")
    return {
        "name": PACKAGE_NAME,
        "title": doc.get("title", ""),
        "description": " ".join(str(doc.get("description", "")).split()),
        "licenses": doc.get("licenses", []),
        "resources": resources,
    }


def write_package(derived: Path) -> Path:
    path = derived / "datapackage.json"
    descriptor = package_descriptor(derived, strict=False)
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
