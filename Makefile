# Two commands set up a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test test-postgres install install-test browser curator bench lint clean messages

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

# Page, search and full OAI-PMH harvest timings on fresh SQLite files of 10,000 and then
# 100,000 synthetic records
# (removed afterwards). make bench BENCH_ARGS="--runs 50"
bench: export DJANGO_INSECURE_LOCAL = true
bench: export DJANGO_STATIC_MANIFEST = false
bench: install
	@set -e; dir=$$(mktemp -d); trap 'rm -rf "$$dir"' EXIT; \
	for count in 10000 100000; do \
		export DATABASE_URL="sqlite:///$$dir/bench-$$count.sqlite3"; \
		echo "== $$count records =="; \
		$(PY) manage.py migrate --no-input -v0; \
		$(PY) manage.py generate_records --count $$count --seed 1; \
		$(PY) manage.py benchmark_pages $(BENCH_ARGS); \
		$(PY) manage.py benchmark_oai; \
	done; \
	export DATABASE_URL="sqlite:///$$dir/bench-import.sqlite3"; \
	echo "== import of 100,000 records =="; \
	$(PY) manage.py migrate --no-input -v0; \
	$(PY) manage.py benchmark_import --rows 100000

lint: install-test
	$(VENV)/bin/ruff check archive catalogue tests
	$(VENV)/bin/ruff format --check archive catalogue tests

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles test-artifacts
