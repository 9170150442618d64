"""The blind second gold sample (tests/gold/blind) against the mention finder.

The sample was drawn at random (seed 20261121) and annotated without looking
at the finder, its rules or its own gold set; see tests/gold/blind/README.md.
The numbers asserted here are the ones reported in that README and in
tests/gold/blind/disagreements.md.
"""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

BLIND = Path(__file__).resolve().parent / "gold" / "blind"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"blind_{name}", BLIND / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


compare = _load("compare")
locate = _load("locate")

# Reported numbers. There were no annotator slips, so the numbers before and
# after slip correction are the same.
EXPECTED = {
    "gold": 194,
    "finder": 194,
    "precision_exact": 1.000,
    "recall_exact": 1.000,
    "precision_lenient": 1.000,
    "recall_lenient": 1.000,
}


def _blind_rows() -> list[dict[str, str]]:
    with (BLIND / "mentions_blind.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_blind_surfaces_match_the_raw_text():
    rows = _blind_rows()
    assert len(rows) == EXPECTED["gold"]
    raws = {sid: locate.read_raw(sid) for sid in locate.FILES}
    for row in rows:
        start, end = int(row["raw_start"]), int(row["raw_end"])
        assert raws[row["source_id"]][start:end] == row["surface"], row


def test_blind_mentions_lie_inside_sampled_segments():
    scope = compare.scope()
    for row in _blind_rows():
        start, end = int(row["raw_start"]), int(row["raw_end"])
        assert any(s <= start and end <= e for s, e in scope[row["source_id"]]), row


def test_blind_sample_has_the_reported_size():
    with (BLIND / "sample.csv").open(encoding="utf-8", newline="") as fh:
        sample = list(csv.DictReader(fh))
    assert len(sample) == 40
    counts: dict[str, int] = {}
    for row in sample:
        counts[row["source_id"]] = counts.get(row["source_id"], 0) + 1
    assert counts == dict(_load("sample").STRATA)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_finder_against_blind_gold(key):
    result = compare.evaluate()
    value = result[key]
    if isinstance(EXPECTED[key], float):
        assert round(value, 3) == pytest.approx(EXPECTED[key]), (key, value)
    else:
        assert value == EXPECTED[key], (key, value)
