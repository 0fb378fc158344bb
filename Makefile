# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test test-fast lint bench clean

$(VENV)/.installed-run: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.installed-run

# Set up and start the app (embedded SQLite under instance/). HOST=0.0.0.0 lets phones in.
HOST ?= 0.0.0.0
PORT ?= 5000
run: $(VENV)/.installed-run
	$(PY) run.py --host $(HOST) --port $(PORT)

# Set up and run the whole test suite (browser tests need /usr/bin/chromium: see .ci/run).
test: $(VENV)/.installed-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(PY) -m pytest

# The in-process tests only (no run.py, Chromium or Redis): about 40 s, for the edit-test loop.
test-fast: $(VENV)/.installed-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(PY) -m pytest -m "not live"

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

bench: $(VENV)/.installed-dev
	$(PY) bench/latency.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
