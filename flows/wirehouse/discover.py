"""Discover: which source files are new, changed, unchanged or removed since the last run.

Stat before hashing: a file whose size and mtime match the manifest is taken as unchanged without being
read, so a re-run over a large, quiet corpus costs one ``stat`` per file. Only files whose stat moved are
hashed, and a file that was merely touched (same hash) is still unchanged.

The pure part, :func:`plan_changes`, decides every file's role from the scan and the manifest: which path
is the article for a given content hash and which are duplicates of it, and what work that implies.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import polars as pl

SCAN_SCHEMA = {"source_path": pl.String, "size_bytes": pl.Int64, "mtime_ns": pl.Int64}
MANIFEST_SCHEMA = {
    "source_path": pl.String,
    "size_bytes": pl.Int64,
    "mtime_ns": pl.Int64,
    "content_sha256": pl.String,
    "status": pl.String,  # article | duplicate | quarantined | removed
    "duplicate_of": pl.String,
    "first_seen_run": pl.Int64,
}
HASHES_SCHEMA = {"source_path": pl.String, "content_sha256": pl.String}

# What happened to a file since the last run.
NEW, CHANGED, UNCHANGED, REMOVED = "new", "changed", "unchanged", "removed"
# What a live file is now.
ARTICLE, DUPLICATE, QUARANTINED = "article", "duplicate", "quarantined"


def scan(source: Path, suffix: str = ".txt") -> pl.DataFrame:
    """Every ``*.txt`` file below ``source`` with its size and mtime, paths relative to ``source``."""
    if not source.is_dir():
        raise FileNotFoundError(f"source folder {source} does not exist or is not a folder")
    rows = []
    for root, dirs, files in os.walk(source):
        dirs.sort()
        for name in sorted(files):
            if not name.lower().endswith(suffix):
                continue
            path = Path(root) / name
            st = path.stat()
            rows.append((path.relative_to(source).as_posix(), st.st_size, st.st_mtime_ns))
    return pl.DataFrame(rows, schema=SCAN_SCHEMA, orient="row")


def paths_to_hash(scanned: pl.DataFrame, manifest: pl.DataFrame) -> list[str]:
    """Files that are new, or whose size or mtime differ from what the manifest saw."""
    joined = scanned.join(_suffixed(manifest), on="source_path", how="left")
    moved = joined.filter(
        pl.col("size_bytes_m").is_null()
        | (pl.col("size_bytes") != pl.col("size_bytes_m"))
        | (pl.col("mtime_ns") != pl.col("mtime_ns_m"))
        | (pl.col("status_m") == REMOVED)
    )
    return moved.sort("source_path")["source_path"].to_list()


def _suffixed(manifest: pl.DataFrame) -> pl.DataFrame:
    """The manifest's columns renamed ``<name>_m``, so a join with the scan keeps both sides apart."""
    return manifest.select(list(MANIFEST_SCHEMA)).rename(lambda c: c if c == "source_path" else f"{c}_m")


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def hash_files(source: Path, paths: list[str]) -> pl.DataFrame:
    return pl.DataFrame([(p, sha256_file(source / p)) for p in paths], schema=HASHES_SCHEMA, orient="row")


def plan_changes(scanned: pl.DataFrame, manifest: pl.DataFrame, hashes: pl.DataFrame, run_id: int) -> pl.DataFrame:
    """One row per file on disk or live in the manifest, saying what changed and what it is now.

    Columns: ``source_path, size_bytes, mtime_ns, content_sha256, change, role, canonical_path,
    previous_status, needs_work``. ``role`` is ``article`` for the first-seen path of each content hash
    (ties broken by path) and ``duplicate`` for the others; ``canonical_path`` names the article path.
    ``needs_work`` is true when the warehouse must be touched for that file: new or changed content,
    a role that moved (a duplicate promoted because its original went away), or a removal.
    """
    manifest = manifest.select(list(MANIFEST_SCHEMA))
    on_disk = (
        scanned.join(_suffixed(manifest), on="source_path", how="left")
        .join(hashes, on="source_path", how="left")
        .with_columns(
            content_sha256=pl.coalesce("content_sha256", "content_sha256_m"),
            previous_status=pl.col("status_m"),
            previous_duplicate_of=pl.col("duplicate_of_m"),
            first_seen_run=pl.coalesce(
                pl.when(pl.col("status_m") != REMOVED).then(pl.col("first_seen_run_m")), pl.lit(run_id)
            ),
        )
        .with_columns(
            change=pl.when(pl.col("previous_status").is_null() | (pl.col("previous_status") == REMOVED))
            .then(pl.lit(NEW))
            .when(pl.col("content_sha256") != pl.col("content_sha256_m"))
            .then(pl.lit(CHANGED))
            .otherwise(pl.lit(UNCHANGED))
        )
    )
    if on_disk["content_sha256"].null_count():
        missing = on_disk.filter(pl.col("content_sha256").is_null())["source_path"].to_list()
        raise ValueError(f"files with no known hash (stat moved but not hashed): {missing[:5]}")

    # Content that was already an article keeps its article path while that path holds it, so an
    # entity or event pointing at that article never moves because a copy of it appeared elsewhere.
    # Ties go to the path seen first (a duplicate's first_seen_run ties with its original's when both
    # arrive in one run, so the path decides).
    keeps_article = (pl.col("previous_status") == ARTICLE) & (pl.col("change") == UNCHANGED)
    ranked = on_disk.with_columns(
        rank_key=pl.struct((~keeps_article).cast(pl.Int8).alias("k"), pl.col("first_seen_run"), pl.col("source_path"))
    )
    canonical = (
        ranked.sort("rank_key")
        .group_by("content_sha256", maintain_order=True)
        .agg(canonical_path=pl.col("source_path").first())
    )
    live = ranked.join(canonical, on="content_sha256", how="left").with_columns(
        role=pl.when(pl.col("source_path") == pl.col("canonical_path"))
        .then(pl.lit(ARTICLE))
        .otherwise(pl.lit(DUPLICATE))
    )
    live = live.with_columns(
        needs_work=(pl.col("change") != UNCHANGED)
        | (
            (pl.col("role") == DUPLICATE)
            & ((pl.col("previous_status") != DUPLICATE) | (pl.col("previous_duplicate_of") != pl.col("canonical_path")))
        )
        | ((pl.col("role") == ARTICLE) & ~pl.col("previous_status").is_in([ARTICLE, QUARANTINED]))
    )

    gone = (
        manifest.filter(pl.col("status") != REMOVED)
        .join(scanned.select("source_path"), on="source_path", how="anti")
        .select(
            "source_path",
            "size_bytes",
            "mtime_ns",
            "content_sha256",
            "first_seen_run",
            previous_status=pl.col("status"),
            change=pl.lit(REMOVED),
            role=pl.lit(REMOVED),
            canonical_path=pl.lit(None, pl.String),
            needs_work=pl.lit(True),
        )
    )
    columns = [
        "source_path",
        "size_bytes",
        "mtime_ns",
        "content_sha256",
        "first_seen_run",
        "change",
        "role",
        "canonical_path",
        "previous_status",
        "needs_work",
    ]
    return pl.concat([live.select(columns), gone.select(columns)]).sort("source_path")


def count_changes(plan: pl.DataFrame) -> dict[str, int]:
    counts = {kind: 0 for kind in (NEW, CHANGED, UNCHANGED, REMOVED)}
    for kind, n in plan.group_by("change").len().iter_rows():
        counts[kind] = n
    counts["seen"] = plan.filter(pl.col("change") != REMOVED).height
    return counts
