"""Discover: which source files are new, changed, unchanged or removed since the last run.

Stat before hashing: a file whose size and mtime match the manifest is taken as unchanged without being
read, so a re-run over a large, quiet corpus costs one ``stat`` per file. Only files whose stat moved are
hashed, and a file that was merely touched (same hash) is still unchanged.

The source folder is hostile ground: nothing found there is trusted. Symbolic links are never followed
(they could point anywhere on the machine, or at themselves), only regular files are opened (a FIFO
would block the run forever), and a file that cannot be read or that vanishes mid-run becomes a
quarantine row with a reason instead of failing the run for every other file.

The pure part, :func:`plan_changes`, decides every file's role from the scan and the manifest: which path
is the article for a given content hash and which are duplicates of it, and what work that implies.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

import polars as pl

from wirehouse.model import (
    ARTICLE,
    CHANGED,
    DUPLICATE,
    HASHES_SCHEMA,
    MANIFEST_SCHEMA,
    NEW,
    PLAN_SCHEMA,
    QUARANTINED,
    REDERIVE,
    REJECTION_SCHEMA,
    REMOVED,
    SCAN_SCHEMA,
    UNCHANGED,
)

# Why an entry of the source folder is quarantined without being read.
SYMLINK, NOT_REGULAR_FILE, UNREADABLE, VANISHED, BAD_NAME, TOO_LARGE, NOT_AN_ARTICLE_FILE = (
    "symlink", "not_regular_file", "unreadable", "vanished", "bad_name", "too_large", "not_an_article_file")

# Article files, also gzip-compressed: news archives and crawls ship pages as ``.html.gz``.
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
SUFFIXES = ARTICLE_SUFFIXES + tuple(suffix + ".gz" for suffix in ARTICLE_SUFFIXES)


class FileRejected(Exception):
    """A source entry that will not be read: ``reason`` is a quarantine reason, ``detail`` says why."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail = reason, detail


def scan(source: Path, suffixes: tuple[str, ...] = SUFFIXES) -> pl.DataFrame:
    """Every ``*.txt`` / ``*.html`` / ``*.htm`` entry (or the same with ``.gz``) below ``source`` with its
    size and mtime (of the entry itself, never of a link's target), paths relative to ``source``.

    Columns ``SCAN_SCHEMA`` plus ``reason``/``detail``, set for entries that will not be read: a symbolic
    link (``symlink``, also one to a folder, which is not descended into), a FIFO, socket or device
    (``not_regular_file``), a name that is not UTF-8 (``bad_name``), a sub-folder that cannot be listed
    (``unreadable``, its path ending in ``/``). A folder named ``y.txt`` is just a folder and is scanned
    like any other. An entry that disappears while the folder is listed is not seen.
    """
    if not source.is_dir():
        raise FileNotFoundError(f"source folder {source} does not exist or is not a folder")
    rows: list[tuple] = []
    # Paths stay strings below the source: pathlib's parsing was two thirds of a no-op run's scan at 20k files.
    top = os.fspath(source)
    start = len(os.path.join(top, ""))
    folders = [top]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)  # the frame is sorted by path at the end
        except FileNotFoundError:
            continue
        except OSError as exc:
            if folder == top:
                raise
            # Its files cannot be seen, so they count as gone; the folder itself says why.
            info = os.lstat(folder)
            rows.append((_relative(folder, start) + "/", info.st_size, info.st_mtime_ns, UNREADABLE,
                         f"the folder cannot be listed ({exc.strerror}); files in it are not seen"))
            continue
        for entry in entries:
            try:
                row = _scan_entry(start, entry, suffixes)
            except FileNotFoundError:
                continue
            if row == "folder":
                folders.append(entry.path)
            elif row is not None:
                rows.append(row)
    schema = {**SCAN_SCHEMA, **REJECTION_SCHEMA}
    return pl.DataFrame(rows, schema=schema, orient="row").sort("source_path")


def _relative(path: str, start: int) -> str:
    """``path`` below the source (``start`` characters of it name the source and a separator), with ``/``."""
    relative = path[start:]
    return relative if os.sep == "/" else relative.replace(os.sep, "/")


def _scan_entry(start: int, entry: os.DirEntry, suffixes: tuple[str, ...]) -> tuple | str | None:
    info = entry.stat(follow_symlinks=False)
    wanted = entry.name.lower().endswith(suffixes)
    if stat.S_ISDIR(info.st_mode):
        return "folder"
    if stat.S_ISLNK(info.st_mode):
        if not wanted and not os.path.isdir(entry.path):
            return None
        reason, detail = SYMLINK, f"a symbolic link (to {_link_target(entry.path)}); links are not followed"
    elif not wanted:
        # A file of another type is said to be left unread rather than passed over in silence (a .pdf or
        # .docx dropped beside the articles); hidden files (.DS_Store, .gitignore) are nobody's article.
        if entry.name.startswith(".") or not stat.S_ISREG(info.st_mode):
            return None
        reason, detail = NOT_AN_ARTICLE_FILE, ("not read: Wirehouse reads .txt, .html and .htm files, also "
                                               "gzip-compressed (.gz)")
    elif not stat.S_ISREG(info.st_mode):
        reason, detail = NOT_REGULAR_FILE, f"a {_kind(info.st_mode)}, not a regular file"
    else:
        reason = detail = None
    relative = _relative(entry.path, start)
    try:
        relative.encode("utf-8")
    except UnicodeEncodeError:
        relative = os.fsencode(relative).decode("utf-8", "backslashreplace")
        reason, detail = BAD_NAME, "the file name is not valid UTF-8"
    return (relative, info.st_size, info.st_mtime_ns, reason, detail)


def _link_target(path: str) -> str:
    try:
        return repr(os.readlink(path))
    except OSError:
        return "an unreadable target"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def open_source_file(source: Path, path: str) -> BinaryIO:
    """Open ``source/path`` for reading only if it is a regular file reached without any symbolic link.

    The checks are made on the opened file, so an entry swapped for a link or a FIFO after the scan is
    caught too: ``O_NOFOLLOW`` refuses a link, ``O_NONBLOCK`` keeps a FIFO from blocking the open.
    Raises :class:`FileRejected`.
    """
    full = source / path
    if os.path.realpath(full.parent) != os.path.join(os.path.realpath(source), *Path(path).parts[:-1]):
        raise FileRejected(SYMLINK, "a folder on its path is a symbolic link; links are not followed")
    try:
        fd = os.open(full, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError as exc:
        raise FileRejected(VANISHED, "the file disappeared after the source folder was scanned") from exc
    except PermissionError as exc:
        raise FileRejected(UNREADABLE, f"permission denied ({exc.strerror})") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise FileRejected(SYMLINK, "a symbolic link; links are not followed") from exc
        raise FileRejected(UNREADABLE, f"{exc.strerror} (errno {exc.errno})") from exc
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise FileRejected(NOT_REGULAR_FILE, f"a {_kind(mode) if not stat.S_ISDIR(mode) else 'folder'}, "
                           "not a regular file")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def paths_to_hash(scanned: pl.DataFrame, manifest: pl.DataFrame) -> list[str]:
    """Readable files that are new, or whose size or mtime differ from what the manifest saw, or that
    could not be read before (permissions change no mtime, so those are tried again on every run)."""
    joined = scanned.join(_suffixed(manifest), on="source_path", how="left")
    if "reason" in scanned.columns:
        joined = joined.filter(pl.col("reason").is_null())
    moved = joined.filter(
        pl.col("size_bytes_m").is_null()
        | pl.col("content_sha256_m").is_null()
        | (pl.col("size_bytes") != pl.col("size_bytes_m"))
        | (pl.col("mtime_ns") != pl.col("mtime_ns_m"))
        | (pl.col("status_m") == REMOVED)
    )
    return moved.sort("source_path")["source_path"].to_list()


def _suffixed(manifest: pl.DataFrame) -> pl.DataFrame:
    """The manifest's columns renamed ``<name>_m``, so a join with the scan keeps both sides apart."""
    return manifest.select(list(MANIFEST_SCHEMA)).rename(lambda c: c if c == "source_path" else f"{c}_m")


def sha256_file(source: Path, path: str, max_bytes: int | None = None, chunk: int = 1 << 20) -> str:
    """The file's SHA-256, read in chunks (memory stays bounded); raises :class:`FileRejected`, also
    (``too_large``, without reading it) for a file over ``max_bytes``."""
    digest = hashlib.sha256()
    with open_source_file(source, path) as fh:
        size = os.fstat(fh.fileno()).st_size
        if max_bytes is not None and size > max_bytes:
            raise FileRejected(TOO_LARGE, f"{size} bytes is over the limit of {max_bytes}; not read")
        try:
            while block := fh.read(chunk):
                digest.update(block)
        except OSError as exc:
            raise FileRejected(UNREADABLE, f"{exc.strerror} while reading (errno {exc.errno})") from exc
    return digest.hexdigest()


def hash_files(source: Path, paths: list[str], max_bytes: int | None = None) -> pl.DataFrame:
    """``HASHES_SCHEMA``: each path's hash, or a null hash and the reason it was not read (a file over
    ``max_bytes`` is quarantined ``too_large`` by its size alone)."""
    rows = []
    for path in paths:
        try:
            rows.append((path, sha256_file(source, path, max_bytes), None, None))
        except FileRejected as exc:
            rows.append((path, None, exc.reason, exc.detail))
    return pl.DataFrame(rows, schema=HASHES_SCHEMA, orient="row")


def with_rejection(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with null ``reason`` and ``detail`` columns added where it has none."""
    missing = [pl.lit(None, dtype).alias(name) for name, dtype in REJECTION_SCHEMA.items() if name not in frame.columns]
    return frame.with_columns(missing) if missing else frame


def plan_changes(
    scanned: pl.DataFrame,
    manifest: pl.DataFrame,
    hashes: pl.DataFrame,
    run_id: int,
    rules_version: str = "",
    reprocess: bool = False,
) -> pl.DataFrame:
    """One row per file on disk or live in the manifest, saying what changed and what it is now.

    Columns: ``source_path, size_bytes, mtime_ns, content_sha256, change, role, canonical_path,
    previous_status, needs_work``. ``role`` is ``article`` for the first-seen path of each content hash
    (ties broken by path) and ``duplicate`` for the others; ``canonical_path`` names the article path.
    ``needs_work`` is true when the warehouse must be touched for that file: new or changed content,
    a role that moved (a duplicate promoted because its original went away), or a removal; and for an
    unchanged article or quarantined file, rules that differ from the ``rules_version`` its rows were
    derived with (or ``reprocess``): its ``change`` is then ``rederive``.

    An entry the scan or the hashing refused (``reason`` and ``detail`` set, in ``scanned`` or
    ``hashes``; both columns are optional) has role ``quarantined`` and a null hash, and takes no part
    in choosing articles; it needs work when it is new, was something else before, or its stat moved.
    """
    manifest = manifest.select(list(MANIFEST_SCHEMA))
    hashes = with_rejection(hashes).rename({"reason": "hash_reason", "detail": "hash_detail"})
    stat_moved = (pl.col("size_bytes") != pl.col("size_bytes_m")) | (pl.col("mtime_ns") != pl.col("mtime_ns_m"))
    on_disk = (
        with_rejection(scanned)
        .join(_suffixed(manifest), on="source_path", how="left")
        .join(hashes, on="source_path", how="left")
        .with_columns(
            reason=pl.coalesce("reason", "hash_reason"),
            detail=pl.when(pl.col("reason").is_not_null()).then("detail").otherwise("hash_detail"),
        )
        .with_columns(
            # A file that was not read has no content hash: not even the one it had before.
            content_sha256=pl.when(pl.col("reason").is_null())
            .then(pl.coalesce("content_sha256", "content_sha256_m")),
            previous_status=pl.col("status_m"),
            previous_duplicate_of=pl.col("duplicate_of_m"),
            first_seen_run=pl.coalesce(
                pl.when(pl.col("status_m") != REMOVED).then(pl.col("first_seen_run_m")), pl.lit(run_id)
            ),
        )
        .with_columns(
            change=pl.when(pl.col("previous_status").is_null() | (pl.col("previous_status") == REMOVED))
            .then(pl.lit(NEW))
            .when(
                pl.col("reason").is_not_null()
                & ((pl.col("previous_status") != QUARANTINED) | pl.col("content_sha256_m").is_not_null() | stat_moved)
            )
            .then(pl.lit(CHANGED))
            .when(pl.col("reason").is_null() & pl.col("content_sha256").ne_missing(pl.col("content_sha256_m")))
            .then(pl.lit(CHANGED))
            .when(
                pl.col("status_m").is_in([ARTICLE, QUARANTINED])
                & (pl.lit(reprocess) | (pl.col("rules_version_m").fill_null("") != rules_version))
            )
            .then(pl.lit(REDERIVE))
            .otherwise(pl.lit(UNCHANGED))
        )
    )
    unhashed = on_disk.filter(pl.col("content_sha256").is_null() & pl.col("reason").is_null())
    if unhashed.height:
        missing = unhashed["source_path"][:5].to_list()
        raise ValueError(f"files with no known hash (stat moved but not hashed): {missing}")
    rejected = on_disk.filter(pl.col("reason").is_not_null()).with_columns(
        role=pl.lit(QUARANTINED), canonical_path=pl.lit(None, pl.String), needs_work=pl.col("change") != UNCHANGED
    )
    on_disk = on_disk.filter(pl.col("reason").is_null())

    # Content that was already an article keeps its article path while that path holds it, so an
    # entity or event pointing at that article never moves because a copy of it appeared elsewhere.
    # Ties go to the path seen first (a duplicate's first_seen_run ties with its original's when both
    # arrive in one run, so the path decides).
    keeps_article = (pl.col("previous_status") == ARTICLE) & pl.col("change").is_in([UNCHANGED, REDERIVE])
    ranked = on_disk.with_columns(
        rank_key=pl.struct(
            (~keeps_article).cast(pl.Int8).alias("k"), pl.col("first_seen_run"), pl.col("source_path")
        )
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
            & (
                (pl.col("previous_status") != DUPLICATE)
                | (pl.col("previous_duplicate_of") != pl.col("canonical_path"))
            )
        )
        | (
            (pl.col("role") == ARTICLE)
            & ~pl.col("previous_status").is_in([ARTICLE, QUARANTINED])
        )
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
            reason=pl.lit(None, pl.String),
            detail=pl.lit(None, pl.String),
        )
    )
    columns = list(PLAN_SCHEMA)
    return pl.concat([live.select(columns), rejected.select(columns), gone.select(columns)]).sort("source_path")


def count_changes(plan: pl.DataFrame) -> dict[str, int]:
    counts = dict.fromkeys((NEW, CHANGED, UNCHANGED, REMOVED, REDERIVE), 0)
    for kind, n in plan.group_by("change").len().iter_rows():
        counts[kind] = n
    counts["seen"] = plan.filter(pl.col("change") != REMOVED).height
    return counts
