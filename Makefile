# The two set-up commands of the README:
#   make sample   install everything and build the sample into output/
#   make test     install everything (test tools included) and run the whole suite
PYTHON ?= python3
# only `make test` needs these, for the validators auditors use (veraPDF on Java, axe-core in Chromium,
# openxml-audit): "file that shows it is there:Debian package", installed when the file is missing
TEST_TOOLS = /usr/bin/chromium:chromium /usr/bin/javac:default-jdk-headless /usr/share/java/jaxb-runtime.jar:libjaxb-java \
             /usr/bin/node:nodejs /usr/bin/npm:npm /usr/lib/python3*/ensurepip:python3-venv
APT_PACKAGES = libpango-1.0-0 libpangoft2-1.0-0 libcairo2 libharfbuzz-subset0 poppler-utils qpdf libreoffice-impress fonts-liberation fonts-crosextra-caladea fonts-crosextra-carlito fonts-dejavu-core fonts-dejavu-extra

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
	@missing=""; for t in $(TEST_TOOLS); do ls $${t%%:*} >/dev/null 2>&1 || missing="$$missing $${t##*:}"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing test tools:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing \
	    || echo "could not install$$missing; the validator tests will say what is missing"; \
	fi
	$(PYTHON) -m pip install -q -e ".[test]"
	@PYTHON=$(PYTHON) bash scripts/validators/install.sh || echo "some validators could not be installed; their tests will say why"

sample: install
	medprint build

test: install-test
	$(PYTHON) -m pytest -q
