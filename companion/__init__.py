"""companion: the code that derives the study companion's data from its five sources.

Data flow: ``data/sources/`` -> one parser per source (``companion.parsers``) ->
passages with ids and raw offsets (``companion.passages``) -> extractors ->
``data/derived/*.csv`` -> notebooks -> book.
"""

from companion.errors import DataError, SourceChecksumError, UnknownPassageError
from companion.sources import load_manifest, read_source

__all__ = [
    "DataError",
    "SourceChecksumError",
    "UnknownPassageError",
    "load_manifest",
    "read_source",
]
