"""The data package: every derived table described, valid by the frictionless library."""

from __future__ import annotations

import json

import pytest
from frictionless import Package

from companion import paths
from companion.datapackage import package_descriptor
from companion.errors import CuratedTableError


def test_every_derived_table_and_column_is_described():
    descriptor = package_descriptor(paths.DERIVED, strict=True)
    names = {r["name"] for r in descriptor["resources"]}
    assert names == {p.stem for p in paths.DERIVED.glob("*.csv")}
    for res in descriptor["resources"]:
        assert res["description"], res["name"]
        assert all(f["description"] for f in res["schema"]["fields"]), res["name"]


def test_committed_package_validates_with_frictionless():
    package = Package(str(paths.DERIVED / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "note"])[:20]
    committed = json.loads((paths.DERIVED / "datapackage.json").read_text())
    assert committed == package_descriptor(paths.DERIVED, strict=True)


def test_undescribed_column_is_named(tmp_path):
    (tmp_path / "t.csv").write_text("a,b\n1,x\n")
    (tmp_path / "tables.yml").write_text(
        "tables:\n  t:\n    title: T\n    description: D\n    columns:\n      a: A\n"
    )
    expected = r"tables.yml: table 't': column\(s\) b not described"
    with pytest.raises(CuratedTableError, match=expected):
        package_descriptor(tmp_path, tmp_path / "tables.yml", strict=True)


def test_type_errors_are_caught_by_frictionless(tmp_path):
    (tmp_path / "t.csv").write_text("a\n1\nx\n")
    descriptor = {
        "name": "p",
        "resources": [
            {
                "name": "t",
                "path": "t.csv",
                "format": "csv",
                "schema": {"fields": [{"name": "a", "type": "integer"}]},
            }
        ],
    }
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    assert not Package(str(tmp_path / "datapackage.json")).validate().valid
