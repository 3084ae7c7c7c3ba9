from __future__ import annotations

import os
from pathlib import Path

import polars as pl
import pytest
from wirehouse.discover import MANIFEST_SCHEMA, hash_files, paths_to_hash, plan_changes, scan


def manifest(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=MANIFEST_SCHEMA, orient="row")


def scanned(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"source_path": pl.String, "size_bytes": pl.Int64, "mtime_ns": pl.Int64},
                        orient="row")


def hashes(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"source_path": pl.String, "content_sha256": pl.String}, orient="row")


def by_path(plan: pl.DataFrame) -> dict[str, dict]:
    return {r["source_path"]: r for r in plan.to_dicts()}


def test_scan_lists_txt_files_recursively_with_relative_paths(tmp_path: Path):
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("aa")
    (tmp_path / "notes.md").write_text("ignored")
    out = scan(tmp_path)
    assert out["source_path"].to_list() == ["b.txt", "sub/a.txt"]
    assert out["size_bytes"].to_list() == [1, 2]


def test_scan_of_missing_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        scan(tmp_path / "nope")


def test_only_files_whose_stat_moved_are_hashed():
    m = manifest([("same.txt", 10, 100, "h1", "article", None, 1),
                  ("touched.txt", 10, 100, "h2", "article", None, 1),
                  ("gone.txt", 5, 5, "h3", "removed", None, 1)])
    s = scanned([("same.txt", 10, 100), ("touched.txt", 10, 999), ("new.txt", 3, 3), ("gone.txt", 5, 5)])
    assert paths_to_hash(s, m) == ["gone.txt", "new.txt", "touched.txt"]


def test_plan_classifies_new_changed_unchanged_removed():
    m = manifest([("same.txt", 10, 100, "h1", "article", None, 1),
                  ("edited.txt", 10, 100, "h2", "article", None, 1),
                  ("touched.txt", 10, 100, "h3", "article", None, 1),
                  ("deleted.txt", 10, 100, "h4", "article", None, 1)])
    s = scanned([("same.txt", 10, 100), ("edited.txt", 12, 200), ("touched.txt", 10, 300), ("new.txt", 1, 1)])
    h = hashes([("edited.txt", "h2b"), ("touched.txt", "h3"), ("new.txt", "h5")])
    plan = by_path(plan_changes(s, m, h, run_id=2))
    assert {p: r["change"] for p, r in plan.items()} == {
        "same.txt": "unchanged", "edited.txt": "changed", "touched.txt": "unchanged",
        "deleted.txt": "removed", "new.txt": "new"}
    assert {p for p, r in plan.items() if r["needs_work"]} == {"edited.txt", "deleted.txt", "new.txt"}
    assert plan["new.txt"]["first_seen_run"] == 2 and plan["edited.txt"]["first_seen_run"] == 1


def test_identical_content_in_one_run_makes_one_article_and_a_duplicate():
    s = scanned([("b.txt", 5, 1), ("a.txt", 5, 1)])
    plan = by_path(plan_changes(s, manifest([]), hashes([("a.txt", "h"), ("b.txt", "h")]), run_id=1))
    assert plan["a.txt"]["role"] == "article"
    assert plan["b.txt"]["role"] == "duplicate" and plan["b.txt"]["canonical_path"] == "a.txt"


def test_a_later_copy_never_takes_over_an_existing_article():
    m = manifest([("z.txt", 5, 1, "h", "article", None, 1)])
    s = scanned([("z.txt", 5, 1), ("a.txt", 5, 7)])
    plan = by_path(plan_changes(s, m, hashes([("a.txt", "h")]), run_id=2))
    assert plan["z.txt"]["role"] == "article" and not plan["z.txt"]["needs_work"]
    assert plan["a.txt"]["role"] == "duplicate" and plan["a.txt"]["canonical_path"] == "z.txt"


def test_duplicate_is_promoted_when_its_original_is_removed():
    m = manifest([("a.txt", 5, 1, "h", "article", None, 1), ("b.txt", 5, 1, "h", "duplicate", "a.txt", 1)])
    plan = by_path(plan_changes(scanned([("b.txt", 5, 1)]), m, hashes([]), run_id=3))
    assert plan["a.txt"]["change"] == "removed"
    assert plan["b.txt"]["change"] == "unchanged" and plan["b.txt"]["role"] == "article"
    assert plan["b.txt"]["needs_work"]


def test_unchanged_quarantined_file_is_not_retried_but_a_changed_one_is():
    m = manifest([("bad.txt", 5, 1, "h", "quarantined", None, 1), ("fixed.txt", 5, 1, "x", "quarantined", None, 1)])
    s = scanned([("bad.txt", 5, 1), ("fixed.txt", 9, 2)])
    plan = by_path(plan_changes(s, m, hashes([("fixed.txt", "y")]), run_id=2))
    assert not plan["bad.txt"]["needs_work"]
    assert plan["fixed.txt"]["needs_work"] and plan["fixed.txt"]["change"] == "changed"


def test_hash_files_hashes_content(tmp_path: Path):
    (tmp_path / "a.txt").write_bytes(b"abc")
    out = hash_files(tmp_path, ["a.txt"])
    assert out["content_sha256"][0] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    os.utime(tmp_path / "a.txt", ns=(1, 1))
    assert hash_files(tmp_path, ["a.txt"])["content_sha256"][0] == out["content_sha256"][0]
