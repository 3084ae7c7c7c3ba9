"""Reports: what a run's validation found, for people (markdown artifact, `wirehouse report`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl


def per_table(results: pl.DataFrame) -> pl.DataFrame:
    """Passed, failed and critical-failed expectations per table."""
    return (
        results.group_by("table_name")
        .agg(
            passed=pl.col("success").sum(),
            failed=(~pl.col("success")).sum(),
            critical_failed=(~pl.col("success") & (pl.col("severity") == "critical")).sum(),
        )
        .sort("table_name")
    )


def markdown_summary(
    run_id: int, status: str, results: pl.DataFrame, quarantined: list[tuple[str, str, str]], data_docs: Path
) -> str:
    lines = [
        f"# Wirehouse run {run_id}: {status}",
        "",
        "| table | passed | failed | critical failed |",
        "|---|---|---|---|",
    ]
    for table, passed, failed, critical in per_table(results).iter_rows():
        lines.append(f"| {table} | {passed} | {failed} | {critical} |")
    failures = results.filter(~pl.col("success"))
    if failures.height:
        lines += [
            "",
            "## Failed expectations",
            "",
            "| table | expectation | column | severity | observed |",
            "|---|---|---|---|---|",
        ]
        for t, e, c, sev, o in failures.select(
            "table_name", "expectation", "column_name", "severity", "observed_value"
        ).iter_rows():
            lines.append(f"| {t} | {e} | {c or ''} | {sev} | {(o or '').replace('|', '/')} |")
    lines += ["", f"## Quarantined files ({len(quarantined)})", ""]
    lines += [f"- `{path}`: {reason} ({detail})" for path, reason, detail in quarantined] or ["none"]
    lines += ["", f"Data Docs: {data_docs.resolve().as_uri()}"]
    return "\n".join(lines)


@dataclass(frozen=True)
class LastRun:
    run_id: int
    status: str
    published: bool
    error: str | None
    results: pl.DataFrame
    quarantined: list[tuple[str, str, str]]

    @property
    def critical_failed(self) -> bool:
        return self.status == "failed" or bool(
            self.results.filter(~pl.col("success") & (pl.col("severity") == "critical")).height
        )


def last_run(con: duckdb.DuckDBPyConnection) -> LastRun | None:
    found = con.execute(
        "select run_id, status, coalesce(published, false), error from runs order by run_id desc limit 1"
    ).fetchall()
    if not found:
        return None
    row = found[0]
    results = pl.from_arrow(
        con.sql(
            f"select table_name, expectation, column_name, success, observed_value, severity"
            f" from validation_results where run_id = {int(row[0])} order by table_name, expectation, column_name"
        ).to_arrow_table()
    )
    quarantined = con.execute("select source_path, reason, detail from quarantine order by 1").fetchall()
    return LastRun(int(row[0]), row[1], bool(row[2]), row[3], results, quarantined)


def report_text(run: LastRun, data_docs: Path) -> str:
    lines = [f"last run: {run.run_id} {run.status}" + (" (published)" if run.published else " (not published)")]
    if run.results.height:
        lines.append("validation:")
        for table, passed, failed, critical in per_table(run.results).iter_rows():
            lines.append(f"  {table:<16} {passed:>3} passed {failed:>3} failed ({critical} critical)")
        for t, e, c, sev, o in (
            run.results.filter(~pl.col("success"))
            .select("table_name", "expectation", "column_name", "severity", "observed_value")
            .iter_rows()
        ):
            lines.append(f"  FAILED [{sev}] {t}.{c or '*'} {e}: {o}")
    else:
        lines.append("validation: no results recorded for this run")
    if run.error:
        lines.append(f"error: {run.error}")
    lines.append(f"quarantined files: {len(run.quarantined)}")
    lines += [f"  {path}: {reason} ({detail})" for path, reason, detail in run.quarantined]
    lines.append(f"data docs: {data_docs}" + ("" if data_docs.exists() else " (not built yet)"))
    return "\n".join(lines)
