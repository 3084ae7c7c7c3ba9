"""End to end: real Prefect flow runs of wirehouse-ingest over a real DuckDB file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from wirehouse.pipeline import ingest

from .conftest import ROOT


def run(source: Path, data: Path) -> dict:
    return ingest(source=str(source), db=str(data / "warehouse.duckdb"), data_dir=str(data))


DERIVED_COUNTS = "select (select count(*) from entity_mentions), (select count(*) from events)," \
                 " (select count(*) from entities), (select count(*) from entity_aliases)"
ORPHANS = "select (select count(*) from entity_mentions where article_id not in (select article_id from articles))," \
          " (select count(*) from events where article_id not in (select article_id from articles))"


def q(data: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def last_run(data: Path) -> dict:
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as con:
        cur = con.execute("select * from runs order by run_id desc limit 1")
        names = [d[0] for d in cur.description]
        return dict(zip(names, cur.fetchone(), strict=True))


def counts(row: dict) -> tuple:
    return tuple(row[f"files_{k}"] for k in ("seen", "new", "changed", "unchanged", "removed", "duplicate"))


def test_incremental_runs_over_the_seeds(seed_dir: Path, tmp_path: Path):
    data = tmp_path / "data"

    # First run: every seed becomes an article, validated.
    summary = run(seed_dir, data)
    assert summary["status"] == "completed" and summary["articles"] == 5
    first = last_run(data)
    assert counts(first) == (5, 5, 0, 0, 0, 0) and first["status"] == "completed"
    assert first["flow_run_id"] and first["finished_at"] is not None
    ids = dict(q(data, "select source_path, article_id from articles"))
    assert len(ids) == 5
    assert q(data, "select count(*) from validation_results where run_id = 1 and not success") == [(0,)]
    assert q(data, "select count(distinct table_name) from validation_results where run_id = 1") == [(6,)]

    # Re-run: nothing new, nothing changed, nothing written.
    before = q(data, "select article_id, ingested_at from articles order by 1")
    derived = q(data, DERIVED_COUNTS)
    assert all(n > 0 for n in derived[0])
    run(seed_dir, data)
    assert counts(last_run(data)) == (5, 0, 0, 5, 0, 0)
    assert q(data, "select article_id, ingested_at from articles order by 1") == before
    assert q(data, DERIVED_COUNTS) == derived

    # Edit one file: its row is replaced in place, same article_id, no duplicate.
    edited = seed_dir / "003_820483dde3d54dea.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Could we see peace this week?",
                                                                 "Peace may come this week, officials said."),
                      encoding="utf-8")
    run(seed_dir, data)
    assert counts(last_run(data)) == (5, 0, 1, 4, 0, 0)
    rows = q(data, "select article_id, body, run_id from articles where source_path = '003_820483dde3d54dea.txt'")
    assert len(rows) == 1 and rows[0][0] == ids["003_820483dde3d54dea.txt"] and rows[0][2] == 3
    assert rows[0][1].endswith("Peace may come this week, officials said.")
    assert q(data, "select count(*) from articles") == [(5,)]
    edited_id = ids["003_820483dde3d54dea.txt"]
    assert q(data, "select distinct run_id from entity_mentions where article_id = ?", [edited_id]) == [(3,)]
    assert q(data, "select distinct run_id from events where article_id = ?", [edited_id]) == [(3,)]
    assert q(data, ORPHANS) == [(0, 0)]

    # Add one: one new article.
    shutil.copy(ROOT / "tests" / "cases" / "incoming" / "new_article.txt", seed_dir / "new_article.txt")
    run(seed_dir, data)
    assert counts(last_run(data)) == (6, 1, 0, 5, 0, 0)
    assert q(data, "select count(*) from articles") == [(6,)]

    # Remove one: its article goes, the manifest says removed.
    (seed_dir / "000_c68e2f8f66243df8.txt").unlink()
    run(seed_dir, data)
    assert counts(last_run(data)) == (5, 0, 0, 5, 1, 0)
    assert q(data, "select count(*) from articles where source_path = '000_c68e2f8f66243df8.txt'") == [(0,)]
    assert q(data, "select status, removed_run, article_id from files where source_path = '000_c68e2f8f66243df8.txt'") \
        == [("removed", 5, None)]
    removed_id = ids["000_c68e2f8f66243df8.txt"]
    assert q(data, "select count(*) from entity_mentions where article_id = ?", [removed_id]) == [(0,)]
    assert q(data, ORPHANS) == [(0, 0)]
    # Entities outlive their mentions: an id, once made, stays.
    assert q(data, "select count(*) from entities")[0][0] >= derived[0][2]

    # A copy of an existing file: recorded as a duplicate, not a second article.
    shutil.copy(seed_dir / "001_e0ba8cc3a8df5508.txt", seed_dir / "zz_copy.txt")
    run(seed_dir, data)
    assert counts(last_run(data)) == (6, 1, 0, 5, 0, 1)
    assert q(data, "select count(*) from articles") == [(5,)]
    assert q(data, "select status, duplicate_of from files where source_path = 'zz_copy.txt'") == [
        ("duplicate", "001_e0ba8cc3a8df5508.txt")]

    # The original goes away: the copy takes its place as the article.
    (seed_dir / "001_e0ba8cc3a8df5508.txt").unlink()
    run(seed_dir, data)
    assert q(data, "select count(*) from articles") == [(5,)]
    assert q(data, "select status from files where source_path = 'zz_copy.txt'") == [("article",)]
    assert q(data, "select count(*) from articles where source_path = 'zz_copy.txt'") == [(1,)]

    assert [r[0] for r in q(data, "select status from runs order by run_id")] == ["completed"] * 7


def test_unreadable_files_are_quarantined_and_the_run_goes_on(seed_dir: Path, tmp_path: Path):
    data = tmp_path / "data"
    (seed_dir / "empty.txt").write_bytes(b"")
    (seed_dir / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (seed_dir / "nav_only.txt").write_text("Home\nSubscribe to our newsletter\nShare this: Share\nTwitter\n")
    (seed_dir / "latin1.txt").write_bytes(
        ("Zürich café talks\n\n" + "Le ministre a déclaré à Genève que les négociations étaient difficiles "
         "mais que la délégation française restait prête à poursuivre le dialogue avec ses partenaires. " * 3)
        .encode("latin-1"))
    run(seed_dir, data)
    row = last_run(data)
    assert row["files_quarantined"] == 3 and row["status"] == "completed"
    assert dict(q(data, "select source_path, reason from quarantine")) == {
        "empty.txt": "empty", "image.txt": "binary", "nav_only.txt": "no_article_text"}
    assert q(data, "select title, encoding, language from articles where source_path = 'latin1.txt'") == [
        ("Zürich café talks", "cp1252", "fr")]
    assert q(data, "select count(*) from articles") == [(6,)]

    # A quarantined file is retried when it changes, and leaves quarantine once it loads.
    shutil.copy(ROOT / "tests" / "cases" / "incoming" / "new_article.txt", seed_dir / "empty.txt")
    run(seed_dir, data)
    assert q(data, "select source_path from quarantine order by 1") == [("image.txt",), ("nav_only.txt",)]
    assert q(data, "select count(*) from articles where source_path = 'empty.txt'") == [(1,)]


def _cli(*args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str | None = None
         ) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("wirehouse")
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", **(env or {})}
    # The CLI gets its own ephemeral Prefect API, like a user's shell would, not the test harness's.
    env.pop("PREFECT_API_URL", None)
    return subprocess.run([str(exe), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
                          input=stdin)


def test_cli_help_for_every_command(tmp_path: Path):
    top = _cli("--help", cwd=tmp_path)
    assert top.returncode == 0 and "run" in top.stdout
    sub = _cli("run", "--help", cwd=tmp_path)
    assert sub.returncode == 0 and "--source" in sub.stdout and "--db" in sub.stdout


def test_cli_run_defaults_to_seeds_and_data(seed_dir: Path):
    project = seed_dir.parent
    done = _cli("run", cwd=project)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "warehouse: 5 articles" in done.stdout
    with duckdb.connect(str(project / "data" / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from articles").fetchone() == (5,)


def test_cli_run_exits_non_zero_on_a_missing_source(tmp_path: Path):
    done = _cli("run", "--source", str(tmp_path / "missing"), "--db", str(tmp_path / "w.duckdb"), cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().endswith("missing': no such folder")
    assert not (tmp_path / "w.duckdb").exists()


@pytest.mark.parametrize("var", ["WIREHOUSE_SOURCE"])
def test_settings_read_from_environment(var: str, monkeypatch, tmp_path: Path):
    from wirehouse.settings import Settings

    monkeypatch.setenv(var, str(tmp_path))
    monkeypatch.setenv("WIREHOUSE_DB", str(tmp_path / "x.duckdb"))
    s = Settings()
    assert s.source == tmp_path and s.db_path == tmp_path / "x.duckdb" and s.data_dir == tmp_path
