"""spaCy's worker processes: two batches annotated at once (as the run's two annotation threads do) find
what each finds alone in this process; a pool that loses a worker is replaced; a run that stops does not
wait for the texts being parsed."""

from __future__ import annotations

import time
from concurrent.futures import CancelledError, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import active_children
from multiprocessing.process import BaseProcess

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


def _started_workers(model: str) -> list[BaseProcess]:
    before = set(active_children())
    start_workers(model, 2)
    workers = [p for p in active_children() if p not in before]
    assert len(workers) == 2
    return workers


def _ended(workers: list[BaseProcess], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while any(p.is_alive() for p in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(p.is_alive() for p in workers)


def test_a_pool_that_lost_a_worker_between_batches_is_replaced(batches: list[pl.DataFrame]):
    model = Settings().spacy_model
    alone = annotate_articles(batches[1], model)
    workers = _started_workers(model)
    try:
        workers[0].kill()  # as the OOM killer would, while the pool waits for the next batch
        assert _ended(workers)  # the pool saw it and ended its other worker
        found = annotate_articles(batches[1], model, n_process=2)  # no text of it was lost: a new pool takes it
        assert len(active_children()) >= 2
    finally:
        stop_workers()
    assert_frame_equal(alone.mentions, found.mentions)
    assert_frame_equal(alone.candidates, found.candidates)


def test_a_pool_that_breaks_with_texts_in_it_fails_the_call_and_the_next_call_gets_a_new_one(
        batches: list[pl.DataFrame]):
    model = Settings().spacy_model
    workers = _started_workers(model)
    try:
        with ThreadPoolExecutor(1) as thread:
            call = thread.submit(annotate_articles, batches[1], model, n_process=2)
            time.sleep(0.5)  # its texts are queued; the workers still load the model
            workers[0].kill()
            with pytest.raises(BrokenProcessPool):
                call.result(timeout=30)
        assert _ended(workers)
        assert annotate_articles(batches[1], model, n_process=2).mentions.height  # the task's retry
    finally:
        stop_workers()


def test_workers_stopped_at_once_fail_the_waiting_call_now_and_take_no_more(batches: list[pl.DataFrame]):
    model = Settings().spacy_model
    # enough text to keep two workers busy for well over a minute
    big = pl.concat([batches[1].with_columns(pl.col("article_id") + f"-{i}") for i in range(100)])
    workers = _started_workers(model)
    try:
        with ThreadPoolExecutor(1) as thread:
            call = thread.submit(annotate_articles, big, model, n_process=2)
            time.sleep(0.5)
            stopped = time.monotonic()
            stop_workers(at_once=True)
            with pytest.raises((BrokenProcessPool, CancelledError)):
                call.result(timeout=30)
            assert time.monotonic() - stopped < 5
        assert _ended(workers, 5)
        # what comes after the stop (another thread's batch, the task's retry) starts no new workers
        before = set(active_children())
        with pytest.raises(CancelledError):
            annotate_articles(big, model, n_process=2)
        assert set(active_children()) <= before
    finally:
        stop_workers()
    start_workers(model, 2)  # starting workers again lifts the stop (for the tests after this one)
    stop_workers()
