"""The committed data/derived/ files equal a fresh regeneration."""

from __future__ import annotations

from companion.derive import stale_files


def test_derived_files_are_fresh():
    stale = stale_files()
    assert not stale, f"stale derived files, run `python -m companion.derive`: {stale}"
