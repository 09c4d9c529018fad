# The two commands: `make` builds every chart and report from data/ into renders/;
# `make test` runs the whole suite. Both install what they need first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := all
.PHONY: all setup system-deps validate renders readme docs pins test lint bench fuzz clean

all: validate renders readme docs

setup: $(STAMP) system-deps

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "orgchart needs Python 3.11 or newer; set PYTHON=python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,docs]'
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

# The project's own documentation site (mkdocs.yml): docs/ and pages made from the data, built
# with the project's ```orgchart fence into renders/docs/; byte-identical for the same data.
docs: setup
	$(BIN)/mkdocs build --strict --quiet

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

# The fuzz tests of `make test` (tests/test_fuzz.py, a few dozen examples each) with thousands of
# examples: generated and mutated YAML, eras, tables, JSON and GraphML (about 6 minutes).
fuzz: setup
	ORGCHART_FUZZ_EXAMPLES=3000 $(BIN)/pytest -q tests/test_fuzz.py -W ignore::UserWarning

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
