from __future__ import annotations

from dataclasses import replace
from datetime import date

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from wirehouse.dictionaries import default_actor_paths, load_actors
from wirehouse.evaluate import resolve_incrementally
from wirehouse.model import MENTION_SCHEMA
from wirehouse.resolve import (
    ALIAS_SCHEMA,
    ENTITY_SCHEMA,
    MERGE_SCHEMA,
    TYPE_VOTE_SCHEMA,
    Reference,
    Resolution,
    actor_code,
    clean_person,
    country_code,
    defined_acronym,
    entity_id_for,
    initials,
    load_reference,
    misspelt_country,
    name_key,
    resolve_mentions,
    same_person,
)

NO_ENTITIES = pl.DataFrame(schema=ENTITY_SCHEMA)
NO_ALIASES = pl.DataFrame(schema=ALIAS_SCHEMA)


@pytest.fixture(scope="module")
def ref() -> Reference:
    return load_reference()


@pytest.fixture(scope="module")
def kb_ref() -> Reference:
    return load_reference(load_actors(default_actor_paths(), strict=False))


def mentions(*items: tuple[str, str, str]) -> pl.DataFrame:
    """(article_id, text, label) → a mention frame; each mention is the next sentence of its article, so
    only an article's first mention stands where a headline would."""
    rows, seen = [], {}
    for article, text, label in items:
        index = seen[article] = seen.get(article, -1) + 1
        rows.append((article, index, "body", index, 0, len(text), text, label))
    return pl.DataFrame(rows, schema=MENTION_SCHEMA, orient="row")


def resolve(m: pl.DataFrame, ref: Reference, known: Resolution | None = None) -> Resolution:
    if known is None:
        return resolve_mentions(m, NO_ENTITIES, NO_ALIASES, ref)
    return resolve_mentions(m, known.new_entities, known.new_aliases, ref, known.new_merges, known.type_votes)


def ids(res: Resolution) -> list[str]:
    return res.mentions.sort("article_id", "mention_index")["entity_id"].to_list()


def names(res: Resolution) -> dict[str, str]:
    by_id = dict(res.new_entities.select("entity_id", "name").iter_rows())
    return {t: by_id[e] for t, e in res.mentions.select("text", "entity_id").iter_rows()}


def test_name_keys_fold_case_punctuation_suffixes_and_the(ref: Reference):
    s = ref.legal_suffixes
    assert name_key("U.S.") == name_key("US") == name_key("u.s") == "us"
    assert name_key("U.S. Geological Survey") == name_key("US Geological Survey")
    assert name_key("Hewlett-Packard Co.", s) == name_key("Hewlett Packard", s) == "hewlett packard"
    assert name_key("Apple Inc", s) == name_key("Apple, Inc.", s) == name_key("the Apple", s) == "apple"
    assert name_key("Electronic Data Systems Corp.", s) == name_key("Electronic Data Systems", s)
    assert name_key("Putin’s") == name_key("Putin's") == name_key("putin")
    assert name_key("Zelenskyy") == name_key("Zelénskyy")
    assert name_key("Inc", s) == "inc"  # a suffix alone is a name
    assert name_key("the The Osgiliath Herald") == name_key("Osgiliath Herald")  # an article written twice
    assert initials("Advanced Micro Devices") == "amd"
    assert initials("U.S. Geological Survey") == "usgs"
    assert initials("Hewlett-Packard Co.", s) == "hp"
    assert initials("Bank of America") == "ba"
    assert initials("Microsoft") == ""


def test_a_possessive_inside_a_name_folds_away(ref: Reference):
    """News writes a party or an army with and without its inner possessive, and abbreviates it without."""
    assert name_key("Free Farmers' Party") == name_key("Free Farmers Party")
    assert name_key("Valdorian People's Front") == name_key("Valdorian People Front's")
    assert initials("Valdorian People's Front") == "vpf"
    res = resolve(mentions(("a1", "the Valdorian People's Front", "ORG"), ("a1", "VPF", "ORG"),
                           ("a2", "Valdorian People Front", "ORG")), ref)
    assert len(set(ids(res))) == 1
    assert name_key("O'Shanahan") == "o shanahan"  # an apostrophe in a surname is no possessive


@given(st.text(alphabet="ABCabc .-'’", max_size=20))
def test_name_key_is_idempotent_on_its_output(text: str):
    key = name_key(text)
    assert name_key(key) == key


def test_titles_and_roles_are_not_part_of_a_name(ref: Reference):
    assert clean_person("Russian President Vladimir Putin", ref) == "Vladimir Putin"
    assert clean_person("Kremlin spokesman Dmitry Peskov", ref) == "Dmitry Peskov"
    assert clean_person("retired Gen. Keith Kellogg", ref) == "Keith Kellogg"
    assert clean_person("U.S. Trump", ref) == "Trump"
    assert clean_person("Putin’s", ref) == "Putin"
    assert clean_person("Jordan Peterson", ref) == "Jordan Peterson"  # a country name as first name stays
    assert clean_person("President", ref) is None
    assert clean_person("Witkoff Recalls Putin’s Remarks", ref) is None


def test_an_honorific_is_no_first_name(ref: Reference):
    """"Miss Osgood" is the surname Osgood with an honorific, like "Mrs." and "Ms.", not a full name of
    another person: it joins the article's Tamsin Osgood."""
    assert clean_person("Miss Osgood", ref) == "Osgood"
    res = resolve(mentions(("a1", "Tamsin Osgood", "PERSON"), ("a1", "Miss Osgood", "PERSON"),
                           ("a1", "Osgood", "PERSON")), ref)
    assert len(set(ids(res))) == 1


def test_a_surname_that_is_also_a_title_is_a_name_but_a_role_is_not(ref: Reference):
    assert clean_person("Tishana King", ref) == "Tishana King"
    assert clean_person("Amy Bishop", ref) == "Amy Bishop"
    assert clean_person("King", ref) is None
    assert clean_person("King", ref, frozenset({"king"})) == "King"  # the article names a Tishana King
    assert clean_person("Foreign Minister", ref) is None
    assert clean_person("Senate Majority Leader", ref) is None


def test_words_the_model_ran_into_a_name_are_not_part_of_it(ref: Reference):
    assert clean_person("unbeaten Russian Alexander Povetkin", ref) == "Alexander Povetkin"
    assert clean_person('Anthony "Fat Tony" Salerno and', ref) == "Anthony Salerno"
    assert clean_person("Mahmoud al-Goweiny", ref) == "Mahmoud al-Goweiny"
    assert clean_person("Ross doesn", ref) is None


def test_a_lone_title_word_is_the_person_of_the_article_with_that_surname(ref: Reference):
    res = resolve(mentions(("a1", "Tishana King", "PERSON"), ("a1", "King", "PERSON")), ref)
    assert len(set(ids(res))) == 1 and res.mentions.height == 2


def test_a_person_label_after_the_is_an_organisation(ref: Reference):
    res = resolve(mentions(("a1", "the Tar Heels", "PERSON"), ("a1", "Tar Heels", "ORG")), ref)
    assert len(set(ids(res))) == 1
    assert res.new_entities["entity_type"].to_list() == ["organization"]


@pytest.mark.parametrize("text", ["-", "", " ", "--", "'"])
@pytest.mark.parametrize("label", ["PERSON", "ORG", "GPE"])
def test_a_mention_with_no_letter_or_digit_names_nothing(ref: Reference, text: str, label: str):
    """The model now and then tags a dash or a quote; it used to crash the batch's resolution."""
    res = resolve(mentions(("a1", "Anna Verhoeven", "PERSON"), ("a1", text, label), ("a1", "Verhoeven", "PERSON")),
                  ref)
    assert names(res) == {"Anna Verhoeven": "Anna Verhoeven", "Verhoeven": "Anna Verhoeven"}


def test_country_aliases_and_nationalities(ref: Reference):
    for alias in ("US", "U.S.", "USA", "United States", "America", "American", "the United States"):
        assert country_code(alias, ref) == "US", alias
    for alias in ("UK", "United Kingdom", "Britain", "British"):
        assert country_code(alias, ref) == "GB", alias
    assert country_code("Russia", ref) == "RU" and country_code("Russian", ref) == "RU"
    assert country_code("Ukraine", ref) == "UA"  # from pycountry, not the alias file
    assert country_code("European", ref) is None and country_code("LA", ref) is None


def test_acronym_defined_in_an_article_is_one_entity_and_holds_in_the_next(ref: Reference):
    first = resolve(mentions(("a1", "Advanced Micro Devices", "ORG"), ("a1", "AMD", "ORG"),
                             ("a1", "Hewlett-Packard Co.", "ORG"), ("a1", "HP", "ORG")), ref)
    a = ids(first)
    assert a[0] == a[1] != a[2] == a[3]
    later = resolve(mentions(("a2", "AMD", "ORG"), ("a2", "Hewlett-Packard", "ORG"),
                             ("a3", "USGS", "ORG")), ref, first)
    b = ids(later)
    assert b[:2] == [a[0], a[2]]
    assert b[2] not in a  # an acronym nobody expanded is its own entity


def test_acronym_matches_an_expansion_seen_in_another_article(ref: Reference):
    res = resolve(mentions(("a1", "U.S. Geological Survey", "ORG"), ("a2", "USGS", "ORG"),
                           ("a3", "US Geological Survey", "ORG")), ref)
    assert len(set(ids(res))) == 1


def test_two_letters_join_an_expansion_only_where_one_article_named_both(ref: Reference):
    res = resolve(mentions(("a1", "American Pie", "ORG"), ("a2", "AP", "ORG"), ("a3", "Associated Press", "ORG"),
                           ("a3", "AP", "ORG"), ("a4", "AP", "ORG")), ref)
    pie, alone, press, defined, later = ids(res)
    assert alone != pie and press == defined == later


def test_a_place_before_a_name_starting_with_it_is_no_first_name(ref: Reference):
    res = resolve(mentions(("a1", "Ruling", "ORG"), ("a1", "Palmer", "GPE"), ("a1", "Palmer Fire", "PERSON"),
                           ("a2", "Ruling", "ORG"), ("a2", "Kathina Thomas", "PERSON"), ("a2", "Kathina", "GPE")), ref)
    _, town, fire, _, kathina, first = ids(res)
    assert town != fire and kathina == first


def test_an_institution_named_after_its_place_is_no_person(ref: Reference):
    res = resolve(mentions(("a1", "Ruling", "ORG"), ("a1", "Surrey", "PERSON"), ("a1", "Surrey Police", "PERSON"),
                           ("a1", "Charlotte Church", "PERSON"), ("a1", "Church", "PERSON")), ref)
    _, county, police, singer, surname = ids(res)
    kinds = dict(res.mentions.select("text", "mention_type").iter_rows())
    assert county != police and kinds["Surrey Police"] == "organization"
    assert singer == surname and kinds["Charlotte Church"] == "person"


def test_an_organisation_with_or_without_its_head_word_is_one(ref: Reference):
    res = resolve(mentions(("a1", "Staunton Police Department", "ORG"), ("a2", "Staunton Police", "ORG"),
                           ("a3", "Kansas City", "GPE"), ("a3", "Kansas City Police", "ORG"),
                           ("a4", "Morningside Recovery", "ORG"), ("a5", "Morningside Recovery Center", "ORG")), ref)
    department, police, city, city_police, recovery, center = ids(res)
    assert department == police and city != city_police and recovery == center


def test_a_care_facility_named_with_other_facility_words_is_one(ref: Reference):
    res = resolve(mentions(("a1", "the Mary Vale Center", "ORG"), ("a1", "Mary Vale", "PERSON"),
                           ("a2", "Mary Vale Clinic", "ORG"), ("a3", "the Mary Vale Treatment Center", "ORG"),
                           ("a4", "Palm Springs Clinic", "ORG"), ("a5", "the Palm Springs Rehab Center", "ORG"),
                           ("a6", "Dunmere Harbour Police", "ORG"), ("a7", "Dunmere Harbour Council", "ORG"),
                           ("a8", "Osgiliath Bay", "GPE"), ("a8", "the Osgiliath Bay Clinic", "ORG"),
                           ("a9", "Osgiliath Bay Recovery Center", "ORG")), ref)
    center, _, clinic, treatment, town_clinic, town_rehab, police, council, _, bay_clinic, bay_recovery = ids(res)
    assert center == clinic == treatment
    assert town_clinic != town_rehab and bay_clinic != bay_recovery  # two of a town's facilities
    assert police != council  # different bodies of one place


def test_a_town_is_no_short_name_of_an_institution_named_after_it(ref: Reference):
    res = resolve(mentions(("a1", "the University of Chicago", "ORG"), ("a2", "Chicago", "GPE"),
                           ("a3", "the Church of Veldan", "ORG"), ("a4", "Veldan", "GPE")), ref)
    university, town, church, short = ids(res)
    assert university != town
    assert church == short  # no town has the name: the model's place label on one word is no evidence


def test_a_town_is_not_the_person_known_by_its_name(ref: Reference):
    res = resolve(mentions(("a1", "Whitney Houston", "PERSON"), ("a2", "Houston", "GPE"),
                           ("a4", "Tessaly Kerrow", "PERSON"), ("a5", "Kerrow", "GPE")), ref)
    singer, town, person, unknown_place = ids(res)
    assert town != singer
    assert dict(res.new_entities.select("entity_id", "entity_type").iter_rows())[singer] == "person"
    assert unknown_place == person  # no town of the name: the model's place label on one word is no evidence


def test_generic_facility_names_are_not_one_facility(ref: Reference):
    """Only a facility named after a person varies its facility words: generic names that differ in them
    are different bodies (two counties' juvenile halls)."""
    res = resolve(mentions(("a1", "the Juvenile Detention Center", "ORG"),
                           ("a2", "the Juvenile Detention Facility", "ORG"),
                           ("a3", "Community Health Center", "ORG"), ("a4", "Community Health Clinic", "ORG"),
                           ("a5", "Orange Vale Rehab Center", "ORG"),
                           ("a6", "Orange Vale Recovery Center", "ORG")), ref)
    center, facility, health_center, health_clinic, rehab, recovery = ids(res)
    assert center != facility and health_center != health_clinic and rehab != recovery


def test_the_nations_of_the_united_kingdom_are_places_in_it_not_the_country(ref: Reference):
    res = resolve(mentions(("a1", "the United Kingdom", "GPE"), ("a1", "England", "GPE"), ("a2", "Britain", "GPE"),
                           ("a2", "Wales", "GPE"), ("a3", "Scotland", "GPE")), ref)
    uk, england, britain, wales, scotland = ids(res)
    assert uk == britain and len({uk, england, wales, scotland}) == 4
    rows = {r["entity_id"]: r for r in res.new_entities.to_dicts()}
    assert {rows[e]["country_code"] for e in (england, wales, scotland)} == {"GB"}
    assert {rows[e]["country_role"] for e in (england, wales, scotland)} == {"located_in"}
    # a national team is tagged ORG: still the place in GB, whatever label came first
    res = resolve(mentions(("a1", "England", "ORG"), ("a2", "England", "GPE"), ("a3", "Wales", "ORG")), ref)
    rows = {r["entity_id"]: r for r in res.new_entities.to_dicts()}
    assert {(rows[e]["country_code"], rows[e]["country_role"]) for e in ids(res)} == {("GB", "located_in")}


def test_two_people_sharing_a_surname_in_one_article(ref: Reference):
    m = mentions(("a1", "Laci Peterson", "PERSON"), ("a1", "Scott Peterson", "PERSON"), ("a1", "Peterson", "PERSON"),
                 ("a1", "Laci", "PERSON"), ("a1", "Laci Peterson", "PERSON"), ("a1", "Peterson's", "PERSON"))
    laci, scott, surname, first, laci_again, possessive = ids(resolve(m, ref))
    assert laci != scott
    assert surname == scott  # the most recent full name with that surname
    assert first == laci  # the only person called Laci
    assert possessive == laci_again == laci  # now Laci is the most recent Peterson


def test_surname_before_any_full_name_goes_to_the_first_one_after(ref: Reference):
    m = mentions(("a1", "Peterson", "PERSON"), ("a1", "Scott Peterson", "PERSON"), ("a1", "Laci Peterson", "PERSON"))
    surname, scott, laci = ids(resolve(m, ref))
    assert surname == scott != laci


def test_surname_long_before_a_full_name_is_not_that_person(ref: Reference):
    known = resolve(mentions(("a0", "Vincent Gigante", "PERSON"), ("a0", "Gigante", "PERSON")), ref)
    rows = [("a1", "Gigante", "PERSON")] + [("a1", f"Place{i}", "GPE") for i in range(12)] + [
        ("a1", "Louis Gigante", "PERSON")]
    res = resolve(mentions(*rows), ref, known)
    surname, louis = ids(res)[0], ids(res)[-1]
    assert surname == known.new_entities["entity_id"][0] != louis


def test_headline_name_run_into_its_verb_is_the_person(ref: Reference):
    m = mentions(("a1", "Lindsay Lohan Checks Into Rehab", "PERSON"), ("a1", "Lindsay Lohan", "PERSON"))
    res = resolve(m, ref)
    assert len(set(ids(res))) == 1 and res.new_entities["name"].to_list() == ["Lindsay Lohan"]


def test_a_headline_run_into_a_known_full_name_is_that_entity_in_an_article_naming_it_nowhere_else(ref: Reference):
    known = resolve(mentions(("a0", "Lindsay Lohan", "PERSON"), ("a0", "Donald Trump", "PERSON")), ref)
    res = resolve(mentions(("a1", "Lindsay Lohan Checks Into Court-Ordered Rehab", "ORG"), ("a1", "Betty Ford", "ORG"),
                           ("a2", "Trump Administration Rolls Back Rules", "ORG"), ("a2", "EPA", "ORG"),
                           ("a3", "Not A Headline Lindsay Lohan", "ORG")), ref, known)
    lohan, trump = known.mentions["entity_id"].to_list()
    headline, clinic, administration, _, body = ids(res)
    assert headline == lohan != clinic
    # Not with a word heading institutions' names after the name, nor with the name anywhere but first.
    assert administration != trump and body != lohan
    # Nor with a generation after it: the son is not his father.
    for label in ("PERSON", "ORG"):
        junior = resolve(mentions(("a4", "Donald Trump Jr. Testifies", label)), ref, known)
        assert len(ids(junior)) == 1 and ids(junior) != [trump]


def test_a_headline_calling_an_entity_by_anothers_full_name_makes_them_one(ref: Reference):
    """"U.S. House" in a headline over a story about "the House": the House another article knows by that
    full name is this House, so the two are merged (a full name names one entity)."""
    known = resolve(mentions(("a0", "Congress", "ORG"), ("a0", "the U.S. House", "ORG")), ref)
    res = resolve(mentions(("a1", "U.S. House", "ORG"), ("a1", "House", "ORG")), ref, known)
    us_house = known.mentions["entity_id"][1]
    assert res.mentions["entity_id"].to_list() == [us_house, us_house]
    assert res.new_merges.select("merged_into", "reason").rows() == [(us_house, "a headline names both: U.S. House")]


def test_headline_team_name_is_not_a_person(ref: Reference):
    m = mentions(("a1", "Colts Beat Chiefs", "PERSON"), ("a1", "Colts", "ORG"), ("a1", "Colts", "ORG"),
                 ("a1", "Kansas City Chiefs", "ORG"))
    res = resolve(m, ref)
    headline, colts, again, chiefs = ids(res)
    assert headline == colts == again != chiefs
    assert dict(res.new_entities.select("name", "entity_type").iter_rows())["Colts"] == "organization"


def test_a_team_in_the_body_is_no_surname_of_a_headline_run_of_names(ref: Reference):
    m = mentions(("a1", "Kansas City Chiefs", "ORG"), ("a2", "Colts Beat Chiefs", "PERSON"), ("a2", "Colts", "ORG"),
                 ("a2", "Chiefs", "ORG"), ("a3", "Chris Weitz", "PERSON"), ("a3", "Weitz", "ORG"))
    res = resolve(m, ref)
    chiefs, headline, colts, short, weitz, surname = ids(res)
    assert headline == colts != short == chiefs and weitz == surname


def test_headline_name_with_words_before_it_is_the_name_of_the_article(ref: Reference):
    m = mentions(("a1", "Obama Administration Flips Bush", "PERSON"), ("a1", "George W. Bush", "PERSON"),
                 ("a1", "Bush", "PERSON"))
    headline, full, surname = ids(resolve(m, ref))
    assert headline == full == surname


def test_headline_place_counts_after_a_preposition_not_inside_another_place(ref: Reference):
    m = mentions(("a1", "Fatal Shooting Of Brooklyn", "ORG"), ("a1", "Brooklyn", "GPE"))
    assert len(set(ids(resolve(m, ref)))) == 1
    m = mentions(("a1", "Southern Iran", "LOC"), ("a1", "Iran", "GPE"))
    region, country = ids(resolve(m, ref))
    assert region != country
    m = mentions(("a1", "Found Dead In Palermo Jail Cell", "ORG"), ("a1", "Palermo", "GPE"))
    cell, city = ids(resolve(m, ref))
    assert cell != city


def test_a_headline_name_before_a_shop_or_a_jail_is_not_the_name_it_starts_with(ref: Reference):
    """"Lyon Store Hit by Heist": a town's name right before a word that heads the names of shops, jails,
    hotels or stadiums names the building, not the town, as a name before a seat of government's name does
    ("Obama White House"); nor is a headline an organisation's named inside it when a jail follows."""
    m = mentions(("a1", "Lyon Store Hit By Heist", "FAC"), ("a1", "Lyon", "GPE"))
    store, town = ids(resolve(m, ref))
    assert store != town
    m = mentions(("a1", "Suspected Gang Boss Found Dead In Osgiliath Jail Cell", "ORG"), ("a1", "Gang", "ORG"))
    headline, gang = ids(resolve(m, ref))
    assert headline != gang
    m = mentions(("a1", "Obama White House Reverses Rule", "PERSON"), ("a1", "Barack Obama", "PERSON"))
    headline, obama = ids(resolve(m, ref))
    assert headline != obama
    m = mentions(("a1", "Lyon Mayor Hit By Heist", "FAC"), ("a1", "Lyon", "GPE"))
    assert len(set(ids(resolve(m, ref)))) == 1


@pytest.mark.parametrize(("headline", "label", "names", "other"), [
    ("Obama Visits Federal Prison", "PERSON", [("Barack Obama", "PERSON"), ("Obama", "PERSON")], None),
    ("Apple Opens Largest Store In China", "ORG", [("Apple", "ORG")], ("China", "GPE")),
])
def test_a_building_further_on_in_a_headline_leaves_it_to_the_name_it_starts_with(
        ref: Reference, headline: str, label: str, names: list[tuple[str, str]], other: tuple[str, str] | None):
    """Only the word right after the name can make it a building's: the president visits the prison, the
    firm opens the store ("Apple Opens Largest Store In China" is Apple's headline, not China's)."""
    rows = [("a1", headline, label)] + [("a1", text, tag) for text, tag in names]
    res = resolve(mentions(*rows, *([("a1", *other)] if other else [])), ref)
    found = ids(res)
    assert len(set(found[:len(rows)])) == 1
    assert not other or found[-1] != found[0]


@pytest.mark.parametrize(("first", "second"), [
    (("Bank of America", "ORG"), ("Bank of America Stadium", "ORG")),
    (("Capital One", "ORG"), ("the Capital One Arena", "ORG")),
])
def test_a_building_named_after_its_sponsor_is_not_the_sponsor(
        ref: Reference, first: tuple[str, str], second: tuple[str, str]):
    """Building words head only headlines' names: elsewhere a stadium or an arena named after its sponsor is
    a different entity from the sponsor, in whichever order the articles name them."""
    for a, b in ((first, second), (second, first)):
        res = resolve(mentions(("a1", "Ruling", "ORG"), ("a1", *a), ("a1", *a), ("a2", "Ruling", "ORG"), ("a2", *b)),
                      ref)
        _, one, again, _, other = ids(res)
        assert one == again != other


def test_a_person_named_like_a_building_stays_a_person(ref: Reference):
    res = resolve(mentions(("a1", "Ruling", "ORG"), ("a1", "Bruce Arena", "PERSON"), ("a1", "Arena", "PERSON"),
                           ("a2", "Ruling", "ORG"), ("a2", "Bruce Arena", "PERSON")), ref)
    _, coach, surname, _, again = ids(res)
    types = dict(res.new_entities.select("entity_id", "entity_type").iter_rows())
    assert coach == surname == again and types[coach] == "person"


def test_short_name_of_an_organisation_in_the_same_article(ref: Reference):
    m = mentions(("a1", "U.S. Senate", "ORG"), ("a1", "White House", "ORG"), ("a1", "Senate", "ORG"),
                 ("a1", "House", "ORG"), ("a1", "Indianapolis Colts", "ORG"), ("a1", "Colts", "ORG"))
    senate, white_house, short_senate, house, colts, short_colts = ids(resolve(m, ref))
    assert senate == short_senate and colts == short_colts
    assert house != white_house  # "the House" is not the White House


def test_surname_and_title_variants_resolve_to_one_person(ref: Reference):
    m = mentions(("a1", "Russian President Vladimir Putin", "PERSON"), ("a1", "Putin", "PERSON"),
                 ("a1", "Putin’s", "PERSON"), ("a2", "Putin", "PERSON"))
    res = resolve(m, ref)
    assert len(set(ids(res))) == 1
    assert res.new_entities["name"].to_list() == ["Vladimir Putin"]


def test_surname_tagged_as_organisation_is_the_person(ref: Reference):
    m = mentions(("a1", "Donald Trump", "PERSON"), ("a1", "Trump", "ORG"), ("a2", "Trump", "ORG"),
                 ("a2", "Trump Administration", "ORG"))
    res = resolve(m, ref)
    trump, surname, elsewhere, administration = ids(res)
    assert trump == surname == elsewhere != administration
    assert dict(res.new_entities.select("name", "entity_type").iter_rows()) == {
        "Donald Trump": "person", "Trump Administration": "organization"}


def test_transliteration_variants_are_one_person_but_other_initials_are_not(ref: Reference):
    m = mentions(("a1", "Yury Ushakov", "PERSON"), ("a2", "Yuri Ushakov", "PERSON"), ("a3", "Ushakov", "PERSON"),
                 ("a4", "George H. W. Bush", "PERSON"), ("a4", "George W. Bush", "PERSON"))
    res = resolve(m, ref)
    got = ids(res)
    assert got[0] == got[1] == got[2]
    assert got[3] != got[4]
    assert {"Yury Ushakov", "Yuri Ushakov"} <= set(res.new_aliases.filter(pl.col("entity_id") == got[0])["alias"])


def test_type_is_the_majority_of_mentions_and_not_part_of_the_id(ref: Reference):
    m = mentions(("a1", "Hugh Jackman", "PERSON"), ("a2", "Hugh Jackman", "GPE"), ("a3", "Hugh Jackman", "PERSON"))
    res = resolve(m, ref)
    assert len(set(ids(res))) == 1
    assert res.new_entities.select("entity_type").item() == "person"
    assert res.new_entities["entity_id"][0] == entity_id_for("hugh jackman")
    assert sorted(res.mentions["mention_type"]) == ["person", "person", "place"]


def test_a_later_batch_corrects_the_type_and_keeps_the_id(ref: Reference):
    first = resolve(mentions(("a1", "Jackman", "GPE")), ref)
    assert first.new_entities["entity_type"].to_list() == ["place"]
    later = resolve(mentions(("a2", "Jackman", "PERSON"), ("a3", "Jackman", "PERSON")), ref, first)
    assert later.new_entities.height == 0
    assert later.changed_entities.select("entity_id", "entity_type").rows() == [
        (first.new_entities["entity_id"][0], "person")]
    assert dict(later.type_votes.select("entity_type", "mentions").iter_rows()) == {"person": 2}


def test_tie_goes_to_the_more_specific_type(ref: Reference):
    res = resolve(mentions(("a1", "Jackman", "ORG"), ("a2", "Jackman", "PERSON")), ref)
    assert res.new_entities["entity_type"].to_list() == ["person"]


def test_two_known_entities_named_together_are_merged_not_rewritten(ref: Reference):
    usgs, survey = entity_id_for("usgs"), entity_id_for("us geological survey")
    known = pl.DataFrame([(usgs, "USGS", "organization", None, None),
                          (survey, "U.S. Geological Survey", "organization", None, None)], schema=ENTITY_SCHEMA,
                         orient="row")
    votes = pl.DataFrame([(usgs, "organization", 1), (survey, "organization", 5)], schema=TYPE_VOTE_SCHEMA,
                         orient="row")
    res = resolve_mentions(mentions(("a1", "U.S. Geological Survey", "ORG"), ("a1", "USGS", "ORG")),
                           known, NO_ALIASES, ref, pl.DataFrame(schema=MERGE_SCHEMA), votes)
    assert res.new_merges.select("entity_id", "merged_into").rows() == [(usgs, survey)]
    assert "USGS" in res.new_merges["reason"][0]
    assert set(ids(res)) == {survey} and res.new_entities.height == 0
    # A later batch follows the recorded merge for the old id's names.
    after = resolve_mentions(mentions(("a2", "USGS", "ORG")), known, NO_ALIASES, ref, res.new_merges, votes)
    assert ids(after) == [survey] and after.new_merges.height == 0


def test_ids_do_not_depend_on_batch_order(ref: Reference):
    a = mentions(("a1", "Advanced Micro Devices", "ORG"), ("a1", "AMD", "ORG"), ("a1", "Vladimir Putin", "PERSON"))
    b = mentions(("a2", "AMD", "ORG"), ("a2", "Putin", "PERSON"), ("a2", "Moscow", "GPE"))
    ab = resolve(b, ref, resolve(a, ref))
    ba_first = resolve(b, ref)
    ba = resolve(a, ref, ba_first)
    one = resolve(pl.concat([a, b]), ref)
    by_text = {t: e for t, e in one.mentions.select("text", "entity_id").iter_rows()}
    assert dict(ab.mentions.select("text", "entity_id").iter_rows()) == {t: by_text[t] for t in ("AMD", "Putin",
                                                                                                   "Moscow")}
    # The other order makes the entities from their first names but joins the same mentions.
    assert ba.mentions["entity_id"].n_unique() == 2
    assert set(ba.mentions["entity_id"]) <= set(ba_first.mentions["entity_id"]) | set(ba.new_entities["entity_id"])


def test_entities_are_stable_across_batches(ref: Reference):
    first = resolve(mentions(("a1", "Putin", "PERSON"), ("a1", "Kremlin", "ORG")), ref)
    later = resolve(mentions(("a2", "Vladimir Putin", "PERSON"), ("a2", "Putin", "PERSON"),
                             ("a2", "the Kremlin", "ORG")), ref, first)
    assert set(later.mentions["entity_id"]) == set(first.mentions["entity_id"])
    assert later.new_entities.height == 0
    assert "Vladimir Putin" in set(later.new_aliases["alias"])
    # The surname-only entity is kept, its display name grows to the full name.
    assert later.changed_entities.select("name").item() == "Vladimir Putin"


def test_countries_nationalities_and_metonyms(ref: Reference):
    m = mentions(("a1", "US", "GPE"), ("a1", "U.S.", "GPE"), ("a1", "America", "GPE"), ("a1", "American", "NORP"),
                 ("a1", "UK", "GPE"), ("a1", "United Kingdom", "GPE"), ("a1", "Moscow", "GPE"),
                 ("a1", "Kremlin", "ORG"), ("a1", "U.S.-Russia", "GPE"), ("a1", "West", "LOC"))
    res = resolve(m, ref)
    by_text = names(res)
    assert {by_text[t] for t in ("US", "U.S.", "America", "American")} == {"United States"}
    assert by_text["UK"] == by_text["United Kingdom"] == "United Kingdom"
    info = {r["name"]: r for r in res.new_entities.to_dicts()}
    assert (info["Moscow"]["country_code"], info["Moscow"]["country_role"]) == ("RU", "capital")
    assert (info["Kremlin"]["country_code"], info["Kremlin"]["country_role"]) == ("RU", "institution")
    assert info["West"]["country_code"] is None
    assert "U.S.-Russia" not in by_text
    types = dict(res.mentions.select("text", "mention_type").iter_rows())
    assert types["American"] == "nationality" and types["US"] == "country"


def test_actor_dictionary_gives_canonical_names_and_dated_roles(kb_ref: Reference):
    m = mentions(("a1", "Vladimir V. Putin", "PERSON"), ("a2", "President Putin", "PERSON"),
                 ("a3", "Vladimir Putin", "PERSON"))
    res = resolve(m, kb_ref)
    assert res.mentions["entity_id"].n_unique() == 1
    assert res.new_entities["name"].to_list() == ["Vladimir Putin"]
    assert actor_code("Vladimir Putin", date(2025, 1, 22), kb_ref) == "RUSGOV"
    assert actor_code("Nobody Inparticular", date(2025, 1, 22), kb_ref) is None


def test_a_nickname_is_the_same_first_name(ref: Reference):
    assert same_person("katie jenkin", "kathryn jenkin", ref.nicknames)
    assert same_person("bill clinton", "william clinton", ref.nicknames)
    assert not same_person("katie jenkin", "kathryn jenkin")
    assert not same_person("rob jones", "nick jones", ref.nicknames)
    res = resolve(mentions(("a1", "Cardiff", "GPE"), ("a1", "Kathryn Jenkin", "PERSON"), ("a1", "Katie", "PERSON"),
                           ("a2", "Katie Jenkin", "PERSON")), ref)
    assert len(set(ids(res)[1:])) == 1


def test_a_sea_or_river_is_the_same_place_without_its_feature_word(ref: Reference):
    res = resolve(mentions(("a1", "the Mediterranean Sea", "LOC"), ("a2", "the Mediterranean", "LOC"),
                           ("a3", "the Sahara", "LOC"), ("a4", "Sahara Desert", "LOC")), ref)
    sea, again, sahara, desert = ids(res)
    assert sea == again != sahara == desert
    bay = resolve(mentions(("a1", "Tampa", "GPE"), ("a2", "Tampa Bay", "LOC"),
                           ("a3", "the Indian Ocean", "LOC"), ("a4", "Indian", "NORP")), ref)
    tampa, tampa_bay, ocean, indian = ids(bay)
    assert tampa != tampa_bay and ocean != indian


def test_a_team_tagged_as_a_facility_gathers_its_short_name(ref: Reference):
    res = resolve(mentions(("a1", "the Jacksonville Jaguars", "FAC"), ("a1", "Jaguars", "ORG"),
                           ("a1", "Jacksonville", "GPE")), ref)
    team, short, city = ids(res)
    assert team == short != city


def test_two_of_the_articles_people_tagged_as_one_organisation_are_the_first_person(ref: Reference):
    res = resolve(mentions(("a1", "Andrew Lopez", "PERSON"), ("a1", "Jonathan Carrasquillo", "PERSON"),
                           ("a1", "Lopez and Carrasquillo", "ORG"), ("a1", "Smith and Wesson", "ORG")), ref)
    lopez, carrasquillo, pair, company = ids(res)
    assert pair == lopez != carrasquillo
    assert company not in (lopez, carrasquillo)


def test_a_long_country_name_misspelt_by_a_letter_or_two_is_the_country(ref: Reference):
    assert misspelt_country("Turkeminstan", ref) == "TM"
    assert misspelt_country("Kazakstan", ref) == "KZ"
    assert misspelt_country("Philadelphia", ref) is None
    res = resolve(mentions(("a1", "Turkmenistan", "GPE"), ("a2", "Turkeminstan's", "GPE")), ref)
    assert len(set(ids(res))) == 1


def test_a_place_is_not_the_longer_place_its_name_ends(ref: Reference):
    res = resolve(mentions(("a1", "Asia", "LOC"), ("a2", "South Asia", "LOC"), ("a3", "Virginia", "GPE"),
                           ("a4", "West Virginia", "GPE")), ref)
    asia, south_asia, virginia, west_virginia = ids(res)
    assert asia != south_asia and virginia != west_virginia
    assert "Asia" in res.new_entities["name"].to_list()


def test_a_word_that_heads_organisation_names_is_not_a_role_after_one(ref: Reference):
    res = resolve(mentions(("a1", "Indiana State", "ORG"), ("a2", "Indiana State", "PERSON"),
                           ("a3", "Kremlin Spokesman", "ORG"), ("a4", "Kremlin", "ORG")), ref)
    org, person, spokesman, kremlin = ids(res)
    assert org == person and spokesman == kremlin
    assert "Indiana State" in res.new_entities["name"].to_list()


def test_name_particles_stay_in_the_surname(ref: Reference):
    for name in ("José Eduardo dos Santos", "Marc-André ter Stegen", "José Ortega y Gasset"):
        assert clean_person(name, ref) == name


def test_a_town_beside_the_rest_of_a_known_teams_name_is_the_team(ref: Reference):
    known = resolve(mentions(("a1", "Indianapolis Colts", "ORG"), ("a2", "Norwalk Superior Court", "ORG")), ref)
    res = resolve(mentions(("b1", "Colts", "ORG"), ("b1", "Indianapolis", "GPE"), ("b2", "Indianapolis", "GPE"),
                           ("b3", "Superior Court", "ORG"), ("b3", "Norwalk", "GPE")), ref, known)
    colts, team, town, _, norwalk = ids(res)
    team_id = known.mentions["entity_id"][0]
    assert colts == team == team_id != town
    # A town's name is no alias of its team, and an institution of the town is not the town.
    assert not res.new_aliases.filter((pl.col("entity_id") == team_id) & (pl.col("alias_key") == "indianapolis")).height
    assert norwalk != known.mentions["entity_id"][1]


def test_a_place_no_town_is_named_beside_its_organisation_named_in_full_is_that_organisation(ref: Reference):
    """A school's team called by the school ("Creighton" beside "the Creighton Bluejays"): the place the
    model saw in "Creighton" before is the team, recorded as a merge; a town keeps its name."""
    known = resolve(mentions(("a0", "Omaha", "GPE"), ("a0", "Creighton", "GPE")), ref)
    res = resolve(mentions(("a1", "Omaha", "GPE"), ("a1", "Creighton Bluejays", "ORG"), ("a1", "Creighton", "GPE"),
                           ("a1", "Bluejays", "ORG"),
                           ("a2", "Omaha", "GPE"), ("a2", "Jacksonville Jaguars", "ORG"), ("a2", "Jacksonville", "GPE"),
                           ("a2", "Jaguars", "ORG"), ("a3", "Omaha", "GPE"), ("a3", "Creighton", "GPE")), ref, known)
    _, team, short, nickname, _, jaguars, town, short_jaguars, _, later = ids(res)
    place = known.mentions["entity_id"][1]
    merged = dict(res.new_merges.select("entity_id", "merged_into").iter_rows())
    assert merged.get(team, team) == merged.get(place, place) == short == nickname == later
    assert jaguars == short_jaguars != town


def test_a_place_beside_the_nickname_of_its_team_is_the_team_in_a_game_report(ref: Reference):
    """Sports news calls a team by its town, state or school ("North Carolina" beside "the Tar Heels"),
    from the shipped team lists, in a report naming two teams; not where the article names the team in
    full, nor another town's team, nor in a town's story that mentions its team in passing."""
    assert "lakers" in ref.teams[name_key("Los Angeles")]
    teams = replace(ref, teams={"osgiliath": frozenset({"grey rangers"}), "minas morgul": frozenset({"black riders"})})
    res = resolve(mentions(("b1", "the Grey Rangers", "ORG"), ("b1", "Osgiliath", "GPE"), ("b1", "Osgiliath", "GPE"),
                           ("b1", "the Black Riders", "ORG"),
                           ("b2", "Osgiliath", "GPE"),
                           ("b3", "the Osgiliath Grey Rangers", "ORG"), ("b3", "Osgiliath", "GPE"),
                           ("b3", "Minas Morgul", "GPE"),
                           ("b4", "Grey Rangers", "ORG"), ("b4", "Minas Tirith", "GPE"), ("b4", "Black Riders", "ORG")),
                  teams)
    team, by_town, again, _, town, _, town_beside_full, _, nickname, other_town, _ = ids(res)
    assert team == by_town == again == nickname != town == town_beside_full
    assert other_town not in (team, town)
    story = resolve(mentions(("c1", "the Grey Rangers", "ORG"), ("c1", "Osgiliath", "GPE"), ("c1", "Osgiliath", "GPE")),
                    teams)
    assert len(set(ids(story))) == 2
    kinds = dict(res.new_entities.select("entity_id", "entity_type").iter_rows())
    assert kinds[team] == "organization" and kinds[town] == "place"
    # the town's name is no alias of the team: elsewhere it is the town
    assert not res.new_aliases.filter((pl.col("entity_id") == team) & (pl.col("alias_key") == "osgiliath")).height


def test_an_abbreviated_compass_point_before_a_place_is_written_out(ref: Reference):
    res = resolve(mentions(("a1", "NE Osgiliath", "GPE"), ("a2", "Northeast Osgiliath", "GPE"),
                           ("a3", "N.E. Osgiliath", "GPE"), ("a4", "NE", "ORG"), ("a5", "Northeast", "LOC"),
                           ("a6", "W. Osgood", "PERSON")), ref)
    ne, northeast, dotted, alone, region, _ = ids(res)
    assert ne == northeast == dotted
    assert len({ne, alone, region}) == 3  # alone, "NE" is no compass point
    assert "west osgood" not in res.new_aliases["alias_key"].to_list()  # a person's initial is no compass point


def test_a_first_name_beside_a_relative_is_the_known_person_of_that_family(ref: Reference):
    """"Katie" in an article about John Jenkin is the Katie Jenkin other articles name in full: the first
    name and one of the article's surnames; elsewhere the first name alone is nobody known."""
    known = resolve(mentions(("a1", "Tamsin Osgood", "PERSON"), ("a1", "Walter Osgood", "PERSON")), ref)
    tamsin = known.mentions["entity_id"][0]
    res = resolve(mentions(("b1", "Dorian Osgood", "PERSON"), ("b1", "Tamsin", "PERSON"),
                           ("b2", "Tamsin", "PERSON"),
                           ("b3", "Ossian Pell", "PERSON"), ("b3", "Tamsin", "PERSON"),
                           ("b4", "Dorian Osgood", "PERSON"), ("b4", "Walt", "PERSON")), ref, known)
    _, relative, alone, _, stranger, _, walt = ids(res)
    assert relative == tamsin
    assert alone != tamsin and stranger != tamsin
    assert walt == known.mentions["entity_id"][1]  # a nickname of the known first name


def test_names_in_capitals_in_the_body_are_names_and_a_heading_runs_only_a_name_it_opens_with(ref: Reference):
    """Filings and releases write names in capitals ("BANK OF AMERICA"): in the body that is the bank, not
    the country; in a heading, a word that heads many names ("Bank") after other words is no name, and one the
    heading opens with is."""
    res = resolve(mentions(("a1", "Reuters", "ORG"), ("a1", "BANK OF AMERICA", "ORG"), ("a1", "America", "GPE"),
                           ("a2", "MINAS EGNATIA BANK", "ORG"), ("a2", "Bank", "ORG")), ref)
    _, bank_of, america, bank_heading, bank = ids(res)
    assert bank_of != america and bank_heading != bank
    res = resolve(mentions(("a1", "Senate Passes Osgiliath Bill", "ORG"), ("a1", "the Senate", "ORG")), ref)
    assert len(set(ids(res))) == 1  # a heading opening with it is the body's Senate


def test_a_compass_point_before_a_country_keeps_the_country(ref: Reference):
    """"S Korea" is South Korea with its code, read before or after "South Korea"."""
    for order in ((("a1", "S Korea", "GPE"), ("a2", "South Korea", "GPE")),
                  (("a1", "South Korea", "GPE"), ("a2", "S Korea", "GPE"))):
        res = resolve(mentions(*order), ref)
        assert len(set(ids(res))) == 1
        assert res.new_entities.select("entity_type", "country_code").rows() == [("country", "KR")]


def batch_by_batch(m: pl.DataFrame, ref: Reference, size: int) -> list[str]:
    """Entity per mention when ``m`` is resolved ``size`` articles at a time, as the warehouse would."""
    return resolve_incrementally(m, ref, batch_size=size).mentions.sort("article_id", "mention_index")[
        "entity_id"].to_list()


def test_an_articles_rows_do_not_depend_on_the_articles_in_its_batch(ref: Reference):
    """A type decided or a name grown by one article is what the next article sees, whether or not the two
    share a batch: "Osgood" seen as a place, then twice as a person, is a person by the time "Tamsin
    Osgood" comes, who is then that person; and once "Osgood" grows into "Tamsin Osgood", "Osgood" is her
    surname, which a Dorian Osgood of another article does not take."""
    m = mentions(("a1", "Osgood", "GPE"), ("a2", "Osgood", "PERSON"), ("a2", "Osgood", "PERSON"),
                 ("a3", "Tamsin Osgood", "PERSON"), ("a4", "Osgood", "PERSON"), ("a4", "Dorian Osgood", "PERSON"))
    one, each, pairs = (batch_by_batch(m, ref, size) for size in (10, 1, 2))
    assert one == each == pairs
    assert len(set(one[:4])) == 1


def test_an_institution_named_head_of_something_is_called_by_its_head(ref: Reference):
    """"the Church" after "the Church of the Silver Reed" is that church in that article only; a church of
    another article is not it, and "the House" after "the Amber House" (no "House of ...") is not it."""
    res = resolve(mentions(("a1", "the Church of the Silver Reed", "ORG"), ("a1", "the Church", "ORG"),
                           ("a1", "the Amber House", "ORG"), ("a1", "the House", "ORG"),
                           ("a2", "the Church", "ORG")), ref)
    church, head, amber, house, other = ids(res)
    assert head == church
    assert house != amber
    assert other != church
    assert "church" not in res.new_aliases.filter(pl.col("entity_id") == church)["alias_key"].to_list()


def test_a_span_that_defines_its_acronym_is_the_name_and_the_acronym_joins_it(ref: Reference):
    """"the Ostrava Grain Board (OGSB" (the model's span, parenthesis unclosed) is the Ostrava Grain Board,
    and its defined acronym joins it though they are not its initials; "a Ostrava Grain Board" with a
    run-in article is it too. A country in parentheses is no acronym of the name."""
    res = resolve(mentions(("a1", "the Ostrava Grain Board (OGSB", "ORG"), ("a1", "OGSB", "ORG"),
                           ("a2", "a Ostrava Grain Board", "ORG"), ("a3", "the Tamsin Mills (U.S.)", "ORG")), ref)
    assert len(set(ids(res)[:3])) == 1
    assert names(res)["OGSB"] == "Ostrava Grain Board"
    assert names(res)["the Tamsin Mills (U.S.)"] == "Tamsin Mills (U.S.)"


def test_the_formal_style_of_a_state_is_the_state(ref: Reference):
    """"the State of Ohio" is Ohio, "the Commonwealth of Kentucky" Kentucky (states in pycountry's
    subdivisions); "the State of Tamsinia" names no known state and stays as written."""
    res = resolve(mentions(("a1", "Ohio", "GPE"), ("a2", "the State of Ohio", "GPE"),
                           ("a3", "Kentucky", "GPE"), ("a3", "the Commonwealth of Kentucky", "GPE"),
                           ("a4", "the State of Tamsinia", "GPE")), ref)
    ohio, formal, kentucky, commonwealth, _ = ids(res)
    assert formal == ohio and commonwealth == kentucky
    assert names(res)["the State of Tamsinia"] == "State of Tamsinia"


def test_a_compass_point_alone_tells_apart_two_countries_that_share_a_name(ref: Reference):
    """"the North" and "the South" beside North and South Korea are those; "the South" beside South Africa
    alone is a region, not the country; and "the North" where no such pair is named is no country, nor is
    it joined to the North Korea of another article."""
    res = resolve(mentions(("a1", "North Korea", "GPE"), ("a1", "South Korea", "GPE"), ("a1", "the North", "LOC"),
                           ("a1", "the South", "LOC"),
                           ("a2", "South Africa", "GPE"), ("a2", "the South", "LOC"),
                           ("a3", "the North", "LOC")), ref)
    north_korea, south_korea, north, south, south_africa, region, elsewhere = ids(res)
    assert north == north_korea and south == south_korea
    assert region != south_africa
    assert elsewhere != north_korea


def test_a_national_body_named_with_its_country_then_without_is_one_in_the_article(ref: Reference):
    """"the Grain Board" after "the Norwegian Grain Board" is it; after "the Danish Grain Board" in another
    article it is that one, and the two boards stay two; before any such name it is no one's."""
    res = resolve(mentions(("a1", "the Norwegian Grain Board", "ORG"), ("a1", "the Grain Board", "ORG"),
                           ("a2", "the Danish Grain Board", "ORG"), ("a2", "the Grain Board", "ORG"),
                           ("a3", "the Tamsin Ferry Office", "ORG"),
                           ("a3", "the Norwegian Tamsin Ferry Office", "ORG")), ref)
    norwegian, short1, danish, short2, ferry, national_ferry = ids(res)
    assert short1 == norwegian and short2 == danish and norwegian != danish
    assert ferry != national_ferry


def test_the_formal_style_keeps_a_state_apart_from_a_country_or_capital_of_its_name(ref: Reference):
    """"the State of Georgia" is not the country Georgia, "the State of Washington" not the capital that
    stands for the US government: the formal style is what tells them apart."""
    res = resolve(mentions(("a1", "the State of Georgia", "GPE"), ("a2", "Georgia", "GPE"), ("a2", "Tbilisi", "GPE"),
                           ("a3", "the State of Washington", "GPE"), ("a4", "Washington", "GPE")), ref)
    state, country, _, wa_state, capital = ids(res)
    assert state != country and wa_state != capital
    assert res.new_entities.filter(pl.col("entity_id") == country)["country_code"].to_list() == ["GE"]


def test_a_head_word_joins_its_institution_only_when_that_is_the_nearest_name_using_it(ref: Reference):
    """"the Court" nearest "the Supreme Court" is not "the Court of Tamsin"; a person's surname ("Ada
    Church") wins over "the Church of the Silver Reed"; a chamber ("the Senate") is the national one named
    with its country, not "the Senate of Tamsinia"."""
    res = resolve(mentions(("a1", "the Court of Tamsin", "ORG"), ("a1", "the Supreme Court", "ORG"),
                           ("a1", "the Court", "ORG"),
                           ("a2", "Tamsin Vale", "GPE"), ("a2", "Ada Church", "PERSON"),
                           ("a2", "the Church of the Silver Reed", "ORG"), ("a2", "Church", "ORG"),
                           ("a3", "the Senate of Tamsinia", "ORG"), ("a3", "the U.S. Senate", "ORG"),
                           ("a3", "the Senate", "ORG")), ref)
    of_tamsin, _, court, _, ada, silver_reed, church, senate_of, us_senate, senate = ids(res)
    assert court != of_tamsin
    assert church == ada and church != silver_reed
    assert senate == us_senate and senate != senate_of


def test_a_head_word_joins_the_nearest_institution_whose_name_ends_in_it(ref: Reference):
    """"the Court" after "the Supreme Court", "the Times" after "The Tamsin Times": in its article only."""
    res = resolve(mentions(("a1", "Tamsinia", "GPE"), ("a1", "the Supreme Court", "ORG"), ("a1", "the Court", "ORG"),
                           ("a1", "The Tamsin Times", "ORG"), ("a1", "the Times", "ORG"),
                           ("a2", "the Court", "ORG")), ref)
    _, supreme, court, paper, times, elsewhere = ids(res)
    assert court == supreme and times == paper
    assert elsewhere not in (supreme, court)


def test_a_head_word_joins_a_name_ending_in_it_only_when_it_is_the_only_one(ref: Reference):
    """Two papers ending in "Post", or an army named by a state's own word, leave the head word alone."""
    res = resolve(mentions(("a1", "the Washington Post", "ORG"), ("a1", "the New York Post", "ORG"),
                           ("a1", "the Post", "ORG"),
                           ("a2", "the Free Tamsin Army", "ORG"), ("a2", "the Army", "ORG")), ref)
    washington, new_york, post, free_army, army = ids(res)
    assert post not in (washington, new_york) and army != free_army


def test_a_short_name_the_dictionaries_know_links_to_its_body_in_every_article(ref: Reference):
    """"the State Department" names the US body whether or not the article first wrote "the U.S. State
    Department": both short names are one entity."""
    res = resolve(mentions(("a1", "the State Department", "ORG"),
                           ("a2", "the U.S. State Department", "ORG"), ("a2", "the State Department", "ORG")), ref)
    short1, _, short2 = ids(res)
    assert short1 == short2


def test_capitals_in_parentheses_that_start_with_no_initial_of_the_name_define_nothing(ref: Reference):
    """A ticker's exchange ("Tamsin Mills Inc. (NASDAQ") or a state ("Springfield (IL)") after a name is no
    acronym of it; "'s Hertogenbosch" keeps its "'s" (no possessive at a name's start)."""
    assert defined_acronym("Tamsin Mills Inc. (NASDAQ", ref) is None
    assert defined_acronym("the Tamsin Mills Board (TMB", ref) == "TMB"
    res = resolve(mentions(("a2", "Tamsin Vale", "GPE"), ("a2", "Springfield (IL)", "GPE"), ("a2", "IL", "GPE")), ref)
    _, town, state = ids(res)
    assert town != state
    assert name_key("'s Hertogenbosch") != name_key("Hertogenbosch")
