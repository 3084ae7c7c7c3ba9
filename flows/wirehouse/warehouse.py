"""All DuckDB access: connections, migrations, the manifest, and one transaction per loaded batch.

Frames cross into DuckDB as Arrow tables registered for the length of one statement batch, so a batch
of a thousand articles is one ``insert … select`` rather than a thousand inserts.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd
import polars as pl

from wirehouse.discover import MANIFEST_SCHEMA
from wirehouse.events import EVENT_SCHEMA
from wirehouse.resolve import ALIAS_SCHEMA, ENTITY_SCHEMA

if TYPE_CHECKING:
    from wirehouse.load import Batch


STORAGE_VERSION = "v1.5.0"


class MigrationError(RuntimeError):
    pass


class WarehouseBusy(RuntimeError):
    pass


def _is_lock_conflict(exc: Exception) -> bool:
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def connect(db_path: Path, read_only: bool = False, wait_seconds: float = 0.0) -> duckdb.DuckDBPyConnection:
    """Open the warehouse. DuckDB lets one process write, or several read, never both at once: while
    another process holds the file this retries with backoff for ``wait_seconds``, then raises
    :class:`WarehouseBusy` with a message saying so (not DuckDB's raw lock error)."""
    if read_only and not db_path.exists():
        raise FileNotFoundError(f"no warehouse at {db_path}: run `wirehouse run` first")
    if not read_only:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    # A new warehouse is written in DuckDB 1.5's storage format, so the DuckDB CLI this project installs
    # (duckdb-cli 1.5.6, the last on PyPI) opens it; DuckDB 2 keeps the format of an existing file.
    config = {} if read_only or db_path.exists() else {"storage_compatibility_version": STORAGE_VERSION}
    deadline, delay = time.monotonic() + wait_seconds, 0.05
    while True:
        try:
            return duckdb.connect(str(db_path), read_only=read_only, config=config)
        except duckdb.Error as exc:
            if not _is_lock_conflict(exc):
                raise
            if time.monotonic() >= deadline:
                who = "a wirehouse run is writing to it" if read_only else "another process has it open"
                raise WarehouseBusy(
                    f"the warehouse {db_path} is in use: {who}. DuckDB allows one writing process, or "
                    f"readers, but not both at once; try again in a moment. ({exc})"
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


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


def migration_files(sql_dir: Path) -> list[Path]:
    files = sorted((sql_dir / "migrations").glob("[0-9][0-9][0-9]_*.sql"))
    versions = [f.name[:3] for f in files]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"two migrations share a number in {sql_dir / 'migrations'}")
    return files


def migrate(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> list[str]:
    """Apply every numbered migration not yet recorded, each in its own transaction.

    A migration already applied whose file has since been edited is an error, not a silent skip:
    schema changes go in a new numbered file.
    """
    con.execute(
        "create table if not exists schema_migrations ("
        " version varchar primary key, name varchar not null, checksum varchar not null,"
        " applied_at timestamptz not null)"
    )
    applied = dict(con.execute("select version, checksum from schema_migrations").fetchall())
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
            con.execute("insert into schema_migrations values (?, ?, ?, ?)", [version, path.name, checksum, _now()])
        done.append(path.name)
    refresh_marts(con, sql_dir)
    return done


def refresh_marts(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> list[str]:
    """(Re)create one view per ``sql/marts/<name>.sql``; a mart that reads another is made after it.

    The first comment line of each file becomes the view's comment.
    """
    sources = {p.stem: p.read_text(encoding="utf-8") for p in sorted((sql_dir / "marts").glob("*.sql"))}
    reads = {
        name: {other for other in sources if other != name and re.search(rf"\b{other}\b", sql)}
        for name, sql in sources.items()
    }
    order: list[str] = []
    while len(order) < len(sources):
        ready = [n for n in sources if n not in order and reads[n] <= set(order)]
        if not ready:
            raise MigrationError(f"marts read each other in a cycle: {sorted(set(sources) - set(order))}")
        order += ready
    with transaction(con):
        for name in order:
            sql = sources[name]
            con.execute(f'create or replace view "{name}" as {sql}')
            about = next((line[2:].strip() for line in sql.splitlines() if line.startswith("--")), "")
            con.execute(f"comment on view \"{name}\" is '{about.replace(chr(39), chr(39) * 2)}'")
    return order


def _now() -> datetime:
    return datetime.now(UTC)


def article_id_for(source_path: str) -> str:
    """Stable per source path: an edited file keeps its article id, so its rows are replaced in place."""
    return "a_" + hashlib.sha256(source_path.encode()).hexdigest()[:16]


# --- runs ---------------------------------------------------------------------------------------------


def start_run(con: duckdb.DuckDBPyConnection, flow_run_id: str | None, source: str) -> int:
    with transaction(con):
        con.execute(
            "update runs set status = 'abandoned', finished_at = ?,"
            " error = 'the process ended before the run finished' where status = 'running'",
            [_now()],
        )
        (run_id,) = con.execute("select coalesce(max(run_id), 0) + 1 from runs").fetchall()[0]
        con.execute(
            "insert into runs (run_id, flow_run_id, started_at, status, source) values (?, ?, ?, 'running', ?)",
            [run_id, flow_run_id, _now(), source],
        )
    return int(run_id)


def finish_run(
    con: duckdb.DuckDBPyConnection, run_id: int, status: str, counts: dict[str, int], error: str | None = None
) -> None:
    con.execute(
        "update runs set status = ?, finished_at = ?, error = ?, files_seen = ?, files_new = ?,"
        " files_changed = ?, files_unchanged = ?, files_removed = ?, files_duplicate = ?,"
        " files_quarantined = ? where run_id = ?",
        [
            status,
            _now(),
            error,
            counts.get("seen", 0),
            counts.get("new", 0),
            counts.get("changed", 0),
            counts.get("unchanged", 0),
            counts.get("removed", 0),
            counts.get("duplicate", 0),
            counts.get("quarantined", 0),
            run_id,
        ],
    )


# --- manifest and loading -----------------------------------------------------------------------------


def read_manifest(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    columns = ", ".join(MANIFEST_SCHEMA)
    return pl.from_arrow(con.sql(f"select {columns} from files").to_arrow_table(), schema=MANIFEST_SCHEMA)


_FILES_COLUMNS = (
    "source_path, size_bytes, mtime_ns, content_sha256, status, article_id, duplicate_of,"
    " first_seen_run, last_changed_run, removed_run"
)
_EVENT_COLUMNS = ", ".join(EVENT_SCHEMA)
_ARTICLE_COLUMNS = (
    "article_id, source_path, content_sha256, title, title_source, author, published_date, outlet,"
    " dateline, body, word_count, language, encoding, ingested_at, run_id"
)


def load_batch(con: duckdb.DuckDBPyConnection, run_id: int, batch: Batch) -> None:
    """Stage what the batch's files produce now, replacing what they staged before, atomically.

    ``batch.files``: plan rows with their new ``status``, ``article_id`` and ``duplicate_of``. Every
    file's article id goes into ``stage_replaced`` (its published rows will be replaced or removed at
    publish); its new article, mentions and events go into the stage tables; quarantine rows and the
    manifest are written directly. One transaction: a crash leaves all of it or none.
    """
    now = _now()
    replaced = batch.files.select(
        "source_path", article_id=pl.col("source_path").map_elements(article_id_for, return_dtype=pl.String)
    )
    views = {
        "batch_files": batch.files,
        "batch_replaced": replaced,
        "batch_articles": batch.articles,
        "batch_quarantine": batch.quarantined,
        "batch_mentions": batch.mentions,
        "batch_events": batch.events,
        "batch_entities": batch.entities,
        "batch_aliases": batch.aliases,
    }
    for name, frame in views.items():
        con.register(name, frame.to_arrow())
    try:
        with transaction(con):
            ids = "(select article_id from batch_replaced)"
            for table in ("stage_entity_mentions", "stage_events", "stage_articles"):
                con.execute(f"delete from {table} where article_id in {ids}")
            con.execute("delete from quarantine where source_path in (select source_path from batch_files)")
            con.execute(
                "insert into stage_replaced select article_id, source_path, ? from batch_replaced"
                " where article_id not in (select article_id from stage_replaced)",
                [run_id],
            )
            con.execute(
                f"insert into stage_articles ({_ARTICLE_COLUMNS}) select article_id, source_path, content_sha256,"
                " title, title_source, author, published_date, outlet, dateline, body, word_count, language,"
                " encoding, ?, ? from batch_articles",
                [now, run_id],
            )
            con.execute(
                "insert into quarantine select source_path, content_sha256, reason, detail, ?, ? from batch_quarantine",
                [run_id, now],
            )
            con.execute(
                "insert into stage_entities select entity_id, name, entity_type, country_code, country_role, ?, ?"
                " from batch_entities where entity_id not in (select entity_id from candidate_entities)",
                [run_id, now],
            )
            con.execute(
                "insert into stage_entity_aliases select entity_id, alias, alias_key, ? from batch_aliases"
                " where (entity_id, alias_key) not in (select (entity_id, alias_key) from candidate_entity_aliases)",
                [run_id],
            )
            con.execute(
                "insert into stage_entity_mentions select mention_id, article_id, entity_id, mention_type, text,"
                " sentence_index, start_char, end_char, ? from batch_mentions",
                [run_id],
            )
            con.execute(
                f"insert into stage_events ({_EVENT_COLUMNS}, run_id) select {_EVENT_COLUMNS}, ? from batch_events",
                [run_id],
            )
            con.execute(
                f"insert or replace into files ({_FILES_COLUMNS}) select b.source_path, b.size_bytes,"
                " b.mtime_ns, b.content_sha256, b.status, b.article_id, b.duplicate_of, b.first_seen_run,"
                " case when b.change in ('new', 'changed') or f.last_changed_run is null then ?"
                "      else f.last_changed_run end,"
                " case when b.status = 'removed' then ? end"
                " from batch_files b left join files f using (source_path)",
                [run_id, run_id],
            )
    finally:
        for name in views:
            con.unregister(name)


def staged_changes(con: duckdb.DuckDBPyConnection) -> int:
    (n,) = con.execute("select count(*) from stage_replaced").fetchall()[0]
    return int(n)


def publish(con: duckdb.DuckDBPyConnection, run_id: int) -> int:
    """Make the stage what users query, in one transaction, and empty it. Returns articles replaced."""
    with transaction(con):
        n = staged_changes(con)
        ids = "(select article_id from stage_replaced)"
        for table in ("entity_mentions", "events", "articles"):
            con.execute(f"delete from {table} where article_id in {ids}")
        for table in ("articles", "entity_mentions", "events", "entities", "entity_aliases"):
            con.execute(f"insert into {table} select * from stage_{table}")
        for table in (
            "stage_articles",
            "stage_entity_mentions",
            "stage_events",
            "stage_entities",
            "stage_entity_aliases",
            "stage_replaced",
        ):
            con.execute(f"delete from {table}")
        con.execute("update runs set published = true where run_id = ?", [run_id])
    return n


def read_entities(con: duckdb.DuckDBPyConnection) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Every entity and alias, published or staged, for resolution (read inside the single writer)."""
    entities = pl.from_arrow(
        con.sql(
            "select entity_id, name, entity_type, country_code, country_role from candidate_entities order by entity_id"
        ).to_arrow_table(),
        schema=ENTITY_SCHEMA,
    )
    aliases = pl.from_arrow(
        con.sql(
            "select entity_id, alias, alias_key from candidate_entity_aliases order by entity_id, alias_key"
        ).to_arrow_table(),
        schema=ALIAS_SCHEMA,
    )
    return entities, aliases


def refresh_cameo_codes(con: duckdb.DuckDBPyConnection, codes: pl.DataFrame) -> None:
    con.register("cameo_source", codes.to_arrow())
    try:
        with transaction(con):
            con.execute("delete from cameo_codes")
            con.execute(
                "insert into cameo_codes select cameo_code, name, cameo_root, quad_class, goldstein from cameo_source"
            )
    finally:
        con.unregister("cameo_source")


# --- reading for validation and reports ---------------------------------------------------------------


def read_query(con: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame:
    return con.execute(sql).df()


def table_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("select table_name from information_schema.tables order by 1").fetchall()]


def write_validation_results(con: duckdb.DuckDBPyConnection, results: pl.DataFrame) -> None:
    con.register("batch_results", results.to_arrow())
    try:
        with transaction(con):
            con.execute(
                "insert into validation_results (run_id, table_name, expectation, column_name, success,"
                " observed_value, severity, validated_at) select run_id, table_name, expectation,"
                " column_name, success, observed_value, severity, validated_at from batch_results"
            )
    finally:
        con.unregister("batch_results")
