# The two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

SCHEMA := ../shared/vk-api-schema

.PHONY: demo test test-fast bench lint run clean docs python-check schema-check test-browser

# Python 3.11+ before anything is installed: pip's own refusal (requires-python) is in English.
define PYTHON_CHECK
found=$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null); \
case "$$found" in \
  3.1[1-9]|3.[2-9][0-9]|[4-9].*) ;; \
  "") echo "Не найден Python: команда «$(PYTHON)» не запускается. schoolbot нужен Python 3.11 или новее." >&2; \
      echo "Установите его (Debian 12, Ubuntu 24.04: apt install python3 python3-venv) или укажите: make PYTHON=python3.11" >&2; exit 1;; \
  *) echo "schoolbot нужен Python 3.11 или новее, а «$(PYTHON)» — это Python $$found." >&2; \
     echo "Установите Python 3.11+ (Debian 12, Ubuntu 24.04: apt install python3 python3-venv; Ubuntu 22.04: apt install python3.11 python3.11-venv)" >&2; \
     echo "и укажите его: make PYTHON=python3.11 $(or $(MAKECMDGOALS),test)" >&2; exit 1;; \
esac
endef

python-check:
	@$(PYTHON_CHECK)

$(BIN)/python:
	@$(PYTHON_CHECK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/schoolbot demo

# The official VK API schema the sandbox is checked against lives beside the repo, not in it.
schema-check:
	@test -d $(SCHEMA) || { \
	  echo "Нет папки $(SCHEMA): это официальная схема VK API (VKCOM/vk-api-schema, версия 5.199)," >&2; \
	  echo "по ней тесты проверяют ответы песочницы VK (tests/vksandbox/test_schema_conformance.py)." >&2; \
	  echo "Положите её рядом с репозиторием: склонируйте VKCOM/vk-api-schema (GitHub) в $(SCHEMA)" >&2; \
	  echo "Без неё эти тесты пропускаются (в CI — падают)." >&2; }

test: $(STAMP) schema-check
	$(BIN)/python -m pytest

# The fast tier: everything but the end-to-end and reliability tests (the full tier is `make test`).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not e2e and not reliability"

# The sandbox's page in a real headless Chromium (Debian's `chromium`); fails, not skips, without it.
test-browser: $(STAMP)
	SCHOOLBOT_REQUIRE_BROWSER=1 $(BIN)/python -m pytest tests/browser -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# docs/commands.md: the command table is generated from bot/domain/commands.py and the permissions.
docs: $(STAMP)
	$(BIN)/python -m bot.docs

bench: $(STAMP)
	# The moderation speed baseline; the benchmark says so if it could not be installed.
	-$(BIN)/python -m pip install --quiet python-obscene-words-filter
	$(BIN)/python -m bench

run: $(STAMP)
	$(BIN)/schoolbot run

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
