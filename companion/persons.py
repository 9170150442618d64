"""The name authority: who is who across the five sources.

Three hand-curated tables in ``data/curated/`` make it up:

``roles.csv`` (role, description)
    The controlled list of roles. A table rather than a constant so that the
    book can print each role with its description and a curator can add one
    without touching code.

``persons.csv`` (person_id, name_en, name_de, variants, roles, description, basis, born, died,
wikidata, designations)
    One row per person. ``person_id`` is a lowercase ASCII slug of the usual
    English name, disambiguated with a first name where two persons share a
    surname (``lie-trygve``, ``lurye-moissei``). ``variants`` lists, separated
    by ``|``, every surface form under which the person is named in the
    sources: inflected (``Radeks``), misspelled (``Medwjed``), with first names
    or initials (``J. N. Smirnow``), as aliases (``Koba``). These are the forms
    :mod:`companion.mentions` searches for. ``designations`` records role words
    by which a source refers to a person without naming him (speaker labels
    such as ``Vorsitzender``); they are documentation, never searched. A person
    who is never named (the Moscow presiding judge) has no variants.
    ``wikidata`` is filled only where the identifier is certain.
    ``description`` is the index's own voice and ``basis`` what it rests on:
    ``|``-separated passage ids of the sources that support it and/or
    ``ref:<URL>`` of a reference work a contributor read (never one not read).
    A claim that rests on one source's say-so is attributed in the description
    ("according to Trotsky, …"); what is known only from the prosecution or
    the confessions is "alleged". ``born``/``died`` are years, filled only where
    a reference in the basis gives them. Every row needs a basis; a passage id
    in it that is not in ``passages.csv`` stops the derivation
    (:func:`check_basis`).

``name_rules.csv`` (surface, rule, person_id, source_id, before, after, note)
    How to read a surface form that is ambiguous or that is also an ordinary
    word. The rule kinds and their semantics are documented in
    :mod:`companion.mentions`; here they are validated: a surface form claimed
    by two or more persons must have at least one rule that can resolve it
    (``context``, ``source``, ``antecedent`` or ``default``).

Every table goes through pandera (via :func:`companion.curated.read_curated`);
rules that involve two tables (a rule for an unknown surface, a shared variant
without a rule, a rule naming a person who does not claim the surface) stop
the build with :func:`companion.curated.fail`, naming file, row and column.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from companion import paths
from companion.curated import fail, read_curated
from companion.sources import load_manifest

ROLES_CSV = paths.CURATED / "roles.csv"
PERSONS_CSV = paths.CURATED / "persons.csv"
NAME_RULES_CSV = paths.CURATED / "name_rules.csv"

#: Rule kinds of name_rules.csv, in the order the documentation presents them.
RULE_KINDS = ("stop", "context", "source", "antecedent", "default")
#: Rule kinds that can assign a person to a shared surface form.
RESOLVING_KINDS = frozenset({"context", "source", "antecedent", "default"})

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
#: One entry of a basis: a passage id, or ref: and the URL of a reference read.
BASIS_ITEM = r"(?:[a-z0-9-]+:[\w.:-]+|ref:https?://\S+)"
LIST_SEPARATOR = "|"


def split_list(cell: str) -> list[str]:
    """The items of a ``|``-separated cell (an empty cell has none)."""
    return [item.strip() for item in str(cell).split(LIST_SEPARATOR)] if str(cell) else []


def normalise_surface(surface: str) -> str:
    """One spelling for a surface form: runs of whitespace become one space,
    whitespace after a hyphen is dropped (``Heinrich-\\nGustav`` = ``Heinrich-Gustav``)."""
    return re.sub(r"-\s+", "-", " ".join(surface.split()))


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


def _list_ok(cell: str, item_pattern: str) -> bool:
    if not cell:
        return True
    items = str(cell).split(LIST_SEPARATOR)
    return all(re.fullmatch(item_pattern, item) for item in items) and len(set(items)) == len(items)


def roles_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "role": pa.Column(str, pa.Check.str_matches(rf"^{SLUG}$"), unique=True),
            "description": pa.Column(str, pa.Check.str_matches(r"^\S.*\S$")),
        },
        strict=True,
    )


def persons_schema(roles: frozenset[str]) -> pa.DataFrameSchema:
    def known_roles(cell: str) -> bool:
        items = split_list(cell)
        return bool(items) and all(item in roles for item in items)

    return pa.DataFrameSchema(
        {
            "person_id": pa.Column(str, pa.Check.str_matches(rf"^{SLUG}$"), unique=True),
            "name_en": pa.Column(str, pa.Check.str_matches(r"^\S(?:.*\S)?$")),
            "name_de": pa.Column(str, pa.Check.str_matches(r"^(?:\S(?:.*\S)?)?$")),
            "variants": pa.Column(
                str,
                pa.Check(
                    lambda c: _list_ok(c, r"\S(?:[^|\n]*\S)?"),
                    element_wise=True,
                    error="variants must be distinct non-empty surface forms separated by |",
                ),
            ),
            "roles": pa.Column(
                str,
                pa.Check(
                    known_roles,
                    element_wise=True,
                    error=f"roles must be |-separated roles listed in {ROLES_CSV.name}",
                ),
            ),
            "description": pa.Column(str, pa.Check.str_matches(r"^\S[^\n]*\S$")),
            "basis": pa.Column(
                str,
                pa.Check(
                    lambda c: bool(c) and _list_ok(c, BASIS_ITEM),
                    element_wise=True,
                    error="basis must be |-separated passage ids or ref:<https URL>, never empty",
                ),
            ),
            "born": pa.Column(str, pa.Check.str_matches(r"^(?:1[0-9]{3})?$")),
            "died": pa.Column(str, pa.Check.str_matches(r"^(?:1[0-9]{3}|20[0-2][0-9])?$")),
            "wikidata": pa.Column(str, pa.Check.str_matches(r"^(?:Q[1-9][0-9]*)?$")),
            "designations": pa.Column(
                str,
                pa.Check(
                    lambda c: _list_ok(c, r"\S(?:[^|\n]*\S)?"),
                    element_wise=True,
                    error="designations must be |-separated",
                ),
            ),
        },
        strict=True,
    )


def rules_schema(source_ids: frozenset[str]) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "surface": pa.Column(str, pa.Check.str_matches(r"^\S(?:.*\S)?$")),
            "rule": pa.Column(str, pa.Check.isin(list(RULE_KINDS))),
            "person_id": pa.Column(
                str,
                pa.Check(
                    lambda c: _list_ok(c, SLUG),
                    element_wise=True,
                    error="person_id must be empty or |-separated person ids",
                ),
            ),
            "source_id": pa.Column(str, pa.Check.isin(["", *sorted(source_ids)])),
            "before": pa.Column(
                str, pa.Check(_compiles, element_wise=True, error="not a valid regular expression")
            ),
            "after": pa.Column(
                str, pa.Check(_compiles, element_wise=True, error="not a valid regular expression")
            ),
            "note": pa.Column(str, pa.Check.str_matches(r"^\S[^\n]*\S$")),
        },
        strict=True,
    )


@dataclass
class Authority:
    """The validated name authority."""

    persons: pd.DataFrame
    rules: pd.DataFrame
    roles: pd.DataFrame
    #: normalised surface form -> person ids claiming it, in persons.csv order
    claims: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def shared_surfaces(self) -> dict[str, tuple[str, ...]]:
        return {s: ids for s, ids in self.claims.items() if len(ids) > 1}

    def person(self, person_id: str) -> pd.Series:
        return self.persons.set_index("person_id").loc[person_id]


def load_roles(path: Path = ROLES_CSV) -> pd.DataFrame:
    return read_curated(path, roles_schema())


def load_persons(path: Path = PERSONS_CSV, roles_path: Path = ROLES_CSV) -> pd.DataFrame:
    """persons.csv, validated against the controlled list of roles."""
    roles = frozenset(load_roles(roles_path)["role"])
    return read_curated(path, persons_schema(roles))


def claims_of(persons: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    claims: dict[str, list[str]] = defaultdict(list)
    for pid, variants in zip(persons["person_id"], persons["variants"], strict=True):
        for variant in split_list(variants):
            claims[normalise_surface(variant)].append(pid)
    return {surface: tuple(ids) for surface, ids in claims.items()}


def load_name_rules(
    path: Path = NAME_RULES_CSV, persons: pd.DataFrame | None = None
) -> pd.DataFrame:
    """name_rules.csv, validated on its own and against persons.csv."""
    persons = load_persons() if persons is None else persons
    rules = read_curated(path, rules_schema(frozenset(load_manifest())))
    check_rules(rules, claims_of(persons), path)
    return rules


def check_rules(rules: pd.DataFrame, claims: dict[str, tuple[str, ...]], path: Path) -> None:
    """Cross-table checks of the rules (pandera has checked each cell already)."""
    for i, row in enumerate(rules.itertuples(index=False)):
        surface = normalise_surface(row.surface)
        if surface not in claims:
            raise fail(path, i, "surface", f"{row.surface!r} is not a variant of any person")
        ids = split_list(row.person_id)
        if row.rule == "stop" and ids:
            raise fail(path, i, "person_id", "a stop rule names no person")
        if row.rule in ("context", "source") and not ids:
            raise fail(path, i, "person_id", f"a {row.rule} rule must name the person(s)")
        if row.rule == "context" and not (row.before or row.after):
            raise fail(path, i, "before", "a context rule needs a before or an after pattern")
        if row.rule == "source" and not row.source_id:
            raise fail(path, i, "source_id", "a source rule needs a source_id")
        strangers = [pid for pid in ids if pid not in claims[surface]]
        if strangers:
            raise fail(
                path,
                i,
                "person_id",
                f"{', '.join(strangers)} do(es) not list {row.surface!r} among the variants",
            )


def check_shared_variants(
    persons: pd.DataFrame, rules: pd.DataFrame, path: Path = PERSONS_CSV
) -> None:
    """Every surface form claimed by two persons needs a rule that can resolve it."""
    resolvable = {
        normalise_surface(s)
        for s, kind in zip(rules["surface"], rules["rule"], strict=True)
        if kind in RESOLVING_KINDS
    }
    first_claim: dict[str, str] = {}
    for i, (pid, variants) in enumerate(
        zip(persons["person_id"], persons["variants"], strict=True)
    ):
        for variant in split_list(variants):
            surface = normalise_surface(variant)
            if surface in first_claim and surface not in resolvable:
                raise fail(
                    path,
                    i,
                    "variants",
                    f"{variant!r} of {pid} is also a variant of {first_claim[surface]}; "
                    f"add a disambiguation rule for it to {NAME_RULES_CSV.name}",
                )
            first_claim.setdefault(surface, pid)


def load_authority(
    persons_path: Path = PERSONS_CSV,
    rules_path: Path = NAME_RULES_CSV,
    roles_path: Path = ROLES_CSV,
) -> Authority:
    """All three tables, validated separately and together."""
    roles = load_roles(roles_path)
    persons = load_persons(persons_path, roles_path)
    rules = load_name_rules(rules_path, persons)
    check_shared_variants(persons, rules, persons_path)
    return Authority(persons=persons, rules=rules, roles=roles, claims=claims_of(persons))


@cache
def authority() -> Authority:
    """The project's name authority (cached; for notebooks and derivation)."""
    return load_authority()


def basis_items(cell: str) -> tuple[list[str], list[str]]:
    """(passage ids, reference URLs) of a basis cell."""
    items = split_list(cell)
    refs = [i.removeprefix("ref:") for i in items if i.startswith("ref:")]
    return [i for i in items if not i.startswith("ref:")], refs


def check_basis(persons: pd.DataFrame, passage_ids: set[str], path: Path = PERSONS_CSV) -> None:
    """Every passage id in a basis is a passage of the sources."""
    for i, cell in enumerate(persons["basis"]):
        ids, _ = basis_items(cell)
        unknown = [pid for pid in ids if pid not in passage_ids]
        if unknown:
            raise fail(path, i, "basis", f"unknown passage id(s) {', '.join(unknown)}")
