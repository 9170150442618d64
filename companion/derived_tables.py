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
