"""Measure the article normaliser on the corpora in ../shared/corpora (or WIREHOUSE_CORPORA). Prints figures only.

news_pages_dev (285 real news pages, HTML and flattened text, hand-corrected bodies): body precision,
recall and F1 with the corpus's own metric (``score.py``: 4-token shingles, averaged per page), against
the gold body without its headline line, since every system here keeps the title apart from the body;
headline exact match (case and space aside). Systems: Wirehouse on the flattened text, Wirehouse on the
HTML, and as baselines on the same pages jusText on the text lines and trafilatura alone on the HTML.

wikinews_2019_2020 (293 clean articles): title and date against the manifest, and the share of story
words kept (Wikinews pages are already clean text, so this measures what the cleaner wrongly drops).

    python benchmarks/cleaning_eval.py [--out data/cleaning_eval.json]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import html
import json
import os
import re
import sys
import time
from pathlib import Path

import justext
import trafilatura
from wirehouse.normalise import parse_article, parse_html_article, split_blocks, word_count

CORPORA = Path(os.environ.get("WIREHOUSE_CORPORA", Path(__file__).resolve().parents[2] / "shared" / "corpora"))
MIN_BODY_WORDS = 20  # WIREHOUSE_MIN_BODY_WORDS: a shorter body is quarantined


def _norm_title(title: str | None) -> str:
    return re.sub(r"\s+", " ", (title or "").casefold()).strip()


def _html_text(root: Path, page_id: str, encoding: str | None) -> str:
    raw = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
    return raw.decode(encoding or "utf-8", errors="replace")


def news_pages(root: Path) -> dict:
    sys.path.insert(0, str(root))
    import score  # the corpus's metric, used where it lives

    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    ids = sorted(gold)
    gold_bodies = {k: score.without_title(gold[k]["body"], gold[k]["title"]) for k in ids}
    texts = {k: (root / "text" / f"{k}.txt").read_text(encoding="utf-8") for k in ids}
    htmls = {k: _html_text(root, k, gold[k].get("html_encoding")) for k in ids}

    systems: dict[str, dict] = {}

    def run(name: str, extract) -> None:
        started = time.perf_counter()
        bodies, titles, extra = {}, {}, {"languages": {}, "quarantined": [], "dated": 0, "with_url": 0}
        for k in ids:
            body, title, article = extract(k)
            bodies[k], titles[k] = body, title
            if article is not None:
                extra["languages"][article.language] = extra["languages"].get(article.language, 0) + 1
                extra["quarantined"] += [k] if article.word_count < MIN_BODY_WORDS else []
                extra["dated"] += article.published_date is not None
                extra["with_url"] += article.url is not None
        elapsed = time.perf_counter() - started
        result = score.score(gold_bodies, bodies)
        titled = [k for k in ids if titles[k] is not None]
        systems[name] = {
            "precision": result["precision"],
            "recall": result["recall"],
            "f1": result["f1"],
            "empty_bodies": result["empty_predictions"],
            "title_exact": sum(_norm_title(titles[k]) == _norm_title(gold[k]["title"]) for k in ids)
            if titled
            else None,
            "titles_given": len(titled),
            "ms_per_page": 1000 * elapsed / len(ids),
            **(extra if name.startswith("wirehouse") else {}),
        }

    def wirehouse_text(k: str):
        article = parse_article(texts[k])
        return article.body, article.title, article

    def wirehouse_html(k: str):
        article = parse_html_article(htmls[k])
        return article.body, article.title, article

    stoplist = justext.get_stoplist("English")

    def justext_lines(k: str):
        lines = "".join(f"<p>{html.escape(line)}</p>" for line in texts[k].split("\n"))
        doc = f"<html><body>{lines}</body></html>"
        paragraphs = justext.justext(doc.encode("utf-8"), stoplist, encoding="utf-8")
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate), None, None

    def trafilatura_html(k: str):
        doc = trafilatura.bare_extraction(htmls[k], with_metadata=True, include_comments=False)
        return (doc.text or "", doc.title, None) if doc is not None else ("", None, None)

    run("wirehouse_text", wirehouse_text)
    run("wirehouse_html", wirehouse_html)
    run("justext_text", justext_lines)
    run("trafilatura_html", trafilatura_html)
    return {"pages": len(ids), "systems": systems}


def wikinews(root: Path) -> dict:
    rows = list(csv.DictReader((root / "manifest.csv").open(encoding="utf-8")))
    started = time.perf_counter()
    title_ok = date_found = date_ok = dated = kept_words = story_words = 0
    shares: list[tuple[float, str]] = []
    for row in rows:
        text = (root / row["file"]).read_text(encoding="utf-8")
        article = parse_article(text)
        title_ok += article.title == row["title"]
        # The story is everything after the title line; Wikinews' dateline line is metadata.
        story = [b for b in split_blocks(text)[1:] if not (article.published_date and b.startswith(
            article.published_date.strftime("%A")))]
        total = sum(word_count(b) for b in story)
        story_words += total
        kept_words += article.word_count
        shares.append((article.word_count / max(total, 1), row["file"]))
        dated += row["file"].startswith("text/2019")  # the 2019 files state their date on a line
        if article.published_date:
            date_found += 1
            date_ok += article.published_date.isoformat() == row["date"]
    elapsed = time.perf_counter() - started
    shares.sort()
    return {
        "articles": len(rows),
        "title_exact": title_ok,
        "files_stating_a_date": dated,
        "date_found": date_found,
        "date_equal": date_ok,
        "story_words_kept": kept_words / story_words,
        "ms_per_article": 1000 * elapsed / len(rows),
        "lowest_kept": [{"file": name, "share": share} for share, name in shares[:5]],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path("data/cleaning_eval.json"), help="where to write the figures")
    args = parser.parse_args()
    figures: dict[str, dict] = {}
    pages_root, wiki_root = CORPORA / "news_pages_dev", CORPORA / "wikinews_2019_2020"
    if pages_root.is_dir():
        figures["news_pages_dev"] = pages = news_pages(pages_root)
        print(f"news_pages_dev: {pages['pages']} pages; body against the gold body without its headline line")
        print(f"  {'system':<18} {'P':>6} {'R':>6} {'F1':>6}  {'title exact':>12}  {'ms/page':>8}")
        for name, s in pages["systems"].items():
            title = f"{s['title_exact']}/{pages['pages']}" if s["title_exact"] is not None else "-"
            print(f"  {name:<18} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}  {title:>12}  "
                  f"{s['ms_per_page']:8.1f}")
        for name in ("wirehouse_text", "wirehouse_html"):
            s = pages["systems"][name]
            print(f"  {name}: languages {s['languages']}; under {MIN_BODY_WORDS} words (quarantined): "
                  f"{len(s['quarantined'])} {s['quarantined']}; dated {s['dated']}; with url {s['with_url']}")
    else:
        print(f"no corpus at {pages_root}", file=sys.stderr)
    if wiki_root.is_dir():
        figures["wikinews"] = wiki = wikinews(wiki_root)
        print(f"wikinews: {wiki['articles']} articles ({wiki['ms_per_article']:.1f} ms per article)")
        print(f"  title exact match: {wiki['title_exact']}/{wiki['articles']}")
        print(f"  published_date found: {wiki['date_found']} (files stating one: {wiki['files_stating_a_date']}); "
              f"equal to the manifest date: {wiki['date_equal']}")
        print(f"  story words kept: {wiki['story_words_kept']:.1%}; lowest: "
              + ", ".join(f"{row['share']:.0%} {Path(row['file']).name[:40]}" for row in wiki["lowest_kept"][:3]))
    else:
        print(f"no corpus at {wiki_root}", file=sys.stderr)
    if not figures:
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    print(f"figures written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
