"""`wirehouse`: a thin command line over the pipeline and the warehouse."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

# The shared corpora sit beside the project checkout.
DEFAULT_GUM = Path(os.environ.get("WIREHOUSE_CORPORA", "../shared/corpora")) / "gum_news"


def _run(args: argparse.Namespace) -> int:
    from wirehouse.pipeline import ingest_flow
    from wirehouse.settings import Settings

    settings = Settings(**({"workers": args.workers} if args.workers else {}))
    state = ingest_flow(settings)(
        source=str(args.source) if args.source else None,
        db=str(args.db) if args.db else None,
        data_dir=str(args.data_dir) if args.data_dir else None,
        workers=args.workers,
        return_state=True,
    )
    if state.is_completed():
        from wirehouse.pipeline import RunSummary

        print(RunSummary(**state.result()).as_text())
        return 0
    print(f"wirehouse-ingest {state.name}: {state.message}", file=sys.stderr)
    return 1


def _settings(args: argparse.Namespace):
    from wirehouse.settings import Settings

    overrides = {k: v for k, v in {"db": args.db, "data_dir": getattr(args, "data_dir", None)}.items() if v}
    return Settings(**overrides)


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
    from wirehouse.settings import Settings

    url = server_url()
    how_to = (
        "Scheduling needs a running Prefect server (its scheduler does not run in a temporary one): "
        "start one with `prefect server start` (or `make server`) and set "
        "PREFECT_API_URL=http://127.0.0.1:4200/api."
    )
    if not url:
        print(f"PREFECT_API_URL is not set. {how_to}", file=sys.stderr)
        return 2
    try:
        httpx.get(url.rstrip("/") + "/health", timeout=5).raise_for_status()
    except httpx.HTTPError as exc:
        print(f"no Prefect server answers at {url} ({exc}). {how_to}", file=sys.stderr)
        return 2
    overrides = {k: v for k, v in {"source": args.source, "db": args.db, "data_dir": args.data_dir}.items() if v}
    settings = Settings(**overrides)
    # Absolute paths: the served runs execute in their own processes.
    parameters = {
        "source": str(settings.source.resolve()),
        "db": str(settings.db_path.resolve()),
        "data_dir": str(settings.data_dir.resolve()),
    }
    print(
        f"serving wirehouse-ingest/{args.name} on {url}: "
        + (f"cron {args.cron!r}" if args.cron else f"every {args.interval} s"),
        flush=True,
    )
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

    from wirehouse.warehouse import WarehouseBusy

    sql = args.sql if args.sql != "-" else sys.stdin.read()
    try:
        con = _open_read_only(args)
    except (FileNotFoundError, WarehouseBusy) as exc:
        print(exc, file=sys.stderr)
        return 2
    with con:
        try:
            relation = con.sql(sql)
            frame = relation.pl() if relation is not None else None
        except duckdb.Error as exc:
            if "read-only" in str(exc):
                print(
                    "wirehouse query is read-only: it cannot change the warehouse (only `wirehouse run` "
                    f"writes). {exc}",
                    file=sys.stderr,
                )
            else:
                print(f"query failed: {exc}", file=sys.stderr)
            return 1
    if frame is None:
        return 0
    if args.format == "csv":
        sys.stdout.write(frame.write_csv())
    elif args.format == "json":
        print(json.dumps(frame.to_dicts(), default=str, ensure_ascii=False, indent=1))
    else:
        with pl.Config(
            tbl_rows=args.max_rows,
            fmt_str_lengths=80,
            tbl_width_chars=200,
            tbl_hide_dataframe_shape=True,
            tbl_hide_column_data_types=True,
        ):
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

    from wirehouse.evaluate import evaluate
    from wirehouse.settings import get_settings

    root = args.corpus
    if not (root / "gold_mentions.csv").is_file():
        print(f"no GUM corpus at {root} (expected gold_mentions.csv, text/ and conllu/)", file=sys.stderr)
        return 2
    table = evaluate(root, args.model or get_settings().spacy_model)
    with pl.Config(tbl_rows=100, float_precision=3, tbl_hide_dataframe_shape=True, tbl_hide_column_data_types=True):
        print(table)
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
    run.add_argument(
        "--workers",
        type=int,
        help="run the NLP stage on a local Dask cluster of N worker processes "
        "(WIREHOUSE_DASK_ADDRESS uses an existing cluster instead)",
    )
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
        description="Run one SQL statement on the warehouse through a read-only connection: tables and the "
        "mart views (entity_profile, entity_cooccurrence, event_timeline, dyad_summary). Writes are refused.",
    )
    query.add_argument("sql", help="the SQL statement, or - to read it from standard input")
    query.add_argument("--db", type=Path, help="DuckDB warehouse file (default: data/warehouse.duckdb)")
    query.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="table for people (default), csv or json for scripts",
    )
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
    ev.add_argument("--model", help="spaCy model (default: WIREHOUSE_SPACY_MODEL)")
    ev.set_defaults(handler=_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
