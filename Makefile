# Two commands do all the set-up on a fresh machine:
#   make run   - lint the seeds with the shipped glossaries, write reports/seeds.html
#   make test  - run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast bench evaluate noise clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "mtlint needs Python 3.11 or newer; $(PYTHON) is " + sys.version.split()[0] + ": run e.g. make PYTHON=python3.12 ...")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# bytecode now, so that the first lint (often a pre-commit hook) does not compile every module
	$(BIN)/python -m compileall -q checker
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/mtlint lint seeds/ ; status=$$?; test $$status -le 1
	$(BIN)/mtlint report seeds/ -o reports/seeds.html

test: $(STAMP)
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

evaluate: $(STAMP)
	$(BIN)/python scripts/evaluate.py

noise: $(STAMP)
	$(BIN)/python scripts/noise.py ../shared/corpus/vi-news

bench: $(STAMP)
	$(BIN)/python scripts/benchmark.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mtlint_cache
