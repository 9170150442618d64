"""Widgets with a static equivalent for the HTML book.

The published book has no kernel, so an ipywidget cannot work there.
:func:`live_or_static` displays the widget when a notebook runs live
(JupyterLab, Binder) and, in the same output, an HTML equivalent (a table, a
concordance, an index) that the book shows instead: the book's myst-nb plugin
drops the widget MIME type for HTML builds (``companion.sphinx_ext``), so no
widget JavaScript is needed from anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


@dataclass
class LiveOrStatic:
    widget: Any
    static_html: str

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        if isinstance(bundle, tuple):  # (data, metadata)
            bundle = bundle[0]
        bundle = dict(bundle)
        bundle["text/html"] = self.static_html
        return bundle


def live_or_static(widget: Any, static_html: str) -> LiveOrStatic:
    """Show ``widget`` live, ``static_html`` in the HTML book."""
    if not static_html.strip():
        raise ValueError("a widget needs a static equivalent for the HTML book")
    return LiveOrStatic(widget, static_html)
