"""kill -9 in the middle of a run leaves nothing half-written, and the next run finishes the job."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from .helpers import SEEDS


def _make_source(folder: Path, copies: int) -> int:
    """Distinct articles made from the seeds, each with its own closing paragraph."""
    folder.mkdir()
    n = 0
    for i in range(copies):
        for seed in sorted(SEEDS.glob("*.txt")):
            text = seed.read_text(encoding="utf-8")
            closing = (f"\n\nIn a statement on day {i}, officials in Geneva said that further talks between the two "
                       f"delegations would be held and that the record of meeting {i} would be published.\n")
            (folder / f"{i:02d}_{seed.name}").write_text(text + closing, encoding="utf-8")
            n += 1
    return n


def test_kill_9_mid_run_then_rerun(tmp_path: Path):
    source = tmp_path / "source"
    total = _make_source(source, copies=6)  # 30 files, 6 batches of 5
    db = tmp_path / "data" / "warehouse.duckdb"
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "WIREHOUSE_BATCH_SIZE": "5"}
    env.pop("PREFECT_API_URL", None)
    exe = str(Path(sys.executable).with_name("wirehouse"))
    run = subprocess.Popen([exe, "run", "--source", str(source), "--db", str(db)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    seen = []
    deadline = time.monotonic() + 300
    for line in run.stderr:
        seen.append(line)
        if "batch 2/6 staged" in line or time.monotonic() > deadline:
            break
    # The whole process group: the CLI and the temporary Prefect server it started.
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    assert any("batch 2/6 staged" in line for line in seen), "".join(seen[-20:])

    with duckdb.connect(str(db), read_only=True) as con:
        # Nothing reached users, but the finished batches are safely staged and recorded.
        assert con.execute("select count(*) from articles").fetchall() == [(0,)]
        staged = con.execute("select count(*) from stage_articles").fetchall()[0][0]
        assert 10 <= staged < total
        assert con.execute("select count(*) from files").fetchall()[0][0] == staged
        assert con.execute("select status from runs").fetchall() == [("running",)]
        # Each staged article has its mentions: no batch is half-written.
        assert con.execute("select count(*) from stage_articles a where not exists"
                           " (select 1 from stage_entity_mentions m where m.article_id = a.article_id)"
                           ).fetchall() == [(0,)]

    done = subprocess.run([exe, "run", "--source", str(source), "--db", str(db)], env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*), count(distinct article_id) from articles").fetchall() == [(total, total)]
        runs = con.execute("select status, files_new, files_unchanged from runs order by run_id").fetchall()
        # The killed run is marked abandoned; the next one reads only what the first had not staged.
        assert runs[0][0] == "abandoned"
        assert runs[1] == ("completed", total - staged, staged)
        assert con.execute("select count(*) from stage_articles").fetchall() == [(0,)]
