"""Directives for the book's prose pages: ``{excerpt}`` and ``{reader-page}``.

``{excerpt} <passage-id>`` (option ``:phrase:``) quotes a passage with its
citation. ``{reader-page} <source-id>`` renders a source's whole reading text,
each passage anchored by its id (``<page>.html#<passage-id>``), footnotes
linked both ways and known errors flagged. Both read the derived tables, and
Sphinx re-reads the page when those tables change.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from typing import Any

import pandas as pd
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from companion import paths
from companion.excerpts import excerpt_html, translation_html
from companion.sources import Source, load_manifest
from companion.sphinx_ext import relative_root
from companion.translation import LABEL

HEADING_KINDS = {"heading"}


def english_by_passage(source_id: str) -> dict[str, str]:
    """Passage id -> its whole English working translation (segments joined)."""
    table = _read("translation.csv")
    table = table[table["source_id"] == source_id]
    return {pid: " ".join(group["en"]) for pid, group in table.groupby("passage_id", sort=False)}


def language_switch(translated: int, total: int) -> str:
    """Native radio buttons choosing German, English or both; companion-translation.js
    applies the choice and remembers it across pages."""
    options = (("both", "German and English"), ("de", "German only"), ("en", "English only"))
    radios = "".join(
        f'<label><input type="radio" name="companion-lang" value="{value}"'
        f"{' checked' if value == 'both' else ''}> {label}</label> "
        for value, label in options
    )
    return (
        '<fieldset class="companion-lang-switch"><legend>Reading text</legend>'
        f"{radios}<p>{html.escape(LABEL)} {translated} of {total} passages are translated"
        f"{' so far' if translated < total else ''}.</p></fieldset>"
    )


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(paths.DERIVED / name, dtype=str, keep_default_na=False, encoding="utf-8")


class ExcerptDirective(SphinxDirective):
    required_arguments = 1
    option_spec = {"phrase": directives.unchanged}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(paths.DERIVED / "passages.csv"))
        root = relative_root(self.env.docname)
        markup = excerpt_html(self.arguments[0], self.options.get("phrase"), root=root)
        return [nodes.raw("", markup, format="html")]


class ReaderPageDirective(SphinxDirective):
    """The reading text of one source, passage by passage."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        source_id = self.arguments[0]
        for name in (
            "passages.csv",
            "footnotes.csv",
            "corrections.csv",
            "sections.csv",
            "translation.csv",
        ):
            self.env.note_dependency(str(paths.DERIVED / name))
        sources = load_manifest()
        if source_id not in sources:
            raise self.error(f"unknown source id {source_id!r}")
        passages = _read("passages.csv")
        passages = passages[passages["source_id"] == source_id]
        notes = _read("footnotes.csv")
        notes = notes[notes["source_id"] == source_id]
        flags = _read("corrections.csv")
        flags = flags[flags["source_id"] == source_id]
        sections = _read("sections.csv")
        sections = sections[sections["source_id"] == source_id]
        english = english_by_passage(source_id)
        page = ReaderPage(sources[source_id].language, passages, notes, flags, sections, english)
        header = [self._header(sources[source_id])]
        if english:
            header.append(
                nodes.raw("", language_switch(len(english), len(passages)), format="html")
            )
        return [*header, *page.nodes()]

    def _header(self, source: Source) -> nodes.Node:
        root = relative_root(self.env.docname)
        raw_link = f"{root}data/sources/{source.file}"
        return nodes.raw(
            "",
            f'<dl class="companion-source-meta">'
            f"<dt>Source</dt><dd>{html.escape(source.title)}</dd>"
            f"<dt>Author</dt><dd>{html.escape(source.author)}</dd>"
            f"<dt>Year</dt><dd>{source.year or '—'} ({html.escape(source.year_note)})</dd>"
            f"<dt>Language</dt><dd>{html.escape(source.language)}</dd>"
            f'<dt>Raw file</dt><dd><a href="{html.escape(raw_link)}">'
            f"data/sources/{html.escape(source.file)}</a> (byte-identical to the text as "
            f"received; SHA-256 <code>{source.sha256[:16]}…</code>)</dd></dl>",
            format="html",
        )


class ReaderPage:
    def __init__(
        self,
        lang: str,
        passages: pd.DataFrame,
        notes: pd.DataFrame,
        flags: pd.DataFrame,
        sections: pd.DataFrame,
        english: dict[str, str] | None = None,
    ) -> None:
        self.lang = lang
        self.english = english or {}
        self.passages = passages
        self.sections = {row["section"]: row for _, row in sections.iterrows()}
        self.refs_in: dict[str, list[pd.Series]] = defaultdict(list)
        self.back: dict[str, str] = {}
        for _, n in notes.iterrows():
            if n["marker_passage_id"]:
                self.refs_in[n["marker_passage_id"]].append(n)
            if n["footnote_id"] and n["marker_passage_id"]:
                self.back[n["footnote_id"]] = n["marker_passage_id"]
        self.flags: dict[str, list[pd.Series]] = defaultdict(list)
        for _, f in flags.iterrows():
            self.flags[f["passage_id"]].append(f)

    def nodes(self) -> list[nodes.Node]:
        """Passages nested in sections that follow the source's own structure.

        Each heading opens a section (its id is the heading's passage id), and a
        section the source prints no heading for opens with its supplied title in
        brackets, so the page's contents sidebar lists the source's structure.
        """
        out: list[nodes.Node] = []
        stack: list[tuple[int, nodes.section]] = []
        opened: set[str] = set()

        def open_section(level: int, title: str, ids: list[str]) -> nodes.section:
            while stack and stack[-1][0] >= level:
                stack.pop()
            section = nodes.section(classes=["companion-source-section"])
            section["ids"] = ids
            section += nodes.title(text=title)
            (stack[-1][1] if stack else out).append(section)
            stack.append((level, section))
            return section

        for _, p in self.passages.iterrows():
            for number in self._supplied_to_open(p["section"], opened):
                info = self.sections[number]
                anchor = f"{p['source_id']}:{number}"
                open_section(int(info["level"]), info["title"], [anchor])
                opened.add(number)
            if p["kind"] == "heading":
                section = open_section(int(p["level"] or 1), p["text"], [p["passage_id"]])
                section += self._passage(p)
            elif stack:
                stack[-1][1].append(self._passage(p))
            else:
                out.append(self._passage(p))
        return out

    def _supplied_to_open(self, number: str, opened: set[str]) -> list[str]:
        """Sections with a supplied heading that begin at this passage's section."""
        if not number:
            return []
        parts = number.split(".")
        chain = [".".join(parts[: i + 1]) for i in range(len(parts))]
        return [
            n
            for n in chain
            if n in self.sections
            and self.sections[n]["heading_supplied"] == "True"
            and n not in opened
        ]

    def _passage(self, p: pd.Series) -> nodes.Node:
        pid = p["passage_id"]
        box = nodes.container(classes=["companion-passage", f"companion-{p['kind']}"])
        if p["kind"] != "heading":  # a heading's id is on its section
            box["ids"] = [pid]
        anchor = nodes.raw(
            "",
            f'<a class="companion-pid" href="#{html.escape(pid)}" '
            f'title="Cite this passage">{html.escape(pid)}</a>',
            format="html",
        )
        para = nodes.paragraph()
        para += anchor
        if p["kind"] == "heading":  # the text is the section's title
            box += para
            if pid in self.english:
                box += nodes.raw("", translation_html(self.english[pid], tag="div"), format="html")
            return box
        if p["kind"] == "footnote":
            para += nodes.strong(text=f"[{p['label']}] ")
        for child in self._inline(pid, p["text"]):
            para += child
        if pid in self.back:
            para += nodes.raw(
                "",
                f' <a class="companion-note-back" href="#{html.escape(self.back[pid])}">'
                f"↩ back to the text</a>",
                format="html",
            )
        if self.lang != "en":  # mark the source's language for screen readers and search
            box += nodes.raw(
                "", f'<div class="companion-original" lang="{self.lang}">', format="html"
            )
            box += para
            box += nodes.raw("", "</div>", format="html")
        else:
            box += para
        if pid in self.english:
            box += nodes.raw("", translation_html(self.english[pid], tag="div"), format="html")
        if p["note"]:
            box += nodes.paragraph(
                "",
                "",
                nodes.emphasis(text=f"[Editorial note: {p['note']}]"),
                classes=["companion-gap"],
            )
        for flag in self.flags.get(pid, []):
            fix = f" — read: “{flag['corrected']}”" if flag["corrected"] else ""
            note = nodes.paragraph(classes=["companion-flag-note"])
            note["ids"] = [flag["correction_id"]]
            note += nodes.Text(
                f"⚑ Flagged in the source ({flag['kind']}): “{flag['printed']}”{fix}. "
                f"{flag['note']}"
            )
            box += note
        return box

    def _inline(self, pid: str, text: str) -> list[nodes.Node]:
        """The passage text with flagged spans marked and note markers placed."""
        events: list[tuple[int, int, int, pd.Series]] = []  # (at, order, end, row)
        for flag in self.flags.get(pid, []):
            events.append((int(flag["text_start"]), 0, int(flag["text_end"]), flag))
        for ref in self.refs_in.get(pid, []):
            offset = ref["marker_text_offset"]
            at = int(offset) if offset != "" else len(text)
            events.append((at, 1, at, ref))
        out: list[nodes.Node] = []
        pos = 0
        for at, order, end, row in sorted(events, key=lambda e: (e[0], e[1])):
            at = max(at, pos)
            if at > pos:
                out.append(nodes.Text(text[pos:at]))
                pos = at
            if order == 0:
                span = nodes.reference(
                    "", text[at:end], refuri=f"#{row['correction_id']}", classes=["companion-flag"]
                )
                out.append(span)
                pos = max(pos, end)
            else:
                out.append(self._marker(row))
        if pos < len(text):
            out.append(nodes.Text(text[pos:]))
        return out

    @staticmethod
    def _marker(ref: pd.Series) -> nodes.Node:
        label = html.escape(ref["label"])
        if ref["footnote_id"]:
            target = html.escape(ref["footnote_id"])
            return nodes.raw(
                "",
                f'<sup><a class="companion-note-ref" href="#{target}" '
                f'title="Note {label}">{label}</a></sup>',
                format="html",
            )
        return nodes.raw(
            "",
            f'<sup class="companion-note-ref" title="The text of note {label} is missing '
            f'in the source">[{label}: note missing]</sup>',
            format="html",
        )


class DataDictionaryDirective(SphinxDirective):
    """Every derived table with its download link and column dictionary."""

    def run(self) -> list[nodes.Node]:
        path = paths.DERIVED / "datapackage.json"
        self.env.note_dependency(str(path))
        package = json.loads(path.read_text(encoding="utf-8"))
        root = relative_root(self.env.docname)
        out: list[nodes.Node] = []
        for res in package["resources"]:
            section = nodes.section(ids=[f"table-{res['name']}"])
            section += nodes.title(text=res["title"])
            href = f"{root}data/derived/{res['path']}"
            section += nodes.paragraph(
                "",
                "",
                nodes.Text(f"{res['description']} "),
                nodes.reference(
                    "", f"Download {res['path']}", refuri=href, classes=["companion-csv"]
                ),
                nodes.Text(f" ({res['rows']} rows)."),
            )
            table = nodes.table(classes=["companion-dictionary"])
            group = nodes.tgroup(cols=3)
            for width in (25, 12, 63):
                group += nodes.colspec(colwidth=width)
            head = nodes.thead()
            head += _row(["Column", "Type", "Description"])
            group += head
            body = nodes.tbody()
            for field in res["schema"]["fields"]:
                body += _row([field["name"], field["type"], field["description"]])
            group += body
            table += group
            section += table
            out.append(section)
        return out


class DerivedTableDirective(SphinxDirective):
    """A derived table (or some of its columns and rows) rendered at build time.

    Usage::

        ```{derived-table} mention_evaluation
        :columns: metric, value, n
        :where: metric ^(precision|recall)_exact$
        :caption: The mention finder against the gold set.
        ```

    ``:where:`` takes a column name and a regular expression matched against
    that column's text; several conditions are separated by ``;``. The caption
    links the CSV. A name or column that does not exist is a build error naming it.
    """

    required_arguments = 1
    option_spec = {  # noqa: RUF012
        "columns": directives.unchanged,
        "where": directives.unchanged,
        "caption": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        path = paths.DERIVED / f"{name}.csv"
        if not path.exists():
            raise self.error(f"no derived table {path}")
        self.env.note_dependency(str(path))
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        for condition in filter(None, self.options.get("where", "").split(";")):
            column, _, pattern = condition.strip().partition(" ")
            if column not in df.columns:
                raise self.error(f"{path.name}: no column {column!r} for :where:")
            regex = re.compile(pattern.strip())
            df = df[df[column].map(lambda v, rx=regex: rx.search(v) is not None)]
        columns = [c.strip() for c in self.options.get("columns", "").split(",") if c.strip()]
        unknown = [c for c in columns if c not in df.columns]
        if unknown:
            raise self.error(f"{path.name}: no column(s) {', '.join(unknown)}")
        df = df[columns] if columns else df
        table = nodes.table(classes=["companion-derived-table"])
        caption = self.options.get("caption", "")
        title = nodes.title(text=f"{caption} ")
        root = relative_root(self.env.docname)
        title += nodes.reference(
            "",
            f"Data (CSV): {path.name}",
            refuri=f"{root}data/derived/{path.name}",
            classes=["companion-csv"],
        )
        table += title
        group = nodes.tgroup(cols=len(df.columns))
        for _ in df.columns:
            group += nodes.colspec(colwidth=1)
        head = nodes.thead()
        head += _row(list(df.columns))
        group += head
        body = nodes.tbody()
        for record in df.itertuples(index=False):
            body += _row([str(v) for v in record])
        group += body
        table += group
        return [table]


def _row(cells: list[str]) -> nodes.row:
    row = nodes.row()
    for text in cells:
        entry = nodes.entry()
        entry += nodes.paragraph(text=text)
        row += entry
    return row


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("data-dictionary", DataDictionaryDirective)
    app.add_directive("derived-table", DerivedTableDirective)
    app.add_directive("excerpt", ExcerptDirective)
    app.add_directive("reader-page", ReaderPageDirective)
    return {"parallel_read_safe": True}
