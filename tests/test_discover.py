from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl
import pytest
from wirehouse.discover import hash_files, paths_to_hash, plan_changes, scan
from wirehouse.model import MANIFEST_SCHEMA


def manifest(rows: list[tuple], rules_version: str = "") -> pl.DataFrame:
    """Manifest rows without the rules version, which is ``rules_version`` for all."""
    return pl.DataFrame([(*r, rules_version) for r in rows], schema=MANIFEST_SCHEMA, orient="row")


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


def test_scan_picks_up_html_pages_and_says_which_files_it_will_not_read(tmp_path: Path):
    for name in ("a.txt", "b.html", "c.HTM", "d.md", "e.txt.bak", "f.html.gz", ".DS_Store", ".hidden.txt.swp"):
        (tmp_path / name).write_text("x")
    out = scan(tmp_path)
    assert dict(out.select("source_path", "reason").iter_rows()) == {
        "a.txt": None, "b.html": None, "c.HTM": None, "d.md": "not_an_article_file",
        "e.txt.bak": "not_an_article_file", "f.html.gz": None}
    assert ".txt, .html and .htm" in out.filter(pl.col("source_path") == "d.md")["detail"][0]


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A source folder with every kind of entry a hostile or careless user can leave in it."""
    source = tmp_path / "source"
    source.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0")
    (source / "good.txt").write_text("fine")
    (source / "with space é 東京.txt").write_text("unicode name")
    (source / "new\nline.txt").write_text("newline name")
    (source / "outside.txt").symlink_to(outside)
    (source / "loop.txt").symlink_to(source / "loop.txt")
    (source / "dangling.txt").symlink_to(source / "nowhere.txt")
    (source / "linked_folder").symlink_to(tmp_path)
    os.mkfifo(source / "x.txt")
    (source / "y.txt").mkdir()
    (source / "y.txt" / "inside.txt").write_text("a file in a folder named y.txt")
    return source


def test_scan_never_follows_links_nor_lists_special_files_as_readable(hostile: Path):
    out = {r["source_path"]: r for r in scan(hostile).to_dicts()}
    assert {p: r["reason"] for p, r in out.items()} == {
        "good.txt": None, "with space é 東京.txt": None, "new\nline.txt": None, "y.txt/inside.txt": None,
        "outside.txt": "symlink", "loop.txt": "symlink", "dangling.txt": "symlink", "linked_folder": "symlink",
        "x.txt": "not_regular_file",
    }
    assert "secret.txt" in out["outside.txt"]["detail"] and "FIFO" in out["x.txt"]["detail"]
    # The link's own size, not its target's.
    assert out["outside.txt"]["size_bytes"] == len(str(hostile.parent / "secret.txt"))


def test_a_hostile_folder_plans_readable_files_as_articles_and_the_rest_as_quarantined(hostile: Path):
    scanned_ = scan(hostile)
    empty = manifest([])
    to_hash = paths_to_hash(scanned_, empty)
    assert "x.txt" not in to_hash and "outside.txt" not in to_hash
    plan = by_path(plan_changes(scanned_, empty, hash_files(hostile, to_hash), run_id=1))
    assert {p for p, r in plan.items() if r["role"] == "article"} == {
        "good.txt", "with space é 東京.txt", "new\nline.txt", "y.txt/inside.txt"}
    quarantined = {p: r for p, r in plan.items() if r["role"] == "quarantined"}
    assert set(quarantined) == {"outside.txt", "loop.txt", "dangling.txt", "linked_folder", "x.txt"}
    assert all(r["needs_work"] and r["content_sha256"] is None and r["change"] == "new" for r in quarantined.values())


def test_entries_swapped_after_the_scan_are_refused_when_hashed(tmp_path: Path):
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        (tmp_path / name).write_text(name)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "e.txt").write_text("e")
    (tmp_path / "a.txt").unlink()
    (tmp_path / "b.txt").unlink()
    (tmp_path / "b.txt").symlink_to(tmp_path / "c.txt")
    (tmp_path / "c.txt").unlink()
    os.mkfifo(tmp_path / "c.txt")
    (tmp_path / "sub").rename(tmp_path / "elsewhere")
    (tmp_path / "sub").symlink_to(tmp_path / "elsewhere")
    out = hash_files(tmp_path, ["a.txt", "b.txt", "c.txt", "d.txt", "sub/e.txt"])
    assert out["reason"].to_list() == ["vanished", "symlink", "not_regular_file", None, "symlink"]
    assert out["content_sha256"].is_null().to_list() == [True, True, True, False, True]


def _as_nobody(function: str, *args: str) -> list:
    """``wirehouse.discover.<function>(Path(source), ...)`` as an unprivileged user, rows as lists: root
    reads any file whatever its mode, a real user does not."""
    from wirehouse import discover

    if os.geteuid() != 0:
        rows = getattr(discover, function)(Path(args[0]), *([list(args[1:])] if args[1:] else [])).rows()
        return [list(r) for r in rows]
    # Everything is imported and warmed up before dropping privileges: the interpreter's own files may be
    # root's only.
    script = ("import json, os, sys; from pathlib import Path\n"
              "from wirehouse import discover\n"
              "f = getattr(discover, sys.argv[1]); source = Path(sys.argv[2]); more = sys.argv[3:]\n"
              "discover.hash_files(source, []); discover.scan(source)\n"
              "os.setgroups([]); os.setgid(65534); os.setuid(65534)\n"
              "print(json.dumps((f(source, more) if more else f(source)).rows()))")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "flows")}
    done = subprocess.run([sys.executable, "-c", script, function, *args], capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_an_unreadable_file_is_refused_and_the_others_still_hashed():
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder)
        source.chmod(0o755)
        (source / "ok.txt").write_bytes(b"abc")
        (source / "ok.txt").chmod(0o644)
        (source / "locked.txt").write_bytes(b"secret")
        (source / "locked.txt").chmod(0o000)
        rows = {r[0]: r for r in _as_nobody("hash_files", folder, "locked.txt", "ok.txt")}
    assert rows["ok.txt"][1] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert rows["locked.txt"][1:3] == [None, "unreadable"] and "permission denied" in rows["locked.txt"][3]


def test_a_folder_that_cannot_be_listed_is_reported_and_the_rest_scanned():
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder)
        source.chmod(0o755)
        (source / "ok.txt").write_text("fine")
        (source / "ok.txt").chmod(0o644)
        (source / "closed").mkdir()
        (source / "closed" / "hidden.txt").write_text("unseen")
        (source / "closed").chmod(0o700)
        rows = {r[0]: r[3:] for r in _as_nobody("scan", folder)}
    assert set(rows) == {"ok.txt", "closed/"}
    assert rows["ok.txt"] == [None, None] and rows["closed/"][0] == "unreadable"


def test_a_quarantined_entry_is_redone_only_when_it_changes_and_a_fixed_one_is_read():
    m = manifest([("link.txt", 30, 1, None, "quarantined", None, 1),
                  ("locked.txt", 5, 1, None, "quarantined", None, 1),
                  ("was_article.txt", 5, 1, "h", "article", None, 1)])
    s = pl.DataFrame([("link.txt", 30, 1, "symlink", "a link"), ("locked.txt", 5, 1, None, None),
                      ("was_article.txt", 20, 2, "symlink", "a link")],
                     schema={"source_path": pl.String, "size_bytes": pl.Int64, "mtime_ns": pl.Int64,
                             "reason": pl.String, "detail": pl.String}, orient="row")
    # An unreadable file keeps its mtime when its permissions are fixed, so it is tried on every run.
    assert paths_to_hash(s, m) == ["locked.txt"]
    plan = by_path(plan_changes(s, m, hashes([("locked.txt", "h2")]), run_id=2))
    assert plan["link.txt"]["change"] == "unchanged" and not plan["link.txt"]["needs_work"]
    assert plan["locked.txt"]["change"] == "changed" and plan["locked.txt"]["role"] == "article"
    assert plan["was_article.txt"]["change"] == "changed" and plan["was_article.txt"]["role"] == "quarantined"
    assert plan["was_article.txt"]["content_sha256"] is None and plan["was_article.txt"]["needs_work"]


def test_a_name_that_is_not_utf8_is_quarantined_with_a_readable_path(tmp_path: Path):
    with open(os.fsencode(tmp_path) + b"/caf\xe9.txt", "wb") as fh:
        fh.write(b"latin-1 name")
    out = scan(tmp_path).to_dicts()
    assert [(r["source_path"], r["reason"]) for r in out] == [("caf\\xe9.txt", "bad_name")]


def test_a_file_over_the_limit_is_not_read_to_be_hashed(tmp_path: Path):
    with (tmp_path / "huge.txt").open("wb") as fh:  # sparse: 4 GiB on paper; reading it would take seconds
        fh.truncate(4 << 30)
    (tmp_path / "small.txt").write_bytes(b"abc")
    started = time.monotonic()
    out = hash_files(tmp_path, ["huge.txt", "small.txt"], max_bytes=1000)
    assert time.monotonic() - started < 1
    assert out["reason"].to_list() == ["too_large", None] and "4294967296 bytes" in out["detail"][0]
    plan = by_path(plan_changes(scan(tmp_path), manifest([]), out, run_id=1))
    assert plan["huge.txt"]["role"] == "quarantined" and plan["small.txt"]["role"] == "article"


def test_files_whose_rules_changed_are_rederived_and_others_not():
    m = manifest([("a.txt", 1, 1, "ha", "article", None, 1), ("b.txt", 1, 1, "hb", "quarantined", None, 1),
                  ("c.txt", 1, 1, "ha", "duplicate", "a.txt", 1)], rules_version="old")
    s = scanned([("a.txt", 1, 1), ("b.txt", 1, 1), ("c.txt", 1, 1)])
    same = by_path(plan_changes(s, m, hashes([]), run_id=2, rules_version="old"))
    assert {p: (r["change"], r["needs_work"]) for p, r in same.items()} == {
        "a.txt": ("unchanged", False), "b.txt": ("unchanged", False), "c.txt": ("unchanged", False)}
    new_rules = by_path(plan_changes(s, m, hashes([]), run_id=2, rules_version="new"))
    # The article and the quarantined file are derived again; the duplicate has nothing derived.
    assert {p: (r["change"], r["needs_work"]) for p, r in new_rules.items()} == {
        "a.txt": ("rederive", True), "b.txt": ("rederive", True), "c.txt": ("unchanged", False)}
    assert new_rules["a.txt"]["role"] == "article"
    forced = by_path(plan_changes(s, m, hashes([]), run_id=2, rules_version="old", reprocess=True))
    assert forced["a.txt"]["change"] == "rederive" and forced["c.txt"]["change"] == "unchanged"

