"""Every mention of every person of the name authority, in every passage.

What counts as a mention
------------------------
A mention is an occurrence of a *name* of a person in :mod:`companion.persons`:
a surname, a name with first names or initials, an alias or nickname (``Koba``,
``Wolodja``, ``Walter``), or initials that stand for a person (``L. D.`` =
Trotsky, ``K. R.`` = Radek, ``J. L.`` = Pyatakov, ``Advokat W.``). Role words
and pronouns (``der Staatsanwalt``, ``mein Sohn``) are not mentions; the persons
table records them as ``designations``.

The span of a mention is the name as written, with the first names and initials
that belong to it (``Leo Sedow``, ``J. N. Smirnow``) and without titles or
ranks (``Herr``, ``Genosse``, ``General``, ``Mister``, ``Mme``, ``Graf``).
``start``/``end`` are offsets into the raw source file and ``surface`` is
exactly ``raw[start:end]``, line breaks and line-break hyphens included
(``Le-\\nnin``).

Word forms, compounds, derivations
----------------------------------
* German inflection: the genitive ``-s`` belongs to the name (``Radeks``,
  ``Sinowjews``). English possessive ``'s``/``’s`` does not (span ``Stalin`` in
  ``Stalin’s``), nor does an apostrophe after ``-s`` (``Ignaz Reiss' Nachlass``).
* Adjectives in ``-sche``/``-schen``/``-sches`` count when written with a
  capital letter: by the orthography of the sources a capitalised adjective
  refers to the person's own act (``Golzmannschen Erzählung`` = Golzmann's
  story, ``Stalinsche Presse``, ``Hegelsche Triade``). Lower-case adjectives
  (``stalinsche Bürokratie``, ``leninsche Regierung``) name no one.
* Hyphenated compounds mention every name in them: ``Sinowjew-Kamenew-Prozess``
  mentions Zinoviev and Kamenev, ``Stalin-Cachin-Thorez-Organ`` three persons,
  ``Hitler-Sta-\\nlin-Paktes`` Hitler and Stalin. A hyphenated double name of
  one person is one mention (``Bermann-Jurin``, ``Antonow-Owsejenko``,
  ``Heinrich-Gustav``).
* Derivations and closed compounds mention no one: ``Trotzkisten``,
  ``Trotzkismus``, ``Sinowjewisten``, ``Stalinismus``, ``Pjatakowiade``,
  ``Stachanowbewegung``, ``Kerenskiregierung``, ``Leninbund``, ``Leninsk``,
  ``Sundby``, ``Bauern``, ``Frankreich``. This is the word-boundary rule: a name
  is matched only where no letter precedes or follows it.
* Eponymous and type uses count, because they name the person: ``the Cuno
  strike``, ``the Lenski group``, ``die Herren Pritt``, ``vom Typus Durand``,
  ``die Trojanowskis``; so do names in titles (``Lenins letzte Tage``).

How names are found
-------------------
All variants of all persons are compiled into one regular expression (a trie,
so that the longest variant wins: ``Jonas Lie`` before ``Lie``, ``Frieda
Rivera`` before ``Rivera``). It runs over the *search layer* of each passage:
the reading text of :mod:`companion.parsers` with line-break hyphens between
two lower-case letters removed (``Le- nin`` -> ``Lenin``, but ``Hand- und``
stays), so the finder works whether or not a parser has joined them. Every
character keeps its raw offset. A match may not run across raw characters that
are not part of the reading text (a footnote that interrupts ``Diego ⟨note⟩
Rivera``): it is cut at the gap and the parts are matched on their own.

How ambiguity is resolved (data/curated/name_rules.csv)
-------------------------------------------------------
A surface form listed by one person is that person unless a rule says
otherwise; one listed by several persons must have rules (validated by
:mod:`companion.persons`). For each match the rules of its surface form are
tried in file order and the first that applies decides:

``stop``
    The match is not a mention when its ``before`` pattern matches the text
    just before it (anchored at the end) and its ``after`` pattern the text just
    after it (anchored at the start); an empty pattern or ``source_id`` always
    fits. Patterns see up to 80 characters of the same passage. For words
    and places: ``der Bauer``, ``Frank-reichs``, ``aus Kork``, ``den Sund``,
    ``in Nikolajew``, ``in Engels``, ``in Gorki``, ``Dorfe Cardenas``,
    ``Menschewiki mit dem Namen Bronstein``, ``Karl``/``Arnold`` followed by
    another surname.
``context``
    Same conditions; the match is the person(s) in ``person_id``
    (``Mme Trotzky`` = Natalia Sedova; ``Lurje, Moses und Nathan`` = both
    Luryes; ``Advokat W.``; ``Herr H.`` the lawyer or the acquaintance).
``source``
    Every match in ``source_id`` is ``person_id`` (``Frank`` is the unidentified
    comrade in the 1930 letter and Pierre Frank in Stalins Verbrechen; ``Bauer``
    is Otto Bauer in crimes-1937 and Tito's wife in rogovin-emigrants).
``antecedent``
    The person among ``person_id`` who was named most recently before the match
    in the same source, by raw offset (``Askvig und Lie`` two lines after
    ``Jonas Lie``). If none was named, the next rule is tried.
``default``
    The match is ``person_id``, or no mention when it is empty (``Ross``,
    ``Israel``, first names alone).

A match no rule resolves is reported by :func:`scan` as unresolved, never
guessed; :func:`checked_scan` (used by ``python -m companion.derive``) stops on
it, and the tests require there to be none.

Public functions: :func:`find_mentions` / :func:`all_mentions` (the table),
:func:`scan` (mentions and unresolved matches), :func:`mentions_in_text` (try
the rules on a sentence), :func:`person_index` (counts per person and source).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from companion.errors import CuratedTableError
from companion.model import Block, Document
from companion.parsers import PARSER_MODULES, parse_source
from companion.passages import assign_ids
from companion.persons import (
    NAME_RULES_CSV,
    Authority,
    authority,
    normalise_surface,
    split_list,
)
from companion.textlayer import Reading

MENTION_COLUMNS = ["person_id", "source_id", "passage_id", "start", "end", "surface"]
UNRESOLVED_COLUMNS = ["source_id", "passage_id", "start", "end", "surface", "candidates"]

#: characters allowed in a raw gap inside one name (line breaks, line-break hyphens)
_GAP_OK = re.compile(r"[\s\-\u00ad]*")
#: a line-break hyphen inside a word: "Le- nin", "Trotz- kis" (not "Hand- und")
_SOFT_BREAK = re.compile(
    r"(?<=[^\W\d_])(?:-\s+|\u00ad\s*)(?=[a-zäöüß])(?!(?:und|oder|and|or|bzw)\b)"
)
_LETTER = r"[^\W\d_]"
_CONTEXT_WIDTH = 80


# --- the search pattern ---------------------------------------------------------------


def _atom(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    if ch == "-":
        return r"-\s*"
    return re.escape(ch)


def _trie(surfaces: Iterable[str]) -> dict:
    root: dict = {}
    for surface in surfaces:
        node = root
        for ch in surface:
            node = node.setdefault(ch, {})
        node[""] = {}
    return root


def _emit(node: dict) -> str:
    branches = [_atom(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?" if len(branches) == 1 else body + "?"
    return body


def surface_pattern(surfaces: Iterable[str]) -> re.Pattern[str]:
    """One regex matching any of ``surfaces``, the longest first, between word boundaries."""
    return re.compile(rf"(?<!{_LETTER})(?:{_emit(_trie(surfaces))})(?!{_LETTER})")


# --- rules ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    kind: str
    persons: tuple[str, ...]
    source_id: str
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None

    def applies(self, source_id: str, before: str, after: str) -> bool:
        """True if the rule's source and patterns fit a match with this context."""
        if self.source_id and self.source_id != source_id:
            return False
        if self.before is not None and not self.before.search(before):
            return False
        return self.after is None or bool(self.after.match(after))


@dataclass
class Matcher:
    """The compiled authority: one pattern, the claims and the rules per surface form."""

    pattern: re.Pattern[str]
    claims: dict[str, tuple[str, ...]]
    rules: dict[str, list[Rule]] = field(default_factory=dict)


def build_matcher(auth: Authority) -> Matcher:
    rules: dict[str, list[Rule]] = {}
    for row in auth.rules.itertuples(index=False):
        rules.setdefault(normalise_surface(row.surface), []).append(
            Rule(
                kind=row.rule,
                persons=tuple(split_list(row.person_id)),
                source_id=row.source_id,
                before=re.compile(f"(?:{row.before})$") if row.before else None,
                after=re.compile(row.after) if row.after else None,
            )
        )
    return Matcher(pattern=surface_pattern(auth.claims), claims=auth.claims, rules=rules)


@cache
def default_matcher() -> Matcher:
    return build_matcher(authority())


# --- the search layer -------------------------------------------------------------------


def search_layer(text: str) -> tuple[str, list[int]]:
    """``text`` without line-break hyphens, and for each character its index in ``text``."""
    pieces: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _SOFT_BREAK.finditer(text):
        pieces.append(text[pos : m.start()])
        index.extend(range(pos, m.start()))
        pos = m.end()
    pieces.append(text[pos:])
    index.extend(range(pos, len(text)))
    return "".join(pieces), index


@dataclass(frozen=True)
class Match:
    """A surface form found in one block, before its person is decided."""

    source_id: str
    passage_id: str
    start: int  # raw offsets
    end: int
    surface: str  # raw[start:end]
    key: str  # normalised surface form, key of Matcher.claims
    before: str  # search-layer text just before / after the match
    after: str


def _gap_index(raw: str, offsets: Sequence[int]) -> int | None:
    """Index i such that raw characters foreign to the name lie between offsets[i] and [i+1]."""
    for i in range(len(offsets) - 1):
        a, b = offsets[i] + 1, offsets[i + 1]
        if b > a and not _GAP_OK.fullmatch(raw, a, b):
            return i
    return None


def block_matches(
    raw: str, source_id: str, passage_id: str, block: Block, matcher: Matcher
) -> list[Match]:
    text, index = search_layer(block.reading.text)
    offsets = block.reading.offsets
    out: list[Match] = []
    pos = 0
    while (m := matcher.pattern.search(text, pos)) is not None:
        start, end = m.start(), m.end()
        raw_offsets = [offsets[index[i]] for i in range(start, end)]
        gap = _gap_index(raw, raw_offsets)
        if gap is not None:  # cut at the foreign gap and take the longest name before it
            m = matcher.pattern.match(text, start, start + gap + 1)
            if m is None:
                pos = start + 1
                continue
            end = m.end()
            raw_offsets = raw_offsets[: end - start]
        a, b = raw_offsets[0], raw_offsets[-1] + 1
        out.append(
            Match(
                source_id=source_id,
                passage_id=passage_id,
                start=a,
                end=b,
                surface=raw[a:b],
                key=normalise_surface(text[start:end]),
                before=text[max(0, start - _CONTEXT_WIDTH) : start],
                after=text[end : end + _CONTEXT_WIDTH],
            )
        )
        pos = end
    return out


def document_matches(doc: Document, matcher: Matcher) -> list[Match]:
    ids = assign_ids(doc)
    found: list[Match] = []
    for pid, block in zip(ids, doc.blocks, strict=True):
        found.extend(block_matches(doc.raw, doc.source_id, pid, block, matcher))
    return sorted(found, key=lambda m: (m.start, m.end))


# --- resolution -------------------------------------------------------------------------

_PENDING = ("<antecedent>",)  # marker: an antecedent rule must look back
Decision = tuple[str, ...] | None  # persons; () unresolved; None not a mention


def _evaluate(match: Match, matcher: Matcher, first: int = 0) -> tuple[Decision, int]:
    """Try the rules of the match's surface form from ``first`` on; the first that applies
    decides. Returns the decision and the index of the deciding rule."""
    rules = matcher.rules.get(match.key, [])
    for i in range(first, len(rules)):
        rule = rules[i]
        if rule.source_id and rule.source_id != match.source_id:
            continue
        if rule.kind == "antecedent":
            return _PENDING, i
        if rule.kind == "source":
            return rule.persons, i
        if rule.kind == "default":
            return (rule.persons or None), i
        if rule.applies(match.source_id, match.before, match.after):  # stop or context
            return (None if rule.kind == "stop" else rule.persons), i
    claimants = matcher.claims[match.key]
    return (claimants if len(claimants) == 1 else ()), len(rules)


def _antecedent(
    position: int, decided: list[tuple[Match, Decision]], candidates: set[str]
) -> Decision:
    """The candidate named most recently before ``decided[position]``, or () if none."""
    for _, persons in reversed(decided[:position]):
        hits = [p for p in persons or () if p in candidates]
        if hits:
            return (hits[0],)
    return ()


@dataclass
class Scan:
    """Result of a scan: the mentions and the matches no rule could resolve."""

    mentions: pd.DataFrame
    unresolved: pd.DataFrame


def resolve(matches: list[Match], matcher: Matcher) -> tuple[list[dict], list[dict]]:
    """Mentions and unresolved matches of one source (``matches`` in raw order)."""
    decided: list[tuple[Match, Decision]] = []
    pending: list[tuple[int, int]] = []
    for match in matches:
        persons, rule_index = _evaluate(match, matcher)
        if persons == _PENDING:
            pending.append((len(decided), rule_index))
            persons = ()
        decided.append((match, persons))
    for position, rule_index in pending:
        match = decided[position][0]
        rule = matcher.rules[match.key][rule_index]
        chosen = _antecedent(position, decided, set(rule.persons or matcher.claims[match.key]))
        if not chosen:
            chosen, _ = _evaluate(match, matcher, rule_index + 1)
            chosen = () if chosen == _PENDING else chosen
        decided[position] = (match, chosen)
    mentions: list[dict] = []
    unresolved: list[dict] = []
    for match, persons in decided:
        where = {
            "source_id": match.source_id,
            "passage_id": match.passage_id,
            "start": match.start,
            "end": match.end,
            "surface": match.surface,
        }
        if persons is None:
            continue
        if not persons:
            unresolved.append({**where, "candidates": "|".join(matcher.claims[match.key])})
        mentions.extend({"person_id": pid, **where} for pid in persons)
    return mentions, unresolved


def scan(
    source_ids: Sequence[str] | None = None,
    matcher: Matcher | None = None,
    docs: Mapping[str, Document] | None = None,
) -> Scan:
    """Find and resolve every mention in the given sources (all by default).

    ``docs`` may pass documents already parsed (derivation parses each source
    once); otherwise each source is parsed here.
    """
    matcher = matcher or default_matcher()
    mentions: list[dict] = []
    unresolved: list[dict] = []
    for sid in source_ids or list(PARSER_MODULES):
        doc = docs[sid] if docs is not None else parse_source(sid)
        found, open_ = resolve(document_matches(doc, matcher), matcher)
        mentions.extend(found)
        unresolved.extend(open_)
    return Scan(
        mentions=pd.DataFrame(mentions, columns=MENTION_COLUMNS),
        unresolved=pd.DataFrame(unresolved, columns=UNRESOLVED_COLUMNS),
    )


def checked_scan(docs: Mapping[str, Document] | None = None) -> Scan:
    """:func:`scan` of every source that stops if any match is left unresolved."""
    result = scan(docs=docs)
    if len(result.unresolved):
        lines = [
            f"{r.source_id} {r.start}-{r.end} {r.surface!r} ({r.candidates})"
            for r in result.unresolved.itertuples(index=False)
        ]
        raise CuratedTableError(
            f"{NAME_RULES_CSV}: no rule resolves {len(lines)} match(es):\n  " + "\n  ".join(lines)
        )
    return result


def mentions_in_text(
    text: str, source_id: str = "crimes-1937", matcher: Matcher | None = None
) -> pd.DataFrame:
    """Mentions in a free text read as one passage of ``source_id`` (for trying rules).

    Offsets are indices into ``text``; ``passage_id`` is empty.
    """
    matcher = matcher or default_matcher()
    block = Block("paragraph", "", [(0, len(text))], Reading(text, list(range(len(text)))))
    found, _ = resolve(block_matches(text, source_id, "", block, matcher), matcher)
    return pd.DataFrame(found, columns=MENTION_COLUMNS)


def find_mentions(source_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Every mention (person_id, source_id, passage_id, start, end, surface)."""
    return scan(source_ids).mentions


@cache
def all_mentions() -> pd.DataFrame:
    """Every mention in every source (cached, for notebooks and evaluation)."""
    return find_mentions()


def person_index(mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per person and source: number of mentions and of passages, first passage."""
    mentions = all_mentions() if mentions is None else mentions
    persons = authority().persons[["person_id", "name_en"]]
    grouped = (
        mentions.groupby(["person_id", "source_id"], sort=False)
        .agg(
            mentions=("start", "size"),
            passages=("passage_id", "nunique"),
            first_passage=("passage_id", "first"),
        )
        .reset_index()
    )
    order = {sid: i for i, sid in enumerate(PARSER_MODULES)}
    table = persons.merge(grouped, on="person_id", how="inner")
    table["_order"] = table["source_id"].map(order)
    table = table.sort_values(["person_id", "_order"], kind="stable").drop(columns="_order")
    return table.reset_index(drop=True)
