"""One chapter opened in JupyterLab in headless Chromium, as a Binder user opens it.

Every request of the page goes through a Playwright route: requests to the
JupyterLab server (and data:/blob: URLs) pass, anything else is aborted and
recorded, and so is any request that would write through the server's contents
API (save, rename, upload, delete). WebSockets do not pass through routes;
they are recorded if they go anywhere but the server.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from playwright.sync_api import Browser, Route
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .lab import ROOT, LabServer, sha256

UI_TIMEOUT_MS = 60_000  # page load, notebook shown, kernel started
RUN_TIMEOUT_MS = 240_000  # one chapter's Run All Cells
DRAW_TIMEOUT_MS = 30_000  # charts and widgets drawn after the run

# The notebook a /lab/tree/<path> URL opened, in the main area; or the text
# editor or Markdown preview it opens without the jupytext default viewer.
_PANEL = "#jp-main-dock-panel .jp-NotebookPanel"
_TEXT_VIEWS = "#jp-main-dock-panel .jp-FileEditor, #jp-main-dock-panel .jp-MarkdownViewer"

_KERNEL_IDLE_JS = """() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]
    .some(e => /\\|\\s*Idle\\s*$/.test(e.textContent))"""

_RUNNING_JS = f"""() => [...document.querySelectorAll('{_PANEL} .jp-CodeCell .jp-InputArea-prompt')]
    .some(p => p.textContent.includes('*'))"""

_STARTED_JS = f"""() => [...document.querySelectorAll('{_PANEL} .jp-CodeCell .jp-InputArea-prompt')]
    .some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))"""

# textContent, not innerText: JupyterLab skips the layout of cells out of view
# (content-visibility), and innerText of those is empty.
# Outputs of the notebook's own cells (not those nested in an Output widget).
_TOP_OUTPUTS_JS = f"""[...document.querySelectorAll('{_PANEL} .jp-OutputArea-output')]
    .filter(o => o.parentElement.closest('.jp-OutputArea-output') === null)"""

_DRAWN_JS = f"""() => {_TOP_OUTPUTS_JS}
    .filter(o => o.classList.contains('jp-RenderedVegaCommon5'))
    .every(o => o.querySelector('svg.marks, canvas.marks'))
  && !{_TOP_OUTPUTS_JS}.some(o => o.textContent.includes('Loading widget...'))"""

_REPORT_JS = f"""() => {{
  const outputs = [...document.querySelectorAll('{_PANEL} .jp-OutputArea-output')];
  const top = {_TOP_OUTPUTS_JS};
  const vega = top.filter(o => o.classList.contains('jp-RenderedVegaCommon5'));
  return {{
    cells: [...document.querySelectorAll('{_PANEL} .jp-CodeCell')].map(c => ({{
      prompt: (c.querySelector('.jp-InputArea-prompt')?.textContent ?? '').trim(),
      source: [...c.querySelectorAll('.jp-InputArea-editor .cm-line')]
        .map(l => l.textContent).join('\\n'),
    }})),
    stderr: outputs
      .filter(o => o.dataset.mimeType === 'application/vnd.jupyter.stderr')
      .map(o => o.textContent),
    charts: vega.length,
    charts_drawn: vega.filter(o => o.querySelector('svg.marks, canvas.marks')).length,
    widgets: top.filter(o => o.querySelector('.jupyter-widgets')).length,
    widget_failures: outputs
      .map(o => o.textContent)
      .filter(t => /Error displaying widget|Loading widget\\.\\.\\./.test(t)),
    panels: document.querySelectorAll('{_PANEL}').length,
    editors: document.querySelectorAll('{_TEXT_VIEWS}').length,
  }};
}}"""


@dataclass
class RunReport:
    """What the notebook shows after Run All Cells."""

    cells: list[dict[str, str]]
    stderr: list[str]
    charts: int
    charts_drawn: int
    widgets: int
    widget_failures: list[str]
    panels: int
    editors: int
    seconds: dict[str, float] = field(default_factory=dict)

    def errors(self) -> list[str]:
        return [t for t in self.stderr if "Traceback" in t or "Error" in t]

    def unexecuted(self) -> list[str]:
        """Sources (first line) of non-empty code cells without an execution count."""
        return [
            c["source"].strip().splitlines()[0]
            for c in self.cells
            if c["source"].strip() and not any(ch.isdigit() for ch in c["prompt"])
        ]


class LabPage:
    """A fresh browser context on the server; records foreign requests and console errors."""

    def __init__(self, browser: Browser, server: LabServer) -> None:
        self.server = server
        self.host = urlparse(server.base).netloc
        self.context = browser.new_context(
            viewport={"width": 1400, "height": 900}, service_workers="block"
        )
        self.context.set_default_timeout(UI_TIMEOUT_MS)
        self.page = self.context.new_page()
        self.foreign: list[str] = []
        self.console_errors: list[str] = []
        self.writes: list[str] = []
        self.context.route("**/*", self._route)
        self.page.on("websocket", self._websocket)
        self.page.on(
            "console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None
        )
        self.page.on("pageerror", lambda e: self.console_errors.append(f"page error: {e}"))

    def _route(self, route: Route) -> None:
        request = route.request
        url = urlparse(request.url)
        if url.scheme in ("data", "blob", "about"):
            route.continue_()
        elif url.netloc != self.host:
            self.foreign.append(request.url)
            route.abort()
        elif (
            url.path.startswith("/api/contents/")
            and request.method != "GET"
            and not url.path.endswith("/checkpoints")  # kept in a temporary folder
        ):
            # A save, rename, upload or delete: the test never writes into the repository.
            self.writes.append(f"{request.method} {url.path}")
            route.abort()
        else:
            route.continue_()

    def _websocket(self, ws: Any) -> None:
        if urlparse(ws.url).netloc != self.host:
            self.foreign.append(ws.url)

    def open(self, rel: str) -> None:
        """Open ``/lab/tree/<rel>`` (the Binder launch URL) and wait for the notebook."""
        self.server.opened.setdefault(rel, sha256(ROOT / rel))
        self.page.goto(
            self.server.url(f"lab/tree/{rel}?token={self.server.token}"),
            wait_until="domcontentloaded",
        )
        self.page.wait_for_selector(f"{_PANEL} .jp-Cell, {_TEXT_VIEWS}", state="attached")
        if self.page.locator(_TEXT_VIEWS).count():
            raise AssertionError(
                f"the launch URL opened {rel} as a text file, not as a notebook: "
                "JupyterLab did not get the default viewer of .jupyter/labconfig/"
            )

    def wait_for_kernel(self, rel: str) -> None:
        """Wait until the kernel of this notebook is idle, on the server and in the page."""
        deadline = time.monotonic() + UI_TIMEOUT_MS / 1000
        while self.server.kernel_state(rel) != "idle":
            if time.monotonic() > deadline:
                raise TimeoutError(f"no idle kernel for {rel} in {UI_TIMEOUT_MS / 1000:.0f} s")
            # Not time.sleep: the page's requests are routed only while Playwright waits.
            self.page.wait_for_timeout(250)
        self.page.wait_for_function(_KERNEL_IDLE_JS)

    def run_all(self) -> None:
        """Run → Run All Cells from the menu bar; the command palette if the menu fails."""
        for _ in range(2):
            try:
                self.page.get_by_role("menuitem", name="Run", exact=True).click(timeout=10_000)
                self.page.get_by_role("menuitem", name="Run All Cells", exact=True).click(
                    timeout=10_000
                )
                break
            except PlaywrightTimeout:
                self.page.keyboard.press("Escape")
        else:
            self.page.locator(_PANEL).click()
            self.page.keyboard.press("Control+Shift+C")
            self.page.keyboard.type("Run All Cells")
            self.page.keyboard.press("Enter")
        self.page.wait_for_function(_STARTED_JS, timeout=10_000)

    def wait_until_done(self, rel: str) -> None:
        """No cell queued or running, the kernel idle, and so twice in a row a second apart."""
        deadline = time.monotonic() + RUN_TIMEOUT_MS / 1000
        settled = 0
        while settled < 2:
            remaining_ms = max(1000, (deadline - time.monotonic()) * 1000)
            self.page.wait_for_function(f"() => !({_RUNNING_JS})()", timeout=remaining_ms)
            self.page.wait_for_function(_KERNEL_IDLE_JS, timeout=remaining_ms)
            idle = self.server.kernel_state(rel) == "idle"
            settled = settled + 1 if idle and not self.page.evaluate(_RUNNING_JS) else 0
            if time.monotonic() > deadline:
                raise TimeoutError(f"{rel}: Run All Cells did not finish in {RUN_TIMEOUT_MS} ms")
            self.page.wait_for_timeout(1000)

    def report(self) -> RunReport:
        """Wait (bounded) for charts and widgets to draw, then read the outputs."""
        with contextlib.suppress(PlaywrightTimeout):  # the report shows what is missing
            self.page.wait_for_function(_DRAWN_JS, timeout=DRAW_TIMEOUT_MS)
        return RunReport(**self.page.evaluate(_REPORT_JS))

    def screenshot(self, name: str) -> str:
        """A screenshot next to the server log (for a failing run); returns its path."""
        path = self.server.workdir / f"{name}.png"
        try:
            self.page.screenshot(path=str(path), full_page=True, timeout=10_000)
        except Exception as exc:  # the page may be gone; the failure matters more
            return f"(no screenshot: {exc})"
        return str(path)

    def close(self) -> None:
        """Close without saving (no beforeunload dialog, autosave is off)."""
        self.context.close()
