# Two entry points a new user needs: `make run` (ingest seeds/ into data/warehouse.duckdb) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export PREFECT_SERVER_ANALYTICS_ENABLED ?= false
export GX_ANALYTICS_ENABLED ?= False
export DO_NOT_TRACK ?= 1

.PHONY: install run test lint eval bench server clean docs

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/wirehouse run

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest -q

# A real Prefect server for schedules (`wirehouse serve`); its scheduler does not run in temporary servers.
server: $(STAMP)
	$(BIN)/prefect server start --host 127.0.0.1 --port 4200

eval: $(STAMP)
	$(BIN)/wirehouse eval

# Quick by default (322 real articles, ~5 min on 2 cores); the full issue-13 sizes take 30+ min:
#   make bench BENCH_SIZES=322,1000,20000
BENCH_SIZES ?= $(or $(WIREHOUSE_BENCH_SIZES),322)
# bench: the event check scores the development samples, then the held-out ones, each per seed and pooled
bench: $(STAMP)
	$(BIN)/python benchmarks/cleaning_eval.py
	$(BIN)/python benchmarks/event_eval.py
	$(BIN)/python benchmarks/realnews_check.py score --seed 11 13 16 18 20 22 25
	$(BIN)/python benchmarks/realnews_check.py score --seed 12 14 15 17 19 21 23 24 26 27 28 29 30 31
	$(BIN)/python benchmarks/performance.py --sizes $(BENCH_SIZES)

clean:
	rm -rf $(VENV) data

# docs/schema.md's column tables (from the comments in a warehouse built from the seeds) and the outputs
# the README shows under each documented query.
docs: $(STAMP)
	rm -rf /tmp/wirehouse-docs && $(BIN)/wirehouse run --db /tmp/wirehouse-docs/warehouse.duckdb >/dev/null
	sed -i '/^## Tables and views/,$$d' docs/schema.md
	printf '## Tables and views\n\n' >> docs/schema.md
	$(BIN)/wirehouse schema --all --db /tmp/wirehouse-docs/warehouse.duckdb --format markdown >> docs/schema.md
	$(BIN)/python docs/render_readme.py /tmp/wirehouse-docs/warehouse.duckdb
