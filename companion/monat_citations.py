"""The footnotes of the *Der Monat* study (notes 356–386) as citation data.

:func:`parse_note` reads the reading text of one footnote into
:class:`Citation` records; :func:`citations_table` does it for every note of
``monat``, resolves ``Ebd.`` chains and checks every volume/year/issue triple
against the magazine's numbering. Nothing is corrected: a contradiction is a
flag in ``numbering_flag``.

Rules for reading a note
------------------------
1. **Cue.** A note may open with a cue: ``Siehe``/``Siehe:``, ``Vgl.`` (also
   with a phrase, ``Vgl. hierzu``, ``Vgl. unter diesem Aspekt``, ``Vgl. zum
   »Bruch« zwischen Lenin und Stalin insgesamt``), ``Zit. n.``, ``Ebd.``,
   ``Siehe ebd.``. ``cue`` holds the normalised cue, ``cue_phrase`` the words as
   printed up to the citation. A second citation in a note may have its own cue
   (``…, vgl. hierzu Boris Shub, …``).
2. **A Monat citation** reads ``[Author, ]Title, in: Der Monat V (YYYY), H. N``
   followed by optional ``, S. pages``, ``, hier S. page``, ``(Rezension)``,
   ``(Teil I)``. The author is the text before the first comma; with a single
   element before ``, in:`` there is no author (``Wie führt man
   Schauprozesse?``). ``sowie H. N, S. pages (Teil II)`` is a second citation of
   the same work (author, title, volume and year carried over).
3. **Pages.** A range after ``S.`` (``S. 19–29``) or a page with ``f.``
   (``S. 75 f.``) in a full citation is the article's extent (``pages``); ``hier
   S. n`` is the page cited (``cited_page``). A single page without ``hier``
   (``…, H. 42, S. 655.``) is the page cited. ``sowie speziell … die S.
   612–615`` narrows the cited pages. In ``Ebd., S. n`` and in book citations
   the page is the cited page.
4. **A book citation** is ``Author, Title, S. n`` without ``in:``
   (``Vgl. Burnham, Vom Wesen des Kommunismus, S. 27``); it is not a Monat
   citation (``is_monat`` false).
5. **Ibid.** ``Ebd.`` refers to the last citation of the note before it;
   author, title, volume, year and issue are taken from there (through a chain:
   note 381 ``Siehe ebd.`` → 380 ``Ebd.`` → 379). ``ibid_of`` is the note
   referred to directly, ``ibid_root`` the note holding the full citation.
6. **References in a note's comment.** After ``;`` a note may comment on its
   source. Three kinds of reference there are citations too: ``des Buches
   Title`` (a book named without author), ``die redaktionelle Mitteilung auf S.
   n im selben Heft`` (an editorial notice in the issue just cited) and ``dem
   Sammelwerk Author, Title, Place o. J.`` (an anthology). The rest of a comment
   is kept in ``comment``.
7. **A series.** ``… im Monat … die Reihe Title`` (note 356) is a Monat series
   without volume or issue (kind ``series``).

Kinds: ``article``, ``review`` (where ``(Rezension)`` is printed in the note;
:func:`articles_table` counts an article as a review if any note says so),
``series``, ``book``, ``editorial_notice``. An ``Ebd.`` citation takes the kind
of the citation it resolves to; only volume/year/issue triples printed in a
note are checked (an ``Ebd.`` row carries no ``numbering_flag``). Every
citation keeps its verbatim text and its span in the note's reading text
(``text_start``/``text_end``) and in the raw file.

The magazine's numbering (``numbering_flag``)
---------------------------------------------
*Der Monat* began with issue (Heft) 1 in October 1948. Volume (Jahrgang) ``n``
runs from October ``1947 + n`` to September ``1948 + n``; issues are numbered
continuously, twelve to a volume in the early years. Hence for an issue
``N`` (1–72, volumes 1–6, the range the study cites):

- expected volume = ``(N - 1) // 12 + 1``;
- month of issue = October 1948 plus ``N - 1`` months;
- a printed year must be the year of that month, and a printed volume ``n``
  must fit the printed year (``1947 + n`` or ``1948 + n``).

Each check that fails adds a code to ``numbering_flag``: ``volume≠issue``,
``year≠issue``, ``volume≠year``. ``Der Monat 3 (1953), H. 55`` gets
``volume≠issue;volume≠year``: issue 55 is April 1953, volume 5, so year and
issue agree and the printed volume is the odd one out. Issues above 72 are not
checked (``numbering_flag`` ``unchecked``).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date

import pandas as pd

from companion.model import Document
from companion.passages import assign_ids, footnote_rows

SOURCE_ID = "monat"
FIRST_ISSUE = date(1948, 10, 1)
ISSUES_PER_VOLUME = 12
CHECKED_ISSUES = range(1, 73)

COLUMNS = [
    "footnote",
    "citation",
    "passage_id",
    "marker_passage_id",
    "marker_section",
    "marker_start",
    "cue",
    "cue_phrase",
    "kind",
    "author",
    "title",
    "volume",
    "year",
    "issue",
    "pages",
    "cited_page",
    "part",
    "ibid_of",
    "ibid_root",
    "is_monat",
    "issue_month",
    "expected_volume",
    "numbering_flag",
    "comment",
    "text",
    "text_start",
    "text_end",
    "raw_start",
    "raw_end",
]


@dataclass
class Citation:
    """One reference to a work in one note (fields as printed; '' where absent)."""

    footnote: int
    citation: int
    kind: str
    text: str
    start: int  # span in the note's reading text
    end: int
    cue: str = ""
    cue_phrase: str = ""
    author: str = ""
    title: str = ""
    volume: int | None = None
    year: int | None = None
    issue: int | None = None
    pages: str = ""
    cited_page: str = ""
    part: str = ""
    place: str = ""
    is_monat: bool = False
    ibid_of: int | None = None
    comment: str = ""
    extra: dict = field(default_factory=dict)


# --- patterns ------------------------------------------------------------------------

_CUE = re.compile(
    r"(?P<phrase>(?P<cue>Siehe ebd\.|Siehe:?|Vgl\.|Zit\. n\.|Ebd\.)"
    r"(?P<rest>(?: hierzu| unter diesem Aspekt| zum »[^«]+« zwischen \w+ und \w+ insgesamt)?))"
    r"\s*",
    re.IGNORECASE,
)
_PAGE = r"\d+(?:–\d+)?(?: f\.)?"
_MONAT = re.compile(
    r"(?P<head>.+?), in: Der Monat (?P<volume>\d+) \((?P<year>\d{4})\), H\. (?P<issue>\d+)"
    rf"(?:, S\. (?P<pages>{_PAGE}))?(?:, hier S\. (?P<cited>{_PAGE}))?"
    r"(?: \((?P<part>Teil [IVX]+)\))?(?: \((?P<review>Rezension)\))?"
)
_SOWIE_ISSUE = re.compile(
    rf",? sowie H\. (?P<issue>\d+)(?:, S\. (?P<pages>{_PAGE}))?(?: \((?P<part>Teil [IVX]+)\))?"
)
_SOWIE_PAGES = re.compile(rf",? sowie speziell .*? die S\. (?P<cited>{_PAGE})")
_IBID = re.compile(rf"(?:Siehe )?[Ee]bd\.(?:, S\. (?P<cited>{_PAGE}))?")
_BOOK = re.compile(rf"(?P<author>[^,;]+), (?P<title>[^,;]+), S\. (?P<cited>{_PAGE})")
_SERIES = re.compile(r"im Monat .*?die Reihe (?P<title>.+?)\.?$")
_BOOK_NAMED = re.compile(r"des Buches (?P<title>[^,;]+?)(?=,|;|\.$|$)")
_NOTICE = re.compile(r"die redaktionelle Mitteilung auf S\. (?P<cited>\d+) im selben Heft")
_ANTHOLOGY = re.compile(
    r"dem Sammelwerk (?P<author>[^,]+), (?P<title>[^,]+), (?P<place>[A-Z][\w ]+?) "
    r"(?P<year>o\. J\.|\d{4})"
)


# --- parsing one note ----------------------------------------------------------------


def _cue_at(text: str, pos: int) -> tuple[str, str, int]:
    """(normalised cue, cue phrase as printed, position after it) at ``pos``."""
    m = _CUE.match(text, pos)
    if not m:
        return "", "", pos
    cue = m.group("cue")
    normal = {"siehe:": "Siehe", "siehe": "Siehe"}.get(cue.lower(), cue)
    normal = normal[0].upper() + normal[1:]
    if normal.lower() == "ebd." or normal.lower() == "siehe ebd.":
        # the ibid words belong to the citation itself (rule 5)
        return normal, m.group("phrase").rstrip(), pos
    return normal, m.group("phrase").rstrip(":").rstrip(), m.end()


def _monat_citation(label: int, k: int, m: re.Match[str], cue: tuple[str, str]) -> Citation:
    head = m.group("head")
    author, _, title = head.partition(", ")
    if not title:
        author, title = "", head
    return Citation(
        footnote=label,
        citation=k,
        kind="review" if m.group("review") else "article",
        text=m.group(),
        start=m.start(),
        end=m.end(),
        cue=cue[0],
        cue_phrase=cue[1],
        author=author,
        title=title,
        volume=int(m.group("volume")),
        year=int(m.group("year")),
        issue=int(m.group("issue")),
        **_pages(m.group("pages"), m.group("cited")),
        part=m.group("part") or "",
        is_monat=True,
    )


def _pages(pages: str | None, cited: str | None) -> dict[str, str]:
    """Rule 3 for a full Monat citation."""
    if pages and not cited and "–" not in pages and "f." not in pages:
        return {"pages": "", "cited_page": pages}
    return {"pages": pages or "", "cited_page": cited or ""}


def parse_note(label: int, text: str) -> list[Citation]:
    """The citations of one note's reading text, in order (rules 1–7)."""
    series = _SERIES.search(text)
    if series:
        cue, phrase, _ = _cue_at(text, 0)
        return [_series(label, text, series, cue, phrase)]
    semicolon = text.find("; ")
    limit = semicolon if semicolon >= 0 else len(text)
    out = _main_part(label, text, limit)
    rest_start = max(c.end for c in out)
    while rest_start < len(text) and text[rest_start] in " .;,":
        rest_start += 1
    if rest_start < len(text):
        out[0].comment = text[rest_start:].strip()
        out.extend(_comment_part(label, text, rest_start, out))
    return out


def _series(label: int, text: str, m: re.Match[str], cue: str, phrase: str) -> Citation:
    return Citation(
        footnote=label,
        citation=1,
        kind="series",
        text=m.group("title"),
        start=m.start("title"),
        end=m.end("title"),
        cue=cue,
        cue_phrase=text[: m.start("title")].rstrip(),
        title=m.group("title"),
        is_monat=True,
    )


def _main_part(label: int, text: str, limit: int) -> list[Citation]:
    """The citations before the first ``; `` (rules 1–5)."""
    cue, phrase, pos = _cue_at(text, 0)
    out: list[Citation] = []
    ibid = _IBID.match(text, pos)
    if ibid:
        return [
            Citation(
                footnote=label,
                citation=1,
                kind="ibid",
                text=ibid.group(),
                start=ibid.start(),
                end=ibid.end(),
                cue=cue,
                cue_phrase=phrase,
                cited_page=ibid.group("cited") or "",
            )
        ]
    monat = _MONAT.match(text, pos)
    if monat and monat.end() <= limit:
        first = _monat_citation(label, 1, monat, (cue, phrase))
        out.append(first)
        out.extend(_continuations(label, text, monat.end(), first, limit))
        return out
    book = _BOOK.match(text, pos)
    if book and book.end() <= limit:
        out.append(
            Citation(
                footnote=label,
                citation=1,
                kind="book",
                text=book.group(),
                start=book.start(),
                end=book.end(),
                cue=cue,
                cue_phrase=phrase,
                author=book.group("author"),
                title=book.group("title"),
                cited_page=book.group("cited"),
            )
        )
        return out
    raise ValueError(f"note {label}: no citation form matches {text[pos : pos + 60]!r}")


def _continuations(label: int, text: str, pos: int, first: Citation, limit: int) -> list[Citation]:
    """``sowie H. 14, …`` (another instalment) and ``sowie speziell … die S. …``."""
    out: list[Citation] = []
    issue = _SOWIE_ISSUE.match(text, pos)
    if issue:
        out.append(
            replace(
                first,
                citation=2,
                text=issue.group().lstrip(", "),
                start=issue.start() + (len(issue.group()) - len(issue.group().lstrip(", "))),
                end=issue.end(),
                cue="",
                cue_phrase="",
                issue=int(issue.group("issue")),
                pages=issue.group("pages") or "",
                cited_page="",
                part=issue.group("part") or "",
                extra={"carried": "author, title, volume and year from the first instalment"},
            )
        )
    pages = _SOWIE_PAGES.match(text, pos)
    if pages and pages.end() <= limit:
        first.cited_page = pages.group("cited")
        first.end = pages.end()
        first.text = text[first.start : first.end]
    return out


def _comment_part(label: int, text: str, start: int, before: list[Citation]) -> list[Citation]:
    """Rule 6: references inside the comment that follows the note's citation."""
    comment = text[start:]
    out: list[Citation] = []
    k = len(before)
    for m in _BOOK_NAMED.finditer(comment):
        k += 1
        out.append(_named(label, k, "book", text, start, m, title=m.group("title")))
    vgl = re.search(r"(?<=, )vgl\. hierzu ", comment)
    if vgl:
        monat = _MONAT.match(text, start + vgl.end())
        if monat:
            k += 1
            out.append(_monat_citation(label, k, monat, ("Vgl.", "vgl. hierzu")))
    for m in _NOTICE.finditer(comment):
        k += 1
        prev = next(c for c in reversed(before) if c.is_monat)
        out.append(
            replace(
                _named(label, k, "editorial_notice", text, start, m, title=""),
                volume=prev.volume,
                year=prev.year,
                issue=prev.issue,
                cited_page=m.group("cited"),
                is_monat=True,
                extra={"carried": "volume, year and issue of the article cited before"},
            )
        )
    for m in _ANTHOLOGY.finditer(comment):
        k += 1
        year = m.group("year")
        cit = _named(label, k, "book", text, start, m, title=m.group("title"))
        cit.author = m.group("author")
        cit.place = m.group("place")
        cit.year = int(year) if year.isdigit() else None
        cit.extra = {"year_printed": year}
        out.append(cit)
    return out


def _named(
    label: int, k: int, kind: str, text: str, offset: int, m: re.Match[str], title: str
) -> Citation:
    return Citation(
        footnote=label,
        citation=k,
        kind=kind,
        text=m.group(),
        start=offset + m.start(),
        end=offset + m.end(),
        title=title,
    )


# --- chains and numbering --------------------------------------------------------------


def resolve_ibid(citations: list[Citation]) -> dict[int, int]:
    """Fill ``Ebd.`` citations from the note they refer to; return {note: root note}.

    Rule 5: the last citation of the note before. A chain (381 → 380 → 379) ends
    at the first citation that is not itself ``Ebd.``.
    """
    by_note: dict[int, list[Citation]] = {}
    for c in citations:
        by_note.setdefault(c.footnote, []).append(c)
    roots: dict[int, int] = {}
    for c in citations:
        if c.kind != "ibid":
            continue
        prev = by_note.get(c.footnote - 1)
        if not prev:
            raise ValueError(f"note {c.footnote}: Ebd. without a note before it")
        target = prev[-1]
        c.ibid_of = target.footnote
        root = target
        while root.kind == "ibid" and root.ibid_of is not None:
            root = by_note[root.ibid_of][-1]
        roots[c.footnote] = root.footnote
        for name in ("author", "title", "volume", "year", "issue", "pages", "is_monat", "place"):
            setattr(c, name, getattr(root, name))
        c.kind = root.kind
        c.extra = {**c.extra, "ibid": True}
    return roots


def issue_month(issue: int) -> date:
    """The month of issue ``issue`` (issue 1 = October 1948, one issue a month)."""
    months = FIRST_ISSUE.month - 1 + issue - 1
    return date(FIRST_ISSUE.year + months // 12, months % 12 + 1, 1)


def expected_volume(issue: int) -> int:
    return (issue - 1) // ISSUES_PER_VOLUME + 1


def volume_years(volume: int) -> tuple[int, int]:
    """Volume ``n`` runs from October ``1947 + n`` to September ``1948 + n``."""
    return 1947 + volume, 1948 + volume


def numbering_flag(volume: int | None, year: int | None, issue: int | None) -> str:
    """'' when the triple fits the numbering; else the failed checks (module docstring)."""
    if volume is None or year is None or issue is None:
        return ""
    if issue not in CHECKED_ISSUES:
        return "unchecked"
    flags = []
    if expected_volume(issue) != volume:
        flags.append("volume≠issue")
    if issue_month(issue).year != year:
        flags.append("year≠issue")
    if year not in volume_years(volume):
        flags.append("volume≠year")
    return ";".join(flags)


# --- the table -----------------------------------------------------------------------


def note_blocks(doc: Document) -> list[tuple[int, str, str, object]]:
    """(label, passage id, reading text, block) of every numbered note of the study."""
    ids = assign_ids(doc)
    return [
        (int(b.label), pid, b.text, b)
        for pid, b in zip(ids, doc.blocks, strict=True)
        if b.kind == "footnote" and b.label and b.label.isdigit()
    ]


def all_citations(doc: Document) -> list[Citation]:
    """Every citation of every note, ibid chains resolved."""
    out: list[Citation] = []
    for label, _pid, text, _block in note_blocks(doc):
        out.extend(parse_note(label, text))
    resolve_ibid(out)
    return out


def citations_table(doc: Document) -> pd.DataFrame:
    """``monat_citations.csv``: one row per citation (module docstring)."""
    if doc.source_id != SOURCE_ID:
        raise ValueError(f"citations are parsed for {SOURCE_ID!r}, not {doc.source_id!r}")
    notes = {label: (pid, block) for label, pid, _text, block in note_blocks(doc)}
    markers = {
        int(r["label"]): (r["marker_passage_id"], r["marker_start"])
        for r in footnote_rows(doc)
        if str(r["label"]).isdigit()
    }
    sections = dict(zip(assign_ids(doc), (b.section for b in doc.blocks), strict=True))
    citations = all_citations(doc)
    roots = resolve_roots(citations)
    rows = []
    for c in citations:
        pid, block = notes[c.footnote]
        raw_start, raw_end = block.reading.raw_span(c.start, c.end)  # type: ignore[attr-defined]
        month = issue_month(c.issue) if c.issue is not None and c.issue in CHECKED_ISSUES else None
        rows.append(
            {
                **{k: v for k, v in asdict(c).items() if k in COLUMNS},
                "passage_id": pid,
                "marker_passage_id": markers[c.footnote][0],
                "marker_section": sections.get(markers[c.footnote][0], ""),
                "marker_start": markers[c.footnote][1],
                "ibid_root": roots.get(c.footnote, ""),
                "issue_month": month.strftime("%Y-%m") if month else "",
                "expected_volume": expected_volume(c.issue)
                if c.issue is not None and c.issue in CHECKED_ISSUES
                else "",
                # only a triple printed in the note is checked, not one carried by Ebd.
                "numbering_flag": ""
                if c.ibid_of is not None
                else numbering_flag(c.volume, c.year, c.issue),
                "text_start": c.start,
                "text_end": c.end,
                "raw_start": raw_start,
                "raw_end": raw_end,
            }
        )
    df = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("volume", "year", "issue", "ibid_of", "expected_volume", "ibid_root"):
        df[col] = df[col].map(lambda v: "" if v is None or v == "" or pd.isna(v) else int(v))
    return df


def resolve_roots(citations: list[Citation]) -> dict[int, int]:
    """{note: root note} for the ibid citations (already resolved in place)."""
    by_note = {c.footnote: c for c in citations}
    roots = {}
    for c in citations:
        if c.ibid_of is None:
            continue
        root = by_note[c.ibid_of]
        while root.ibid_of is not None:
            root = by_note[root.ibid_of]
        roots[c.footnote] = root.footnote
    return roots


def articles_table(citations: pd.DataFrame) -> pd.DataFrame:
    """Distinct Der Monat articles (articles and reviews), with how often each is cited.

    An article is one (author, title); instalments in several issues (Kohn's
    *Dostojewski*, H. 13 and 14) are one article. Volume, year and issues are
    as printed (a flagged volume stays as printed).
    """
    arts = citations[citations["is_monat"] & citations["kind"].isin(["article", "review"])]
    grouped = arts.groupby(["author", "title"], sort=False)
    out = grouped.agg(
        kind=("kind", lambda s: "review" if "review" in set(s) else "article"),
        volume=("volume", "first"),
        year=("year", "first"),
        issues=("issue", lambda s: ";".join(str(i) for i in dict.fromkeys(s))),
        first_issue=("issue", "min"),
        issue_month=("issue_month", "min"),
        pages=("pages", lambda s: next((p for p in s if p), "")),
        citations=("footnote", "size"),
        footnotes=("footnote", lambda s: ";".join(str(i) for i in dict.fromkeys(s))),
        numbering_flag=("numbering_flag", lambda s: next((f for f in s if f), "")),
    ).reset_index()
    out.insert(0, "article_id", [f"monat-art-{i:02d}" for i in range(1, len(out) + 1)])
    return out


def body_year_checks(
    citations: pd.DataFrame, timeline: pd.DataFrame, passages: pd.DataFrame
) -> pd.DataFrame:
    """Years the study's own sentences give for a Monat article, against its note.

    A body sentence in which a year follows the word *Monat* within 40
    characters (``im Monat aus dem Jahre 1953``, ``den der Monat im Jahre 1951
    veröffentlichte``) is checked against the notes whose markers stand in the same passage
    or in the passage right after it (a quotation that the sentence introduces):
    ``agrees`` is true if one of those notes prints the same year.
    """
    body = passages[(passages["source_id"] == SOURCE_ID) & (passages["kind"] != "footnote")]
    following = dict(zip(body["passage_id"], body["passage_id"].shift(-1), strict=True))
    rows = timeline[
        (timeline["source_id"] == SOURCE_ID)
        & (timeline["form"] == "year")
        & timeline["passage_id"].isin(body["passage_id"])
    ]
    out = []
    for r in rows.itertuples():
        if not re.search(rf"\bMonat\b[^.]{{0,40}}\b{r.expression}\b", r.event):
            continue
        near = {r.passage_id, following.get(r.passage_id)}
        notes = citations[citations["marker_passage_id"].isin(near) & citations["is_monat"]]
        years = sorted({int(y) for y in notes["year"] if y != ""})
        out.append(
            {
                "passage_id": r.passage_id,
                "expression": r.expression,
                "sentence": r.event,
                "notes": ";".join(str(n) for n in dict.fromkeys(notes["footnote"])),
                "note_years": ";".join(str(y) for y in years),
                "agrees": int(r.expression) in years,
            }
        )
    return pd.DataFrame(
        out, columns=["passage_id", "expression", "sentence", "notes", "note_years", "agrees"]
    )


# --- views for the chapter (notebooks/monat.md) -----------------------------------------

UNSIGNED = "(unsigned)"


def _author_shown(authors: pd.Series) -> pd.Series:
    return authors.replace("", UNSIGNED)


def article_citations(citations: pd.DataFrame) -> pd.DataFrame:
    """Citations of Der Monat articles and reviews (``Ebd.`` included), ready to chart:
    ``author_shown`` (``(unsigned)`` where the note names no author), ``issue_label``
    (``H. 3``) and ``volume_printed`` (``vol. 3``, the volume as the note prints it)."""
    arts = citations[citations["is_monat"] & citations["kind"].isin(["article", "review"])].copy()
    arts["author_shown"] = _author_shown(arts["author"])
    arts["issue_label"] = "H. " + arts["issue"].astype(str)
    arts["volume_printed"] = "vol. " + arts["volume"].astype(str)
    return arts


def citations_per_year(arts: pd.DataFrame) -> pd.Series:
    """Citations per year of the issue cited (``1948`` …), oldest first."""
    return arts.groupby(arts["issue_month"].str[:4]).size()


def citations_per_issue(arts: pd.DataFrame) -> pd.Series:
    """Citations per issue (``H. 3``), most cited first (ties in the order of the issues)."""
    order = arts.drop_duplicates("issue_label").sort_values("issue")["issue_label"]
    counts = arts.groupby("issue_label").size().reindex(order)
    return counts.sort_values(ascending=False, kind="stable")


def citations_by_author(arts: pd.DataFrame) -> pd.DataFrame:
    """Per author: citations and distinct articles cited; most cited first, then by name."""
    return (
        arts.groupby("author_shown")
        .agg(citations=("footnote", "size"), articles=("title", "nunique"))
        .reset_index()
        .sort_values(["citations", "author_shown"], ascending=[False, True])
        .reset_index(drop=True)
    )


def citation_flow(citations: pd.DataFrame, top: int = 6) -> pd.DataFrame:
    """The Monat citations that name an issue, in the order of the notes, with
    ``author_shown``, ``author_group`` (the ``top`` most cited authors by name, see
    :func:`top_authors`; the rest ``other authors``) and ``year_cited`` (the year of
    the issue)."""
    flow = citations[citations["is_monat"] & (citations["issue"] != "")].copy()
    flow["author_shown"] = _author_shown(flow["author"])
    shown = top_authors(flow, top)
    flow["author_group"] = flow["author_shown"].where(
        flow["author_shown"].isin(shown), OTHER_AUTHORS
    )
    flow["year_cited"] = flow["issue_month"].str[:4].astype(int)
    return flow


OTHER_AUTHORS = "other authors"


def top_authors(flow: pd.DataFrame, top: int = 6) -> list[str]:
    """The ``top`` most cited authors (``author_shown``) of :func:`citation_flow`'s rows."""
    return list(flow["author_shown"].value_counts().index[:top])


def notes_by_passage(
    citations: pd.DataFrame, passages: pd.DataFrame, words: int = 12
) -> pd.DataFrame:
    """Per passage that holds note markers, in the order of the text: its opening
    ``words`` words, the notes whose markers stand in it and the authors they cite
    (``(unsigned)`` where none is named)."""
    steps = (
        citations.groupby("marker_passage_id", sort=False)
        .agg(
            notes=("footnote", lambda s: ", ".join(str(n) for n in dict.fromkeys(s))),
            authors=(
                "author",
                lambda s: ", ".join(dict.fromkeys(a for a in s if a)) or UNSIGNED,
            ),
        )
        .reset_index()
    )
    text = passages.set_index("passage_id")["text"]
    steps["opening"] = [
        " ".join(text[pid].split()[:words]) + " …" for pid in steps["marker_passage_id"]
    ]
    return steps


def notes_with_several(citations: pd.DataFrame) -> pd.DataFrame:
    """The citations of the notes that hold more than one citation."""
    return citations.groupby("footnote").filter(lambda g: len(g) > 1)


def ibid_chains(citations: pd.DataFrame) -> pd.Series:
    """For each note that ``Ebd.`` citations resolve to: how many ``Ebd.`` lead to it."""
    return citations[citations["ibid_of"] != ""].groupby("ibid_root").size()


def cited_passages(citations: pd.DataFrame, passages: pd.DataFrame) -> pd.DataFrame:
    """The study's paragraphs and block quotations, each with ``cites_monat``: whether
    a note marker in it belongs to a note that cites the magazine."""
    body = passages[
        (passages["source_id"] == SOURCE_ID) & passages["kind"].isin(["paragraph", "blockquote"])
    ]
    markers = set(citations.loc[citations["is_monat"], "marker_passage_id"])
    return body.assign(cites_monat=body["passage_id"].isin(markers))


def checked_triples(citations: pd.DataFrame) -> pd.DataFrame:
    """The citations checked against the magazine's numbering: every citation with a
    volume, a year and an issue that is not an ``Ebd.`` (an ``Ebd.`` carries its
    triple from the citation it refers to). An editorial notice "im selben Heft"
    carries the triple of the article cited before it in the same note."""
    printed = (citations["volume"] != "") & (citations["year"] != "") & (citations["issue"] != "")
    return citations[printed & (citations["ibid_of"] == "")]


def other_slips(corrections: pd.DataFrame, citations: pd.DataFrame) -> pd.DataFrame:
    """The study's flagged errors other than the volume numbers that contradict the
    magazine's numbering: a flag is one of those when it stands in the note of a
    citation with a ``numbering_flag`` and its printed words hold that citation's
    ``volume (year), H. issue``."""
    own = corrections[corrections["source_id"] == SOURCE_ID]
    flagged = citations[citations["numbering_flag"] != ""]
    triples = {(r.passage_id, f"{r.volume} ({r.year}), H. {r.issue}") for r in flagged.itertuples()}
    keep = [
        not any(p == fp and triple in printed for fp, triple in triples)
        for p, printed in zip(own["passage_id"], own["printed"], strict=True)
    ]
    return own[keep]
