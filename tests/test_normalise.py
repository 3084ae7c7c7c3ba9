from __future__ import annotations

import json
import unicodedata
from datetime import date

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wirehouse.htmlpage import is_html_document
from wirehouse.model import PARSED_SCHEMA
from wirehouse.normalise import (
    clean_body,
    detect_language,
    detect_story_language,
    find_author,
    find_dateline,
    find_published_date,
    normalise_articles,
    parse_article,
    parse_html_article,
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


def test_a_format_character_between_letter_and_accent_does_not_stop_composition():
    # The soft hyphen goes first, so the accent composes with its letter and the result is NFC.
    assert split_blocks("Cafe\u00ad\u0301 au lait") == ["Café au lait"]


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
    assert find_author(["Jane Smith, Staff Writer"], [])[0] == "Jane Smith"
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


def test_every_stop_list_names_its_language_by_its_iso_639_code():
    import pycountry
    from wirehouse.normalise import _iso_code, _stoplists

    for name in _stoplists():
        code = _iso_code(name)
        # two letters where ISO 639-1 has the language, else its ISO 639-3 code: never a name
        lang = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
        assert lang is not None and (len(code) == 2 or not hasattr(lang, "alpha_2")), (name, code)
    assert [_iso_code(n) for n in ("Nepali", "Swahili", "Greek", "English", "Simple_English", "Asturian")] == [
        "ne", "sw", "el", "en", "en", "ast"]


GERMAN = (
    "Der Außenminister sagte am Dienstag in Genf, dass die Gespräche über den Vertrag nicht einfach sein "
    "werden und dass beide Seiten noch viel Arbeit vor sich haben, bevor sie sich auf einen Text einigen."
)


def test_language_is_judged_on_the_first_words_only():
    # STORY and GERMAN are 34 words each: the first 34 words are all English, or all German
    assert detect_language(f"{STORY} {GERMAN} {GERMAN}", sample_words=34) == "en"
    assert detect_language(f"{STORY} {GERMAN} {GERMAN}", sample_words=400) == "de"
    assert detect_language(f"{GERMAN} {STORY} {STORY}", sample_words=34) == "de"


def test_language_is_that_of_the_story_not_of_the_menus():
    menus = ["Home", "中文", "日本語", "Suomi", "Hae", "Kirjaudu sisään", "Uutiset", "Urheilu", "Sää", "Talous"]
    assert detect_story_language(split_blocks(page(*menus, STORY, STORY2))) == "en"
    assert detect_story_language(split_blocks(page("Home", "News", "Sport", GERMAN, GERMAN))) == "de"
    assert parse_article(page("Home", "News", GERMAN, GERMAN.replace("Genf", "Berlin"))).language == "de"


def test_normalise_articles_frame():
    frame = pl.DataFrame({"source_path": ["a.txt"], "text": [page("Talks In Geneva", STORY, STORY2)]})
    out = normalise_articles(frame)
    assert out.columns[:3] == ["source_path", "title", "title_source"]
    assert out.row(0, named=True)["title"] == "Talks In Geneva"
    assert out.row(0, named=True)["word_count"] == len(f"{STORY} {STORY2}".split())


# --- headline ------------------------------------------------------------------------------------------

MENU = ["Home", "World", "Business", "Terms of Use", "Join our newsletter", "Got a news tip?"]


def test_headline_is_the_line_whose_words_recur_in_the_lead_not_a_repeated_menu_item():
    text = page(*MENU, "Dow Jones Newswires", "Arms Control Talks Resume in Geneva", "By Jane Smith",
                STORY, STORY2, "Dow Jones Newswires", *MENU)
    article = parse_article(text)
    assert (article.title, article.title_source) == ("Arms Control Talks Resume in Geneva", "headline_line")
    assert article.author == "Jane Smith"
    assert article.body == f"{STORY}\n\n{STORY2}"


def test_headline_beats_a_related_story_title_closer_to_the_story():
    text = page(*MENU, "Geneva Talks on Arms Control Treaty Resume", "Related stories",
                "Treaty talks stall in Vienna", "Foreign ministers meet in Oslo", STORY, STORY2)
    assert parse_article(text).title == "Geneva Talks on Arms Control Treaty Resume"


def test_a_clean_files_first_line_directly_above_the_story_is_its_title():
    article = parse_article(page("Genfer Gespräche", "Friday, January 4, 2019", GERMAN, GERMAN))
    assert (article.title, article.published_date, article.language) == ("Genfer Gespräche", date(2019, 1, 4), "de")
    assert article.body.startswith(GERMAN)


def test_the_line_directly_above_the_by_line_is_the_headline_even_when_the_lead_rewords_it():
    text = page(*MENU, "Diplomats Break the Deadlock", "Share", "By Jane Smith", STORY, STORY2)
    assert parse_article(text).title == "Diplomats Break the Deadlock"


def test_a_paragraph_opening_with_by_is_no_by_line():
    later = ("By the end of the week, negotiators from both delegations expected to have a draft of the new "
             "treaty text ready for their governments to review.")
    more = "Diplomats from several neighbouring countries were also present at the opening session of the talks."
    text = page("Ceasefire Holds Along Northern Border", STORY, STORY2, more, "Negotiators Meet In Geneva", later,
                STORY2)
    article = parse_article(text)
    assert article.title == "Ceasefire Holds Along Northern Border"
    assert article.body.startswith(STORY) and later in article.body


def test_a_standfirst_between_headline_and_by_line_is_not_the_headline():
    standfirst = "Foreign ministers of both countries met on Tuesday to discuss extending the arms control treaty"
    text = page(*MENU, "Geneva treaty deadlock ends", standfirst, "By Jane Smith", STORY, STORY2)
    assert parse_article(text).title == "Geneva treaty deadlock ends"


def test_a_standfirst_directly_under_the_headline_is_not_the_headline():
    standfirst = "Foreign ministers of both countries met on Tuesday to discuss extending the arms control treaty"
    text = page(*MENU, "Geneva treaty deadlock ends", standfirst, STORY, STORY2)
    assert parse_article(text).title == "Geneva treaty deadlock ends"


def test_the_last_crumb_of_a_breadcrumb_trail_names_the_headline_and_the_trail_is_furniture():
    headline = "Diplomats Break the Deadlock"
    text = page(*MENU, f"Home » World » Europe » {headline}", "Talks Section", headline, STORY, STORY2)
    article = parse_article(text)
    assert article.title == headline
    assert article.body == f"{STORY}\n\n{STORY2}"


def test_a_by_line_under_a_role_line_credits_the_headline_above_it():
    text = page(*MENU, "Diplomats Break the Deadlock", "Jane Smith, Staff Writer", STORY, STORY2)
    assert parse_article(text).title == "Diplomats Break the Deadlock"


def test_an_author_bio_above_the_headline_is_neither_title_nor_story():
    bio = (
        "Jane Smith is a senior correspondent who has covered diplomacy for the paper since 2009, and she "
        "previously reported from Moscow and from Beijing for the agency."
    )
    text = page(*MENU, bio, "Diplomats Break the Deadlock", "By Jane Smith", STORY, STORY2)
    article = parse_article(text)
    assert article.title == "Diplomats Break the Deadlock"
    assert article.body == f"{STORY}\n\n{STORY2}"


VIDEO_BOX = [
    "Photo: Jane Doe/Reuters",
    "Markets rally after the summit Watch Video",
    "Rain expected across the region Watch Video",
    "Treaty talks stall in Vienna Watch Video",
    "Storm Warning Issued Watch Video",
    "More Video »",
]


def test_the_lead_under_the_headline_stays_with_the_story_across_a_video_box():
    lead = "Arms control talks resumed in Geneva on Tuesday after a pause of two years, officials said."
    text = page(*MENU, "Arms Control Talks Resume in Geneva", "By Jane Smith", lead, *VIDEO_BOX, STORY, STORY2)
    assert parse_article(text).body == f"{lead}\n\n{STORY}\n\n{STORY2}"


def test_a_paragraph_under_the_headline_that_does_not_share_its_words_is_not_pulled_into_the_story():
    bio = "Jane Smith has written for the paper since 2009 and previously worked in Moscow and Beijing for an agency."
    text = page(*MENU, "Arms Control Talks Resume in Geneva", "By Jane Smith", bio, *VIDEO_BOX, STORY, STORY2)
    assert parse_article(text).body == f"{STORY}\n\n{STORY2}"


def test_a_section_line_above_a_title_case_headline_takes_no_credit_from_its_by_line():
    text = page(*MENU, "Arms Control Treaty News", "Diplomats Break the Deadlock", "By Jane Smith", STORY, STORY2)
    assert parse_article(text).title == "Diplomats Break the Deadlock"


def test_a_headline_with_commas_is_no_tag_list_but_a_list_of_sections_is():
    headline = "In Geneva, Switzerland, arms talks will resume, for now"
    text = page(*MENU, "Geneva, Vienna, Oslo, Rome", headline, "By Jane Smith", STORY, STORY2)
    assert parse_article(text).title == headline
    assert parse_article(page(*MENU, "Geneva, Vienna, Oslo, Rome", "By Jane Smith", STORY, STORY2)).title is None


def test_a_question_as_long_as_the_headline_under_it_is_its_standfirst():
    text = page(*MENU, "Geneva treaty deadlock finally ends", "But will the deal last?", "By Jane Smith", STORY, STORY2)
    assert parse_article(text).title == "Geneva treaty deadlock finally ends"


def test_a_headline_may_open_with_a_name_written_in_small_letters():
    text = page(*MENU, "eBay sellers join the Geneva arms control talks", STORY, STORY2)
    assert parse_article(text).title == "eBay sellers join the Geneva arms control talks"


def test_without_a_headline_the_title_is_none_and_the_lead_stays_in_the_body():
    article = parse_article(page(*MENU, STORY, STORY2, "Back to top"))
    assert (article.title, article.title_source) == (None, None)
    assert article.body.startswith(STORY)


# --- what the story keeps and loses --------------------------------------------------------------------

COMMENTS = [
    "3 Comments",
    "jsmith says:",
    "July 24, 2012 at 3:45 pm",
    "I think the ministers should have agreed on the text a long time ago, since everyone knew the treaty "
    "would expire and that there would not be much time left to negotiate a new one before it does.",
    "Reply",
    "mary_k says:",
    "July 24, 2012 at 4:10 pm",
    "That is exactly what I was going to say about this, and I would add that the two countries have "
    "never really trusted each other, which is why these talks always take so long to get anywhere.",
    "Reply",
]


def test_reader_comments_are_dropped_even_when_longer_than_the_story():
    body = parse_article(page("Arms Control Talks Resume in Geneva", STORY, STORY2, *COMMENTS, *COMMENTS[3:])).body
    assert body == f"{STORY}\n\n{STORY2}"


def test_a_wordpress_comment_form_closes_the_story():
    form = ["Leave a Reply Cancel reply", "Enter your comment here...", "Notify me of follow-up comments via email.",
            "Notify me of new posts via email."]
    assert parse_article(page("Arms Control Talks Resume in Geneva", STORY, STORY2, *form, TEASER)).body == (
        f"{STORY}\n\n{STORY2}"
    )


def test_a_long_paragraph_containing_a_boilerplate_phrase_is_kept():
    paragraph = (
        "The ministry said in its statement that citizens who wish to follow the negotiations can subscribe to "
        "our newsletter of official notices, which it has published every week since the talks began in the "
        "spring, and that the newsletter would continue to report on the progress of the delegations."
    )
    assert paragraph in clean_body(page(STORY, paragraph, STORY2), "en")


def test_a_line_in_angle_brackets_is_not_taken_for_an_html_tag():
    line = "<The Palace: Tale of Jang Noksu> opens at the National Theater on Friday, the ministry said."
    assert line in clean_body(page(STORY, line, STORY2), "en")


def test_tag_links_under_a_tags_label_are_not_story():
    text = page(STORY, "Tags:", "Geneva,", "Arms control,", "Foreign Ministers", STORY2)
    assert clean_body(text, "en") == f"{STORY}\n\n{STORY2}"


def test_a_related_stories_box_inside_the_story_does_not_cut_the_rest():
    text = page(STORY, "Related Stories", "Treaty talks stall in Vienna", "Foreign ministers meet in Oslo", STORY2)
    assert clean_body(text, "en") == f"{STORY}\n\n{STORY2}"


TEASER = (
    "Diplomats from a dozen other countries will gather in Vienna next month for a separate round of talks "
    "on the future of the nuclear agreement, which has been in doubt since last spring."
)
LINK_TITLES = ["Treaty talks stall in Vienna", "Foreign ministers meet in Oslo", "Markets rally after the summit",
               "Rain expected across the region"]
WORDY_TITLES = [
    "Why the Ministers of Both Countries Could Not Agree on the Text of the Treaty Once Again",
    "What the New Treaty Will Mean for the People Who Live Along the Border",
    "How a Small Town in the Alps Became the Place Where Diplomats Go to Talk",
    "The Ten Things You Should Know About the Arms Control Talks This Week",
]


@pytest.mark.parametrize("titles", [LINK_TITLES, WORDY_TITLES], ids=["short", "wordy"])
def test_a_run_of_link_titles_without_a_heading_is_not_story(titles: list[str]):
    body = clean_body(page(STORY, STORY2, *titles, TEASER), "en")
    assert body.startswith(f"{STORY}\n\n{STORY2}")
    assert not any(title in body for title in titles)


SECTIONS = ["Home", "World", "Business", "Sport", "Weather", "Video", "Travel", "Culture", "Science", "Health"]


def test_a_blurb_parted_from_the_story_by_ten_lines_of_furniture_is_not_story():
    body = clean_body(page(STORY, STORY2, *SECTIONS, TEASER), "en")
    assert body == f"{STORY}\n\n{STORY2}"


def test_a_story_paused_by_a_short_box_goes_on_after_it():
    body = clean_body(page(STORY, *SECTIONS[:5], STORY2, TEASER), "en")
    assert body == f"{STORY}\n\n{STORY2}\n\n{TEASER}"


def test_three_title_lines_are_a_subheading_and_kept_between_paragraphs():
    body = clean_body(page(STORY, *LINK_TITLES[:3], STORY2), "en")
    assert all(title in body for title in LINK_TITLES[:3])


def test_the_short_closing_sentences_of_a_story_are_kept():
    closing = ["It was not the first time.", "Nor will it be the last, the minister said."]
    body = clean_body(page(STORY, STORY2, *closing, "Back to top", "Most Popular"), "en")
    assert body == "\n\n".join([STORY, STORY2, *closing])


def test_a_short_story_told_in_short_paragraphs_is_kept_after_a_latest_nav_line():
    short = [
        "The minister arrived in Geneva on Tuesday morning for the talks.",
        "She met her counterpart at the lakeside hotel for three hours.",
        "Both sides said they would meet again next week in Vienna.",
        "No statement was issued after the meeting ended on Tuesday.",
    ]
    body = clean_body(page("Latest", "Home", "News", *short, "Back to top"), "en")
    assert body == "\n\n".join(short)


# --- HTML ----------------------------------------------------------------------------------------------

HTML = f"""<!DOCTYPE html>
<html lang="en"><head>
<title>Arms Control Talks Resume in Geneva | The Daily Example</title>
<meta property="og:title" content="Arms Control Talks Resume in Geneva">
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Smith">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<link rel="canonical" href="https://news.example.org/world/arms-talks-geneva">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article>
<h1>Arms Control Talks Resume in Geneva</h1>
<p class="byline">By Jane Smith</p>
<p>{STORY}</p>
<p>{STORY2}</p>
</article>
<footer><p>Terms of Use</p><p>Privacy Policy</p></footer>
</body></html>"""


def test_html_page_goes_through_trafilatura_with_its_metadata():
    article = parse_html_article(HTML)
    assert article.extractor == "trafilatura"
    assert (article.title, article.title_source) == ("Arms Control Talks Resume in Geneva", "html_meta")
    assert article.published_date == date(2024, 3, 5)
    assert article.url == "https://news.example.org/world/arms-talks-geneva"
    assert article.outlet == "The Daily Example"
    assert article.author == "Jane Smith"
    assert article.language == "en"
    assert STORY in article.body and STORY2 in article.body
    assert "Arms Control Talks Resume" not in article.body and "Terms of Use" not in article.body


def test_html_documents_are_sniffed_by_their_opening():
    assert is_html_document(HTML)
    assert is_html_document("\ufeff  <html><body><p>x</p></body></html>")
    assert is_html_document("<!-- saved page -->\n<HTML>\n<head></head>")
    assert not is_html_document(page("Arms Control Talks Resume in Geneva", STORY))
    assert not is_html_document("<The Palace: Tale of Jang Noksu> opens on Friday.")


def test_normalise_articles_dispatches_per_row_by_suffix_and_content():
    frame = pl.DataFrame({
        "source_path": ["a.txt", "b.html", "c.txt"],
        "text": [page("Arms Control Talks Resume in Geneva", STORY, STORY2), HTML, HTML],
    })
    out = normalise_articles(frame)
    assert out.schema == pl.Schema(PARSED_SCHEMA)
    assert out["extractor"].to_list() == ["text", "trafilatura", "trafilatura"]
    assert out["url"].to_list() == [None, *["https://news.example.org/world/arms-talks-geneva"] * 2]
    assert out["title"].to_list() == ["Arms Control Talks Resume in Geneva"] * 3


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


_unicode_lines = st.one_of(
    st.text(st.characters(categories=("L", "M", "Cf", "Zs", "P")), max_size=80),
    st.sampled_from(["Cafe\u00ad\u0301", "e\u0301\u200b\u0301", "\u1100\u1161\u11a8", "ﬁ\u0308", STORY, STORY2]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_unicode_lines, max_size=12))
def test_body_is_nfc_and_cleaning_it_again_changes_nothing(lines: list[str]):
    once = clean_body("\n".join(lines), "en")
    assert unicodedata.is_normalized("NFC", once)
    assert clean_body(once, "en") == once
    article = parse_article("\n".join(lines))
    assert unicodedata.is_normalized("NFC", article.body)


@settings(max_examples=100, deadline=None)
@given(st.lists(_lines, max_size=15))
def test_body_only_holds_lines_from_the_input(lines: list[str]):
    text = "\n".join(lines)
    blocks = set(split_blocks(text))
    assert all(b in blocks for b in split_blocks(clean_body(text, "en")))


def test_a_lead_dense_with_names_under_the_headline_opens_the_story():
    # Few stop words: jusText's classes call such a lead boilerplate; restating the headline, it is the lead.
    lead = "Westfield Rovers defeated Harbour City 31 points to 17 in Round 7 Coastal Rugby League action Sunday."
    text = page("Westfield Rovers defeat Harbour City in Coastal Rugby League", lead, STORY, STORY2)
    article = parse_article(text)
    assert article.body == f"{lead}\n\n{STORY}\n\n{STORY2}"


def test_a_name_dense_line_under_the_headline_that_does_not_restate_it_stays_out():
    line = "Riverton United, Harbour City, Westfield Rovers, Coastal Athletic and Port Vale Town results."
    text = page("Arms Control Talks Resume in Geneva", line, STORY, STORY2)
    assert parse_article(text).body == f"{STORY}\n\n{STORY2}"
