"""Shared fixtures."""

from __future__ import annotations

import pytest

from companion.parsers import PARSER_MODULES, parse_source

SOURCE_IDS = list(PARSER_MODULES)


@pytest.fixture(scope="session")
def documents():
    """Every source parsed once per test session."""
    return {sid: parse_source(sid) for sid in SOURCE_IDS}
