"""The ``wirehouse-ingest`` Prefect flow: discover → extract → normalise → load → validate.

Tasks only wrap the pure transforms and do I/O. Work is batched (one task and one transaction per
batch of files), since a Prefect task run costs ~10 ms and a DuckDB commit costs an fsync.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

import duckdb
import polars as pl
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from wirehouse import (
    annotate,
    discover,
    events,
    extract,
    load,
    locking,
    normalise,
    reference,
    reports,
    resolve,
    validate,
    warehouse,
)
from wirehouse.settings import Settings

VALIDATED_TABLES = ("articles", "entities", "entity_aliases", "entity_mentions", "events", "runs")


@dataclass
class RunSummary:
    run_id: int
    status: str
    counts: dict[str, int]
    articles: int
    entities: int = 0
    events: int = 0
    validation: dict[str, int] = field(default_factory=dict)
    critical_failures: list[str] = field(default_factory=list)
    data_docs: str | None = None

    def as_text(self) -> str:
        c = self.counts
        lines = [
            f"run {self.run_id}: {self.status}",
            f"files: {c.get('seen', 0)} seen, {c.get('new', 0)} new, {c.get('changed', 0)} changed, "
            f"{c.get('unchanged', 0)} unchanged, {c.get('removed', 0)} removed, "
            f"{c.get('duplicate', 0)} duplicate, {c.get('quarantined', 0)} quarantined",
            f"warehouse: {self.articles} articles, {self.entities} entities, {self.events} events",
            f"validation: {self.validation.get('passed', 0)} passed, {self.validation.get('failed', 0)} failed",
        ]
        lines += [f"  critical failure: {f}" for f in self.critical_failures]
        if self.data_docs:
            lines.append(f"data docs: {self.data_docs}")
        return "\n".join(lines)


@task(name="discover", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[2, 10])
def discover_files(settings: Settings, run_id: int) -> pl.DataFrame:
    scanned = discover.scan(settings.source)
    with _session(settings) as con:
        manifest = warehouse.read_manifest(con)
    to_hash = discover.paths_to_hash(scanned, manifest)
    hashes = discover.hash_files(settings.source, to_hash)
    get_run_logger().info("scanned %d files, hashed %d whose stat moved", scanned.height, len(to_hash))
    return discover.plan_changes(scanned, manifest, hashes, run_id)


@task(name="prepare-batch", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[2, 10])
def prepare_batch(settings: Settings, plan: pl.DataFrame) -> load.Batch:
    """Read, decode and clean a batch of files (no database needed)."""
    to_read = plan.filter(pl.col("role") == discover.ARTICLE)
    extracted = extract.extract_files(settings.source, to_read, settings.max_file_bytes)
    articles = normalise.normalise_articles(extracted.filter(pl.col("reason").is_null()))
    return load.assemble_batch(plan, extracted, articles, settings.min_body_words)


@task(name="annotate", cache_policy=NO_CACHE, retries=1)
def annotate_batch(articles: pl.DataFrame, model: str, batch_size: int, n_process: int) -> annotate.Annotations:
    """The heavy NLP stage: runs wherever the task runner puts it (a thread, or a Dask worker)."""
    return annotate.annotate_articles(articles, model, batch_size=batch_size, n_process=n_process)


@task(name="load-batch", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[2, 10])
def load_batch(settings: Settings, run_id: int, batch: load.Batch, found: annotate.Annotations) -> dict[str, int]:
    """Resolve entities, code events and stage everything, in the single writer."""
    with _session(settings) as con:
        known_entities, known_aliases = warehouse.read_entities(con)
        mentions, new_entities, new_aliases = resolve.resolve_mentions(found.mentions, known_entities, known_aliases)
        coded = events.code_events(
            found.candidates,
            mentions,
            pl.concat([known_entities, new_entities]),
            batch.articles.select("article_id", "published_date"),
        )
        batch = replace(batch, mentions=mentions, events=coded, entities=new_entities, aliases=new_aliases)
        warehouse.load_batch(con, run_id, batch)
    logger = get_run_logger()
    for path, reason, detail in batch.quarantined.select("source_path", "reason", "detail").iter_rows():
        logger.warning("quarantined %s: %s (%s)", path, reason, detail)
    return {
        "loaded": batch.articles.height,
        "quarantined": batch.quarantined.height,
        "duplicate": batch.files.filter(pl.col("status") == discover.DUPLICATE).height,
        "mentions": mentions.height,
        "events": coded.height,
        "new_entities": new_entities.height,
    }


@task(name="record-removals", cache_policy=NO_CACHE)
def record_removals(settings: Settings, run_id: int, removed: pl.DataFrame) -> int:
    files = removed.with_columns(
        status=pl.lit(discover.REMOVED), article_id=pl.lit(None, pl.String), duplicate_of=pl.lit(None, pl.String)
    )
    with _session(settings) as con:
        warehouse.load_batch(con, run_id, load.Batch(files=files))
    return removed.height


def _session(settings: Settings):
    return warehouse.session(settings.db_path, wait_seconds=settings.writer_wait_seconds)


def check_warehouse(con: duckdb.DuckDBPyConnection, settings: Settings, run_id: int) -> pl.DataFrame:
    """Validate what the warehouse would be after publishing (published tables with the stage applied)
    and record the outcome in ``validation_results``."""
    frames = {
        table: warehouse.read_query(con, (settings.sql_dir / "validation" / f"{table}.sql").read_text())
        for table in VALIDATED_TABLES
    }
    results = validate.validate_tables(
        frames, validate.load_suites(VALIDATED_TABLES), settings.gx_dir, run_id, date.today()
    )
    warehouse.write_validation_results(con, results)
    return results


@task(name="validate", cache_policy=NO_CACHE)
def validate_warehouse(con: duckdb.DuckDBPyConnection, settings: Settings, run_id: int) -> pl.DataFrame:
    return check_warehouse(con, settings, run_id)


@task(name="publish-reports", cache_policy=NO_CACHE)
def publish_reports(
    settings: Settings, summary: RunSummary, results: pl.DataFrame, quarantined: list[tuple[str, str, str]]
) -> Path:
    """Rebuild Data Docs (last N runs) and attach a summary and a link to them to the flow run."""
    index = validate.rebuild_data_docs(settings.gx_dir, settings.docs_keep_runs, results)
    create_markdown_artifact(
        key="wirehouse-validation",
        markdown=reports.markdown_summary(summary.run_id, summary.status, results, quarantined, index),
        description=f"Validation of run {summary.run_id}",
    )
    create_link_artifact(
        key="wirehouse-data-docs",
        link=index.resolve().as_uri(),
        link_text="Data Docs",
        description="Great Expectations Data Docs of the last runs",
    )
    return index


def _batches(frame: pl.DataFrame, size: int) -> list[pl.DataFrame]:
    return [frame.slice(offset, size) for offset in range(0, frame.height, size)]


def _progress(total: int):
    """A progress bar on an interactive terminal; silent in logs, tests and deployments."""
    return Progress(
        TextColumn("[bold]wirehouse[/] batches"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
        disable=not sys.stderr.isatty() or total < 2,
    )


def run_ingest(settings: Settings) -> RunSummary:
    """The body of the flow, callable with any ``Settings`` (the flow builds them from its parameters).

    The NLP stage of each batch is submitted to the flow's task runner (threads by default, Dask when
    asked), a few batches ahead; everything that touches DuckDB stays in this process, one batch at a
    time, in the order the batches were planned, so results do not depend on where NLP ran.
    """
    logger = get_run_logger()
    with _session(settings) as con:
        applied = warehouse.migrate(con, settings.sql_dir)
        if applied:
            logger.info("applied migrations: %s", ", ".join(applied))
        warehouse.refresh_cameo_codes(con, reference.cameo_codes())
        run_id = warehouse.start_run(con, str(flow_run.get_id() or ""), str(settings.source))
    counts: dict[str, int] = {}
    try:
        plan = discover_files(settings, run_id)
        counts = discover.count_changes(plan)
        work = plan.filter(pl.col("needs_work") & (pl.col("change") != discover.REMOVED))
        batches = _batches(work, settings.batch_size)
        totals = dict.fromkeys(("loaded", "quarantined", "duplicate", "mentions", "events", "new_entities"), 0)
        ahead = max(2, 2 * settings.workers)
        limit = settings.stage_timeout_seconds
        prepare, stage = (t.with_options(timeout_seconds=limit) for t in (prepare_batch, load_batch))
        # A time limit cannot interrupt a task in a worker thread (Prefect warns on every run), only one
        # in a Dask worker process.
        distributed = settings.workers > 1 or bool(settings.dask_address)
        annotate_ = annotate_batch.with_options(timeout_seconds=limit) if distributed else annotate_batch
        pending: deque = deque()
        done = 0
        with _progress(len(batches)) as bar:
            task_id = bar.add_task("batches", total=len(batches))
            for index, plan_batch in enumerate(batches):
                prepared = prepare(settings, plan_batch)
                future = annotate_.submit(
                    prepared.articles.select("article_id", "body"),
                    settings.spacy_model,
                    settings.nlp_batch_size,
                    settings.nlp_processes,
                )
                pending.append((prepared, future))
                while pending and (len(pending) > ahead or index == len(batches) - 1):
                    prepared, future = pending.popleft()
                    for key, value in stage(settings, run_id, prepared, future.result()).items():
                        totals[key] += value
                    bar.advance(task_id)
                    done += 1
                    logger.info("batch %d/%d staged", done, len(batches))
        removed = plan.filter(pl.col("change") == discover.REMOVED)
        if removed.height:
            record_removals(settings, run_id, removed)
        counts.update(quarantined=totals["quarantined"], duplicate=totals["duplicate"])
        with _session(settings) as con:
            results = validate_warehouse(con, settings, run_id)
            critical = results.filter(~pl.col("success") & (pl.col("severity") == "critical"))
            failures = [
                f"{t}.{c or '*'} {e}: {o}"
                for t, e, c, o in critical.select(
                    "table_name", "expectation", "column_name", "observed_value"
                ).iter_rows()
            ]
            if failures:
                # The stage stays as it is: users keep querying the last good state, and the next run
                # validates the stage again, with whatever has been fixed by then.
                status = "failed"
                logger.error("not published: %d critical expectation(s) failed", len(failures))
            else:
                status = "completed"
                logger.info("published %d changed article(s)", warehouse.publish(con, run_id))
            warehouse.finish_run(con, run_id, status, counts, "; ".join(failures) or None)
            (articles, entities, events_total) = con.execute(
                "select (select count(*) from articles), (select count(*) from entities), (select count(*) from events)"
            ).fetchall()[0]
            quarantined = con.execute("select source_path, reason, detail from quarantine order by 1").fetchall()
    except BaseException as exc:
        with _session(settings) as con:
            warehouse.finish_run(con, run_id, "failed", counts, f"{type(exc).__name__}: {exc}")
        raise
    summary = RunSummary(
        run_id=run_id,
        status=status,
        counts=counts,
        articles=int(articles),
        entities=int(entities),
        events=int(events_total),
        validation={"passed": int(results["success"].sum()), "failed": int((~results["success"]).sum())},
        critical_failures=failures,
    )
    summary.data_docs = str(publish_reports(settings, summary, results, quarantined))
    logger.info(summary.as_text())
    return summary


def task_runner_for(workers: int | None = None, dask_address: str | None = None) -> TaskRunner:
    """Threads by default; a Dask cluster for the NLP stage when given an address or a worker count."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    if workers and workers > 1:
        from prefect_dask import DaskTaskRunner

        # Processes, one thread each: spaCy holds the GIL, so threads would not run in parallel.
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True})
    return ThreadPoolTaskRunner(max_workers=1)


@flow(name="wirehouse-ingest", log_prints=True, task_runner=ThreadPoolTaskRunner(max_workers=1))
def ingest(
    source: str | None = None, db: str | None = None, data_dir: str | None = None, workers: int | None = None
) -> dict[str, Any]:
    """Ingest new and changed article files from ``source`` into the DuckDB warehouse ``db``."""
    overrides = {
        k: v for k, v in {"source": source, "db": db, "data_dir": data_dir, "workers": workers}.items() if v is not None
    }
    settings = Settings(**overrides)
    with locking.writer_lock(settings.db_path, settings.writer_wait_seconds) as how:
        get_run_logger().info("holding the warehouse writer slot (%s)", how)
        summary = run_ingest(settings)
    if summary.status != "completed":
        raise RuntimeError("run failed validation:\n" + summary.as_text())
    return summary.__dict__


def ingest_flow(settings: Settings):
    """The flow with the task runner the settings ask for."""
    return ingest.with_options(task_runner=task_runner_for(settings.workers, settings.dask_address))
