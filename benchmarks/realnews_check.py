"""A hand-judged check of the event coder on real news it was not written for: Wikinews leads and bodies
from ``../shared/corpora/wikinews_2019_2020`` and ``../shared/corpora/gum_news`` (CC BY 2.5, Wikinews
contributors), coded with the shipped dictionaries through the real pipeline (annotate → resolve → code).

The sample is fixed by a seed (never chosen by looking at the output): 40 articles; their lead sentences
(for recall: does the coder find the event a reader sees?) and four other body sentences each (with the
leads, for precision: is each coded event's root right, and are its actors right?). The judgments are in
``realnews_judgments.tsv``, one project engineer's reading, not independent gold. An event with no source
(an agentless passive, "the minister was stabbed": GDELT's blank Actor1) shows its source as "-"; it is right
when the text names no one who did it and its target is right.

Seeds 20, 21 and 24 sample another genre, closer to the wire news of the CAMEO codebook's examples: ECB+
(``../shared/corpora/ecbplus_dev``, CC BY 3.0, Cybulska & Vossen 2014), English news of 2008-2013 on 25 topics
(arrests and trials, shootings, riots, fires, an earthquake, elections, hirings, sport, ...), 20 documents
each, their body from the first line that reads as a sentence (``ecbplus_body``), judged the same way. ECB+
gives no publication date, so these articles all carry one placeholder date: their event dates are not judged.

    python benchmarks/realnews_check.py list    # the sample's sentences and coded events, unjudged ones marked
    python benchmarks/realnews_check.py score   # precision and recall from the judgments
"""

from __future__ import annotations

import argparse
import csv
import functools
import os
import random
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import polars as pl
from wirehouse.annotate import annotate_articles, load_nlp
from wirehouse.dictionaries import load_dictionaries
from wirehouse.events import code_events, load_gazetteer
from wirehouse.model import ALIAS_SCHEMA, ENTITY_SCHEMA
from wirehouse.normalise import parse_article
from wirehouse.reference import cameo_codes
from wirehouse.resolve import load_reference, resolve_mentions
from wirehouse.settings import Settings

CORPORA = Path(os.environ.get("WIREHOUSE_CORPORA", Path(__file__).resolve().parents[2] / "shared" / "corpora"))
JUDGMENTS = Path(__file__).with_name("realnews_judgments.tsv")
# Articles per corpus for each sample's seed. Seed 11 (the number) is the development sample: drawn
# and judged before any fix, the fixes' causes were found on it. Seed 12 is held out: drawn after the fixes,
# from the articles seed 11 did not take, and judged for the coder before and after them. Seed 13 is the second
# round's development sample (GUM has 24 documents: 16 went to seeds 11 and 12, so it takes 2 and leaves 6);
# seed 14 is its held-out sample, drawn after that round's fixes and judged for the coder before and after them;
# seed 15 (Wikinews only: GUM is used up) is held out for the fixes made after seed 14 was drawn and read;
# seed 16 is the fifth round's development sample, judged for the coder before that round changed anything;
# seed 17 is its held-out sample, drawn after that round's fixes and judged for the coder before and after them;
# seed 18 is the sixth round's development sample, judged for the coder before that round changed anything;
# seed 19 is its held-out sample, drawn after that round's fixes and judged for the coder before and after them;
# seed 22 is the seventh round's development sample, judged for the coder (main 22b48f5) before that round changed
# anything; seed 23 is its held-out sample, drawn after that round's merge (main f8d57f6) and judged for the coder
# before and after it. Seed 27 is round 8's held-out Wikinews sample (seed 26 its ECB+ one): drawn during the round by
# a judge who did not write rules, never shown to the rule author, judged for main b30b0b0 before the round's merge
# (and, later, for its head). Seed 28 is round 9's held-out Wikinews sample (seed 29 its ECB+ one): 20 of the 33
# articles no earlier seed took, drawn by a judge who did not write rules, never shown to the rule author, judged for
# main a34ae06 before the round's merge. Seed 31 is round 10's held-out Wikinews sample (seed 30 its ECB+ one): the 13
# articles no earlier seed took, drawn by a judge who did not write rules, never shown to the rule author, judged for
# main 7d78bd1 before the round's merge.
SAMPLES = {11: {"wikinews_2019_2020": 30, "gum_news": 10}, 12: {"wikinews_2019_2020": 20, "gum_news": 6},
           13: {"wikinews_2019_2020": 30, "gum_news": 2}, 14: {"wikinews_2019_2020": 20, "gum_news": 6},
           15: {"wikinews_2019_2020": 20}, 16: {"wikinews_2019_2020": 20}, 17: {"wikinews_2019_2020": 20},
           18: {"wikinews_2019_2020": 20}, 19: {"wikinews_2019_2020": 20}, 22: {"wikinews_2019_2020": 20},
           23: {"wikinews_2019_2020": 20}, 27: {"wikinews_2019_2020": 20},
           28: {"wikinews_2019_2020": 20}, 31: {"wikinews_2019_2020": 13}}
# ECB+ seeds: seed -> which half of the topics it draws its 20 documents from. Each ECB+ topic holds articles
# about two real events of one kind, so a held-out document must not share a topic with a development one:
# the 25 topics in ascending numeric order are split by position, even positions (1, 4, 7, 9, 11, ...) to
# seed 20, the development sample, and odd positions (3, 6, 8, 10, 13, ...) to seed 21, held out for the next
# round of coder changes (judged, its errors not studied). Seed 24 draws from seed 21's half the documents seed 21
# did not take: held out for the seventh round, drawn after its merge (main f8d57f6) and judged for the coder
# before and after it. Seed 25 draws from seed 20's half the documents seed 20 did not take: the eighth round's
# development sample, judged for main b30b0b0 before that round changed anything. Seed 26 draws from seed 21's half
# the documents seeds 21 and 24 did not take: round 8's held-out ECB+ sample, drawn during the round by a judge who
# did not write rules, never shown to the rule author, judged for main b30b0b0 before the round's merge (and, later,
# for its head). Seed 29 draws from seed 21's half the documents seeds 21, 24 and 26 did not take: round 9's held-out
# ECB+ sample, drawn by a judge who did not write rules, never shown to the rule author, judged for main a34ae06 before
# the round's merge. Seed 30 draws from seed 21's half the documents seeds 21, 24, 26 and 29 did not take: round 10's
# held-out ECB+ sample, drawn by a judge who did not write rules, never shown to the rule author, judged for main
# 7d78bd1 before the round's merge.
ECBPLUS = "ecbplus_dev"
ECBPLUS_SAMPLES = {20: 0, 21: 1, 24: 1, 25: 0, 26: 1, 29: 1, 30: 1}
ECBPLUS_DOCUMENTS = 20
# ECB+ has no publication date: a fixed placeholder inside the corpus's years (2008-2013) that office holders
# are coded by; event dates are not judged on these seeds.
ECBPLUS_DATE = date(2010, 1, 1)
OTHER_SENTENCES = 4
# An ECB+ line that ends as a sentence ends (a full stop, "!" or "?", maybe inside quotes or brackets) is text;
# the lines above the first such line are the page's header: headline, date, by-line.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s*$")


@functools.cache  # each seed redraws the seeds before it to leave their articles out
def _draw(seed: int) -> dict[str, list[dict]]:
    """The seed's manifest rows per corpus; the articles of the samples before it are not drawn again."""
    taken = {r["file"] for earlier in SAMPLES if earlier < seed for rows in _draw(earlier).values() for r in rows}
    rng = random.Random(seed)
    drawn = {}
    for corpus, n in SAMPLES[seed].items():
        manifest = list(csv.DictReader((CORPORA / corpus / "manifest.csv").open(encoding="utf-8")))
        drawn[corpus] = rng.sample([r for r in manifest if r["file"] not in taken], n)
    return drawn


def ecbplus_topics(seed: int) -> list[str]:
    """The ECB+ topics an ECB+ seed draws from (one fixed half of the 25, see ``ECBPLUS_SAMPLES``)."""
    topics = sorted({path.name.split("_")[0] for path in (CORPORA / ECBPLUS / "text").glob("*.txt")}, key=int)
    return topics[ECBPLUS_SAMPLES[seed]::2]


def ecbplus_body(lines: list[str]) -> str:
    """The body of an ECB+ text (one sentence per line): from its first line that reads as a sentence on. ECB+
    keeps a page's header lines as sentences (the headline, and in its newer half a date or by-line); most older
    ECB articles open with their lead, no headline. A text with no such line is all body.

    The headline is not given to the pipeline as a title: the pipeline parses title and body together, this
    check lists the body parsed alone, and on two of seed 20's documents the joint parse cut the body's first
    sentence after its first word, so every event was listed a sentence too late. Without a title the two
    parses are the same, and a lead alone is what the CAMEO codebook's examples are."""
    lead = next((i for i, line in enumerate(lines) if _SENTENCE_END.search(line)), 0)
    return "\n\n".join(lines[lead:])


def _draw_ecbplus(seed: int) -> list[str]:
    """The ECB+ documents of an ECB+ seed, drawn by its RNG from its half of the topics; the documents of the
    earlier ECB+ seeds of that half are not drawn again."""
    topics = set(ecbplus_topics(seed))
    taken = {doc for earlier, half in ECBPLUS_SAMPLES.items()
             if earlier < seed and half == ECBPLUS_SAMPLES[seed] for doc in _draw_ecbplus(earlier)}  # fmt: skip
    docs = sorted(p.stem for p in (CORPORA / ECBPLUS / "text").glob("*.txt")
                  if p.name.split("_")[0] in topics and p.stem not in taken)  # fmt: skip
    return random.Random(seed).sample(docs, ECBPLUS_DOCUMENTS)


def _ecbplus_row(doc: str) -> dict:
    lines = (CORPORA / ECBPLUS / "text" / f"{doc}.txt").read_text(encoding="utf-8").splitlines()
    body = ecbplus_body([line for line in lines if line.strip()])
    return {"article_id": doc, "title": None, "body": body, "published_date": ECBPLUS_DATE}


def sample_articles(seed: int) -> pl.DataFrame:
    if seed in ECBPLUS_SAMPLES:
        return pl.DataFrame([_ecbplus_row(doc) for doc in _draw_ecbplus(seed)],
                            schema={"article_id": pl.String, "title": pl.String, "body": pl.String,
                                    "published_date": pl.Date})  # fmt: skip
    rows = []
    for corpus, drawn in _draw(seed).items():
        for row in drawn:
            parsed = parse_article((CORPORA / corpus / row["file"]).read_text(encoding="utf-8"))
            rows.append({"article_id": Path(row["file"]).stem, "title": parsed.title, "body": parsed.body,
                         "published_date": date.fromisoformat(row["date"][:10])})  # fmt: skip
    return pl.DataFrame(rows, schema={"article_id": pl.String, "title": pl.String, "body": pl.String,
                                      "published_date": pl.Date})  # fmt: skip


def code_sample(articles: pl.DataFrame, seed: int) -> tuple[dict[str, str], dict[str, str], pl.DataFrame]:
    """(lead sentence id -> text, other sampled sentence id -> text, events of the sampled sentences)."""
    dictionaries = load_dictionaries()
    found = annotate_articles(articles.select("article_id", "title", "body"), Settings().spacy_model)
    resolved = resolve_mentions(found.mentions, pl.DataFrame(schema=ENTITY_SCHEMA), pl.DataFrame(schema=ALIAS_SCHEMA),
                                load_reference(dictionaries.actors))  # fmt: skip
    entities = pl.concat([resolved.new_entities, resolved.changed_entities])
    events = code_events(found.candidates, resolved.mentions, entities, articles.select("article_id", "published_date"),
                         cameo_codes(), dictionaries, load_gazetteer())  # fmt: skip
    # the body's sentences as the pipeline reads them (those without a verb too: a lead may have none coded)
    nlp = load_nlp(Settings().spacy_model)
    rng = random.Random(seed)
    leads: dict[str, str] = {}
    others: dict[str, str] = {}
    for article_id, doc in zip(articles["article_id"], nlp.pipe(articles["body"]), strict=True):
        text = [" ".join(s.text.split()) for s in doc.sents]
        leads[f"{article_id}#0"] = text[0]
        for k in sorted(rng.sample(range(1, len(text)), min(OTHER_SENTENCES, len(text) - 1))):
            others[f"{article_id}#{k}"] = text[k]
    events = (
        events.filter(pl.col("field") == "body")
        .with_columns(sentence_id=pl.col("article_id") + "#" + pl.col("sentence_index").cast(pl.String))
        .filter(pl.col("sentence_id").is_in([*leads, *others]))
    )
    return leads, others, events


def event_key(e: dict) -> tuple[str, str, str, str]:
    def actor(text: str | None, code: str | None) -> str:
        return f"{text or ''}|{code or ''}" if text or code else "-"

    return e["sentence_id"], actor(e["actor1_text"], e["actor1_code"]), e["cameo_code"], actor(
        e["actor2_text"], e["actor2_code"])  # fmt: skip


def read_judgments() -> tuple[dict[tuple, tuple[str, str]], dict[str, list[tuple[str, str]]]]:
    """(event key -> (judgment, reason), lead sentence id -> [(reader's root, reason)])."""
    events: dict[tuple, tuple[str, str]] = {}
    leads: dict[str, list[tuple[str, str]]] = {}
    if not JUDGMENTS.exists():
        return events, leads
    lines = [line for line in JUDGMENTS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        if row["kind"] == "event":
            events[(row["sentence_id"], row["source"], row["code"], row["target"])] = (row["judgment"], row["reason"])
        else:  # the event a reader sees in a lead: its root in `code` ("none": no CAMEO event)
            leads.setdefault(row["sentence_id"], []).append((row["code"], row["reason"]))
    return events, leads


def _list(leads: dict[str, str], others: dict[str, str], by_sentence: dict[str, list[dict]],
          judged: dict[tuple, tuple[str, str]]) -> None:
    for kind, sentences in (("lead", leads), ("other", others)):
        for sid, text in sentences.items():
            print(f"\n[{kind}] {sid}: {text}")
            for e in by_sentence.get(sid, []):
                key = event_key(e)
                mark = judged.get(key, ("UNJUDGED", ""))[0]
                print("event\t" + "\t".join(key) + f"\t{mark}\t{e['action']}")


def _score(leads: dict[str, str], others: dict[str, str], by_sentence: dict[str, list[dict]],
           judged: dict[tuple, tuple[str, str]], lead_roots: dict[str, list[tuple[str, str]]]) -> Counter:
    counts: Counter = Counter(articles=len(leads), others=len(others))
    for sid in [*leads, *others]:
        for e in by_sentence.get(sid, []):
            verdict = judged.get(event_key(e))
            if verdict is None:
                counts["unjudged"] += 1
                continue
            counts["coded"] += 1
            counts["root"] += verdict[0] in ("right", "actor-wrong")
            counts["right"] += verdict[0] == "right"
    for sid in leads:
        for root, _ in lead_roots.get(sid, []):
            if root == "none":
                continue
            counts["seen"] += 1
            coded = [e for e in by_sentence.get(sid, []) if e["cameo_root"] == root]
            counts["found"] += bool(coded)
            counts["found_right"] += any(judged.get(event_key(e), ("",))[0] == "right" for e in coded)
    return counts


def _print_score(label: str, c: Counter) -> None:
    n = max(c["coded"], 1)
    print(f"sample ({label}): {c['articles']} leads, {c['others']} other sentences of {c['articles']} articles")
    print(f"coded events judged: {c['coded']} (unjudged: {c['unjudged']})")
    print(f"precision, root right: {c['root'] / n:.3f}; root and both actors right: {c['right'] / n:.3f}")
    print(f"lead events a reader sees: {c['seen']}; coded with that root: {c['found']} "
          f"({c['found'] / max(c['seen'], 1):.3f}); with the right actors too: {c['found_right']} "
          f"({c['found_right'] / max(c['seen'], 1):.3f})")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["list", "score"])
    parser.add_argument("--seed", type=int, nargs="+", choices=sorted([*SAMPLES, *ECBPLUS_SAMPLES]), default=[11],
                        help="11, 13, 16, 18, 22: development; 12, 14, 15, 17, 19, 23, 27, 28, 31: held out; ECB+: "
                             "20 and 25 development, 21, 24, 26, 29 and 30 held out; several seeds are also "
                             "scored pooled")
    args = parser.parse_args()
    args.seed = list(dict.fromkeys(args.seed))  # a seed named twice is scored once
    needed = {c for seed in args.seed for c in ([ECBPLUS] if seed in ECBPLUS_SAMPLES else SAMPLES[seed])}
    if not all((CORPORA / corpus).is_dir() for corpus in needed):
        print(f"no corpora {sorted(needed)} at {CORPORA}", file=sys.stderr)
        return 1
    judged, lead_roots = read_judgments()
    pooled: Counter = Counter()
    for seed in args.seed:
        leads, others, events = code_sample(sample_articles(seed), seed)
        by_sentence: dict[str, list[dict]] = {}
        for e in events.to_dicts():
            by_sentence.setdefault(e["sentence_id"], []).append(e)
        if args.mode == "list":
            _list(leads, others, by_sentence, judged)
            continue
        counts = _score(leads, others, by_sentence, judged, lead_roots)
        _print_score(f"seed {seed}", counts)
        pooled += counts
    if args.mode == "score" and len(args.seed) > 1:
        _print_score("pooled, seeds " + " ".join(map(str, args.seed)), pooled)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
