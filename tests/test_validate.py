from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from wirehouse.validate import Suite, data_docs_index, load_suite, validate_tables


def test_articles_suite_file_is_well_formed():
    suite = load_suite("articles")
    assert suite.table == "articles"
    assert {e["severity"] for e in suite.expectations} == {"critical", "warning"}


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
    assert data_docs_index(tmp_path / "gx").is_file()
