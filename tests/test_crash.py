"""kill -9 at random points of a run over a few hundred files leaves nothing half-written, and the next
run finishes the job."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from .helpers import SEEDS, processes_left

BATCH = 10


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


def _start(source: Path, db: Path) -> subprocess.Popen:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "WIREHOUSE_BATCH_SIZE": str(BATCH)}
    env.pop("PREFECT_API_URL", None)
    return subprocess.Popen([str(Path(sys.executable).with_name("wirehouse")), "run", "--verbose", "--source",
                             str(source), "--db", str(db)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def _consistent(db: Path, published: bool) -> int:
    """Check what a killed run leaves behind; returns the articles staged (or published)."""
    articles, mentions, events = (("articles", "entity_mentions", "events") if published else
                                  ("stage_articles", "stage_entity_mentions", "stage_events"))
    with duckdb.connect(str(db), read_only=True) as con:
        def one(sql: str) -> tuple:
            return con.execute(sql).fetchall()[0]

        n, distinct = one(f"select count(*), count(distinct article_id) from {articles}")
        assert n == distinct, "an article twice"
        assert one(f"select count(*) - count(distinct mention_id) from {mentions}") == (0,)
        assert one(f"select count(*) - count(distinct event_id) from {events}") == (0,)
        # Every article came with its mentions and events, in one transaction.
        assert one(f"select count(*) from {articles} a where not exists"
                   f" (select 1 from {mentions} m where m.article_id = a.article_id)") == (0,)
        assert one(f"select count(*) from {articles} a where not exists"
                   f" (select 1 from {events} e where e.article_id = a.article_id)") == (0,)
        assert one(f"select count(*) from {mentions} where article_id not in (select article_id from {articles})"
                   ) == (0,)
        # The manifest claims no article that is not there.
        assert one("select count(*) from files where status = 'article' and article_id not in"
                   " (select article_id from articles union all select article_id from stage_articles)") == (0,)
        assert one("select count(*) from files where status = 'article'") == (n,) or not published
        return n


def test_kill_9_at_random_points_then_rerun(tmp_path: Path):
    source = tmp_path / "source"
    total = _make_source(source, copies=40)  # 200 files, 20 batches of 10
    db = tmp_path / "data" / "warehouse.duckdb"
    rng = random.Random(os.environ.get("WIREHOUSE_TEST_SEED", "kill-9"))
    staged = 0
    for attempt in range(3):
        run = _start(source, db)
        after = rng.randint(1, 4)  # batches this run stages before it is killed
        seen, deadline = [], time.monotonic() + 600
        for line in run.stderr:
            seen.append(line)
            if f"batch {after}/" in line or time.monotonic() > deadline:
                break
        # Some time after that batch, wherever the run then is (NLP, a transaction, ...).
        time.sleep(rng.uniform(0, 1.5))
        os.killpg(run.pid, signal.SIGKILL)  # the CLI and the temporary Prefect server it started
        run.wait()
        assert any(f"batch {after}/" in line for line in seen), "".join(seen[-20:])
        now = _consistent(db, published=False)
        assert now >= staged + BATCH * after, (attempt, now, staged)
        staged = now
        with duckdb.connect(str(db), read_only=True) as con:
            assert con.execute("select count(*) from articles").fetchall() == [(0,)]  # nothing reached users

    done = _start(source, db)
    _, err = done.communicate(timeout=900)
    assert done.returncode == 0, err[-2000:]
    # The console script ends without the interpreter's teardown; its exit handlers stopped the server.
    assert processes_left(done.pid) == []
    assert _consistent(db, published=True) == total
    with duckdb.connect(str(db), read_only=True) as con:
        runs = con.execute("select status, files_new, files_unchanged from runs order by run_id").fetchall()
        assert [r[0] for r in runs] == ["abandoned"] * 3 + ["completed"]
        # The last run read only what the killed ones had not staged.
        assert runs[-1][1:] == (total - staged, staged)
        assert con.execute("select count(*) from stage_articles").fetchall() == [(0,)]
