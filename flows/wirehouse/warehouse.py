"""All DuckDB access: connections, migrations, the manifest, staging, publishing and reading back.

Every statement lives in ``sql/`` (``sql/warehouse/<name>.sql``, ``sql/migrations``, ``sql/marts``,
``sql/validation``), with parameters bound by name (``$run_id``), never formatted in. Frames cross into
DuckDB as Arrow tables registered for the length of one operation, so a batch of a thousand articles is
one ``insert … select`` rather than a thousand inserts.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import polars as pl

from wirehouse.model import (
    ALIAS_SCHEMA,
    ENTITY_SCHEMA,
    MANIFEST_SCHEMA,
    MERGE_SCHEMA,
    TYPE_VOTE_SCHEMA,
    Batch,
)

STORAGE_VERSION = "v1.5.0"
_PARAM = re.compile(r"\$([A-Za-z_]\w*)")


class WarehouseError(RuntimeError):
    """Something about the warehouse file a user can act on; the message says what."""


class MigrationError(WarehouseError):
    pass


class WarehouseBusy(WarehouseError):
    pass


class WarehouseUnreadable(WarehouseError):
    pass


REBUILD = ("The source files are the truth: move the file away and run `wirehouse run` to rebuild the "
           "warehouse from them.")


# The SQL is part of the code: the repository's sql/ folder, beside the package's source tree.
SQL_DIR = Path(__file__).resolve().parents[2] / "sql"


def split_statements(text: str) -> list[str]:
    """The statements of a SQL file: our files end each statement with a semicolon at the end of a line."""
    return [p.strip() for p in re.split(r";\s*$", text, flags=re.M) if _code(p)]


@cache
def statements(name: str, sql_dir: Path = SQL_DIR) -> tuple[str, ...]:
    """The statements of ``sql/warehouse/<name>.sql``."""
    return tuple(split_statements((sql_dir / "warehouse" / f"{name}.sql").read_text(encoding="utf-8")))


def _bound(sql: str, params: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The parameters ``sql`` names (DuckDB refuses unused ones)."""
    used = {p: (params or {})[p] for p in dict.fromkeys(_PARAM.findall(_code(sql)))}
    return used or None


def run(con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, Any] | None = None) -> list[tuple]:
    """Run every statement of ``sql/warehouse/<name>.sql`` in order; the rows of the last."""
    rows: list[tuple] = []
    for sql in statements(name):
        rows = con.execute(sql, _bound(sql, params)).fetchall()
    return rows


def frame(con: duckdb.DuckDBPyConnection, name: str, schema: dict | None = None,
          params: Mapping[str, Any] | None = None) -> pl.DataFrame:
    """The result of the one statement of ``sql/warehouse/<name>.sql`` as a polars frame."""
    (sql,) = statements(name)
    return pl.from_arrow(con.sql(sql, params=_bound(sql, params)).to_arrow_table(), schema=schema)


def _code(sql: str) -> str:
    """``sql`` without its ``--`` comment lines (a ``$name`` in a comment is not a parameter)."""
    return "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--")).strip()


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _is_lock_conflict(exc: Exception) -> bool:
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def connect(
    db_path: Path, read_only: bool = False, wait_seconds: float = 0.0, config: dict | None = None
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse (with DuckDB ``config`` options on top). DuckDB lets one process write, or several
    read, never both at once: while another process holds the file this retries with backoff for
    ``wait_seconds``, then raises :class:`WarehouseBusy` with a message saying so (not DuckDB's raw lock
    error)."""
    if read_only and not db_path.exists():
        raise FileNotFoundError(f"no warehouse at {db_path}: run `wirehouse run` first")
    if db_path.exists() and not db_path.is_file():
        raise WarehouseUnreadable(f"the warehouse path {db_path} is not a file")
    if not read_only:
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WarehouseUnreadable(f"cannot make the warehouse's folder {db_path.parent}: {exc}") from exc
    # A new warehouse is written in DuckDB 1.5's storage format, so the DuckDB CLI this project installs
    # (duckdb-cli 1.5.6, the last on PyPI) opens it; DuckDB 2 keeps the format of an existing file.
    config = dict(config or {})
    if not read_only and not db_path.exists():
        config["storage_compatibility_version"] = STORAGE_VERSION
    deadline, delay = time.monotonic() + wait_seconds, 0.05
    while True:
        try:
            return duckdb.connect(str(db_path), read_only=read_only, config=config)
        except duckdb.Error as exc:
            if not _is_lock_conflict(exc):
                reason = _first_line(exc)
                raise WarehouseUnreadable(f"cannot open the warehouse {db_path}: {reason}. {REBUILD}") from exc
            if time.monotonic() >= deadline:
                who = "a wirehouse run is writing to it" if read_only else "another process has it open"
                raise WarehouseBusy(
                    f"the warehouse {db_path} is in use: {who}. DuckDB allows one writing process, or "
                    f"readers, but not both at once; try again in a moment. ({exc})"
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


def check_writable(db_path: Path) -> None:
    """Fail early, with a message, where a run could not write the warehouse: a damaged or foreign file,
    a read-only file, a folder in the way."""
    if db_path.exists():
        connect(db_path, read_only=True, wait_seconds=10).close()
        if not os.access(db_path, os.W_OK):
            raise WarehouseUnreadable(f"the warehouse {db_path} is read-only: a run cannot write it")
    else:
        folder = next((p for p in db_path.parents if p.exists()), Path("."))
        if not folder.is_dir() or not os.access(folder, os.W_OK):
            raise WarehouseUnreadable(f"cannot create the warehouse {db_path}: {folder} is not a writable folder")


@contextmanager
def session(db_path: Path, read_only: bool = False, wait_seconds: float = 60.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection held only for one piece of work, so readers get the file between a run's steps."""
    con = connect(db_path, read_only=read_only, wait_seconds=wait_seconds)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    con.begin()
    try:
        yield con
    except BaseException:
        con.rollback()
        raise
    con.commit()


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, frames: Mapping[str, pl.DataFrame]) -> Iterator[None]:
    """``frames`` visible to SQL under their names for the length of the block."""
    for name, frame in frames.items():
        con.register(name, frame.to_arrow())
    try:
        yield
    finally:
        for name in frames:
            con.unregister(name)


def _now() -> datetime:
    return datetime.now(UTC)


# --- schema ---------------------------------------------------------------------------------------------


def migration_files(sql_dir: Path) -> list[Path]:
    files = sorted((sql_dir / "migrations").glob("[0-9][0-9][0-9]_*.sql"))
    versions = [f.name[:3] for f in files]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"two migrations share a number in {sql_dir / 'migrations'}")
    return files


def migrate(con: duckdb.DuckDBPyConnection, sql_dir: Path = SQL_DIR) -> list[str]:
    """Apply every numbered migration not yet recorded, each in its own transaction, then (re)create
    the views (staging and marts).

    A migration already applied whose file has since been edited is an error, not a silent skip:
    schema changes go in a new numbered file.
    """
    run(con, "migrations_table")
    applied = dict(run(con, "migrations_applied"))
    done = []
    for path in migration_files(sql_dir):
        version, sql = path.name[:3], path.read_text(encoding="utf-8")
        checksum = hashlib.sha256(sql.encode()).hexdigest()
        if version in applied:
            if applied[version] != checksum:
                raise MigrationError(f"migration {path.name} was edited after it was applied")
            continue
        with transaction(con):
            con.execute(sql)
            run(con, "migration_record", {"version": version, "name": path.name, "checksum": checksum,
                                             "now": _now()})
        done.append(path.name)
    refresh_views(con, sql_dir)
    return done


def view_files(sql_dir: Path) -> dict[str, str]:
    """``sql/staging/*.sql`` then ``sql/marts/*.sql``: one view each, named after its file."""
    return {p.stem: p.read_text(encoding="utf-8")
            for folder in ("staging", "marts") for p in sorted((sql_dir / folder).glob("*.sql"))}


def refresh_views(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> list[str]:
    """(Re)create one view per file, a view after those it reads, in one transaction.

    A file is the view's query followed by the ``comment on`` statements describing it and every column
    (docs beside the model, as dbt keeps them); the first statement becomes ``create or replace view``.
    """
    sources = view_files(sql_dir)
    reads = {name: {other for other in sources if other != name and re.search(rf"\b{other}\b", sql)}
             for name, sql in sources.items()}
    order: list[str] = []
    while len(order) < len(sources):
        ready = [n for n in sources if n not in order and reads[n] <= set(order)]
        if not ready:
            raise MigrationError(f"views read each other in a cycle: {sorted(set(sources) - set(order))}")
        order += ready
    with transaction(con):
        for name in order:
            query, *comments = split_statements(sources[name])
            # The view name comes from our own file name, checked to be a plain identifier.
            if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
                raise MigrationError(f"view file name {name!r} is not a plain SQL identifier")
            con.execute(f"create or replace view {name} as {query}")
            for statement in comments:
                con.execute(statement)
    return order


# --- runs -----------------------------------------------------------------------------------------------


def start_run(con: duckdb.DuckDBPyConnection, flow_run_id: str | None, source: str,
              rules_version: str, reprocess: bool) -> int:
    with transaction(con):
        ((run_id,),) = run(con, "start_run", {"now": _now(), "flow_run_id": flow_run_id, "source": source,
                                                 "rules_version": rules_version, "reprocess": reprocess})
    return int(run_id)


def finish_run(con: duckdb.DuckDBPyConnection, run_id: int, status: str,
               counts: Mapping[str, int], error: str | None = None) -> None:
    kinds = ("seen", "new", "changed", "unchanged", "removed", "duplicate", "quarantined", "rederive")
    run(con, "finish_run", {"run_id": run_id, "status": status, "now": _now(), "error": error,
                               **{k: int(counts.get(k, 0)) for k in kinds}})


def record_stages(con: duckdb.DuckDBPyConnection, run_id: int, stages: pl.DataFrame) -> None:
    with registered(con, {"batch_stages": stages}):
        run(con, "record_stages", {"run_id": run_id})


# --- manifest, reference data, staging and publishing ---------------------------------------------------


def read_manifest(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return frame(con, "manifest", MANIFEST_SCHEMA)


def stage_reference(con: duckdb.DuckDBPyConnection, cameo_codes: pl.DataFrame) -> None:
    with registered(con, {"reference_cameo_codes": cameo_codes}), transaction(con):
        run(con, "stage_reference")


def stage_batch(con: duckdb.DuckDBPyConnection, run_id: int, batch: Batch) -> None:
    """Stage what the batch's files produce now, replacing what they staged before, atomically: its
    articles, mentions, events, entities, quarantine rows and manifest rows, or none of them."""
    with registered(con, batch.frames()), transaction(con):
        run(con, "stage_batch", {"run_id": run_id, "now": _now()})


def staged_changes(con: duckdb.DuckDBPyConnection) -> int:
    ((n,),) = run(con, "staged_changes")
    return int(n)


def publish(con: duckdb.DuckDBPyConnection, run_id: int) -> int:
    """Make the stage what users query, in one transaction, and empty it. Returns articles replaced."""
    with transaction(con):
        n = staged_changes(con)
        run(con, "publish", {"run_id": run_id})
    return n


def read_entities(con: duckdb.DuckDBPyConnection, article_ids: pl.Series) -> dict[str, pl.DataFrame]:
    """Every entity, alias and merge, published or staged, and the type evidence of mentions outside the
    articles ``article_ids``: what resolution of those articles knows (read inside the single writer)."""
    with registered(con, {"batch_article_ids": article_ids.to_frame("article_id")}):
        return {
            "known_entities": frame(con, "known_entities", ENTITY_SCHEMA),
            "known_aliases": frame(con, "known_aliases", ALIAS_SCHEMA),
            "known_merges": frame(con, "known_merges", MERGE_SCHEMA),
            "known_type_votes": frame(con, "known_type_votes", TYPE_VOTE_SCHEMA),
        }


# --- validation and reading back ----------------------------------------------------------------------------


def validation_frame(con: duckdb.DuckDBPyConnection, table: str, columns: list[str] | None = None,
                     sql_dir: Path = SQL_DIR) -> pd.DataFrame:
    """``sql/validation/<table>.sql``: the rows a run changes as they would be published, with their
    computed checks; only `columns` (what the table's suite reads) when given, so that bodies and texts
    never reach pandas."""
    relation = con.sql((sql_dir / "validation" / f"{table}.sql").read_text(encoding="utf-8"))
    return (relation.select(*columns) if columns else relation).df()


def record_validation(con: duckdb.DuckDBPyConnection, results: pl.DataFrame) -> None:
    with registered(con, {"batch_results": results}), transaction(con):
        run(con, "record_validation")


def totals(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    ((articles, entities, events),) = run(con, "totals")
    return {"articles": int(articles), "entities": int(entities), "events": int(events)}


def quarantined(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    return run(con, "quarantined")


def last_run(con: duckdb.DuckDBPyConnection) -> tuple[tuple, pl.DataFrame] | None:
    """The last run's row (run_id, status, published, error) and its validation results."""
    found = run(con, "last_run")
    if not found:
        return None
    results = frame(con, "run_results", params={"run_id": int(found[0][0])})
    return found[0], results


def table_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in run(con, "table_names")]


def describe(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return frame(con, "describe")
