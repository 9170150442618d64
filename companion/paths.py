"""Where the project's files live, relative to the repository root."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCES = DATA / "sources"
DERIVED = DATA / "derived"
CURATED = DATA / "curated"
MANIFEST = SOURCES / "sources.yml"
BUILD = ROOT / "_build"
HTML = BUILD / "html"
