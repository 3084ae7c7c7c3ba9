"""How a run's files are cut into batches: every file once, in plan order, small batches at both ends."""

from __future__ import annotations

import polars as pl
from hypothesis import given
from hypothesis import strategies as st
from wirehouse.model import Annotations
from wirehouse.pipeline import _batches, annotating_seconds


def plan(needs_work: list[bool]) -> pl.DataFrame:
    return pl.DataFrame({"file": list(range(len(needs_work))), "needs_work": needs_work},
                        schema={"file": pl.Int64, "needs_work": pl.Boolean})


def test_a_run_starts_and_ends_with_small_batches():
    sizes = [b.height for b in _batches(plan([True] * 322), size=200, edge=32)]
    assert sizes == [32, 200, 58, 32]
    assert [b.height for b in _batches(plan([True] * 10), size=200, edge=32)] == [10]
    assert _batches(plan([]), size=200, edge=32) == []


@given(st.lists(st.booleans(), max_size=300), st.integers(1, 64), st.integers(1, 40))
def test_batches_hold_every_file_to_work_on_once_in_order(needs_work: list[bool], size: int, edge: int):
    batches = _batches(plan(needs_work), size=size, edge=edge)
    files = [f for batch in batches for f in batch["file"]]
    assert files == [i for i, work in enumerate(needs_work) if work]
    assert all(0 < b.height <= size for b in batches)
    if len(batches) > 1:
        assert batches[0].height <= edge and batches[-1].height <= edge


def test_overlapping_batches_count_their_annotation_once():
    # the second batch was submitted at 10 and waited for the first (0 to 30) before its texts were parsed
    first, second = Annotations(seconds=30.0, finished=30.0), Annotations(seconds=30.0, finished=40.0)
    assert annotating_seconds(first, 0.0) == 30.0
    assert annotating_seconds(second, 30.0) == 10.0
    # one that finished before the one before it adds nothing; a gap between them is not counted
    assert annotating_seconds(Annotations(seconds=5.0, finished=25.0), 30.0) == 0.0
    assert annotating_seconds(Annotations(seconds=5.0, finished=50.0), 40.0) == 5.0
    assert annotating_seconds(Annotations(), 40.0) == 0.0
