from __future__ import annotations

import polars as pl
from wirehouse.annotate import MENTION_SCHEMA
from wirehouse.resolve import (
    ALIAS_SCHEMA,
    ENTITY_SCHEMA,
    clean_person,
    country_code,
    resolve_mentions,
)

NO_ENTITIES = pl.DataFrame(schema=ENTITY_SCHEMA)
NO_ALIASES = pl.DataFrame(schema=ALIAS_SCHEMA)


def mentions(*items: tuple[str, str, str]) -> pl.DataFrame:
    """(article_id, text, label) → a mention frame with made-up offsets."""
    rows = [(a, i, 0, 0, len(t), t, label) for i, (a, t, label) in enumerate(items)]
    return pl.DataFrame(rows, schema=MENTION_SCHEMA, orient="row")


def entity_names(resolved: pl.DataFrame, entities: pl.DataFrame) -> dict[str, str]:
    names = dict(entities.select("entity_id", "name").iter_rows())
    return {text: names[e] for text, e in resolved.select("text", "entity_id").iter_rows()}


def test_titles_and_roles_are_not_part_of_a_name():
    assert clean_person("Russian President Vladimir Putin") == "Vladimir Putin"
    assert clean_person("Kremlin spokesman Dmitry Peskov") == "Dmitry Peskov"
    assert clean_person("retired Gen. Keith Kellogg") == "Keith Kellogg"
    assert clean_person("U.S. Trump") == "Trump"
    assert clean_person("Putin’s") == "Putin"
    assert clean_person("Jordan Peterson") == "Jordan Peterson"  # a country name as first name stays
    assert clean_person("President") is None
    assert clean_person("Witkoff Recalls Putin’s Remarks") is None


def test_country_aliases_and_nationalities():
    for alias in ("US", "U.S.", "USA", "United States", "America", "American", "the United States"):
        assert country_code(alias) == "US", alias
    for alias in ("UK", "United Kingdom", "Britain", "British"):
        assert country_code(alias) == "GB", alias
    assert country_code("Russia") == "RU" and country_code("Russian") == "RU"
    assert country_code("Ukraine") == "UA"  # from pycountry, not the alias file
    assert country_code("European") is None and country_code("LA") is None


def test_surname_and_title_variants_resolve_to_one_person():
    m = mentions(("a1", "Russian President Vladimir Putin", "PERSON"), ("a1", "Putin", "PERSON"),
                 ("a1", "Putin’s", "PERSON"), ("a2", "Putin", "PERSON"))
    resolved, entities, _ = resolve_mentions(m, NO_ENTITIES, NO_ALIASES)
    assert resolved["entity_id"].n_unique() == 1
    assert entities["name"].to_list() == ["Vladimir Putin"]


def test_surname_tagged_as_organisation_is_the_person():
    m = mentions(("a1", "Donald Trump", "PERSON"), ("a1", "Trump", "ORG"), ("a2", "Trump", "ORG"),
                 ("a2", "Trump Administration", "ORG"))
    resolved, entities, _ = resolve_mentions(m, NO_ENTITIES, NO_ALIASES)
    names = dict(resolved.select("mention_index", "entity_id").iter_rows())
    assert names[0] == names[1] == names[2] != names[3]
    assert dict(entities.select("name", "entity_type").iter_rows())["Trump Administration"] == "organization"


def test_transliteration_variants_are_one_person_but_other_initials_are_not():
    m = mentions(("a1", "Yury Ushakov", "PERSON"), ("a2", "Yuri Ushakov", "PERSON"), ("a3", "Ushakov", "PERSON"),
                 ("a4", "George H. W. Bush", "PERSON"), ("a4", "George W. Bush", "PERSON"))
    resolved, _entities, aliases = resolve_mentions(m, NO_ENTITIES, NO_ALIASES)
    ids = resolved["entity_id"].to_list()
    assert ids[0] == ids[1] == ids[2]
    assert ids[3] != ids[4]
    assert {"Yury Ushakov", "Yuri Ushakov"} <= set(aliases.filter(pl.col("entity_id") == ids[0])["alias"])


def test_countries_nationalities_and_metonyms():
    m = mentions(("a1", "US", "GPE"), ("a1", "U.S.", "GPE"), ("a1", "America", "GPE"), ("a1", "American", "NORP"),
                 ("a1", "UK", "GPE"), ("a1", "United Kingdom", "GPE"), ("a1", "Moscow", "GPE"),
                 ("a1", "Kremlin", "ORG"), ("a1", "U.S.-Russia", "GPE"), ("a1", "West", "LOC"))
    resolved, entities, _ = resolve_mentions(m, NO_ENTITIES, NO_ALIASES)
    by_text = entity_names(resolved, entities)
    assert {by_text[t] for t in ("US", "U.S.", "America", "American")} == {"United States"}
    assert by_text["UK"] == by_text["United Kingdom"] == "United Kingdom"
    info = {r["name"]: r for r in entities.to_dicts()}
    assert (info["Moscow"]["country_code"], info["Moscow"]["country_role"]) == ("RU", "capital")
    assert (info["Kremlin"]["country_code"], info["Kremlin"]["country_role"]) == ("RU", "institution")
    assert info["West"]["country_code"] is None
    assert "U.S.-Russia" not in by_text
    types = dict(resolved.select("text", "mention_type").iter_rows())
    assert types["American"] == "nationality" and types["US"] == "country"


def test_entities_are_stable_across_batches():
    first, e1, a1 = resolve_mentions(mentions(("a1", "Putin", "PERSON"), ("a1", "Kremlin", "ORG")),
                                     NO_ENTITIES, NO_ALIASES)
    later, e2, a2 = resolve_mentions(
        mentions(("a2", "Vladimir Putin", "PERSON"), ("a2", "Putin", "PERSON"), ("a2", "the Kremlin", "ORG")),
        e1, a1)
    # The surname-only entity made first is kept: the full name becomes its alias, nothing is renamed.
    assert set(later["entity_id"]) == set(first["entity_id"])
    assert e2.height == 0
    assert "Vladimir Putin" in set(a2["alias"])
    again, e3, a3 = resolve_mentions(mentions(("a3", "Putin", "PERSON")), pl.concat([e1, e2]), pl.concat([a1, a2]))
    assert again["entity_id"][0] == first["entity_id"][0] and e3.height == 0 and a3.height == 0


def test_resolution_does_not_depend_on_the_order_of_entity_rows():
    m = mentions(("a1", "Vladimir Putin", "PERSON"), ("a2", "Putin", "PERSON"), ("a2", "Moscow", "GPE"))
    _, e, a = resolve_mentions(m, NO_ENTITIES, NO_ALIASES)
    r1, _, _ = resolve_mentions(m, e, a)
    r2, _, _ = resolve_mentions(m, e.reverse(), a.reverse())
    assert r1["entity_id"].to_list() == r2["entity_id"].to_list()
