"""Where the project's files live, relative to the repository root.

``COMPANION_DATA`` may point the code at another data folder (the tests use it
to show that a changed source byte stops a run).
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("COMPANION_DATA", ROOT / "data"))
SOURCES = DATA / "sources"
DERIVED = DATA / "derived"
CURATED = DATA / "curated"
MANIFEST = SOURCES / "sources.yml"
BUILD = ROOT / "_build"
HTML = BUILD / "html"
