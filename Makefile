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

.PHONY: install install-spark java demo test test-fast test-dates test-dates-fast test-spark lint sample build ui bench clean

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

# what demo and build need on top of the base install: Spark's when CITRA_ENGINE=spark
ENGINE_DEPS := $(if $(filter spark,$(CITRA_ENGINE)),install-spark)

sample: $(STAMP)
	$(BIN)/python -m sample_data --home "$(CITRA_HOME)" --mentions $(MENTIONS)

demo: $(STAMP) $(ENGINE_DEPS)
	$(BIN)/citra demo --mentions $(MENTIONS)

build: $(STAMP) $(ENGINE_DEPS)
	$(BIN)/citra build

# both cores: one test file per worker at a time (module fixtures are built once)
PYTEST := $(BIN)/python -m pytest -q -n 2 --dist loadfile

test: $(STAMP)
	$(PYTEST)

# the Spark tests (tests/spark/, left out of make test): the sample's marts built on local Spark
# equal the DuckDB build cell by cell; installs the spark extra and Java when missing
test-spark: install-spark
	$(BIN)/python -m pytest -q --spark tests/spark

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

# BENCH picks a part, e.g. make bench BENCH="--only alerts" (drop -> notification with dagster dev)
bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH)

clean:
	rm -rf $(VENV) target logs
