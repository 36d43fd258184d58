# Two commands set up a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test test-postgres install install-test browser curator bench bench-postgres wrk lint clean messages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# The catalogue on SQLite with the collection loaded, at http://$(HOST):$(PORT)/
run: export DJANGO_DEBUG ?= true
run: export CATALOGUE_BASE_URL ?= http://$(HOST):$(PORT)
run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_catalogue
	$(PY) manage.py runserver $(HOST):$(PORT)

# The catalogue as it runs in production: debug off, static files collected under hashed
# names and served by WhiteNoise, gunicorn with the machine's worker count, an access log, on
# SQLite or DATABASE_URL. Without DJANGO_SECRET_KEY, one key is made for this run (logins end
# when it stops). The app serves /media/ itself unless DJANGO_SERVE_MEDIA=false (a proxy does).
serve: export DJANGO_DEBUG = false
serve: export DJANGO_STATIC_MANIFEST = true
serve: export DJANGO_SERVE_MEDIA ?= true
serve: export DJANGO_SECRET_KEY ?= $(shell $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')
serve: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input -v 0
	exec $(VENV)/bin/gunicorn archive.wsgi --config archive/gunicorn.conf.py --bind $(HOST):$(PORT)

# A curator account for the admin: make curator USERNAME=anna (asks for a password).
curator: export DJANGO_DEBUG ?= true
curator: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py create_curator $(USERNAME)

# Debian's Chromium for the browser tests and a Java runtime for the HTML checker, where missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@command -v java >/dev/null 2>&1 || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

# axe-core (accessibility) and the Nu HTML Checker, from the npm registry, no install scripts;
# one install for both (npm removes packages it was not asked for), into node_modules/.
AXE := node_modules/axe-core/axe.min.js
VNU := node_modules/vnu-jar/build/dist/vnu.jar
$(AXE) $(VNU) &:
	npm install --ignore-scripts --no-audit --no-fund --no-save axe-core@4 vnu-jar@26

test: export DJANGO_INSECURE_LOCAL = true
test: export DJANGO_STATIC_MANIFEST = false
test: install-test browser $(AXE) $(VNU)
	@mkdir -p staticfiles
	$(PY) -m pytest $(PYTEST_ARGS)

# The same suite against PostgreSQL: make test-postgres DATABASE_URL=postgres://...
test-postgres: export DJANGO_INSECURE_LOCAL = true
test-postgres: export DJANGO_STATIC_MANIFEST = false
test-postgres: install-test browser $(AXE) $(VNU)
	@test -n "$(DATABASE_URL)" || { echo "Set DATABASE_URL=postgres://user@host:port/name"; exit 2; }
	@mkdir -p staticfiles
	DATABASE_URL=$(DATABASE_URL) $(PY) -m pytest $(PYTEST_ARGS)

# Re-extract the interface strings and recompile the Russian catalogue (needs GNU gettext).
# Both django.po and django.mo are committed, so a fresh machine needs neither.
messages: export DJANGO_DEBUG ?= true
messages: install
	$(PY) manage.py makemessages -l ru --no-location --ignore='tests/*' --ignore='node_modules/*'
	$(PY) manage.py compilemessages -l ru --ignore=.venv --ignore=node_modules

# Timings on fresh databases of synthetic records, one per size in BENCH_SIZES (removed
# afterwards): generate_records, the pages in one process (benchmark_pages), the pages over
# HTTP from one gunicorn worker, cold and warm, with queries and memory (benchmark_http), the
# full OAI-PMH harvest, a load run with wrk and an import meanwhile (benchmark_load); then a
# 100,000-row import alone. make bench BENCH_SIZES="10000 100000 1000000" BENCH_ARGS="--runs 50"
BENCH_SIZES ?= 10000 100000
BENCH_IMPORT_ROWS ?= 100000
define BENCH_SIZE
	echo "== $$count records =="; \
	$(PY) manage.py migrate --no-input -v0; \
	$(PY) manage.py generate_records --count $$count --seed 1; \
	$(PY) manage.py benchmark_pages $(BENCH_ARGS); \
	$(PY) manage.py benchmark_http $(BENCH_HTTP_ARGS); \
	$(PY) manage.py benchmark_oai; \
	$(PY) manage.py benchmark_load $(BENCH_LOAD_ARGS);
endef
define BENCH_IMPORT
	echo "== import of $(BENCH_IMPORT_ROWS) records =="; \
	$(PY) manage.py migrate --no-input -v0; \
	$(PY) manage.py benchmark_import --rows $(BENCH_IMPORT_ROWS)
endef

# wrk for the load run, from Debian, where missing.
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

bench: export DJANGO_INSECURE_LOCAL = true
bench: export DJANGO_STATIC_MANIFEST = true
bench: install wrk
	$(PY) manage.py collectstatic --no-input -v0
	@set -e; dir=$$(mktemp -d); trap 'rm -rf "$$dir"' EXIT; \
	for count in $(BENCH_SIZES); do \
		export DATABASE_URL="sqlite:///$$dir/bench-$$count.sqlite3"; \
		$(BENCH_SIZE) \
	done; \
	export DATABASE_URL="sqlite:///$$dir/bench-import.sqlite3"; \
	$(BENCH_IMPORT)
	@dir=$$(mktemp -d); trap 'rm -rf "$$dir"' EXIT; export DATABASE_URL="sqlite:///$$dir/bench-images.sqlite3"; echo "== images =="; $(PY) manage.py migrate --no-input -v0 && $(PY) manage.py benchmark_images

# The same on PostgreSQL: make bench-postgres DATABASE_URL=postgres://user@host:port/name
# creates a database per size on that server (catalogue_bench_N, needs CREATEDB and psql)
# and drops it afterwards.
bench-postgres: export DJANGO_INSECURE_LOCAL = true
bench-postgres: export DJANGO_STATIC_MANIFEST = true
bench-postgres: install wrk
	@test -n "$(DATABASE_URL)" || { echo "Set DATABASE_URL=postgres://user@host:port/name"; exit 2; }
	$(PY) manage.py collectstatic --no-input -v0
	@set -e; export PGOPTIONS="--client-min-messages=warning"; \
	server="$(DATABASE_URL)"; server="$${server%/*}"; names=""; \
	trap 'for name in $$names; do psql -q "$(DATABASE_URL)" -c "DROP DATABASE IF EXISTS $$name"; done' EXIT; \
	for count in $(BENCH_SIZES) import; do \
		name="catalogue_bench_$$count"; names="$$names $$name"; \
		psql -q "$(DATABASE_URL)" -c "DROP DATABASE IF EXISTS $$name" -c "CREATE DATABASE $$name"; \
		export DATABASE_URL="$$server/$$name"; \
		if [ "$$count" = import ]; then $(BENCH_IMPORT); else $(BENCH_SIZE) fi; \
	done

lint: install-test
	$(VENV)/bin/ruff check archive catalogue tests
	$(VENV)/bin/ruff format --check archive catalogue tests

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles test-artifacts private-media
