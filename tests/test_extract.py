from __future__ import annotations

import codecs
import os
import tempfile
import tracemalloc
import unicodedata
from pathlib import Path

import polars as pl
from hypothesis import example, given, settings
from hypothesis import strategies as st
from wirehouse.discover import MANIFEST_SCHEMA, hash_files, plan_changes, scan
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


def test_utf16_without_bom_is_decoded_not_taken_for_binary():
    text = "Déjà vu in Zürich: the minister said talks would resume.\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        d = decode_document(text.encode(encoding), 10_000)
        assert (d.text, d.encoding, d.reason) == (text, "utf-16", None), encoding


def test_utf16_with_bom_big_endian_and_utf32():
    assert decode_document(codecs.BOM_UTF16_BE + "Kyiv talks".encode("utf-16-be"), 1000).text == "Kyiv talks"
    assert decode_document("Kyiv talks".encode("utf-32"), 1000).text == "Kyiv talks"


def test_iso_8859_1_bytes_are_decoded():
    d = decode_document("Ça coûte 5 £ à Genève".encode("latin-1"), 1000)
    assert d.text == "Ça coûte 5 £ à Genève" and d.reason is None


def test_text_is_nfc_normalised():
    decomposed = "Cafe\u0301 in Zu\u0308rich"
    d = decode_document(decomposed.encode(), 1000)
    assert d.text == "Café in Zürich" and unicodedata.is_normalized("NFC", d.text)
    assert decode_document(decomposed.encode("utf-16"), 1000).text == "Café in Zürich"


def test_a_huge_file_is_never_read(tmp_path: Path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # sparse: 4 GiB on paper, nothing on disk
        fh.truncate(4 << 30)
    files = pl.DataFrame({"source_path": ["huge.txt"], "content_sha256": ["h"]})
    tracemalloc.start()
    out = extract_files(tmp_path, files, max_bytes=5_000_000)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert out["reason"].to_list() == ["too_large"] and str(4 << 30) in out["detail"][0]
    assert peak < 1_000_000


def test_a_file_at_the_limit_is_read_and_one_byte_over_is_not(tmp_path: Path):
    (tmp_path / "at.txt").write_bytes(b"word " * 20)
    (tmp_path / "over.txt").write_bytes(b"word " * 20 + b"x")
    files = pl.DataFrame({"source_path": ["at.txt", "over.txt"], "content_sha256": ["1", "2"]})
    assert extract_files(tmp_path, files, max_bytes=100)["reason"].to_list() == [None, "too_large"]


def test_one_line_and_a_hundred_thousand_lines_of_one_word(tmp_path: Path):
    (tmp_path / "one.txt").write_text("A single line with no newline at the end")
    (tmp_path / "many.txt").write_text("word\n" * 100_000)
    files = pl.DataFrame({"source_path": ["one.txt", "many.txt"], "content_sha256": ["1", "2"]})
    out = extract_files(tmp_path, files, max_bytes=5_000_000)
    assert out["reason"].to_list() == [None, None]
    assert out["text"][0] == "A single line with no newline at the end"
    assert out["text"][1].count("\n") == 100_000


def test_a_fifo_or_a_link_handed_to_extraction_is_refused_not_read(tmp_path: Path):
    os.mkfifo(tmp_path / "x.txt")
    (tmp_path / "secret").write_text("secret")
    (tmp_path / "link.txt").symlink_to(tmp_path / "secret")
    files = pl.DataFrame({"source_path": ["x.txt", "link.txt"], "content_sha256": ["1", "2"]})
    out = extract_files(tmp_path, files, max_bytes=1000)
    assert out["reason"].to_list() == ["not_regular_file", "symlink"]
    assert out["text"].is_null().all()


KNOWN_REASONS = {"empty", "too_large", "binary", "undecodable"}


@settings(max_examples=400, deadline=None)
@given(raw=st.binary(max_size=2000), limit=st.integers(min_value=1, max_value=3000))
def test_any_bytes_decode_to_text_or_a_reason(raw: bytes, limit: int):
    d = decode_document(raw, limit)
    assert (d.text is None) != (d.reason is None)
    if d.reason is not None:
        assert d.reason in KNOWN_REASONS and d.detail and d.encoding is None
    else:
        assert d.encoding and d.text.strip() and unicodedata.is_normalized("NFC", d.text)
        assert len(raw) <= limit


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t\r"), max_size=300)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
@example(text="\ufeffCafe\u00ad\u0301", encoding="utf-8")
def test_text_in_any_unicode_encoding_comes_back_as_its_nfc_form(text: str, encoding: str):
    d = decode_document(text.encode(encoding), 10_000)
    # A leading U+FEFF in UTF-8 is read as a byte-order mark.
    expected = unicodedata.normalize("NFC", text[1:] if encoding == "utf-8" and text[:1] == "\ufeff" else text)
    if expected.strip():
        assert d.text == expected, d
    else:
        assert d.reason == "empty"


_NAMES = st.lists(
    st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=20),
    min_size=1, max_size=5, unique=True)


@settings(max_examples=60, deadline=None)
@given(names=_NAMES, contents=st.lists(st.binary(max_size=300), min_size=5, max_size=5))
def test_any_names_and_bytes_go_from_scan_to_text_or_a_reason(names: list[str], contents: list[bytes]):
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder)
        for name, content in zip(names, contents, strict=False):
            (source / f"{name}.txt").write_bytes(content)
        scanned = scan(source)
        assert scanned.height == len(names)
        plan = plan_changes(scanned, pl.DataFrame(schema=MANIFEST_SCHEMA), hash_files(source, scanned["source_path"]
                                                                                      .to_list()), run_id=1)
        articles = plan.filter(pl.col("role") == "article")
        out = extract_files(source, articles, max_bytes=200)
        assert out["source_path"].to_list() == articles["source_path"].to_list()
        assert (out["text"].is_null() ^ out["reason"].is_null()).all()


def test_gzipped_files_are_read_inflated_and_bad_or_huge_ones_are_quarantined(tmp_path: Path):
    import gzip

    page = "<html><head><title>Rain in Oslo</title></head><body><p>It rained in Oslo on Monday.</p></body></html>"
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(page.encode()))
    (tmp_path / "two.txt.GZ").write_bytes(gzip.compress(b"First part, ") + gzip.compress(b"second part."))
    (tmp_path / "padded.txt.gz").write_bytes(gzip.compress(b"Padded, as tape tools write it.") + b"\0" * 512)
    (tmp_path / "plain.txt.gz").write_text("not compressed at all")
    (tmp_path / "cut.txt.gz").write_bytes(gzip.compress(b"a story " * 200)[:-30])
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b" " * 50_000_000))  # 50 kB on disk
    scanned = scan(tmp_path)
    assert scanned["source_path"].to_list() == ["bomb.txt.gz", "cut.txt.gz", "padded.txt.gz", "page.html.gz",
                                                "plain.txt.gz", "two.txt.GZ"]
    files = scanned.select("source_path", content_sha256=pl.col("source_path"))
    out = {r["source_path"]: r for r in extract_files(tmp_path, files, 1_000_000).to_dicts()}
    assert out["page.html.gz"]["text"] == page and out["two.txt.GZ"]["text"] == "First part, second part."
    assert out["padded.txt.gz"]["text"] == "Padded, as tape tools write it."
    assert (out["bomb.txt.gz"]["reason"], out["cut.txt.gz"]["reason"], out["plain.txt.gz"]["reason"]) == (
        "too_large", "undecodable", "undecodable")
    assert "uncompressed" in out["bomb.txt.gz"]["detail"] and "cut short" in out["cut.txt.gz"]["detail"]
