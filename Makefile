# Two commands set up everything on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres
export FAGKRAFT_DB ?= $(CURDIR)/var/demo.sqlite3
# The demo and the tests run in development mode: plain http on 127.0.0.1 and the public
# development key. Production leaves it unset (see the settings table in README.md).
export FAGKRAFT_DEV_MODE ?= true

.PHONY: demo serve worker vendor-plotly test install install-test system-packages lint typecheck test-sqlite test-postgres messages

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

# The demo serves its static files as production does: collected under hashed names with
# gzip copies (WhiteNoise), cached for a year. Plotly's package data holds more than the
# pages use (the Jupyter widget bundle, sample data sets, templates): left out.
demo: export FAGKRAFT_STATIC_ROOT := $(CURDIR)/var/static
demo: install
	@mkdir -p var
	$(BIN)/fagkraft collectstatic --noinput --clear -v 0 \
		--ignore widgetbundle.js --ignore datasets --ignore templates
	$(BIN)/fagkraft migrate --noinput
	$(BIN)/fagkraft seed-demo --if-empty
	$(BIN)/fagkraft demo-logins
	@# The job worker (Huey, its queue in var/demo.jobs.sqlite3) runs beside the server
	@# and stops with it: the EXIT trap kills it however runserver ends (Ctrl-C too).
	@$(BIN)/fagkraft run_huey >var/jobs-worker.log 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	echo "Job worker started (pid $$worker, log var/jobs-worker.log)"; \
	$(BIN)/fagkraft runserver --noreload 127.0.0.1:8000

# The production server (docs/deploy.md): production mode unless FAGKRAFT_DEV_MODE comes
# from the caller's environment or command line (the default above is for demo and tests),
# so it needs FAGKRAFT_SECRET_KEY and FAGKRAFT_ALLOWED_HOSTS, and DATABASE_URL for
# PostgreSQL. Workers and address: FAGKRAFT_WORKERS, FAGKRAFT_BIND.
SERVE_DEV_MODE := $(if $(filter environment command line,$(origin FAGKRAFT_DEV_MODE)),$(FAGKRAFT_DEV_MODE),false)
serve: export FAGKRAFT_DEV_MODE = $(SERVE_DEV_MODE)
serve: export FAGKRAFT_STATIC_ROOT ?= $(CURDIR)/var/static
serve: install
	@mkdir -p var
	$(BIN)/fagkraft migrate --noinput
	$(BIN)/fagkraft collectstatic --noinput
	exec $(BIN)/gunicorn -c python:fagkraft.gunicorn_conf

# The background job worker for production (docs/deploy.md): run it beside `make serve`
# (its own systemd service), with the same variables; FAGKRAFT_JOBS=redis and
# FAGKRAFT_REDIS_URL when several servers share the queue.
worker: export FAGKRAFT_DEV_MODE = $(SERVE_DEV_MODE)
worker: install
	exec $(BIN)/fagkraft run_huey

# mypy, strict for the engine (configured in pyproject.toml); `make lint` runs it too.
typecheck: install-test
	$(BIN)/mypy

lint: install-test typecheck
	$(BIN)/ruff check src tests benchmarks
	@# A model change without its migration fails here, not on a trust's upgrade.
	FAGKRAFT_DB=$$(mktemp -d)/check.sqlite3 $(BIN)/fagkraft makemigrations --check --dry-run

# Every test runs on SQLite; the PostgreSQL pass leaves out the tests that use no database
# (marked `nodb` by tests/conftest.py), whose result cannot depend on it. The suite is
# CPU-bound, so two pytest-xdist workers (one test database each) use CI's two cores; a
# module stays on one worker (its shared data is built once, its fixtures may own a name);
# PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= 2
test-sqlite: install-test system-packages
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile

# Under CI=true a missing PostgreSQL fails the run; elsewhere it is reported and skipped.
test-postgres: install-test system-packages
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=5).close()" 2>/dev/null; then \
		DATABASE_URL=$(PG_URL) $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile -m "not nodb"; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL at $(PG_URL) is not reachable (required under CI=true)"; exit 1; \
	else \
		echo "SKIPPED: PostgreSQL at $(PG_URL) is not reachable; set PG_URL or start it"; \
	fi

test: lint test-sqlite test-postgres

# plotly.js's basic partial bundle (bar, scatter, pie), kept in core's static files.
PLOTLY_JS_VERSION ?= 4.1.1
vendor-plotly:
	@tmp=$$(mktemp -d) && cd $$tmp && npm pack --silent plotly.js-basic-dist-min@$(PLOTLY_JS_VERSION) >/dev/null \
		&& tar xzf plotly.js-basic-dist-min-$(PLOTLY_JS_VERSION).tgz \
		&& cp package/plotly-basic.min.js $(CURDIR)/src/fagkraft/core/static/fagkraft/plotly-basic.min.js \
		&& cp package/LICENSE $(CURDIR)/src/fagkraft/core/static/fagkraft/plotly-basic.LICENSE.txt \
		&& rm -rf $$tmp

messages: install-test
	cd src/fagkraft && ../../$(BIN)/fagkraft makemessages -l nb --no-obsolete && ../../$(BIN)/python ../../scripts/compile_messages.py
