# Two entry points for a fresh machine: `make run` and `make test` (see README.md).
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
LOCK := requirements.lock
DEV_LOCK := requirements-dev.lock
# Used only by `make lock` / `make lock-upgrade`, in a throw-away venv: never needed to install.
PIP_TOOLS_VERSION := 7.6.2

.PHONY: install run test lint bench lock lock-upgrade

# Installs exactly the locks, nothing resolved at install time: the venv is rebuilt whenever a
# lock (or pyproject.toml) changes. requirements.lock first (all wheels, setuptools included), so
# that jieba's sdist and the editable install are built with the locked setuptools
# (--no-build-isolation) instead of one fetched unpinned for an isolated build.
$(STAMP): $(LOCK) $(DEV_LOCK) pyproject.toml
	python3 -m venv --clear $(VENV)
	$(PY) -m pip install --quiet --require-hashes --only-binary :all: -r $(LOCK)
	$(PY) -m pip install --quiet --require-hashes --no-build-isolation -r $(DEV_LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PY) -m pip check
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

# Re-resolve the locks after editing pyproject.toml; pins that still fit are kept.
# `make lock-upgrade` moves every pin to the newest release the ranges allow.
# Resolved against PyPI alone (this machine's pip config and local wheel folders are ignored)
# so that the hashes are PyPI's, for Python 3.11 on Linux; the dev lock first, then the
# runtime lock constrained by it, so that both pin the same versions.
LOCK_ENV := env PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= PIP_EXTRA_INDEX_URL= PIP_CONSTRAINT= \
	CUSTOM_COMPILE_COMMAND="make lock"
COMPILE := --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links

lock lock-upgrade:
	@python3 -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
	  || { echo "make $@: the locks are for Python 3.11; python3 is $$(python3 -V)" >&2; exit 1; }
	@set -e; tools=$$(mktemp -d); trap 'rm -rf "$$tools"' EXIT; \
	python3 -m venv "$$tools"; \
	$(LOCK_ENV) "$$tools/bin/python" -m pip install --quiet "pip-tools==$(PIP_TOOLS_VERSION)"; \
	$(LOCK_ENV) "$$tools/bin/pip-compile" $(COMPILE) $(if $(filter lock-upgrade,$@),--upgrade) \
	  --extra dev --build-deps-for editable --output-file $(DEV_LOCK) pyproject.toml; \
	$(LOCK_ENV) "$$tools/bin/pip-compile" $(COMPILE) $(if $(filter lock-upgrade,$@),--upgrade) \
	  --build-deps-for wheel --constraint $(DEV_LOCK) --output-file $(LOCK) pyproject.toml
