"""Validate: run Great Expectations checkpoints over warehouse tables and flatten the outcomes.

Suites are JSON files in ``suites/`` (one per table), reviewed like code: each expectation carries a
``severity`` (critical or warning) and a ``why``. GX's SQL datasource over duckdb-engine fails on this
stack, so each table is read from DuckDB into pandas and validated as a dataframe batch.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl

from wirehouse import offline_docs
from wirehouse.model import VALIDATION_SCHEMA
from wirehouse.reports import per_table

# GX reads these at import time.
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

import great_expectations as gx
from great_expectations.data_context.types.base import ProgressBarsConfig

SEVERITIES = ("critical", "warning")


@dataclass(frozen=True)
class Suite:
    table: str
    expectations: list[dict[str, Any]]

    @property
    def columns(self) -> list[str] | None:
        """The columns the expectations read, in order; None (all of them) when an expectation names its
        columns otherwise (``column_list``, ``column_A``)."""
        if any("column" not in e["kwargs"] for e in self.expectations):
            return None
        return list(dict.fromkeys(e["kwargs"]["column"] for e in self.expectations))


def load_suite(table: str, suites_dir: Path | None = None) -> Suite:
    if suites_dir is None:
        text = resources.files("wirehouse").joinpath("suites", f"{table}.json").read_text(encoding="utf-8")
    else:
        text = (suites_dir / f"{table}.json").read_text(encoding="utf-8")
    spec = json.loads(text)
    for exp in spec["expectations"]:
        if exp.get("severity") not in SEVERITIES:
            raise ValueError(f"{table}: expectation {exp['type']} needs a severity in {SEVERITIES}")
        if not exp.get("why"):
            raise ValueError(f"{table}: expectation {exp['type']} needs a 'why'")
    return Suite(table=spec["table"], expectations=spec["expectations"])


def _resolve(value: Any, today: date) -> Any:
    if value == "$today":
        return pd.Timestamp(today)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return pd.Timestamp(value)
    return value


def build_expectations(suite: Suite, today: date) -> list[Any]:
    built = []
    for spec in suite.expectations:
        cls = getattr(gx.expectations, spec["type"])
        kwargs = {k: _resolve(v, today) for k, v in spec["kwargs"].items()}
        built.append(cls(**kwargs, meta={"severity": spec["severity"], "why": spec["why"]}))
    return built


def _for_gx(frame: pd.DataFrame) -> pd.DataFrame:
    """DuckDB hands DATE columns to pandas as Python dates; GX compares them against timestamps."""
    dates = [c for c in frame.columns if frame[c].dtype == object
             and isinstance(next(iter(frame[c].dropna()), None), date)]  # a column holds one SQL type
    return frame.assign(**{c: pd.to_datetime(frame[c]) for c in dates}) if dates else frame


def _observed(result: dict[str, Any]) -> str | None:
    if "observed_value" in result and result["observed_value"] is not None:
        return str(result["observed_value"])
    if "unexpected_count" in result:
        pct = result.get("unexpected_percent") or 0.0
        sample = result.get("partial_unexpected_list") or []
        text = f"{result['unexpected_count']} unexpected ({pct:.1f}%)"
        return f"{text}, e.g. {sample[:3]}" if sample and result["unexpected_count"] else text
    return None


def get_context(gx_dir: Path) -> Any:
    gx_dir.mkdir(parents=True, exist_ok=True)
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    context = gx.get_context(mode="file", project_root_dir=str(gx_dir))
    # Progress bars would interleave with Prefect's log lines.
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    context.variables.save()
    return context


def _run_name(run_id: int) -> str:
    return f"wirehouse-run-{run_id:06d}"


def validate_tables(
    frames: dict[str, pd.DataFrame], suites: list[Suite], gx_dir: Path, run_id: int, today: date
) -> pl.DataFrame:
    """Run one GX checkpoint per table and return one row per expectation.

    Each checkpoint stores its validation result in the GX project under ``gx_dir``; call
    :func:`rebuild_data_docs` afterwards to prune old runs and render the site once.
    """
    context = get_context(gx_dir)
    source = context.data_sources.add_or_update_pandas("wirehouse")
    validated_at = datetime.now(UTC)
    rows = []
    for suite in suites:
        asset = next((a for a in source.assets if a.name == suite.table), None) or source.add_dataframe_asset(
            suite.table
        )
        batch_definition = next(
            (b for b in asset.batch_definitions if b.name == "whole_table"), None
        ) or asset.add_batch_definition_whole_dataframe("whole_table")
        gx_suite = gx.ExpectationSuite(name=suite.table, expectations=build_expectations(suite, today))
        gx_suite = context.suites.add_or_update(gx_suite)
        definition = context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=suite.table, data=batch_definition, suite=gx_suite)
        )
        checkpoint = context.checkpoints.add_or_update(
            gx.Checkpoint(
                name=f"wirehouse-{suite.table}",
                validation_definitions=[definition],
                actions=[],
                result_format="SUMMARY",
            )
        )
        outcome = checkpoint.run(
            batch_parameters={"dataframe": _for_gx(frames[suite.table])},
            run_id=gx.RunIdentifier(run_name=_run_name(run_id), run_time=validated_at),
        )
        for validation in outcome.run_results.values():
            for result in validation.results:
                config = result.expectation_config
                rows.append(
                    {
                        "run_id": run_id,
                        "table_name": suite.table,
                        "expectation": config.type,
                        "column_name": config.kwargs.get("column"),
                        "success": bool(result.success),
                        "observed_value": _observed(result.result or {}),
                        "severity": (config.meta or {}).get("severity", "critical"),
                        "validated_at": validated_at,
                    }
                )
    return pl.DataFrame(rows, schema=VALIDATION_SCHEMA)


def rebuild_data_docs(gx_dir: Path, keep_runs: int, results: pl.DataFrame | None = None) -> Path:
    """Keep the validation results of the last ``keep_runs`` runs only, render the site afresh, and put
    a static summary of ``results`` at the top of its index page.

    GX's pages load their scripts and styles from public CDNs; :func:`offline_docs.localise_site` points
    them at copies shipped with this package, so the site reads the same without a network. The summary
    is plain HTML and links to each suite's validation page.
    """
    store = gx_dir / "gx" / "uncommitted" / "validations"
    runs = sorted({p.name for p in store.glob("*/wirehouse-run-*") if p.is_dir()})
    for old in runs[:-keep_runs] if keep_runs else runs:
        for path in store.glob(f"*/{old}"):
            shutil.rmtree(path)
    index = data_docs_index(gx_dir)
    if index.parent.exists():
        shutil.rmtree(index.parent)
    get_context(gx_dir).build_data_docs()
    if results is not None and results.height and index.is_file():
        html = index.read_text(encoding="utf-8")
        index.write_text(html.replace("<body>", "<body>\n" + summary_html(index.parent, results), 1),
                         encoding="utf-8")
    if index.is_file():
        remote = offline_docs.localise_site(index.parent)
        if remote:
            logging.getLogger(__name__).warning("Data Docs still load from the network: %s", ", ".join(remote))
    return index


def summary_html(site: Path, results: pl.DataFrame) -> str:
    """A table of each suite's outcome in the given run, linking to its GX validation page."""
    run_id = int(results["run_id"][0])
    run_name = _run_name(run_id)
    rows = []
    for table, passed, failed, critical in per_table(results).iter_rows():
        page = next(iter(sorted((site / "validations" / table / run_name).glob("*/*.html"))), None)
        link = escape(page.relative_to(site).as_posix()) if page else ""
        outcome = "Failed" if failed else "Success"
        name = f'<a href="{link}">{escape(table)}</a>' if link else escape(table)
        rows.append(f'<tr class="wirehouse-{outcome.lower()}"><td>{name}</td><td>{outcome}</td>'
                    f"<td>{passed}</td><td>{failed}</td><td>{critical}</td></tr>")
    return (
        '<section id="wirehouse-summary" style="margin:1em">'
        f"<h2>Wirehouse validation: {run_name}</h2>"
        '<table class="table" border="1"><thead><tr><th>suite</th><th>outcome</th><th>passed</th>'
        "<th>failed</th><th>critical failed</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></section>"
    )


def data_docs_index(gx_dir: Path) -> Path:
    return gx_dir / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"


def load_suites(tables: tuple[str, ...]) -> list[Suite]:
    return [load_suite(table) for table in tables]
