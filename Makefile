# Two commands on a fresh machine with Python 3.11.5 or newer:
#   make serve   install the book into .venv and serve it (http://127.0.0.1:8000/ml-roadmap/)
#   make test    install everything the tests need and run them all
# `make help` lists every target.
PYTHON ?= python3
ADDR ?= 127.0.0.1:8000
# The test files spread over every core (pytest-xdist); `make test PYTEST_ARGS=` runs them one by one.
PYTEST_ARGS ?= -n auto --dist loadfile
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help serve build test check browser clean python-version offline pdf offline-site

## List the targets and what they do.
help:
	@awk '/^## /{doc=substr($$0,4); next} /^[a-z][a-z-]*:/{if(doc){split($$0,t,":"); printf "  make %-8s %s\n", t[1], doc}; doc=""}' $(MAKEFILE_LIST)
	@echo "  Variables: PYTHON=$(PYTHON) (3.11.5 or newer), ADDR=$(ADDR) (make serve ADDR=127.0.0.1:8001)"

# Refuse an old Python before anything is installed (the pinned packages need 3.11.5).
python-version:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) else 1)' 2>/dev/null || { \
	  echo "The book needs Python 3.11.5 or newer; $(PYTHON) is $$($(PYTHON) -V 2>&1 || echo missing)."; \
	  echo "Install a newer Python, or point make at one: make serve PYTHON=python3.12"; exit 1; }

$(BIN)/python: | python-version
	$(PYTHON) -m venv $(VENV)

# The pinned packages and the book itself (requirements.txt ends with `-e .`).
$(VENV)/.book: $(BIN)/python requirements.txt pyproject.toml
	$(BIN)/pip install -q -r requirements.txt
	touch $@

# The test and maintenance tools (Playwright, pypdf, ...): also what `make pdf` needs.
$(VENV)/.dev: $(VENV)/.book requirements-dev.txt
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

$(VENV)/.test: $(VENV)/.dev requirements-notebooks.txt
	$(BIN)/pip install -q -r requirements-dev.txt -r requirements-notebooks.txt
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## Serve the book with live reload at ADDR (edits to curriculum.yml rebuild the pages).
serve: $(VENV)/.book
	$(BIN)/mkdocs serve --dev-addr $(ADDR)

## Build the site into site/ exactly as CI and GitHub Pages do (with docs/downloads/ if made).
build: $(VENV)/.book
	$(BIN)/python scripts/check_curriculum.py
	$(BIN)/mkdocs build --strict

# The offline edition's folder (mkdocs.offline.yml), built once per `make` run
# for `make offline` and `make pdf` both.
offline-site: $(VENV)/.book node_modules/.installed
	$(BIN)/mkdocs build --strict -q -f mkdocs.offline.yml

## Zip the offline edition (works from disk, no network) into docs/downloads/.
offline: offline-site
	$(BIN)/python scripts/make_offline_zip.py

## Print the whole book to PDF into docs/downloads/ with Debian's Chromium.
pdf: offline-site $(VENV)/.dev browser
	$(BIN)/python scripts/make_pdf.py

## Check the data file and install the contributor tools (what a contributor runs before a PR).
check: $(VENV)/.book
	$(BIN)/python scripts/check_curriculum.py

## Install Debian's Chromium for the browser tests (Playwright drives it; no browser download).
browser:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

## Run everything: data checks, drift checks, strict build, notebooks, browser and accessibility tests.
test: $(VENV)/.test node_modules/.installed browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Remove the built sites, the downloads and the caches.
clean:
	rm -rf site site-offline docs/downloads .cache .pytest_cache
