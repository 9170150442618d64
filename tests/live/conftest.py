"""The JupyterLab server for the live tests (the browser comes from tests/conftest.py)."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator

import pytest

from .lab import LabServer, notebook_checksums

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    """JupyterLab with the Binder settings, stopped (process group terminated) at the end.

    At the end it checksums notebooks/*.md again: a notebook the tests opened
    must be as it was when they opened it.
    Missing JupyterLab or jupytext: skipped on a laptop, a failure when CI=true.
    """
    try:
        import jupyterlab  # noqa: F401
        import jupytext  # noqa: F401
    except ImportError as exc:
        reason = f"JupyterLab and jupytext are needed for the live tests: {exc}"
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    before = notebook_checksums()
    server = LabServer(tmp_path_factory.mktemp("jupyterlab"))
    try:
        server.start()
        yield server
    finally:
        server.stop()
    # A notebook the tests opened must be as it was when opened. Only an opened
    # document could be written back (and the test aborts and reports every write
    # request of the page); any other notebook changing meanwhile is someone
    # editing it, worth a warning only.
    now = notebook_checksums()
    written = sorted(rel for rel, digest in server.opened.items() if now.get(rel, digest) != digest)
    for rel in sorted(set(before) - set(server.opened)):
        if now.get(rel, before[rel]) != before[rel]:
            warnings.warn(
                f"{rel} changed during the live tests; the tests never opened it", stacklevel=1
            )
    assert not written, (
        f"{written} changed after the tests opened them (server log: {server.log_path}); "
        "if nobody edited them meanwhile, JupyterLab wrote them"
    )
