# Portal Kinerja ASN — `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app wsgi
STAMP := $(VENV)/.installed
HTMX := static/vendor/htmx.min.js
CATALOGS := $(wildcard translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGS:.po=.mo)
PORT ?= 5000

.PHONY: run test setup lint bench bench-hosts bench-browser clean messages

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
	$(FLASK) dokumen sertifikat-demo
	PUBLIC_BASE_URL=http://127.0.0.1:$(PORT) $(FLASK) dokumen segel-demo
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: setup
	$(PY) -m pytest
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== database tests again on PostgreSQL =="; \
		TEST_DB=postgres $(PY) -m pytest -m "not e2e and not sqlite_only" -p no:cacheprovider; \
	fi

# Province-scale benchmarks (BENCHMARKS.md): 50,000 employees on PostgreSQL at 127.0.0.1:5432
# (installed and started here when missing), 5,000 on SQLite, then the 60-second load tests.
BENCH_PG ?= postgresql+psycopg://postgres@127.0.0.1:5432/portal_bench
BENCH_LOAD_PG ?= postgresql+psycopg://postgres@127.0.0.1:5432/portal_load
bench: setup
	command -v pg_isready >/dev/null || (apt-get update -qq && apt-get install -y -qq postgresql)
	pg_isready -q -h 127.0.0.1 -p 5432 || (service postgresql start && sleep 3)
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) bench/run.py --pg $(BENCH_PG)
	$(PY) -c "import sys; sys.path.insert(0, 'bench'); import common; common._create_pg_database('$(BENCH_LOAD_PG)')"
	$(PY) bench/load.py --clients 50 --seconds 60
	$(PY) bench/load.py --clients 50 --seconds 60 --database $(BENCH_LOAD_PG)

# Two portal hosts, PostgreSQL + Redis and HAProxy in network namespaces of their own; 60 s of
# mixed work with one host killed halfway (needs root; BENCHMARKS.md "Beberapa host").
bench-hosts: setup
	command -v haproxy >/dev/null || (apt-get update -qq && apt-get install -y -qq --no-install-recommends haproxy)
	$(PY) bench/hosts.py --seconds 60 --clients 20

# Browser measurements for the README: byte table, phone screenshots, Lighthouse scores.
bench-browser: setup
	$(PY) -m pytest -q tests/e2e
	$(PY) bench/bytes_table.py
	$(PY) bench/screenshots.py
	PY=$(PY) bench/lighthouse.sh

# Python style, the layer contracts of pyproject.toml ([tool.importlinter]: a broken one is
# printed by its name), the template linter ([tool.djlint]), template lines of at most 120
# characters (tools/long_lines.py) and one way to write a form's CSRF token.
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/djlint templates --lint
	$(PY) tools/long_lines.py templates
	@if grep -rnE 'name="csrf_token"|hidden_tag\(|\.csrf_token *\}\}' templates; then \
		echo "a form carries its CSRF token with {{ csrf_field() }} (docs/architecture.md)"; exit 1; fi

clean:
	rm -rf $(VENV) node_modules static/vendor .pytest_cache
