"""The registry of derived tables: each producer writes one file in data/derived/.

Stages register here so that ``python -m companion.derive`` regenerates all of
them and a newcomer finds, in one place, which module makes which file.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pandas as pd

from companion.corrections import corrections_table
from companion.model import Document
from companion.parsers import PARSER_MODULES, parse_source
from companion.passages import build_tables

Producer = Callable[[], pd.DataFrame]
#: file name in data/derived/ -> the function that produces it
PRODUCERS: dict[str, Producer] = {}


def producer(name: str) -> Callable[[Producer], Producer]:
    """Register ``fn`` as the producer of ``data/derived/<name>``."""

    def register(fn: Producer) -> Producer:
        PRODUCERS[name] = fn
        return fn

    return register


@cache
def documents() -> dict[str, Document]:
    """Every source parsed once per derivation run."""
    return {sid: parse_source(sid) for sid in PARSER_MODULES}


@cache
def _passage_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    return build_tables(docs=documents())


@producer("passages.csv")
def passages() -> pd.DataFrame:
    return _passage_tables()[0]


@producer("footnotes.csv")
def footnotes() -> pd.DataFrame:
    return _passage_tables()[1]


@producer("corrections.csv")
def corrections() -> pd.DataFrame:
    return corrections_table(documents())


@producer("sources_overview.csv")
def sources_overview() -> pd.DataFrame:
    from companion.inventory import sources_overview as overview

    return overview(*_passage_tables())


@producer("source_makeup.csv")
def source_makeup() -> pd.DataFrame:
    from companion.inventory import source_makeup as makeup

    return makeup(_passage_tables()[0])


@producer("figure_candidates.csv")
def figure_candidates() -> pd.DataFrame:
    from companion.figures import candidates_table

    return candidates_table()


@producer("repression_figures.csv")
def repression_figures() -> pd.DataFrame:
    from companion.figures import figures_table

    return figures_table()


@producer("emigrant_shares.csv")
def emigrant_shares() -> pd.DataFrame:
    from companion.figures import figures_table
    from companion.figures_views import shares_table, with_numeric_values

    return shares_table(with_numeric_values(figures_table()))


# --- the letter, Der Monat, Cliff on 1923 and the timeline (issue 7) -----------------


@cache
def _timeline_tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    from companion.timeline import timeline_tables

    return timeline_tables(documents(), corrections())


@producer("monat_citations.csv")
def monat_citations() -> pd.DataFrame:
    from companion.monat_citations import citations_table

    return citations_table(documents()["monat"])


@producer("monat_articles.csv")
def monat_articles() -> pd.DataFrame:
    from companion.monat_citations import articles_table

    return articles_table(monat_citations())


@producer("timeline.csv")
def timeline() -> pd.DataFrame:
    return _timeline_tables()[0]


@producer("timeline_unresolved.csv")
def timeline_unresolved() -> pd.DataFrame:
    return _timeline_tables()[1]


@producer("timeline_conflicts.csv")
def timeline_conflicts() -> pd.DataFrame:
    return _timeline_tables()[2]


@producer("cliff_figures.csv")
def cliff_figures() -> pd.DataFrame:
    from companion.events_1923 import figures_table

    return figures_table(documents()["cliff-1923"], timeline())


@producer("cliff_endnotes.csv")
def cliff_endnotes() -> pd.DataFrame:
    from companion.events_1923 import endnotes_table

    return endnotes_table(*reversed(_passage_tables()))


@producer("cliff_gaps.csv")
def cliff_gaps() -> pd.DataFrame:
    from companion.events_1923 import gap_table

    return gap_table(documents()["cliff-1923"])


@cache
def _letter_entity_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    from companion.letter_entities import entity_tables

    mentions = PRODUCERS.get("mentions.csv")  # the name authority, where registered
    return entity_tables(documents(), mentions=mentions() if mentions else None)


@producer("letter_entities.csv")
def letter_entities() -> pd.DataFrame:
    return _letter_entity_tables()[0]


@producer("letter_entity_links.csv")
def letter_entity_links() -> pd.DataFrame:
    return _letter_entity_tables()[1]


# --- who is who: persons and their mentions ------------------------------------------


@cache
def _mentions_table() -> pd.DataFrame:
    from companion.mentions import checked_scan

    return checked_scan(docs=documents()).mentions


@producer("mentions.csv")
def mentions() -> pd.DataFrame:
    return _mentions_table()


@producer("person_index.csv")
def person_index() -> pd.DataFrame:
    from companion.mentions import person_index as index
    from companion.persons import check_basis, load_persons

    check_basis(load_persons(), set(passages()["passage_id"]))

    return index(_mentions_table())


@producer("mention_evaluation.csv")
def mention_evaluation() -> pd.DataFrame:
    from companion.evaluation import compare, evaluation_table

    return evaluation_table(compare(mentions=_mentions_table()))


# --- who names whom: the testimony of the trials and hearings --------------------------


@cache
def _testimony_turns() -> tuple:
    from companion.testimony import extract

    doc = documents()["crimes-1937"]
    return doc, tuple(extract(doc, _mentions_table()))


@cache
def _testimony_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    from companion.naming import turn_names
    from companion.testimony import testimony_table

    doc, turns = _testimony_turns()
    return (
        testimony_table(doc, list(turns)),
        turn_names(doc, list(turns), _mentions_table()),
    )


@producer("testimony.csv")
def testimony_turns() -> pd.DataFrame:
    return _testimony_frames()[0]


@producer("testimony_names.csv")
def testimony_names() -> pd.DataFrame:
    return _testimony_frames()[1]


@producer("testimony_exchanges.csv")
def testimony_exchanges() -> pd.DataFrame:
    from companion.testimony import exchanges_table

    return exchanges_table(_testimony_frames()[0])


@producer("naming_edges.csv")
def naming_edges() -> pd.DataFrame:
    from companion.naming import edges_table

    return edges_table(_testimony_frames()[1])


@cache
def _naming_network() -> tuple[pd.DataFrame, pd.DataFrame]:
    from companion.naming import network_layout
    from companion.persons import authority

    return network_layout(naming_edges(), _testimony_frames()[0], authority().persons)


@producer("naming_network_nodes.csv")
def naming_network_nodes() -> pd.DataFrame:
    return _naming_network()[0]


@producer("naming_network_links.csv")
def naming_network_links() -> pd.DataFrame:
    return _naming_network()[1]


@producer("intended_victims.csv")
def intended_victims() -> pd.DataFrame:
    from companion.naming import intended_victims as victims
    from companion.persons import authority

    return victims(*_testimony_frames(), authority().persons)


@producer("testimony_evaluation.csv")
def testimony_evaluation() -> pd.DataFrame:
    from companion.testimony_evaluation import evaluate, load_gold

    return evaluate(*_testimony_frames(), load_gold())


# --- people across the sources: keyword in context -------------------------------------


@producer("concordance.csv")
def concordance() -> pd.DataFrame:
    from companion.concordance import concordance_table

    return concordance_table(documents(), _mentions_table())


@producer("person_sources.csv")
def person_sources() -> pd.DataFrame:
    from companion.concordance import person_sources_table
    from companion.persons import authority

    return person_sources_table(_mentions_table(), authority().persons)


@producer("mention_evaluation_blind.csv")
def mention_evaluation_blind() -> pd.DataFrame:
    from companion.evaluation import blind_evaluation_table

    return blind_evaluation_table()


@producer("testimony_evaluation_blind.csv")
def testimony_evaluation_blind() -> pd.DataFrame:
    from companion.evaluation import blind_testimony_table

    return blind_testimony_table()


# --- aggregates the chapters draw: each chart links to the table it draws --------------


@producer("figure_candidate_audit.csv")
def figure_candidate_audit() -> pd.DataFrame:
    from companion.figures_views import candidate_audit

    return candidate_audit(figure_candidates())


@producer("figure_not_figure_reasons.csv")
def figure_not_figure_reasons() -> pd.DataFrame:
    from companion.figures_views import not_figure_reasons

    return not_figure_reasons(figure_candidates())


@producer("person_source_combinations.csv")
def person_source_combinations() -> pd.DataFrame:
    from companion.concordance import source_combinations

    return source_combinations(person_sources())


@producer("sections.csv")
def sections() -> pd.DataFrame:
    from companion.passages import SECTION_COLUMNS, section_rows

    rows = [row for doc in documents().values() for row in section_rows(doc)]
    return pd.DataFrame(rows, columns=SECTION_COLUMNS)


@producer("translation.csv")
def translation() -> pd.DataFrame:
    from companion.translation import translation_table

    return translation_table(passages(), _mentions_table())
