"""Annotate: spaCy over article bodies → entity mentions and event candidates (who did what to whom).

This is the heavy stage: bodies go through ``nlp.pipe`` in batches (optionally in several processes)
and come back as two flat frames, so the stage can run anywhere (another process, a Dask worker) and
hand plain data to the single writer. Resolution to canonical entities and CAMEO coding happen later,
in ``resolve`` and ``events``, on these frames.
"""

from __future__ import annotations

import time
from collections import Counter
from functools import cache

import polars as pl
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from wirehouse import reference
from wirehouse.model import CANDIDATE_SCHEMA, MENTION_SCHEMA, Annotations

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")
# Words that make what follows them not (yet) a fact: modals, and verbs or adjectives of intention
# that take the event verb as their complement ("plans to meet", "is willing to talk").
_MODALS = frozenset({"would", "could", "might", "may", "should", "can", "will", "shall", "must"})
_INTENT_HEADS = frozenset({
    "plan", "hope", "want", "intend", "expect", "aim", "seek", "propose", "offer", "try", "prepare",
    "wish", "promise", "vow", "threaten", "consider", "willing", "ready", "open", "likely", "eager", "able",
    "possibility", "proposal", "readiness", "willingness", "chance", "volunteer", "pledge",
})
_TARGET_PREPS = ("with", "to", "on", "for", "against", "at")
# Verbs whose two parties act alike, so "A and B met" is A meeting B.
_SYMMETRIC = frozenset({"meet", "talk", "speak", "negotiate", "discuss", "consult", "cooperate", "collaborate",
                        "agree", "sign"})


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


def _trim(span: Span) -> Span | None:
    """The NER span up to a line break, without punctuation at its edges. A leading "the" and a
    possessive stay in the span, as NER and news gold standards (GUM, OntoNotes) mark them ("the
    United Nations", "Putin's"); the name inside is taken out in ``resolve``."""
    doc = span.doc
    start, end = span.start, span.end
    for token in span:
        if "\n" in token.text or (token.i > span.start and "\n" in doc[token.i - 1].whitespace_):
            end = token.i
            break
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].lower_ not in ("'s", "’s"):
        end -= 1
    if start >= end or all(t.lower_ in ("the", "a", "an", "'s", "’s") for t in doc[start:end]):
        return None
    return Span(doc, start, end, label=span.label_)


def _headline(sentence: Span) -> bool:
    """A title-case or upper-case line, where capitals do not mark names."""
    words = [t for t in sentence if t.is_alpha and len(t) > 3]
    return len(words) > 1 and all(t.is_title or t.is_upper for t in words)


def _propagate(doc: Doc, spans: list[Span]) -> list[Span]:
    """A name tagged somewhere in an article is the same name where it recurs untagged: the small
    model tags "Colts" in one sentence and misses it in the next (one label per name per document, the
    usual document-level consistency step of NER). Forms are the tagged names made of capitalised words,
    a full name's surname, and the plural proper noun that ends an organisation's name ("Colts" of
    "Indianapolis Colts"). An
    occurrence counts when no other capitalised word runs on from it, except in a headline, and
    matches in upper case too ("COLTS")."""
    labels: dict[str, dict[tuple[str, ...], Counter[str]]] = {}

    def form(words: tuple[str, ...], label: str) -> None:
        labels.setdefault(words[0].casefold(), {}).setdefault(words, Counter())[label] += 1

    for span in spans:
        if all((t.is_title or t.is_upper) and t.is_alpha and not t.is_stop for t in span):
            form(tuple(t.text for t in span), span.label_)
        if span.label_ == "ORG" and len(span) > 1 and span[-1].tag_ == "NNPS" and span[-1].is_title:
            form((span[-1].text,), "ORG")
        if span.label_ == "PERSON" and len(span) > 1 and span[-1].is_title and span[-1].tag_ == "NNP":
            form((span[-1].text,), "PERSON")  # the surname of a full name
    taken = {t.i for span in spans for t in span}

    def capitalised(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].is_alpha and (doc[i].is_title or doc[i].is_upper)

    def same(tokens: Span, words: tuple[str, ...]) -> bool:
        return all(t.text == w or (t.is_upper and t.text == w.upper()) for t, w in zip(tokens, words, strict=True))

    added = []
    for token in doc:
        i = token.i
        for words, counts in labels.get(token.text.casefold(), {}).items():
            end = i + len(words)
            if i in taken or end > len(doc) or not same(doc[i:end], words) or taken & set(range(i, end)):
                continue
            runs_on = capitalised(end) or (capitalised(i - 1) and not token.is_sent_start)
            if runs_on and not _headline(token.sent):
                continue
            added.append(Span(doc, i, end, label=counts.most_common(1)[0][0]))
            taken |= set(range(i, end))
    return sorted(spans + added, key=lambda s: s.start)


def _mentions(doc: Doc) -> list[Span]:
    spans = []
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS and (trimmed := _trim(ent)) is not None:
            spans.append(trimmed)
    return _propagate(doc, spans)


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The verb's subject and whether it is a passive subject; an xcomp or conj verb borrows its head's."""
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child, False
            if child.dep_ == "nsubjpass":
                return child, True
        infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in current.children)
        if current.dep_ in ("xcomp", "conj", "advcl") and current.head.i != current.i:
            current = current.head
        elif current.dep_ in ("acl", "relcl") and infinitive:
            # "took the opportunity to congratulate", "expressed his willingness to meet": the one who
            # took or expressed is the one who acts.
            governor = current.head
            for _ in range(4):
                if governor.pos_ in ("VERB", "AUX") or governor.head.i == governor.i:
                    break
                governor = governor.head
            if governor.pos_ not in ("VERB", "AUX"):
                break
            current = governor
        elif current.dep_ in ("acl", "relcl") and current.head.i != current.i:
            return current.head, current.dep_ == "acl" and current.tag_ == "VBN"
        else:
            break
    return None, False


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _target(verb: Token, has_mention: dict[int, int]) -> tuple[Token | None, str, str]:
    """(target token, preposition that introduced it, object lemma) for an active-voice verb.

    The recipient of "gave X to Y" or "met with Y" is preferred to a direct object that names no one
    ("gifted the portrait to Witkoff"); a direct object that is itself an actor wins ("invited Putin").
    """
    dobj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    object_lemma = dobj.lemma_.lower() if dobj is not None else ""
    options: list[tuple[Token, str]] = []
    for child in verb.children:
        if child.dep_ == "dative":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            options.append((pobj, child.lower_) if pobj is not None else (child, ""))
    if dobj is not None:
        options.append((dobj, ""))
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                options.append((pobj, child.lower_))
    for token, prep in options:
        if any(t.i in has_mention for t in token.subtree):
            return token, prep, object_lemma
    return (options[0][0], options[0][1], object_lemma) if options else (None, "", object_lemma)


def _is_negated(verb: Token) -> bool:
    current = verb
    for _ in range(3):
        if any(c.dep_ == "neg" or (c.lower_ in ("never", "not", "n't") and c.dep_ in ("neg", "advmod"))
               for c in current.children):
            return True
        if current.dep_ in ("xcomp", "conj") and current.head.i != current.i:
            current = current.head
        else:
            break
    return False


def _is_hypothetical(verb: Token) -> bool:
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ == "aux" and child.lower_ in _MODALS:
                return True
            if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                return True
        if current.dep_ in ("xcomp", "acl", "advcl", "ccomp", "conj") and current.head.i != current.i:
            if current.dep_ in ("xcomp", "acl") and current.head.lemma_.lower() in _INTENT_HEADS:
                return True
            current = current.head
        else:
            break
    return False


def _date_in(verb: Token, sentence: Span) -> str | None:
    """A DATE entity inside the verb's own clause, so another clause's date is not borrowed."""
    lo, hi = verb.left_edge.i, verb.right_edge.i
    for ent in sentence.ents:
        if ent.label_ == "DATE" and lo <= ent.start and ent.end - 1 <= hi:
            return ent.text
    return None


def _mention_for(token: Token | None, by_token: dict[int, int]) -> int | None:
    """The mention that is the token, or the nearest one inside its noun phrase ("Russian diplomats")."""
    if token is None:
        return None
    if token.i in by_token:
        return by_token[token.i]
    best: tuple[int, int] | None = None
    for child in token.subtree:
        if child.i in by_token and child.dep_ not in ("relcl", "acl"):
            # The closest mention in the tree within four steps; further down it belongs to another phrase.
            path = 0
            walker = child
            while walker.i != token.i and path < 4:
                walker = walker.head
                path += 1
            if walker.i == token.i and (best is None or path < best[0]):
                best = (path, by_token[child.i])
    return best[1] if best else None


def _conj_partner(token: Token | None, by_token: dict[int, int]) -> int | None:
    if token is None:
        return None
    for child in token.children:
        if child.dep_ == "conj":
            return _mention_for(child, by_token)
    return None


def annotate_doc(article_id: str, doc: Doc) -> tuple[list[tuple], list[tuple]]:
    spans = _mentions(doc)
    by_token = {t.i: idx for idx, span in enumerate(spans) for t in span}
    sentence_of = {}
    sentences = list(doc.sents)
    for s_index, sentence in enumerate(sentences):
        for t in sentence:
            sentence_of[t.i] = s_index
    mentions = [
        (article_id, idx, sentence_of[span.start], span.start_char, span.end_char, span.text, span.label_)
        for idx, span in enumerate(spans)
    ]
    lemmas = reference.verb_lemmas()
    candidates = []
    for s_index, sentence in enumerate(sentences):
        for verb in sentence:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in lemmas:
                continue
            lemma = verb.lemma_.lower()
            subject, passive = _subject(verb)
            if passive:
                actor1_tok, actor2_tok, prep, object_lemma = _agent(verb), subject, "", ""
            else:
                actor2_tok, prep, object_lemma = _target(verb, by_token)
                actor1_tok = subject
            actor1 = _mention_for(actor1_tok, by_token)
            actor2 = _mention_for(actor2_tok, by_token)
            partner = _conj_partner(actor1_tok, by_token)
            actors = [actor1]
            if partner is not None:
                if actor2 is None and lemma in _SYMMETRIC:
                    # "Trump and Putin met": the second subject is the counterpart.
                    actor2 = partner
                else:
                    # "Switzerland and Serbia volunteered to host": each subject acts.
                    actors.append(partner)
            for actor in actors:
                if actor is None or actor == actor2:
                    continue
                candidates.append((
                    article_id, s_index, lemma, verb.idx, prep, object_lemma, actor, actor2,
                    _is_negated(verb), _is_hypothetical(verb), _date_in(verb, sentence),
                    sentence.text, sentence.start_char, sentence.end_char,
                ))
    return mentions, candidates


# The headline goes through the model with the body, as a paragraph of its own before it: it names
# the story's actors. Offsets are then mapped back to the field they fall in.
_TITLE_BREAK = "\n\n"


def _fields(title: str | None, body: str) -> tuple[str, int]:
    """The text spaCy reads, and where the body starts in it."""
    if not title:
        return body, 0
    return title + _TITLE_BREAK + body, len(title) + len(_TITLE_BREAK)


def _by_field(frame: pl.DataFrame, body_start: dict[str, int], title_sentences: dict[str, int]) -> pl.DataFrame:
    """Offsets (and sentence numbers) into the joint text → ``field`` and offsets into that field."""
    start = pl.col("article_id").replace_strict(body_start, default=0, return_dtype=pl.Int32)
    sentences = pl.col("article_id").replace_strict(title_sentences, default=0, return_dtype=pl.Int32)
    in_title = pl.col("start_char") < start
    shift = pl.when(in_title).then(0).otherwise(start)
    return frame.with_columns(
        field=pl.when(in_title).then(pl.lit("title")).otherwise(pl.lit("body")),
        sentence_index=pl.col("sentence_index") - pl.when(in_title).then(0).otherwise(sentences),
        start_char=pl.col("start_char") - shift,
        # a headline sentence ends where the title does, not after the break that joins it to the body
        end_char=pl.when(in_title).then(pl.min_horizontal("end_char", start - len(_TITLE_BREAK)))
        .otherwise(pl.col("end_char") - shift),
        **({"verb_char": pl.col("verb_char") - shift,
            "evidence": pl.col("evidence").str.strip_chars()} if "verb_char" in frame.columns else {}),
    )


def annotate_articles(articles: pl.DataFrame, model: str, batch_size: int = 32, n_process: int = 1) -> Annotations:
    """Run the spaCy pipeline over ``articles`` (``article_id``, ``title``, ``body``) and flatten what it
    found: mentions and event candidates, with offsets into the field (title or body) they are in."""
    started = time.perf_counter()
    if not articles.height:
        return Annotations()
    nlp = load_nlp(model)
    titles = articles["title"] if "title" in articles.columns else pl.Series([None] * articles.height)
    texts, body_start, title_sentences = [], {}, {}
    for article_id, title, body in zip(articles["article_id"], titles, articles["body"], strict=True):
        text, start = _fields(title, body)
        texts.append(text)
        body_start[article_id] = start
    mentions: list[tuple] = []
    candidates: list[tuple] = []
    docs = nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
    for article_id, doc in zip(articles["article_id"], docs, strict=True):
        title_sentences[article_id] = sum(1 for s in doc.sents if s.start_char < body_start[article_id])
        m, c = annotate_doc(article_id, doc)
        mentions += m
        candidates += c
    schema_m = {k: v for k, v in MENTION_SCHEMA.items() if k != "field"}
    schema_c = {k: v for k, v in CANDIDATE_SCHEMA.items() if k != "field"}
    return Annotations(
        mentions=_by_field(pl.DataFrame(mentions, schema=schema_m, orient="row"), body_start,
                           title_sentences).select(list(MENTION_SCHEMA)),
        candidates=_by_field(pl.DataFrame(candidates, schema=schema_c, orient="row"), body_start,
                             title_sentences).select(list(CANDIDATE_SCHEMA)),
        seconds=time.perf_counter() - started,
    )
