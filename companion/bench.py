"""Benchmark: ``python -m companion.bench`` prints build, derivation and size figures.

Targets (2-core machine): clean build with execution <= 120 s, no-change rebuild
<= 10 s, chart JavaScript <= 1 MB (loaded once, cached), derivation in seconds.
Figures are printed, never asserted: timing belongs here, not in the tests.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bs4 import BeautifulSoup

from companion import paths
from companion.derive import derive

TARGETS = {"clean build": 120.0, "no-change rebuild": 10.0, "chart JavaScript (MB)": 1.0}


def timed_build(clean: bool) -> tuple[float, str]:
    cmd = [sys.executable, "-m", "companion.build"] + (["--clean"] if clean else [])
    t0 = time.perf_counter()
    run = subprocess.run(cmd, capture_output=True, text=True, cwd=paths.ROOT)
    elapsed = time.perf_counter() - t0
    if run.returncode != 0:
        print(run.stdout[-3000:], run.stderr[-3000:], sep="\n")
        raise SystemExit(f"build failed (exit {run.returncode})")
    return elapsed, run.stdout + run.stderr


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def chart_page_bytes(html: Path) -> list[tuple[str, int, int, int]]:
    """(page, charts, local JavaScript bytes, spec bytes) for every page with charts."""
    out = []
    for page in sorted(html.rglob("*.html")):
        if "_static" in page.parts or "data" in page.parts:
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        specs = soup.select("script.companion-chart-spec")
        if not specs:
            continue
        js = 0
        for tag in soup.select("script[src]"):
            src = tag["src"].split("?")[0]
            if "vendor/vega" in src or "companion-charts" in src:
                js += (page.parent / src).resolve().stat().st_size
        spec_bytes = sum(len(s.get_text().encode()) for s in specs)
        out.append((str(page.relative_to(html)), len(specs), js, spec_bytes))
    return out


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        derive(Path(tmp))
        derive_s = time.perf_counter() - t0
    clean_s, log = timed_build(clean=True)
    rebuild_s, _ = timed_build(clean=False)
    notebooks = re.findall(r"(\S+\.md): Executed notebook in ([\d.]+) seconds", log)
    html = paths.HTML
    pages = chart_page_bytes(html)
    js_bytes = max((p[2] for p in pages), default=0)

    print("figure                                   value      target")
    print(f"derive all tables                   {derive_s:9.2f} s  (seconds)")
    print(
        f"clean build with execution          {clean_s:9.1f} s  <= {TARGETS['clean build']:.0f} s"
    )
    rebuild_target = TARGETS["no-change rebuild"]
    print(f"no-change rebuild                   {rebuild_s:9.1f} s  <= {rebuild_target:.0f} s")
    for nb, secs in notebooks:
        print(f"  executed {Path(nb).relative_to(paths.ROOT)!s:28s}{float(secs):7.2f} s")
    print(f"size of _build/html                 {dir_size(html) / 1e6:9.2f} MB")
    print(f"chart JavaScript per page (cached)  {js_bytes / 1e6:9.2f} MB  <= 1 MB")
    for page, n, _js, spec in pages:
        print(f"  {page:36s}{n:3d} charts, spec {spec / 1e3:8.1f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
