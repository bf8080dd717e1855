# Set-up and everyday commands.  Everything runs inside .venv (made by `install`).
VENV ?= .venv
PY := $(VENV)/bin/python
ETL := $(VENV)/bin/etl
HOST ?= 127.0.0.1
PORT ?= 8001

.PHONY: install run build validate serve test bench bench-stages clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

## The main job: build the bundled pages into outputs/, validate, serve Datasette.
run: install
	$(ETL) run --host $(HOST) --port $(PORT)

## Rebuild outputs/ and datapackage.json from data/pages (commit the result): a clean build, whose database
## file is the same bytes on every machine (an edited one holds the same rows in another order), validated
## with Frictionless before it replaces the outputs.
build: install
	$(ETL) build --no-cache --frictionless
	$(ETL) schema > SCHEMA.md

validate: install
	$(ETL) validate datapackage.json

serve: install
	$(ETL) serve --host $(HOST) --port $(PORT)

## The whole test suite; installs Debian's chromium and CJK fonts for the browser tests when missing.
test: install
	sh tests/browser-deps.sh
	$(PY) -m pytest

## Speed and memory on a generated corpus (see bench/README.md); e.g. make bench ARGS="--pages 10000 --sizes 1000,10000 --repeat 1".
bench: install
	$(PY) bench/bench.py $(ARGS)

## Where a build's time goes: per-page stages, build phases, the build without page reconstruction.
bench-stages: install
	$(PY) bench/stages.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis test-artifacts .bench build *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
