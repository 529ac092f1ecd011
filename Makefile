# Citra: the two commands of the README, and a few more.
# Every target installs what it needs into .venv first (re-used when pyproject.toml is unchanged).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.citra-installed
export CITRA_HOME ?= $(CURDIR)/data
export DAGSTER_HOME ?= $(CITRA_HOME)/dagster
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DO_NOT_TRACK := 1
MENTIONS ?= 60000

.PHONY: install install-spark java chromium demo test test-fast test-dates test-dates-fast test-spark test-dashboard dashboard lint sample build ui bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet uv || true
	@if [ -x $(BIN)/uv ]; then \
		$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -e '.[dev]'; \
	else \
		$(BIN)/python -m pip install --quiet -e '.[dev]'; \
	fi
	@touch $@

install: $(STAMP)

# the Spark engine (CITRA_ENGINE=spark, docs/scale.md): the extra .[spark] and a Java runtime
SPARK_STAMP := $(VENV)/.citra-spark-installed
$(SPARK_STAMP): $(STAMP)
	@if [ -x $(BIN)/uv ]; then \
		$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -e '.[dev,spark]'; \
	else \
		$(BIN)/python -m pip install --quiet -e '.[dev,spark]'; \
	fi
	@touch $@

java:
	@scripts/ensure_java

install-spark: $(SPARK_STAMP) java

# the dashboard's browser tests and benchmark: the extra .[dashboard-test] (Playwright from PyPI)
# and Debian's chromium (scripts/ensure_chromium; `playwright install` cannot download a browser here)
DASHBOARD_STAMP := $(VENV)/.citra-dashboard-test-installed
$(DASHBOARD_STAMP): $(STAMP)
	@if [ -x $(BIN)/uv ]; then \
		$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -e '.[dev,dashboard-test]'; \
	else \
		$(BIN)/python -m pip install --quiet -e '.[dev,dashboard-test]'; \
	fi
	@touch $@

chromium:
	@scripts/ensure_chromium

# what demo and build need on top of the base install: Spark's when CITRA_ENGINE=spark
ENGINE_DEPS := $(if $(filter spark,$(CITRA_ENGINE)),install-spark)

sample: $(STAMP)
	$(BIN)/python -m sample_data --home "$(CITRA_HOME)" --mentions $(MENTIONS)

demo: $(STAMP) $(ENGINE_DEPS)
	$(BIN)/citra demo --mentions $(MENTIONS)

build: $(STAMP) $(ENGINE_DEPS)
	$(BIN)/citra build

# the dashboard from the serving copy (docs/dashboard.md): REGION=6303 for one kabupaten/kota's
# site, REGION=all for the province's and all 13
dashboard: $(STAMP)
	$(BIN)/citra dashboard build $(if $(filter all,$(REGION)),--all-regions,$(if $(REGION),--region $(REGION)))

# both cores: one test file per worker at a time (module fixtures are built once)
PYTEST := $(BIN)/python -m pytest -q -n 2 --dist loadfile

test: $(STAMP)
	$(PYTEST)

# the Spark tests (tests/spark/, left out of make test): the sample's marts built on local Spark
# equal the DuckDB build cell by cell; installs the spark extra and Java when missing
test-spark: install-spark
	$(BIN)/python -m pytest -q --spark tests/spark

# the dashboard in headless Chromium (tests/browser/, left out of make test): a small sample built
# through Dagster, every page opened; fails on a console error, a failed request or an empty chart
test-dashboard: $(DASHBOARD_STAMP) chromium
	$(BIN)/python -m pytest -q --browser tests/browser

# the edit-run loop: everything but the tests marked slow (end-to-end, crash, concurrency, dbt builds)
test-fast: $(STAMP)
	$(PYTEST) -m "not slow"

# no test may depend on the day it runs: the suite with "today" pinned to two far-apart days
# (CITRA_TODAY); tests whose data has fixed dates pin their own day and must pass under both
DATES := 2026-01-15 2028-06-30
test-dates: $(STAMP)
	@for day in $(DATES); do echo "CITRA_TODAY=$$day"; CITRA_TODAY=$$day $(PYTEST) || exit 1; done

# the same for the fast tier; CI always runs it at one of the days (make test-dates-fast
# DATES=2026-01-15, .ci/run): the whole suite three times, with Spark, would be too long
test-dates-fast: $(STAMP)
	@for day in $(DATES); do echo "CITRA_TODAY=$$day"; CITRA_TODAY=$$day $(PYTEST) -m "not slow" || exit 1; done

# ruff (lint and format) for Python, sqlfluff for the dbt SQL; config in pyproject.toml and .sqlfluff
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint --disable-progress-bar --nocolor dbt_project/models dbt_project/tests

ui: $(STAMP)
	$(BIN)/citra ui

# BENCH picks a part, e.g. make bench BENCH="--only alerts" (drop -> notification with dagster dev),
# BENCH="--only dashboard" (the dashboard on the sample of make demo, in headless Chromium too)
bench: $(STAMP) $(if $(findstring dashboard,$(BENCH)),$(DASHBOARD_STAMP) chromium)
	$(BIN)/python -m benchmarks $(BENCH)

clean:
	rm -rf $(VENV) target logs
