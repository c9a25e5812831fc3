# MentorDesk: `make run` opens the app, `make test` runs the whole suite. Both set everything up first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ARGS ?=

# Debian packages Qt needs to run offscreen, to show a window under Xvfb, and to look at PDFs in tests.
QT_DEBS := libglib2.0-0 libegl1 libgl1 libx11-6 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 \
	libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 \
	libxkbcommon-x11-0 fonts-dejavu-core fonts-droid-fallback
# postgresql: the test suite starts a throwaway server of its own (tests/pg_server.py).
TEST_DEBS := $(QT_DEBS) poppler-utils xvfb xauth postgresql
VENV_DEBS := python3-venv

.PHONY: run test lint screenshots bench clean sysdeps-run sysdeps-test venv demo packaging-check

run: sysdeps-run $(STAMP)
	$(PY) -m mentordesk $(ARGS)

demo: sysdeps-run $(STAMP)
	$(PY) -m mentordesk --demo $(ARGS)

test: sysdeps-test $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check mentordesk tests bench
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

screenshots: sysdeps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m mentordesk.ui.screenshots docs/screenshots

bench: sysdeps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run.py $(BENCH_ARGS)

venv: $(STAMP)

# Validate the Linux desktop entry and AppStream metadata (each check skipped if its tool is missing).
packaging-check:
	@if command -v desktop-file-validate >/dev/null; then desktop-file-validate packaging/org.mentordesk.MentorDesk.desktop; \
	else echo "desktop-file-validate not installed (apt-get install desktop-file-utils): skipped"; fi
	@if command -v appstreamcli >/dev/null; then appstreamcli validate --no-net packaging/org.mentordesk.MentorDesk.metainfo.xml; \
	else echo "appstreamcli not installed (apt-get install appstream): skipped"; fi

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { \
		echo "Could not create a virtual environment. On Debian: sudo apt-get install $(VENV_DEBS)"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

sysdeps-run:
	@sh packaging/sysdeps.sh $(VENV_DEBS) $(QT_DEBS)

sysdeps-test:
	@sh packaging/sysdeps.sh $(VENV_DEBS) $(TEST_DEBS)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
