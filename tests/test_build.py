"""The strict book build: exceptions and chart-rule violations fail it; cache invalidation."""

from __future__ import annotations

import shutil
import textwrap

import pytest
import yaml

from companion import build as build_mod
from companion import paths

pytestmark = pytest.mark.build

NOTEBOOK_HEADER = textwrap.dedent(
    """\
    ---
    jupytext:
      text_representation:
        extension: .md
        format_name: myst
        format_version: 0.13
    kernelspec:
      display_name: Python 3
      language: python
      name: python3
    ---

    # Probe
    """
)


def tiny_book(tmp_path, code: str):
    """A one-notebook book using the project's own _config.yml."""
    book = tmp_path / "book"
    book.mkdir()
    config = yaml.safe_load((paths.ROOT / "_config.yml").read_text())
    config["exclude_patterns"] = ["_build"]
    config.pop("bibtex_bibfiles", None)  # the probe book cites nothing
    (book / "_config.yml").write_text(yaml.safe_dump(config))
    (book / "_toc.yml").write_text("format: jb-book\nroot: probe\n")
    cell = "```{code-cell} ipython3\n" + textwrap.dedent(code) + "\n```\n"
    (book / "probe.md").write_text(NOTEBOOK_HEADER + "\n" + cell)
    return book


def test_clean_notebook_builds(tmp_path):
    book = tiny_book(tmp_path, "print('fine')")
    assert build_mod.build(book=book) == 0


def test_notebook_exception_fails_the_build(tmp_path):
    book = tiny_book(tmp_path, "raise RuntimeError('boom')")
    assert build_mod.build(book=book) != 0


def test_chart_without_caption_fails_the_build(tmp_path):
    book = tiny_book(
        tmp_path,
        """\
        import altair as alt
        import pandas as pd
        import companion.charts
        alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x:Q")
        """,
    )
    assert build_mod.build(book=book) != 0


def test_widget_shows_its_static_equivalent_in_the_book(tmp_path):
    book = tiny_book(
        tmp_path,
        """\
        import ipywidgets as w
        from companion.widgets import live_or_static
        live_or_static(w.Dropdown(options=["a", "b"]), "<p class='static-eq'>Index: a, b</p>")
        """,
    )
    assert build_mod.build(book=book) == 0
    page = (book / "_build" / "html" / "probe.html").read_text()
    assert "static-eq" in page
    assert "application/vnd.jupyter.widget-view+json" not in page
    assert "embed-amd" not in page and "require.min.js" not in page


def test_the_book_builds_strictly_from_clean(book_html):
    """The whole book, from clean, every notebook executed (the session fixture)."""
    assert (book_html / "notebooks" / "sources.html").exists()
    assert (book_html / "data" / "derived" / "passages.csv").exists()


def test_changed_inputs_clear_the_execution_cache(tmp_path, monkeypatch):
    build_dir = tmp_path / "_build"
    cache = build_dir / ".jupyter_cache"
    cache.mkdir(parents=True)
    (build_dir / ".inputs-fingerprint").write_text("an older fingerprint")
    assert build_mod.invalidate_cache_if_inputs_changed(build_dir) is True
    assert not cache.exists()
    cache.mkdir()
    assert build_mod.invalidate_cache_if_inputs_changed(build_dir) is False
    assert cache.exists()
    monkeypatch.setattr(build_mod, "inputs_fingerprint", lambda root=None: "changed data")
    assert build_mod.invalidate_cache_if_inputs_changed(build_dir) is True
    shutil.rmtree(build_dir)
