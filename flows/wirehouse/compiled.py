"""Reference data compiled once and kept on disk (the coding dictionaries, the gazetteer, the resolver's tables).

Building them from their sources takes a second or two and leaves a fragmented heap (GeoNames' JSON, the
PETRARCH text files) in every run; the compiled objects load from a pickle in about a tenth of that. A cache
file says which sources it was compiled from (a fingerprint of their contents, the versions of the packages
that supply data, the code that compiles them) and carries a digest of its own bytes: a file that is stale,
damaged or not ours is compiled again and replaced. The digest catches damage, not tampering: what keeps a
crafted file from running code is that only dates and this package's dataclasses are unpickled.

Each kind keeps a few compilations side by side, named by their key (``dictionaries.<key>.pickle``): a user who
runs with other dictionaries now and then (or two warehouses with different ones) reads each compiled once
rather than compiling one over the other on every switch. The least recently used beyond ``KEEP`` go.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import importlib
import io
import logging
import os
import pickle
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

log = logging.getLogger(__name__)

_MAGIC = b"wirehouse compiled reference data\n"
_DIGEST = 64  # hex characters of a sha256
KEEP = 3  # compilations kept per kind
_NAMED = 16  # hex characters of the key in a file's name: a clash only costs a compilation
_ABANDONED = 3600  # seconds after which a temporary file is a crashed writer's, not one being written


def fingerprint(files: Iterable[Path], *parts: str) -> str:
    """A digest of ``files`` (names and contents, in the order given), ``parts`` (package versions, options),
    and the Python version and this module that write the file."""
    digest = hashlib.sha256(f"python {sys.version_info[0]}.{sys.version_info[1]}".encode())
    digest.update(Path(__file__).read_bytes())
    for part in parts:
        digest.update(b"\0part\0" + part.encode())
    for path in files:
        digest.update(b"\0file\0" + Path(path).name.encode() + b"\0")
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def file_for(path: Path, key: str) -> Path:
    """Where the compilation of ``path``'s kind (``folder/kind.pickle``) for ``key`` is kept."""
    return path.with_name(f"{path.stem}.{key[:_NAMED]}{path.suffix}")


def load(path: Path, key: str, build: Callable[[], T]) -> T:
    """What ``build`` returns, read from the file kept beside ``path`` for ``key`` (a :func:`fingerprint`)
    when it is intact; otherwise built, written there (atomically) and returned."""
    if len(key) != _DIGEST:
        raise ValueError(f"a compiled file's key is a fingerprint of {_DIGEST} hex characters, not {key!r}")
    kept = file_for(path, key)
    try:
        value = _read(kept, key)
    except FileNotFoundError:
        pass
    except Exception as error:  # a damaged, stale or foreign file: compile again
        log.info("compiling %s again: %s", kept.name, error)
    else:
        with contextlib.suppress(OSError):  # marks it used, for the sweep; a read-only folder keeps no order
            os.utime(kept)
        return value
    value = _shared(build())  # the copy written, smaller than what was built: the run goes on with it
    try:
        _write(kept, key, value)
        _sweep(path)
    except OSError as error:  # a read-only data folder: the run goes on with what it compiled
        log.warning("could not keep %s compiled: %s", kept, error)
    return value


def _sweep(path: Path) -> None:
    """Remove the kind's compilations beyond the ``KEEP`` used last, and temporary files a crashed writer left."""
    now = time.time()
    kept = []
    for entry in path.parent.glob(f"{path.stem}.*{path.suffix}"):
        with contextlib.suppress(FileNotFoundError):  # another run's sweep got there first
            kept.append((entry.stat().st_mtime, entry))
    for _, entry in sorted(kept, reverse=True)[KEEP:]:
        entry.unlink(missing_ok=True)
    path.unlink(missing_ok=True)  # the one file per kind that versions before 2026-11-25 kept
    for entry in path.parent.glob(f".{path.stem}.*"):
        with contextlib.suppress(FileNotFoundError):
            if now - entry.stat().st_mtime > _ABANDONED:
                entry.unlink(missing_ok=True)


def _read(path: Path, key: str) -> Any:
    data = memoryview(path.read_bytes())
    head = len(_MAGIC)
    if data[:head] != _MAGIC:
        raise ValueError("not a compiled reference file")
    if data[head : head + _DIGEST] != key.encode():
        raise ValueError("compiled from other sources")
    payload = data[head + 2 * _DIGEST :]
    if data[head + _DIGEST : head + 2 * _DIGEST] != hashlib.sha256(payload).hexdigest().encode():
        raise ValueError("damaged (its digest does not match)")
    collecting = gc.isenabled()
    gc.disable()  # the collector would walk the hundreds of thousands of new objects again and again
    try:
        return _Unpickler(io.BytesIO(payload)).load()
    finally:
        if collecting:
            gc.enable()


def _write(path: Path, key: str, value: Any) -> None:
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    payload = buffer.getbuffer()
    path.parent.mkdir(parents=True, exist_ok=True)
    # another run may read or write the same file: it sees the old file or the new one, never half of one
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    try:
        with temporary.open("xb") as out:
            out.write(_MAGIC + key.encode() + hashlib.sha256(payload).hexdigest().encode())
            out.write(payload)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@cache
def _fields(kind: type) -> tuple[str, ...] | None:
    """The constructor's arguments of a dataclass, in order; None for any other type."""
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(f.name for f in dataclasses.fields(kind))


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        # A dataclass is written as its constructor's arguments and rebuilt by calling it: pickle's default
        # sets its attributes through a ``__dict__`` it makes for every object (a third more memory), and
        # values a ``cached_property`` kept are left to be worked out again.
        names = _fields(type(obj))
        if names is None:
            return NotImplemented
        return type(obj), tuple(getattr(obj, name) for name in names)


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        # Only dates and this package's own dataclasses (plain data, built by their constructors): no dotted
        # name, which pickle would follow through attributes to anything ("x.__globals__"), and no name a
        # wirehouse module merely imports. The digest beside the payload only catches damage: whoever can
        # write the file can write a matching digest, so this is what keeps a crafted file from running code.
        if module == "datetime" and name == "date":
            return date
        if module.startswith("wirehouse.") and "." not in name:
            found = getattr(sys.modules.get(module) or importlib.import_module(module), name, None)
            if isinstance(found, type) and found.__module__ == module and dataclasses.is_dataclass(found):
                return found
        raise pickle.UnpicklingError(f"unexpected {module}.{name}")


def _shared(value: Any) -> Any:
    """``value`` with equal strings and dates, and tuples, frozensets and frozen dataclasses of the very same
    members, made one object (the sources repeat words, names and dates by the thousand): a smaller file and
    heap. Containers are keyed by their members' identities, so ``1`` and ``1.0`` or ``True`` stay apart; an
    object reached twice is copied once (a place is in the lists of each of its names)."""
    equal: dict[Any, Any] = {}
    done: dict[int, Any] = {}  # id of an object of ``value`` (all alive meanwhile) -> its copy

    def share(obj: Any) -> Any:
        kind = type(obj)
        if kind is str or kind is date:
            return equal.setdefault((kind, obj), obj)
        if id(obj) in done:
            return done[id(obj)]
        if kind is tuple or kind is frozenset:
            members = [share(m) for m in obj]
            copy = equal.setdefault((kind, *map(id, members)), kind(members))
        elif kind is list:
            copy = [share(m) for m in obj]
        elif kind is set:
            copy = {share(m) for m in obj}
        elif kind is dict:
            copy = {share(k): share(v) for k, v in obj.items()}
        elif (names := _fields(kind)) is not None:
            values = [share(getattr(obj, name)) for name in names]
            copy = kind(*values)
            if kind.__dataclass_params__.frozen:  # type: ignore[attr-defined]
                copy = equal.setdefault((kind, *map(id, values)), copy)
        else:
            return obj
        done[id(obj)] = copy
        return copy

    return share(value)
