# The two set-up commands of the README:
#   make sample   install everything and build the sample into output/
#   make test     install everything (test tools included) and run the whole suite
PYTHON ?= python3
APT_PACKAGES = libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils qpdf libreoffice-impress fonts-liberation fonts-crosextra-caladea fonts-crosextra-carlito fonts-dejavu-core

.PHONY: sample test system-deps install install-test

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

install: system-deps
	$(PYTHON) -m pip install -q -e .

install-test: system-deps
	$(PYTHON) -m pip install -q -e ".[test]"

sample: install
	medprint build

test: install-test
	$(PYTHON) -m pytest -q
