from __future__ import annotations

from pathlib import Path

import polars as pl
from wirehouse.extract import decode_document, extract_files


def test_utf8_text_is_decoded_as_utf8():
    d = decode_document("Putin’s gift — “beautiful”".encode(), 1000)
    assert (d.text, d.encoding, d.reason) == ("Putin’s gift — “beautiful”", "utf-8", None)


def test_utf8_bom_is_stripped():
    assert decode_document(b"\xef\xbb\xbfHello there", 1000).text == "Hello there"


def test_latin1_text_is_decoded_not_quarantined():
    d = decode_document("Café in Zürich, déjà vu – naïve".encode("cp1252"), 1000)
    assert d.reason is None
    assert d.text == "Café in Zürich, déjà vu – naïve"
    assert d.encoding == "cp1252"


def test_utf16_with_bom_is_decoded():
    assert decode_document("Moscow said".encode("utf-16"), 1000).text == "Moscow said"


def test_empty_and_blank_files_are_quarantined():
    assert decode_document(b"", 1000).reason == "empty"
    assert decode_document(b" \n\t\n", 1000).reason == "empty"


def test_binary_file_is_quarantined():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    d = decode_document(png, 10_000)
    assert d.reason == "binary" and d.text is None and "control" in d.detail


def test_oversized_file_is_quarantined_with_its_size():
    d = decode_document(b"a" * 11, 10)
    assert d.reason == "too_large" and "11 bytes" in d.detail


def test_extract_files_returns_one_row_per_file(tmp_path: Path):
    (tmp_path / "ok.txt").write_text("Some text here.")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "big.txt").write_text("x" * 50)
    files = pl.DataFrame({"source_path": ["ok.txt", "empty.txt", "big.txt", "gone.txt"],
                          "content_sha256": ["1", "2", "3", "4"]})
    out = extract_files(tmp_path, files, max_bytes=40)
    assert out["source_path"].to_list() == ["ok.txt", "empty.txt", "big.txt", "gone.txt"]
    assert out["reason"].to_list() == [None, "empty", "too_large", "vanished"]
    assert out["text"][0] == "Some text here."
