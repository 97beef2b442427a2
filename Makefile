# The two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench lint run clean test-browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/schoolbot demo

test: $(STAMP)
	$(BIN)/python -m pytest

# The sandbox's page in a real headless Chromium (Debian's `chromium`); fails, not skips, without it.
test-browser: $(STAMP)
	SCHOOLBOT_REQUIRE_BROWSER=1 $(BIN)/python -m pytest tests/browser -q

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	# The moderation speed baseline; the benchmark says so if it could not be installed.
	-$(BIN)/python -m pip install --quiet python-obscene-words-filter
	$(BIN)/python -m bench

run: $(STAMP)
	$(BIN)/schoolbot run

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
