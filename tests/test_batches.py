"""How a run's files are cut into batches: every file once, in plan order, small batches at both ends."""

from __future__ import annotations

import polars as pl
from hypothesis import given
from hypothesis import strategies as st
from wirehouse.pipeline import _batches, covered_seconds


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


def test_annotation_intervals_count_their_union_once():
    # the second batch was submitted at 10 and waited for the first (0 to 30) before its texts were parsed
    assert covered_seconds([(0.0, 30.0), (10.0, 40.0)]) == 40.0
    # nested in another (a batch that finished before the one before it), out of order, and a gap between
    assert covered_seconds([(50.0, 55.0), (0.0, 30.0), (5.0, 25.0), (40.0, 60.0)]) == 50.0
    assert covered_seconds([(3.0, 4.0), (1.0, 2.0)]) == 2.0
    assert covered_seconds([(1.0, 2.0), (2.0, 3.0)]) == 2.0
    assert covered_seconds([]) == 0.0


intervals = st.lists(st.tuples(st.floats(0, 1e4), st.floats(0, 1e3)).map(lambda t: (t[0], t[0] + t[1])), max_size=30)


@given(intervals)
def test_the_union_is_between_the_longest_interval_and_the_span_of_them_all(spans: list[tuple[float, float]]):
    total = covered_seconds(spans)
    assert abs(total - covered_seconds(spans[::-1])) < 1e-6
    if spans:
        whole = max(e for _, e in spans) - min(s for s, _ in spans)
        assert max(e - s for s, e in spans) - 1e-6 <= total <= whole + 1e-6
        assert total <= sum(e - s for s, e in spans) + 1e-6
