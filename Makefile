# The project's commands. See README.md.
PYTHON ?= $(shell command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
WEB_CONCURRENCY ?= 3
BENCH_ARGS ?=
NODES ?= 2
CLUSTER_PORT ?= 8080

.PHONY: install install-test run password serve cluster test audit screenshots lint format lock bench bench-cluster messages

$(VENV)/.installed: requirements/base.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12 or newer is needed (see .python-version)")'
	@echo "Installing the dependencies into $(VENV)/ ..."
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/base.txt
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements/test.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/test.txt
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# A few lines, then the server: migrations (summed up), the demo, how to log in.
run: install
	@mkdir -p var
	@DJANGO_DEBUG=1 $(BIN)/python manage.py prepare_local --url http://127.0.0.1:$(PORT)/admin/
	@# prepare_local ran the system checks (migrate does); the development server's
	@# warning against production use is for another audience than `make run`'s.
	@DJANGO_DEBUG=1 DJANGO_RUNSERVER_HIDE_WARNING=true $(BIN)/python manage.py runserver --skip-checks 127.0.0.1:$(PORT)

# A new generated password for the administrator `make run` made (printed once), in
# the same settings as `make run`. Needs the .venv that `make run` set up.
password:
	@test -x $(BIN)/python || { echo "Run make run first."; exit 1; }
	@DJANGO_DEBUG=1 $(BIN)/python manage.py ensure_admin --new-password --url http://127.0.0.1:$(PORT)/admin/

serve: install
	PORT=$(PORT) WEB_CONCURRENCY=$(WEB_CONCURRENCY) scripts/serve.sh

# A throwaway cluster on this machine (PostgreSQL, Redis, moto's S3 server, NODES
# gunicorn nodes, haproxy in front) serving the demo; Ctrl-C removes it all.
cluster: install-test
	$(BIN)/python scripts/cluster.py --nodes $(NODES) --port $(CLUSTER_PORT)

bench: install
	$(BIN)/python -m bench $(BENCH_ARGS)

# The bench's pages through a throwaway cluster's balancer (make cluster's topology),
# with NODES app servers and then with one: the sizing figures in README.md.
bench-cluster: install-test
	$(BIN)/python -m bench --cluster $(NODES) $(BENCH_ARGS)

test: install-test lint
	scripts/run_tests.sh

# The Nu HTML Checker and Lighthouse on every public page type (npm ci installs them).
audit: install-test
	scripts/audit.sh

# Full-page PNGs of every public page type in every language at 320, 390 and 1280 px,
# from headless Chromium against the demo content: var/screenshots/<lang>-<page>-<width>.png.
screenshots: install-test
	$(BIN)/python scripts/screenshots.py

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates $(wildcard */templates)
	$(BIN)/lint-imports --no-cache

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates $(wildcard */templates)

# Translation catalogues: collect the strings marked in the code into locale/*.po,
# then compile the .mo files the site reads (both are committed; needs GNU gettext).
MAKEMESSAGES_IGNORE := --ignore='.venv/*' --ignore='static/*' --ignore='tests/*' \
	--ignore='var/*' --ignore='bench/*' --ignore='scripts/*' --ignore='node_modules/*'
messages: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages -l zh_Hans -l ru --no-obsolete $(MAKEMESSAGES_IGNORE)
	DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages --ignore='.venv/*'

lock:
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements/base.txt requirements/base.in
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements/test.txt requirements/test.in
