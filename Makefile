# Set-up and everyday commands. `make demo` builds the demo site, `make test` runs the test suite;
# each installs what it needs first (a virtualenv in .venv/, and Debian's Chromium for browser tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: demo test serve clean

demo: $(VENV)/.installed
	$(BIN)/timeline ingest
	$(BIN)/timeline build

test: $(VENV)/.installed /usr/bin/chromium
	$(BIN)/python -m pytest

serve: demo
	$(BIN)/timeline serve

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,cluster]'
	touch $@

/usr/bin/chromium:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

clean:
	rm -rf site .site-* .timeline-cache test-artifacts
