"""One parser per source. Each module exposes:

- ``SOURCE_ID``: the manifest id it parses;
- ``parse(raw: str) -> Document``: the document model (``companion.model``);
- ``normalise(raw: str, segments: list[tuple[int, int]]) -> Reading``: the reading
  layer of any list of raw segments. Contract: for every block of ``parse(raw)``,
  ``normalise(raw, block.segments).text == block.text`` (tested).
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from types import ModuleType

from companion.model import Document
from companion.sources import read_source

PARSER_MODULES: dict[str, str] = {
    "letter-1930": "companion.parsers.letter_1930",
    "crimes-1937": "companion.parsers.crimes_1937",
    "monat": "companion.parsers.monat",
    "cliff-1923": "companion.parsers.cliff_1923",
    "rogovin-emigrants": "companion.parsers.rogovin_emigrants",
}


def parser_for(source_id: str) -> ModuleType:
    try:
        return import_module(PARSER_MODULES[source_id])
    except KeyError:
        raise KeyError(f"no parser for source {source_id!r}") from None


@cache
def parse_source(source_id: str) -> Document:
    """Parse one source from its verified raw text (once per process; treat as read-only)."""
    return parser_for(source_id).parse(read_source(source_id))
