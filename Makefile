# The two set-up commands of the README:
#   make sample   install what building needs into a project virtual environment (.venv) and build the sample
#   make test     the same plus the test tools, then run the whole suite
# Everything Python goes into .venv (PEP 668: a system Python such as Debian's refuses `pip install`), so
# nothing touches the system interpreter; afterwards run medprint as .venv/bin/medprint, or
# `source .venv/bin/activate` once per terminal.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# knobs for offline installs (tests/test_setup_commands.py): extra `python -m venv` / `pip install` flags,
# SYSTEM_DEPS=skip and VALIDATORS=skip to leave apt/brew and the validator downloads out, PYTEST_ARGS
VENV_FLAGS ?=
PIP_FLAGS ?=
SYSTEM_DEPS ?= auto
VALIDATORS ?= auto
PYTEST_ARGS ?=
# what building needs: Pango/cairo/HarfBuzz for weasyprint, metric-compatible fonts for measuring slide text,
# and python3-venv (Debian's Python has no ensurepip without it)
BUILD_APT = libpango-1.0-0 libpangoft2-1.0-0 libcairo2 libharfbuzz-subset0 fonts-liberation fonts-crosextra-caladea \
            fonts-crosextra-carlito fonts-dejavu-core fonts-dejavu-extra python3-venv
# only `make test` needs these: PDF page images and structure checks, and LibreOffice drawing decks
TEST_APT = poppler-utils qpdf libreoffice-impress
# test tools for the validators auditors use (veraPDF on Java, axe-core in Chromium, openxml-audit):
# "file that shows it is there:Debian package", installed when the file is missing
TEST_TOOLS = /usr/bin/chromium:chromium /usr/bin/javac:default-jdk-headless /usr/share/java/jaxb-runtime.jar:libjaxb-java \
             /usr/bin/node:nodejs /usr/bin/npm:npm

.PHONY: sample test system-deps test-system-deps install install-test

define apt_install
	@if [ "$(SYSTEM_DEPS)" = skip ]; then exit 0; fi; \
	if command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1; then \
	  missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then \
	    echo "installing system packages:$$missing"; \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	  fi; \
	elif command -v brew >/dev/null 2>&1; then \
	  for p in $(2); do brew list $$p >/dev/null 2>&1 || brew install $$p; done; \
	else \
	  echo "no apt-get or Homebrew here: install $(2) with your package manager (medprint doctor says what is missing)"; \
	fi
endef

system-deps:
	$(call apt_install,$(BUILD_APT),pango)

test-system-deps: system-deps
	$(call apt_install,$(TEST_APT),poppler qpdf)
	@if [ "$(SYSTEM_DEPS)" = skip ] || ! command -v apt-get >/dev/null 2>&1; then exit 0; fi; \
	missing=""; for t in $(TEST_TOOLS); do ls $${t%%:*} >/dev/null 2>&1 || missing="$$missing $${t##*:}"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing test tools:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing \
	    || echo "could not install$$missing; the validator tests will say what is missing"; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV_FLAGS) $(VENV)

# an editable install leaves medprint's own modules without bytecode, and where PYTHONDONTWRITEBYTECODE is set
# (as on CI machines) every command would compile them all again: about a third of a cold build's start-up
install: system-deps $(BIN)/python
	$(BIN)/python -m pip install -q $(PIP_FLAGS) -e .
	$(BIN)/python -m compileall -q src/medprint >/dev/null
	@echo "medprint is installed in $(VENV)/: run it as $(BIN)/medprint, or first 'source $(BIN)/activate' in each new terminal"

install-test: test-system-deps $(BIN)/python
	$(BIN)/python -m pip install -q $(PIP_FLAGS) -e ".[test]"
	$(BIN)/python -m compileall -q src/medprint >/dev/null
	@if [ "$(VALIDATORS)" != skip ]; then PYTHON=$(BIN)/python bash scripts/validators/install.sh \
	  || echo "some validators could not be installed; their tests will say why"; fi

sample: install
	$(BIN)/medprint build
	@echo "built the sample into output/. In a new terminal: 'source $(BIN)/activate', then 'medprint build', 'medprint check' or 'medprint doctor'"

test: install-test
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/python -m pytest -q $(PYTEST_ARGS)
