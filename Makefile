# The two commands a newcomer needs:  make demo   and   make test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench lock train-attribution clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## Set up, analyse the bundled example articles, then keep them in a corpus and look one man up in Cyrillic.
demo: $(STAMP)
	$(BIN)/presswatch analyze examples/ --format table
	mkdir -p out
	$(BIN)/presswatch ingest examples/ --db out/demo.db --quiet
	$(BIN)/presswatch entity Лукашенко --db out/demo.db

## Headless Chromium and its driver for the browser tests (Debian packages chromium, chromium-driver).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
/usr/bin/chromedriver:
	$(SUDO) apt-get install -y -q chromium chromium-driver || \
	  ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium chromium-driver)

## Set up, then lint, format check, type check and the test suite (the browser tests included).
test: $(STAMP) /usr/bin/chromedriver
	$(BIN)/ruff check src tests benchmarks training
	$(BIN)/ruff format --check src tests benchmarks training
	$(BIN)/mypy
	$(BIN)/python -m pytest

## Benchmarks (need the bench extras; attribution needs ../shared/data/polnear).
$(VENV)/.bench: $(STAMP) requirements-bench.lock
	$(BIN)/python -m pip install --quiet -r requirements-bench.lock
	touch $@

bench: $(VENV)/.bench
	$(BIN)/python -m benchmarks.gold
	$(BIN)/python -m benchmarks.attribution --split dev
	$(BIN)/python -m benchmarks.throughput
	$(BIN)/python -m benchmarks.identity
	$(BIN)/python -m benchmarks.identity --gold-dir tests/gold_identity_2
	$(BIN)/python -m benchmarks.corpus --sizes 1000,10000
	$(BIN)/python -m benchmarks.pathological

## Re-train the shipped PolNeAR attribution tagger (needs ../shared/data/polnear).
train-attribution: $(STAMP)
	$(BIN)/python -m training.attribution.train

## Re-pin the dependencies after editing pyproject.toml.
lock:
	uv pip compile pyproject.toml --extra test --python-version 3.11 -o requirements.lock
	uv pip compile pyproject.toml --extra test --extra bench --python-version 3.11 -o requirements-bench.lock

clean:
	rm -rf $(VENV) build src/*.egg-info
