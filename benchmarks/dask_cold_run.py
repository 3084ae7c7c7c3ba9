"""Cold-run time of the whole pipeline on the Wikinews corpus, with the NLP stage on 1 and 2 workers.

Prints figures only. Each configuration starts from an empty warehouse; "1 worker" is the default
thread runner in this process, "2 workers" a local Dask cluster of two processes.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from prefect.testing.utilities import prefect_test_harness
from wirehouse.pipeline import ingest, task_runner_for
from wirehouse.settings import Settings

CORPORA = Path(os.environ.get("WIREHOUSE_CORPORA", Path(__file__).resolve().parents[2] / "shared" / "corpora"))


def main() -> int:
    corpus = CORPORA / "wikinews_2019_2020" / "text"
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 1
    batch = os.environ.setdefault("WIREHOUSE_BATCH_SIZE", "25")
    with tempfile.TemporaryDirectory() as tmp, prefect_test_harness(server_startup_timeout=120):
        source = Path(tmp) / "source"
        shutil.copytree(corpus, source)
        n = len(list(source.glob("*.txt")))
        print(f"corpus: {n} Wikinews articles, batch size {batch}, {os.cpu_count()} cores")
        for workers in (1, 2):
            db = Path(tmp) / f"w{workers}" / "warehouse.duckdb"
            flow = ingest if workers == 1 else ingest.with_options(task_runner=task_runner_for(workers=workers))
            started = time.perf_counter()
            summary = flow(settings=Settings(source=source, db=db, workers=workers))
            elapsed = time.perf_counter() - started
            print(f"{workers} worker(s): {elapsed:6.1f} s cold run, {n / elapsed:5.1f} articles/s, "
                  f"{summary.entities} entities, {summary.events} events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
