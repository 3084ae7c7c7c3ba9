"""The event scorer on inline records, and the reader of PETRARCH2's validation records (skipped if absent)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from wirehouse.event_eval import Record, read_records, score

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "petrarch_validation_dev"


def record(rid: str, *expected: tuple[str, str, str]) -> Record:
    return Record(rid, date(1995, 1, 1), "text", tuple(expected))


def test_scores_match_one_to_one_by_root_then_by_code() -> None:
    records = [
        record("a", ("ARN", "GON", "064"), ("GON", "ARN", "064")),
        record("b", ("CALGOV", "OSGMIL", "122")),
        record("c"),  # expects nothing
    ]
    coded = {
        "a": [("ARN", "GON", "064")],  # one of two found, right in full
        "b": [("CALGOV", "ITH", "121")],  # right root, wrong code, wrong target
        "c": [("ARN", "---", "010")],  # a false event
    }
    s = score(records, coded)
    assert (s.expected, s.coded, s.root_found, s.code_found, s.actors_right, s.pairs_found) == (3, 3, 2, 1, 1, 1)
    figures = s.figures()
    assert figures["root recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert figures["full-code recall"] == pytest.approx(1 / 3, abs=1e-3)
    assert figures["precision (root)"] == pytest.approx(2 / 3, abs=1e-3)
    assert figures["actor codes right"] == 0.5


def test_a_coded_event_matches_one_expected_event_only() -> None:
    s = score([record("a", ("ARN", "GON", "064"), ("ARN", "GON", "064"))], {"a": [("ARN", "GON", "064")]})
    assert (s.root_found, s.code_found) == (1, 1)


def test_events_with_no_source_are_counted_beside_and_not_scored() -> None:
    # PETRARCH2's records code only dyads: "Gondor was attacked" coded with no source is neither right nor wrong
    coded = {"a": [(None, "GON", "190"), ("ARN", "GON", "064")]}
    s = score([record("a", ("ARN", "GON", "064"))], coded)
    assert (s.coded, s.root_found, s.sourceless) == (1, 1, 1)
    assert s.figures()["precision (root)"] == 1.0


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no PETRARCH2 validation records in ../shared/corpora")
def test_reads_the_validation_records() -> None:
    records = read_records(CORPUS / "PETR.UnitTest.records.dev.xml")
    ids = {r.id for r in records}
    assert "DEMO-00" in ids and "ERROR-02" not in ids  # a bad-parse record is out
    discard = next(r for r in records if r.id == "DISCARD-01")
    assert discard.expected == ()  # the coder must reject it: no event expected
    demo = next(r for r in records if r.id == "DEMO-00")
    assert demo.expected == (("ARN", "GON", "064"),) and demo.day == date(1995, 1, 1)
    assert demo.text.startswith("Arnor is about to restore full diplomatic ties with Gondor")
    compound = next(r for r in records if r.id == "COMPOUND-03")
    assert ("GOV", "---", "023") in compound.expected  # "---GOV": an agent with no country
    assert any(not r.expected for r in records)  # records expecting no event stay, for precision
