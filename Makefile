# Two commands on a fresh clone: `make demo` and `make test`. Only Python 3.11+ is needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench emulator clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/create-milestone --demo

test: $(BIN)/.installed
	$(BIN)/ruff check milestone_tui tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check milestone_tui tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(BIN)/.installed
	$(BIN)/python -m bench

emulator: $(BIN)/.installed
	$(BIN)/python -m tests.support.emulator

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
