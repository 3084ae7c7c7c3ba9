"""Annotate: spaCy over article bodies → entity mentions and event candidates (who did what to whom).

This is the heavy stage: bodies go through ``nlp.pipe`` in batches (optionally in several processes)
and come back as two flat frames, so the stage can run anywhere (another process, a Dask worker) and
hand plain data to the single writer. Resolution to canonical entities and CAMEO coding happen later,
in ``resolve`` and ``events``, on these frames.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import polars as pl
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from wirehouse.clauses import clauses_frame, extract_clauses

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")
MENTION_SCHEMA = {
    "article_id": pl.String,
    "mention_index": pl.Int32,
    "sentence_index": pl.Int32,
    "start_char": pl.Int32,
    "end_char": pl.Int32,
    "text": pl.String,
    "label": pl.String,
}


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break in the body ends a sentence: headings and list items are not run into the next line."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


@cache
def load_nlp(model: str) -> Language:
    nlp = spacy.load(model)
    missing = {"parser", "ner", "lemmatizer"} - set(nlp.pipe_names)
    if missing:
        raise ValueError(f"spaCy model {model!r} lacks {sorted(missing)}, which entities and events need")
    nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


@dataclass(frozen=True)
class Annotations:
    mentions: pl.DataFrame
    candidates: pl.DataFrame


def _trim(span: Span) -> Span | None:
    """The name inside a NER span: no leading article, no possessive, nothing past a line break."""
    doc = span.doc
    start, end = span.start, span.end
    for token in span:
        if "\n" in token.text or (token.i > span.start and "\n" in doc[token.i - 1].whitespace_):
            end = token.i
            break
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].lower_ in ("'s", "’s", "'", "’") or doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    trimmed = doc[start:end]
    if trimmed.text.endswith(("’s", "'s")):
        return doc.char_span(trimmed.start_char, trimmed.end_char - 2, label=span.label_)
    return Span(doc, start, end, label=span.label_)


def _mentions(doc: Doc) -> list[Span]:
    spans = []
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS and (trimmed := _trim(ent)) is not None:
            spans.append(trimmed)
    return spans


def annotate_doc(article_id: str, doc: Doc) -> tuple[list[tuple], list[tuple]]:
    spans = _mentions(doc)
    sentence_of = {}
    sentences = list(doc.sents)
    for s_index, sentence in enumerate(sentences):
        for t in sentence:
            sentence_of[t.i] = s_index
    mentions = [
        (article_id, idx, sentence_of[span.start], span.start_char, span.end_char, span.text, span.label_)
        for idx, span in enumerate(spans)
    ]
    candidates = extract_clauses(article_id, doc, spans)
    return mentions, candidates


def annotate_articles(articles: pl.DataFrame, model: str, batch_size: int = 32, n_process: int = 1) -> Annotations:
    """Run the spaCy pipeline over ``articles`` (``article_id``, ``body``) and flatten what it found."""
    nlp = load_nlp(model)
    ids = articles["article_id"].to_list()
    mentions: list[tuple] = []
    candidates: list[tuple] = []
    docs = nlp.pipe(articles["body"].to_list(), batch_size=batch_size, n_process=n_process)
    for article_id, doc in zip(ids, docs, strict=True):
        m, c = annotate_doc(article_id, doc)
        mentions += m
        candidates += c
    return Annotations(
        mentions=pl.DataFrame(mentions, schema=MENTION_SCHEMA, orient="row"),
        candidates=clauses_frame(candidates),
    )
