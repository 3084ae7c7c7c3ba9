"""Hypothesis drives annotation and resolution with unicode-heavy text through the real spaCy model: no
crash, and every mention and event points exactly at its text in its field."""

from __future__ import annotations

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wirehouse.normalise import clean_body

from .helpers import derive

# Words and names with accents, combining marks, format characters, other scripts and emoji, joined by
# spaces, punctuation and line breaks: what scraped news throws at the pipeline.
WORDS = st.sampled_from([
    "Putin", "Trump", "met", "said", "in", "Moscow", "the", "Kremlin", "Zürich", "Café", "Cafe\u00ad\u0301",
    "Ελλάδα", "Москва", "北京", "Nguyễn", "O'Neil", "Jean-Luc", "U.S.", "NATO", "—", "“quoted”", "🙂", "\u200b",
    "Reuters", "attacked", "police", "protesters", "he", "they", "on", "Monday", ".", ",", "\n", "\n\n",
])
TEXTS = st.lists(WORDS, min_size=1, max_size=60).map(" ".join)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.one_of(st.none(), TEXTS), body=TEXTS)
def test_annotation_and_resolution_never_crash_and_offsets_hold(title: str | None, body: str) -> None:
    body = clean_body(body) or body
    articles = pl.DataFrame({"article_id": ["a"], "title": [title], "body": [body]},
                            schema={"article_id": pl.String, "title": pl.String, "body": pl.String})
    events, _ = derive(articles)
    fields = {"title": title or "", "body": body}
    for e in events.to_dicts():
        text = fields[e["field"]]
        assert 0 <= e["start_char"] <= e["end_char"] <= len(text)
        assert text[e["start_char"]:e["end_char"]] == e["evidence"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.one_of(st.none(), TEXTS), body=TEXTS)
def test_mentions_index_their_field_exactly(title: str | None, body: str) -> None:
    from wirehouse.annotate import annotate_articles
    from wirehouse.settings import Settings

    found = annotate_articles(pl.DataFrame({"article_id": ["a"], "title": [title], "body": [body]},
                                           schema={"article_id": pl.String, "title": pl.String, "body": pl.String}),
                              Settings().spacy_model)
    fields = {"title": title or "", "body": body}
    for m in found.mentions.to_dicts():
        text = fields[m["field"]]
        assert 0 <= m["start_char"] < m["end_char"] <= len(text)
        assert text[m["start_char"]:m["end_char"]] == m["text"]
