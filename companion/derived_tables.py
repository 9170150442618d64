"""The registry of derived tables: each producer writes one file in data/derived/.

Stages register here so that ``python -m companion.derive`` regenerates all of
them and a newcomer finds, in one place, which module makes which file.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from companion.derive import producer
from companion.passages import build_tables


@cache
def _passage_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    return build_tables()


@producer("passages.csv")
def passages() -> pd.DataFrame:
    return _passage_tables()[0]


@producer("footnotes.csv")
def footnotes() -> pd.DataFrame:
    return _passage_tables()[1]
