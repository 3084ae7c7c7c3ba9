"""The ``wirehouse-ingest`` Prefect flow: discover → extract → normalise → load → validate.

Tasks only wrap the pure transforms and do I/O. Work is batched (one task and one transaction per
batch of files), since a Prefect task run costs ~10 ms and a DuckDB commit costs an fsync.
"""

from __future__ import annotations

import os
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

from wirehouse import (
    annotate,
    discover,
    events,
    extract,
    load,
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


@task(name="discover", cache_policy=NO_CACHE)
def discover_files(con: duckdb.DuckDBPyConnection, source: Path, run_id: int) -> pl.DataFrame:
    scanned = discover.scan(source)
    manifest = warehouse.read_manifest(con)
    to_hash = discover.paths_to_hash(scanned, manifest)
    hashes = discover.hash_files(source, to_hash)
    get_run_logger().info("scanned %d files, hashed %d whose stat moved", scanned.height, len(to_hash))
    return discover.plan_changes(scanned, manifest, hashes, run_id)


@task(name="process-batch", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[1, 5])
def process_batch(
    con: duckdb.DuckDBPyConnection, settings: Settings, run_id: int, plan: pl.DataFrame
) -> dict[str, int]:
    to_read = plan.filter(pl.col("role") == discover.ARTICLE)
    extracted = extract.extract_files(settings.source, to_read, settings.max_file_bytes)
    decoded = extracted.filter(pl.col("reason").is_null())
    articles = normalise.normalise_articles(decoded)
    batch = load.assemble_batch(plan, extracted, articles, settings.min_body_words)
    annotations = annotate.annotate_articles(
        batch.articles.select("article_id", "body"),
        settings.spacy_model,
        batch_size=settings.nlp_batch_size,
        n_process=settings.nlp_processes,
    )
    known_entities, known_aliases = warehouse.read_entities(con)
    mentions, new_entities, new_aliases = resolve.resolve_mentions(
        annotations.mentions, known_entities, known_aliases
    )
    coded = events.code_events(
        annotations.candidates,
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
def record_removals(con: duckdb.DuckDBPyConnection, run_id: int, removed: pl.DataFrame) -> int:
    files = removed.with_columns(
        status=pl.lit(discover.REMOVED), article_id=pl.lit(None, pl.String), duplicate_of=pl.lit(None, pl.String)
    )
    articles = pl.DataFrame(schema={**normalise.ARTICLE_SCHEMA, "encoding": pl.String, "content_sha256": pl.String,
                                    "article_id": pl.String})
    quarantined = pl.DataFrame(schema={"source_path": pl.String, "content_sha256": pl.String, "reason": pl.String,
                                       "detail": pl.String})
    warehouse.load_batch(con, run_id, load.Batch(files=files, articles=articles, quarantined=quarantined))
    return removed.height


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
def publish_reports(settings: Settings, summary: RunSummary, results: pl.DataFrame,
                    quarantined: list[tuple[str, str, str]]) -> Path:
    """Rebuild Data Docs (last N runs) and attach a summary and a link to them to the flow run."""
    index = validate.rebuild_data_docs(settings.gx_dir, settings.docs_keep_runs, results)
    create_markdown_artifact(
        key="wirehouse-validation",
        markdown=reports.markdown_summary(summary.run_id, summary.status, results, quarantined, index),
        description=f"Validation of run {summary.run_id}",
    )
    create_link_artifact(key="wirehouse-data-docs", link=index.resolve().as_uri(), link_text="Data Docs",
                         description="Great Expectations Data Docs of the last runs")
    return index


def _batches(frame: pl.DataFrame, size: int) -> list[pl.DataFrame]:
    return [frame.slice(offset, size) for offset in range(0, frame.height, size)]


def run_ingest(settings: Settings) -> RunSummary:
    """The body of the flow, callable with any ``Settings`` (the flow builds them from its parameters)."""
    logger = get_run_logger()
    con = warehouse.connect(settings.db_path)
    try:
        applied = warehouse.migrate(con, settings.sql_dir)
        if applied:
            logger.info("applied migrations: %s", ", ".join(applied))
        warehouse.refresh_cameo_codes(con, reference.cameo_codes())
        run_id = warehouse.start_run(con, str(flow_run.get_id() or ""), str(settings.source))
        counts: dict[str, int] = {}
        try:
            plan = discover_files(con, settings.source, run_id)
            counts = discover.count_changes(plan)
            work = plan.filter(pl.col("needs_work") & (pl.col("change") != discover.REMOVED))
            totals = {"loaded": 0, "quarantined": 0, "duplicate": 0, "mentions": 0, "events": 0, "new_entities": 0}
            for batch in _batches(work, settings.batch_size):
                for key, value in process_batch(con, settings, run_id, batch).items():
                    totals[key] += value
            removed = plan.filter(pl.col("change") == discover.REMOVED)
            if removed.height:
                record_removals(con, run_id, removed)
            counts.update(quarantined=totals["quarantined"], duplicate=totals["duplicate"])
            results = validate_warehouse(con, settings, run_id)
        except Exception as exc:
            warehouse.finish_run(con, run_id, "failed", counts, f"{type(exc).__name__}: {exc}")
            raise
        critical = results.filter(~pl.col("success") & (pl.col("severity") == "critical"))
        failures = [f"{t}.{c or '*'} {e}: {o}" for t, e, c, o in
                    critical.select("table_name", "expectation", "column_name", "observed_value").iter_rows()]
        if failures:
            # The stage stays as it is: users keep querying the last good state, and the next run
            # validates the stage again, with whatever has been fixed by then.
            status = "failed"
            logger.error("not published: %d critical expectation(s) failed", len(failures))
        else:
            status = "completed"
            replaced = warehouse.publish(con, run_id)
            logger.info("published %d changed article(s)", replaced)
        warehouse.finish_run(con, run_id, status, counts, "; ".join(failures) or None)
        (articles, entities, events_total) = con.execute(
            "select (select count(*) from articles), (select count(*) from entities), (select count(*) from events)"
        ).fetchall()[0]
        quarantined = con.execute("select source_path, reason, detail from quarantine order by 1").fetchall()
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
    finally:
        con.close()
    logger.info(summary.as_text())
    return summary


@flow(name="wirehouse-ingest", log_prints=True)
def ingest(source: str | None = None, db: str | None = None, data_dir: str | None = None) -> dict[str, Any]:
    """Ingest new and changed article files from ``source`` into the DuckDB warehouse ``db``."""
    overrides = {k: v for k, v in {"source": source, "db": db, "data_dir": data_dir}.items() if v is not None}
    summary = run_ingest(Settings(**overrides))
    if summary.status != "completed":
        raise RuntimeError("run failed validation:\n" + summary.as_text())
    return summary.__dict__
