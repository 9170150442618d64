"""The display helpers notebooks use: charts with captions, widgets with static equivalents."""

from __future__ import annotations

import altair as alt
import ipywidgets as w
import pandas as pd
import pytest

from companion.charts import OKABE_ITO, VEGALITE_MIME, figure
from companion.sphinx_ext import chart_html, relative_root
from companion.widgets import WIDGET_MIME, live_or_static


def a_chart() -> alt.Chart:
    return (
        alt.Chart(pd.DataFrame({"x": [1, 2], "c": ["a", "b"]}))
        .mark_bar()
        .encode(x="x:Q", color="c:N")
    )


def test_figure_carries_caption_alt_and_csv_in_the_spec():
    spec = figure(a_chart(), caption="Cap", alt="Two bars", csv="derived/passages.csv").to_dict()
    assert spec["usermeta"]["companion"] == {
        "caption": "Cap",
        "alt": "Two bars",
        "csv": "derived/passages.csv",
    }
    assert spec["description"] == "Two bars"
    assert spec["config"]["range"]["category"] == OKABE_ITO


def test_figure_bundle_is_the_vegalite_mime_type():
    bundle = figure(a_chart(), caption="C", alt="A", csv="derived/passages.csv")._repr_mimebundle_()
    assert VEGALITE_MIME in bundle
    assert "text/html" not in bundle  # no CDN-loading HTML anywhere


@pytest.mark.parametrize(
    ("caption", "alt_text", "csv", "error"),
    [
        ("", "A", "derived/passages.csv", ValueError),
        ("C", " ", "derived/passages.csv", ValueError),
        ("C", "A", "derived/no_such_table.csv", FileNotFoundError),
    ],
)
def test_figure_refuses_missing_parts(caption, alt_text, csv, error):
    with pytest.raises(error):
        figure(a_chart(), caption=caption, alt=alt_text, csv=csv)


def test_chart_html_escapes_and_links_the_csv():
    spec = figure(
        a_chart(), caption="<b>Cap</b>", alt="A & B", csv="derived/passages.csv"
    ).to_dict()
    markup = chart_html(spec, "chart-x", relative_root("notebooks/sources"))
    assert "&lt;b&gt;Cap&lt;/b&gt;" in markup
    assert "A &amp; B" in markup
    assert 'href="../data/derived/passages.csv"' in markup
    assert "</script>" in markup and markup.count("</script>") == 1


def test_spec_cannot_close_its_script_element():
    df = pd.DataFrame({"x": [1], "label": ["</script><script>alert(1)</script>"]})
    chart = alt.Chart(df).mark_bar().encode(x="x:Q", tooltip="label:N")
    spec = figure(chart, caption="C", alt="A", csv="derived/passages.csv").to_dict()
    markup = chart_html(spec, "chart-y", "")
    assert markup.count("</script>") == 1


def test_widget_bundle_has_live_and_static_parts():
    bundle = live_or_static(w.Dropdown(options=["a"]), "<p>static</p>")._repr_mimebundle_()
    assert WIDGET_MIME in bundle
    assert bundle["text/html"] == "<p>static</p>"
    with pytest.raises(ValueError):
        live_or_static(w.Dropdown(options=["a"]), "  ")
