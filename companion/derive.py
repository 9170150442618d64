"""Regenerate every file in data/derived/ from data/sources/ and data/curated/.

python -m companion.derive           # write data/derived/*.csv
python -m companion.derive --check   # exit 1 if a committed file is stale
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from companion import paths
from companion.errors import DataError
from companion.sources import verify_all


def write_csv(df: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(path, index=False, lineterminator="\n")


def derive(out_dir: Path, verbose: bool = False) -> dict[str, float]:
    """Write every registered derived table into ``out_dir``; return seconds per file."""
    from companion.derived_tables import PRODUCERS

    verify_all()
    timings: dict[str, float] = {}
    for name, fn in PRODUCERS.items():
        t0 = time.perf_counter()
        write_csv(fn(), out_dir / name)
        timings[name] = time.perf_counter() - t0
        if verbose:
            print(f"{name:32s} {timings[name]:6.2f} s")
    from companion.datapackage import write_package

    t0 = time.perf_counter()
    write_package(out_dir)
    timings["datapackage.json"] = time.perf_counter() - t0
    return timings


def stale_files(out_dir: Path = paths.DERIVED) -> list[str]:
    """Derived files whose committed content differs from a fresh regeneration."""
    with tempfile.TemporaryDirectory() as tmp:
        derive(Path(tmp))
        stale = []
        fresh = {p.name for p in Path(tmp).iterdir()}
        for name in sorted(fresh):
            committed = out_dir / name
            if not committed.exists() or committed.read_bytes() != (Path(tmp) / name).read_bytes():
                stale.append(name)
        extra = sorted(
            p.name
            for p in out_dir.iterdir()
            if p.suffix in (".csv", ".json") and p.name not in fresh
        )
        stale.extend(f"{name} (no producer: remove it)" for name in extra)
    return stale


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--check", action="store_true", help="fail if committed derived files are stale"
    )
    args = ap.parse_args(argv)
    if args.check:
        stale = stale_files()
        if stale:
            print("stale derived files (run `python -m companion.derive`):", *stale, sep="\n  ")
            return 1
        print("derived files are up to date")
        return 0
    t0 = time.perf_counter()
    derive(paths.DERIVED, verbose=True)
    print(f"{'total':32s} {time.perf_counter() - t0:6.2f} s")
    return 0


def run(argv: list[str] | None = None) -> int:
    """main() with bad input reported as one clear line instead of a traceback."""
    try:
        return main(argv)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(run())
