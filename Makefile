# Two commands for a fresh machine (Python >= 3.11 on PATH, nothing else needed):
#   make demo       install healthlint and run it on examples/
#   make test-all   install healthlint with its test extras and run the whole test suite (CI)
# and a developer's loop: make test (everything but the tests marked slow).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test test-all fuzz lint docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

demo: $(BIN)/python
	$(BIN)/python -m pip install --quiet .
	@# Exit code 1 means "findings": that is what the examples are for.
	-$(BIN)/healthlint check examples/

test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m pytest -q -m "not slow"

test-all: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m pytest -q

# The long fuzzing run: some 40,000 generated articles per property (a quarter of an hour or more).
fuzz: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	HYPOTHESIS_PROFILE=long $(BIN)/python -m pytest -q -x tests/test_fuzz.py

lint: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

# Pages generated from the code, kept in docs/: the JSON Schemas for editors and the rule
# reference; a test fails when they are stale.
docs: $(BIN)/python
	$(BIN)/healthlint schema > docs/schema/report.schema.json
	$(BIN)/healthlint schema --config > docs/schema/config.schema.json
	$(BIN)/healthlint schema --rulepack > docs/schema/rulepack.schema.json
	$(BIN)/healthlint explain --all --format markdown > docs/rules.md

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
