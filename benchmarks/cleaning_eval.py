"""Measure the article normaliser on the Wikinews corpus in ../shared/corpora (or WIREHOUSE_CORPORA).

Wikinews pages are already clean story text, so they measure what the cleaner wrongly throws away
(story recall) and how well title and date are recovered against the manifest. Prints figures only.
"""

from __future__ import annotations

import csv
import os
import sys
import time
from pathlib import Path

from wirehouse.normalise import parse_article, split_blocks, word_count

CORPORA = Path(os.environ.get("WIREHOUSE_CORPORA", Path(__file__).resolve().parents[2] / "shared" / "corpora"))


def main() -> int:
    root = CORPORA / "wikinews_2019_2020"
    if not root.is_dir():
        print(f"no corpus at {root}", file=sys.stderr)
        return 1
    rows = list(csv.DictReader((root / "manifest.csv").open(encoding="utf-8")))
    started = time.perf_counter()
    n = title_ok = date_found = date_ok = date_wrong = 0
    kept_words = story_words = 0
    dated = 0
    worst: list[tuple[float, str]] = []
    for row in rows:
        text = (root / row["file"]).read_text(encoding="utf-8")
        article = parse_article(text)
        n += 1
        title_ok += article.title == row["title"]
        # The story is everything after the title line; Wikinews' dateline line is metadata.
        story = [b for b in split_blocks(text)[1:] if not (article.published_date and b.startswith(
            article.published_date.strftime("%A")))]
        total = sum(word_count(b) for b in story)
        story_words += total
        kept_words += article.word_count
        worst.append((article.word_count / max(total, 1), row["file"]))
        has_dateline = row["file"].startswith("text/2019")
        dated += has_dateline
        if article.published_date:
            date_found += 1
            if article.published_date.isoformat() == row["date"]:
                date_ok += 1
            else:
                date_wrong += 1
    elapsed = time.perf_counter() - started
    print(f"articles: {n}  ({elapsed:.2f} s, {1000 * elapsed / n:.1f} ms per article)")
    print(f"title exact match: {title_ok}/{n} = {title_ok / n:.1%}")
    print(f"published_date found: {date_found} (files with a stated dateline: {dated}); "
          f"equal to manifest date: {date_ok}; different: {date_wrong}")
    print(f"story words kept: {kept_words}/{story_words} = {kept_words / story_words:.1%}")
    worst.sort()
    print("lowest share of story words kept:")
    for share, name in worst[:8]:
        print(f"  {share:6.1%}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
