"""Extract: raw bytes of a source file to text, or a quarantine reason saying why not.

Nothing is dropped silently: every file handed in comes back either with ``text`` or with a ``reason``
(``empty``, ``too_large``, ``binary``, ``undecodable``) and a human-readable ``detail``.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from charset_normalizer import from_bytes

EXTRACTED_SCHEMA = {
    "source_path": pl.String,
    "content_sha256": pl.String,
    "text": pl.String,
    "encoding": pl.String,
    "reason": pl.String,
    "detail": pl.String,
}

# Share of C0 control bytes (other than tab, newline, carriage return, form feed) above which a file
# is taken for binary rather than text in an unexpected encoding.
_CONTROL_SHARE_BINARY = 0.05
_TEXT_CONTROLS = {0x09, 0x0A, 0x0C, 0x0D}


@dataclass(frozen=True)
class Decoded:
    text: str | None
    encoding: str | None
    reason: str | None = None
    detail: str | None = None


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 0x20 and b not in _TEXT_CONTROLS)
    return controls / len(sample) > _CONTROL_SHARE_BINARY


def decode_document(raw: bytes, max_bytes: int) -> Decoded:
    """Decode one file's bytes. UTF-8 first, then Windows-1252 (a superset of Latin-1's printable
    range, which is what "Latin-1" text from the web really is), then charset detection."""
    if len(raw) > max_bytes:
        return Decoded(None, None, "too_large", f"{len(raw)} bytes is over the limit of {max_bytes}")
    if not raw.strip():
        return Decoded(None, None, "empty", "the file holds no text" if raw else "the file is empty")
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return Decoded(raw.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                return Decoded(None, None, "undecodable", f"{encoding} byte-order mark but {exc}")
    if _looks_binary(raw):
        return Decoded(None, None, "binary", "NUL or control bytes: not a text file")
    try:
        return Decoded(raw.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return Decoded(raw.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        return Decoded(None, None, "undecodable", "not UTF-8, not Windows-1252, and no charset detected")
    return Decoded(str(best), best.encoding)


def extract_files(source: Path, files: pl.DataFrame, max_bytes: int) -> pl.DataFrame:
    """Read and decode each of ``files`` (``source_path``, ``content_sha256``) below ``source``."""
    rows = []
    for path, sha in files.select("source_path", "content_sha256").iter_rows():
        full = source / path
        try:
            # Stat first: an oversized file is quarantined without being read into memory.
            size = full.stat().st_size
            if size > max_bytes:
                decoded = Decoded(None, None, "too_large", f"{size} bytes is over the limit of {max_bytes}")
            else:
                decoded = decode_document(full.read_bytes(), max_bytes)
        except OSError as exc:
            decoded = Decoded(None, None, "unreadable", f"{type(exc).__name__}: {exc}")
        rows.append((path, sha, decoded.text, decoded.encoding, decoded.reason, decoded.detail))
    return pl.DataFrame(rows, schema=EXTRACTED_SCHEMA, orient="row")
