"""Display helpers for the chapters: tables, links, labels and numbers in prose.

The chapters (``notebooks/*.md``) load derived tables and show them; this
module is the one place where a table becomes escaped HTML, a passage id
becomes a link to its reading page and a count becomes words:

- :func:`table_html`: a DataFrame as an escaped HTML table in a box that
  scrolls sideways, with an optional caption; cells of ``passage_columns``
  link to the passage, cells of ``html_columns`` are trusted HTML (built with
  :func:`passage_link` or :func:`companion.concordance.person_link_html`);
- :func:`passage_link`, :func:`bullet_list`: small pieces of safe HTML;
- :func:`quote`: an excerpt found by its words (:func:`passage_with`), so that a
  chapter never types a passage id;
- :class:`Labels`: an id -> label lookup that falls back to the id
  (``who("vyshinsky")``), and :func:`source_titles`, the short titles of the
  sources in the manifest's order;
- :func:`number`, :func:`plural`, :func:`spelled`, :func:`join_and`,
  :func:`date_span`: numbers and lists as the prose writes them.

Nothing here computes data: every number a helper writes comes from its caller.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Mapping

import pandas as pd

from companion.excerpts import Excerpt, excerpt, reader_url
from companion.sources import load_manifest

#: A citable passage id (``rogovin-emigrants:p2``, ``crimes-1937:9.11:p2``).
PASSAGE_ID = re.compile(r"^[a-z0-9-]+:[A-Za-z0-9.:]+$")
_WORDS = (
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)


# ------------------------------------------------------------------ numbers and words


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def number(value: float) -> str:
    """A count as the text would write it in English: ``3,000``, ``12``, ``2.5``."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


def spelled(n: int) -> str:
    """``n`` in words up to twelve (``five``), in digits with thousands commas above."""
    n = int(n)
    return _WORDS[n] if 0 <= n < len(_WORDS) else number(n)


def plural(n: int, word: str, many: str | None = None, words: bool = False) -> str:
    """``1 mention``, ``2 mentions``, ``3 persons``; ``many`` for an irregular plural
    (``plural(2, "person", "persons")``), ``words=True`` spells the count (``two notes``)."""
    n = int(n)
    count = spelled(n) if words else number(n)
    return f"{count} {word if n == 1 else (many or word + 's')}"


def join_and(items: Iterable[object], last: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    parts = [str(i) for i in items]
    if len(parts) <= 2:
        return f" {last} ".join(parts)
    return ", ".join(parts[:-1]) + f" {last} " + parts[-1]


def date_span(start: str, end: str, sep: str = " to ") -> str:
    """An ISO date, or an interval of two (``1923-06-01 to 1923-06-30``)."""
    return start if start == end else f"{start}{sep}{end}"


# ------------------------------------------------------------------ labels


class Labels(dict):
    """``id -> label``; looking up or calling it with an id that has no label gives the
    id itself, so ``Series.map(labels)`` never leaves a gap."""

    def __missing__(self, key: str) -> str:
        return key

    def __call__(self, key: str) -> str:
        return self[key]

    @classmethod
    def of(cls, df: pd.DataFrame, key: str, label: str) -> Labels:
        """The labels of column ``label`` by column ``key`` (the first row of a key wins)."""
        out = cls()
        for k, v in zip(df[key], df[label], strict=True):
            out.setdefault(k, v)
        return out


def source_titles() -> Labels:
    """Source id -> short title, in the order of the manifest."""
    return Labels((sid, s.short_title) for sid, s in load_manifest().items())


# ------------------------------------------------------------------ quotations


def passage_with(passages: pd.DataFrame, phrase: str) -> str:
    """The id of the one passage of ``passages`` whose reading text contains ``phrase``:
    a chapter looks a passage up by its words and never types its id."""
    hits = passages[passages["text"].str.contains(phrase, regex=False)]
    if len(hits) != 1:
        raise LookupError(f"{len(hits)} passages contain {phrase!r}; expected exactly one")
    return hits.iloc[0]["passage_id"]


def quote(passages: pd.DataFrame, phrase: str, whole: bool = False) -> Excerpt:
    """An excerpt of ``phrase`` (or, with ``whole``, of its whole passage), from the one
    passage of ``passages`` that contains it."""
    pid = passage_with(passages, phrase)
    return excerpt(pid) if whole else excerpt(pid, phrase)


# ------------------------------------------------------------------ HTML


def passage_link(passage_id: str, root: str = "../") -> str:
    """The passage id as code, linking to the passage on its source's reading page."""
    href = html.escape(reader_url(passage_id, root))
    return f'<a href="{href}"><code>{html.escape(passage_id)}</code></a>'


def bullet_list(items: Iterable[str]) -> str:
    """Items that are already safe HTML as a ``<ul>``; empty string for no items."""
    items = list(items)
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else ""


def table_html(
    df: pd.DataFrame,
    passage_columns: Iterable[str] = (),
    root: str = "../",
    caption: str = "",
    min_width: int = 0,
    html_columns: Iterable[str] = (),
    columns: Mapping[str, str] | None = None,
) -> str:
    """``df`` as an escaped HTML table in a box that scrolls sideways.

    ``columns`` (column -> heading) selects and renames the columns shown, in its
    order. Cells of ``passage_columns`` that hold a passage id link to the passage
    on its reading page; cells of ``html_columns`` are trusted HTML and are not
    escaped; every other cell is escaped; empty and missing cells are blank. Both
    lists name the columns as shown (after renaming). ``min_width`` (px) keeps a
    wide table readable on a narrow page.
    """
    if columns is not None:
        df = df[list(columns)].rename(columns=dict(columns))
    links, raw = set(passage_columns), set(html_columns)
    unknown = (links | raw) - {str(c) for c in df.columns}
    if unknown:
        raise KeyError(f"no column(s) {sorted(unknown)} in the table")
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    body = []
    for row in df.itertuples(index=False):
        cells = []
        for column, value in zip(df.columns, row, strict=True):
            text = "" if _missing(value) else str(value)
            if column in raw:
                cells.append(f"<td>{text}</td>")
            elif column in links and PASSAGE_ID.match(text):
                cells.append(f'<td style="white-space:nowrap">{passage_link(text, root)}</td>')
            else:
                cells.append(f"<td>{html.escape(text)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    width = f"min-width:{min_width}px;" if min_width else ""
    return (
        '<div class="companion-table" style="overflow-x:auto">'
        f'<table class="table" style="{width}font-size:0.85em">'
        f"{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )
