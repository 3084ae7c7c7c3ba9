"""The data model: the schema of every frame that crosses a stage, every id, and the batch a load writes.

Every stage imports its types from here and nothing here imports a stage, so the dependency graph has
one root. The warehouse's tables (``sql/migrations``) hold the same columns; ``tests/test_model.py``
checks that the two agree.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import polars as pl

# What happened to a file since the last run. ``rederive``: unchanged bytes, but the rules that
# derived its rows (cleaner, model, dictionaries, …) changed since, so its rows are derived again.
NEW, CHANGED, UNCHANGED, REMOVED, REDERIVE = "new", "changed", "unchanged", "removed", "rederive"
# What a file is now.
ARTICLE, DUPLICATE, QUARANTINED = "article", "duplicate", "quarantined"

SCAN_SCHEMA = {"source_path": pl.String, "size_bytes": pl.Int64, "mtime_ns": pl.Int64}
# An entry of the source folder that will not be read, and why (null for a readable regular file).
REJECTION_SCHEMA = {"reason": pl.String, "detail": pl.String}
HASHES_SCHEMA = {"source_path": pl.String, "content_sha256": pl.String, **REJECTION_SCHEMA}
MANIFEST_SCHEMA = {
    "source_path": pl.String,
    "size_bytes": pl.Int64,
    "mtime_ns": pl.Int64,
    "content_sha256": pl.String,  # null for a file that could never be read
    "status": pl.String,
    "duplicate_of": pl.String,
    "first_seen_run": pl.Int64,
    "rules_version": pl.String,
}
PLAN_SCHEMA = {
    "source_path": pl.String,
    "size_bytes": pl.Int64,
    "mtime_ns": pl.Int64,
    "content_sha256": pl.String,
    "first_seen_run": pl.Int64,
    "change": pl.String,
    "role": pl.String,  # article | duplicate | removed | quarantined (refused at discovery)
    "canonical_path": pl.String,
    "previous_status": pl.String,
    "needs_work": pl.Boolean,
    **REJECTION_SCHEMA,
}
EXTRACTED_SCHEMA = {
    "source_path": pl.String,
    "content_sha256": pl.String,
    "text": pl.String,
    "encoding": pl.String,
    "reason": pl.String,
    "detail": pl.String,
}
# What normalise makes of one decoded file.
PARSED_SCHEMA = {
    "source_path": pl.String,
    "title": pl.String,
    "title_source": pl.String,
    "author": pl.String,
    "published_date": pl.Date,
    "outlet": pl.String,
    "dateline": pl.String,
    "body": pl.String,
    "word_count": pl.Int64,
    "language": pl.String,
    "extractor": pl.String,
    "url": pl.String,
}
ARTICLE_SCHEMA = {
    "article_id": pl.String,
    **PARSED_SCHEMA,
    "content_sha256": pl.String,
    "encoding": pl.String,
    "rules_version": pl.String,
}
QUARANTINE_SCHEMA = {"source_path": pl.String, "content_sha256": pl.String, "reason": pl.String,
                     "detail": pl.String}
FILE_SCHEMA = {
    **{k: v for k, v in PLAN_SCHEMA.items()
       if k not in ("role", "canonical_path", "previous_status", "needs_work", "reason", "detail")},
    "status": pl.String,
    "article_id": pl.String,
    "duplicate_of": pl.String,
    "rules_version": pl.String,
}

# Annotate: what spaCy found, before resolution. ``field`` is the article field the offsets index
# (``title`` or ``body``).
MENTION_SCHEMA = {
    "article_id": pl.String,
    "mention_index": pl.Int32,
    "field": pl.String,
    "sentence_index": pl.Int32,
    "start_char": pl.Int32,
    "end_char": pl.Int32,
    "text": pl.String,
    "label": pl.String,
}
# An actor noun phrase of a clause (offsets into the text spaCy read: see ``field_offset``).
PHRASE = pl.Struct(
    {
        "text": pl.String,
        "start_char": pl.Int32,
        "end_char": pl.Int32,
        "mention_index": pl.Int32,  # the named-entity mention inside the phrase, if any
        # np | pronoun | pair | place (a target only if no other) | clause | name (no actor) | thing (a law, work,
        # product, event or storm: no actor unless the actor dictionary names it)
        "kind": pl.String,
        "prep": pl.String,  # the preposition that introduced it ("" for subjects and direct objects)
        "group": pl.Int32,  # phrases of one coordination ("Mordor, Rohan and Bree") share it
        "head": pl.String,  # the phrase's head word
        # its place, when it is one of a comma list of places ("the police in Kamloops, British Columbia"): the
        # coder joins a place to the one before when it is that one's region or country
        "place": pl.String,
    }
)
# A clause: a verb (or event noun) with its actor phrases and the words verb patterns read.
CLAUSE_SCHEMA = {
    "article_id": pl.String,
    "sentence_index": pl.Int32,
    "verb": pl.String,  # lemma
    "verb_text": pl.String,  # the word as written, lowercased
    "verb_char": pl.Int32,
    "is_nominal": pl.Boolean,  # an event noun ("meeting", "visit") rather than a verb
    "sources": pl.List(PHRASE),
    "targets": pl.List(PHRASE),
    "before_words": pl.List(pl.String),
    "before_lemmas": pl.List(pl.String),
    "after_words": pl.List(pl.String),
    "after_lemmas": pl.List(pl.String),
    "is_negated": pl.Boolean,
    "is_hypothetical": pl.Boolean,
    "date_text": pl.String,
    # where the clause locates its event: place phrases after a locative preposition, in the order written,
    # each with the places qualifying it after commas ("Paris, Texas")
    "places": pl.List(pl.String),
    "evidence": pl.String,
    "start_char": pl.Int32,
    "end_char": pl.Int32,
    "particle": pl.String,  # the verb's particle ("up" of "shoot up"), if it has one
    # a passive clause of its own (not a reduced relative, "diplomats attached to the mission"): its subject
    # (the first of ``targets``) is what it is done to, its agents are ``sources``
    "is_passive": pl.Boolean,
    # the lemma of the verb a to-infinitive is the purpose of ("met in Brussels to impose sanctions": "meet"), when
    # it is one and that verb names no intent ("plans to lend" is an intent, not a purpose)
    "purpose_of": pl.String,
}
# Candidates keep the offsets of the text spaCy read (headline, then body), so the coder sees one order
# of everything in an article; ``field_offset`` is where their ``field`` starts in that text.
CANDIDATE_SCHEMA = {**CLAUSE_SCHEMA, "field": pl.String, "field_offset": pl.Int32}

# Resolve.
ENTITY_SCHEMA = {
    "entity_id": pl.String,
    "name": pl.String,
    "entity_type": pl.String,  # person | organization | country | place | group
    "country_code": pl.String,
    "country_role": pl.String,  # self | capital | institution | located_in | nationality
}
ALIAS_SCHEMA = {"entity_id": pl.String, "alias": pl.String, "alias_key": pl.String}
MERGE_SCHEMA = {"entity_id": pl.String, "merged_into": pl.String, "reason": pl.String}
# A batch's evidence for an entity's type: how many of its mentions read as each type.
TYPE_VOTE_SCHEMA = {"entity_id": pl.String, "entity_type": pl.String, "mentions": pl.Int64}
RESOLVED_SCHEMA = {
    "mention_id": pl.String,
    "article_id": pl.String,
    "mention_index": pl.Int32,
    "entity_id": pl.String,
    # This mention's own evidence: person | organization | country | nationality | place | group.
    "mention_type": pl.String,
    "text": pl.String,
    "field": pl.String,
    "sentence_index": pl.Int32,
    "start_char": pl.Int32,
    "end_char": pl.Int32,
}

# Code events.
EVENT_SCHEMA = {
    "event_id": pl.String,
    "article_id": pl.String,
    "field": pl.String,
    "sentence_index": pl.Int32,
    "actor1_entity_id": pl.String,
    "actor1_text": pl.String,
    "actor1_code": pl.String,
    "actor1_role": pl.String,
    "actor1_country_code": pl.String,
    "actor2_entity_id": pl.String,
    "actor2_text": pl.String,
    "actor2_code": pl.String,
    "actor2_role": pl.String,
    "actor2_country_code": pl.String,
    "action": pl.String,
    "cameo_code": pl.String,
    "cameo_root": pl.String,
    "quad_class": pl.Int8,
    "goldstein": pl.Float64,
    "event_date": pl.Date,
    "date_precision": pl.String,
    "date_text": pl.String,
    "is_negated": pl.Boolean,
    "is_hypothetical": pl.Boolean,
    "action_geo_name": pl.String,
    "action_geo_country_code": pl.String,
    "action_geo_lat": pl.Float64,
    "action_geo_lon": pl.Float64,
    "evidence": pl.String,
    "start_char": pl.Int32,
    "end_char": pl.Int32,
}

CAMEO_CODE_SCHEMA = {
    "cameo_code": pl.String,
    "name": pl.String,
    "cameo_root": pl.String,
    "quad_class": pl.Int8,
    "goldstein": pl.Float64,
}

VALIDATION_SCHEMA = {
    "run_id": pl.Int64,
    "table_name": pl.String,
    "expectation": pl.String,
    "column_name": pl.String,
    "success": pl.Boolean,
    "observed_value": pl.String,
    "severity": pl.String,
    "validated_at": pl.Datetime("us", "UTC"),
}


def empty(schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


def conform(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """``frame`` with exactly ``schema``'s columns, in order and cast; a column it lacks is null.

    Extra columns are an error, not dropped: a stage producing a column the model does not know would
    otherwise lose it silently.
    """
    extra = set(frame.columns) - set(schema)
    if extra:
        raise ValueError(f"columns not in the data model: {sorted(extra)}")
    return frame.select(
        [pl.col(c).cast(t) if c in frame.columns else pl.lit(None, t).alias(c) for c, t in schema.items()]
    )


def _digest(prefix: str, *parts: object) -> str:
    raw = "|".join("" if p is None else str(p) for p in parts)
    return prefix + hashlib.sha256(raw.encode()).hexdigest()[:16]


def article_id_for(source_path: str) -> str:
    """Stable per source path: an edited file keeps its article id, so its rows are replaced in place."""
    return _digest("a_", source_path)


def entity_id_for(key: str) -> str:
    """An entity's id: from its normalised key alone, so a type correction never changes it."""
    return _digest("e_", key)


def mention_id_for(article_id: str, mention_index: int) -> str:
    """The article and the mention's number in it (title mentions first, then the body's, in order)."""
    return f"{article_id}-{mention_index:04d}"


def event_id_for(article_id: str, verb_char: int, actor1: str | None, actor2: str | None) -> str:
    return _digest("ev_", article_id, verb_char, actor1, actor2)


def article_ids(paths: pl.Expr) -> pl.Expr:
    """:func:`article_id_for` as a column expression."""
    return paths.map_elements(article_id_for, return_dtype=pl.String)


@dataclass(frozen=True)
class Prepared:
    """What each file of a batch became: one manifest row per file, and for each file an article, a
    quarantine row, or a duplicate or removal marker (in ``files.status``)."""

    files: pl.DataFrame
    articles: pl.DataFrame = field(default_factory=lambda: empty(ARTICLE_SCHEMA))
    quarantined: pl.DataFrame = field(default_factory=lambda: empty(QUARANTINE_SCHEMA))


@dataclass(frozen=True)
class Annotations:
    """What the NLP stage found in a batch's articles (its time is taken where it is waited for: it may
    run on another machine, whose clock is not the run's)."""

    mentions: pl.DataFrame = field(default_factory=lambda: empty(MENTION_SCHEMA))
    candidates: pl.DataFrame = field(default_factory=lambda: empty(CANDIDATE_SCHEMA))


@dataclass(frozen=True)
class Resolution:
    """What one batch of mentions changes in the warehouse (every frame may be empty).

    ``mentions``: the batch's mentions linked to their entity; an entity merged in this batch is already
    followed. ``new_entities``, and ``changed_entities`` (known entities whose type or name the batch
    corrected). ``new_aliases``. ``new_merges``: ids that turned out to be another entity, never
    rewritten. ``type_votes``: the batch's own type evidence per (surviving) entity.
    """

    mentions: pl.DataFrame = field(default_factory=lambda: empty(RESOLVED_SCHEMA))
    new_entities: pl.DataFrame = field(default_factory=lambda: empty(ENTITY_SCHEMA))
    changed_entities: pl.DataFrame = field(default_factory=lambda: empty(ENTITY_SCHEMA))
    new_aliases: pl.DataFrame = field(default_factory=lambda: empty(ALIAS_SCHEMA))
    new_merges: pl.DataFrame = field(default_factory=lambda: empty(MERGE_SCHEMA))
    type_votes: pl.DataFrame = field(default_factory=lambda: empty(TYPE_VOTE_SCHEMA))


@dataclass(frozen=True)
class Batch:
    """Everything one load transaction writes: what the files became, the entities their articles
    mention, and the events coded from them."""

    prepared: Prepared
    resolution: Resolution = field(default_factory=Resolution)
    events: pl.DataFrame = field(default_factory=lambda: empty(EVENT_SCHEMA))

    def frames(self) -> dict[str, pl.DataFrame]:
        """The batch as named frames in the data model's schemas, as the warehouse stages them."""
        p, r = self.prepared, self.resolution
        return {
            "batch_files": conform(p.files, FILE_SCHEMA),
            "batch_articles": conform(p.articles, ARTICLE_SCHEMA),
            "batch_quarantine": conform(p.quarantined, QUARANTINE_SCHEMA),
            "batch_mentions": conform(r.mentions, RESOLVED_SCHEMA),
            "batch_entities": conform(pl.concat([r.new_entities, r.changed_entities]), ENTITY_SCHEMA),
            "batch_aliases": conform(r.new_aliases, ALIAS_SCHEMA),
            "batch_merges": conform(r.new_merges, MERGE_SCHEMA),
            "batch_events": conform(self.events, EVENT_SCHEMA),
        }


def prepare_batch(
    plan: pl.DataFrame,
    extracted: pl.DataFrame,
    parsed: pl.DataFrame,
    min_body_words: int,
    rules_version: str,
) -> Prepared:
    """Decide what every file of a batch becomes, computing each file's ids once.

    ``plan``: rows of :func:`discover.plan_changes` that need work, removals included. ``extracted``: the
    article-role files' decode results (a ``reason`` where they could not be decoded). ``parsed``:
    normalised rows for the decoded ones. A body shorter than ``min_body_words`` is quarantined as
    ``no_article_text``. A file with neither an outcome nor a reason is an error, never dropped.
    """
    failed = pl.concat([
        # entries discovery refused to read (links, FIFOs, unreadable or vanished files)
        plan.filter(pl.col("role") == QUARANTINED).select("source_path", "reason", "detail"),
        extracted.filter(pl.col("reason").is_not_null()).select("source_path", "reason", "detail"),
        parsed.filter(pl.col("word_count") < min_body_words).select(
            "source_path",
            reason=pl.lit("no_article_text"),
            detail=pl.format("{} words left after cleaning, fewer than {}", "word_count", pl.lit(min_body_words)),
        ),
    ])
    files = (
        plan.drop("reason", "detail").join(failed.select("source_path", "reason"), on="source_path", how="left")
        .with_columns(
            status=pl.when(pl.col("role") == REMOVED).then(pl.lit(REMOVED))
            .when(pl.col("role") == DUPLICATE).then(pl.lit(DUPLICATE))
            .when(pl.col("reason").is_not_null()).then(pl.lit(QUARANTINED))
            .otherwise(pl.lit(ARTICLE)),
            article_id=article_ids(pl.col("source_path")),
        )
        .with_columns(
            duplicate_of=pl.when(pl.col("status") == DUPLICATE).then(pl.col("canonical_path")),
        )
    )
    articles = (
        parsed.filter(pl.col("word_count") >= min_body_words)
        .join(extracted.select("source_path", "encoding"), on="source_path", how="left")
        .join(files.select("source_path", "article_id", "content_sha256"), on="source_path")
        .with_columns(rules_version=pl.lit(rules_version))
    )
    missing = files.filter(
        (pl.col("status") == ARTICLE) & ~pl.col("source_path").is_in(articles["source_path"].implode())
    )
    if missing.height:
        raise ValueError(f"files with neither an article nor a quarantine reason: {missing['source_path'].to_list()}")
    quarantined = failed.join(files.select("source_path", "content_sha256"), on="source_path").select(
        list(QUARANTINE_SCHEMA)
    )
    # Every file keeps its path's article id, even when it is no article now: staging it replaces
    # whatever that path's article was (the manifest records the id only while status = article).
    files = files.with_columns(rules_version=pl.lit(rules_version))
    return Prepared(
        files=conform(files.select(list(FILE_SCHEMA)), FILE_SCHEMA),
        articles=conform(articles, ARTICLE_SCHEMA),
        quarantined=conform(quarantined, QUARANTINE_SCHEMA),
    )
