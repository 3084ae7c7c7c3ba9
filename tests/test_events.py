"""Event extraction on hand-written sentences, through the real spaCy model, and date resolution."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from wirehouse.annotate import annotate_articles
from wirehouse.events import code_events, lookup_code, resolve_event_date
from wirehouse.resolve import ALIAS_SCHEMA, ENTITY_SCHEMA, resolve_mentions
from wirehouse.settings import Settings

MODEL = Settings().spacy_model
PUBLISHED = date(2025, 1, 22)  # a Wednesday


def extract(sentence: str, published: date | None = PUBLISHED) -> list[dict]:
    """Events of one sentence as dicts with actor names instead of ids."""
    articles = pl.DataFrame({"article_id": ["a"], "body": [sentence]})
    found = annotate_articles(articles, MODEL)
    mentions, entities, _ = resolve_mentions(found.mentions, pl.DataFrame(schema=ENTITY_SCHEMA),
                                             pl.DataFrame(schema=ALIAS_SCHEMA))
    events = code_events(found.candidates, mentions, entities,
                         pl.DataFrame({"article_id": ["a"], "published_date": [published]},
                                      schema={"article_id": pl.String, "published_date": pl.Date}))
    names = dict(entities.select("entity_id", "name").iter_rows())
    out = []
    for e in events.to_dicts():
        e["actor1"] = names[e["actor1_entity_id"]]
        e["actor2"] = names.get(e["actor2_entity_id"])
        assert sentence[e["start_char"]:e["end_char"]] == e["evidence"]
        out.append(e)
    return out


def one(sentence: str, **kw) -> dict:
    events = extract(sentence, **kw)
    assert len(events) == 1, events
    return events[0]


def test_active_voice_with_direct_object():
    e = one("Donald Trump invited Vladimir Putin to the White House.")
    assert (e["actor1"], e["action"], e["actor2"]) == ("Donald Trump", "invite", "Vladimir Putin")
    assert e["cameo_code"] == "026" and e["cameo_root"] == "02" and e["quad_class"] == 1
    assert not e["is_negated"] and not e["is_hypothetical"]


def test_passive_voice_swaps_the_actors():
    e = one("Vladimir Putin was invited by Donald Trump.")
    assert (e["actor1"], e["actor2"]) == ("Donald Trump", "Vladimir Putin")


def test_prepositional_target_and_explicit_date():
    e = one("Donald Trump met with Vladimir Putin in Helsinki on July 16, 2018.")
    assert (e["actor1"], e["actor2"], e["cameo_code"]) == ("Donald Trump", "Vladimir Putin", "040")
    assert (e["event_date"], e["date_precision"]) == (date(2018, 7, 16), "day")


def test_nationality_and_capital_stand_for_countries():
    e = one("The United Kingdom expelled 23 Russian diplomats in March 2018.")
    assert (e["actor1"], e["actor2"], e["cameo_code"]) == ("United Kingdom", "Russia", "174")
    assert (e["actor2_role"], e["actor2_country_code"]) == ("nationality", "RU")
    assert e["quad_class"] == 4 and e["goldstein"] == -5.0
    assert (e["event_date"], e["date_precision"]) == (date(2018, 3, 1), "month")
    m = one("Moscow blamed London for the attack.")
    assert (m["actor1_role"], m["actor1_country_code"], m["actor2_country_code"]) == ("capital", "RU", "GB")


def test_negation():
    e = one("Donald Trump did not meet with Vladimir Putin last week.")
    assert e["is_negated"] and not e["is_hypothetical"]
    assert (e["event_date"], e["date_precision"]) == (date(2025, 1, 13), "week")


@pytest.mark.parametrize("sentence", [
    "Donald Trump would meet with Vladimir Putin.",
    "Donald Trump plans to meet Vladimir Putin.",
    "Donald Trump could visit Russia.",
    "Donald Trump expressed his willingness to meet with Vladimir Putin.",
])
def test_hypotheticals_are_flagged_and_coded_as_intent(sentence: str):
    e = one(sentence)
    assert e["is_hypothetical"] and e["actor1"] == "Donald Trump"
    assert e["cameo_code"] == "036" and e["cameo_root"] == "03"


def test_relative_date_needs_a_publication_date():
    assert one("Dmitry Peskov criticised Ukraine on Monday.")["event_date"] == date(2025, 1, 20)
    assert one("Dmitry Peskov criticised Ukraine on Monday.", published=None)["event_date"] is None


def test_sentences_without_two_known_parties_or_a_coded_verb_give_nothing():
    assert extract("The weather in Moscow was cold.") == []
    assert extract("He called it beautiful.") == []


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("July 23, 2020", None, (date(2020, 7, 23), "day")),
    ("23 July 2020", None, (date(2020, 7, 23), "day")),
    ("in 2018", None, (date(2018, 1, 1), "year")),
    ("March 2018", None, (date(2018, 3, 1), "month")),
    ("March 20", date(2018, 4, 2), (date(2018, 3, 20), "day")),
    ("March 20", date(2018, 3, 1), (date(2017, 3, 20), "day")),  # not after publication
    ("March 20", None, (None, None)),
    ("last week", date(2025, 1, 22), (date(2025, 1, 13), "week")),
    ("yesterday", date(2025, 1, 22), (date(2025, 1, 21), "day")),
    ("on Monday", date(2025, 1, 22), (date(2025, 1, 20), "day")),
    ("earlier this month", date(2025, 1, 22), (date(2025, 1, 1), "month")),
    ("last year", date(2025, 1, 22), (date(2024, 1, 1), "year")),
    ("Ten days", date(2025, 1, 22), (None, None)),
    (None, date(2025, 1, 22), (None, None)),
])
def test_resolve_event_date(text, published, expected):
    assert resolve_event_date(text, published) == expected


def test_verb_table_prefers_the_most_specific_row():
    assert lookup_code("close", "", "consulate", False) == "161"
    assert lookup_code("close", "", "door", False) is None
    assert lookup_code("meet", "with", "", False) == "040"
    assert lookup_code("meet", "with", "", True) == "036"
    assert lookup_code("unknownverb", "", "", False) is None
