"""One writer at a time: DuckDB allows a single writing process per database file.

With a Prefect server (``PREFECT_API_URL`` set) the writer slot is a Prefect global concurrency limit
named after the warehouse, so runs on several machines that share one warehouse queue for it. Without
a server it is a file lock beside the warehouse. Either way a second run waits up to
``WIREHOUSE_WRITER_WAIT_SECONDS`` and then stops with :class:`WriterBusy`, never with a raw DuckDB
lock error.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from filelock import FileLock, Timeout


class WriterBusy(RuntimeError):
    pass


def limit_name(db_path: Path) -> str:
    return "wirehouse-writer-" + hashlib.sha256(str(db_path.resolve()).encode()).hexdigest()[:12]


def server_url() -> str | None:
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value() or None


def may_use_server() -> bool:
    """Whether Prefect may be configured with a server (so the writer slot is its concurrency limit),
    decided without importing Prefect: the variable, or a profile that sets it."""
    if os.environ.get("PREFECT_API_URL"):
        return True
    home = Path(os.environ.get("PREFECT_HOME", Path.home() / ".prefect"))
    profiles = Path(os.environ.get("PREFECT_PROFILES_PATH", home / "profiles.toml"))
    return profiles.is_file() and "PREFECT_API_URL" in profiles.read_text(encoding="utf-8", errors="replace")


def _busy(db_path: Path, wait_seconds: float, how: str) -> WriterBusy:
    return WriterBusy(
        f"another wirehouse run is writing to {db_path} ({how}); waited {wait_seconds:g} s for it to finish. "
        "Try again when it is done, or raise WIREHOUSE_WRITER_WAIT_SECONDS."
    )


def _ensure_global_limit(name: str) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate
    from prefect.exceptions import ObjectAlreadyExists, ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            client.read_global_concurrency_limit_by_name(name)
        except ObjectNotFound:
            with suppress(ObjectAlreadyExists):  # another run may make it first
                client.create_global_concurrency_limit(GlobalConcurrencyLimitCreate(name=name, limit=1))


@contextmanager
def writer_lock(db_path: Path, wait_seconds: float, use_server: bool | None = None,
                on_wait: Callable[[str], None] | None = None) -> Iterator[str]:
    """Hold the warehouse's writer slot; yields how it is held (``global-concurrency-limit`` or ``file-lock``).

    When another run holds it, ``on_wait`` is told why this one waits before it does.
    """
    if use_server is None:
        use_server = server_url() is not None
    if use_server:
        from prefect.concurrency.sync import concurrency

        name = limit_name(db_path)
        _ensure_global_limit(name)
        try:
            with concurrency(name, occupy=1, timeout_seconds=wait_seconds, strict=True):
                yield "global-concurrency-limit"
        except TimeoutError as exc:
            raise _busy(db_path, wait_seconds, f"Prefect global concurrency limit {name!r}") from exc
        return
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(db_path) + ".writer.lock")
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if on_wait:
                on_wait(f"another wirehouse run is writing to {db_path}: waiting up to {wait_seconds:g} s for it "
                        "to finish (WIREHOUSE_WRITER_WAIT_SECONDS)")
            lock.acquire(timeout=wait_seconds)
    except Timeout as exc:
        raise _busy(db_path, wait_seconds, f"file lock {lock.lock_file}") from exc
    try:
        yield "file-lock"
    finally:
        lock.release()
