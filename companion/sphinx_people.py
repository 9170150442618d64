"""The ``{person-index}`` directive: every person with a link to every passage naming them.

The index page (``book/people-index.md``) is generated at build time from
``data/curated/persons.csv`` (who is who) and ``data/derived/mentions.csv``
(where each is named); Sphinx re-reads the page when either changes. The page
is plain docutils: one section per initial letter, one paragraph per person
(anchor ``person-<person_id>``) with the usual English and German names, the
forms under which the sources write the name, roles and description, and then,
source by source, the number of mentions and passages and a link to every
passage (link text: the passage id; ``×n`` where a passage names the person
n times). Being text, the whole index is found by the book's search.

Persons are sorted by surname, which is what ``person_id`` spells first
(``adler-raissa``, ``van-heijenoort``); persons whom the sources never name
(the unnamed presiding judges) are listed with the role words the sources use.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from companion import paths
from companion.concordance import normalise_match
from companion.excerpts import reader_url
from companion.persons import (
    PERSONS_CSV,
    ROLES_CSV,
    basis_items,
    load_persons,
    load_roles,
    split_list,
)
from companion.sources import load_manifest
from companion.sphinx_ext import relative_root

MENTIONS_CSV = paths.DERIVED / "mentions.csv"


def person_anchor(person_id: str) -> str:
    """The HTML id of a person's entry (``book/people-index.html#person-<id>``)."""
    return f"person-{person_id}"


def initial(person_id: str) -> str:
    """The index letter of a person: the first letter of the surname slug."""
    return person_id[0].upper()


@dataclass
class SourceEntry:
    """Where one source names one person."""

    source_id: str
    mentions: int
    passages: list[tuple[str, int]]  # (passage id, mentions in it), in source order


def entries(mentions: pd.DataFrame, source_order: list[str]) -> dict[str, list[SourceEntry]]:
    """Per person: the sources naming them (manifest order) with their passages."""
    rank = {sid: i for i, sid in enumerate(source_order)}
    m = mentions.assign(_rank=mentions["source_id"].map(rank), _start=mentions["start"].astype(int))
    m = m.sort_values(["person_id", "_rank", "_start"], kind="stable")
    out: dict[str, list[SourceEntry]] = {}
    for (pid, sid), group in m.groupby(["person_id", "source_id"], sort=False):
        counts = Counter(group["passage_id"])
        passages = [(p, counts[p]) for p in dict.fromkeys(group["passage_id"])]
        out.setdefault(str(pid), []).append(SourceEntry(str(sid), len(group), passages))
    return out


def name_forms(mentions: pd.DataFrame) -> dict[str, list[tuple[str, int]]]:
    """Per person: the forms of the name as written (normalised), most frequent first."""
    forms = mentions.assign(form=mentions["surface"].map(normalise_match))
    out: dict[str, list[tuple[str, int]]] = {}
    for pid, group in forms.groupby("person_id", sort=False):
        counts = Counter(group["form"])
        out[str(pid)] = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class PersonIndex:
    """Builds the docutils nodes of the index from the two tables."""

    def __init__(
        self,
        persons: pd.DataFrame,
        mentions: pd.DataFrame,
        titles: dict[str, str],
        roles: dict[str, str],
        root: str,
    ) -> None:
        self.persons = persons.sort_values("person_id", kind="stable")
        self.mentions = mentions
        self.titles = titles
        self.roles = roles
        self.root = root
        self.where = entries(mentions, list(titles))
        self.forms = name_forms(mentions)

    def nodes(self) -> list[nodes.Node]:
        letters = sorted({initial(p) for p in self.persons["person_id"]})
        out: list[nodes.Node] = [self._summary(), self._letter_bar(letters)]
        for letter in letters:
            section = nodes.section(ids=[f"persons-{letter.lower()}"], names=[f"persons {letter}"])
            section += nodes.title(text=letter)
            chunk = self.persons[self.persons["person_id"].map(initial) == letter]
            for person in chunk.itertuples(index=False):
                section += self._person(person)
            out.append(section)
        out.append(self._roles_section())
        return out

    def _summary(self) -> nodes.Node:
        named = self.persons["person_id"].isin(self.where)
        passages = self.mentions[["person_id", "passage_id"]].drop_duplicates()
        return nodes.paragraph(
            text=(
                f"{len(self.persons)} persons, of whom {int(named.sum())} are named in the "
                f"sources: {len(self.mentions):,} mentions, listed here as "
                f"{len(passages):,} links (one for each passage that names a person; "
                "×n where it names the person n times)."
            )
        )

    def _letter_bar(self, letters: list[str]) -> nodes.Node:
        bar = nodes.paragraph(classes=["companion-index-letters"])
        for i, letter in enumerate(letters):
            if i:
                bar += nodes.Text(" · ")
            bar += nodes.reference("", letter, refuri=f"#persons-{letter.lower()}")
        return bar

    def _person(self, person: Any) -> list[nodes.Node]:
        pid = person.person_id
        para = nodes.paragraph(ids=[person_anchor(pid)], classes=["companion-person"])
        para += nodes.strong(text=person.name_en)
        description = person.description.rstrip(".")
        if description.startswith(person.name_en):  # most descriptions begin with the name
            para += nodes.Text(f"{description[len(person.name_en) :]}.")
        else:
            para += nodes.Text(f". {description}.")
        if person.born or person.died:
            para += nodes.Text(f" ({person.born or '?'}–{person.died or '?'}).")
        if person.name_de and person.name_de != person.name_en:
            para += nodes.Text(f" German: {person.name_de}.")
        forms = self.forms.get(pid)
        if forms:
            written = ", ".join(f"{form} ×{n}" if n > 1 else form for form, n in forms)
            para += nodes.Text(" Written: ")
            para += nodes.emphasis(text=written)
            para += nodes.Text(".")
        else:
            words = split_list(person.designations)
            said = f" (as {', '.join(words)})" if words else ""
            para += nodes.Text(f" Not named in the sources, only referred to{said}.")
        roles = split_list(person.roles)
        para += nodes.Text(f" Roles: {', '.join(roles)}.")
        para += self._basis(person.basis)
        out: list[nodes.Node] = [para]
        where = self.where.get(pid)
        if where:
            items = nodes.bullet_list(classes=["companion-person-passages"])
            for entry in where:
                items += self._source_item(entry)
            out.append(items)
        return out

    def _basis(self, cell: str) -> nodes.Node:
        """What the description rests on: passages of the sources, references read."""
        ids, refs = basis_items(cell)
        span = nodes.inline(classes=["companion-basis"])
        span += nodes.Text(" Basis: ")
        links: list[nodes.Node] = [
            nodes.reference("", pid, refuri=reader_url(pid, self.root)) for pid in ids
        ]
        links += [
            nodes.reference("", urlsplit(url).netloc.removeprefix("www."), refuri=url)
            for url in refs
        ]
        for i, link in enumerate(links):
            if i:
                span += nodes.Text(", ")
            span += link
        span += nodes.Text(".")
        return span

    def _source_item(self, entry: SourceEntry) -> nodes.Node:
        item = nodes.list_item()
        para = nodes.paragraph()
        para += nodes.emphasis(text=self.titles[entry.source_id])
        para += nodes.Text(
            f" ({_plural(entry.mentions, 'mention')} in "
            f"{_plural(len(entry.passages), 'passage')}): "
        )
        for i, (passage_id, n) in enumerate(entry.passages):
            if i:
                para += nodes.Text(", ")
            # one unbreakable unit per link (Bootstrap's utility class, in the theme)
            link = nodes.inline(classes=["text-nowrap"])
            link += nodes.reference(
                "",
                passage_id,
                refuri=reader_url(passage_id, self.root),
                classes=["companion-passage-link"],
            )
            if n > 1:
                link += nodes.Text(f" ×{n}")
            para += link
        item += para
        return item

    def _roles_section(self) -> nodes.Node:
        section = nodes.section(ids=["persons-roles"], names=["roles"])
        section += nodes.title(text="Roles")
        used = Counter(r for cell in self.persons["roles"] for r in split_list(cell))
        dl = nodes.definition_list()
        for role, description in self.roles.items():
            if not used[role]:
                continue
            item = nodes.definition_list_item()
            item += nodes.term(text=role)
            definition = nodes.definition()
            definition += nodes.paragraph(text=f"{description} ({_plural(used[role], 'person')}).")
            item += definition
            dl += item
        section += dl
        return section


class PersonIndexDirective(SphinxDirective):
    """``{person-index}``: the index of persons, generated from the data."""

    def run(self) -> list[nodes.Node]:
        for path in (PERSONS_CSV, ROLES_CSV, MENTIONS_CSV, __file__):  # data and this code
            self.env.note_dependency(str(path))
        persons = load_persons()
        mentions = pd.read_csv(MENTIONS_CSV, dtype=str, keep_default_na=False, encoding="utf-8")
        unknown = sorted(set(mentions["person_id"]) - set(persons["person_id"]))
        if unknown:
            raise self.error(f"{MENTIONS_CSV}: persons not in {PERSONS_CSV}: {unknown[:5]}")
        titles = {sid: s.short_title for sid, s in load_manifest().items()}
        role_table = load_roles()
        roles = dict(zip(role_table["role"], role_table["description"], strict=True))
        index = PersonIndex(persons, mentions, titles, roles, relative_root(self.env.docname))
        return index.nodes()


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("person-index", PersonIndexDirective)
    return {"parallel_read_safe": True}
