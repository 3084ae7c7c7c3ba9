"""`wirehouse query`'s read-only SQL: it reads the warehouse and changes nothing anywhere."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import polars as pl
import pytest
from wirehouse.readonly import QueryRefused, as_csv, run_query


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table t as select 1 as id, ['Putin', 'Vladimir Putin'] as aliases,"
                    " {'code': '040', 'root': '04'} as cameo, interval 1 month + interval 2 hour as span,"
                    " 'ab'::blob as raw")
        con.execute("create view v as select id from t")
    (tmp_path / "other.csv").write_text("a,b\n1,2\n")
    return path


def _state(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with a hash of its bytes: what a query must leave as it was."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


REFUSED = {
    "copy t to 'out.csv'": "COPY",
    "copy (select 1) to 'out.parquet' (format parquet)": "COPY",
    "export database 'exported'": "EXPORT DATABASE",
    "attach 'other.duckdb' as o; create table o.x (a int)": "ATTACH",
    "install httpfs": "INSTALL and LOAD",
    "load json": "INSTALL and LOAD",
    "set threads = 1": "SET",
    "reset threads": "SET",
    "pragma enable_profiling": "PRAGMA",
    "call checkpoint()": "CALL",
    "insert into t select * from t": "INSERT",
    "update t set id = 2": "UPDATE",
    "delete from t": "DELETE",
    "drop view v": "DROP",
    "create table t2 as select 1": "CREATE",
    "create temp table t2 (a int)": "CREATE",
    "begin transaction": "TRANSACTION",
    "select 1; copy t to 'out.csv'": "COPY",
    "explain analyze copy t to 'out.csv'": "EXPLAIN",
}


@pytest.mark.parametrize("sql", REFUSED)
@pytest.mark.parametrize("allow_files", [False, True])
def test_statements_that_could_change_anything_are_refused(db: Path, sql: str, allow_files: bool):
    before = _state(db.parent)
    with pytest.raises(QueryRefused, match=REFUSED[sql]) as refused:
        run_query(db, sql, allow_files=allow_files)
    assert "nothing was run" in str(refused.value)
    assert _state(db.parent) == before


@pytest.mark.parametrize("sql", ["select * from read_text('{other}')", "select * from read_csv('{other}')",
                                 "select * from glob('{folder}/*')", "select * from read_blob('/etc/hostname')"])
def test_reading_other_files_needs_the_opt_in(db: Path, sql: str):
    sql = sql.format(other=db.parent / "other.csv", folder=db.parent)
    with pytest.raises(QueryRefused, match="--allow-files"):
        run_query(db, sql)
    assert run_query(db, sql, allow_files=True)[0].height >= 1


def test_every_statement_returns_its_result(db: Path):
    first, second, third = run_query(db, "select count(*) as n from t; select id from v; describe t")
    assert first.to_dicts() == [{"n": 1}] and second.to_dicts() == [{"id": 1}]
    assert third["column_name"].to_list() == ["id", "aliases", "cameo", "span", "raw"]
    assert run_query(db, "explain select * from t")[0].height == 1


def test_settings_are_locked_even_inside_a_select(db: Path):
    with pytest.raises(duckdb.Error, match="locked"):
        run_query(db, "select * from enable_logging(storage = 'file')")


def test_lists_structs_intervals_and_blobs_come_back_and_write_as_csv(db: Path):
    frame = run_query(db, "select * from t")[0]
    assert frame["aliases"].to_list() == [["Putin", "Vladimir Putin"]]
    assert frame["span"].to_list() == ["1 month 02:00:00"]
    assert pl.read_csv(as_csv(frame).encode(), infer_schema=False).row(0) == (
        "1", '["Putin", "Vladimir Putin"]', '{"code": "040", "root": "04"}', "1 month 02:00:00", "6162")
    nested = run_query(db, "select [span] as spans, {'s': span} as holder from t")[0]
    assert as_csv(nested).splitlines()[1] == '"[""1 month 02:00:00""]","{""s"":""1 month 02:00:00""}"'


def test_empty_sql_is_refused(db: Path):
    with pytest.raises(QueryRefused, match="no SQL statement"):
        run_query(db, "-- just a comment")
