"""Hypothesis drives annotation and resolution with unicode-heavy text through the real spaCy model: no
crash, and every mention and event points exactly at its text in its field."""

from __future__ import annotations

from itertools import pairwise

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


@settings(max_examples=300, deadline=None)
@given(text=st.lists(WORDS, max_size=80).map(" ".join), limit=st.integers(1, 40))
def test_pieces_join_into_the_text_within_the_limit_and_none_starts_with_a_blank_line(text: str, limit: int) -> None:
    from wirehouse.annotate import _pieces

    pieces = _pieces(text, limit)
    assert "".join(pieces) == text
    assert all(piece for piece in pieces) or pieces == [""]
    for before, piece in pairwise(pieces):
        # a blank line stays with the piece before it (unless that one is already twice the limit)
        assert piece.splitlines()[0].strip() or len(before) >= 2 * limit
    # past the limit, a piece holds only the blank lines that end it
    assert all(not piece[limit:].strip() or len(piece) <= limit for piece in pieces)


def test_a_line_over_spacys_length_limit_is_parsed_in_pieces() -> None:
    from wirehouse.annotate import BATCH_CHARS, _pieces

    line = "Angela Merkel met Emmanuel Macron in Paris. " * 25_000  # 1.1 million characters, no line break
    pieces = _pieces(line, BATCH_CHARS)
    assert "".join(pieces) == line and max(map(len, pieces)) <= BATCH_CHARS


def test_a_text_parsed_in_pieces_is_one_doc_with_the_text_its_sentences_and_its_entities() -> None:
    from wirehouse.annotate import _parsed, load_nlp
    from wirehouse.settings import Settings

    nlp = load_nlp(Settings().spacy_model)
    lines = [f"Angela Merkel met Emmanuel Macron in Paris on day {i}.\n" for i in range(6)]
    long, short = "".join(lines), "Boris Johnson spoke in London."
    docs = list(_parsed(nlp, [long, "", short], batch_size=4, limit=2 * len(lines[0])))
    assert [doc.text for doc in docs] == [long, "", short]
    whole = nlp(long)
    assert [s.text for s in docs[0].sents] == [s.text for s in whole.sents]
    assert [s.text.strip() for s in docs[0].sents] == [line.strip() for line in lines]
    assert [(e.start_char, e.text) for e in docs[0].ents if e.label_ == "PERSON"] == \
           [(e.start_char, e.text) for e in whole.ents if e.label_ == "PERSON"]
    assert {e.text for e in docs[0].ents} >= {"Angela Merkel", "Emmanuel Macron", "Paris"}


def test_a_headline_is_parsed_apart_from_the_body_it_heads() -> None:
    from wirehouse.annotate import _fields, _parsed, load_nlp
    from wirehouse.settings import Settings

    nlp = load_nlp(Settings().spacy_model)
    # parsed as one text, this body's first sentence was cut after its first word ("Tishana | King says")
    title = "Brooklyn riot over teen's death: 16-year-old shot by cops did not have a gun, says witness"
    body = "Tishana King says she saw the whole incident from her apartment.\n\nShe says he had nothing."
    text, start = _fields(title, body)
    doc = next(_parsed(nlp, [text], batch_size=4, starts=[start]))
    assert doc.text == text
    assert [s.text.strip() for s in doc.sents if s.start_char >= start] == body.split("\n\n")
    assert any(e.text == "Tishana King" and e.label_ == "PERSON" for e in doc.ents)

