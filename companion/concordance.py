"""Keyword in context: every mention of a person with the words around it.

The concordance (``data/derived/concordance.csv``) has one line per row of
``mentions.csv``. A mention's raw span ``[start, end)`` is mapped to the
*reading text* of its passage (:meth:`companion.textlayer.Reading.text_span`),
so that a line reads as the book prints the passage: ``match`` is the name as
it stands in the reading text (``Le-\\nnin`` in the raw file is ``Lenin``
there), ``left`` and ``right`` are up to :data:`CONTEXT` characters of the same
passage on either side, cut back to whole words. ``left + match + right`` is
always a substring of the passage's text in ``passages.csv``; a context never
runs into a neighbouring passage.

``person_sources.csv`` has one row per person named in the sources: in how
many and which sources, with how many mentions and passages.

The rest of the module prepares views for the chapter "People across the
sources" (``notebooks/people.md``): the forms under which a person is written,
the combinations of sources that share persons, an escaped HTML concordance
table with a link from every line to its passage, and the Altair explorer in
which a choice of person filters the concordance without a kernel.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

import altair as alt
import pandas as pd

from companion import views
from companion.excerpts import reader_url
from companion.mentions import search_layer
from companion.model import Document
from companion.parsers import PARSER_MODULES
from companion.passages import assign_ids
from companion.persons import normalise_surface
from companion.textlayer import Reading

#: characters of context on either side of a match, before cutting to whole words
CONTEXT = 60
CONCORDANCE_COLUMNS = [
    "person_id",
    "source_id",
    "passage_id",
    "start",
    "end",
    "left",
    "match",
    "right",
]
PERSON_SOURCES_COLUMNS = [
    "person_id",
    "name_en",
    "sources",
    "source_ids",
    "mentions",
    "passages",
    "first_passage",
]
INDEX_PAGE = "book/people-index.html"

_SPACE = re.compile(r"\s")


def normalise_match(surface: str) -> str:
    """One spelling of a name as written: line-break hyphens removed (``Le-\\nnin`` ->
    ``Lenin``), whitespace runs made one space (``Karl \\nRadek`` -> ``Karl Radek``)."""
    return normalise_surface(search_layer(surface)[0])


# --- the concordance ----------------------------------------------------------------------


def left_context(text: str, i: int, width: int = CONTEXT) -> str:
    """Up to ``width`` characters before ``text[i]``, starting at a word's beginning."""
    a = max(0, i - width)
    if a > 0 and not text[a - 1].isspace():  # the window begins inside a word: skip it
        space = _SPACE.search(text, a, i)
        a = space.end() if space else i
    while a < i and text[a].isspace():
        a += 1
    return text[a:i]


def right_context(text: str, j: int, width: int = CONTEXT) -> str:
    """Up to ``width`` characters from ``text[j]`` on, ending at a word's end."""
    b = min(len(text), j + width)
    if b < len(text) and not text[b].isspace():  # the window ends inside a word: drop it
        spaces = [m.start() for m in _SPACE.finditer(text, j, b)]
        b = spaces[-1] if spaces else j
    while b > j and text[b - 1].isspace():
        b -= 1
    return text[j:b]


def kwic(reading: Reading, raw_start: int, raw_end: int, width: int = CONTEXT) -> tuple[str, ...]:
    """(left, match, right) of the raw span ``[raw_start, raw_end)`` in a passage."""
    i, j = reading.text_span(raw_start, raw_end)
    if not i < j:
        raise ValueError(f"raw span {raw_start}:{raw_end} has no characters in the reading text")
    text = reading.text
    return left_context(text, i, width), text[i:j], right_context(text, j, width)


def passage_readings(docs: Mapping[str, Document]) -> dict[str, Reading]:
    """The reading layer of every passage, by passage id."""
    out: dict[str, Reading] = {}
    for doc in docs.values():
        for pid, block in zip(assign_ids(doc), doc.blocks, strict=True):
            out[pid] = block.reading
    return out


def concordance_table(
    docs: Mapping[str, Document], mentions: pd.DataFrame, width: int = CONTEXT
) -> pd.DataFrame:
    """One keyword-in-context line per mention, in the order of ``mentions``."""
    readings = passage_readings(docs)
    rows = []
    for m in mentions.itertuples(index=False):
        if m.passage_id not in readings:
            raise ValueError(f"mention {m.start}:{m.end} in unknown passage {m.passage_id!r}")
        left, match, right = kwic(readings[m.passage_id], int(m.start), int(m.end), width)
        rows.append(
            {
                "person_id": m.person_id,
                "source_id": m.source_id,
                "passage_id": m.passage_id,
                "start": int(m.start),
                "end": int(m.end),
                "left": left,
                "match": match,
                "right": right,
            }
        )
    return pd.DataFrame(rows, columns=CONCORDANCE_COLUMNS)


def person_sources_table(mentions: pd.DataFrame, persons: pd.DataFrame) -> pd.DataFrame:
    """Per person named at least once: the number and ids of the sources naming them,
    mentions, distinct passages and the first passage (raw order, first source first).

    Sorted by number of sources, then mentions (both descending), then person id.
    """
    order = {sid: i for i, sid in enumerate(PARSER_MODULES)}
    m = mentions.assign(_order=mentions["source_id"].map(order)).sort_values(
        ["_order", "start"], kind="stable"
    )
    grouped = (
        m.groupby("person_id", sort=False)
        .agg(
            source_ids=("source_id", lambda s: "|".join(dict.fromkeys(s))),
            sources=("source_id", "nunique"),
            mentions=("start", "size"),
            passages=("passage_id", "nunique"),
            first_passage=("passage_id", "first"),
        )
        .reset_index()
    )
    table = persons[["person_id", "name_en"]].merge(grouped, on="person_id", how="inner")
    table = table.sort_values(
        ["sources", "mentions", "person_id"], ascending=[False, False, True], kind="stable"
    )
    return table[PERSON_SOURCES_COLUMNS].reset_index(drop=True)


# --- views for the chapter -----------------------------------------------------------------


def name_forms(mentions: pd.DataFrame) -> pd.DataFrame:
    """Per person, source and written form (normalised): the number of mentions.

    Sorted by person, source (manifest order) and frequency.
    """
    order = {sid: i for i, sid in enumerate(PARSER_MODULES)}
    forms = mentions.assign(form=mentions["surface"].map(normalise_match))
    table = forms.groupby(["person_id", "source_id", "form"]).size().rename("mentions")
    table = table.reset_index()
    table["_order"] = table["source_id"].map(order)
    table = table.sort_values(
        ["person_id", "_order", "mentions", "form"],
        ascending=[True, True, False, True],
        kind="stable",
    )
    return table.drop(columns="_order").reset_index(drop=True)


_ADJECTIVE = re.compile(r"sche[ns]?$")


def inflection(form: str, forms_of_person: Iterable[str]) -> str:
    """How a written form relates to the person's other forms.

    ``adjective``: a capitalised form in ``-sche/-schen/-sches`` (``Stalinsche``);
    ``plus_s``: another form of the same person with ``-s`` added (``Radeks``; in the
    German texts nearly always a genitive, in English a plural, ``the Neumanns``);
    ``''`` otherwise.
    """
    if _ADJECTIVE.search(form) and form[:1].isupper():
        return "adjective"
    if form.endswith("s") and form[:-1] in set(forms_of_person):
        return "plus_s"
    return ""


def with_inflection(forms: pd.DataFrame) -> pd.DataFrame:
    """:func:`name_forms` with a column ``inflection`` (see :func:`inflection`)."""
    known = forms.groupby("person_id")["form"].agg(set)
    return forms.assign(
        inflection=[
            inflection(f, known[p]) for p, f in zip(forms["person_id"], forms["form"], strict=True)
        ]
    )


def forms_by_language(forms: pd.DataFrame, languages: Mapping[str, str]) -> pd.DataFrame:
    """Per person and language of the sources (``languages``: source id -> ``de``/``en``):
    the written forms, most frequent first, as ``Form ×n`` joined by ``, ``.

    Columns: person_id, one per language (in the order of ``languages``' values)."""
    langs = list(dict.fromkeys(languages.values()))
    df = forms.assign(lang=forms["source_id"].map(languages))
    summed = df.groupby(["person_id", "lang", "form"], sort=False)["mentions"].sum().reset_index()
    summed = summed.sort_values(
        ["person_id", "lang", "mentions", "form"], ascending=[True, True, False, True]
    )
    pairs = zip(summed["form"], summed["mentions"], strict=True)
    joined = (
        summed.assign(shown=[f"{f} ×{n}" if n > 1 else f for f, n in pairs])
        .groupby(["person_id", "lang"])["shown"]
        .agg(", ".join)
        .unstack(fill_value="")
    )
    for lang in langs:
        if lang not in joined.columns:
            joined[lang] = ""
    return joined[langs].reset_index().rename_axis(columns=None)


def same_spelling(forms: pd.DataFrame, languages: Mapping[str, str]) -> pd.Series:
    """Per person named in sources of two languages: True if some written form occurs in
    both (``Stalin``), False if the two languages share no form (``Sinowjew``/``Zinoviev``)."""
    df = forms.assign(lang=forms["source_id"].map(languages))
    by_lang = df.groupby(["person_id", "lang"])["form"].agg(set).unstack()
    both = by_lang.dropna()
    return both.apply(lambda r: bool(set.intersection(*r.values)), axis=1)


def source_combinations(person_sources: pd.DataFrame, min_sources: int = 2) -> pd.DataFrame:
    """Combinations of sources that name the same persons (UpSet rows).

    One row per combination (``source_ids``) with at least ``min_sources`` sources:
    ``persons`` (count), ``names`` (``; ``-joined English names), ``sources``.
    """
    shared = person_sources[person_sources["sources"] >= min_sources]
    combos = (
        shared.groupby("source_ids", sort=False)
        .agg(
            persons=("person_id", "size"),
            sources=("sources", "first"),
            names=("name_en", lambda s: "; ".join(s)),
        )
        .reset_index()
    )
    return combos.sort_values(
        ["persons", "sources", "source_ids"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def combination_matrix(combos: pd.DataFrame, titles: Mapping[str, str]) -> pd.DataFrame:
    """The dot matrix of an UpSet chart: each combination x each source, ``member`` 0/1,
    and the first and last member source of the combination (for the connecting line)."""
    source_ids = list(titles)
    rows = []
    for c in combos.itertuples(index=False):
        members = c.source_ids.split("|")
        ranks = [source_ids.index(s) for s in members]
        for sid in source_ids:
            rows.append(
                {
                    "source_ids": c.source_ids,
                    "source": titles[sid],
                    "member": int(sid in members),
                    "first": titles[source_ids[min(ranks)]],
                    "last": titles[source_ids[max(ranks)]],
                    "persons": c.persons,
                }
            )
    return pd.DataFrame(rows)


def index_url(person_id: str, root: str = "../") -> str:
    """The URL of a person's entry in the index of persons."""
    return f"{root}{INDEX_PAGE}#person-{person_id}"


def person_link_html(person_id: str, name: str, root: str = "../") -> str:
    """A person's name linking to their entry in the index of persons."""
    return f'<a href="{html.escape(index_url(person_id, root))}">{html.escape(name)}</a>'


def table_html(df: pd.DataFrame, html_columns: Iterable[str] = ()) -> str:
    """``df`` as an HTML table; cells are escaped except in ``html_columns``, whose
    values must already be safe HTML (built with :func:`person_link_html`).
    Kept for compatibility: :func:`companion.views.table_html` does the work."""
    return views.table_html(df, html_columns=html_columns)


def concordance_html(lines: pd.DataFrame, root: str = "../", limit: int | None = None) -> str:
    """Concordance lines as an escaped HTML table; each passage id and each match
    links to the passage on its reading page."""
    shown = lines if limit is None else lines.head(limit)
    body = []
    for r in shown.itertuples(index=False):
        href = html.escape(reader_url(r.passage_id, root))
        body.append(
            "<tr>"
            f'<td style="white-space:nowrap"><a href="{href}"><code>'
            f"{html.escape(r.passage_id)}</code></a></td>"
            f'<td style="text-align:right">{html.escape(r.left)}</td>'
            f'<td style="white-space:nowrap"><a href="{href}"><strong>'
            f"{html.escape(r.match)}</strong></a></td>"
            f"<td>{html.escape(r.right)}</td>"
            "</tr>"
        )
    more = ""
    if limit is not None and len(lines) > limit:
        more = f"<p><small>The first {limit} of {len(lines)} lines.</small></p>"
    return (
        '<div class="companion-table companion-concordance" style="overflow-x:auto">'
        '<table class="table" style="font-size:0.85em">'
        "<thead><tr><th>Passage</th><th>Before</th><th>Name</th><th>After</th></tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>{more}"
    )


def explorer_rows(
    concordance: pd.DataFrame,
    per_person: int = 12,
    width: int = 36,
    root: str = "../",
    char_width: float = 6.6,
) -> pd.DataFrame:
    """Up to ``per_person`` concordance lines of every person, for :func:`explorer_chart`.

    The lines are spread over the sources that name the person: the first line of
    each source, then the second of each, and so on, until ``per_person`` are taken;
    they are shown in source and raw order. Each is numbered (``line``), has the URL
    of its passage (``href``) and its context shortened to ``width`` characters on
    either side (cut to whole words, outer spaces stripped: SVG text drops them).
    ``left_dx`` and ``right_x`` place the contexts around the name in a monospace font
    of ``char_width`` pixels per character, leaving one character of space where the
    text has a space (``Für Stalin``) and none where it has not (``Hitler-Stalin``).
    """
    order = {sid: i for i, sid in enumerate(PARSER_MODULES)}
    lines = concordance.assign(_order=concordance["source_id"].map(order)).sort_values(
        ["person_id", "_order", "start"], kind="stable"
    )
    lines["_turn"] = lines.groupby(["person_id", "source_id"]).cumcount()
    lines = lines.sort_values(["person_id", "_turn", "_order"], kind="stable")
    lines = lines.groupby("person_id", sort=False).head(per_person)
    lines = lines.sort_values(["person_id", "_order", "start"], kind="stable").copy()
    lines["line"] = lines.groupby("person_id").cumcount() + 1
    lines["href"] = [reader_url(pid, root) for pid in lines["passage_id"]]
    left = [left_context(s, len(s), width) for s in lines["left"]]
    right = [right_context(s, 0, width) for s in lines["right"]]
    lines["left_dx"] = [-char_width if s[-1:].isspace() else 0.0 for s in left]
    lines["right_x"] = [
        round((len(m) + (1 if s[:1].isspace() else 0)) * char_width, 1)
        for m, s in zip(lines["match"], right, strict=True)
    ]
    lines["left"] = [s.strip() for s in left]
    lines["right"] = [s.strip() for s in right]
    columns = [
        "person_id",
        "line",
        "passage_id",
        "href",
        "left",
        "match",
        "right",
        "left_dx",
        "right_x",
    ]
    return lines[columns].reset_index(drop=True)


#: x positions (pixels) of the explorer's concordance columns: the passage id stands
#: left of the plot, under the bar chart's names; the name in the middle.
_PID_X, _KEY_X = -150, 250


def explorer_chart(
    picker: pd.DataFrame,
    people: pd.DataFrame,
    lines: pd.DataFrame,
    initial: str,
    titles: Mapping[str, str],
    per_person: int,
    char_width: float = 6.6,
) -> alt.VConcatChart:
    """One selection, driven by a bar chart and by a drop-down, filters a concordance.

    ``picker`` (person_id, name_en, source, source_rank, mentions: one row per person
    and source) is drawn as stacked bars: clicking a bar chooses its person.
    ``people`` (person_id, name_en, mentions, sources) fills the drop-down with every
    person. ``lines`` (:func:`explorer_rows`) are the concordance lines; each line's
    text is a link to its passage (the ``href`` channel). Vega evaluates the
    selection in the browser, so this works in the static book.
    """
    pick = alt.selection_point(
        name="person",
        fields=["person_id"],
        value=[{"person_id": initial}],
        empty=False,
        on="click",
        clear=False,
        toggle=False,
        bind=alt.binding_select(
            options=list(people["person_id"]), labels=list(people["name_en"]), name="Person: "
        ),
    )
    totals = picker.groupby("name_en")["mentions"].sum().sort_values(ascending=False)
    bars = (
        alt.Chart(picker)
        .mark_bar(cursor="pointer")
        .encode(
            y=alt.Y(
                "name_en:N", title=None, sort=list(totals.index), axis=alt.Axis(labelLimit=145)
            ),
            x=alt.X("mentions:Q", stack="zero", title="Mentions (click a bar to read them below)"),
            color=alt.Color(
                "source:N",
                title="Source",
                sort=list(titles.values()),
                legend=alt.Legend(orient="top", columns=3, labelLimit=240),
            ),
            order=alt.Order("source_rank:Q"),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)),
            tooltip=[
                alt.Tooltip("name_en:N", title="Person"),
                alt.Tooltip("source:N", title="Source"),
                alt.Tooltip("mentions:Q", title="Mentions in the source"),
            ],
        )
        .add_params(pick)
        .properties(width=480, height=alt.Step(16))
    )
    header = (
        alt.Chart(people)
        .transform_filter(pick)
        .transform_calculate(
            label=(
                "datum.name_en + ': ' + datum.mentions + (datum.mentions == 1 ? ' mention' : "
                "' mentions') + ' in ' + datum.sources + (datum.sources == 1 ? ' text' : "
                f"' texts') + (datum.mentions > {per_person} ? ', {per_person} shown' : '')"
            )
        )
        .mark_text(align="left", baseline="middle", fontWeight="bold", fontSize=13)
        .encode(x=alt.value(_PID_X), y=alt.value(10), text="label:N")
        .properties(width=480, height=20)
    )
    base = alt.Chart(lines).transform_filter(pick)
    tooltip = [
        alt.Tooltip("passage_id:N", title="Passage (click to open)"),
        alt.Tooltip("match:N", title="Name as written"),
    ]
    common = {"y": alt.Y("line:O", axis=None), "href": alt.Href("href:N"), "tooltip": tooltip}
    mono = {"font": "monospace", "fontSize": round(char_width / 0.6), "cursor": "pointer"}
    layers = [
        base.mark_text(align="left", fontSize=10, color="#0b5394", cursor="pointer").encode(
            x=alt.value(_PID_X), text="passage_id:N", **common
        ),
        base.transform_calculate(x=f"{_KEY_X} + datum.left_dx")
        .mark_text(align="right", **mono)
        .encode(x=alt.X("x:Q", scale=None), text="left:N", **common),
        base.mark_text(align="left", fontWeight="bold", color="#0072B2", **mono).encode(
            x=alt.value(_KEY_X), text="match:N", **common
        ),
        base.transform_calculate(x=f"{_KEY_X} + datum.right_x")
        .mark_text(align="left", **mono)
        .encode(x=alt.X("x:Q", scale=None), text="right:N", **common),
    ]
    concordance = alt.layer(*layers).properties(width=480, height=alt.Step(20))
    return alt.vconcat(bars, header, concordance, spacing=10)


def shared_roles(
    person_sources: pd.DataFrame, persons: pd.DataFrame, min_sources: int = 2
) -> pd.DataFrame:
    """The roles (``persons.csv``) of the persons named in at least ``min_sources``
    sources: per role, the number of such persons and their names (``; ``-joined, in the
    order of ``person_sources``); most frequent role first, then by role. A person with
    several roles counts once for each."""
    shared = person_sources[person_sources["sources"] >= min_sources]
    roles = dict(zip(persons["person_id"], persons["roles"], strict=True))
    rows = [
        {"role": role, "name_en": r.name_en}
        for r in shared.itertuples()
        for role in str(roles.get(r.person_id, "")).split("|")
        if role
    ]
    df = pd.DataFrame(rows, columns=["role", "name_en"])
    out = (
        df.groupby("role", sort=False)
        .agg(persons=("name_en", "size"), names=("name_en", "; ".join))
        .reset_index()
    )
    return out.sort_values(["persons", "role"], ascending=[False, True]).reset_index(drop=True)


def source_totals(person_index: pd.DataFrame) -> pd.DataFrame:
    """Per source (``person_index.csv``): the ``mentions`` of persons and the distinct
    ``persons`` it names, with ``share`` the source's part of all mentions."""
    out = person_index.groupby("source_id").agg(
        mentions=("mentions", "sum"), persons=("person_id", "nunique")
    )
    out["share"] = out["mentions"] / out["mentions"].sum()
    return out
