# Every target bootstraps .venv from the pinned requirements first: requirements.txt for building,
# and requirements-dev.txt as well for the tests and tools.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-requirements
DEV_STAMP := $(VENV)/.installed-requirements-dev
ENTRIES ?= entries
N ?= 2000
REPEAT ?= 1
ROUNDS ?= 3
# Pages under docs/ built without their macros in both builds of `make bench` (none by default).
SKIP_MACROS ?=
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build check test lint format clean requirements new schemas linkcheck bench bench-serve diff

$(STAMP): requirements.txt
	$(if $(PYTHON),,$(error Python 3.11 or newer is needed and none was found; set PYTHON=/path/to/python3.11))
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	@touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	@touch $(DEV_STAMP)

# --dirty: after an edit to entries/, only the pages it may change are rebuilt (macros/incremental.py);
# any other change rebuilds the whole site. `mkdocs serve` without it rebuilds everything every time.
serve: $(STAMP)  ## serve on http://127.0.0.1:8000, reloading when entries/, docs/ or macros/ change
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## build the site into site/, failing on any warning
	$(BIN)/mkdocs build --strict

check: $(STAMP)  ## check every entry; one line per problem (unchanged files' results are kept in .cache/)
	@$(BIN)/python -m macros.check "$(ENTRIES)"

# The commit `make diff` compares with; empty: origin/main where the clone has it, else main.
BASE ?=
# The most bytes of summary `make diff` prints, cut after a whole line; empty: no limit.
MAX_BYTES ?=

diff: $(STAMP)  ## make diff [BASE=origin/main]: what the working tree's entries change against BASE, in Markdown
	@$(BIN)/python -m macros.diff $(if $(BASE),--base "$(BASE)") --entries "$(ENTRIES)" $(if $(MAX_BYTES),--max-bytes "$(MAX_BYTES)")

new: $(STAMP)  ## make new TYPE=person NAME="Denis Kvasov" [ID=denis-kvasov]: a new entry, fields stubbed
	@$(BIN)/python -m macros.scaffold "$(TYPE)" "$(NAME)" $(if $(ID),--id "$(ID)") --entries "$(ENTRIES)"

schemas: $(STAMP)  ## regenerate the editor JSON Schemas in schemas/ from macros/schema.py
	$(BIN)/python -m macros.jsonschema schemas

linkcheck: $(STAMP)  ## check every external address (scheduled job; retries, cache, ignore list)
	$(BIN)/python -m macros.linkcheck --entries "$(ENTRIES)"

test: $(DEV_STAMP) lint  ## lint, then the whole test suite
	$(BIN)/python -m pytest

lint: $(DEV_STAMP)  ## ruff: lint and formatting of the code (make format rewrites it); mypy: the types of macros/
	$(BIN)/ruff check macros bench tests
	$(BIN)/ruff format --check macros bench tests
	$(BIN)/mypy

format: $(DEV_STAMP)
	$(BIN)/ruff format macros bench tests
	$(BIN)/ruff check --fix macros bench tests

bench: $(DEV_STAMP)  ## make bench [N=10000] [REPEAT=3]: build a generated dossier of N entries, with and without the machinery
	$(BIN)/python -m bench.run --n "$(N)" --repeat "$(REPEAT)" $(foreach page,$(SKIP_MACROS),--skip-macros "$(page)")

bench-serve: $(DEV_STAMP)  ## make bench-serve [N=10000] [ROUNDS=3]: edit to reload under `make serve`, four kinds of edit, and a full build
	$(BIN)/python -m bench.serve --n "$(N)" --rounds "$(ROUNDS)"

clean:
	rm -rf site .pytest_cache .cache

# Regenerates requirements.txt and requirements-dev.txt: every package pinned exactly, with the
# hashes of its files; the development pins are constrained by the runtime ones.
requirements:  ## after editing requirements.in or requirements-dev.in
	$(PYTHON) -m venv .venv-tools
	.venv-tools/bin/python -m pip install --quiet --disable-pip-version-check pip-tools==7.6.2
	.venv-tools/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links --output-file requirements.txt requirements.in
	.venv-tools/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links --output-file requirements-dev.txt requirements-dev.in
