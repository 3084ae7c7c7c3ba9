"""Faults a user meets: a broken warehouse file, bad locations, a run stopped with SIGTERM, nothing to do.
Each ends with one clear line and a non-zero exit (or, for nothing to do, a completed run), never a
traceback."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .helpers import cli, copy_seeds, last_run, processes_left, q, run_flow

BIN = Path(sys.executable).parent


def _broken_warehouses(tmp_path: Path, good: Path) -> dict[str, Path]:
    foreign = tmp_path / "foreign.duckdb"
    foreign.write_text("name,value\nthis is a csv file, not a warehouse\n")
    truncated = tmp_path / "truncated.duckdb"
    truncated.write_bytes(good.read_bytes()[:6000])  # cut inside its header
    folder = tmp_path / "folder.duckdb"
    folder.mkdir()
    return {"foreign": foreign, "truncated": truncated, "folder": folder}


@pytest.mark.parametrize("command", ["run", "query", "report", "schema"])
def test_a_broken_warehouse_is_one_clear_line(command: str, seeds_warehouse: Path, tmp_path: Path, capsys):
    args = {"run": ["run", "--source", str(seeds_warehouse.parent / "seeds")], "query": ["query", "select 1"],
            "report": ["report"], "schema": ["schema"]}[command]
    for kind, db in _broken_warehouses(tmp_path, seeds_warehouse).items():
        code, out, err = cli(capsys, *args, "--db", str(db))
        assert code == 2, (kind, out, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and str(db) in lines[0] and "Traceback" not in err, (kind, err)
        if kind != "folder":
            assert "rebuild the warehouse" in lines[0]


@pytest.mark.usefixtures("prefect_harness")
def test_nothing_to_do_is_a_completed_run(tmp_path: Path):
    source = tmp_path / "empty"
    source.mkdir()
    summary = run_flow(source, tmp_path / "data")
    assert summary.status == "completed" and summary.articles == 0
    assert "validation: skipped, nothing changed" in summary.as_text()
    assert last_run(tmp_path / "data")["status"] == "completed"
    # Files the pipeline does not read are not articles, and nothing fails: they are quarantined unread,
    # so the user sees they were left out.
    (source / "notes.pdf").write_bytes(b"%PDF-1.4 not read")
    (source / "image.png").write_bytes(b"\x89PNG")
    summary = run_flow(source, tmp_path / "data")
    assert summary.status == "completed" and summary.articles == 0 and summary.counts["quarantined"] == 2
    assert q(tmp_path / "data", "select source_path, reason from quarantine order by 1") == [
        ("image.png", "not_an_article_file"), ("notes.pdf", "not_an_article_file")]


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_run_is_marked_and_leaves_no_process_behind(how: signal.Signals, tmp_path: Path):
    source = copy_seeds(tmp_path / "seeds")
    for i in range(3):
        for seed in sorted(source.glob("0*.txt")):
            shutil.copy(seed, source / f"copy{i}_{seed.name}")
            (source / f"copy{i}_{seed.name}").write_text(seed.read_text() + f"\n\nCopy {i} of the story.\n")
    db = tmp_path / "data" / "warehouse.duckdb"
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "WIREHOUSE_BATCH_SIZE": "2"}
    env.pop("PREFECT_API_URL", None)
    run = subprocess.Popen([str(BIN / "wirehouse"), "run", "--verbose", "--source", str(source), "--db", str(db)],
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           start_new_session=True)
    deadline = time.monotonic() + 300
    for line in run.stderr:
        if "batch 1/" in line or time.monotonic() > deadline:
            break
    run.send_signal(how)  # to the CLI process only, as a terminal or a supervisor would
    _, err = run.communicate(timeout=120)
    assert run.returncode == 130, err[-2000:]
    assert "interrupted" in err
    # Prefect's temporary server went with it.
    assert processes_left(run.pid) == []
    row = last_run(db)
    assert row["status"] == "failed" and "interrupted" in row["error"]
    assert q(db, "select count(*) from articles") == [(0,)]
