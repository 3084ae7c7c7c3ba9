"""Evaluate entity mentions against the gold GUM news annotations (``shared/corpora/gum_news``).

GUM marks every referring expression (pronouns and common noun phrases too) with one of ten types.
As the set of *named* mentions we score the gold mentions of type person, organization or place that
contain a proper-noun token (UD ``PROPN``). Types are mapped as:

=================  =====================  ==========================================
gold (GUM)         raw spaCy label        pipeline mention_type
=================  =====================  ==========================================
person             PERSON                 person
organization       ORG                    organization
place              GPE, LOC, FAC          country, place
(not scored)       NORP                   nationality, group
=================  =====================  ==========================================

Nationality adjectives are left out on both sides: GUM folds "Afghan" into the noun phrase it
modifies ("all-girl Afghan team") rather than marking it. Two match modes: ``exact`` (same span and
type) and ``overlap`` (same type, spans overlap: GUM spans are whole noun phrases, "U.S. President
Donald Trump's", where NER and the pipeline give the name).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from wirehouse.annotate import annotate_articles, load_nlp
from wirehouse.normalise import clean_body, split_blocks
from wirehouse.resolve import ALIAS_SCHEMA, ENTITY_SCHEMA, resolve_mentions

TYPES = ("person", "organization", "place")
RAW_MAP = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}
PIPELINE_MAP = {"person": "person", "organization": "organization", "country": "place", "place": "place"}
SPANS_SCHEMA = {"doc": pl.String, "start": pl.Int64, "end": pl.Int64, "type": pl.String}


@dataclass(frozen=True)
class Corpus:
    texts: dict[str, str]
    gold: pl.DataFrame  # doc, start, end, type


def _propn_offsets(conllu: Path, text: str) -> list[tuple[int, int]]:
    """Character spans of the PROPN tokens of a CoNLL-U file within its rebuilt plain text."""
    spans, cursor = [], 0
    for line in conllu.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        at = text.find(cols[1], cursor)
        if at < 0:
            continue
        cursor = at + len(cols[1])
        if cols[3] == "PROPN":
            spans.append((at, cursor))
    return spans


def load_gum(root: Path) -> Corpus:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((root / "text").glob("*.txt"))}
    propn = {doc: _propn_offsets(root / "conllu" / f"{doc}.conllu", text) for doc, text in texts.items()}
    rows = []
    with (root / "gold_mentions.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            start, end, kind = int(r["start"]), int(r["end"]), r["etype"]
            if kind in TYPES and any(start <= s and e <= end for s, e in propn.get(r["doc"], [])):
                rows.append((r["doc"], start, end, kind))
    gold = pl.DataFrame(rows, schema=SPANS_SCHEMA, orient="row").unique(maintain_order=True)
    return Corpus(texts=texts, gold=gold)


def score(gold: pl.DataFrame, predicted: pl.DataFrame, mode: str) -> pl.DataFrame:
    """Precision, recall and F1 per type (and overall) for ``exact`` or ``overlap`` matching."""
    if mode not in ("exact", "overlap"):
        raise ValueError("mode is exact or overlap")
    pairs = gold.join(predicted, on=["doc", "type"], suffix="_p")
    if mode == "exact":
        matched = pairs.filter((pl.col("start") == pl.col("start_p")) & (pl.col("end") == pl.col("end_p")))
    else:
        matched = pairs.filter((pl.col("start") < pl.col("end_p")) & (pl.col("start_p") < pl.col("end")))
    found = matched.select("doc", "type", "start", "end").unique()
    right = matched.select("doc", "type", start="start_p", end="end_p").unique()
    out = []
    for kind in (*TYPES, "all"):

        def n(frame: pl.DataFrame, kind: str = kind) -> int:
            return frame.height if kind == "all" else frame.filter(pl.col("type") == kind).height

        p = n(right) / n(predicted) if n(predicted) else 0.0
        r = n(found) / n(gold) if n(gold) else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out.append({"type": kind, "gold": n(gold), "predicted": n(predicted), "precision": p, "recall": r, "f1": f})
    return pl.DataFrame(out)


def raw_spacy(corpus: Corpus, model: str) -> pl.DataFrame:
    """Every entity spaCy finds, labels mapped, spans as spaCy gives them."""
    nlp = load_nlp(model)
    rows = []
    for doc_id, doc in zip(corpus.texts, nlp.pipe(corpus.texts.values()), strict=True):
        rows += [(doc_id, e.start_char, e.end_char, RAW_MAP[e.label_]) for e in doc.ents if e.label_ in RAW_MAP]
    return pl.DataFrame(rows, schema=SPANS_SCHEMA, orient="row")


def _cleaned(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The cleaned body and, per kept block, (offset in body, offset in the original text)."""
    body = clean_body(text)
    anchors, cursor, body_at = [], 0, 0
    original_blocks = {b: None for b in split_blocks(text)}
    for block in split_blocks(body):
        at = body.find(block, body_at)
        src = text.find(block, cursor) if block in original_blocks else -1
        if src >= 0:
            anchors.append((at, src, len(block)))
            cursor = src + len(block)
        body_at = at + len(block)
    return body, anchors


def pipeline(corpus: Corpus, model: str, clean: bool) -> pl.DataFrame:
    """Mentions as the warehouse stores them (trimmed, resolved, retyped), mapped back to the text."""
    bodies, anchors = {}, {}
    for doc_id, text in corpus.texts.items():
        if clean:
            bodies[doc_id], anchors[doc_id] = _cleaned(text)
        else:
            bodies[doc_id], anchors[doc_id] = text, [(0, 0, len(text))]
    found = annotate_articles(pl.DataFrame({"article_id": list(bodies), "body": list(bodies.values())}), model)
    resolved, _, _ = resolve_mentions(
        found.mentions, pl.DataFrame(schema=ENTITY_SCHEMA), pl.DataFrame(schema=ALIAS_SCHEMA)
    )
    rows = []
    for doc_id, start, end, kind in resolved.select("article_id", "start_char", "end_char", "mention_type").iter_rows():
        if kind not in PIPELINE_MAP:
            continue
        for body_at, src, length in anchors[doc_id]:
            if body_at <= start and end <= body_at + length:
                rows.append((doc_id, src + start - body_at, src + end - body_at, PIPELINE_MAP[kind]))
                break
    return pl.DataFrame(rows, schema=SPANS_SCHEMA, orient="row")


def evaluate(root: Path, model: str) -> pl.DataFrame:
    """One row per system × match mode × type."""
    corpus = load_gum(root)
    systems = {
        "raw spaCy": raw_spacy(corpus, model),
        "pipeline": pipeline(corpus, model, clean=False),
        "pipeline + cleaning": pipeline(corpus, model, clean=True),
    }
    frames = []
    for name, predicted in systems.items():
        for mode in ("exact", "overlap"):
            frames.append(score(corpus.gold, predicted, mode).with_columns(system=pl.lit(name), match=pl.lit(mode)))
    return pl.concat(frames).select("system", "match", "type", "gold", "predicted", "precision", "recall", "f1")
