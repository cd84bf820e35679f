# Two commands on a fresh machine with Python 3.10+:
#   make serve   install the book into .venv and serve it on http://127.0.0.1:8000
#   make test    install everything the tests need and run them all
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: serve build test check browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The pinned packages, then the book's own MkDocs plugin (plugins/, pyproject.toml).
$(VENV)/.book: $(BIN)/python requirements.txt pyproject.toml plugins/lazy_notebook_imports.py
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.test: $(VENV)/.book requirements-dev.txt requirements-notebooks.txt
	$(BIN)/pip install -q -r requirements-dev.txt -r requirements-notebooks.txt
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## Serve the book with live reload (edits to curriculum.yml rebuild the pages).
## benchmarks/serve.py times this same command.
serve: $(VENV)/.book
	$(BIN)/mkdocs serve

## Build the site into site/ exactly as CI and GitHub Pages do.
build: $(VENV)/.book
	$(BIN)/python scripts/check_curriculum.py
	$(BIN)/mkdocs build --strict

## The data checker alone (what a contributor runs before opening a PR).
check: $(VENV)/.book
	$(BIN)/python scripts/check_curriculum.py

## Debian's Chromium for the browser tests (Playwright drives it; no browser download).
browser:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

## Everything: data checks, schema and stub drift, strict build, notebooks, browser and accessibility tests.
test: $(VENV)/.test node_modules/.installed browser
	$(BIN)/python -m pytest

clean:
	rm -rf site .cache .pytest_cache
