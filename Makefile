# The two commands: `make demo` serves the example portal, `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MANAGE := $(BIN)/python example_site/manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install demo serve test lint format messages docs wheel clean

$(STAMP): setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[example,test,docs]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) kipp_demo
	$(MAKE) serve

serve: install
	@echo "Serving the example portal on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(MANAGE) runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	@echo "== the package's pages on a site with its own base page model (WAGTAIL_PAGE_MODEL)"
	$(BIN)/python -m pytest tests/custom_page --ds=tests.settings_custom_page -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Extract and compile the package's and the example site's message catalogues (needs GNU gettext).
messages: install
	bash scripts/messages.sh

docs: install
	$(BIN)/mkdocs build --strict

wheel: install
	$(BIN)/python -m build --wheel --outdir dist .

clean:
	rm -rf $(VENV) build dist *.egg-info site example_site/db.sqlite3 example_site/media
