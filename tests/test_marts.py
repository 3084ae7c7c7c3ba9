"""Mart views on a small hand-made warehouse, the documented queries on the seeds, and the read-only
ways in: `wirehouse query`, `wirehouse schema` and the installed DuckDB CLI."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest
from wirehouse import catalog, warehouse
from wirehouse.settings import PROJECT_ROOT

from .helpers import cli

SQL = PROJECT_ROOT / "sql"
QUERIES = sorted((PROJECT_ROOT / "docs" / "queries").glob("*.sql"))

FIXTURE = """
insert into cameo_codes values
  ('04', 'CONSULT', '04', 1, 1.0), ('040', 'Consult, not specified below', '04', 1, 1.0),
  ('036', 'Express intent to meet or negotiate', '03', 1, 4.0), ('03', 'EXPRESS INTENT TO COOPERATE', '03', 1, 4.0),
  ('17', 'COERCE', '17', 4, -7.0), ('174', 'Expel or deport individuals', '17', 4, -5.0),
  ('11', 'DISAPPROVE', '11', 3, -2.0), ('111', 'Criticize or denounce', '11', 3, -2.0);
insert into articles (article_id, source_path, content_sha256, title, title_source, author, published_date, outlet,
                      dateline, body, word_count, language, encoding, ingested_at, run_id) values
  ('a1', 'one.txt', 'h1', 'Leaders meet', 'header', null, '2020-07-30', null, null,
   'Trump met Putin. Russia expelled US diplomats.', 8, 'en', 'utf-8', '2026-01-01 00:00:00+00', 1),
  ('a2', 'two.txt', 'h2', 'No meeting', 'header', null, null, null, null,
   'Trump did not meet Putin. Trump criticised Putin.', 8, 'en', 'utf-8', '2026-02-01 00:00:00+00', 1);
insert into entities values
  ('e_trump', 'Donald Trump', 'person', null, null, 1, now()),
  ('e_putin', 'Vladimir Putin', 'person', null, null, 1, now()),
  ('e_ru', 'Russia', 'country', 'RU', 'self', 1, now()),
  ('e_us', 'United States', 'country', 'US', 'self', 1, now()),
  ('e_usa', 'USA', 'organization', null, null, 1, now());
-- "USA" was first taken for another entity, then found to be the United States: a merge, not a rewrite.
insert into entity_merges values ('e_usa', 'e_us', 'same country', 1);
insert into entity_aliases (entity_id, alias, alias_key, first_seen_run) values
  ('e_trump', 'Trump', 'trump', 1), ('e_trump', 'Donald Trump', 'donald trump', 1),
  ('e_putin', 'Putin', 'putin', 1), ('e_ru', 'Russia', 'russia', 1), ('e_us', 'US', 'us', 1),
  ('e_usa', 'USA', 'usa', 1);
insert into entity_mentions (mention_id, article_id, entity_id, mention_type, text, sentence_index, start_char,
                             end_char, run_id, field) values
  ('a1-0000', 'a1', 'e_trump', 'person', 'Trump', 0, 0, 5, 1, 'body'),
  ('a1-0001', 'a1', 'e_putin', 'person', 'Putin', 0, 10, 15, 1, 'body'),
  ('a1-0002', 'a1', 'e_ru', 'country', 'Russia', 1, 17, 23, 1, 'body'),
  ('a1-0003', 'a1', 'e_usa', 'country', 'US', 1, 33, 35, 1, 'body'),
  ('a2-0000', 'a2', 'e_trump', 'person', 'Trump', 0, 0, 5, 1, 'body'),
  ('a2-0001', 'a2', 'e_putin', 'person', 'Putin', 0, 19, 24, 1, 'body'),
  ('a2-0002', 'a2', 'e_trump', 'person', 'Trump', 1, 26, 31, 1, 'body'),
  ('a2-0003', 'a2', 'e_putin', 'person', 'Putin', 1, 43, 48, 1, 'body');
insert into events (event_id, article_id, sentence_index, actor1_entity_id, actor1_role, actor1_country_code,
                    actor2_entity_id, actor2_role, actor2_country_code, action, cameo_code, cameo_root, quad_class,
                    goldstein, event_date, date_precision, date_text, is_negated, is_hypothetical, evidence,
                    start_char, end_char, run_id, actor2_text, actor2_code) values
  ('ev1', 'a1', 0, 'e_trump', null, null, 'e_putin', null, null, 'meet', '040', '04', 1, 1.0,
   '2020-07-23', 'day', 'on July 23, 2020', false, false, 'Trump met Putin.', 0, 16, 1, null, null),
  ('ev2', 'a1', 1, 'e_ru', 'self', 'RU', null, null, 'US', 'expel', '174', '17', 4, -5.0,
   null, null, null, false, false, 'Russia expelled US diplomats.', 17, 46, 1, 'US diplomats', 'USAGOV'),
  ('ev3', 'a2', 0, 'e_trump', null, null, 'e_putin', null, null, 'meet', '040', '04', 1, 1.0,
   null, null, null, true, false, 'Trump did not meet Putin.', 0, 25, 1, null, null),
  ('ev4', 'a2', 1, 'e_trump', null, null, 'e_putin', null, null, 'criticise', '111', '11', 3, -2.0,
   null, null, null, false, false, 'Trump criticised Putin.', 26, 49, 1, null, null);
"""


@pytest.fixture
def fixture_db(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = warehouse.connect(tmp_path / "fixture.duckdb")
    warehouse.migrate(con)
    con.execute(FIXTURE)
    yield con
    con.close()


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def test_entity_profile(fixture_db):
    got = rows(fixture_db, "select name, entity_type, aliases, mentions, articles, first_seen, last_seen"
                           " from entity_profile order by name")
    assert got == [
        ("Donald Trump", "person", ["Donald Trump", "Trump"], 3, 2, date(2020, 7, 30), date(2026, 2, 1)),
        ("Russia", "country", ["Russia"], 1, 1, date(2020, 7, 30), date(2020, 7, 30)),
        ("United States", "country", ["US", "USA"], 1, 1, date(2020, 7, 30), date(2020, 7, 30)),
        ("Vladimir Putin", "person", ["Putin"], 3, 2, date(2020, 7, 30), date(2026, 2, 1)),
    ]


def test_entity_cooccurrence(fixture_db):
    got = rows(fixture_db, "select name_a, name_b, articles, sentences from entity_cooccurrence"
                           " order by articles desc, name_a, name_b")
    assert got[0] == ("Vladimir Putin", "Donald Trump", 2, 3)  # ordered by entity_id
    assert ("Russia", "United States", 1, 1) in got
    assert len(got) == 6  # every pair of the four entities of article a1, once
    assert rows(fixture_db, "select count(*) from entity_cooccurrence where entity_id_a >= entity_id_b") == [(0,)]


def test_event_timeline(fixture_db):
    got = rows(fixture_db, "select event_id, timeline_date, actor1_name, cameo_name, cameo_root_name,"
                           " quad_class_name, goldstein, actor2_name, article_title from event_timeline order by 1")
    assert got[0] == ("ev1", date(2020, 7, 23), "Donald Trump", "Consult, not specified below", "CONSULT",
                      "verbal cooperation", 1.0, "Vladimir Putin", "Leaders meet")
    # No date in the text: the article's publication date, or none.
    assert got[1][1] == date(2020, 7, 30) and got[3][1] is None
    assert got[1][5] == "material conflict"


def test_dyad_summary(fixture_db):
    got = rows(fixture_db, "select actor1_name, actor2_name, actor2_code, events, verbal_cooperation,"
                           " verbal_conflict, material_conflict, mean_goldstein, first_date, last_date"
                           " from dyad_summary order by 1")
    # The negated "did not meet" is not an event of the dyad; "US diplomats" is an actor by its code.
    assert got == [
        ("Donald Trump", "Vladimir Putin", None, 2, 1, 1, 0, -0.5, date(2020, 7, 23), date(2020, 7, 23)),
        ("Russia", "US diplomats", "USAGOV", 1, 0, 0, 1, -5.0, date(2020, 7, 30), date(2020, 7, 30)),
    ]


def test_an_event_with_no_source_keeps_its_row(fixture_db):
    # "US diplomats were expelled": an agentless passive, coded with no source (GDELT's blank Actor1)
    fixture_db.execute(
        "insert into events (event_id, article_id, sentence_index, action, cameo_code, cameo_root, quad_class,"
        " goldstein, is_negated, is_hypothetical, evidence, start_char, end_char, run_id, actor2_text, actor2_code,"
        " actor2_country_code) values ('ev5', 'a1', 1, 'expel', '174', '17', 4, -5.0, false, false,"
        " 'US diplomats were expelled.', 17, 46, 1, 'US diplomats', 'USAGOV', 'US')"
    )
    got = rows(fixture_db, "select actor1_key, actor1_name, cameo_name, actor2_name from event_timeline"
                           " where event_id = 'ev5'")
    assert got == [(None, None, "Expel or deport individuals", "US diplomats")]
    # its dyad has no source: a row of its own beside "Russia expelled US diplomats", none lost
    got = rows(fixture_db, "select actor1_key, actor1_name, actor2_name, events, material_conflict from dyad_summary"
                           " where actor2_code = 'USAGOV' order by actor1_key nulls first")
    assert got == [(None, None, "US diplomats", 1, 1), ("e_ru", "Russia", "US diplomats", 1, 1)]
    dyad_events = rows(fixture_db, "select sum(events) from dyad_summary")[0][0]
    assert dyad_events == rows(fixture_db, "select count(*) from event_timeline where not is_negated")[0][0]


def test_marts_follow_entity_merges(fixture_db):
    assert rows(fixture_db, "select count(*) from entity_profile where entity_id = 'e_usa'") == [(0,)]
    assert rows(fixture_db, "select entity_id from stg_entity_mentions where mention_id = 'a1-0003'") == [("e_us",)]
    assert ("Russia", "United States", 1, 1) in rows(
        fixture_db, "select name_a, name_b, articles, sentences from entity_cooccurrence")


def test_marts_are_refreshed_by_the_migrations(fixture_db):
    views = {r[0] for r in rows(fixture_db, "select view_name from duckdb_views() where not internal")}
    files = sorted((SQL / "marts").glob("*.sql")) + sorted((SQL / "staging").glob("*.sql"))
    assert {p.stem for p in files} <= views
    for view in files:
        query = warehouse.split_statements(view.read_text())[0]
        assert query.rstrip().endswith("select * from final"), view.name


def test_every_column_of_every_table_and_view_is_described(fixture_db):
    undescribed = rows(fixture_db, "select table_name, column_name from duckdb_columns()"
                                   " where database_name = current_database() and schema_name = 'main'"
                                   " and (comment is null or comment = '')")
    assert undescribed == []


@pytest.fixture
def seeds_db(seeds_warehouse: Path) -> Path:
    return seeds_warehouse


def test_marts_hold_rows_after_a_run_over_the_seeds(seeds_db: Path):
    with duckdb.connect(str(seeds_db), read_only=True) as con:
        for mart in ("entity_profile", "entity_cooccurrence", "event_timeline", "dyad_summary"):
            assert con.execute(f"select count(*) from {mart}").fetchall()[0][0] > 0, mart


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
def test_documented_queries_run_on_the_seeds(query: Path, seeds_db: Path, monkeypatch, capsys):
    sql = query.read_text().strip()
    assert sql in (PROJECT_ROOT / "README.md").read_text(), "the README shows this query as it is tested"
    monkeypatch.setattr("sys.stdin", io.StringIO(sql))
    code, out, err = cli(capsys, "query", "-", "--db", str(seeds_db), "--format", "json")
    assert code == 0, err
    assert json.loads(out), "the documented query returns no rows on the seeds"


def test_ten_documented_questions():
    assert len(QUERIES) >= 10


def test_query_refuses_writes_and_changes_nothing(seeds_db: Path, tmp_path: Path, monkeypatch, capsys):
    code, _, err = cli(capsys, "query", "delete from articles", "--db", str(seeds_db))
    assert code == 1 and "read-only" in err and "Traceback" not in err
    with duckdb.connect(str(seeds_db), read_only=True) as con:
        assert con.execute("select count(*) from articles").fetchall() == [(5,)]
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(capsys, "query", "select 1; copy articles to 'out.csv'", "--db", str(seeds_db))
    assert code == 1 and "COPY" in err and not out and not list(tmp_path.iterdir())
    secret = tmp_path / "secret.txt"
    secret.write_text("not for queries")
    read = f"select content from read_text('{secret}')"
    code, out, err = cli(capsys, "query", read, "--db", str(seeds_db))
    assert code == 1 and "--allow-files" in err and "not for queries" not in out
    code, out, _ = cli(capsys, "query", read, "--db", str(seeds_db), "--allow-files", "--format", "csv")
    assert code == 0 and "not for queries" in out


def test_query_prints_every_statement_and_writes_lists_as_csv(seeds_db: Path, capsys):
    code, out, _ = cli(capsys, "query", "select count(*) as a from articles; select count(*) as e from events",
                       "--db", str(seeds_db), "--format", "json")
    assert code == 0 and [list(r[0]) for r in json.loads(out)] == [["a"], ["e"]]
    code, out, err = cli(capsys, "query", "select name, aliases, now() - timestamp '2020-01-01' as age"
                         " from entity_profile where name = 'Donald Trump'", "--db", str(seeds_db), "--format", "csv")
    assert code == 0, err
    name, aliases, age = next(csv.reader(out.splitlines()[1:]))
    assert name == "Donald Trump" and "Trump" in json.loads(aliases) and "days" in age


def test_query_formats(seeds_db: Path, capsys):
    _, out, _ = cli(capsys, "query", "select count(*) as n from articles", "--db", str(seeds_db), "--format", "csv")
    assert out.splitlines() == ["n", "5"]
    _, table, _ = cli(capsys, "query", "select name from entity_profile order by mentions desc limit 1",
                      "--db", str(seeds_db))
    assert "Donald Trump" in table and "┌" in table


def test_schema_lists_tables_views_and_meanings(seeds_db: Path, capsys):
    code, out, _ = cli(capsys, "schema", "--db", str(seeds_db))
    assert code == 0
    for relation in ("table articles", "table events", "view dyad_summary", "view event_timeline"):
        assert relation in out
    assert "[start_char:end_char]" in out
    assert "stage_articles" not in out


def test_docs_schema_is_the_warehouse_own_description(seeds_db: Path):
    doc = (PROJECT_ROOT / "docs" / "schema.md").read_text()
    with duckdb.connect(str(seeds_db), read_only=True) as con:
        generated = catalog.as_markdown(catalog.describe(con, include_internal=True))
    assert doc.split("## Tables and views\n\n", 1)[1] == generated, "run `make docs` to regenerate docs/schema.md"


def test_installed_duckdb_cli_opens_the_warehouse(seeds_db: Path):
    duckdb_cli = Path(sys.executable).with_name("duckdb")
    assert duckdb_cli.is_file(), "the project installs a duckdb command"
    done = subprocess.run([str(duckdb_cli), "-readonly", "-csv", str(seeds_db)],
                          input="select count(*) from articles;\n", capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "5"
