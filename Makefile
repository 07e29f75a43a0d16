# Two entry points for a fresh machine: `make run` and `make test` (see README.md).
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint bench

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# With TELEGRAM_BOT_TOKEN set this serves Telegram; without it, the same conversation runs here.
run: $(STAMP)
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ]; then $(VENV)/bin/exportdesk run; \
	else $(VENV)/bin/exportdesk chat --lang $${LANG_CODE:-en}; fi

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy bot handlers knowledge
	$(VENV)/bin/exportdesk kb lint

test: lint
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) bench/bench_engine.py
	$(PY) bench/bench_kb.py
	$(PY) bench/bench_bot.py
