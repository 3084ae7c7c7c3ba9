from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from wirehouse.validate import Suite, data_docs_index, load_suite, rebuild_data_docs, validate_tables


@pytest.mark.parametrize("table", ["articles", "entities", "entity_aliases", "entity_mentions", "events", "runs"])
def test_every_table_has_a_suite_with_severities_and_reasons(table: str):
    suite = load_suite(table)
    assert suite.table == table
    assert {e["severity"] for e in suite.expectations} == {"critical", "warning"}
    assert all(len(e["why"]) > 20 for e in suite.expectations)


def test_suite_without_severity_is_refused(tmp_path: Path):
    (tmp_path / "t.json").write_text('{"table": "t", "expectations": [{"type": "X", "kwargs": {}, "why": "w"}]}')
    with pytest.raises(ValueError, match="severity"):
        load_suite("t", tmp_path)


def test_checkpoint_reports_each_expectation_with_its_severity(tmp_path: Path):
    suite = Suite("articles", [
        {"type": "ExpectColumnValuesToBeUnique", "kwargs": {"column": "article_id"}, "severity": "critical",
         "why": "w"},
        {"type": "ExpectColumnValuesToBeBetween",
         "kwargs": {"column": "published_date", "max_value": "$today"}, "severity": "critical", "why": "w"},
        {"type": "ExpectColumnValuesToNotBeNull", "kwargs": {"column": "title"}, "severity": "warning", "why": "w"},
    ])
    frame = pd.DataFrame({"article_id": ["a", "b", "b"], "title": ["x", "y", "z"],
                          "published_date": [date(2020, 1, 1), None, date(2031, 1, 1)]})
    results = validate_tables({"articles": frame}, [suite], tmp_path / "gx", run_id=7, today=date(2026, 1, 1))
    outcome = {(r["expectation"], r["column_name"]): (r["success"], r["severity"]) for r in results.to_dicts()}
    assert outcome == {
        ("expect_column_values_to_be_unique", "article_id"): (False, "critical"),
        ("expect_column_values_to_be_between", "published_date"): (False, "critical"),
        ("expect_column_values_to_not_be_null", "title"): (True, "warning"),
    }
    assert set(results["run_id"]) == {7}
    unique = results.filter(results["expectation"] == "expect_column_values_to_be_unique")
    assert unique["observed_value"][0].startswith("2 unexpected")


def test_data_docs_keep_only_the_last_runs(tmp_path: Path):
    suite = Suite("runs", [{"type": "ExpectColumnValuesToBeUnique", "kwargs": {"column": "run_id"},
                            "severity": "critical", "why": "w"}])
    gx_dir = tmp_path / "gx"
    for run_id in (1, 2, 3):
        # run 3 repeats an id, so its suite fails
        ids = [1, 2, 2] if run_id == 3 else [1, 2, 3]
        results = validate_tables({"runs": pd.DataFrame({"run_id": ids})}, [suite], gx_dir, run_id, date.today())
    index = rebuild_data_docs(gx_dir, keep_runs=2, results=results)
    assert index == data_docs_index(gx_dir) and index.is_file()
    page = index.read_text()
    summary = page[page.index('id="wirehouse-summary"'):page.index("</section>")]
    assert "wirehouse-run-000003" in summary and "<td>Failed</td><td>0</td><td>1</td><td>1</td>" in summary
    assert "wirehouse-run-000002" in page and "wirehouse-run-000003" in page
    assert "wirehouse-run-000001" not in page
    assert not list((gx_dir / "gx" / "uncommitted" / "validations").glob("*/wirehouse-run-000001"))
