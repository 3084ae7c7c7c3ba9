"""End to end: real Prefect flow runs of wirehouse-ingest over a real DuckDB file."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from uuid import UUID

import duckdb
import pytest

from .helpers import ROOT, SEEDS, cli, last_run, q, run_flow

pytestmark = pytest.mark.usefixtures("prefect_harness")


def run(source: Path, data: Path, **kw):
    return run_flow(source, data, **kw)


DERIVED_COUNTS = "select (select count(*) from entity_mentions), (select count(*) from events)," \
                 " (select count(*) from entities), (select count(*) from entity_aliases)"
ORPHANS = "select (select count(*) from entity_mentions where article_id not in (select article_id from articles))," \
          " (select count(*) from events where article_id not in (select article_id from articles))"


def counts(row: dict) -> tuple:
    return tuple(row[f"files_{k}"] for k in ("seen", "new", "changed", "unchanged", "removed", "duplicate"))


def test_incremental_runs_over_the_seeds(seed_dir: Path, tmp_path: Path):
    data = tmp_path / "data"

    # First run: every seed becomes an article, validated.
    summary = run(seed_dir, data)
    assert summary.status == "completed" and summary.articles == 5
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


def test_cli_help_for_every_command(capsys):
    code, out, _ = cli(capsys, "--help")
    assert code == 0 and "run" in out and "query" in out
    code, out, _ = cli(capsys, "run", "--help")
    assert code == 0 and "--source" in out and "--db" in out and "--reprocess" in out


def test_cli_run_defaults_to_seeds_and_data(seed_dir: Path, monkeypatch, capsys):
    monkeypatch.chdir(seed_dir.parent)
    for var in ("WIREHOUSE_SOURCE", "WIREHOUSE_DB", "WIREHOUSE_DATA_DIR"):
        monkeypatch.delenv(var, raising=False)
    code, out, err = cli(capsys, "run")
    assert code == 0, err[-3000:]
    assert "warehouse: 5 articles" in out
    assert q(seed_dir.parent / "data", "select count(*) from articles") == [(5,)]


def test_reprocess_rederives_every_article_and_changes_nothing(seeds_warehouse: Path, tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy2(seeds_warehouse, data / "warehouse.duckdb")
    tables = {t: f"select * exclude ({extra}) from {t} order by all" for t, extra in {
        "articles": "run_id, ingested_at", "entity_mentions": "run_id", "events": "run_id",
        "entities": "first_seen_run, created_at", "entity_aliases": "first_seen_run"}.items()}
    before = {t: q(data, sql) for t, sql in tables.items()}
    summary = run(seeds_warehouse.parent / "seeds", data, reprocess=True)
    assert summary.counts["rederive"] == 5 and summary.counts["unchanged"] == 0
    assert "re-derived: 5" in summary.as_text()
    assert {t: q(data, sql) for t, sql in tables.items()} == before
    assert last_run(data)["files_rederived"] == 5 and last_run(data)["reprocess"]
    assert q(data, "select distinct run_id from articles") == [(last_run(data)["run_id"],)]


def test_changed_reference_data_rederives_the_articles_with_the_new_rules(seeds_warehouse: Path, tmp_path: Path):
    from wirehouse.reference import PACKAGE_DATA

    data = tmp_path / "data"
    data.mkdir()
    shutil.copy2(seeds_warehouse, data / "warehouse.duckdb")
    reference = tmp_path / "reference"
    shutil.copytree(PACKAGE_DATA, reference)
    source = seeds_warehouse.parent / "seeds"

    # The same files under another folder: same rules, nothing to do.
    summary = run(source, data, reference_dir=reference)
    assert summary.counts["rederive"] == 0 and summary.counts["unchanged"] == 5

    # One Goldstein value changes: every article is re-derived and its events carry the new value.
    (code,), *_ = q(data, "select cameo_code from events group by all order by count(*) desc, 1")
    codes = reference / "cameo_codes.csv"
    lines = codes.read_text(encoding="utf-8").splitlines()
    lines = [line.rsplit(",", 1)[0] + ",9.5" if line.startswith(f"{code},") else line for line in lines]
    assert any(line.startswith(f"{code},") and line.endswith(",9.5") for line in lines)
    codes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = run(source, data, reference_dir=reference)
    assert summary.counts["rederive"] == 5
    assert "re-derived: 5" in summary.as_text()
    assert q(data, "select distinct goldstein from events where cameo_code = ?", [code]) == [(9.5,)]
    assert q(data, "select goldstein from cameo_codes where cameo_code = ?", [code]) == [(9.5,)]
    assert len({r[0] for r in q(data, "select rules_version from articles")}) == 1
    assert q(data, "select rules_version from articles limit 1") == q(
        data, "select rules_version from runs order by run_id desc limit 1")


def test_a_run_with_nothing_to_do_is_recorded_without_a_flow(seeds_warehouse: Path, tmp_path: Path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy2(seeds_warehouse, data / "warehouse.duckdb")
    source = shutil.copytree(seeds_warehouse.parent / "seeds", tmp_path / "seeds")  # same sizes and mtimes
    before = q(data, "select count(*) from runs")[0][0]
    code, out, err = cli(capsys, "run", "--source", str(source), "--db", str(data / "warehouse.duckdb"))
    assert code == 0, err
    assert "0 new, 0 changed, 5 unchanged" in out and "validation: skipped, nothing changed" in out
    row = last_run(data)
    assert row["run_id"] == before + 1 and row["status"] == "completed" and row["flow_run_id"] is None
    assert row["files_unchanged"] == 5 and row["files_new"] == 0
    # Anything to do goes through the flow: a touched file is hashed there.
    (source / "000_c68e2f8f66243df8.txt").touch()
    from wirehouse.noop import quiet_run
    from wirehouse.settings import Settings

    assert quiet_run(Settings(source=source, db=data / "warehouse.duckdb")) is None


def test_files_to_read_counts_what_a_run_will_read(seeds_warehouse: Path, tmp_path: Path):
    """What decides whether spaCy's workers start before the flow: the files the manifest has not seen."""
    from wirehouse.noop import files_to_read
    from wirehouse.pipeline import start_nlp_workers
    from wirehouse.settings import Settings

    source = shutil.copytree(seeds_warehouse.parent / "seeds", tmp_path / "seeds")  # same sizes and mtimes
    assert files_to_read(Settings(source=source, db=tmp_path / "none.duckdb")) == 5  # no warehouse: every file
    db = shutil.copy2(seeds_warehouse, tmp_path / "warehouse.duckdb")
    settings = Settings(source=source, db=db)
    assert files_to_read(settings) == 0 and files_to_read(settings, every_file=True) == 5
    (source / "000_c68e2f8f66243df8.txt").touch()
    assert files_to_read(settings) == 1
    # a handful of files is annotated in the run's own process, and Dask workers run their own spaCy
    assert not start_nlp_workers(Settings(source=source, db=db, nlp_processes=2), 5)
    assert not start_nlp_workers(Settings(source=source, db=db, nlp_processes=2, workers=2), 500)
    # files derived under other rules are read again: a copied warehouse with another rules version
    with duckdb.connect(str(db)) as con:
        con.execute("update files set rules_version = 'older rules'")
    assert files_to_read(settings) == 5


CORPORA = ROOT.parent / "shared" / "corpora"


@pytest.mark.skipif(not (CORPORA / "wikinews_2019_2020" / "text").is_dir(), reason="../shared/corpora is absent")
def test_real_news_passes_validation(tmp_path: Path):
    """Real, varied news (a slice of Wikinews and GUM), not only the seeds: the run publishes."""
    source = tmp_path / "news"
    source.mkdir()
    for folder, count in (("wikinews_2019_2020", 30), ("gum_news", 6)):
        for path in sorted((CORPORA / folder / "text").glob("*.txt"))[:count]:
            shutil.copy(path, source / f"{folder}_{path.name}")
    summary = run(source, tmp_path / "data")
    assert summary.status == "completed", summary.as_text()
    assert summary.articles == 36 and summary.events > 0 and summary.entities > 0


def _raised_while_handling(first: BaseException, then: BaseException) -> BaseException:
    try:
        try:
            raise first
        except BaseException:
            raise then  # noqa: B904 -- implicit chaining, as Prefect's engine raises it
    except BaseException as exc:
        return exc


def test_a_stop_is_seen_through_the_error_the_engine_raised_while_handling_it():
    from wirehouse.pipeline import interrupted

    # A signal landing while Prefect sets up a task run surfaces as its own ValueError, the interrupt its context.
    assert interrupted(_raised_while_handling(KeyboardInterrupt(), ValueError("Task run is not set")))
    assert interrupted(KeyboardInterrupt())
    assert not interrupted(_raised_while_handling(KeyError("x"), ValueError("Task run is not set")))
    assert not interrupted(ValueError("no stop"))
    assert not interrupted(None)


def test_a_stop_after_the_run_was_recorded_is_told_apart():
    from wirehouse.pipeline import StoppedAfterRun, interrupted, stopped_after_run

    after = _raised_while_handling(KeyboardInterrupt(), StoppedAfterRun("run 3 is recorded completed"))
    assert interrupted(after) and str(stopped_after_run(after)) == "run 3 is recorded completed"
    assert stopped_after_run(_raised_while_handling(after, ValueError("Task run is not set"))) is not None
    assert stopped_after_run(KeyboardInterrupt()) is None


def _annotate_task_seconds(flow_run_id: str, batches: int) -> list[float]:
    """The running time of each annotate task run of a flow run, as Prefect's API has it (task runs reach
    the API as events: they may come a moment after the flow run ends)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    deadline = time.monotonic() + 30
    with get_client(sync_client=True) as client:
        while True:
            runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[UUID(flow_run_id)])))
            done = [r.total_run_time.total_seconds() for r in runs
                    if r.name.startswith("annotate") and r.state is not None and r.state.is_completed()]
            if len(done) >= batches or time.monotonic() > deadline:
                return done
            time.sleep(0.5)


def test_two_annotation_threads_with_worker_processes_find_what_one_thread_finds(tmp_path: Path):
    from wirehouse import annotate
    from wirehouse.pipeline import ingest_flow, start_nlp_workers, task_runner_for
    from wirehouse.settings import Settings

    assert task_runner_for(nlp_processes=2)._max_workers == 2
    assert task_runner_for(nlp_processes=1)._max_workers == 1
    source = tmp_path / "source"
    source.mkdir()
    for i in range(4):
        for seed in sorted(SEEDS.glob("*.txt"))[:4]:
            (source / f"copy{i}_{seed.name}").write_text(seed.read_text() + f"\n\nCopy {i} of the story.\n")
    tables = {t: f"select * exclude ({extra}) from {t} order by all" for t, extra in {
        "articles": "run_id, ingested_at", "entity_mentions": "run_id", "events": "run_id",
        "entities": "first_seen_run, created_at", "entity_aliases": "first_seen_run"}.items()}
    rows = {}
    for processes in (2, 1):
        data = tmp_path / f"data{processes}"
        settings = Settings(source=source, db=data / "warehouse.duckdb", data_dir=data, batch_size=4,
                            nlp_processes=processes)
        annotate.load_nlp.cache_clear()
        assert start_nlp_workers(settings, 16) == (processes > 1)
        summary = ingest_flow(settings)(settings=settings)
        assert summary.status == "completed" and summary.articles == 16
        if processes > 1:
            assert annotate.load_nlp.cache_info().currsize == 0  # every text was parsed in the workers
        rows[processes] = {t: q(data, sql) for t, sql in tables.items()}
        # The annotate stage's time: the union of its batches' intervals, within the run and at least its longest
        # batch (four batches of 4 files).
        (annotating,) = q(data, "select seconds from run_stages where stage = 'annotate'")[0]
        wall, flow_run_id = q(data, "select epoch(finished_at) - epoch(started_at), flow_run_id from runs")[0]
        batches = _annotate_task_seconds(flow_run_id, 4)
        assert len(batches) == 4
        assert max(batches) - 0.01 <= annotating <= wall
    assert all(rows[2][t] for t in ("articles", "entity_mentions", "events"))
    assert rows[2] == rows[1]
