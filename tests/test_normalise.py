from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wirehouse.normalise import (
    clean_body,
    detect_language,
    find_author,
    find_dateline,
    find_published_date,
    normalise_articles,
    parse_article,
    split_blocks,
)

from .helpers import CASES, SEEDS

STORY = (
    "The foreign ministers of both countries met in Geneva on Tuesday to discuss the future of the arms "
    "control treaty, which expires next year and which neither side has so far agreed to extend."
)
STORY2 = (
    "Officials said the talks were constructive, but they added that there was still a long way to go "
    "before the two delegations could agree on the text of a joint statement about the treaty."
)


def page(*lines: str) -> str:
    return "\n".join(lines)


# --- blocks --------------------------------------------------------------------------------------------


def test_split_blocks_collapses_whitespace_and_drops_blank_and_control_characters():
    assert split_blocks("  a\u00a0 b \r\n\n\tc\x07d\u200b \n") == ["a b", "cd"]


def test_bullets_become_dashes():
    assert split_blocks("  • first item\n· second") == ["- first item", "- second"]


# --- body cleaning -------------------------------------------------------------------------------------


def test_share_buttons_and_counters_are_removed():
    body = clean_body(page(STORY, STORY2, "Share this: Share", "Twitter", "Facebook", "Comments0", "300"), "en")
    assert body == f"{STORY}\n\n{STORY2}"


def test_reading_list_is_removed_with_its_items():
    text = page(STORY, STORY2, "[WORLD] Latest Stories", "Merkel Critiques Trump's Admiration for Dictators",
                "North Korean Missile Destroyed by Ukrainian Drone Strike", "You May Also Like", "1",
                "Taiwan's President Tells U.S. China's Military Threats Are No. 1 Concern", "LATEST")
    assert clean_body(text, "en") == f"{STORY}\n\n{STORY2}"


def test_subheading_between_paragraphs_is_kept():
    assert clean_body(page(STORY, "Talks Resume in Geneva", STORY2), "en") == (
        f"{STORY}\n\nTalks Resume in Geneva\n\n{STORY2}"
    )


def test_list_items_inside_the_story_are_kept_on_adjacent_lines():
    items = ["- 2021: A writing box, gifted to Joe Biden.", "- 2013: Porcelain plates, sent to Obama."]
    assert "\n".join(items) in clean_body(page(STORY, *items, STORY2))


def test_short_closing_sentence_is_kept_but_trailing_nav_is_not():
    closing = "Could we see peace this week?"
    assert clean_body(page(STORY, STORY2, closing), "en").endswith(closing)
    assert clean_body(page(STORY, STORY2, "Back to top", "Home"), "en").endswith(STORY2)


def test_repeated_caption_is_removed_everywhere_and_other_repeats_kept_once():
    caption = "U.S. Trump (left) and Putin (right) exit after a joint press conference in Helsinki. / AFP·Yonhap News"
    body = clean_body(page(caption, caption, STORY, STORY2, STORY), "en")
    assert caption not in body
    assert body == f"{STORY}\n\n{STORY2}"


def test_template_code_is_removed():
    body = clean_body(page(STORY, "//= do_shortcode('[get-ad-best-list slot_number=2725]'); ?>", STORY2), "en")
    assert "shortcode" not in body


# --- metadata ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([" date 2025-01-22 Spread the love"], date(2025, 1, 22)),
        (["Friday, January 4, 2019"], date(2019, 1, 4)),
        (["Published: 3 March 2021"], date(2021, 3, 3)),
        (["Updated Mar. 5, 2020 | World"], date(2020, 3, 5)),
        (["March 2020"], None),  # no day: a month is not a publication date
        (["The two leaders last spoke on July 23, 2020, during Trump's presidency."], None),  # story, not header
    ],
)
def test_published_date_only_from_a_dated_header_line(lines, expected):
    assert find_published_date(lines) == expected


def test_author_from_byline_counter_line_and_signature():
    assert find_author(["By Jane Smith and John Doe"], [])[0] == "Jane Smith"
    assert find_author(["Daniel Kim Views"], [])[0] == "Daniel Kim"
    assert find_author([], ["Daniel Kim", "content@viewusglobal.com"])[0] == "Daniel Kim"
    assert find_author(["Think beyond ordinary", "At a Glance"], ["Looking Ahead", STORY])[0] is None


def test_dateline_with_and_without_agency():
    assert find_dateline("WASHINGTON, – Former US President") == ("WASHINGTON", None)
    assert find_dateline("MOSCOW (Reuters) - The Kremlin said") == ("MOSCOW", "Reuters")
    assert find_dateline("US President Donald Trump said") == (None, None)


def test_language_detection():
    assert detect_language(STORY) == "en"
    assert detect_language("Der Außenminister sagte am Dienstag, dass die Gespräche nicht einfach sein werden.") == "de"
    assert detect_language("12345 67890") == "und"


def test_normalise_articles_frame():
    frame = pl.DataFrame({"source_path": ["a.txt"], "text": [page("Talks In Geneva", STORY, STORY2)]})
    out = normalise_articles(frame)
    assert out.columns[:3] == ["source_path", "title", "title_source"]
    assert out.row(0, named=True)["title"] == "Talks In Geneva"
    assert out.row(0, named=True)["word_count"] == len(f"{STORY} {STORY2}".split())


# --- golden seeds --------------------------------------------------------------------------------------

SEED_CASES = sorted(p.stem for p in (CASES / "seeds").glob("*.json"))


def test_every_seed_has_a_golden_case():
    assert sorted(p.stem for p in SEEDS.glob("*.txt")) == SEED_CASES


@pytest.mark.parametrize("name", SEED_CASES)
def test_seed_matches_golden_case(name: str):
    expected = json.loads((CASES / "seeds" / f"{name}.json").read_text(encoding="utf-8"))
    article = parse_article((SEEDS / f"{name}.txt").read_text(encoding="utf-8"))
    for field in ("title", "author", "outlet", "dateline", "language"):
        assert getattr(article, field) == expected[field], field
    assert (article.published_date.isoformat() if article.published_date else None) == expected["published_date"]
    for passage in expected["story"]:
        assert passage in article.body, f"story lost: {passage!r}"
    for junk in expected["boilerplate"]:
        assert junk not in article.body, f"boilerplate kept: {junk!r}"
    golden_body = (CASES / "seeds" / f"{name}.body.txt").read_text(encoding="utf-8").rstrip("\n")
    assert article.body == golden_body


@pytest.mark.parametrize("name", SEED_CASES)
def test_cleaning_a_clean_seed_body_changes_nothing(name: str):
    article = parse_article((SEEDS / f"{name}.txt").read_text(encoding="utf-8"))
    assert clean_body(article.body, article.language) == article.body


# --- invariants ----------------------------------------------------------------------------------------

_lines = st.one_of(
    st.text(max_size=200),
    st.sampled_from([STORY, STORY2, "Share this: Share", "Twitter", "Latest Stories", "Looking Ahead",
                     "- a list item that is here.", "Could we see peace this week?", "Comments0", "", "   "]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_lines, max_size=15))
def test_cleaning_is_idempotent(lines: list[str]):
    once = clean_body("\n".join(lines), "en")
    assert clean_body(once, "en") == once


@settings(max_examples=100, deadline=None)
@given(st.lists(_lines, max_size=15))
def test_body_only_holds_lines_from_the_input(lines: list[str]):
    text = "\n".join(lines)
    blocks = set(split_blocks(text))
    assert all(b in blocks for b in split_blocks(clean_body(text, "en")))


def test_cases_dir_exists():
    assert Path(CASES).is_dir()
