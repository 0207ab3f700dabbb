# Two commands set up everything on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres
export FAGKRAFT_DB ?= $(CURDIR)/var/demo.sqlite3

.PHONY: demo test install install-test system-packages lint test-sqlite test-postgres messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

# Browser tests drive Debian's Chromium; Playwright never downloads a browser of its own.
# GNU gettext's xgettext lets a test check that every string in the code is translated.
system-packages:
	@if ! command -v chromium >/dev/null || ! command -v xgettext >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium gettext >/dev/null; \
	fi

demo: install
	@mkdir -p var
	$(BIN)/fagkraft migrate --noinput
	$(BIN)/fagkraft seed-demo --if-empty
	$(BIN)/fagkraft demo-logins
	$(BIN)/fagkraft runserver --noreload 127.0.0.1:8000

lint: install-test
	$(BIN)/ruff check src tests benchmarks

# Every test runs on SQLite; the PostgreSQL pass leaves out the tests that use no database
# (marked `nodb` by tests/conftest.py), whose result cannot depend on it. The suite is
# CPU-bound, so two pytest-xdist workers (one test database each) use CI's two cores;
# PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= 2
test-sqlite: install-test system-packages
	$(BIN)/pytest -n $(PYTEST_WORKERS)

# Under CI=true a missing PostgreSQL fails the run; elsewhere it is reported and skipped.
test-postgres: install-test system-packages
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=5).close()" 2>/dev/null; then \
		DATABASE_URL=$(PG_URL) $(BIN)/pytest -n $(PYTEST_WORKERS) -m "not nodb"; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL at $(PG_URL) is not reachable (required under CI=true)"; exit 1; \
	else \
		echo "SKIPPED: PostgreSQL at $(PG_URL) is not reachable; set PG_URL or start it"; \
	fi

test: lint test-sqlite test-postgres

messages: install-test
	cd src/fagkraft && ../../$(BIN)/fagkraft makemessages -l nb --no-obsolete && ../../$(BIN)/python ../../scripts/compile_messages.py
