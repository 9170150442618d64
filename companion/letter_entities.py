"""Everyone and everything the letter of 5 February 1930 names, and where they recur.

``data/curated/letter_entities.csv`` lists each person, periodical, work, place
and organisation the letter (``letter-1930``) or its notes name: ``surfaces``
are the forms printed in the letter (``;``-separated, each must occur there),
``forms_elsewhere`` the forms to look for in the other four sources (empty: the
entity is not linked, e.g. the unidentified "Genosse Frank"), ``person_id``
the id in the project's name authority (``data/curated/persons.csv``) where it
has one.

Matching (rules):

1. In the letter, a surface is found as printed (case-sensitive substring of a
   passage's reading text).
2. Elsewhere, a form matches as a whole word, with an optional genitive ``s``
   (``Radek``, ``Radeks``; ``Stalin`` but not ``Stalinismus``); a form ending in
   ``*`` matches any word that begins with it (``Sozialrevolution*``).
   Matching is case-sensitive, so the English adjective "militant" is not the
   *Militant*.
3. Each match counts once; an entity's row per source gives the number of
   matches, of passages, and the first passage. The publisher's preface of
   ``rogovin-emigrants`` is not counted (it is not the chapter's text).
4. **Persons through the name authority.** Where the project's mention table
   (``mentions.csv``, made from ``persons.csv`` by :mod:`companion.mentions`)
   is given, a person with a ``person_id`` is linked through it instead of by
   ``forms_elsewhere``: its mentions in the other sources are those the
   authority assigns to that id (so "Genosse Frank", ``frank-1930``, is kept
   apart from Pierre Frank, ``frank-pierre``). ``forms`` then reads
   ``name authority``.

:func:`entity_tables` gives ``letter_entities.csv`` (one row per entity) and
``letter_entity_links.csv`` (one row per entity and other source where it
recurs). :func:`passage_annotations` and :func:`recurrence_table` are the views
the chapter shows: the letter passage by passage with what it names, and where
each name recurs.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from companion import paths, views
from companion.curated import fail, read_curated
from companion.model import Document
from companion.passages import assign_ids

SOURCE_ID = "letter-1930"
CURATED = paths.CURATED / "letter_entities.csv"
PERSONS = paths.CURATED / "persons.csv"
TYPES = ["person", "periodical", "work", "place", "organisation"]

SCHEMA = pa.DataFrameSchema(
    {
        "entity": pa.Column(str, pa.Check.str_length(min_value=1), unique=True),
        "type": pa.Column(str, pa.Check.isin(TYPES)),
        "surfaces": pa.Column(str, pa.Check.str_length(min_value=1)),
        "forms_elsewhere": pa.Column(str),
        "person_id": pa.Column(str, pa.Check.str_matches(r"^([a-z0-9-]+)?$")),
        "note": pa.Column(str),
    },
    strict=True,
)

ENTITY_COLUMNS = [
    "entity",
    "type",
    "person_id",
    "surfaces",
    "letter_passages",
    "linked",
    "mentions_elsewhere",
    "sources_elsewhere",
    "note",
]
LINK_COLUMNS = ["entity", "type", "source_id", "mentions", "passages", "first_passage_id", "forms"]


def load_curated(path: Path = CURATED) -> pd.DataFrame:
    df = read_curated(path, SCHEMA)
    if PERSONS.exists():
        known = set(pd.read_csv(PERSONS, dtype=str, keep_default_na=False)["person_id"])
        for i, pid in df["person_id"].items():
            if pid and pid not in known:
                raise fail(path, int(i), "person_id", f"{pid!r} is not in {PERSONS}")
    return df


def split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def form_pattern(form: str) -> re.Pattern[str]:
    """Rule 2: a whole word with optional genitive ``s``, or a prefix with ``*``."""
    if form.endswith("*"):
        return re.compile(rf"\b{re.escape(form[:-1])}\w*")
    return re.compile(rf"\b{re.escape(form)}(?:s|’s|'s)?\b")


#: Passage notes that mark text which is not the source's own (left out of the counts).
PARATEXT_NOTES = ("publisher's preface",)


def passages_of(doc: Document) -> list[tuple[str, str]]:
    """(passage id, reading text) of a source, without paratext (a publisher's preface)."""
    return [
        (pid, b.text)
        for pid, b in zip(assign_ids(doc), doc.blocks, strict=True)
        if not b.note.startswith(PARATEXT_NOTES)
    ]


def entity_tables(
    docs: dict[str, Document], path: Path = CURATED, mentions: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(letter_entities, letter_entity_links) for the parsed sources (rules 1–4)."""
    curated = load_curated(path)
    letter = passages_of(docs[SOURCE_ID])
    others = {sid: passages_of(doc) for sid, doc in docs.items() if sid != SOURCE_ID}
    entities, links = [], []
    for i, row in curated.iterrows():
        where = []
        for surface in split(row["surfaces"]):
            hits = [pid for pid, text in letter if surface in text]
            if not hits:
                raise fail(path, int(i), "surfaces", f"{surface!r} is not in the letter")
            where.extend(h for h in hits if h not in where)
        forms = split(row["forms_elsewhere"])
        if mentions is not None and row["person_id"]:
            row_links = _authority_links(row, mentions, others)
            forms = ["name authority"]
        elif forms:
            row_links = [_link(row, sid, texts, forms) for sid, texts in others.items()]
        else:
            row_links = []
        row_links = [r for r in row_links if r["mentions"]]
        links.extend(row_links)
        entities.append(
            {
                "entity": row["entity"],
                "type": row["type"],
                "person_id": row["person_id"],
                "surfaces": row["surfaces"],
                "letter_passages": ";".join(where),
                "linked": bool(forms),
                "mentions_elsewhere": sum(r["mentions"] for r in row_links),
                "sources_elsewhere": ";".join(r["source_id"] for r in row_links),
                "note": row["note"],
            }
        )
    return (
        pd.DataFrame(entities, columns=ENTITY_COLUMNS),
        pd.DataFrame(links, columns=LINK_COLUMNS),
    )


def _link(row: pd.Series, sid: str, texts: list[tuple[str, str]], forms: list[str]) -> dict:
    patterns = [form_pattern(f) for f in forms]
    mentions, passages, first = 0, 0, ""
    for pid, text in texts:
        n = sum(len(p.findall(text)) for p in patterns)
        if n:
            mentions += n
            passages += 1
            first = first or pid
    return {
        "entity": row["entity"],
        "type": row["type"],
        "source_id": sid,
        "mentions": mentions,
        "passages": passages,
        "first_passage_id": first,
        "forms": row["forms_elsewhere"],
    }


def _authority_links(
    row: pd.Series, mentions: pd.DataFrame, others: dict[str, list[tuple[str, str]]]
) -> list[dict]:
    """Rule 4: a person's mentions in the other sources, from the mention table
    (paratext left out, as in rule 3)."""
    kept = {pid for texts in others.values() for pid, _text in texts}
    own = mentions[(mentions["person_id"] == row["person_id"]) & mentions["passage_id"].isin(kept)]
    out = []
    for sid in others:
        hits = own[own["source_id"] == sid].sort_values("start")
        out.append(
            {
                "entity": row["entity"],
                "type": row["type"],
                "source_id": sid,
                "mentions": len(hits),
                "passages": hits["passage_id"].nunique(),
                "first_passage_id": hits["passage_id"].iloc[0] if len(hits) else "",
                "forms": "name authority",
            }
        )
    return out


# --- views for the chapter (notebooks/letter-1930.md) ------------------------------------

#: Headings of the letter's passages by kind (paragraphs and notes are numbered).
KIND_LABEL = {"dateline": "Dateline", "salutation": "Salutation", "paragraph": "Paragraph"}
#: What a note without a marker is taken to annotate.
NO_MARKER_TEXT = (
    "No marker in the text refers to this note: it concerns the whole letter "
    "(in the original it probably hung on the date or the salutation)."
)


def passage_headings(letter: pd.DataFrame) -> list[str]:
    """A heading per passage of the letter, in order: ``Dateline``, ``Salutation``,
    ``Paragraph 1`` …, ``Translator's note 1`` (a note by its printed label)."""
    out, paragraphs = [], 0
    for row in letter.itertuples():
        if row.kind == "paragraph":
            paragraphs += 1
            out.append(f"Paragraph {paragraphs}")
        elif row.kind == "footnote":
            out.append(f"Translator's note {row.label}")
        else:
            out.append(KIND_LABEL.get(row.kind, row.kind))
    return out


def passage_annotations(
    letter: pd.DataFrame,
    entities: pd.DataFrame,
    notes: pd.DataFrame,
    timeline: pd.DataFrame,
    flags: pd.DataFrame,
    root: str = "../",
) -> list[tuple[str, str, list[str]]]:
    """(passage id, heading, notes on it as safe HTML) for every passage of the letter.

    The notes on a passage: the entities named in it (``letter_entities.csv``), the
    markers of translator's notes that stand in it, for a note the passage it is
    attached to (or that it has no marker), its dates as the timeline reads them
    and the errors flagged in it (``corrections.csv`` rows in ``flags``).
    """
    out = []
    for row, heading in zip(letter.itertuples(), passage_headings(letter), strict=True):
        pid = row.passage_id
        items = []
        named = entities[[pid in split(ps) for ps in entities["letter_passages"]]]
        if len(named):
            items.append(
                "Names: "
                + ", ".join(
                    f"{html.escape(e.entity)} <small>({html.escape(e.type)})</small>"
                    for e in named.itertuples()
                )
            )
        for n in notes[notes["marker_passage_id"] == pid].itertuples():
            items.append(
                f"The marker of note {html.escape(str(n.label))} stands here: "
                f"{views.passage_link(n.footnote_id, root)}"
            )
        if row.kind == "footnote":
            own = notes[notes["footnote_id"] == pid].iloc[0]
            if own["status"] == "no_marker":
                items.append(NO_MARKER_TEXT)
            else:
                items.append(f"Attached to {views.passage_link(own['marker_passage_id'], root)}")
        for t in timeline[timeline["passage_id"] == pid].itertuples():
            items.append(
                f"Date: “{html.escape(t.expression)}” = "
                f"{views.date_span(t.date_start, t.date_end)} ({html.escape(t.precision)})"
            )
        for f in flags[flags["passage_id"] == pid].itertuples():
            should = f"; should read “{html.escape(f.corrected)}”" if f.corrected else ""
            items.append(f"⚑ Flagged: “{html.escape(f.printed)}”{should}. {html.escape(f.note)}")
        out.append((pid, heading, items))
    return out


def recurrence_table(
    entities: pd.DataFrame,
    links: pd.DataFrame,
    titles: dict[str, str],
    root: str = "../",
) -> pd.DataFrame:
    """Every entity of the letter with where it recurs: one column per other source.

    A cell reads ``n× in k passages; first <link>``, ``–`` where the entity is linked
    but not found, ``not linked`` for an entity the book does not look for elsewhere.
    ``Name`` and ``Type`` are plain text; the other cells are safe HTML (links to
    passages, the note in small print). Columns are headed by the sources' ``titles``.
    """
    others = [sid for sid in titles if sid != SOURCE_ID]
    by_key = {(r.entity, r.source_id): r for r in links.itertuples()}
    rows = []
    for e in entities.itertuples():
        row = {
            "Name": e.entity,
            "Type": e.type,
            "In the letter": "<br>".join(
                views.passage_link(p, root) for p in split(e.letter_passages)
            ),
        }
        for sid in others:
            hit = by_key.get((e.entity, sid))
            if not e.linked:
                row[titles[sid]] = "not linked"
            elif hit is None:
                row[titles[sid]] = "–"
            else:
                row[titles[sid]] = (
                    f"{hit.mentions}× in {hit.passages} passages; first "
                    f"{views.passage_link(hit.first_passage_id, root)}"
                )
        row["Note"] = f"<small>{html.escape(e.note)}</small>"
        rows.append(row)
    return pd.DataFrame(
        rows, columns=["Name", "Type", "In the letter", *map(titles.get, others), "Note"]
    )
