from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from wirehouse import warehouse
from wirehouse.load import assemble_batch
from wirehouse.normalise import ARTICLE_SCHEMA
from wirehouse.settings import PROJECT_ROOT

SQL = PROJECT_ROOT / "sql"


def test_migrations_apply_once_and_are_recorded(tmp_path: Path):
    con = warehouse.connect(tmp_path / "w.duckdb")
    files = sorted(p.name for p in (SQL / "migrations").glob("*.sql"))
    assert warehouse.migrate(con, SQL) == files
    assert warehouse.migrate(con, SQL) == []
    assert {"runs", "files", "articles", "quarantine", "validation_results", "entities", "entity_aliases",
            "entity_mentions", "events", "cameo_codes"} <= set(warehouse.table_names(con))
    assert [r[0] for r in con.execute("select version from schema_migrations order by 1").fetchall()] == [
        f[:3] for f in files]


def test_an_edited_migration_is_refused(tmp_path: Path):
    sql = tmp_path / "sql"
    (sql / "migrations").mkdir(parents=True)
    (sql / "migrations" / "001_t.sql").write_text("create table t (x int);")
    con = warehouse.connect(tmp_path / "w.duckdb")
    warehouse.migrate(con, sql)
    (sql / "migrations" / "001_t.sql").write_text("create table t (x int, y int);")
    with pytest.raises(warehouse.MigrationError, match="edited after it was applied"):
        warehouse.migrate(con, sql)


def test_a_failing_migration_leaves_nothing_behind(tmp_path: Path):
    sql = tmp_path / "sql"
    (sql / "migrations").mkdir(parents=True)
    (sql / "migrations" / "001_bad.sql").write_text("create table t (x int); select * from missing_table;")
    con = warehouse.connect(tmp_path / "w.duckdb")
    with pytest.raises(Exception, match="missing_table"):
        warehouse.migrate(con, sql)
    assert "t" not in warehouse.table_names(con)
    assert con.execute("select count(*) from schema_migrations").fetchone() == (0,)


def test_read_only_connection_to_missing_warehouse_says_what_to_do(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="wirehouse run"):
        warehouse.connect(tmp_path / "nope.duckdb", read_only=True)


def test_article_id_is_stable_per_path():
    assert warehouse.article_id_for("a.txt") == warehouse.article_id_for("a.txt")
    assert warehouse.article_id_for("a.txt") != warehouse.article_id_for("b.txt")


def _plan(rows):
    return pl.DataFrame(rows, schema={"source_path": pl.String, "size_bytes": pl.Int64, "mtime_ns": pl.Int64,
                                      "content_sha256": pl.String, "first_seen_run": pl.Int64, "change": pl.String,
                                      "role": pl.String, "canonical_path": pl.String,
                                      "previous_status": pl.String, "needs_work": pl.Boolean}, orient="row")


def test_assemble_batch_accounts_for_every_file():
    plan = _plan([("a.txt", 1, 1, "ha", 1, "new", "article", "a.txt", None, True),
                  ("b.txt", 1, 1, "ha", 1, "new", "duplicate", "a.txt", None, True),
                  ("c.txt", 1, 1, "hc", 1, "new", "article", "c.txt", None, True),
                  ("d.txt", 1, 1, "hd", 1, "new", "article", "d.txt", None, True)])
    extracted = pl.DataFrame({"source_path": ["a.txt", "c.txt", "d.txt"], "content_sha256": ["ha", "hc", "hd"],
                              "text": ["…", None, "…"], "encoding": ["utf-8", None, "utf-8"],
                              "reason": [None, "binary", None], "detail": [None, "NUL bytes", None]})
    articles = pl.DataFrame([
        {"source_path": "a.txt", "title": "A", "title_source": "header", "author": None, "published_date": None,
         "outlet": None, "dateline": None, "body": "word " * 30, "word_count": 30, "language": "en"},
        {"source_path": "d.txt", "title": "D", "title_source": "header", "author": None, "published_date": None,
         "outlet": None, "dateline": None, "body": "two words", "word_count": 2, "language": "en"},
    ], schema=ARTICLE_SCHEMA)
    batch = assemble_batch(plan, extracted, articles, min_body_words=20)
    status = dict(batch.files.select("source_path", "status").iter_rows())
    assert status == {"a.txt": "article", "b.txt": "duplicate", "c.txt": "quarantined", "d.txt": "quarantined"}
    assert batch.articles["source_path"].to_list() == ["a.txt"]
    assert batch.articles["article_id"][0] == warehouse.article_id_for("a.txt")
    assert dict(batch.quarantined.select("source_path", "reason").iter_rows()) == {
        "c.txt": "binary", "d.txt": "no_article_text"}
    assert batch.files.filter(pl.col("source_path") == "b.txt")["duplicate_of"][0] == "a.txt"


def test_assemble_batch_refuses_to_lose_a_file():
    plan = _plan([("a.txt", 1, 1, "ha", 1, "new", "article", "a.txt", None, True)])
    extracted = pl.DataFrame({"source_path": ["a.txt"], "content_sha256": ["ha"], "text": ["x"],
                              "encoding": ["utf-8"], "reason": [None], "detail": [None]},
                             schema_overrides={"reason": pl.String, "detail": pl.String})
    with pytest.raises(ValueError, match="neither an article nor a quarantine"):
        assemble_batch(plan, extracted, pl.DataFrame(schema=ARTICLE_SCHEMA), min_body_words=20)
