"""One project-wide way to show Altair charts: a theme and :func:`figure`.

``figure(chart, caption=..., alt=..., csv=...)`` returns an object that Jupyter
displays as a Vega-Lite MIME bundle (``application/vnd.vegalite.v5+json``):

- in JupyterLab / Binder, Lab's built-in Vega renderer draws it with no network;
- in the HTML book, ``companion.sphinx_ext.VegaLiteMimeRenderer`` (a myst-nb
  MIME plugin) turns it into a ``<figure>`` with the caption, a link to the CSV
  and the text alternative; the page loads Vega from the book's own
  ``_static/vendor/`` once, and the browser caches it across pages.

Caption, text alternative and CSV travel inside the spec's ``usermeta``; the
book build fails (Sphinx warning under ``-W``) on a chart without them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import altair as alt

from companion import paths

VEGALITE_MIME = "application/vnd.vegalite.v5+json"

#: Okabe & Ito's colour-blind-safe categorical palette (black moved last).
OKABE_ITO = [
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
]
#: Sequential scheme for heat maps: perceptually uniform and colour-blind safe.
SEQUENTIAL_SCHEME = "viridis"


# Altair's "default" renderer writes HTML that loads Vega from a CDN when no
# JupyterLab front end is detected (as in the book build). The mimetype
# renderer emits the plain Vega-Lite MIME bundle everywhere.
alt.renderers.enable("mimetype")


@alt.theme.register("companion", enable=True)
def companion_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            "range": {
                "category": OKABE_ITO,
                "ordinal": {"scheme": SEQUENTIAL_SCHEME},
                "ramp": {"scheme": SEQUENTIAL_SCHEME},
                "heatmap": {"scheme": SEQUENTIAL_SCHEME},
            },
            "mark": {"color": OKABE_ITO[0]},
            "view": {"continuousWidth": 560, "continuousHeight": 300, "stroke": None},
            "axis": {"labelFontSize": 12, "titleFontSize": 12},
            "legend": {"labelFontSize": 12, "titleFontSize": 12},
        }
    }


@dataclass
class Figure:
    """An Altair chart with its caption, text alternative and CSV link."""

    chart: alt.TopLevelMixin
    caption: str
    alt: str
    csv: str

    def to_dict(self) -> dict[str, Any]:
        spec = self.chart.to_dict()
        spec["description"] = self.alt
        meta = spec.setdefault("usermeta", {})
        meta["companion"] = {"caption": self.caption, "alt": self.alt, "csv": self.csv}
        return spec

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {
            VEGALITE_MIME: self.to_dict(),
            "text/plain": (
                f"Figure: {self.caption}\n\nText alternative: {self.alt}\n\nData: {self.csv}"
            ),
        }


def figure(chart: alt.TopLevelMixin, *, caption: str, alt: str, csv: str) -> Figure:
    """Wrap ``chart`` for display with a caption, a text alternative and its CSV.

    ``csv`` is a path relative to ``data/`` (e.g. ``derived/source_stats.csv``)
    and must exist: every chart links to the table it draws.
    """
    if not caption.strip() or not alt.strip():
        raise ValueError("a chart needs a caption and a text alternative")
    if not (paths.DATA / csv).is_file():
        raise FileNotFoundError(f"chart data {paths.DATA / csv} does not exist")
    return Figure(chart, caption.strip(), alt.strip(), csv)
