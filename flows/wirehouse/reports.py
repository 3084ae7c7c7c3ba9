"""Reports: what a run's validation found, for people (markdown artifact, `wirehouse report`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from wirehouse import warehouse


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


@dataclass
class RunSummary:
    """What a run did, as the flow returns it and the CLI prints it."""

    run_id: int
    status: str
    counts: dict[str, int]
    articles: int = 0
    entities: int = 0
    events: int = 0
    not_annotated: int = 0
    validation: dict[str, int] | None = None
    critical_failures: list[str] = field(default_factory=list)
    data_docs: str | None = None

    def as_text(self) -> str:
        c = self.counts
        lines = [
            f"run {self.run_id}: {self.status}",
            f"files: {c.get('seen', 0)} seen, {c.get('new', 0)} new, {c.get('changed', 0)} changed, "
            f"{c.get('unchanged', 0)} unchanged, {c.get('removed', 0)} removed, "
            f"{c.get('duplicate', 0)} duplicate, {c.get('quarantined', 0)} quarantined",
        ]
        if c.get("rederive"):
            lines.append(f"re-derived: {c['rederive']} unchanged file(s), because the rules changed "
                         "(code, reference data, suites or model) or --reprocess asked for it")
        lines.append(f"warehouse: {self.articles} articles, {self.entities} entities, {self.events} events")
        if self.not_annotated:
            lines.append(f"not annotated: {self.not_annotated} article(s) not in English (kept, no entities or events)")
        if self.validation is None:
            lines.append("validation: skipped, nothing changed")
        else:
            lines.append(f"validation: {self.validation.get('passed', 0)} passed, "
                         f"{self.validation.get('failed', 0)} failed")
        lines += [f"  critical failure: {f}" for f in self.critical_failures]
        if self.data_docs:
            lines.append(f"data docs: {self.data_docs}")
        return "\n".join(lines)


def markdown_summary(summary: RunSummary, results: pl.DataFrame | None,
                     quarantined: list[tuple[str, str, str]]) -> str:
    lines = [f"# Wirehouse run {summary.run_id}: {summary.status}", "", "```", summary.as_text(), "```", ""]
    if results is not None:
        lines += ["| table | passed | failed | critical failed |", "|---|---|---|---|"]
        for table, passed, failed, critical in per_table(results).iter_rows():
            lines.append(f"| {table} | {passed} | {failed} | {critical} |")
        failures = results.filter(~pl.col("success"))
        if failures.height:
            lines += ["", "## Failed expectations", "", "| table | expectation | column | severity | observed |",
                      "|---|---|---|---|---|"]
            for t, e, c, sev, o in failures.select(
                "table_name", "expectation", "column_name", "severity", "observed_value"
            ).iter_rows():
                lines.append(f"| {t} | {e} | {c or ''} | {sev} | {(o or '').replace('|', '/')} |")
    lines += ["", f"## Quarantined files ({len(quarantined)})", ""]
    lines += [f"- `{path}`: {reason} ({detail})" for path, reason, detail in quarantined] or ["none"]
    if summary.data_docs:
        lines += ["", f"Data Docs: {Path(summary.data_docs).resolve().as_uri()}"]
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
    def validated_run(self) -> int | None:
        """The run the results are of: this one, or the last that validated when this had nothing to do."""
        return int(self.results["run_id"][0]) if self.results.height else None

    @property
    def critical_failed(self) -> bool:
        return self.status == "failed" or bool(
            self.results.filter(~pl.col("success") & (pl.col("severity") == "critical")).height
        )


def last_run(con: duckdb.DuckDBPyConnection) -> LastRun | None:
    found = warehouse.last_run(con)
    if found is None:
        return None
    (run_id, status, published, error), results = found
    return LastRun(int(run_id), status, bool(published), error, results, warehouse.quarantined(con))


def report_text(run: LastRun, data_docs: Path) -> str:
    validated = run.validated_run
    if run.published:
        outcome = " (published)"
    elif run.status == "completed" and validated != run.run_id:
        outcome = " (nothing changed)"
    else:
        outcome = " (not published)"
    lines = [f"last run: {run.run_id} {run.status}{outcome}"]
    if run.results.height:
        lines.append("validation:" if validated == run.run_id else f"validation (of run {validated}):")
        for table, passed, failed, critical in per_table(run.results).iter_rows():
            lines.append(f"  {table:<16} {passed:>3} passed {failed:>3} failed ({critical} critical)")
        for t, e, c, sev, o in run.results.filter(~pl.col("success")).select(
            "table_name", "expectation", "column_name", "severity", "observed_value"
        ).iter_rows():
            lines.append(f"  FAILED [{sev}] {t}.{c or '*'} {e}: {o}")
    else:
        lines.append("validation: no results recorded for this run")
    if run.error:
        lines.append(f"error: {run.error}")
    lines.append(f"quarantined files: {len(run.quarantined)}")
    lines += [f"  {path}: {reason} ({detail})" for path, reason, detail in run.quarantined]
    lines.append(f"data docs: {data_docs}" + ("" if data_docs.exists() else " (not built yet)"))
    return "\n".join(lines)
