"""Build the book: ``python -m companion.build [--clean]``.

Runs ``jupyter-book build`` strictly (``-W --keep-going``: any Sphinx warning,
and with ``nb_execution_raise_on_error`` any notebook exception, fails the
build). Notebooks are executed through jupyter-cache, which keys on a notebook's
code only; so that a change to the data a notebook reads (or to the package
that reads it) re-executes it, the cache is cleared whenever the fingerprint of
``data/`` and ``companion/`` differs from the one the last build recorded.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from companion import paths
from companion.errors import DataError
from companion.sources import verify_all

FINGERPRINT_FILE = paths.BUILD / ".inputs-fingerprint"
CACHE_DIR = paths.BUILD / ".jupyter_cache"
INPUT_DIRS = ("data", "companion")


def inputs_fingerprint(root: Path = paths.ROOT) -> str:
    """SHA-256 over the paths and bytes of every file notebooks read."""
    h = hashlib.sha256()
    for name in INPUT_DIRS:
        for path in sorted((root / name).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(str(path.relative_to(root)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()


def invalidate_cache_if_inputs_changed(build_dir: Path = paths.BUILD) -> bool:
    """Clear the execution cache if data or code changed; True if it was cleared."""
    stamp = build_dir / FINGERPRINT_FILE.name
    current = inputs_fingerprint()
    previous = stamp.read_text() if stamp.exists() else None
    cleared = False
    if previous != current and (build_dir / CACHE_DIR.name).exists():
        shutil.rmtree(build_dir / CACHE_DIR.name)
        cleared = True
    build_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)
    return cleared


def build(
    book: Path = paths.ROOT,
    clean: bool = False,
    extra: list[str] | None = None,
    out: Path | None = None,
) -> int:
    """Build ``book`` strictly into ``out`` (default ``<book>/_build``); return the exit code."""
    build_dir = out or book / "_build"
    if clean and build_dir.exists():
        shutil.rmtree(build_dir)
    if book == paths.ROOT:
        verify_all()
        if invalidate_cache_if_inputs_changed(build_dir):
            print("data/ or companion/ changed since the last build: execution cache cleared")
    cmd = [
        str(Path(sys.executable).parent / "jupyter-book"),
        "build",
        str(book),
        "--builder",
        "html",
        "--path-output",
        str(build_dir.parent if build_dir.name == "_build" else build_dir),
        "-W",
        "--keep-going",
        "-n",
        *(extra or []),
    ]
    env = dict(os.environ, PYDEVD_DISABLE_FILE_VALIDATION="1")
    return subprocess.call(cmd, env=env)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build the book strictly.")
    ap.add_argument("--clean", action="store_true", help="remove _build first (as CI does)")
    ap.add_argument("--all", action="store_true", help="rewrite every page (jupyter-book --all)")
    ap.add_argument("--out", type=Path, help="build folder (default: _build)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        out = args.out.resolve() / "_build" if args.out else None
        code = build(clean=args.clean, extra=["--all"] if args.all else None, out=out)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(
        f"book build {'succeeded' if code == 0 else 'FAILED'} in {time.perf_counter() - t0:.1f} s"
    )
    if code == 0:
        html = (args.out.resolve() / "_build" if args.out else paths.BUILD) / "html"
        print(f"open {html / 'index.html'}")
    return code


if __name__ == "__main__":
    sys.exit(main())
