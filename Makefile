# Two commands for a fresh machine with Python 3.11:
#   make book   - create .venv, install the pinned environment, derive the data, build the book strictly
#   make test   - create .venv likewise, then lint, check derived data and run every test
#                 (the tests rebuild the book from clean and open every page in headless Chromium)

PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: book test derive bench lint clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

book: $(STAMP)
	$(PY) -m companion.derive --check || $(PY) -m companion.derive
	$(PY) -m companion.build

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest

derive: $(STAMP)
	$(PY) -m companion.derive

bench: $(STAMP)
	$(PY) -m companion.bench

clean:
	rm -rf _build
