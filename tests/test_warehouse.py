from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from wirehouse import model, warehouse
from wirehouse.model import PARSED_SCHEMA, PLAN_SCHEMA, prepare_batch

SQL = warehouse.SQL_DIR


def test_migrations_apply_once_and_are_recorded(tmp_path: Path):
    con = warehouse.connect(tmp_path / "w.duckdb")
    files = sorted(p.name for p in (SQL / "migrations").glob("*.sql"))
    assert warehouse.migrate(con, SQL) == files
    assert warehouse.migrate(con, SQL) == []
    assert {"runs", "files", "articles", "quarantine", "validation_results", "entities", "entity_aliases",
            "entity_mentions", "events", "cameo_codes", "entity_merges", "run_stages",
            } <= set(warehouse.table_names(con))
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
    assert model.article_id_for("a.txt") == model.article_id_for("a.txt")
    assert model.article_id_for("a.txt") != model.article_id_for("b.txt")


def _plan(rows):
    """Plan rows; those without a reason and detail get none."""
    return pl.DataFrame([(*r, None, None) if len(r) == 10 else r for r in rows], schema=PLAN_SCHEMA, orient="row")


def _parsed(rows):
    return pl.DataFrame([{"title_source": "header", "language": "en", **r} for r in rows], schema=PARSED_SCHEMA)


def test_prepare_batch_accounts_for_every_file():
    plan = _plan([("a.txt", 1, 1, "ha", 1, "new", "article", "a.txt", None, True),
                  ("b.txt", 1, 1, "ha", 1, "new", "duplicate", "a.txt", None, True),
                  ("c.txt", 1, 1, "hc", 1, "new", "article", "c.txt", None, True),
                  ("d.txt", 1, 1, "hd", 1, "new", "article", "d.txt", None, True),
                  ("e.txt", 1, 1, "he", 1, "removed", "removed", None, "article", True),
                  ("f.txt", 1, 1, None, 1, "new", "quarantined", None, None, True, "symlink", "a link")])
    extracted = pl.DataFrame({"source_path": ["a.txt", "c.txt", "d.txt"], "content_sha256": ["ha", "hc", "hd"],
                              "text": ["…", None, "…"], "encoding": ["utf-8", None, "utf-8"],
                              "reason": [None, "binary", None], "detail": [None, "NUL bytes", None]})
    parsed = _parsed([{"source_path": "a.txt", "title": "A", "body": "word " * 30, "word_count": 30},
                      {"source_path": "d.txt", "title": "D", "body": "two words", "word_count": 2}])
    prepared = prepare_batch(plan, extracted, parsed, min_body_words=20, rules_version="r1")
    status = dict(prepared.files.select("source_path", "status").iter_rows())
    assert status == {"a.txt": "article", "b.txt": "duplicate", "c.txt": "quarantined", "d.txt": "quarantined",
                      "e.txt": "removed", "f.txt": "quarantined"}
    # Every file names its path's article: staging it replaces whatever that article was.
    assert prepared.files["article_id"].to_list() == [model.article_id_for(p) for p in prepared.files["source_path"]]
    assert prepared.articles["source_path"].to_list() == ["a.txt"]
    assert prepared.articles["article_id"][0] == model.article_id_for("a.txt")
    assert prepared.articles["rules_version"].to_list() == ["r1"]
    assert dict(prepared.quarantined.select("source_path", "reason").iter_rows()) == {
        "c.txt": "binary", "d.txt": "no_article_text", "f.txt": "symlink"}
    assert prepared.files.filter(pl.col("source_path") == "b.txt")["duplicate_of"][0] == "a.txt"


def test_prepare_batch_refuses_to_lose_a_file():
    plan = _plan([("a.txt", 1, 1, "ha", 1, "new", "article", "a.txt", None, True)])
    extracted = pl.DataFrame({"source_path": ["a.txt"], "content_sha256": ["ha"], "text": ["x"],
                              "encoding": ["utf-8"], "reason": [None], "detail": [None]},
                             schema_overrides={"reason": pl.String, "detail": pl.String})
    with pytest.raises(ValueError, match="neither an article nor a quarantine"):
        prepare_batch(plan, extracted, pl.DataFrame(schema=PARSED_SCHEMA), min_body_words=20, rules_version="r1")


def test_conform_adds_missing_columns_and_refuses_unknown_ones():
    frame = model.conform(pl.DataFrame({"entity_id": ["e1"], "name": ["X"]}), model.ENTITY_SCHEMA)
    assert frame.columns == list(model.ENTITY_SCHEMA) and frame["entity_type"].to_list() == [None]
    with pytest.raises(ValueError, match="not in the data model"):
        model.conform(pl.DataFrame({"entity_id": ["e1"], "colour": ["red"]}), model.ENTITY_SCHEMA)


def test_the_data_model_matches_the_warehouse_tables(tmp_path: Path):
    con = warehouse.connect(tmp_path / "w.duckdb")
    warehouse.migrate(con)
    columns = {t: {c for (c,) in con.execute("select column_name from duckdb_columns() where table_name = ?",
                                              [t]).fetchall()} for t in warehouse.table_names(con)}
    # What the warehouse adds itself: when and by which run a row was written.
    written = {"run_id", "ingested_at", "first_seen_run", "created_at", "quarantined_at"}
    for table, schema in {"articles": model.ARTICLE_SCHEMA, "entities": model.ENTITY_SCHEMA,
                          "entity_aliases": model.ALIAS_SCHEMA, "entity_merges": model.MERGE_SCHEMA,
                          "events": model.EVENT_SCHEMA, "quarantine": model.QUARANTINE_SCHEMA,
                          "cameo_codes": model.CAMEO_CODE_SCHEMA}.items():
        assert set(schema) == columns[table] - written, table
        if table != "quarantine":  # written directly, not through the publishing gate
            assert columns[f"stage_{table}"] == columns[table], table
    assert set(model.RESOLVED_SCHEMA) - {"mention_index"} == columns["entity_mentions"] - written
