# newsfacts: `make run` and `make test` are all a new user needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test eval bench docs lint clean

$(STAMP): requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "newsfacts needs Python 3.11, found " + sys.version.split()[0] + ": make PYTHON=/path/to/python3.11")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==26.3" "setuptools==80.9.0"
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)  ## run the nightly flow on the bundled samples
	$(VENV)/bin/newsfacts run

test: $(STAMP)  ## run the whole test suite
	$(PY) -m pytest

eval: $(STAMP)  ## precision/recall/F1 against tests/gold
	$(PY) -m flows.evaluate

bench: $(STAMP)  ## speed and memory ratios, measured in one run
	$(PY) scripts/bench.py

docs: $(STAMP)  ## regenerate schemas/README.md from schemas/tables.py
	$(PY) -m schemas.docs > schemas/README.md

lint: $(STAMP)  ## unused names and imports, and stale generated docs
	$(PY) -m pyflakes flows transforms schemas warehouse scripts tests
	$(PY) -m schemas.docs | diff -u schemas/README.md - && echo "schemas/README.md is current"

clean:
	rm -rf $(VENV) data
