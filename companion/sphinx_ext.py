"""The book's Sphinx extension and myst-nb MIME renderer.

- :class:`VegaLiteMimeRenderer` (registered as a ``myst_nb.mime_renderers``
  entry point in pyproject.toml) renders a notebook's Vega-Lite output as a
  ``<figure>`` with caption, text alternative and CSV link; a chart without
  them is a build warning (and so, under ``-W``, a failed build).
- Pages that contain a chart load the vendored Vega libraries from
  ``_static/vendor/`` (once per page, cached by the browser across pages).
- ``data/`` is copied into the built book as ``data/`` so that every chart's
  CSV link and every download resolves locally.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from companion import paths

LOGGER = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
VEGALITE_MIME = "application/vnd.vegalite.v5+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
EXCERPT_MIME = "application/vnd.companion.excerpt+json"
VEGA_FILES = [
    "vendor/vega-5.33.0.min.js",
    "vendor/vega-lite-5.20.1.min.js",
    "vendor/vega-embed-6.29.0.min.js",
]
CHART_CLASS = "companion-chart"


def _docname(renderer: Any) -> str:
    document = renderer.renderer.document
    env = getattr(document.settings, "env", None)
    return env.docname if env is not None else ""


def relative_root(docname: str) -> str:
    """The relative URL from a page to the book's root ('' or '../' ...)."""
    return "../" * docname.count("/")


def chart_html(spec: dict[str, Any], chart_id: str, root: str) -> str:
    meta = spec.get("usermeta", {}).get("companion", {})
    caption = html.escape(meta.get("caption", ""))
    alt_text = html.escape(meta.get("alt", ""))
    csv = meta.get("csv", "")
    csv_link = (
        f' <a class="companion-csv" href="{html.escape(root + "data/" + csv)}" download>'
        f"Data (CSV): {html.escape(csv.rsplit('/', 1)[-1])}</a>"
        if csv
        else ""
    )
    spec_json = json.dumps(spec, ensure_ascii=False).replace("</", "<\\/")
    return (
        f'<figure class="{CHART_CLASS}" id="{chart_id}">'
        f'<div class="companion-chart-canvas" id="{chart_id}-canvas"></div>'
        f"<figcaption>{caption}{csv_link}</figcaption>"
        f'<details class="companion-chart-alt"><summary>Text alternative</summary>'
        f"<p>{alt_text}</p></details>"
        f'<script type="application/json" class="companion-chart-spec">{spec_json}</script>'
        f"</figure>"
    )


class BookMimeRenderer:
    """myst-nb MIME plugin: captioned offline charts, and excerpts with reader links."""

    mime_priority_overrides: ClassVar[list[tuple[str, str, int | None]]] = [
        ("html", VEGALITE_MIME, 1),
        ("dirhtml", VEGALITE_MIME, 1),
        ("singlehtml", VEGALITE_MIME, 1),
        ("html", EXCERPT_MIME, 0),
        ("dirhtml", EXCERPT_MIME, 0),
        ("singlehtml", EXCERPT_MIME, 0),
        # widgets have no kernel in the static book: their text/html static
        # equivalent (companion.widgets) is shown instead of an empty widget.
        ("html", WIDGET_MIME, None),
        ("dirhtml", WIDGET_MIME, None),
        ("singlehtml", WIDGET_MIME, None),
    ]

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list[nodes.Element] | None:
        if inline:
            return None
        if data.mime_type == EXCERPT_MIME:
            return _excerpt_nodes(renderer, data)
        if data.mime_type != VEGALITE_MIME:
            return None
        spec = data.content if isinstance(data.content, dict) else json.loads(data.string)
        docname = _docname(renderer)
        meta = spec.get("usermeta", {}).get("companion", {})
        missing = [k for k in ("caption", "alt", "csv") if not meta.get(k)]
        if missing:
            LOGGER.warning(
                "chart without %s in %s (cell %s): show charts with companion.charts.figure()",
                ", ".join(missing),
                docname,
                data.cell_index,
                type="companion",
                subtype="chart",
                location=(docname, data.line),
            )
        slug = docname.replace("/", "-")
        chart_id = f"chart-{slug}-{data.cell_index}-{data.output_index}"
        raw = nodes.raw("", chart_html(spec, chart_id, relative_root(docname)), format="html")
        return [raw]


def _excerpt_nodes(renderer: Any, data: Any) -> list[nodes.Element]:
    from companion.excerpts import excerpt_html

    content = data.content if isinstance(data.content, dict) else json.loads(data.string)
    root = relative_root(_docname(renderer))
    markup = excerpt_html(content["passage_id"], content.get("phrase"), root=root)
    return [nodes.raw("", markup, format="html")]


def _page_has_charts(doctree: nodes.document | None) -> bool:
    if doctree is None:
        return False
    return any(CHART_CLASS in node.astext() for node in doctree.findall(nodes.raw))


def add_page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    if _page_has_charts(doctree):
        for js in VEGA_FILES:
            app.add_js_file(js)
        app.add_js_file("companion-charts.js")


def copy_data(app: Sphinx, exception: Exception | None) -> None:
    """Copy data/ (sources, curated and derived tables) into the built book."""
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    target = Path(app.builder.outdir) / "data"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(paths.DATA, target)


def add_static_path(app: Sphinx) -> None:
    app.config.html_static_path.append(str(STATIC))


def drop_thebe(app: Sphinx) -> None:
    """Stop sphinx-thebe from adding its scripts to every page.

    The book does not use Thebe (``launch_buttons.thebe: false``; live code runs
    in Binder), yet jupyter-book 1 always loads sphinx-thebe, whose inline
    script names a third-party CDN and, added twice, makes browsers log
    "Identifier 'THEBE_JS_URL' has already been declared".
    """
    if app.config.html_theme_options.get("launch_buttons", {}).get("thebe"):
        return
    for event in ("env-before-read-docs",):
        for listener in list(app.events.listeners.get(event, [])):
            handler = listener.handler
            if (handler.__module__, handler.__name__) == ("sphinx_thebe", "init_thebe_core"):
                app.disconnect(listener.id)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", drop_thebe)
    app.connect("builder-inited", add_static_path)
    app.add_css_file("companion.css")
    app.add_js_file("companion-translation.js", loading_method="defer")
    app.connect("html-page-context", add_page_assets)
    app.connect("build-finished", copy_data)
    from companion import sphinx_directives, sphinx_people

    sphinx_directives.setup(app)
    sphinx_people.setup(app)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
