"""spaCy's worker processes: two batches annotated at once (as the run's two annotation threads do) find
what each finds alone in this process."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import polars as pl
import pytest
from polars.testing import assert_frame_equal
from wirehouse.annotate import annotate_articles, start_workers, stop_workers
from wirehouse.normalise import normalise_articles
from wirehouse.settings import Settings

from .helpers import SEEDS


@pytest.fixture(scope="module")
def batches() -> list[pl.DataFrame]:
    paths = sorted(SEEDS.glob("*.txt"))
    extracted = pl.DataFrame({"source_path": [p.name for p in paths], "text": [p.read_text() for p in paths]})
    articles = normalise_articles(extracted).select(
        pl.col("source_path").alias("article_id"), "title", "body")
    return [articles.head(2), articles.slice(2)]


def test_two_batches_at_once_in_workers_find_what_each_finds_alone(batches: list[pl.DataFrame]):
    model = Settings().spacy_model
    alone = [annotate_articles(batch, model) for batch in batches]
    start_workers(model, 2)
    try:
        with ThreadPoolExecutor(2) as threads:
            together = list(threads.map(lambda batch: annotate_articles(batch, model, n_process=2), batches))
    finally:
        stop_workers()
    for one, other in zip(alone, together, strict=True):
        assert one.mentions.height and one.candidates.height
        assert_frame_equal(one.mentions, other.mentions)
        assert_frame_equal(one.candidates, other.candidates)
