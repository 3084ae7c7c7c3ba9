"""A run stopped while spaCy's workers parse a large batch ends at once: it does not wait for the parse."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .helpers import SEEDS, last_run, processes_left, q

BIN = Path(sys.executable).parent


def test_a_stop_while_a_large_batch_is_parsed_does_not_wait_for_it(tmp_path: Path):
    source = tmp_path / "source"
    source.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    copies = 170  # 850 distinct files: batches of 32, 786 and 32; the large one takes two workers minutes
    for i in range(copies):
        for seed in seeds:
            (source / f"copy{i}_{seed.name}").write_text(seed.read_text() + f"\n\nCopy {i} of the story.\n")
    db = tmp_path / "data" / "warehouse.duckdb"
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "WIREHOUSE_BATCH_SIZE": "1000",
           "WIREHOUSE_NLP_PROCESSES": "2"}
    env.pop("PREFECT_API_URL", None)
    run = subprocess.Popen([str(BIN / "wirehouse"), "run", "--verbose", "--source", str(source), "--db", str(db)],
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           start_new_session=True)
    deadline = time.monotonic() + 300
    seen = []
    for line in run.stderr:
        seen.append(line)
        # the first batch is staged: the large one was queued for the workers before it
        if "batch 1/3" in line or time.monotonic() > deadline:
            break
    assert any("batch 1/3" in line for line in seen), "".join(seen[-50:])
    stopped = time.monotonic()
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=300)
    took = time.monotonic() - stopped
    assert run.returncode == 130, err[-2000:]
    # the large batch was not parsed when the run ended (only the first batch's annotation completed) ...
    log = "".join(seen) + err
    assert sum("annotate-" in line and "Completed" in line for line in log.splitlines()) == 1, log[-3000:]
    # ... and the run did not wait for it: a correctness bound, not a speed target
    assert took < 8, f"{took:.1f} s"
    assert processes_left(run.pid) == []
    row = last_run(db)
    assert row["status"] == "failed" and "interrupted" in row["error"]
    assert q(db, "select count(*) from articles") == [(0,)]
