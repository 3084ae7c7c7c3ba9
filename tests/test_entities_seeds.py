"""Entities and events on the five seeds, after one real flow run into a real DuckDB file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest


@pytest.fixture
def warehouse(seeds_warehouse: Path) -> Path:
    return seeds_warehouse


def rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def entity_of(db: Path, surface: str) -> set[str]:
    return {r[0] for r in rows(db, "select distinct entity_id from entity_mentions where text = ?", [surface])}


@pytest.mark.parametrize("variants", [
    ["Vladimir Putin", "Putin"],
    ["Donald Trump", "Trump"],
    ["Dmitry Peskov", "Peskov"],
    ["Yury Ushakov", "Yuri Ushakov", "Ushakov"],
    ["Keith Kellogg", "Kellogg"],
    ["Steve Witkoff", "Witkoff"],
    ["Volodymyr Zelenskyy", "Zelenskyy"],
    ["US", "U.S.", "USA", "United States", "America", "American"],
    ["Russia", "Russian"],
])
def test_each_alias_resolves_to_one_entity(warehouse: Path, variants: list[str]):
    ids = set().union(*(entity_of(warehouse, v) for v in variants))
    assert len(ids) == 1, {v: entity_of(warehouse, v) for v in variants}
    assert all(entity_of(warehouse, v) for v in variants), "a variant was never mentioned"


def test_canonical_names_and_country_codes(warehouse: Path):
    info = {r[0]: r[1:] for r in rows(warehouse, "select name, entity_type, country_code from entities")}
    assert info["Vladimir Putin"][0] == "person"
    assert info["United States"] == ("country", "US")
    assert info["United Kingdom"] == ("country", "GB")
    assert info["Kremlin"] == ("organization", "RU")
    assert info["Moscow"] == ("place", "RU")
    assert "Russian President Vladimir Putin" not in info and "Kremlin Spokesman" not in info


def test_mention_offsets_point_into_the_body(warehouse: Path):
    bad = rows(warehouse, "select m.mention_id from entity_mentions m join articles a using (article_id)"
                          " where substring(case m.field when 'title' then a.title else a.body end,"
                          " m.start_char + 1, m.end_char - m.start_char) <> m.text")
    assert bad == []
    assert rows(warehouse, "select count(*) from entity_mentions")[0][0] > 200


def test_nothing_from_reading_lists_share_buttons_or_bylines_becomes_an_entity(warehouse: Path):
    aliases = {r[0] for r in rows(warehouse, "select alias from entity_aliases")}
    for junk in ("Merkel", "Kim Jong Un", "Taiwan", "Philippines", "NATO", "Twitter", "Facebook", "LinkedIn",
                 "WhatsApp", "Daniel Kim", "Scrabbl", "Yonhap", "AFP·Yonhap News", "Helsinki"):
        assert junk not in aliases, junk


def test_events_on_the_seeds(warehouse: Path):
    events = rows(warehouse, """
        select a1.name, e.action, a2.name, e.cameo_code, e.is_hypothetical, e.is_negated
        from events e join entities a1 on a1.entity_id = e.actor1_entity_id
        left join entities a2 on a2.entity_id = e.actor2_entity_id""")
    triples = {(a, v, b) for a, v, b, *_ in events}
    assert ("Donald Trump", "invite", "Vladimir Putin") in triples
    assert ("Vladimir Putin", "congratulate", "Donald Trump") in triples
    assert ("United States", "expel", "Russia") in triples
    assert ("United Kingdom", "expel", "Russia") in triples
    meets = [e for e in events if e[:3] == ("Donald Trump", "meet", "Vladimir Putin")]
    assert meets and all(e[4] for e in meets), "Trump's meetings with Putin are all 'would' or 'willing to'"
    assert rows(warehouse, "select count(*) from events where cameo_code not in (select cameo_code from cameo_codes)"
                ) == [(0,)]
    assert rows(warehouse, "select count(*) from events e join articles a using (article_id)"
                           " where e.event_date > a.published_date") == [(0,)]
