"""Every page of the built book, opened in headless Chromium.

Asserts: no request to any host but the local server, no console error, every
chart container drawn (an SVG or canvas inside), and as many charts on a page
as its executed notebook produced.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest

from companion import paths
from companion.charts import VEGALITE_MIME

pytestmark = pytest.mark.browser


def html_pages(root: Path) -> list[str]:
    skip = {"_static", "_sources", "_images", "data", "_downloads"}
    return sorted(
        str(p.relative_to(root))
        for p in root.rglob("*.html")
        if not (set(p.relative_to(root).parts) & skip)
    )


def expected_charts(docname: str) -> int:
    """Vega-Lite outputs in the executed notebook of a page (0 for prose pages)."""
    nb = paths.BUILD / "jupyter_execute" / f"{docname}.ipynb"
    if not nb.exists():
        return 0
    cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
    return sum(
        1
        for cell in cells
        for out in cell.get("outputs", [])
        if VEGALITE_MIME in out.get("data", {})
    )


class PageVisit:
    """Loads one page, recording foreign requests and console errors."""

    def __init__(self, browser, base: str) -> None:
        self.base = base
        self.host = urlparse(base).netloc
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route) -> None:
        url = urlparse(route.request.url)
        if url.scheme in ("data", "blob", "about") or url.netloc == self.host:
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def open(self, rel: str) -> None:
        self.page.goto(f"{self.base}/{rel}", wait_until="load")

    def close(self) -> None:
        self.context.close()


def test_every_page_offline_without_errors(browser, book_server, book_html):
    pages = html_pages(book_html)
    assert len(pages) >= 8, pages
    problems: list[str] = []
    charts_seen = 0
    for rel in pages:
        visit = PageVisit(browser, book_server)
        try:
            visit.open(rel)
            figures = visit.page.locator("figure.companion-chart")
            n = figures.count()
            if n:
                visit.page.wait_for_function(
                    "() => [...document.querySelectorAll('figure.companion-chart')]"
                    ".every(f => f.dataset.rendered)",
                    timeout=20000,
                )
                for i in range(n):
                    fig = figures.nth(i)
                    if fig.get_attribute("data-rendered") != "true":
                        problems.append(f"{rel}: chart {i} failed to draw")
                    elif (
                        fig.locator(
                            ".companion-chart-canvas svg, .companion-chart-canvas canvas"
                        ).count()
                        == 0
                    ):
                        problems.append(f"{rel}: chart {i} has no SVG or canvas")
            docname = rel.removesuffix(".html")
            want = expected_charts(docname)
            if n < want:
                problems.append(f"{rel}: {n} charts shown, its notebook produced {want}")
            charts_seen += n
            problems += [f"{rel}: request to another host: {u}" for u in visit.foreign]
            problems += [f"{rel}: console error: {e}" for e in visit.errors]
        finally:
            visit.close()
    assert not problems, "\n".join(problems)
    assert charts_seen >= 1


def test_chart_tooltip_shows_on_hover(browser, book_server, book_html):
    visit = PageVisit(browser, book_server)
    try:
        visit.open("notebooks/sources.html")
        visit.page.wait_for_selector("figure.companion-chart[data-rendered='true'] svg")
        mark = visit.page.locator("figure.companion-chart svg g.mark-rect path").first
        mark.hover()
        tooltip = visit.page.locator("#vg-tooltip-element")
        tooltip.wait_for(state="visible", timeout=5000)
        assert "Source" in tooltip.inner_text()
    finally:
        visit.close()


def test_chart_has_caption_alt_text_and_csv_link(browser, book_server, book_html):
    visit = PageVisit(browser, book_server)
    try:
        visit.open("notebooks/sources.html")
        fig = visit.page.locator("figure.companion-chart").first
        assert fig.locator("figcaption").inner_text().strip()
        assert fig.locator("details.companion-chart-alt p").text_content().strip()
        href = fig.locator("a.companion-csv").get_attribute("href")
        response = visit.page.request.get(f"{book_server}/notebooks/{href}")
        assert response.status == 200
        assert response.text().splitlines()[0].startswith("source_id,")
    finally:
        visit.close()


def test_citation_link_lands_on_its_passage(browser, book_server, book_html):
    visit = PageVisit(browser, book_server)
    try:
        visit.open("notebooks/sources.html")
        link = visit.page.locator("blockquote.companion-excerpt footer a").first
        pid = visit.page.locator("blockquote.companion-excerpt").first.get_attribute(
            "data-passage-id"
        )
        link.click()
        visit.page.wait_for_load_state("load")
        assert visit.page.url.endswith("#" + pid)
        target = visit.page.locator(f"[id='{pid}']")
        assert target.count() == 1
        assert target.is_visible()
        box = target.bounding_box()
        assert box is not None and 0 <= box["y"] < visit.page.viewport_size["height"]
    finally:
        visit.close()


def test_search_finds_passages_of_the_sources(browser, book_server, book_html):
    """The book's own search index covers the reading texts of the sources."""
    visit = PageVisit(browser, book_server)
    try:
        visit.open("search.html?q=Kjeller")
        results = visit.page.locator("#search-results ul.search li a")
        results.first.wait_for(timeout=20000)
        hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
        assert any("book/sources/crimes-1937" in h for h in hrefs), hrefs
        assert not visit.foreign and not visit.errors
    finally:
        visit.close()


def test_chapter_prints_as_a_clean_handout(browser, book_server, book_html):
    """Print styles hide the navigation and keep charts and excerpts."""
    visit = PageVisit(browser, book_server)
    try:
        visit.open("notebooks/sources.html")
        visit.page.wait_for_selector("figure.companion-chart[data-rendered='true'] svg")
        visit.page.emulate_media(media="print")
        assert not visit.page.locator(".bd-sidebar-primary").first.is_visible()
        assert visit.page.locator("figure.companion-chart svg").first.is_visible()
        assert visit.page.locator("blockquote.companion-excerpt").first.is_visible()
        pdf = visit.page.pdf(format="A4")
        assert pdf[:4] == b"%PDF" and len(pdf) > 10_000
    finally:
        visit.close()
