# Datalab Monitor: `make run` sets everything up and serves the site; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# Boundary files: ../shared/geo when it is there (tests, CI), else the download cache in var/geo.
DATALAB_GEO_DIR ?= $(if $(wildcard ../shared/geo/gemeente_*.topojson),$(abspath ../shared/geo),)
export DATALAB_GEO_DIR

.PHONY: run install init test lint test-postgres clean

$(BIN)/datalab-monitor: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

node_modules/.package-lock.json: package.json
	npm install --no-audit --no-fund --loglevel=error
	@touch $@

install: $(BIN)/datalab-monitor node_modules/.package-lock.json
	@$(PY) -m compileall -q src  # bytecode, as a pip-installed package has it (faster start-up)

init: install
	$(BIN)/datalab-monitor init
	$(BIN)/datalab-monitor demo

run: init
	$(BIN)/datalab-monitor serve 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install lint
	$(BIN)/datalab-monitor compile_translations
	$(BIN)/pytest

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest

clean:
	rm -rf $(VENV) node_modules var .pytest_cache
