"""Reference data compiled once and kept on disk (the coding dictionaries, the gazetteer, the resolver's tables).

Building them from their sources takes a second or two and leaves a fragmented heap (GeoNames' JSON, the
PETRARCH text files) in every run; the compiled objects load from a pickle in about a tenth of that. A cache
file says which sources it was compiled from (a fingerprint of their contents, the versions of the packages
that supply data, the code that compiles them) and carries a digest of its own bytes: a file that is stale,
damaged or not ours is compiled again and replaced. The digest catches damage, not tampering: what keeps a
crafted file from running code is that only dates and this package's dataclasses are unpickled.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import importlib
import io
import logging
import os
import pickle
import sys
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


def load(path: Path, key: str, build: Callable[[], T]) -> T:
    """What ``build`` returns, read from ``path`` when the file there was written for ``key`` (a
    :func:`fingerprint`) and is intact; otherwise built, written there (atomically) and returned."""
    if len(key) != _DIGEST:
        raise ValueError(f"a compiled file's key is a fingerprint of {_DIGEST} hex characters, not {key!r}")
    try:
        return _read(path, key)
    except FileNotFoundError:
        pass
    except Exception as error:  # a damaged, stale or foreign file: compile again
        log.info("compiling %s again: %s", path.name, error)
    value = _shared(build())  # the copy written, smaller than what was built: the run goes on with it
    try:
        _write(path, key, value)
    except OSError as error:  # a read-only data folder: the run goes on with what it compiled
        log.warning("could not keep %s compiled: %s", path, error)
    return value


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
