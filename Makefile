# Beraad: `make demo` runs the product with demo data; `make test` runs every check and test.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
WARM := $(VENV)/.deduce-built
DEMO_ADDRESS ?= 127.0.0.1:8000
export BERAAD_INSECURE_DEV_KEY ?= true

.PHONY: demo test install install-dev check lint messages pytest pytest-postgres benchmark clean

$(PY):
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $(STAMP)

$(DEV_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP) $(DEV_STAMP)

# deduce builds its lookup structures once per installation (a minute or two), never on a request.
$(WARM): $(STAMP)
	$(PY) manage.py warm_privacy
	touch $(WARM)

install: $(STAMP)
install-dev: $(DEV_STAMP)

messages: $(STAMP)
	$(PY) manage.py compilemessages --ignore=.venv -v0

# Serves as soon as the database is ready. deduce's first build (two to three minutes) runs beside
# the server, printing progress; until it is done the check uses the own rules and says so, and the
# first check after it loads deduce in the server (DEBUG only). Ctrl+C stops what the target started.
demo: install messages
	$(PY) manage.py migrate --noinput -v0
	DEBUG=$${DEBUG:-true} $(PY) manage.py loaddemo
	@echo "Beraad runs on http://$(DEMO_ADDRESS) (stop with Ctrl+C)"
	@background=""; trap 'kill $$background 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py warm_privacy --if-needed & background="$$background $$!"; \
	DEBUG=$${DEBUG:-true} $(PY) manage.py db_worker --no-reload -v0 & background="$$background $$!"; \
	DEBUG=$${DEBUG:-true} $(PY) manage.py runserver $(DEMO_ADDRESS)

lint: install-dev
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy beraad tests

check: install-dev messages
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	@for po in locale/nl/LC_MESSAGES/django.po; do \
	  stats=$$(msgfmt --check --statistics -o /dev/null $$po 2>&1); echo "$$po: $$stats"; \
	  case "$$stats" in *untranslated*|*fuzzy*) echo "$$po is incomplete"; exit 1;; esac; \
	done

pytest: install-dev messages $(WARM)
	$(PY) -m pytest

# Runs the suite again on PostgreSQL when BERAAD_TEST_POSTGRES_URL is set (.ci/run sets it).
pytest-postgres: install-dev messages $(WARM)
	@if [ -n "$$BERAAD_TEST_POSTGRES_URL" ]; then \
	  DATABASE_URL="$$BERAAD_TEST_POSTGRES_URL" $(PY) -m pytest -m "not browser"; \
	else echo "BERAAD_TEST_POSTGRES_URL not set: PostgreSQL run skipped (.ci/run sets it)"; fi

test: lint check pytest-postgres pytest

clean:
	rm -rf $(VENV) var
