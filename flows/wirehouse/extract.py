"""Extract: raw bytes of a source file to text, or a quarantine reason saying why not.

Nothing is dropped silently: every file handed in comes back either with ``text`` or with a ``reason``
(``empty``, ``too_large``, ``binary``, ``undecodable``, or one of discovery's refusals: ``unreadable``,
``vanished``, ``symlink``, ``not_regular_file``) and a human-readable ``detail``. Text comes out in
Unicode NFC, so the same words typed with combining accents or precomposed letters are the same text.
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from charset_normalizer import from_bytes

from wirehouse.discover import FileRejected, open_source_file
from wirehouse.model import EXTRACTED_SCHEMA

# Share of C0 control bytes (other than tab, newline, carriage return, form feed) above which a file
# is taken for binary rather than text in an unexpected encoding.
_CONTROL_SHARE_BINARY = 0.05
_TEXT_CONTROLS = {0x09, 0x0A, 0x0C, 0x0D}
# UTF-16 without a byte-order mark: text in a Latin script has a NUL as the high byte of nearly every
# character, so one byte position of each pair is mostly NUL and the other almost never is.
_UTF16_NUL_SHARE = 0.3
_UTF16_OTHER_NUL_SHARE = 0.02


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


def _utf16_without_bom(raw: bytes) -> str | None:
    sample = raw[:65536]
    pairs = len(sample) // 2
    if len(raw) % 2 or pairs == 0:
        return None
    even, odd = sample[0::2].count(0) / pairs, sample[1::2].count(0) / pairs
    if odd >= _UTF16_NUL_SHARE and even <= _UTF16_OTHER_NUL_SHARE:
        encoding = "utf-16-le"
    elif even >= _UTF16_NUL_SHARE and odd <= _UTF16_OTHER_NUL_SHARE:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(text.encode("utf-8")) else text


def _text(text: str, encoding: str) -> Decoded:
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        return Decoded(None, None, "empty", "the file holds no text")
    return Decoded(text, encoding)


def decode_document(raw: bytes, max_bytes: int) -> Decoded:
    """Decode one file's bytes. A byte-order mark decides; then UTF-16 recognised by its NUL bytes; then
    UTF-8, then Windows-1252 (a superset of Latin-1's printable range, which is what "Latin-1" text from
    the web really is), then charset detection. The text is NFC-normalised."""
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
                return _text(raw.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                return Decoded(None, None, "undecodable", f"{encoding} byte-order mark but {exc}")
    if (utf16 := _utf16_without_bom(raw)) is not None:
        return _text(utf16, "utf-16")
    if _looks_binary(raw):
        return Decoded(None, None, "binary", "NUL or control bytes: not a text file")
    try:
        return _text(raw.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return _text(raw.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        return Decoded(None, None, "undecodable", "not UTF-8, not Windows-1252, and no charset detected")
    return _text(str(best), best.encoding)


def read_bounded(source: Path, path: str, max_bytes: int) -> bytes | Decoded:
    """The file's bytes, or a quarantine outcome: ``too_large`` is decided from the open file's size, and
    at most ``max_bytes + 1`` bytes are ever read (a file growing while read is caught too)."""
    try:
        with open_source_file(source, path) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                return Decoded(None, None, "too_large", f"{size} bytes is over the limit of {max_bytes}")
            raw = fh.read(max_bytes + 1)
    except FileRejected as exc:
        return Decoded(None, None, exc.reason, exc.detail)
    except OSError as exc:
        return Decoded(None, None, "unreadable", f"{exc.strerror} while reading (errno {exc.errno})")
    if len(raw) > max_bytes:
        return Decoded(None, None, "too_large", f"over the limit of {max_bytes} bytes (it grew while read)")
    return raw


def gunzip_bounded(raw: bytes, max_bytes: int) -> bytes | Decoded:
    """A ``.gz`` file's content, never more than ``max_bytes + 1`` bytes of it inflated (a small file can
    inflate to gigabytes); a stream that is not gzip, is corrupt or is cut short is ``undecodable``.
    Python's reader takes several members one after the other, and zero padding after them."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
            out = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:  # BadGzipFile is an OSError
        cut = isinstance(exc, EOFError)
        return Decoded(None, None, "undecodable", "the gzip stream is cut short" if cut else
                       f"not a gzip stream or a corrupt one ({exc})")
    if len(out) > max_bytes:
        return Decoded(None, None, "too_large", f"over the limit of {max_bytes} bytes once uncompressed")
    return out


def extract_files(source: Path, files: pl.DataFrame, max_bytes: int) -> pl.DataFrame:
    """Read and decode each of ``files`` (``source_path``, ``content_sha256``) below ``source``, one file at
    a time and never more than ``max_bytes + 1`` bytes of it."""
    rows = []
    for path, sha in files.select("source_path", "content_sha256").iter_rows():
        raw = read_bounded(source, path, max_bytes)
        if isinstance(raw, bytes) and path.lower().endswith(".gz"):
            raw = gunzip_bounded(raw, max_bytes)
        decoded = raw if isinstance(raw, Decoded) else decode_document(raw, max_bytes)
        rows.append((path, sha, decoded.text, decoded.encoding, decoded.reason, decoded.detail))
    return pl.DataFrame(rows, schema=EXTRACTED_SCHEMA, orient="row")
