"""JupyterLab as a Binder user gets it: the server, the chapters, what a run must show.

The server runs from this venv with the repository as root directory and with
the repository's ``.jupyter/`` as its user configuration directory: on Binder,
repo2docker copies the repository into ``$HOME``, so the repository's
``.jupyter/`` *is* ``~/.jupyter`` there. Settings a Binder user gets come from
that folder only; what the test adds is listed in :data:`TEST_ONLY_SETTINGS`
and in :meth:`LabServer.command` (a token, a port, no browser, and nothing
written into the repository: no autosave, checkpoints in a temporary folder).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "_build"
BINDER_CONFIG_DIR = ROOT / ".jupyter"

VEGALITE_MIME = "application/vnd.vegalite.v5+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

#: JupyterLab settings only the test uses, layered over the repository's
#: ``.jupyter/labconfig/default_setting_overrides.json``. Autosave would write
#: the executed notebook back into ``notebooks/<name>.md`` after two minutes.
TEST_ONLY_SETTINGS: dict[str, Any] = {
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
}

SERVER_START_TIMEOUT_S = 60
HTTP_TIMEOUT_S = 10
SERVER_STOP_TIMEOUT_S = 20


# --- the chapters ---------------------------------------------------------------------


def _toc_entries(node: Any) -> Iterator[str]:
    """Every ``file`` (and ``root``) of a _toc.yml, in order; ``glob`` entries expanded."""
    if isinstance(node, list):
        for item in node:
            yield from _toc_entries(item)
    elif isinstance(node, dict):
        for key in ("root", "file"):
            if isinstance(node.get(key), str):
                yield node[key]
        if isinstance(node.get("glob"), str):
            for path in sorted(ROOT.glob(node["glob"])):
                if path.suffix in (".md", ".ipynb"):
                    yield str(path.relative_to(ROOT).with_suffix(""))
        for value in node.values():
            if isinstance(value, list | dict):
                yield from _toc_entries(value)


def chapter_notebooks() -> list[str]:
    """The chapter notebooks under notebooks/ that _toc.yml lists, as repository paths.

    A toc entry names a document without its extension; chapters are MyST
    Markdown notebooks (``.md``), an ``.ipynb`` is taken if there is no ``.md``.
    An entry whose file is missing is returned as ``<entry>.md`` (the test
    then fails on it).
    """
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    found: list[str] = []
    for entry in _toc_entries(toc):
        entry = entry.strip("/")
        if not entry.startswith("notebooks/"):
            continue
        stem = re.sub(r"\.(md|ipynb)$", "", entry)
        rel = next(
            (f"{stem}{ext}" for ext in (".md", ".ipynb") if (ROOT / f"{stem}{ext}").is_file()),
            f"{stem}.md",
        )
        if rel not in found:
            found.append(rel)
    return found


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def notebook_checksums() -> dict[str, str]:
    """SHA-256 of every notebooks/*.md (and *.ipynb), by repository path."""
    return {
        str(p.relative_to(ROOT)): sha256(p)
        for p in sorted(NOTEBOOKS.glob("*"))
        if p.is_file() and p.suffix in (".md", ".ipynb")
    }


# --- what a run must show ---------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """Charts and widgets a chapter's run must show.

    ``exact``: the numbers come from the book build's executed copy of the same
    code (``_build/jupyter_execute``) and must match exactly. Otherwise they
    are counted in the code (calls of ``figure(`` and ``live_or_static(``), a
    lower bound, since a call in a loop or a helper draws more than once.
    """

    charts: int
    widgets: int
    exact: bool
    origin: str


def _code_sources(cells: list[dict[str, Any]]) -> list[str]:
    out = []
    for cell in cells:
        if cell.get("cell_type") == "code":
            src = cell.get("source", "")
            out.append(("".join(src) if isinstance(src, list) else src).strip())
    return out


def _count_mime(cells: list[dict[str, Any]], mime: str) -> int:
    return sum(
        1 for cell in cells for output in cell.get("outputs", []) if mime in output.get("data", {})
    )


_CALL = r"(?<![\w.])(?<!def ){name}\("


def expected_outputs(rel: str, build: Path = BUILD) -> Expected:
    import jupytext

    notebook = jupytext.read(ROOT / rel)
    cells = [dict(cell) for cell in notebook.cells]
    code = _code_sources(cells)
    executed = build / "jupyter_execute" / Path(rel).with_suffix(".ipynb")
    if executed.is_file():
        built = json.loads(executed.read_text(encoding="utf-8"))["cells"]
        if _code_sources(built) == code:
            return Expected(
                charts=_count_mime(built, VEGALITE_MIME),
                widgets=_count_mime(built, WIDGET_MIME),
                exact=True,
                origin=f"the book build's {executed.relative_to(build.parent)}",
            )
    text = "\n".join(code)
    return Expected(
        charts=len(re.findall(_CALL.format(name="figure"), text)),
        widgets=len(re.findall(_CALL.format(name="live_or_static"), text)),
        exact=False,
        origin="calls of figure( and live_or_static( in its code cells",
    )


# --- the server ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """``python -m jupyterlab`` on 127.0.0.1, in its own process group."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.token = secrets.token_hex(24)
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / "jupyterlab.log"
        self.proc: subprocess.Popen[bytes] | None = None
        #: The documents the tests opened (repository paths) and their SHA-256 when opened.
        self.opened: dict[str, str] = {}

    def command(self) -> list[str]:
        cmd = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={ROOT}",
            # Opening a document creates a checkpoint next to it; keep it out of the repository.
            f"--FileCheckpoints.checkpoint_dir={self.workdir / 'checkpoints'}",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers, CI runners
            cmd.append("--allow-root")
        return cmd

    def environment(self) -> dict[str, str]:
        test_config = self.workdir / "config"
        (test_config / "labconfig").mkdir(parents=True, exist_ok=True)
        (test_config / "labconfig" / "default_setting_overrides.json").write_text(
            json.dumps(TEST_ONLY_SETTINGS, indent=2), encoding="utf-8"
        )
        env = dict(os.environ)
        env.update(
            # Binder's ~/.jupyter is the repository's .jupyter/ (see the module docstring).
            JUPYTER_CONFIG_DIR=str(BINDER_CONFIG_DIR),
            JUPYTER_CONFIG_PATH=str(test_config),
            # Nothing of a developer's own setup, and nothing written into the repository.
            JUPYTERLAB_SETTINGS_DIR=str(self.workdir / "user-settings"),
            JUPYTERLAB_WORKSPACES_DIR=str(self.workdir / "workspaces"),
            JUPYTER_RUNTIME_DIR=str(self.workdir / "runtime"),
            IPYTHONDIR=str(self.workdir / "ipython"),
            PYDEVD_DISABLE_FILE_VALIDATION="1",
        )
        return env

    def start(self) -> None:
        with self.log_path.open("wb") as log:
            self.proc = subprocess.Popen(
                self.command(),
                cwd=ROOT,
                env=self.environment(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, terminated as a whole
            )
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.proc.returncode}:\n{self.log()}")
            try:
                self.api("GET", "/api/status")
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.3)
        raise TimeoutError(
            f"JupyterLab did not answer in {SERVER_START_TIMEOUT_S} s:\n{self.log()}"
        )

    def log(self, last: int = 60) -> str:
        if not self.log_path.exists():
            return ""
        lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        return "\n".join(lines[-last:])

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def api(self, method: str, path: str) -> Any:
        request = urllib.request.Request(
            self.url(path), method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_S) as response:
            body = response.read()
        return json.loads(body) if body else None

    def sessions(self, path: str | None = None) -> list[dict[str, Any]]:
        return [s for s in self.api("GET", "/api/sessions") if path in (None, s.get("path"))]

    def kernel_state(self, path: str) -> str | None:
        """The execution state of the kernel of the session for ``path`` (None: no session)."""
        for session in self.sessions(path):
            kernel = session.get("kernel") or {}
            return kernel.get("execution_state")
        return None

    def end_sessions(self, path: str | None = None) -> None:
        """Shut down the sessions (and their kernels) for ``path``, or all of them."""
        for session in self.sessions(path):
            self.api("DELETE", f"/api/sessions/{session['id']}")

    def forget_layout(self) -> None:
        """Remove the saved workspaces: a fresh page must not restore the previous chapter."""
        for saved in (self.workdir / "workspaces").glob("*"):
            saved.unlink()

    def stop(self) -> None:
        """Shut down kernels, then terminate the server's process group (SIGKILL if need be)."""
        if self.proc is None or self.proc.poll() is not None:
            return
        import psutil

        try:
            children = psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.Error:
            children = []
        with contextlib.suppress(OSError, urllib.error.URLError, ValueError):
            self.end_sessions()
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=SERVER_STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=SERVER_STOP_TIMEOUT_S)
        except ProcessLookupError:
            pass
        # Kernels run in sessions of their own: end any the server left behind.
        for child in children:
            with contextlib.suppress(psutil.Error):
                child.kill()
