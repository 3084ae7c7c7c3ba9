"""A run with nothing to do, found and recorded without starting a flow.

Most scheduled runs find every file as the manifest last saw it. Deciding that needs a directory scan
and a manifest read (about a second for thousands of files); starting Prefect's temporary server,
importing Great Expectations and loading spaCy cost ten times more. So ``wirehouse run`` asks here
first, and only when something is to be done does it start the ``wirehouse-ingest`` flow, which would
have found the same nothing. The run is recorded all the same (``runs``, ``flow_run_id`` empty).
"""

from __future__ import annotations

import polars as pl

from wirehouse import discover, locking, reference, warehouse
from wirehouse.model import HASHES_SCHEMA
from wirehouse.reports import RunSummary
from wirehouse.settings import Settings


def quiet_run(settings: Settings) -> RunSummary | None:
    """Record and return a completed run when the source holds nothing new, changed, removed or to
    re-derive and nothing is staged; None when a flow run is needed (or the writer slot is taken, or a
    Prefect server is configured, whose concurrency limit a flow run must take)."""
    if not settings.db_path.is_file() or locking.may_use_server():
        return None
    version = _rules_version(settings)
    try:
        with locking.writer_lock(settings.db_path, 0, use_server=False):
            scanned = discover.scan(settings.source)
            with warehouse.session(settings.db_path, wait_seconds=0) as con:
                warehouse.migrate(con)
                manifest = warehouse.read_manifest(con)
                if discover.paths_to_hash(scanned, manifest) or warehouse.staged_changes(con):
                    return None
                plan = discover.plan_changes(scanned, manifest, pl.DataFrame(schema=HASHES_SCHEMA), 0, version)
                if plan.filter(pl.col("needs_work")).height:
                    return None
                counts = discover.count_changes(plan)
                run_id = warehouse.start_run(con, None, str(settings.source), version, False)
                warehouse.finish_run(con, run_id, "completed", counts)
                return RunSummary(run_id=run_id, status="completed", counts=counts, **warehouse.totals(con))
    except (locking.WriterBusy, warehouse.WarehouseBusy):
        return None


def _rules_version(settings: Settings) -> str:
    extra = (settings.dictionaries,) if settings.dictionaries else ()
    return reference.rules_version(settings.spacy_model, settings.reference_dir or reference.PACKAGE_DATA, extra)


def files_to_read(settings: Settings, every_file: bool = False) -> int:
    """About how many files a run will read (new, moved since the manifest saw them, or derived under
    other rules; all of them when it re-derives `every_file`), found before the flow starts; 0 when the
    warehouse is busy."""
    scanned = discover.scan(settings.source)
    if every_file or not settings.db_path.is_file():
        return scanned.height
    try:
        with warehouse.session(settings.db_path, read_only=True, wait_seconds=0) as con:
            manifest = warehouse.read_manifest(con)
    except warehouse.WarehouseError:
        return 0
    stale = manifest.filter(pl.col("rules_version") != _rules_version(settings))["source_path"]
    return len(set(discover.paths_to_hash(scanned, manifest)) | set(stale))
