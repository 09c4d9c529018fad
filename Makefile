# The two commands: `make` builds every chart and report from data/ into renders/;
# `make test` runs the whole suite. Both install what they need first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := all
.PHONY: all setup system-deps validate renders readme pins test lint bench clean

all: validate renders readme

setup: $(STAMP) system-deps

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "orgchart needs Python 3.11 or newer; set PYTHON=python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# Graphviz's `dot` comes from Debian's graphviz package; Chromium (browser tests, the page's
# screenshot) from Debian's chromium package.
system-deps:
	@bash scripts/system-deps.sh

validate: setup
	$(BIN)/orgchart validate

renders: setup
	$(BIN)/orgchart build --out renders
	$(BIN)/python scripts/screenshot_site.py renders/site/index.html renders/site/screenshot.png --node cad

readme: setup
	$(BIN)/python scripts/update_readme.py

# After an intended change to data/ (a new era, a corrected quote): refresh everything generated
# that the tests compare with the data: the recorded findings and the README's generated sections.
pins: setup
	$(BIN)/python scripts/update_findings.py
	$(BIN)/python scripts/update_readme.py

lint: setup
	$(BIN)/ruff check orgchart tests benchmarks scripts
	$(BIN)/ruff format --check orgchart tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

test: setup lint
	$(BIN)/pytest -q

# `make bench` measures every target of benchmarks/ at 1k, 10k and 100k entities (long: about
# half an hour); BENCH_SIZES=1000,10000 make bench is the quick run. Its extra dependency
# (deepdiff, the naive comparison) is installed only here.
BENCH_STAMP := $(VENV)/.bench-installed
BENCH_SIZES ?=

$(BENCH_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@touch $(BENCH_STAMP)

bench: setup $(BENCH_STAMP)
	BENCH_SIZES=$(BENCH_SIZES) $(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
