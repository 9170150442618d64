"""Errors raised on bad input. Each names the file, line or row and what was expected."""


class DataError(Exception):
    """Bad input data: the message names the file (and row or line) and what was expected."""


class SourceChecksumError(DataError):
    """A source file's bytes differ from the checksum in the manifest."""


class ManifestError(DataError):
    """The source manifest is malformed."""


class CuratedTableError(DataError):
    """A hand-curated CSV in data/curated/ is malformed."""


class UnknownPassageError(DataError, KeyError):
    """A passage id that is not in data/derived/passages.csv."""

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return str(self.args[0]) if self.args else ""
