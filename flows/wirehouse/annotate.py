"""Annotate: spaCy over article bodies → entity mentions and event candidates (who did what to whom).

This is the heavy stage: bodies go through ``nlp.pipe`` in batches (optionally in several processes)
and come back as two flat frames, so the stage can run anywhere (another process, a Dask worker) and
hand plain data to the single writer. Resolution to canonical entities and CAMEO coding happen later,
in ``resolve`` and ``events``, on these frames.
"""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from functools import cache
from multiprocessing import get_context
from typing import TYPE_CHECKING

from wirehouse.clauses import clauses_frame, extract_clauses

# spaCy is imported where a model is loaded: a run whose NLP happens in worker processes does not pay
# for it (time and memory) in its own process. polars and the model's schemas are imported where the
# frames are made: the worker processes import this module to parse, and polars would hold about 37 MiB
# in each of them for nothing.
if TYPE_CHECKING:
    from collections.abc import Iterator

    import polars as pl
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from wirehouse.model import Annotations

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")


def paragraph_breaks(doc: Doc) -> Doc:
    """A line break in the body ends a sentence: headings and list items are not run into the next line."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


@cache
def load_nlp(model: str) -> Language:
    import spacy
    from spacy.language import Language

    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks", func=paragraph_breaks)
    nlp = spacy.load(model)
    missing = {"parser", "ner", "lemmatizer"} - set(nlp.pipe_names)
    if missing:
        raise ValueError(f"spaCy model {model!r} lacks {sorted(missing)}, which entities and events need")
    nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def _span(doc: Doc, start: int, end: int, label: str) -> Span:
    span = doc[start:end]
    span.label_ = label
    return span


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
    label = span.label_
    # A person is not plural: one plural word tagged so is a team or a group ("Jaguars"). (A plural place
    # name is common: the Philippines, the Bahamas.)
    if label == "PERSON" and end - start == 1 and doc[start].tag_ in ("NNS", "NNPS"):
        label = "ORG"
    return _span(doc, start, end, label)


def _headline(sentence: Span) -> bool:
    """A title-case or upper-case line, where capitals do not mark names. Headline style leaves short
    function words in lower case ("Colts Clinch Playoff Spot with 20-13 Win Over Chiefs")."""
    words = [t for t in sentence if t.is_alpha and len(t) > 3 and not (t.is_stop and t.is_lower)]
    return len(words) > 2 and all(t.is_title or t.is_upper for t in words)


def _defined_acronym(span: Span) -> Token | None:
    """The acronym a name defines in parentheses, inside its span or just after it: "The World Health
    Organisation (WHO)"."""
    doc = span.doc
    if len(span) > 2 and span[-2].text == "(":
        token = span[-1]
    elif span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
        token = doc[span.end + 1]
    else:
        return None
    return token if token.is_alpha and token.is_upper and 1 < len(token) < 7 else None


def _initial(span: Span) -> str:
    """The first letter of a name's first capitalised word ("W" of "The World Health Organisation")."""
    words = [t.text for t in span if t.is_alpha and t.text[:1].isupper() and t.lower_ != "the"]
    return words[0][0] if words else ""


def _propagate(doc: Doc, spans: list[Span]) -> list[Span]:
    """A name tagged somewhere in an article is the same name where it recurs untagged: the small
    model tags "Colts" in one sentence and misses it in the next (one label per name per document, the
    usual document-level consistency step of NER). Forms are the tagged names made of capitalised words,
    a full name's surname, the plural proper noun that ends an organisation's name ("Colts" of
    "Indianapolis Colts"), and the acronym a name defines ("WHO" of "The World Health Organisation (WHO)",
    a stop word the model often leaves untagged). An
    occurrence counts when no other capitalised word runs on from it, except in a headline, and
    matches in upper case too ("COLTS")."""
    labels: dict[str, dict[tuple[str, ...], Counter[str]]] = {}

    def form(words: tuple[str, ...], label: str) -> None:
        labels.setdefault(words[0].casefold(), {}).setdefault(words, Counter())[label] += 1

    for span in spans:
        # without the article NER keeps in front of a name ("the Red Sox" recurs as "Red Sox")
        name = span[1:] if len(span) > 1 and span[0].lower_ == "the" else span
        if all((t.is_title or t.is_upper) and t.is_alpha and not t.is_stop for t in name):
            form(tuple(t.text for t in name), span.label_)
        if span.label_ == "ORG" and len(span) > 1 and span[-1].tag_ == "NNPS" and span[-1].is_title:
            form((span[-1].text,), "ORG")
        if span.label_ == "PERSON" and len(span) > 1 and span[-1].is_title and span[-1].tag_ in ("NNP", "NNPS"):
            form((span[-1].text,), "PERSON")  # the surname of a full name
        # an organisation's acronym spelled from its name's first letter: not a person's title ("Jane Smith
        # (MP)") nor a place's code ("Los Angeles (LAX)")
        if span.label_ == "ORG" and (acronym := _defined_acronym(span)) and acronym.text[0] == _initial(span):
            form((acronym.text,), span.label_)
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
            added.append(_span(doc, i, end, counts.most_common(1)[0][0]))
            taken |= set(range(i, end))
    return sorted(spans + added, key=lambda s: s.start)


def _plural_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Teams, bands and other groups named by a plural proper noun ("the Colts", "the top-seeded
    Bluejays", "Tar Heels"), which the small model often leaves untagged: a run of capitalised proper
    nouns ending in a plural one (``NNPS``) that ends the name (no capitalised word or "of" after it),
    outside every tagged name and not in a headline (where every word is capitalised), is an
    organisation. Nationalities and parties ("Americans", "Democrats") are tagged NORP by the model, so
    they are already taken."""
    taken = {t.i for span in spans for t in span}
    added = []
    for sentence in doc.sents:
        if _headline(sentence):
            continue
        for token in sentence:
            if token.tag_ != "NNPS" or not token.is_title or not token.is_alpha or token.i in taken:
                continue
            # A name runs on ("Dries Mertens", "New Territories West") or continues with "of": not the end.
            after = doc[token.i + 1] if token.i + 1 < sentence.end else None
            if after is not None and after.lower_ in ("'s", "’s") and token.i + 2 < sentence.end:
                after = doc[token.i + 2]  # "the Korean People's Army"
            if after is not None and ((after.is_alpha and after.is_title) or after.lower_ == "of"):
                continue
            start = token.i
            while (start > sentence.start and doc[start - 1].tag_ == "NNP" and doc[start - 1].is_title
                   and doc[start - 1].is_alpha and start - 1 not in taken):
                start -= 1
            # Not the tail of a longer name the model missed ("Commissioner for Refugees") or cut ("Dries
            # Mertens" tagged only "Dries").
            before = doc[start - 1] if start > sentence.start else None
            if before is not None and before.tag_ in ("IN", "CC", "TO", "NNP", "NNPS"):
                continue
            added.append(_span(doc, start, token.i + 1, "ORG"))
            taken |= set(range(start, token.i + 1))
    return sorted(spans + added, key=lambda s: s.start)


def _split_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """A person's name the model tags as two people, one word each ("Tim" "Mead", "H.R." "Haldeman"): two
    one-word PERSON spans with only a space between them are one name, unless the first is the surname of
    a full name of the article ("Clinton Trump Debate": two people)."""
    surnames = {s[-1].text for s in spans if s.label_ == "PERSON" and len(s) > 1}
    out: list[Span] = []
    for span in spans:
        last = out[-1] if out else None
        if (last is not None and last.label_ == span.label_ == "PERSON" and len(last) == len(span) == 1
                and span.start == last.end and last[0].whitespace_ == " " and span[0].is_title
                and last[0].text not in surnames):
            out[-1] = _span(doc, last.start, span.end, "PERSON")
            continue
        out.append(span)
    return out


# Verbs of attribution: news names its sources as their subjects ("TMZ reported", "Lyons said").
_REPORTING = frozenset({"say", "report", "tell", "confirm", "announce", "add", "write", "state"})


def _proper(token: Token) -> bool:
    return token.tag_ in ("NNP", "NNPS")


def _sources(doc: Doc, spans: list[Span]) -> list[Span]:
    """Sources the small model leaves untagged: a proper noun outside every tagged name that is the
    subject of a verb of attribution, with the proper nouns joined to it on its left ("ITAR-TASS"). In
    capitals or with a capital inside ("TMZ", "RussiaToday") it is an organisation, else a person."""
    taken = {t.i for span in spans for t in span}
    added = []
    for token in doc:
        if (token.tag_ not in ("NNP", "NNPS") or token.i in taken or token.dep_ != "nsubj"
                or token.head.lemma_ not in _REPORTING or _headline(token.sent) or not token.text[:1].isupper()):
            continue
        start = token.i
        while start > token.sent.start and start - 1 not in taken and (_proper(doc[start - 1]) or (
                doc[start - 1].tag_ == "HYPH" and not doc[start - 1].whitespace_
                and start - 2 >= token.sent.start and _proper(doc[start - 2]))):
            start -= 1
        words = [t.text for t in doc[start:token.i + 1] if t.is_alpha]
        if not words or not all(w[:1].isupper() for w in words):
            continue
        org = any((w.isupper() and len(w) > 1) or any(c.isupper() for c in w[1:]) for w in words)
        added.append(_span(doc, start, token.i + 1, "ORG" if org else "PERSON"))
        taken |= set(range(start, token.i + 1))
    return sorted(spans + added, key=lambda s: s.start)


def _mentions(doc: Doc) -> list[Span]:
    spans = []
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS and (trimmed := _trim(ent)) is not None:
            spans.append(trimmed)
    return _split_people(doc, _propagate(doc, _sources(doc, _plural_names(doc, spans))))


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
    return mentions, extract_clauses(article_id, doc, spans)


# The headline goes through the model with the body, as a paragraph of its own before it: it names
# the story's actors. Offsets are then mapped back to the field they fall in.
_TITLE_BREAK = "\n\n"


def _fields(title: str | None, body: str) -> tuple[str, int]:
    """The text spaCy reads, and where the body starts in it."""
    if not title:
        return body, 0
    return title + _TITLE_BREAK + body, len(title) + len(_TITLE_BREAK)


def _fields_of(frame: pl.DataFrame, body_start: dict[str, int], title_sentences: dict[str, int]) -> pl.DataFrame:
    """``field`` (title or body) of each row by its offset into the joint text, its ``field_offset``
    (where that field starts there), and its sentence number counted within the field."""
    import polars as pl

    start = pl.col("article_id").replace_strict(body_start, default=0, return_dtype=pl.Int32)
    sentences = pl.col("article_id").replace_strict(title_sentences, default=0, return_dtype=pl.Int32)
    in_title = pl.col("start_char") < start
    return frame.with_columns(
        field=pl.when(in_title).then(pl.lit("title")).otherwise(pl.lit("body")),
        field_offset=pl.when(in_title).then(0).otherwise(start).cast(pl.Int32),
        sentence_index=pl.col("sentence_index") - pl.when(in_title).then(0).otherwise(sentences),
    )


def _into_field(mentions: pl.DataFrame) -> pl.DataFrame:
    """Mentions' offsets into the field they are in (``body[start_char:end_char] == text``)."""
    import polars as pl

    return mentions.with_columns(start_char=pl.col("start_char") - pl.col("field_offset"),
                                 end_char=pl.col("end_char") - pl.col("field_offset"))


# spaCy's memory grows with the characters it parses at once, about 2 MB per 1,000 on the small English
# model whatever the number of documents: texts go through in batches of at most BATCH_CHARS characters,
# a longer text in pieces of whole lines joined back into one Doc. Sentences already end at line breaks
# (``paragraph_breaks``), so a piece holds whole sentences. Measured on the 1k benchmark's bodies: a worker
# peaked 150 MB lower than with 100,000 characters and parsed as fast (a 55,000-character page alone held
# 210 MB; in pieces 80 MB, with the same mentions and candidates).
BATCH_CHARS = 20_000
# Below this many texts per process, a pool's start (each process loads the model) costs more than it saves.
_TEXTS_PER_PROCESS = 8


def _pieces(text: str, limit: int) -> list[str]:
    """``text`` as runs of whole lines of at most ``limit`` characters, blank lines kept with the run before
    them (a run that began at a paragraph's second line break would parse it as a sentence of its own); a
    line longer than ``limit`` is cut at a space before it, or at it. Joined, they are ``text``."""
    if len(text) <= limit:
        return [text]
    pieces = [""]
    for line in _lines_within(text, limit):
        blank = not line.strip()
        if pieces[-1] and len(pieces[-1]) + len(line) > limit and not (blank and len(pieces[-1]) < 2 * limit):
            pieces.append("")
        pieces[-1] += line
    return pieces


def _lines_within(text: str, limit: int) -> Iterator[str]:
    """``text``'s lines, a line longer than ``limit`` in parts: spaCy refuses a text over its
    ``max_length`` (a million characters) and its memory grows with what it parses at once."""
    for line in text.splitlines(keepends=True):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit) + 1 or limit
            yield line[:cut]
            line = line[cut:]
        yield line


def _parsed(nlp: Language, texts: list[str], batch_size: int, limit: int = BATCH_CHARS,
            starts: list[int] | None = None) -> Iterator[Doc]:
    """One Doc per text, in order, from ``nlp.pipe`` over batches of at most ``batch_size`` pieces and
    ``limit`` characters. A text's part before its ``starts`` offset (a headline) is parsed on its own:
    parsed with it, the body's first sentence was cut after its first word ("Tishana | King says she
    saw ...") on some pages."""
    from spacy.tokens import Doc

    def split(text: str, start: int) -> list[str]:
        return (_pieces(text[:start], limit) if start else []) + _pieces(text[start:], limit)

    pieces = [(piece, j == len(parts) - 1)
              for text, start in zip(texts, starts or [0] * len(texts), strict=True)
              for parts in [split(text, start)] for j, piece in enumerate(parts)]  # fmt: skip
    batches: list[list[tuple[str, bool]]] = [[]]
    filled = 0
    for piece in pieces:
        if batches[-1] and (filled + len(piece[0]) > limit or len(batches[-1]) >= batch_size):
            batches.append([])
            filled = 0
        batches[-1].append(piece)
        filled += len(piece[0])
    parts: list[Doc] = []
    for batch in batches:
        for (_, last), doc in zip(batch, nlp.pipe([text for text, _ in batch], batch_size=len(batch)), strict=True):
            parts.append(doc)
            if last:
                yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
                parts = []


def _annotate_texts(model: str, items: list[tuple[str, str, int]], batch_size: int) -> list[tuple]:
    """(article_id, text, body_start) → (article_id, mentions, candidates, headline sentences) per text."""
    nlp = load_nlp(model)
    out = []
    parsed = _parsed(nlp, [t for _, t, _ in items], batch_size, starts=[s for _, _, s in items])
    for (article_id, _, start), doc in zip(items, parsed, strict=True):
        mentions, candidates = annotate_doc(article_id, doc)
        out.append((article_id, mentions, candidates, sum(1 for s in doc.sents if s.start_char < start)))
    return out


# Worker pools by (model, processes), kept for the life of the process like a loaded model. Two batches
# can be annotated at once (the next one queues its texts while the last texts of the one before are
# parsed), so the pools are made, replaced and removed under a lock.
_POOLS: dict[tuple[str, int], ProcessPoolExecutor] = {}
_POOLS_LOCK = threading.Lock()
_IN_PROCESS_LOCK = threading.Lock()
# Set when a run that failed or was stopped stopped its workers: an annotation still on its way in another
# thread, or its task's retry, must not start new workers for a run that is ending (the task runner waits for
# it). Cleared when a run begins or workers are started.
_STOPPED = threading.Event()


def _pool(model: str, processes: int) -> ProcessPoolExecutor:
    """Worker processes that keep the model loaded for the whole run (spaCy's own ``n_process`` would start
    and load them again for every batch). Spawned, not forked: the flow runs threads."""
    with _POOLS_LOCK:  # with stop_workers: none is made once it has stopped a run's workers
        if _STOPPED.is_set():
            raise CancelledError("the run stopped its NLP workers")
        if (model, processes) not in _POOLS:
            _POOLS[model, processes] = ProcessPoolExecutor(processes, mp_context=get_context("spawn"),
                                                           initializer=load_nlp, initargs=(model,))
        return _POOLS[model, processes]


def uses_workers(texts: int, n_process: int, model: str | None = None) -> bool:
    """Whether ``texts`` texts go to worker processes: enough of them to pay for starting the workers, or
    any number once the workers of ``model`` are started (they hold the model; this process has not
    loaded it)."""
    return n_process > 1 and (texts >= n_process * _TEXTS_PER_PROCESS or (model, n_process) in _POOLS)


def _ready() -> None:
    """Nothing: submitted once per worker so that the pool starts its processes now."""


def start_workers(model: str, n_process: int) -> None:
    """Start the worker processes (each loads the model) without waiting for them: a run that knows it
    will need them starts them while it does other things (and lifts a stop of workers before it)."""
    _STOPPED.clear()
    pool = _pool(model, n_process)
    for _ in range(n_process):
        pool.submit(_ready)


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Cancel what waits in ``pool``'s queue and end its processes now: whoever waits for a text in it gets
    ``CancelledError`` or ``BrokenProcessPool`` at once, not the parse's result seconds later."""
    # ProcessPoolExecutor has no public way to end its processes before Python 3.14's terminate_workers
    processes = list((pool._processes or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()


def stop_workers(at_once: bool = False) -> None:
    """Stop the worker processes, which free their models: a run stops them after its last parse, so that
    what follows (the last batches' resolution, validation and its Great Expectations import, Data Docs)
    does not run beside them. ``at_once``: a run that failed or was stopped does not wait for the texts
    being parsed, and no new workers start for it (``workers_for_run``)."""
    with _POOLS_LOCK:
        if at_once:
            _STOPPED.set()
        while _POOLS:
            _, pool = _POOLS.popitem()
            if at_once:
                _terminate(pool)
            else:
                pool.shutdown(wait=False)


@contextmanager
def workers_for_run() -> Iterator[None]:
    """The worker processes of one run: stopped at once when the run fails or is stopped in it."""
    _STOPPED.clear()
    try:
        yield
    except BaseException:
        stop_workers(at_once=True)
        raise


def _discard(key: tuple[str, int], pool: ProcessPoolExecutor) -> None:
    """Forget a broken ``pool``, unless another thread already replaced it, and end what is left of it."""
    with _POOLS_LOCK:
        if _POOLS.get(key) is pool:
            del _POOLS[key]
    _terminate(pool)


def _chunks(items: list[tuple[str, str, int]], parts: int) -> list[list[tuple[str, str, int]]]:
    """``items`` in ``parts`` runs of about equal characters, in order."""
    total = sum(len(t) for _, t, _ in items) or 1
    chunks: list[list[tuple[str, str, int]]] = [[]]
    filled = 0
    for item in items:
        if filled >= total * len(chunks) / parts and len(chunks) < parts:
            chunks.append([])
        chunks[-1].append(item)
        filled += len(item[1])
    return [c for c in chunks if c]


def _in_workers(model: str, n_process: int, items: list[tuple[str, str, int]], batch_size: int) -> list[tuple]:
    """``_annotate_texts`` over ``items`` in the worker processes. A pool that lost a worker (killed, or a
    model that does not load) takes no more texts: one found broken before any text of this call went in
    (a worker killed between batches) is replaced at once; one that breaks with texts in it fails the call,
    and the next call (the task's retry) starts a new pool, which reports a model's own error."""
    key = (model, n_process)
    chunks = _chunks(items, 2 * n_process)
    pool = _pool(model, n_process)
    try:
        try:
            parts = [pool.submit(_annotate_texts, model, chunk, batch_size) for chunk in chunks]
        except BrokenProcessPool:
            _discard(key, pool)
            pool = _pool(model, n_process)
            parts = [pool.submit(_annotate_texts, model, chunk, batch_size) for chunk in chunks]
        return [row for part in parts for row in part.result()]
    except BrokenProcessPool:
        _discard(key, pool)
        raise


def annotate_articles(articles: pl.DataFrame, model: str, batch_size: int = 32, n_process: int = 1) -> Annotations:
    """Run the spaCy pipeline over ``articles`` (``article_id``, ``title``, ``body``) and flatten what it
    found: mentions and event candidates, with offsets into the field (title or body) they are in.

    With ``n_process`` > 1 the texts go to that many worker processes that keep the model for the run."""
    import polars as pl

    from wirehouse.model import CANDIDATE_SCHEMA, MENTION_SCHEMA, Annotations

    if not articles.height:
        return Annotations()
    titles = articles["title"] if "title" in articles.columns else pl.Series([None] * articles.height)
    items = []
    for article_id, title, body in zip(articles["article_id"], titles, articles["body"], strict=True):
        text, start = _fields(title, body)
        items.append((article_id, text, start))
    if uses_workers(len(items), n_process, model):
        done = _in_workers(model, n_process, items, batch_size)
    else:
        with _IN_PROCESS_LOCK:  # one batch at a time through this process's model, loaded once
            done = _annotate_texts(model, items, batch_size)
    body_start = {article_id: start for article_id, _, start in items}
    title_sentences = {article_id: n for article_id, _, _, n in done}
    mentions = [m for _, ms, _, _ in done for m in ms]
    candidates = [c for _, _, cs, _ in done for c in cs]
    schema_m = {k: v for k, v in MENTION_SCHEMA.items() if k != "field"}
    found = _fields_of(pl.DataFrame(mentions, schema=schema_m, orient="row"), body_start, title_sentences)
    clauses = _fields_of(clauses_frame(candidates), body_start, title_sentences)
    return Annotations(
        mentions=_into_field(found).select(list(MENTION_SCHEMA)),
        candidates=clauses.select(list(CANDIDATE_SCHEMA)),
    )
