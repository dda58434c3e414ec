# Two commands for a fresh machine with Python 3.11 and make:
#   make run   - start the dashboard on the shipped sample data
#   make test  - run every test
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DB ?= data/beschut.duckdb
PORT ?= 8501
# The app serves this machine only; another address needs login ([auth] in secrets.toml).
ADDRESS ?= 127.0.0.1
OIDC := tests/oidc

.PHONY: run test lint lock sample system-deps

$(BIN)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 of nieuwer nodig"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(DB): | $(BIN)/.installed
	$(BIN)/beschut load data/sample --db $(DB)

run: $(BIN)/.installed $(DB)
	$(BIN)/python -m dashboard.web.binding $(ADDRESS)
	BESCHUT_DB=$(DB) $(BIN)/streamlit run dashboard/app.py --server.port $(PORT) --server.address $(ADDRESS)

test: $(BIN)/.installed system-deps node_modules/.installed $(OIDC)/node_modules/.installed
	$(BIN)/python -m pytest

# npm packages the tests need (axe-core for the browser test's WCAG check), exactly as
# locked in package-lock.json (node and npm come from system-deps).
node_modules/.installed: package.json package-lock.json | system-deps
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# The OpenID provider of the login test (npm oidc-provider, pinned in package-lock.json)
$(OIDC)/node_modules/.installed: $(OIDC)/package.json $(OIDC)/package-lock.json | system-deps
	cd $(OIDC) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

lint: $(BIN)/.installed
	$(BIN)/ruff check dashboard tests
	$(BIN)/ruff format --check dashboard tests

# Debian packages the app and tests need (root only; CI runs as root on a clean machine):
# chromium for the browser test and for kaleido's chart images, pango for WeasyPrint's
# PDF, poppler-utils (pdftotext, pdftoppm) to read a briefing back, fonts, and nodejs
# for the npm test packages (axe-core; the OpenID provider of the login test). Debian's
# own nodejs comes without npm: installed apart, unless the nodejs present brings it.
SYSTEM_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 poppler-utils \
	fonts-dejavu-core fonts-liberation2 nodejs
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Installeer eerst (als root):$$missing"; exit 1; fi; \
	fi
	@command -v npm >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; } || \
	  { echo "Installeer eerst (als root): npm"; exit 1; }

# Regenerate the shipped sample data (fixed seed: the files do not change).
sample: $(BIN)/.installed
	$(BIN)/python -m beschut_dev.sample_data --out data/sample

# Re-pin every dependency after changing pyproject.toml.
lock:
	rm -rf /tmp/beschut-lock && $(PYTHON) -m venv /tmp/beschut-lock
	/tmp/beschut-lock/bin/pip install --quiet --upgrade pip
	/tmp/beschut-lock/bin/pip install --quiet -e '.[test]'
	/tmp/beschut-lock/bin/pip freeze --all --exclude-editable | grep -v '^beschut-dashboard\|^pip==' > requirements.lock
