"""Scheduling on a real Prefect server, one writer at a time, and the NLP stage on a real Dask cluster."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest
from filelock import FileLock
from wirehouse import warehouse
from wirehouse.locking import WriterBusy, writer_lock
from wirehouse.pipeline import ingest, task_runner_for
from wirehouse.settings import Settings

from .helpers import ROOT

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", **extra}
    env.pop("PREFECT_API_URL", None)
    env.update({k: v for k, v in extra.items()})
    return env


@pytest.fixture
def prefect_server(tmp_path: Path):
    """A real `prefect server start` on loopback, with its own database."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    log = (tmp_path / "server.log").open("w")
    proc = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=_env(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_UI_ENABLED="false"),
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, (tmp_path / "server.log").read_text()[-3000:]
            time.sleep(0.5)
        else:
            pytest.fail("prefect server did not start in 120 s")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_serve_registers_a_scheduled_deployment_whose_runs_load_the_warehouse(
        prefect_server: str, seed_dir: Path, tmp_path: Path):
    db = tmp_path / "served" / "warehouse.duckdb"
    serve_log = (tmp_path / "serve.log").open("w")
    serve = subprocess.Popen(
        [str(BIN / "wirehouse"), "serve", "--cron", "0 3 * * *", "--name", "nightly", "--source", str(seed_dir),
         "--db", str(db)],
        env=_env(PREFECT_API_URL=prefect_server), cwd=tmp_path, stdout=serve_log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    api = httpx.Client(base_url=prefect_server, timeout=10)
    try:
        deployment = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and deployment is None:
            r = api.get("/deployments/name/wirehouse-ingest/nightly")
            deployment = r.json() if r.status_code == 200 else None
            assert serve.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            time.sleep(1)
        assert deployment, "the deployment never appeared"
        crons = [s["schedule"].get("cron") for s in deployment["schedules"]]
        assert crons == ["0 3 * * *"] and all(s["active"] for s in deployment["schedules"])
        assert deployment["parameters"]["settings"]["db"] == str(db.resolve())

        run = api.post(f"/deployments/{deployment['id']}/create_flow_run", json={}).json()
        state = None
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            state = api.get(f"/flow_runs/{run['id']}").json()["state"]["type"]
            if state in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
                break
            time.sleep(1)
        assert state == "COMPLETED", (tmp_path / "serve.log").read_text()[-3000:]
    finally:
        os.killpg(serve.pid, 15)
        serve.wait(timeout=60)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from articles").fetchall() == [(5,)]
        assert con.execute("select flow_run_id, status from runs").fetchall() == [(run["id"], "completed")]


def test_serve_without_a_server_says_how_to_start_one(tmp_path: Path):
    done = subprocess.run([str(BIN / "wirehouse"), "serve", "--interval", "60"], env=_env(),
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 2 and "prefect server start" in done.stderr and "Traceback" not in done.stderr
    done = subprocess.run([str(BIN / "wirehouse"), "serve", "--interval", "60"],
                          env=_env(PREFECT_API_URL=f"http://127.0.0.1:{_free_port()}/api"),
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 2 and "no Prefect server answers" in done.stderr and "Traceback" not in done.stderr


def _run_cli(seed_dir: Path, db: Path, wait: str) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "wirehouse"), "run", "--source", str(seed_dir), "--db", str(db)],
        env=_env(WIREHOUSE_WRITER_WAIT_SECONDS=wait), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


@pytest.mark.parametrize("runs", [2, 3])
def test_runs_at_once_take_turns_and_end_as_one_run(runs: int, seed_dir: Path, tmp_path: Path,
                                                    seeds_warehouse: Path):
    db = tmp_path / "w" / "warehouse.duckdb"
    procs = [_run_cli(seed_dir, db, "600") for _ in range(runs)]
    outs = [p.communicate(timeout=900) for p in procs]
    assert [p.returncode for p in procs] == [0] * runs, [o[1][-2000:] for o in outs]
    errors = "".join(err for _, err in outs)
    # The runs that wait say why; none shows a raw lock error or a traceback.
    assert errors.count("another wirehouse run is writing to") >= 1, errors[-3000:]
    assert "Traceback" not in errors and "Could not set lock" not in errors
    with duckdb.connect(str(db), read_only=True) as con:
        statuses = con.execute("select status, files_new, files_unchanged from runs order by run_id").fetchall()
    assert statuses == [("completed", 5, 0)] + [("completed", 0, 5)] * (runs - 1)
    assert _snapshot(db) == _snapshot(seeds_warehouse)


def test_a_run_that_cannot_get_the_writer_slot_says_so(seed_dir: Path, tmp_path: Path):
    db = tmp_path / "w" / "warehouse.duckdb"
    db.parent.mkdir()
    with FileLock(str(db) + ".writer.lock"):
        done = _run_cli(seed_dir, db, "2")
        _, err = done.communicate(timeout=300)
    assert done.returncode == 1
    assert "another wirehouse run is writing to" in err and "WIREHOUSE_WRITER_WAIT_SECONDS" in err
    assert "Could not set lock" not in err


def test_writer_lock_times_out_with_a_clear_error(tmp_path: Path):
    db = tmp_path / "warehouse.duckdb"
    with writer_lock(db, 1, use_server=False), pytest.raises(WriterBusy, match=r"waited 0\.2 s"), \
            writer_lock(db, 0.2, use_server=False):
        pass


def test_readers_are_told_when_a_writer_holds_the_file(tmp_path: Path):
    db = tmp_path / "warehouse.duckdb"
    duckdb.connect(str(db)).close()
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(db)!r});"
                               " print('open', flush=True); time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(warehouse.WarehouseBusy, match="a wirehouse run is writing to it"):
            warehouse.connect(db, read_only=True, wait_seconds=0.5)
    finally:
        holder.kill()
        holder.wait()
    # Once the writer is gone, readers get in.
    warehouse.connect(db, read_only=True, wait_seconds=5).close()


TABLES = {
    "articles": "select * exclude (ingested_at, run_id) from articles order by article_id",
    "entities": "select * exclude (first_seen_run, created_at) from entities order by entity_id",
    "entity_aliases": "select * exclude (first_seen_run) from entity_aliases order by entity_id, alias_key",
    "entity_mentions": "select * exclude (run_id) from entity_mentions order by mention_id",
    "events": "select * exclude (run_id) from events order by event_id",
}


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {name: con.execute(sql).fetchall() for name, sql in TABLES.items()}


@pytest.mark.usefixtures("prefect_harness")
def test_nlp_on_a_dask_cluster_gives_the_same_rows_as_one_process(seed_dir: Path, tmp_path: Path, monkeypatch):
    from distributed import LocalCluster

    extra = ROOT / "tests" / "cases" / "incoming" / "new_article.txt"
    shutil.copy(extra, seed_dir / "new_article.txt")
    monkeypatch.setenv("WIREHOUSE_BATCH_SIZE", "2")  # three batches, so both workers get work
    single = tmp_path / "single" / "warehouse.duckdb"
    ingest(settings=Settings(source=seed_dir, db=single))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        flow = ingest.with_options(task_runner=task_runner_for(dask_address=cluster.scheduler_address))
        distributed = tmp_path / "dask" / "warehouse.duckdb"
        summary = flow(settings=Settings(source=seed_dir, db=distributed))
        assert len(cluster.scheduler_info["workers"]) == 2
    assert summary.articles == 6
    a, b = _snapshot(single), _snapshot(distributed)
    for table in TABLES:
        assert a[table] == b[table], table
    assert len(a["events"]) > 10
