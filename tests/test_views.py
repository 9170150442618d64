"""The chapters' display helpers (companion.views): escaping, links, captions, words."""

from __future__ import annotations

import pandas as pd
import pytest

from companion import concordance, figures_views, views
from companion.excerpts import reader_url


def test_table_html_escapes_every_plain_cell_and_heading():
    df = pd.DataFrame({"A & B": ["<script>x</script>", "a & b"], "Quote": ['"q"', "it's"]})
    markup = views.table_html(df)
    assert "<script>" not in markup and "&lt;script&gt;x&lt;/script&gt;" in markup
    assert "<th>A &amp; B</th>" in markup and "a &amp; b" in markup
    assert "&quot;q&quot;" in markup and "it&#x27;s" in markup


def test_table_html_links_passage_ids_only_where_asked_and_only_real_ids():
    df = pd.DataFrame(
        {
            "Passage": ["rogovin-emigrants:p2", "crimes-1937:9.11:p2", "<b>", ""],
            "Other": ["monat:n369"] * 4,
        }
    )
    markup = views.table_html(df, passage_columns=["Passage"])
    for pid in ("rogovin-emigrants:p2", "crimes-1937:9.11:p2"):
        assert f'<a href="{reader_url(pid, "../")}"><code>{pid}</code></a>' in markup
    assert "&lt;b&gt;" in markup  # not an id: escaped, not linked
    assert "<td>monat:n369</td>" in markup  # not a passage column: plain text
    assert markup.count("<a href=") == 2


def test_table_html_root_is_the_path_to_the_book_root():
    df = pd.DataFrame({"Passage": ["letter-1930:p3"]})
    markup = views.table_html(df, passage_columns=["Passage"], root="../../")
    assert 'href="../../book/sources/letter-1930.html#letter-1930:p3"' in markup


def test_table_html_caption_is_escaped_and_optional():
    df = pd.DataFrame({"x": [1]})
    assert "<caption>" not in views.table_html(df)
    markup = views.table_html(df, caption="Notes <356–386> & more")
    assert "<caption>Notes &lt;356–386&gt; &amp; more</caption>" in markup


def test_table_html_html_columns_are_trusted_and_others_are_not():
    link = views.passage_link("letter-1930:p3")
    df = pd.DataFrame({"Where": [link], "Name": ["<i>x</i>"]})
    markup = views.table_html(df, html_columns=["Where"])
    assert f"<td>{link}</td>" in markup
    assert "<td>&lt;i&gt;x&lt;/i&gt;</td>" in markup


def test_table_html_selects_and_renames_columns_in_order():
    df = pd.DataFrame({"b": [2], "a": [1], "passage_id": ["monat:n369"], "drop": ["x"]})
    markup = views.table_html(
        df,
        columns={"a": "First", "b": "Second", "passage_id": "Passage"},
        passage_columns=["Passage"],
    )
    assert "<th>First</th><th>Second</th><th>Passage</th></tr>" in markup
    assert "drop" not in markup and ">x<" not in markup
    assert reader_url("monat:n369", "../") in markup


def test_table_html_blank_for_missing_and_width():
    df = pd.DataFrame({"x": [float("nan"), None, 3.0]})
    markup = views.table_html(df, min_width=900)
    assert "nan" not in markup and "None" not in markup
    assert "min-width:900px" in markup
    assert "min-width" not in views.table_html(df)


def test_table_html_refuses_unknown_link_columns():
    with pytest.raises(KeyError):
        views.table_html(pd.DataFrame({"a": [1]}), passage_columns=["Passage"])


def test_the_old_table_helpers_are_the_new_one():
    df = pd.DataFrame({"Passage": ["monat:n369"], "Person": ['<a href="x">X</a>']})
    assert figures_views.table_html is views.table_html
    assert concordance.table_html(df, html_columns=["Person"]) == views.table_html(
        df, html_columns=["Person"]
    )


def test_passage_link_escapes_and_points_to_the_reader():
    assert views.passage_link("crimes-1937:9.11:p2") == (
        '<a href="../book/sources/crimes-1937.html#crimes-1937:9.11:p2">'
        "<code>crimes-1937:9.11:p2</code></a>"
    )
    assert "&lt;" in views.passage_link("x:<p>")


def test_bullet_list():
    assert views.bullet_list([]) == ""
    assert views.bullet_list(["a", "<b>b</b>"]) == "<ul><li>a</li><li><b>b</b></li></ul>"


@pytest.mark.parametrize(
    ("value", "text"), [(3000, "3,000"), (12.0, "12"), (2.5, "2.5"), (1234567, "1,234,567")]
)
def test_number(value, text):
    assert views.number(value) == text
    assert figures_views.fmt(value) == text


def test_words_for_counts():
    assert views.spelled(5) == "five" and views.spelled(12) == "twelve"
    assert views.spelled(13) == "13" and views.spelled(1500) == "1,500"
    assert views.plural(1, "mention") == "1 mention"
    assert views.plural(2, "mention") == "2 mentions"
    assert views.plural(0, "turn") == "0 turns"
    assert views.plural(3, "person", "persons") == "3 persons"
    assert views.plural(2, "note", words=True) == "two notes"
    assert views.plural(1200, "passage") == "1,200 passages"


def test_join_and_and_date_span():
    assert views.join_and([]) == ""
    assert views.join_and(["a"]) == "a"
    assert views.join_and(["a", "b"]) == "a and b"
    assert views.join_and(["a", "b", "c"]) == "a, b and c"
    assert views.join_and([1, 2], last="or") == "1 or 2"
    assert views.date_span("1923-06-07", "1923-06-07") == "1923-06-07"
    assert views.date_span("1923-06-01", "1923-06-30") == "1923-06-01 to 1923-06-30"


def test_labels_fall_back_to_the_key():
    df = pd.DataFrame({"id": ["a", "b", "a"], "name": ["Alpha", "Beta", "Other"]})
    who = views.Labels.of(df, "id", "name")
    assert who("a") == "Alpha" and who("b") == "Beta" and who("zzz") == "zzz"
    assert who["zzz"] == "zzz" and "zzz" not in who
    assert list(pd.Series(["b", "x"]).map(who)) == ["Beta", "x"]


def test_source_titles_in_manifest_order():
    titles = views.source_titles()
    assert list(titles)[:2] == ["letter-1930", "crimes-1937"]
    assert titles("crimes-1937") == "Stalins Verbrechen"
