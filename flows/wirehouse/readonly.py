"""Read-only SQL for users: a query can read the warehouse and change nothing anywhere.

Two locks, each enough on its own for most attacks, both needed for all of them:

* DuckDB's own configuration, fixed for the connection's life (``lock_configuration``): the warehouse
  opened ``read_only``; no access to other files, extensions or the network (``enable_external_access``
  off) unless the user opts in to reading files; no extension installed or loaded behind the user's
  back; no spill files beside the warehouse (``temp_directory`` empty); no Python objects scanned by name.
* Only reading statements run: every statement is parsed first and anything but a SELECT (DESCRIBE,
  SHOW, SUMMARIZE and EXPLAIN of a SELECT are SELECTs too) is refused before any statement runs. This is
  what keeps ``COPY … TO`` and ``EXPORT DATABASE`` from writing files when reading files is allowed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import polars as pl

from wirehouse import warehouse

_REFUSALS = {
    duckdb.StatementType.COPY: "COPY reads or writes files outside the warehouse (use --format csv and "
    "redirect the output to save a result)",
    duckdb.StatementType.EXPORT: "EXPORT DATABASE writes files",
    duckdb.StatementType.ATTACH: "ATTACH opens or creates another database",
    duckdb.StatementType.DETACH: "DETACH changes the attached databases",
    duckdb.StatementType.LOAD: "INSTALL and LOAD add extensions",
    duckdb.StatementType.SET: "SET, RESET and USE change settings",
    duckdb.StatementType.CALL: "CALL runs procedures (use SELECT * FROM function() to read a table function)",
    duckdb.StatementType.PRAGMA: "PRAGMA statements can change settings (use SELECT * FROM pragma_…() "
    "table functions to read)",
}
# Column types polars cannot take from Arrow (or only by panicking): turned into text in DuckDB.
_NOT_FOR_POLARS = re.compile(r"\b(INTERVAL|UNION|BIT|BIGNUM|VARINT)\b")
_EXPLAIN = re.compile(r"\s*explain\s+(analy[sz]e\s+)?", re.IGNORECASE)


class QueryRefused(Exception):
    """A statement that could change something, or read files the user did not allow; nothing ran."""


def run_query(db_path: Path, sql: str, allow_files: bool = False, wait_seconds: float = 10.0) -> list[pl.DataFrame]:
    """Run every statement of ``sql`` on the warehouse, read-only, and return one frame per statement.

    Raises :class:`QueryRefused` (before anything runs) for a statement other than a SELECT, and for
    reading a file other than the warehouse unless ``allow_files``; ``duckdb.Error`` for a query that
    fails; :class:`warehouse.WarehouseBusy` or ``FileNotFoundError`` when the warehouse cannot be opened.
    """
    statements = duckdb.extract_statements(sql)
    if not statements:
        raise QueryRefused("no SQL statement given")
    for statement in statements:
        _check(statement)
    config = {
        "enable_external_access": allow_files,
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "allow_community_extensions": False,
        "temp_directory": "",
        # No Python data frames read by name from the calling frame or this module's globals.
        "python_enable_replacements": False,
        "lock_configuration": True,
    }
    with warehouse.connect(db_path, read_only=True, wait_seconds=wait_seconds, config=config) as con:
        try:
            return [_frame(con.sql(statement)) for statement in statements]
        except duckdb.PermissionException as exc:
            raise QueryRefused(
                f"reading files other than the warehouse is off; pass --allow-files to allow it ({exc})"
            ) from exc


def _check(statement: duckdb.Statement) -> None:
    kind = statement.type
    if kind == duckdb.StatementType.EXPLAIN:
        # EXPLAIN ANALYZE runs its statement, so what it explains must be a SELECT too.
        inner = duckdb.extract_statements(_EXPLAIN.sub("", statement.query, count=1))
        if len(inner) == 1 and inner[0].type == duckdb.StatementType.SELECT:
            return
        raise QueryRefused(f"refused: EXPLAIN of anything but a SELECT; nothing was run. Statement: "
                           f"{_short(statement.query)}")
    if kind == duckdb.StatementType.SELECT:
        return
    why = _REFUSALS.get(kind, f"{kind.name} statements change the database")
    raise QueryRefused(
        f"refused: {why}. wirehouse query is read-only: it runs SELECT, DESCRIBE, SHOW, SUMMARIZE and "
        f"EXPLAIN, and nothing was run. Statement: {_short(statement.query)}"
    )


def _short(query: str) -> str:
    query = " ".join(query.split()).rstrip(";")
    return query if len(query) <= 80 else query[:77] + "..."


def _frame(relation: duckdb.DuckDBPyRelation | None) -> pl.DataFrame:
    if relation is None:
        return pl.DataFrame()
    kinds = dict(zip(relation.columns, relation.types, strict=True))
    if not any(_NOT_FOR_POLARS.search(str(kind)) for kind in kinds.values()) or len(kinds) < len(relation.columns):
        return relation.pl()
    columns = []
    for name, kind in kinds.items():
        quoted = '"' + name.replace('"', '""') + '"'
        if not _NOT_FOR_POLARS.search(str(kind)):
            columns.append(quoted)
        elif kind.id in ("list", "struct", "map", "array", "union"):
            columns.append(f"to_json({quoted})::varchar as {quoted}")
        else:
            columns.append(f"cast({quoted} as varchar) as {quoted}")
    return relation.project(", ".join(columns)).pl()


def as_csv(frame: pl.DataFrame) -> str:
    """CSV of a result whatever its column types: lists, structs and maps as JSON text, binary as hex."""
    text = []
    for name, dtype in frame.schema.items():
        if dtype.is_nested() or dtype == pl.Object:
            values = frame[name].to_list()
            encoded = [None if v is None else json.dumps(v, default=str, ensure_ascii=False) for v in values]
            text.append(pl.Series(name, encoded, dtype=pl.String))
        elif dtype == pl.Binary:
            text.append(frame[name].bin.encode("hex"))
    return frame.with_columns(text).write_csv()
