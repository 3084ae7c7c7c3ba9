"""Helpers shared by the tests: run the flow, read a warehouse, call the CLI in-process."""

from __future__ import annotations

import shutil
import subprocess
import time
from functools import cache
from pathlib import Path
from types import SimpleNamespace

import duckdb
import polars as pl

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CASES = Path(__file__).resolve().parent / "cases"


def copy_seeds(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for f in sorted(SEEDS.glob("*.txt")):
        shutil.copy2(f, target / f.name)
    return target


def run_flow(source: Path, data: Path, reprocess: bool = False, **settings):
    """One real flow run of wirehouse-ingest (needs the ``prefect_harness`` fixture)."""
    from wirehouse.pipeline import ingest
    from wirehouse.settings import Settings

    return ingest(settings=Settings(source=source, db=data / "warehouse.duckdb", data_dir=data, **settings),
                  reprocess=reprocess)


def q(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Rows of ``sql`` on the warehouse file ``db`` (or ``db``/warehouse.duckdb for a data folder)."""
    path = db / "warehouse.duckdb" if db.is_dir() else db
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def last_run(db: Path) -> dict:
    path = db / "warehouse.duckdb" if db.is_dir() else db
    with duckdb.connect(str(path), read_only=True) as con:
        cur = con.execute("select * from runs order by run_id desc limit 1")
        names = [d[0] for d in cur.description]
        return dict(zip(names, cur.fetchall()[0], strict=True))


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """``wirehouse ARGS`` in this process (as sqlite-utils tests its CLI): exit code, stdout, stderr."""
    from wirehouse.cli import main

    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse exits for --help and usage errors
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


@cache
def shipped_rules() -> SimpleNamespace:
    """The shipped reference data the NLP stages take, loaded once per test session."""
    from wirehouse import dictionaries, events, reference, resolve

    shipped = dictionaries.load_dictionaries()
    return SimpleNamespace(dictionaries=shipped, gazetteer=events.load_gazetteer(), cameo_codes=reference.cameo_codes(),
                           resolver=resolve.load_reference(shipped.actors))


def derive(articles: pl.DataFrame, dictionaries=None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """annotate → resolve → code events over ``articles`` (``article_id``, ``body``, optional ``title`` and
    ``published_date``), with the real spaCy model: (events, entities)."""
    from wirehouse.annotate import annotate_articles
    from wirehouse.events import code_events
    from wirehouse.model import ALIAS_SCHEMA, ENTITY_SCHEMA
    from wirehouse.resolve import resolve_mentions
    from wirehouse.settings import Settings

    rules = shipped_rules()
    if "published_date" not in articles.columns:
        articles = articles.with_columns(published_date=pl.lit(None, pl.Date))
    found = annotate_articles(articles.select("article_id", *(["title"] if "title" in articles.columns else []),
                                              "body"), Settings().spacy_model)
    resolved = resolve_mentions(found.mentions, pl.DataFrame(schema=ENTITY_SCHEMA), pl.DataFrame(schema=ALIAS_SCHEMA),
                                rules.resolver)
    entities = pl.concat([resolved.new_entities, resolved.changed_entities])
    events = code_events(found.candidates, resolved.mentions, entities, articles.select("article_id", "published_date"),
                         rules.cameo_codes, dictionaries or rules.dictionaries, rules.gazetteer)
    return events, entities


def processes_left(pgid: int, wait_seconds: float = 10.0) -> list[str]:
    """The processes still alive in the process group ``pgid`` (a CLI started with ``start_new_session``
    and what it started: Prefect's temporary server, spaCy's workers) once they had time to end."""
    deadline = time.monotonic() + wait_seconds
    while True:
        ps = subprocess.run(["ps", "-eo", "pgid=,pid=,args="], capture_output=True, text=True).stdout
        alive = [line for line in ps.splitlines() if line.split(None, 1)[0] == str(pgid)]
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)
