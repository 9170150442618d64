"""The sources in data/sources/: manifest, checksums, and a changed byte stopping a run."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from companion import paths
from companion.errors import ManifestError, SourceChecksumError
from companion.sources import load_manifest, verify_source

SHARED_SUMS = paths.ROOT.parent / "shared" / "sources" / "SHA256SUMS"


def test_manifest_lists_five_sources_with_their_fields():
    sources = load_manifest()
    assert list(sources) == [
        "letter-1930",
        "crimes-1937",
        "monat",
        "cliff-1923",
        "rogovin-emigrants",
    ]
    for s in sources.values():
        assert s.path.exists(), s.path
        assert s.language in {"de", "en"}
        assert len(s.provenance) > 100


def test_every_file_matches_its_manifest_checksum():
    for s in load_manifest().values():
        assert hashlib.sha256(s.path.read_bytes()).hexdigest() == s.sha256
        verify_source(s)


@pytest.mark.skipif(not SHARED_SUMS.exists(), reason="shared/ is not beside this checkout")
def test_manifest_checksums_equal_the_received_ones():
    received = dict(
        reversed(line.split()) for line in SHARED_SUMS.read_text().splitlines() if line.strip()
    )
    for s in load_manifest().values():
        assert received[s.original_file] == s.sha256


def test_changed_byte_raises_naming_file_and_both_checksums(tmp_path):
    source = load_manifest()["letter-1930"]
    data = bytearray(source.path.read_bytes())
    data[100] ^= 0x01
    copy = tmp_path / source.file
    copy.write_bytes(bytes(data))
    with pytest.raises(SourceChecksumError) as err:
        verify_source(source, copy)
    msg = str(err.value)
    assert str(copy) in msg
    assert source.sha256 in msg
    assert hashlib.sha256(bytes(data)).hexdigest() in msg


def test_changed_byte_fails_the_derive_run(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(paths.DATA, data)
    target = data / "sources" / load_manifest()["crimes-1937"].file
    raw = bytearray(target.read_bytes())
    raw[5000] = ord("X") if raw[5000] != ord("X") else ord("Y")
    target.write_bytes(bytes(raw))
    env = dict(os.environ, COMPANION_DATA=str(data))
    run = subprocess.run(
        [sys.executable, "-m", "companion.derive", "--check"],
        env=env,
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
    )
    assert run.returncode != 0
    assert target.name in run.stderr
    assert "checksum mismatch" in run.stderr


def test_malformed_manifest_names_the_problem(tmp_path):
    bad = tmp_path / "sources.yml"
    bad.write_text("sources:\n  - source_id: x\n    file: x.txt\n")
    with pytest.raises(ManifestError, match=r"source #1 lacks field\(s\) original_file"):
        load_manifest(bad)


def test_paths_point_into_the_checkout():
    assert Path(paths.ROOT / "pyproject.toml").exists()


def test_badly_quoted_curated_csv_names_file_and_line(tmp_path):
    import pandera.pandas as pa

    from companion.curated import read_curated
    from companion.errors import CuratedTableError

    bad = tmp_path / "bad.csv"
    bad.write_text('a,b\n1,2\n3,"4\n5,6,7\n')
    with pytest.raises(CuratedTableError, match=r"bad.csv: not a valid UTF-8 CSV table"):
        read_curated(bad, pa.DataFrameSchema({"a": pa.Column(str), "b": pa.Column(str)}))
