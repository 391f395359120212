# Portal Kinerja ASN — `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app wsgi
STAMP := $(VENV)/.installed
HTMX := static/vendor/htmx.min.js
CATALOGS := $(wildcard translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGS:.po=.mo)
PORT ?= 5000

.PHONY: run test setup lint bench bench-browser clean messages

setup: $(STAMP) $(HTMX) $(COMPILED)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

$(HTMX): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js $(HTMX)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(STAMP)
	$(VENV)/bin/pybabel compile -f -i $< -o $@

# Refresh the catalogs after changing UI strings: make messages, translate, commit the .po files.
messages: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot .
	$(VENV)/bin/pybabel update -i translations/messages.pot -d translations

run: setup
	$(FLASK) db upgrade
	$(FLASK) seed-demo --if-empty
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: setup
	$(PY) -m pytest
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== database tests again on PostgreSQL =="; \
		TEST_DB=postgres $(PY) -m pytest -m "not e2e and not sqlite_only" -p no:cacheprovider; \
	fi

# Browser measurements for the README: byte table, phone screenshots, Lighthouse scores.
bench-browser: setup
	$(PY) -m pytest -q tests/e2e
	$(PY) bench/bytes_table.py
	$(PY) bench/screenshots.py
	PY=$(PY) bench/lighthouse.sh

lint: setup
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) node_modules static/vendor .pytest_cache
