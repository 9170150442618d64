"""Shared fixtures."""

from __future__ import annotations

import pytest

from companion.parsers import PARSER_MODULES, parse_source

SOURCE_IDS = list(PARSER_MODULES)


@pytest.fixture(scope="session")
def documents():
    """Every source parsed once per test session."""
    return {sid: parse_source(sid) for sid in SOURCE_IDS}


# --- the built book -----------------------------------------------------------------

import functools  # noqa: E402
import http.server  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import threading  # noqa: E402
from pathlib import Path  # noqa: E402

from companion import paths  # noqa: E402

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("COMPANION_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def book_html() -> Path:
    """The strictly built book. Built from clean once per session.

    Set COMPANION_REUSE_BUILD=1 on a laptop to reuse an existing _build/html
    (never in CI: there the book is always rebuilt from clean).
    """
    from companion.build import build

    if os.environ.get("COMPANION_REUSE_BUILD") == "1" and not IN_CI and paths.HTML.exists():
        return paths.HTML
    code = build(clean=True)
    assert code == 0, "the strict book build failed (see the jupyter-book output above)"
    return paths.HTML


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep pytest output readable
        pass


@pytest.fixture(scope="session")
def book_server(book_html):
    """Serve the built book on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(book_html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium from Debian's package, driven by Playwright.

    Missing browser: skipped on a laptop, a failure when CI=true.
    """
    reason = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "the playwright package is not installed"
    if reason is None and not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        reason = f"Chromium not found at {CHROMIUM} (install Debian's chromium package)"
    if reason:
        if IN_CI:
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield b
        b.close()
