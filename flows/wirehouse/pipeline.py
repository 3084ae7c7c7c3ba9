"""The ``wirehouse-ingest`` Prefect flow, as the stage list it is:

discover → extract → normalise → annotate → resolve → code events → load → validate → publish → report

Each stage is a task wrapping a pure transform (``discover``, ``extract``, ``normalise``, ``annotate``,
``resolve``, ``events``) or the warehouse's I/O (``load``, ``validate``, ``publish``). Tasks receive settings
and data, never a connection: each opens the warehouse only for its own read or write, so readers get
the file between steps. Files are worked in batches (one task run and one transaction per batch of
files), since a task run costs ~10 ms and a DuckDB commit an fsync.
"""

from __future__ import annotations

import gc
import importlib
import itertools
import os
import sys
import threading
import time
from collections import defaultdict, deque
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cached_property
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.exceptions import TerminationSignal
from prefect.runtime import flow_run
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from wirehouse import (
    annotate,
    dictionaries,
    discover,
    events,
    extract,
    locking,
    model,
    normalise,
    reference,
    reports,
    resolve,
)
from wirehouse import warehouse as wh
from wirehouse.model import Annotations, Batch, Prepared, Resolution
from wirehouse.reports import RunSummary
from wirehouse.settings import Settings

VALIDATED_TABLES = ("articles", "entities", "entity_aliases", "entity_mentions", "events", "runs")
_RETRY = {"retries": 2, "retry_delay_seconds": [2, 10], "cache_policy": NO_CACHE}


def _in_chain(exc: BaseException | None, kinds: tuple[type[BaseException], ...]) -> BaseException | None:
    """The first exception of ``kinds`` along ``exc``'s chain (what it was raised from or while handling)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, kinds):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def interrupted(exc: BaseException | None) -> bool:
    """Whether a stop (Ctrl-C, SIGTERM) caused ``exc``. Prefect's engine can replace the interrupt with its own
    error when the signal lands while it sets up a task run ('Task run is not set'): the interrupt is then the
    context of what it raised, not the exception itself."""
    return _in_chain(exc, (KeyboardInterrupt, TerminationSignal)) is not None


def stopped_after_run(exc: BaseException | None) -> StoppedAfterRun | None:
    """The stop that came after the run was recorded, if ``exc`` was one."""
    return _in_chain(exc, (StoppedAfterRun,))


class StoppedAfterRun(KeyboardInterrupt):
    """A stop (Ctrl-C, SIGTERM) after the run was recorded as completed or failed, while its report was written."""


class RunFailed(RuntimeError):
    """A run that finished but published nothing: a critical expectation failed."""

    def __init__(self, summary: RunSummary):
        self.summary = summary
        failures = summary.critical_failures
        super().__init__(f"run {summary.run_id} failed validation: {len(failures)} critical expectation(s) failed "
                         f"({'; '.join(failures)}); nothing was published, users keep the previous state")


@dataclass(frozen=True)
class RunRules(reference.Rules):
    """The run's rules with the larger reference tables of the stages, loaded on first use so a run with
    nothing to derive does not pay for them."""

    user_dictionaries: Path | None = None
    cache_dir: Path | None = None  # where the dictionaries, the gazetteer and the resolver's tables are kept compiled

    @cached_property
    def cleaning(self) -> normalise.CleaningRules:
        return normalise.load_rules()

    @cached_property
    def dictionaries(self) -> dictionaries.Dictionaries:
        return dictionaries.load_dictionaries(self.user_dictionaries, cache_dir=self.cache_dir)

    @cached_property
    def gazetteer(self) -> events.Gazetteer:
        return events.load_gazetteer(self.cache_dir)

    @cached_property
    def resolver(self) -> resolve.Reference:
        return resolve.load_reference(self.dictionaries.actors, self.cache_dir)


def load_rules(settings: Settings) -> RunRules:
    """The run's rules: reference data, model, and the user's dictionaries (``WIREHOUSE_DICTIONARIES``)."""
    extra = (settings.dictionaries,) if settings.dictionaries else ()
    base = reference.load_rules(settings.spacy_model, settings.reference_dir, extra)
    return RunRules(**{f.name: getattr(base, f.name) for f in fields(base)}, user_dictionaries=settings.dictionaries,
                    cache_dir=settings.cache_dir)


@dataclass
class Stopwatch:
    """Wall seconds and items per stage, summed over batches (``run_stages``)."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    items: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @contextmanager
    def stage(self, name: str, items: int = 0) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - start
            self.items[name] += items

    def frame(self) -> pl.DataFrame:
        return pl.DataFrame(
            {"stage": list(self.seconds), "seconds": list(self.seconds.values()),
             "items": [self.items[s] for s in self.seconds]},
            schema={"stage": pl.String, "seconds": pl.Float64, "items": pl.Int64},
        )


def _session(settings: Settings):
    return wh.session(settings.db_path, wait_seconds=settings.writer_wait_seconds)


# --- the stages ---------------------------------------------------------------------------------------------


@task(name="discover", **_RETRY)
def discover_files(settings: Settings, run_id: int, rules: RunRules, reprocess: bool) -> pl.DataFrame:
    """Plan every file: new, changed, unchanged, removed, duplicate, or to re-derive under new rules."""
    scanned = discover.scan(settings.source)
    with _session(settings) as con:
        manifest = wh.read_manifest(con)
    to_hash = discover.paths_to_hash(scanned, manifest)
    hashes = discover.hash_files(settings.source, to_hash, settings.max_file_bytes)
    get_run_logger().info("scanned %d files, hashed %d whose stat moved", scanned.height, len(to_hash))
    return discover.plan_changes(scanned, manifest, hashes, run_id, rules.version, reprocess)


@task(name="extract", **_RETRY)
def extract_batch(settings: Settings, plan: pl.DataFrame) -> pl.DataFrame:
    """Read and decode the batch's article files (a quarantine reason where that fails)."""
    return extract.extract_files(settings.source, plan.filter(pl.col("role") == model.ARTICLE),
                                 settings.max_file_bytes)


@task(name="normalise", cache_policy=NO_CACHE)
def normalise_batch(settings: Settings, plan: pl.DataFrame, extracted: pl.DataFrame,
                    rules: RunRules) -> Prepared:
    """Clean each decoded page into an article, and decide what every file of the batch becomes."""
    parsed = normalise.normalise_articles(extracted.filter(pl.col("reason").is_null()), rules.cleaning)
    return model.prepare_batch(plan, extracted, parsed, settings.min_body_words, rules.version)


@task(name="annotate", cache_policy=NO_CACHE, retries=1)
def annotate_batch(articles: pl.DataFrame, model_name: str, batch_size: int, n_process: int) -> Annotations:
    """The heavy NLP stage: runs wherever the task runner puts it (a thread, or a Dask worker)."""
    return annotate.annotate_articles(articles, model_name, batch_size=batch_size, n_process=n_process)


@task(name="resolve", **_RETRY)
def resolve_batch(settings: Settings, found: Annotations, article_ids: pl.Series,
                  rules: RunRules) -> tuple[Resolution, pl.DataFrame]:
    """Canonical entities for the batch's mentions, against every entity the warehouse knows; also every
    entity the batch's mentions may point at, for coding."""
    with _session(settings) as con:
        known = wh.read_entities(con, article_ids)
    resolution = resolve.resolve_mentions(found.mentions, ref=rules.resolver, **known)
    changed = resolution.changed_entities["entity_id"].implode()
    entities = pl.concat([known["known_entities"].filter(~pl.col("entity_id").is_in(changed)),
                          resolution.changed_entities, resolution.new_entities])
    return resolution, entities


@task(name="code-events", cache_policy=NO_CACHE)
def code_batch(prepared: Prepared, found: Annotations, resolved: Resolution, entities: pl.DataFrame,
               rules: RunRules) -> pl.DataFrame:
    """CAMEO-code the batch's event candidates and date them against their article."""
    return events.code_events(
        found.candidates, resolved.mentions, entities, prepared.articles.select("article_id", "published_date"),
        rules.cameo_codes, rules.dictionaries, rules.gazetteer,
    )


@task(name="load", **_RETRY)
def load_batch(settings: Settings, run_id: int, batch: Batch) -> dict[str, int]:
    """Stage the batch in one transaction: all its files' rows, or none."""
    with _session(settings) as con:
        wh.stage_batch(con, run_id, batch)
    logger = get_run_logger()
    for path, reason, detail in batch.prepared.quarantined.select("source_path", "reason", "detail").iter_rows():
        logger.warning("quarantined %s: %s (%s)", path, reason, detail)
    files = batch.prepared.files
    return {"loaded": batch.prepared.articles.height, "quarantined": batch.prepared.quarantined.height,
            "duplicate": files.filter(pl.col("status") == model.DUPLICATE).height}


def check_warehouse(settings: Settings, run_id: int) -> pl.DataFrame:
    """Validate what the warehouse would be after publishing (published tables with the stage applied)
    and record the outcome in ``validation_results``."""
    from wirehouse import validate  # Great Expectations costs seconds to import: only runs that validate pay

    suites = validate.load_suites(VALIDATED_TABLES)
    with _session(settings) as con:
        frames = {suite.table: wh.validation_frame(con, suite.table, suite.columns) for suite in suites}
    results = validate.validate_tables(frames, suites, settings.gx_dir, run_id, date.today())
    with _session(settings) as con:
        wh.record_validation(con, results)
    return results


@task(name="validate", cache_policy=NO_CACHE)
def validate_warehouse(settings: Settings, run_id: int) -> pl.DataFrame:
    return check_warehouse(settings, run_id)


@task(name="publish", cache_policy=NO_CACHE)
def publish_if_valid(settings: Settings, run_id: int, results: pl.DataFrame) -> list[str]:
    """Publish the stage when no critical expectation failed; the critical failures otherwise.

    After a failure the stage stays as it is: users keep querying the last good state, and the next run
    validates the stage again, with whatever has been fixed by then.
    """
    critical = results.filter(~pl.col("success") & (pl.col("severity") == "critical"))
    failures = [f"{t}.{c or '*'} {e}: {o}" for t, e, c, o in
                critical.select("table_name", "expectation", "column_name", "observed_value").iter_rows()]
    logger = get_run_logger()
    if failures:
        logger.error("not published: %d critical expectation(s) failed", len(failures))
        return failures
    with _session(settings) as con:
        logger.info("published %d changed article(s)", wh.publish(con, run_id))
    return []


@task(name="report", cache_policy=NO_CACHE)
def report_run(settings: Settings, summary: RunSummary, results: pl.DataFrame | None) -> RunSummary:
    """Rebuild Data Docs when the run validated, and attach a summary and a link to the flow run."""
    with _session(settings) as con:
        quarantined = wh.quarantined(con)
    if results is not None:
        from wirehouse import validate

        index = validate.rebuild_data_docs(settings.gx_dir, settings.docs_keep_runs, results)
        summary.data_docs = str(index)
        create_link_artifact(key="wirehouse-data-docs", link=index.resolve().as_uri(), link_text="Data Docs",
                             description="Great Expectations Data Docs of the last runs")
    create_markdown_artifact(
        key="wirehouse-validation",
        markdown=reports.markdown_summary(summary, results, quarantined),
        description=f"Run {summary.run_id}",
    )
    get_run_logger().info(summary.as_text())
    return summary


# --- the flow -----------------------------------------------------------------------------------------------


def _begin_run(settings: Settings, rules: RunRules, reprocess: bool) -> int:
    """Migrate the warehouse, stage this run's reference tables, and open the run's row."""
    with _session(settings) as con:
        applied = wh.migrate(con)
        if applied:
            get_run_logger().info("applied migrations: %s", ", ".join(applied))
        wh.stage_reference(con, rules.cameo_codes)
        return wh.start_run(con, str(flow_run.get_id() or ""), str(settings.source), rules.version, reprocess)


# Files in the first and the last batch of a run (at most): enough to give each NLP worker a few texts.
EDGE_BATCH = 32


def _batches(plan: pl.DataFrame, size: int, edge: int = EDGE_BATCH) -> list[pl.DataFrame]:
    """The files that need work, in plan order, in batches of at most ``size``; the first and the last
    batch hold at most ``edge``. NLP, which runs beside everything else, starts as soon as the first
    small batch is cleaned, and the work left after the last parse (resolving and coding that batch)
    is short: the stages before and after NLP overlap it instead of adding to it."""
    work = plan.filter(pl.col("needs_work"))
    first = min(edge, size, work.height)
    last = min(edge, size, work.height - first)
    cuts = sorted({0, *range(first, work.height - last, size), work.height - last, work.height})
    return [work.slice(start, end - start) for start, end in itertools.pairwise(cuts)]


def _progress(total: int) -> Progress:
    """A progress bar on an interactive terminal; silent in logs, tests and deployments."""
    return Progress(
        TextColumn("[bold]wirehouse[/] batches"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        transient=True, disable=not sys.stderr.isatty() or total < 2,
    )


def _settle(rules: RunRules) -> None:
    """Load the run's reference tables (once the second batch is queued for NLP, which parses it meanwhile)
    and exempt them, with every module loaded, from the cyclic garbage collector: they live for the whole
    run, and each full collection walked their millions of objects again (1.2 s of CPU in a 322-article
    run)."""
    _ = rules.dictionaries, rules.gazetteer, rules.resolver
    gc.freeze()


def covered_seconds(intervals: list[tuple[float, float]]) -> float:
    """The seconds that ``(start, end)`` intervals cover together: batches annotated at once (the next one's
    texts wait in the workers' queue) or a task retried count the wall time spent annotating once."""
    total, reach = 0.0, float("-inf")
    for start, end in sorted(intervals):
        if end > reach:
            total += end - max(start, reach)
            reach = end
    return total


def process_batches(settings: Settings, run_id: int, plan: pl.DataFrame, rules: RunRules,
                    clock: Stopwatch) -> dict[str, int]:
    """extract → normalise → annotate → resolve → code events → load, batch by batch.

    Annotation is submitted to the task runner (threads, or Dask workers) a few batches ahead;
    everything that reads or writes the warehouse stays in this process, one batch at a time, in plan
    order, so the rows do not depend on where NLP ran.
    """
    batches = _batches(plan, settings.batch_size)
    totals: dict[str, int] = defaultdict(int)
    limit = settings.stage_timeout_seconds
    # A time limit cannot interrupt a task in a worker thread, only one in a Dask worker process.
    distributed = settings.workers > 1 or bool(settings.dask_address)
    annotate_ = annotate_batch.with_options(timeout_seconds=limit) if distributed else annotate_batch
    ahead = max(2, 2 * settings.workers)
    pending: deque[tuple[Prepared, object]] = deque()
    # When each batch's annotation was submitted and finished, on this process's monotonic clock: where it
    # ran (a thread, a Dask worker on another machine) and how often it was retried do not change it.
    spans: list[list[float | None]] = []
    logger = get_run_logger()
    with _progress(len(batches)) as bar, ExitStack() as after:
        # Stopped after the last parse (below); a run that fails or stops before it stops them at once.
        after.enter_context(annotate.workers_for_run())
        task_id = bar.add_task("batches", total=len(batches))
        for index, plan_batch in enumerate(batches):
            with clock.stage("extract", plan_batch.height):
                extracted = extract_batch.with_options(timeout_seconds=limit)(settings, plan_batch)
            with clock.stage("normalise", extracted.height):
                prepared = normalise_batch(settings, plan_batch, extracted, rules)
            readable = prepared.articles.filter(pl.col("language") == "en")
            totals["not_annotated"] += prepared.articles.height - readable.height
            future = annotate_.submit(readable.select("article_id", "title", "body"), settings.spacy_model,
                                      settings.nlp_batch_size, settings.nlp_process_count)
            span: list[float | None] = [time.monotonic(), None]
            future.add_done_callback(lambda _, span=span: span.__setitem__(1, time.monotonic()))
            spans.append(span)
            pending.append((prepared, future))
            if index == min(1, len(batches) - 1):
                # Once the second batch is queued: the workers parse it while the reference tables load,
                # rather than wait for it to be cleaned after them.
                _settle(rules)
                after.callback(gc.unfreeze)  # what it exempted is collected as usual after the batches
            while pending and (len(pending) > ahead or index == len(batches) - 1):
                prepared, future = pending.popleft()
                found = future.result()
                if index == len(batches) - 1 and not pending:
                    # The last parse is in: the workers stop, and Great Expectations (seconds to import,
                    # 110 MiB held) is imported beside the last batch's resolution rather than after it.
                    annotate.stop_workers()
                    threading.Thread(target=importlib.import_module, args=("wirehouse.validate",),
                                     name="import-validate", daemon=True).start()
                # (a done callback runs just after the result is handed over: a span it has not closed yet
                # ends now)
                now = time.monotonic()
                clock.seconds["annotate"] = covered_seconds(
                    [(start, now if end is None else end) for start, end in spans[:index + 1 - len(pending)]])
                clock.items["annotate"] += prepared.articles.height
                with clock.stage("resolve", found.mentions.height):
                    resolved, entities = resolve_batch(settings, found, prepared.files["article_id"], rules)
                with clock.stage("code_events", found.candidates.height):
                    coded = code_batch(prepared, found, resolved, entities, rules)
                with clock.stage("load", prepared.files.height):
                    counts = load_batch(settings, run_id, Batch(prepared, resolved, coded))
                for key, value in counts.items():
                    totals[key] += value
                totals["mentions"] += resolved.mentions.height
                totals["events"] += coded.height
                bar.advance(task_id)
                logger.info("batch %d/%d staged", int(bar.tasks[0].completed), len(batches))
    if totals["not_annotated"]:
        logger.warning("%d article(s) not in English: kept, but not annotated (the model reads English)",
                       totals["not_annotated"])
    return dict(totals)


def run_ingest(settings: Settings, reprocess: bool = False) -> RunSummary:
    """The body of the flow: the stages in order, for any ``Settings``."""
    if not settings.source.is_dir():
        # Before any warehouse is made or run recorded: there is nothing to run on.
        raise FileNotFoundError(f"source folder {settings.source} does not exist or is not a folder")
    clock = Stopwatch()
    rules = load_rules(settings)
    run_id = _begin_run(settings, rules, reprocess)
    counts: dict[str, int] = {}
    try:
        with clock.stage("discover"):
            plan = discover_files(settings, run_id, rules, reprocess)
        counts = discover.count_changes(plan)
        totals = process_batches(settings, run_id, plan, rules, clock)
        counts.update(quarantined=totals.get("quarantined", 0), duplicate=totals.get("duplicate", 0))
        with _session(settings) as con:
            staged = wh.staged_changes(con)
        results = None
        failures: list[str] = []
        if staged or plan.filter(pl.col("needs_work")).height:
            with clock.stage("validate"):
                results = validate_warehouse(settings, run_id)
            with clock.stage("publish"):
                failures = publish_if_valid(settings, run_id, results)
        status = "failed" if failures else "completed"
        with _session(settings) as con:
            wh.finish_run(con, run_id, status, counts, "; ".join(failures) or None)
            summary = RunSummary(run_id=run_id, status=status, counts=counts, **wh.totals(con),
                                 not_annotated=totals.get("not_annotated", 0), critical_failures=failures)
    except BaseException as exc:
        reason = "interrupted (Ctrl-C or SIGTERM)" if interrupted(exc) else f"{type(exc).__name__}: {exc}"
        with _session(settings) as con:
            wh.finish_run(con, run_id, "failed", counts, reason)
        raise
    if results is not None:
        summary.validation = {"passed": int(results["success"].sum()), "failed": int((~results["success"]).sum())}
    try:
        with clock.stage("report"):
            summary = report_run(settings, summary, results)
        with _session(settings) as con:
            wh.record_stages(con, run_id, clock.frame())
    except BaseException as exc:
        if interrupted(exc):
            # The run is recorded and what it published stays: say so, not that it was marked failed.
            raise StoppedAfterRun(f"run {run_id} is recorded {summary.status}; stopped while its report was "
                                  "written (`wirehouse report` shows the run)") from exc
        raise
    return summary


def start_nlp_workers(settings: Settings, files: int) -> bool:
    """Start spaCy's worker processes before the flow when about `files` files are to be read and the
    run's NLP will use them: they load the model while Prefect's temporary server starts."""
    if settings.workers > 1 or settings.dask_address or not annotate.uses_workers(files, settings.nlp_process_count):
        return False
    annotate.start_workers(settings.spacy_model, settings.nlp_process_count)
    return True


def task_runner_for(workers: int | None = None, dask_address: str | None = None, nlp_processes: int = 1) -> TaskRunner:
    """Threads by default; a Dask cluster for the NLP stage when given an address or a worker count.

    With spaCy in ``nlp_processes`` > 1 worker processes, two threads: a batch's texts are queued for the
    workers while the batch before it finishes, so they do not wait between batches for its results to
    come back and become frames. (In this process, spaCy holds the GIL: one thread.)"""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    if workers and workers > 1:
        from prefect_dask import DaskTaskRunner

        # Processes, one thread each: spaCy holds the GIL, so threads would not run in parallel.
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True})
    return ThreadPoolTaskRunner(max_workers=2 if nlp_processes > 1 else 1)


@flow(name="wirehouse-ingest", log_prints=True, task_runner=ThreadPoolTaskRunner(max_workers=1))
def ingest(settings: Settings | None = None, reprocess: bool = False) -> RunSummary:
    """Ingest new and changed article files into the DuckDB warehouse (``WIREHOUSE_*`` settings by
    default); ``reprocess`` re-derives every article even where the rules did not change."""
    settings = settings or Settings()
    logger = get_run_logger()
    with locking.writer_lock(settings.db_path, settings.writer_wait_seconds, on_wait=logger.warning) as how:
        logger.info("holding the warehouse writer slot (%s)", how)
        summary = run_ingest(settings, reprocess)
    if summary.status != "completed":
        raise RunFailed(summary)
    return summary


def ingest_flow(settings: Settings):
    """The flow with the task runner the settings ask for."""
    return ingest.with_options(task_runner=task_runner_for(settings.workers, settings.dask_address,
                                                           settings.nlp_process_count))
