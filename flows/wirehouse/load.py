"""Load: assemble what one batch of files writes to the warehouse (pure), before ``warehouse.load_batch``.

Every file in a batch comes out as exactly one manifest row, and as either an article row or a
quarantine row or a duplicate marker: the assembly refuses to lose a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from wirehouse.discover import ARTICLE, DUPLICATE, QUARANTINED
from wirehouse.events import EVENT_SCHEMA
from wirehouse.normalise import ARTICLE_SCHEMA
from wirehouse.resolve import ALIAS_SCHEMA, ENTITY_SCHEMA, RESOLVED_SCHEMA
from wirehouse.warehouse import article_id_for

STAGED_ARTICLE_SCHEMA = {**ARTICLE_SCHEMA, "encoding": pl.String, "content_sha256": pl.String, "article_id": pl.String}
QUARANTINE_SCHEMA = {"source_path": pl.String, "content_sha256": pl.String, "reason": pl.String, "detail": pl.String}


def _empty(schema: dict) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


@dataclass(frozen=True)
class Batch:
    """Everything one transaction writes. Mentions and events replace those of the batch's articles;
    entities and aliases are only ever added."""

    files: pl.DataFrame
    articles: pl.DataFrame = field(default_factory=lambda: _empty(STAGED_ARTICLE_SCHEMA))
    quarantined: pl.DataFrame = field(default_factory=lambda: _empty(QUARANTINE_SCHEMA))
    mentions: pl.DataFrame = field(default_factory=lambda: _empty(RESOLVED_SCHEMA))
    events: pl.DataFrame = field(default_factory=lambda: _empty(EVENT_SCHEMA))
    entities: pl.DataFrame = field(default_factory=lambda: _empty(ENTITY_SCHEMA))
    aliases: pl.DataFrame = field(default_factory=lambda: _empty(ALIAS_SCHEMA))


def assemble_batch(plan: pl.DataFrame, extracted: pl.DataFrame, articles: pl.DataFrame, min_body_words: int) -> Batch:
    """Join a batch's plan rows with what extraction and normalisation made of them.

    ``plan``: rows of :func:`discover.plan_changes` that need work (not removals). ``extracted``: the
    article-role files' decode results. ``articles``: normalised rows for the decoded files. A body
    shorter than ``min_body_words`` after cleaning is quarantined as ``no_article_text``.
    """
    decoded = extracted.select("source_path", "encoding", "reason", "detail")
    articles = articles.join(decoded.select("source_path", "encoding"), on="source_path", how="left")
    too_short = articles.filter(pl.col("word_count") < min_body_words).select(
        "source_path",
        reason=pl.lit("no_article_text"),
        detail=pl.format("{} words left after cleaning, fewer than {}", "word_count", pl.lit(min_body_words)),
    )
    articles = articles.filter(pl.col("word_count") >= min_body_words)
    failed = pl.concat(
        [decoded.filter(pl.col("reason").is_not_null()).select("source_path", "reason", "detail"), too_short]
    )

    files = (
        plan.join(failed.select("source_path", "reason"), on="source_path", how="left")
        .with_columns(
            status=pl.when(pl.col("role") == DUPLICATE)
            .then(pl.lit(DUPLICATE))
            .when(pl.col("reason").is_not_null())
            .then(pl.lit(QUARANTINED))
            .otherwise(pl.lit(ARTICLE)),
        )
        .with_columns(
            article_id=pl.when(pl.col("status") == ARTICLE)
            .then(pl.col("source_path").map_elements(article_id_for, return_dtype=pl.String))
            .otherwise(None),
            duplicate_of=pl.when(pl.col("status") == DUPLICATE).then(pl.col("canonical_path")).otherwise(None),
        )
        .drop("reason")
    )
    missing = files.filter(
        (pl.col("status") == ARTICLE) & ~pl.col("source_path").is_in(articles["source_path"].implode())
    )
    if missing.height:
        raise ValueError(f"files with neither an article nor a quarantine reason: {missing['source_path'].to_list()}")

    hashes = plan.select("source_path", "content_sha256")
    article_rows = articles.join(hashes, on="source_path").with_columns(
        article_id=pl.col("source_path").map_elements(article_id_for, return_dtype=pl.String)
    )
    quarantined = failed.join(hashes, on="source_path").select("source_path", "content_sha256", "reason", "detail")
    return Batch(files=files, articles=article_rows, quarantined=quarantined)
