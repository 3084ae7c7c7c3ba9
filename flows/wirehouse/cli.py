"""`wirehouse`: a thin command line over the pipeline and the warehouse."""

from __future__ import annotations

import argparse
import atexit
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

# The shared corpora sit beside the project checkout.
DEFAULT_GUM = Path(os.environ.get("WIREHOUSE_CORPORA", "../shared/corpora")) / "gum_news"


@contextmanager
def _terminal_logging(verbose: bool, log_file: Path) -> Iterator[None]:
    """Prefect logs every task on the terminal, and a failed run's traceback: for the length of a run keep
    the terminal to warnings and one line per error unless ``verbose``, and put everything, tracebacks
    included, in ``log_file``."""
    import logging

    class OneLine(logging.Formatter):
        def __init__(self, inner: logging.Formatter | None):
            super().__init__()
            self.inner = inner or logging.Formatter()

        def format(self, record: logging.LogRecord) -> str:
            saved = record.exc_info, record.exc_text, record.stack_info
            record.exc_info = record.exc_text = record.stack_info = None
            try:
                return self.inner.format(record).split("\n", 1)[0]
            finally:
                record.exc_info, record.exc_text, record.stack_info = saved

    root = logging.getLogger()
    consoles = [h for h in root.handlers
                if isinstance(h, logging.StreamHandler) and not isinstance(h, logging.FileHandler)]
    saved = [(h, h.level, h.formatter) for h in consoles]
    if not verbose:
        for handler in consoles:
            handler.setLevel(logging.WARNING)
            handler.setFormatter(OneLine(handler.formatter))
    log_file.parent.mkdir(parents=True, exist_ok=True)
    to_file = logging.FileHandler(log_file, encoding="utf-8")
    to_file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root.addHandler(to_file)
    try:
        yield
    finally:
        root.removeHandler(to_file)
        to_file.close()
        for handler, level, formatter in saved:
            handler.setLevel(level)
            handler.setFormatter(formatter)


@contextmanager
def _server_coming_up() -> Iterator[bool]:
    """Start Prefect's temporary server (a subprocess that takes seconds to come up) at once and let the
    body run while it comes up: the run's imports and the NLP workers' model load happen beside it
    rather than after it, when the flow would first call the API. Prefect keeps one such server per
    process, which the flow then uses; a start that fails here is retried by the flow, which reports
    the error. Yields whether the run uses a temporary server (not one ``PREFECT_API_URL`` names)."""
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        yield False
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()

    def start() -> None:
        try:
            server.start()
        except Exception:
            # Prefect leaves a server that missed its start-up time running: stop it, so that the flow
            # starts one afresh (and reports what fails) rather than a second one beside it.
            server.stop()

    thread = threading.Thread(target=start, name="prefect-server-start", daemon=True)
    thread.start()
    try:
        yield True
    except BaseException:
        # Leaving early (Ctrl-C, SIGTERM, a failed import): stop the server rather than wait for it; a
        # stop between the start's steps ends its wait at once, and a server it still launches is stopped
        # on the next turn.
        while thread.is_alive():
            server.stop()
            thread.join(0.2)
        raise
    thread.join()


def _run(args: argparse.Namespace) -> int:
    import signal

    from wirehouse import warehouse

    # What would fail the run at once is said before Prefect starts: one line, no traceback.
    settings = _settings(args, check_source=True)
    warehouse.check_writable(settings.db_path)
    from wirehouse.noop import files_to_read, quiet_run

    # Nothing to do is found without starting Prefect, Great Expectations or spaCy.
    if not args.reprocess and (summary := quiet_run(settings)) is not None:
        print(summary.as_text())
        return 0
    from prefect.exceptions import TerminationSignal

    log_file = settings.data_dir / "logs" / "wirehouse.log"

    def stop(signum, frame):
        raise KeyboardInterrupt

    # SIGTERM unwinds like Ctrl-C: the run is marked, and Prefect's temporary server is stopped, not orphaned.
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        with _server_coming_up() as temporary:
            from wirehouse.pipeline import RunFailed, ingest_flow, interrupted, start_nlp_workers

            # A large drop: spaCy's workers load the model while the server comes up. Great Expectations is
            # then imported from the last parse on, as the workers stop: imported here, its 110 MiB would be
            # held beside them for the whole run. A small drop is parsed in this process, with no workers
            # to make room for: its import (seconds) is paid while the server comes up, not after the parse.
            if not start_nlp_workers(settings, files_to_read(settings, every_file=args.reprocess)):
                import wirehouse.validate  # noqa: F401
        from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

        # Heartbeats tell a lasting server that a run still lives; a temporary server ends with the run,
        # and the flow would wait up to a second at its end for the heartbeat thread.
        updates = {PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None} if temporary else {}
        # (after the imports: Prefect's logging set-up, which they run, replaces the handlers it finds)
        with _terminal_logging(args.verbose, log_file), temporary_settings(updates=updates):
            state = ingest_flow(settings)(settings=settings, reprocess=args.reprocess, return_state=True)
    except (KeyboardInterrupt, TerminationSignal) as exc:
        return _interrupted(exc)
    finally:
        signal.signal(signal.SIGTERM, previous)
    if state.is_completed():
        print(state.result().as_text())
        return 0
    error = state.result(raise_on_failure=False)
    if isinstance(error, BaseException) and interrupted(error):
        return _interrupted(error)
    if isinstance(error, RunFailed):
        print(error.summary.as_text())
    reason = str(error).strip().splitlines()[0] if isinstance(error, BaseException) else state.message
    print(f"wirehouse run failed: {reason}", file=sys.stderr)
    print(f"(details in {log_file}{'' if args.verbose else '; --verbose shows them here'})", file=sys.stderr)
    return 1


def _interrupted(exc: BaseException) -> int:
    pipeline = sys.modules.get("wirehouse.pipeline")  # not imported when the stop came before the run began
    if pipeline is not None and (after := pipeline.stopped_after_run(exc)) is not None:
        print(f"wirehouse run: interrupted: {after}", file=sys.stderr)
    else:
        print("wirehouse run: interrupted; the run is marked failed, finished batches stay staged for the next "
              "run", file=sys.stderr)
    return 130


def _settings(args: argparse.Namespace, check_source: bool = False):
    """The settings from the environment, with the command's options on top; a bad value is a
    :class:`SettingsError` naming the variable or option."""
    from wirehouse.settings import load_settings

    options = ("source", "db", "data_dir", "workers")
    return load_settings(check_source=check_source, **{k: getattr(args, k, None) for k in options})


def _report(args: argparse.Namespace) -> int:
    from wirehouse import reports, validate, warehouse

    settings = _settings(args)
    try:
        con = warehouse.connect(settings.db_path, read_only=True)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    with con:
        run = reports.last_run(con)
    if run is None:
        print("no runs yet: run `wirehouse run` first", file=sys.stderr)
        return 2
    print(reports.report_text(run, validate.data_docs_index(settings.gx_dir)))
    return 1 if run.critical_failed else 0


def _serve(args: argparse.Namespace) -> int:
    import httpx

    from wirehouse.locking import server_url
    from wirehouse.pipeline import ingest_flow

    url = server_url()
    how_to = ("Scheduling needs a running Prefect server (its scheduler does not run in a temporary one): "
              "start one with `prefect server start` (or `make server`) and set "
              "PREFECT_API_URL=http://127.0.0.1:4200/api.")
    if not url:
        print(f"PREFECT_API_URL is not set. {how_to}", file=sys.stderr)
        return 2
    try:
        httpx.get(url.rstrip("/") + "/health", timeout=5).raise_for_status()
    except httpx.HTTPError as exc:
        print(f"no Prefect server answers at {url} ({exc}). {how_to}", file=sys.stderr)
        return 2
    settings = _settings(args)
    # Absolute paths: the served runs execute in their own processes.
    served = settings.model_copy(update={"source": settings.source.resolve(), "db": settings.db_path.resolve(),
                                         "data_dir": settings.data_dir.resolve()})
    parameters = {"settings": served.model_dump(mode="json")}
    print(f"serving wirehouse-ingest/{args.name} on {url}: "
          + (f"cron {args.cron!r}" if args.cron else f"every {args.interval} s"), flush=True)
    ingest_flow(settings).serve(
        name=args.name,
        cron=args.cron,
        interval=args.interval,
        parameters=parameters,
        description="Ingest new and changed article files into the Wirehouse warehouse.",
        tags=["wirehouse"],
    )
    return 0


def _open_read_only(args: argparse.Namespace):
    from wirehouse import warehouse

    settings = _settings(args)
    return warehouse.connect(settings.db_path, read_only=True, wait_seconds=10)


def _query(args: argparse.Namespace) -> int:
    import json

    import duckdb
    import polars as pl

    from wirehouse.readonly import QueryRefused, as_csv, run_query
    from wirehouse.warehouse import WarehouseBusy

    sql = args.sql if args.sql != "-" else sys.stdin.read()
    try:
        frames = run_query(_settings(args).db_path, sql, allow_files=args.allow_files)
    except (FileNotFoundError, WarehouseBusy) as exc:
        print(exc, file=sys.stderr)
        return 2
    except QueryRefused as exc:
        print(f"wirehouse query: {exc}", file=sys.stderr)
        return 1
    except duckdb.Error as exc:
        print(f"query failed: {exc}", file=sys.stderr)
        return 1
    if args.format == "json":
        # One statement: its rows; several: a list of each statement's rows.
        rows = [frame.to_dicts() for frame in frames]
        print(json.dumps(rows[0] if len(rows) == 1 else rows, default=str, ensure_ascii=False, indent=1))
        return 0
    for number, frame in enumerate(frames):
        if args.format == "csv":
            sys.stdout.write(("\n" if number else "") + as_csv(frame))
        else:
            with pl.Config(tbl_rows=args.max_rows, fmt_str_lengths=80, tbl_width_chars=200,
                           tbl_hide_dataframe_shape=True, tbl_hide_column_data_types=True):
                print(frame)
            if frame.height > args.max_rows:
                print(f"({frame.height} rows, {args.max_rows} shown; --max-rows or --format csv for all)")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from wirehouse import catalog
    from wirehouse.warehouse import WarehouseBusy

    try:
        con = _open_read_only(args)
    except (FileNotFoundError, WarehouseBusy) as exc:
        print(exc, file=sys.stderr)
        return 2
    with con:
        frame = catalog.describe(con, include_internal=args.all)
    sys.stdout.write(catalog.as_markdown(frame) if args.format == "markdown" else catalog.as_text(frame))
    return 0


def _eval(args: argparse.Namespace) -> int:
    import polars as pl

    from wirehouse.dictionaries import default_actor_paths, load_actors
    from wirehouse.evaluate import (
        annotate_gum,
        cached_ecb_mentions,
        crossdoc,
        evaluate,
        gum_identity,
        load_ecb_scorer,
        load_gum,
    )
    from wirehouse.resolve import load_reference
    from wirehouse.settings import get_settings

    root = args.corpus
    if args.only != "ecbplus" and not (root / "gold_mentions.csv").is_file():
        print(f"no GUM corpus at {root} (expected gold_mentions.csv, text/ and conllu/)", file=sys.stderr)
        return 2
    model = args.model or get_settings().spacy_model
    ref = load_reference(load_actors(default_actor_paths(), strict=False))
    with pl.Config(tbl_rows=100, float_precision=3, tbl_hide_dataframe_shape=True, tbl_hide_column_data_types=True,
                   tbl_cols=20, tbl_width_chars=200):
        gum = args.only != "ecbplus"
        if gum:
            print("Entity mentions against GUM news gold:")
            corpus = load_gum(root)
            plain = annotate_gum(corpus, model, clean=False)
            print(evaluate(root, model, ref, plain))
        if not gum and not (args.ecbplus / "score.py").is_file():
            print(f"no ECB+ corpus at {args.ecbplus} (expected score.py and text/)", file=sys.stderr)
            return 2
        if (args.ecbplus / "score.py").is_file():
            print("\nCross-document entities on ECB+ (B-cubed and pairwise; baselines on the same mentions):")
            found = cached_ecb_mentions(args.ecbplus, model, args.cache) if args.cache else None
            result = crossdoc(args.ecbplus, model, ref, found)
            print(result.scores)
            print(f"names held by entities of two types: {result.two_type_names.height}"
                  + "".join(f"\n  {k}: {', '.join(t)}" for k, t in result.two_type_names.iter_rows()))
            if not gum:
                return 0
            held = gum_identity(corpus, plain, ref, load_ecb_scorer(args.ecbplus))
            print(f"\nCross-document entities on GUM news Wikipedia identities (a second check: one round "
                  f"of resolution rules was found on its errors; {held.identities} identities, "
                  f"{held.cross_doc_identities} named in 2+ documents):")
            print(held.scores)
        else:
            print(f"no ECB+ corpus at {args.ecbplus}: cross-document scores skipped", file=sys.stderr)
    return 0


def _locations(parser: argparse.ArgumentParser, source: bool = False) -> None:
    if source:
        parser.add_argument("--source", type=Path, help="folder of .txt article files (default: seeds/)")
    parser.add_argument("--db", type=Path, help="DuckDB warehouse file (default: data/warehouse.duckdb)")
    parser.add_argument("--data-dir", type=Path, help="folder for reports and Data Docs (default: the db's folder)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wirehouse",
        description="An incremental news-event warehouse: ingest article files into DuckDB and validate them.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser(
        "run",
        help="ingest new and changed files in one Prefect flow run (no server needed)",
        description="Run the wirehouse-ingest flow once: discover new, changed and removed files in the "
        "source folder, load them as articles into the DuckDB warehouse, validate with Great "
        "Expectations. Exits non-zero when the run fails. Defaults come from WIREHOUSE_SOURCE, "
        "WIREHOUSE_DB and WIREHOUSE_DATA_DIR, else seeds/ and data/warehouse.duckdb.",
    )
    _locations(run, source=True)
    run.add_argument("--workers", type=int, help="run the NLP stage on a local Dask cluster of N worker processes "
                     "(WIREHOUSE_DASK_ADDRESS uses an existing cluster instead)")
    run.add_argument("--verbose", action="store_true",
                     help="show every task's log and full tracebacks on the terminal (they always go to the log file)")
    run.add_argument("--reprocess", action="store_true",
                     help="re-derive every article (cleaning, entities, events) even where the rules did not change")
    run.set_defaults(handler=_run)

    serve = commands.add_parser(
        "serve",
        help="register a scheduled deployment of wirehouse-ingest on a Prefect server and run it until stopped",
        description="Register (or update) a deployment of the wirehouse-ingest flow with a cron or interval "
        "schedule on the Prefect server named by PREFECT_API_URL, then execute its runs until stopped "
        "(Ctrl-C). Without a reachable server it says how to start one.",
    )
    when = serve.add_mutually_exclusive_group(required=True)
    when.add_argument("--cron", help="cron schedule, e.g. '*/30 * * * *'")
    when.add_argument("--interval", type=float, help="seconds between runs")
    serve.add_argument("--name", default="scheduled", help="deployment name (default: scheduled)")
    _locations(serve, source=True)
    serve.set_defaults(handler=_serve)

    report = commands.add_parser(
        "report",
        help="print the last run's validation summary, quarantined files and the Data Docs path",
        description="Print the last run's validation results per table, every failed expectation with its "
        "severity, the quarantined files with their reasons, and where the Data Docs are. Exits 1 when "
        "the last run had a critical failure (its data was not published), 2 when there is no warehouse.",
    )
    _locations(report)
    report.set_defaults(handler=_report)

    query = commands.add_parser(
        "query",
        help="run read-only SQL on the warehouse",
        description="Run SQL on the warehouse, read-only: tables and the mart views (entity_profile, "
        "entity_cooccurrence, event_timeline, dyad_summary). Every statement's result is printed. Only "
        "SELECT, DESCRIBE, SHOW, SUMMARIZE and EXPLAIN run: writes, COPY, EXPORT, ATTACH, INSTALL/LOAD and "
        "SET are refused, and so is reading other files unless --allow-files is given.",
    )
    query.add_argument("sql", help="SQL statements separated by ';', or - to read them from standard input")
    query.add_argument("--allow-files", action="store_true",
                       help="let the query read files other than the warehouse (read_csv, read_text, ...)")
    query.add_argument("--db", type=Path, help="DuckDB warehouse file (default: data/warehouse.duckdb)")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table",
                       help="table for people (default), csv or json for scripts")
    query.add_argument("--max-rows", type=int, default=50, help="rows shown in table format (default: 50)")
    query.set_defaults(handler=_query)

    schema = commands.add_parser(
        "schema",
        help="list tables, views and columns with their meaning",
        description="List the warehouse's tables and views with each column's type and meaning.",
    )
    schema.add_argument("--db", type=Path, help="DuckDB warehouse file (default: data/warehouse.duckdb)")
    schema.add_argument("--format", choices=("text", "markdown"), default="text")
    schema.add_argument("--all", action="store_true", help="include the publishing gate's stage and candidate tables")
    schema.set_defaults(handler=_schema)

    ev = commands.add_parser(
        "eval",
        help="score entity mentions against the gold GUM news annotations",
        description="Score raw spaCy NER, the pipeline's resolved mentions, and the pipeline on cleaned text "
        "against the GUM news gold mentions: precision, recall and F1 per type, exact and overlap match.",
    )
    ev.add_argument("--corpus", type=Path, default=DEFAULT_GUM, help=f"GUM news folder (default: {DEFAULT_GUM})")
    ev.add_argument("--ecbplus", type=Path, default=DEFAULT_GUM.parent / "ecbplus_dev",
                    help="ECB+ dev folder with score.py (default: beside the GUM corpus)")
    ev.add_argument("--model", help="spaCy model (default: WIREHOUSE_SPACY_MODEL)")
    ev.add_argument("--only", choices=("all", "ecbplus"), default="all",
                    help="ecbplus: only the cross-document scores on ECB+, not GUM's (default: all)")
    ev.add_argument("--cache", type=Path, help="folder to keep ECB+'s parsed mentions in between runs, reused "
                    "while the texts, the model and the mention-finding code are unchanged (a resolver change "
                    "then re-scores in about a minute)")
    ev.set_defaults(handler=_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    from wirehouse.settings import SettingsError
    from wirehouse.warehouse import WarehouseError

    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except SettingsError as exc:
        print(f"wirehouse: bad setting: {exc}", file=sys.stderr)
        return 2
    except WarehouseError as exc:
        print(f"wirehouse {args.command}: {exc}", file=sys.stderr)
        return 2


def entry() -> NoReturn:
    """The console script: ``main``, then an exit that skips the interpreter's teardown. A run leaves
    millions of objects (reference tables, spaCy's, Prefect's and Great Expectations' modules) that the
    interpreter would free one by one before the process ends: 2.5 s after a 10- or a 322-article run on
    2 cores. What its own exit does first still happens, in its order (CPython's ``Py_FinalizeEx``):
    threads are joined and threading's exit hooks run (Prefect's log and event workers drain there;
    without them logging's shutdown waited 5 s for the stopped server), then the atexit handlers
    (Prefect's temporary server stops, log files are flushed)."""
    code = main()
    shutdown = getattr(threading, "_shutdown", None)
    if shutdown is None:  # an interpreter without CPython's hook: its usual exit
        sys.exit(code)
    shutdown()
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()
