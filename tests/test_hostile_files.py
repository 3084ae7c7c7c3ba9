"""A real flow run over a source folder holding every kind of entry a hostile or careless user leaves in
it: each becomes an article or a quarantine row with its reason, and the good files still load."""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

import pytest

from .helpers import CASES, q, run_flow

# A news page as crawls ship it, gzip-compressed.
PAGE = """<html><head><title>Harbour reopens after the storm | Coast News</title>
<meta property="og:title" content="Harbour reopens after the storm"></head><body><nav>Home News Sport</nav>
<article><h1>Harbour reopens after the storm</h1>
<p>The harbour of Bergen reopened on Tuesday after a storm that closed it for three days, the port authority
said. Fishing boats were the first to leave, followed by two ferries that had waited outside the breakwater.</p>
<p>Port officials said the damage to the piers was smaller than feared and would be repaired within weeks.</p>
</article><footer>Copyright Coast News</footer></body></html>"""


@pytest.mark.usefixtures("prefect_harness")
def test_hostile_entries_are_quarantined_and_the_run_goes_on(seed_dir: Path, tmp_path: Path):
    outside = tmp_path / "passwd.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n" * 30)
    shutil.copy(CASES / "incoming" / "new_article.txt", seed_dir / "new\nline é 東京.txt")
    (seed_dir / "outside.txt").symlink_to(outside)
    (seed_dir / "loop.txt").symlink_to(seed_dir / "loop.txt")
    (seed_dir / "dangling.txt").symlink_to(seed_dir / "nowhere.txt")
    os.mkfifo(seed_dir / "x.txt")
    (seed_dir / "y.txt").mkdir()
    with (seed_dir / "huge.txt").open("wb") as fh:  # sparse: 2 GiB on paper, never read
        fh.truncate(2 << 30)
    (seed_dir / "page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (seed_dir / "cut.txt.gz").write_bytes(gzip.compress(PAGE.encode())[:-40])
    data = tmp_path / "data"

    summary = run_flow(seed_dir, data)

    assert summary.status == "completed" and summary.articles == 7
    assert dict(q(data, "select source_path, reason from quarantine")) == {
        "outside.txt": "symlink", "loop.txt": "symlink", "dangling.txt": "symlink", "x.txt": "not_regular_file",
        "huge.txt": "too_large", "cut.txt.gz": "undecodable"}
    assert q(data, "select title, extractor from articles where source_path = 'page.html.gz'") == [
        ("Harbour reopens after the storm", "trafilatura")]
    assert q(data, "select count(*) from articles where body like '%root:x:0%'") == [(0,)]
    assert q(data, "select count(*) from articles where source_path = 'new\nline é 東京.txt'") == [(1,)]
    assert q(data, "select status, content_sha256 from files where source_path = 'x.txt'") == [("quarantined", None)]

    # Nothing changed: nothing is redone. A link replaced by a real file is read.
    again = run_flow(seed_dir, data)
    assert again.counts["unchanged"] == 13 and again.counts["new"] == 0
    (seed_dir / "outside.txt").unlink()
    shutil.copy(CASES / "incoming" / "new_article.txt", seed_dir / "outside.txt")
    third = run_flow(seed_dir, data)
    assert third.counts["changed"] == 1
    assert q(data, "select status, duplicate_of from files where source_path = 'outside.txt'") == [
        ("duplicate", "new\nline é 東京.txt")]
    assert dict(q(data, "select source_path, reason from quarantine")) == {
        "loop.txt": "symlink", "dangling.txt": "symlink", "x.txt": "not_regular_file", "huge.txt": "too_large",
        "cut.txt.gz": "undecodable"}
