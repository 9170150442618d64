"""Every chapter notebook, run live in JupyterLab as a Binder user runs it.

For each notebook under notebooks/ that _toc.yml lists: open the Binder launch
URL ``/lab/tree/notebooks/<name>.md`` in headless Chromium, check that it opens
as a notebook (jupytext), wait for the kernel, Run → Run All Cells, wait until
the run is over, then assert: every code cell ran, no error output, every chart
drawn and as many as the book build produced, every widget drawn, no console
error, no request to any host but the local server, and the notebook file
unchanged (the test never saves; autosave is off).
"""

from __future__ import annotations

import contextlib
import time
import warnings

import pytest

from .lab import NOTEBOOKS, ROOT, LabServer, chapter_notebooks, expected_outputs, sha256
from .labpage import LabPage

pytestmark = pytest.mark.live

CHAPTERS = chapter_notebooks()


def test_toc_lists_chapter_notebooks() -> None:
    assert CHAPTERS, "_toc.yml lists no notebook under notebooks/"


@pytest.mark.parametrize("rel", CHAPTERS, ids=[c.removeprefix("notebooks/") for c in CHAPTERS])
def test_chapter_runs_live(browser, jupyterlab: LabServer, rel: str) -> None:
    path = ROOT / rel
    assert path.is_file(), f"_toc.yml lists {rel}, which does not exist"
    digest = sha256(path)
    side_files = [NOTEBOOKS / ".ipynb_checkpoints", path.with_suffix(".ipynb")]
    existed = {p for p in side_files if p.exists()}
    expected = expected_outputs(rel)

    visit = LabPage(browser, jupyterlab)
    timings: dict[str, float] = {}
    t0 = time.monotonic()
    try:
        visit.open(rel)
        timings["open"] = time.monotonic() - t0
        visit.wait_for_kernel(rel)
        timings["kernel"] = time.monotonic() - t0
        visit.run_all()
        visit.wait_until_done(rel)
        timings["run"] = time.monotonic() - t0
        report = visit.report()
    except Exception:
        print(f"screenshot: {visit.screenshot(path.stem)}; server log: {jupyterlab.log_path}")
        raise
    finally:
        visit.close()
        with contextlib.suppress(OSError):  # a dead server must not hide the failure
            jupyterlab.end_sessions(rel)
        jupyterlab.forget_layout()

    problems: list[str] = []
    if report.panels != 1 or report.editors:
        problems.append(
            f"the launch URL did not open {rel} as a notebook "
            f"({report.panels} notebook panels, {report.editors} text editors/viewers)"
        )
    problems += [f"error output:\n{text}" for text in report.errors()]
    problems += [f"code cell not run: {line}" for line in report.unexecuted()]
    if report.charts_drawn != report.charts:
        problems.append(
            f"{report.charts - report.charts_drawn} of {report.charts} charts not drawn"
        )
    for what, shown, want in (
        ("charts", report.charts, expected.charts),
        ("widgets", report.widgets, expected.widgets),
    ):
        if shown != want if expected.exact else shown < want:
            problems.append(
                f"{shown} {what} shown, expected {'' if expected.exact else 'at least '}"
                f"{want} ({expected.origin})"
            )
    problems += [f"widget not drawn: {text}" for text in report.widget_failures]
    problems += [f"console error: {text}" for text in visit.console_errors]
    problems += [f"request to another host (aborted): {url}" for url in visit.foreign]
    problems += [f"write request aborted: {w}" for w in visit.writes]
    if sha256(path) != digest:
        problems.append(
            f"{rel} changed while it was open"
            + ("" if visit.writes else " (the page sent no write request: edited by someone?)")
        )
    problems += [
        f"JupyterLab created {p.relative_to(ROOT)}"
        for p in side_files
        if p.exists() and p not in existed
    ]

    other_stderr = [t for t in report.stderr if t not in report.errors()]
    for text in other_stderr:
        warnings.warn(f"{rel}: stderr output: {text[:300]}", stacklevel=1)
    assert not problems, (
        f"{rel}:\n" + "\n".join(problems) + f"\n(server log: {jupyterlab.log_path})"
    )
    print(
        f"{rel}: {report.charts} charts, {report.widgets} widgets; "
        + ", ".join(f"{k} after {v:.1f} s" for k, v in timings.items())
    )
