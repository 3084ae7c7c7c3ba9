"""Normalise: a decoded page to title, by-line, dates, outlet, dateline, language and a clean body.

Two inputs. An HTML document goes through trafilatura (``wirehouse.htmlpage``). A page flattened to text
(one line per block, all page furniture kept) is cleaned here:

1. Every line is classed by jusText's context-free paragraph classifier (length, stop-word density), with
   the stop list of the language detected on the page's prose lines (not on its menus).
   Lines that are furniture whatever their length (``data/boilerplate.txt``, matched against the whole
   line), link lists under a reading-list heading (``data/reading_lists.txt``) or in a run of four or
   more title lines without one, reader comment furniture (``data/comments.txt``) and repeated captions
   are forced out.
2. The story is the one contiguous stretch of lines with the most story text in it (a maximum-sum segment:
   a story line adds its words, a boilerplate line subtracts its words), never crossing the heading of a
   comment thread. Menus, teasers and comment threads away from the story fall outside it; a subheading or
   a short "Related stories" box inside it does not cut it. Inside it, short lines are kept where story
   text lies on both sides (jusText's rule for short paragraphs), and its short closing sentences are
   kept; ten or more non-story lines after its main part end it (what follows is the sidebar).
3. The headline is a headline-shaped line above the story (or the document's first line) whose words recur in the lead,
   or the line directly above the story's by-line (past a standfirst at most), or the last crumb of a
   breadcrumb trail: position, shape and agreement with the story, not repetition. Without one the title
   is None and the lead stays in the body. The story starts below its headline: what its stretch holds
   above it goes, and the lead under it stays even where a caption or a video box parts it from the rest.

Metadata is only taken where the text states it: a date on a dated header line, an author on a by-line or
signature. Nothing is read from file times or guessed.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date
from functools import cache, lru_cache
from itertools import chain, islice, pairwise
from pathlib import PurePath
from types import SimpleNamespace

import dateparser
import justext
import polars as pl
import pycountry
from justext.core import classify_paragraphs
from justext.paragraph import Paragraph

from wirehouse.htmlpage import is_html_document, parse_html, visible_headline
from wirehouse.model import PARSED_SCHEMA
from wirehouse.reference import lines

# --- reference data -----------------------------------------------------------------------------


# Hashed by identity: the rules key a per-line cache (``_line_kinds``), and hashing every field on each
# of a batch's ~50k lines cost a fifth of cleaning.
@dataclass(frozen=True, eq=False)
class CleaningRules:
    """The data files the cleaner reads, compiled once (see ``load_rules``)."""

    boilerplate: re.Pattern[str]
    reading_list: re.Pattern[str]
    comment_heading: re.Pattern[str]
    comment_line: re.Pattern[str]
    byline_trailers: re.Pattern[str]


def _whole_line(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@cache
def load_rules() -> CleaningRules:
    """Compile ``boilerplate.txt``, ``reading_lists.txt``, ``comments.txt`` and ``author_roles.txt``."""
    comments = lines("comments.txt")
    headings = [c.removeprefix("[heading]").strip() for c in comments if c.startswith("[heading]")]
    comment_lines = [c.removeprefix("[line]").strip() for c in comments if c.startswith("[line]")]
    reading = "|".join(f"(?:{p})" for p in lines("reading_lists.txt"))
    roles = "|".join(re.escape(w) for w in lines("author_roles.txt"))
    return CleaningRules(
        boilerplate=_whole_line(lines("boilerplate.txt")),
        reading_list=re.compile(rf"(?:\[[^\]]*\]\s*)?(?:{reading})\s*[:.»›>]?", re.IGNORECASE),
        comment_heading=_whole_line(headings),
        comment_line=_whole_line(comment_lines),
        byline_trailers=re.compile(rf",?\s+(?:{roles})\b.*$", re.IGNORECASE),
    )


# --- blocks ---------------------------------------------------------------------------------------

_WS = re.compile(r"\s+")
_BULLET = re.compile(r"^[•▪◦‣·●]\s*(?=\S)")
_LIST_ITEM = re.compile(r"^(?:- |\d{1,2}[.)] )")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")


_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _clean_line(line: str) -> str:
    # Format characters go before composing, so that "e\u00ad\u0301" composes to "é" and stays so.
    if line.isascii():
        line = _ASCII_CONTROL.sub("", line)
    else:
        line = "".join(ch for ch in line if unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cs"))
    line = _BULLET.sub("- ", _WS.sub(" ", line).strip())
    return unicodedata.normalize("NFC", line)


def split_blocks(text: str) -> list[str]:
    """Lines of text, NFC-normalised, whitespace collapsed, control characters and blank lines gone."""
    return [b for b in (_clean_line(line) for line in text.splitlines()) if b]


def join_blocks(blocks: list[str]) -> str:
    """Paragraphs apart by a blank line; consecutive list items stay on adjacent lines."""
    out: list[str] = []
    for i, block in enumerate(blocks):
        if i:
            tight = _LIST_ITEM.match(block) and _LIST_ITEM.match(blocks[i - 1])
            out.append("\n" if tight else "\n\n")
        out.append(block)
    return "".join(out)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _is_heading_like(block: str) -> bool:
    return (
        len(block) <= 120
        and not re.search(r"[.,;:!?\"”’]$", block)
        and (block[0].isupper() or block[0].isdigit())
        and len(block.split()) >= 2
    )


def _is_sentence_like(block: str) -> bool:
    return bool(_SENTENCE_END.search(block)) and len(block.split()) >= 4 and block[0].isalnum()


_CAPTION = re.compile(
    r"\((?:left|right|center|centre|pictured|top|bottom|above|below|file)\)"
    r"|\s/\s*[A-Z][\w&.\- ]*$"
    r"|^(?:photo|image|picture|file photo|caption)\b"
    r"|\((?:[A-Z]+ )?photo(?:graph)?\b[^)]*\)$"
    r"|\b(?:photo|photograph|picture|image|credit|source)s?\s*:\s*\S"
    r"|\([^()]*/[^()]*\)$"
    r"|\b(?:getty images|ap photo|afp|epa|shutterstock|reuters/)\W*$",
    re.IGNORECASE,
)


# --- language -------------------------------------------------------------------------------------


@cache
def _stoplists() -> dict[str, frozenset[str]]:
    return {name: frozenset(justext.get_stoplist(name)) for name in sorted(justext.get_stoplists())}


# justext's stop lists whose names are not ISO 639's names (pycountry's) for their language.
_ISO_NAMES = {
    "Aromanian": "Macedo-Romanian", "Belarusian_Taraskievica": "Belarusian", "Bishnupriya_Manipuri": "Bishnupriya",
    "Greek": "Modern Greek (1453-)", "Kyrgyz": "Kirghiz", "Low_Saxon": "Low German", "Newar": "Nepal Bhasa",
    "Norwegian_Bokmal": "Norwegian Bokmål", "Occitan": "Occitan (post 1500)", "Piedmontese": "Piemontese",
    "Serbo_Croatian": "Serbo-Croatian", "Simple_English": "English", "Volapuk": "Volapük",
    "Waray_Waray": "Waray (Philippines)", "West_Frisian": "Western Frisian",
}


@cache
def _iso_code(stoplist_name: str) -> str:
    """The ISO 639-1 code of a justext stop list's language, its ISO 639-3 code where it has none. ISO names
    a language with dialects "(macrolanguage)": "Nepali (macrolanguage)", "Swahili (macrolanguage)"."""
    name = _ISO_NAMES.get(stoplist_name, stoplist_name.replace("_", " "))
    lang = pycountry.languages.get(name=name) or pycountry.languages.get(name=f"{name} (macrolanguage)")
    if lang is None:
        raise LookupError(f"no ISO 639 language is named {name!r} (justext's stop list {stoplist_name!r})")
    return getattr(lang, "alpha_2", None) or lang.alpha_3


@cache
def _stoplist_for_code(code: str) -> frozenset[str]:
    for name, words in _stoplists().items():
        if _iso_code(name) == code:
            return words
    return _stoplists()["English"]


@cache
def _stopword_languages() -> dict[str, tuple[str, ...]]:
    """word → the stop lists it is in: one pass over a text then scores every language at once."""
    index: dict[str, list[str]] = {}
    for name, words in _stoplists().items():
        for word in words:
            index.setdefault(word, []).append(name)
    return {word: tuple(names) for word, names in index.items()}


def detect_language(text: str, sample_words: int = 400) -> str:
    """ISO 639 code of the jusText stop-word list that covers most of the text; ``und`` if none does.

    Several small stop lists are padded with English function words, so another language wins over
    English only with clearly more hits (a third more): real prose in another language scores far
    higher on its own list than on the English one."""
    words = [w.group().lower() for w in islice(_WORD.finditer(text), sample_words)]
    if not words:
        return "und"
    index = _stopword_languages()
    hits = Counter(chain.from_iterable(index.get(word, ()) for word in words))
    english = hits.get("English", 0)
    best_name, best_hits = "English", english
    for name in sorted(hits):
        if hits[name] > best_hits and hits[name] > 1.33 * english:
            best_name, best_hits = name, hits[name]
    return _iso_code(best_name) if best_hits / len(words) >= 0.1 else "und"


def _prose(blocks: list[str]) -> list[str]:
    """Lines that read as sentences of running text: where a page's language shows, menus aside."""
    return [b for b in blocks if len(b.split()) >= 8 and _SENTENCE_END.search(b)]


def detect_story_language(blocks: list[str]) -> str:
    """The language of the page's prose lines; a page that is mostly menus is judged on all its lines."""
    prose = " ".join(_prose(blocks))
    return detect_language(prose if word_count(prose) >= 30 else " ".join(blocks))


# --- classification -------------------------------------------------------------------------------


class _Block(Paragraph):
    """A jusText paragraph made from one already-normalised line: jusText re-normalises its text on every
    access, which cost more than the classification itself."""

    def __init__(self, block: str, tag: str):
        super().__init__(SimpleNamespace(dom=f"html.body.{tag}", xpath=f"/html/body/{tag}"))
        self.text_nodes = [block]
        self._text = block

    @property
    def text(self) -> str:
        return self._text


def _paragraphs(blocks: list[str]) -> list[Paragraph]:
    return [
        _Block(block, "li" if _LIST_ITEM.match(block) else "h2" if _is_heading_like(block) else "p")
        for block in blocks
    ]


_STORY = ("good", "neargood")


_STEM = 5  # headline and lead words match on their first letters: "search" / "searchers", "dies" / "died"
_SUFFIX = re.compile(r"(?:'s|ing|ed|es|s)$")


def _content_stems(text: str, stoplist: frozenset[str]) -> list[str]:
    words = (w.lower().replace("’", "'") for w in _WORD.findall(text))
    return [
        _SUFFIX.sub("", w)[:_STEM] if len(w) > 4 else w
        for w in words
        if len(w) > 2 and w not in stoplist and not w.isdigit()
    ]


def agreement(line: str, lead: str, stoplist: frozenset[str]) -> tuple[int, float]:
    """(how many, what share) of the line's content words recur in the lead; (0, 0) when too few do
    for the line to be the lead's headline (under 30%, or a single word of a longer line)."""
    stems = _content_stems(line, stoplist)
    if not stems:
        return 0, 0.0
    lead_stems = set(_content_stems(lead, stoplist))
    shared = sum(s in lead_stems for s in stems)
    share = shared / len(stems)
    if share < 0.3 or (shared < 2 and len(stems) > 2):
        return 0, 0.0
    return shared, share


# A name written with a small first letter and a capital or digit inside ("iPad", "eBay", "x86").
_SMALL_CAPITAL_NAME = re.compile(r"^[a-z]+[A-Z0-9]\w*\b")


def _headline_shaped(block: str) -> bool:
    """A title line: 2-30 words, opening with a capital, digit, quote or a name like "iPad", not ending
    like a label or a list, and not a tag list."""
    words = len(block.split())
    return (
        2 <= words <= 30
        and len(block) <= 250
        and not re.search(r"[,;:|»›>→]$", block)
        and (block[0].isupper() or block[0].isdigit() or block[0] in "\"'“‘" or bool(_SMALL_CAPITAL_NAME.match(block)))
        and not _is_tag_list(block)
        and not _TRAIL.search(block)
    )


def _is_tag_list(block: str) -> bool:
    """A list of tags or sections: three or more commas or bars, and only names of one to three words
    between them ("Politics, Elections, Ohio, Polls")."""
    pieces = re.split(r"[,|]", block)
    return len(pieces) > 3 and all(len(piece.split()) <= 3 for piece in pieces)


# Breadcrumbs ("Home > Tech > ...", "News / World / ...") and teasers cut short ("... Read More").
_TRAIL = re.compile(r" [>»→›] | / .* / |\.\.\.|…")


def repeats(blocks: list[str]) -> set[int]:
    """Repeated lines: a repeated caption is furniture in every copy; any other line is kept once."""
    counts: dict[str, int] = {}
    for block in blocks:
        counts[block.casefold()] = counts.get(block.casefold(), 0) + 1
    seen: set[str] = set()
    out = set()
    for i, block in enumerate(blocks):
        key = block.casefold()
        if counts[key] > 1 and (key in seen or _CAPTION.search(block)):
            out.add(i)
        seen.add(key)
    return out


def furniture(blocks: list[str], rules: CleaningRules, cf_classes: list[str]) -> tuple[set[int], set[int]]:
    """Blocks that are never story text whatever the classifier says: (template lines and comment
    furniture, the link titles of reading lists). Repeated lines are ``repeats``."""
    template: set[int] = set()
    listed: set[int] = set()
    in_reading_list = False
    for i, block in enumerate(blocks):
        kinds = _line_kinds(rules, block)
        if kinds[0] or kinds[1]:
            template.add(i)
        elif kinds[2]:
            in_reading_list = True
            listed.add(i)
        elif in_reading_list:
            # A reading list is link titles: it ends at the first line that reads as text, not as a title.
            if cf_classes[i] in _STORY or _is_sentence_like(block) or not _headline_shaped(block.rstrip(",")):
                in_reading_list = False
            else:
                listed.add(i)
    return template, listed | _title_runs(blocks, cf_classes, template)


def _is_link_title(block: str, cf_class: str, wordy: bool) -> bool:
    return (
        (cf_class not in _STORY or (wordy and cf_class == "neargood" and _title_case(block)))
        and len(block.split()) >= 3
        and _headline_shaped(block)
        and not _is_sentence_like(block)
    )


def _title_runs(
    blocks: list[str], cf: list[str], template: set[int], wordy: bool = False, min_run: int = 4
) -> set[int]:
    """Lines in runs of ``min_run`` or more consecutive title-shaped lines, template lines between
    aside: a list of links to other stories without a heading (a story's own short lines end in full
    stops, and four titles in a row are no subheading). ``wordy`` also counts title-case lines wordy
    enough for jusText to call near-good; those runs are dropped from the story only once its stretch
    is found, since a story told in short lines can have no stronger text than its neighbours' teasers."""
    out: set[int] = set()
    run: list[int] = []
    for i, block in enumerate([*blocks, ""]):
        if i < len(blocks) and i in template:
            continue
        if i < len(blocks) and _is_link_title(block, cf[i], wordy):
            run.append(i)
            continue
        if len(run) >= min_run:
            out.update(run)
        run = []
    return out


@lru_cache(maxsize=65536)
def _cf_class(block: str, stoplist: frozenset[str]) -> str:
    # jusText's first pass judges each paragraph alone, so a line's class is memoised: a page is
    # classified several times over (story, headline, the cleaner's second pass).
    paragraphs = _paragraphs([block])
    classify_paragraphs(paragraphs, stoplist)
    return paragraphs[0].cf_class


def cf_classes(blocks: list[str], stoplist: frozenset[str]) -> list[str]:
    """jusText's context-free class per block: good, neargood, short or bad."""
    return [_cf_class(block, stoplist) for block in blocks]


@lru_cache(maxsize=65536)
def _line_kinds(rules: CleaningRules, block: str) -> tuple[bool, bool, bool, bool]:
    """(template, comment furniture, reading-list heading, comment heading): whole-line matches, memoised."""
    return (
        bool(rules.boilerplate.fullmatch(block)),
        bool(rules.comment_line.fullmatch(block)),
        bool(rules.reading_list.fullmatch(block)),
        bool(rules.comment_heading.fullmatch(block)),
    )


def classify(blocks: list[str], cf: list[str], forced: set[int]) -> list[str]:
    """The context-free classes with ``forced`` blocks bad.

    jusText's own context pass needs a 200-character paragraph near every kept one; news sites that
    print one sentence a line have none, so the context is judged by ``story_span`` and ``keep_mask``."""
    classes = []
    for i, (block, cls) in enumerate(zip(blocks, cf, strict=True)):
        if i in forced:
            cls = "bad"
        elif _LIST_ITEM.match(block) and cls == "bad":
            # A list item is terse by nature (few stop words); whether it is story or a link list
            # is told by its neighbours, as for any short line.
            cls = "short"
        classes.append(cls)
    return classes


def _best_stretch(blocks: list[str], classes: list[str], lo: int, hi: int) -> tuple[int, int, int]:
    """(score, start, end) of the maximum-sum stretch of blocks[lo:hi]."""
    best, best_span = 0, (lo, lo)
    run, start = 0, lo
    for i in range(lo, hi):
        if classes[i] in _STORY:
            run += word_count(blocks[i])
        elif not (classes[i] == "short" and _is_sentence_like(blocks[i])):
            run -= max(word_count(blocks[i]), 1)
        if run <= 0:
            run, start = 0, i + 1
        elif run > best:
            best, best_span = run, (start, i + 1)
    return best, *best_span


def story_span(
    blocks: list[str],
    classes: list[str],
    barriers: set[int],
    comment_lines: set[int],
    min_story_words: int = 40,
    near: int = 25,
) -> tuple[int, int]:
    """[start, end) of the stretch of blocks with the most story words net of boilerplate words.

    A story line (good or near-good) scores its words, a short sentence nothing, any other line minus its
    words, so the stretch bridges a subheading or a short box inside the story but not a menu or a link
    list longer than what lies beyond it. A comment thread's heading (a barrier) is never inside it.
    A long thread can hold more text than the story it comments on: when the best stretch follows a
    barrier, holds comment furniture (author and time lines, reply links) and the barrier closely follows
    ``min_story_words`` of story, that story is taken instead."""
    edges = [-1, *sorted(barriers), len(blocks)]
    stretches = [_best_stretch(blocks, classes, lo + 1, hi) for lo, hi in pairwise(edges)]
    best = max(range(len(stretches)), key=lambda k: stretches[k][0])
    while best > 0:
        _, start, end = stretches[best]
        if sum(start <= i < end for i in comment_lines) < 2:
            break
        # The nearest earlier stretch with a story in it (adjacent headings leave empty ones between).
        previous = next((k for k in range(best - 1, -1, -1) if stretches[k][0] >= min_story_words), None)
        if previous is None or edges[previous + 1] - stretches[previous][2] > near:
            break
        best = previous
    return stretches[best][1], stretches[best][2]


def _comment_lines(blocks: list[str], rules: CleaningRules) -> set[int]:
    return {i for i, block in enumerate(blocks) if _line_kinds(rules, block)[1]}


def _comment_barriers(blocks: list[str], rules: CleaningRules) -> set[int]:
    return {i for i, block in enumerate(blocks) if _line_kinds(rules, block)[3]}


def _in_context(classes: list[str], start: int, end: int) -> list[bool]:
    """Story blocks of the span, with short ones kept where story text lies on both sides (jusText's
    rule for short paragraphs: a subheading or a one-line quote between paragraphs is story)."""
    keep = [False] * len(classes)
    for i in range(start, end):
        if classes[i] in _STORY:
            keep[i] = True
        elif classes[i] == "short":
            before = next((classes[j] for j in range(i - 1, start - 1, -1) if classes[j] != "short"), "bad")
            after = next((classes[j] for j in range(i + 1, end) if classes[j] != "short"), "bad")
            keep[i] = before in _STORY and after in _STORY
    return keep


@dataclass(frozen=True)
class _Story:
    classes: list[str]  # per block: good, neargood, short or bad, furniture forced bad
    span: tuple[int, int]  # the story's stretch of blocks
    template: set[int]  # template and comment furniture
    listed: set[int]  # reading-list headings and their link titles
    forced: set[int]  # every block forced out: the above, repeats and the caller's drops


def find_story(
    blocks: list[str], stoplist: frozenset[str], rules: CleaningRules, drop: frozenset[int] = frozenset(),
    min_words: int = 20,
) -> _Story:
    """Classify the blocks and find the story's stretch. A story told only in short sentences (no line
    long enough for jusText to call it prose) would come out empty; then its short sentences count as
    story text, which is what jusText does for short paragraphs between good ones."""
    cf = cf_classes(blocks, stoplist)
    template, listed = furniture(blocks, rules, cf)
    forced = template | listed | repeats(blocks) | set(drop)
    classes = classify(blocks, cf, forced)
    barriers, comment_lines = _comment_barriers(blocks, rules), _comment_lines(blocks, rules)
    start, end = story_span(blocks, classes, barriers, comment_lines)
    if sum(word_count(blocks[i]) for i in range(start, end) if classes[i] in _STORY) < min_words:
        classes = [
            "neargood" if c == "short" and _is_sentence_like(b) and i not in forced else c
            for i, (b, c) in enumerate(zip(blocks, classes, strict=True))
        ]
        start, end = story_span(blocks, classes, barriers, comment_lines)
    return _Story(classes, (start, end), template, listed, forced)


def _end_at_a_long_gap(blocks: list[str], keep: list[bool], gap: int = 10) -> None:
    """Drop what is kept after a gap of ``gap`` or more non-story lines that follows the story's main
    part (its group of lines with the most words, groups being parted by such gaps): a story runs on,
    pausing for a caption, a subheading or a small box, while ten lines of menus, links and widgets
    part it from the sidebar's teasers and blurbs. Groups above the main part (a lead parted from the
    rest by a photo gallery) stay."""
    groups: list[list[int]] = []
    for i in (i for i, kept in enumerate(keep) if kept):
        if groups and i - groups[-1][-1] - 1 < gap:
            groups[-1].append(i)
        else:
            groups.append([i])
    if len(groups) < 2:
        return
    main = max(range(len(groups)), key=lambda g: sum(word_count(blocks[i]) for i in groups[g]))
    for group in groups[main + 1 :]:
        for i in group:
            keep[i] = False


def keep_mask(
    blocks: list[str],
    stoplist: frozenset[str],
    rules: CleaningRules,
    drop: frozenset[int] = frozenset(),
    begin: int | None = None,
) -> list[bool]:
    """Which blocks are story text. ``drop`` forces blocks out (a title or by-line found by the caller);
    ``begin`` is a line the story's stretch reaches up to at least (the first prose line under the
    headline)."""
    story = find_story(blocks, stoplist, rules, drop)
    start, end = story.span
    if begin is not None and begin < start:
        start = begin
    keep = _in_context(story.classes, start, end)
    for i in _title_runs(blocks, cf_classes(blocks, stoplist), story.template, wordy=True):
        keep[i] = False
    _end_at_a_long_gap(blocks, keep)
    # The page edge counts as boilerplate, so a story's short closing lines ("Could we see peace this
    # week?") would be lost; keep the full sentences that directly follow its last story line.
    last = next((i for i in range(end - 1, start - 1, -1) if keep[i]), None)
    if last is not None:
        j = last + 1
        while j < len(blocks) and j not in story.forced and _is_sentence_like(blocks[j]):
            keep[j] = True
            j += 1
    return keep


def _clean_once(text: str, language: str | None, rules: CleaningRules) -> str:
    blocks = split_blocks(text)
    stoplist = _stoplist_for_code(language or detect_story_language(blocks))
    keep = keep_mask(blocks, stoplist, rules)
    return join_blocks([b for b, k in zip(blocks, keep, strict=True) if k])


def clean_body(text: str, language: str | None = None, rules: CleaningRules | None = None) -> str:
    """The story text of a page: boilerplate out, paragraphs and list items kept, whitespace tidied.

    Cleaning a cleaned body changes nothing: the cleaner runs until its output is stable (a second pass
    sees different neighbours and can drop a line more; each pass only drops lines, so this ends)."""
    rules = rules or load_rules()
    body = _clean_once(text, language, rules)
    while (again := _clean_once(body, language, rules)) != body:
        body = again
    return body


# --- headline -------------------------------------------------------------------------------------

# A headline's place above the by-line weighs as much as half its words recurring in the lead.
_CREDIT_BONUS = 0.5
_NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b")
_CALENDAR_WORDS = frozenset(w.casefold() for w in (*calendar.month_name[1:], *calendar.day_name))
_CREDIT = re.compile(r"^(?:posted |written |words |reporting )?by:?\s+(.+)$", re.IGNORECASE)
_BY_NAME = re.compile(r"\b(?i:by):?\s+[A-Z]")
_AGO = re.compile(r"\b\d+\s*(?:sec|second|min|minute|hr|hour|day|week)s?\.?\s+ago\b", re.IGNORECASE)


def _is_credit_line(line: str, rules: CleaningRules) -> bool:
    """A by-line: "By Jane Smith", "by: Jane Smith", "March 5, 2024 10:30 am | By Jane Smith", "Jane Smith,
    Staff Writer"."""
    if (m := _CREDIT.match(line)) and _credited(m.group(1)):
        return True
    if rules.byline_trailers.search(line) and _name_or_none(line, rules):
        return True
    return len(line.split()) <= 20 and bool(_BY_NAME.search(line)) and bool(
        _DATE_TEXT.search(line) or _NUMERIC_DATE.search(line) or _AGO.search(line)
    )


def _credited(rest: str) -> bool:
    """What follows "By" on a by-line starts with a name ("Jane Smith October 5", "AFP", "JANE SMITH and
    …"), in a line no longer than a by-line: not a sentence that opens with "By" ("By the end of the week,
    …", "By Monday, …", "By 2030 …")."""
    words = rest.split()
    first = words[0].strip(",.:;")
    return first[:1].isupper() and first.casefold() not in _CALENDAR_WORDS and len(words) <= 20


def _credit_below(blocks: list[str], i: int, rules: CleaningRules, reach: int = 5) -> tuple[int, int | None]:
    """How line ``i`` sits above a by-line: (1, None) directly above it (one- or two-word buttons between
    at most), (2, standfirst index) with a standfirst between (see ``_is_standfirst_of``), (0, None) when
    no by-line follows. Pages print the headline above the story's credit, at times with a standfirst
    between. A line of two words or fewer is a button, not a headline."""
    words = len(blocks[i].split())
    if words <= 2:
        return 0, None
    standfirst = None
    for j in range(i + 1, min(i + 1 + reach, len(blocks))):
        if _is_credit_line(blocks[j], rules):
            return (1, None) if standfirst is None else (2, standfirst)
        n = len(blocks[j].split())
        if n > 2:
            if standfirst is not None or not _is_standfirst_of(blocks[j], blocks[i]):
                return 0, None
            standfirst = j
    return 0, None


_CRUMB = re.compile(r"\s+(?:[>»›→/]|::)\s+")


def _ends_breadcrumb(blocks: list[str], i: int, reach: int = 5) -> bool:
    """Whether a breadcrumb trail just above line ``i`` ends with it ("Home » World » <headline>"): a
    trail's last crumb names the page itself, at times cut short ("…")."""
    line = _WS.sub(" ", blocks[i].casefold())
    for above in blocks[max(0, i - reach) : i]:
        crumbs = _CRUMB.split(above)
        if len(crumbs) < 2:
            continue
        last = _WS.sub(" ", crumbs[-1].casefold()).strip()
        cut = last.removesuffix("...").removesuffix("…").strip()
        if last == line or (cut != last and len(cut.split()) >= 3 and line.startswith(cut)):
            return True
    return False


def _is_standfirst_of(line: str, headline: str) -> bool:
    """Whether ``line`` can be the standfirst under ``headline``: at least as long, and a sentence
    (capitalised only at names) unless long."""
    words = len(line.split())
    return words >= len(headline.split()) and (words >= 14 or not _title_case(line))


def _title_case(line: str) -> bool:
    """Whether most of the line's longer words are capitalised, as in a headline; a standfirst is a
    sentence, capitalised only at names."""
    long_words = [w for w in _WORD.findall(line) if len(w) > 3]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.5


def find_headline(
    blocks: list[str],
    classes: list[str],
    start: int,
    stoplist: frozenset[str],
    excluded: set[int],
    window: int = 40,
    rules: CleaningRules | None = None,
) -> int | None:
    """Index of the page's headline, or None when no line qualifies.

    Candidates are headline-shaped lines up to ``window`` lines before the story's first prose line, and
    below it, a dozen lines at most, a line directly above a by-line (the story's stretch may open with
    an author's bio or a teaser). A candidate must share content words with its lead, the first prose
    lines after it; it scores the number of shared words times the share of its words that are shared
    (up to four), less a little for distance, so the headline beats both a menu item (nothing shared)
    and a related story's title (a few words shared). A line ending in a full stop (a standfirst or
    caption, rarely a headline) is taken only when no other line qualifies.

    Pages print the headline directly above the story's by-line (or above a standfirst and then the
    by-line), and a breadcrumb trail ends with it: such a line qualifies without shared words and scores
    a bonus, and when it ranks first it is the headline (a section or site name above it may agree with
    the lead too). Otherwise a line directly above a standfirst-shaped top candidate is the headline.
    Without any agreeing line, a clean file's title-shaped first line directly above the story is its
    headline."""
    prose = [i for i in range(start, len(blocks)) if classes[i] in _STORY and len(blocks[i].split()) >= 8]
    if not prose:
        return None
    first = prose[0]
    rules = rules or load_rules()
    # The lead: the story's prose, and any sentence among its first lines (a terse lead sentence full of
    # names has too few stop words to count as prose).
    leading = sorted({*prose, *(j for j in range(first - 3, first + 3) if 0 <= j < len(blocks)
                                and j not in excluded and _is_sentence_like(blocks[j]))})
    scored: dict[bool, list[tuple[int, float, bool]]] = {True: [], False: []}
    standfirsts: set[int | None] = set()
    # The document's first line is always a candidate: clean text files open with their title.
    for i in sorted({0, *range(max(0, first - window), min(first + 12, len(blocks)))}):
        block = blocks[i]
        if i > first and _credit_below(blocks, i, rules)[0] != 1:
            continue
        sentence = bool(re.search(r"\.[\"'”’)\]]*$", block))
        if (
            i in excluded
            or not _headline_shaped(block)
            or _CAPTION.search(block)
            or _BYLINE.match(block)
            or (i >= first and sentence)
        ):
            continue
        lead = " ".join(blocks[j] for j in [j for j in leading if j > i][:6])
        shared, share = agreement(block, lead, stoplist)
        # A line directly above the by-line needs no shared word; above a standfirst, it must agree, and
        # then the standfirst is no headline.
        credit, standfirst = _credit_below(blocks, i, rules)
        credited = credit == 1 or (credit == 2 and shared > 0) or _ends_breadcrumb(blocks, i)
        if credit == 2 and shared:
            standfirsts.add(standfirst)
        if not shared and not credited:
            continue
        score = share * min(shared, 4) / 4 - 0.01 * abs(first - i) + _CREDIT_BONUS * credited
        scored[sentence].append((i, score, credited))
    candidates = [c for c in scored[False] if c[0] not in standfirsts] or [
        c for c in scored[True] if c[0] not in standfirsts
    ]
    if not candidates:
        # A clean text file: a title-shaped first line directly above the story (a date or by-line
        # between at most) is its title, even in words the lead does not repeat.
        opening = blocks[0]
        if (
            0 < first <= 3
            and all(j in excluded for j in range(1, first))
            and 0 not in excluded
            and _headline_shaped(opening)
            and not _SENTENCE_END.search(opening)
        ):
            return 0
        return None
    top, top_score, top_credited = max(candidates, key=lambda c: c[1])
    if top_credited:
        return top
    # A standfirst under the headline repeats the lead even more closely than the headline does: a
    # candidate directly above a standfirst-shaped top is the headline, and otherwise the headline is
    # the first of the close, strong candidates.
    above = top - 1
    if (
        any(i == above for i, _, _ in candidates)
        and len(blocks[above].split()) > 2
        and _is_standfirst_of(blocks[top], blocks[above])
    ):
        return above
    return min(i for i, score, _ in candidates if i == top or (top - 6 <= i < top and score >= 0.6 * top_score))


# --- metadata -------------------------------------------------------------------------------------

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_DATE_TEXT = re.compile(
    rf"\b\d{{4}}-\d{{2}}-\d{{2}}\b"
    rf"|\b{_WEEKDAY}{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
    rf"|\b{_WEEKDAY}\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}\b",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(r"^\W*(?:date|published|posted|first published|updated|last updated)\b\W*", re.I)
_TIME_REST = re.compile(
    r"(?:(?:last )?updated(?: at)?\s*)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?", re.IGNORECASE
)
_DATEPARSER_SETTINGS = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_BYLINE = re.compile(r"^(?:by|written by|words by|author:?|reporting by|posted by)\s+(.+)$", re.IGNORECASE)
_NAME = re.compile(r"^[A-Z][\w'’.\-]+(?:\s+(?:[A-Z][\w'’.\-]+|de|van|von|bin|al-\w+)){1,3}$")
_EMAIL = re.compile(r"^[\w.+-]+@((?:[\w-]+\.)+[\w-]+)$")
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?([A-Z][\w&'’.\- ]{1,60}?)\s*(?:\.|,|all rights|$)", re.I)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?))?"
    r"\s*(?:\((?P<agency>[^)]{2,30})\))?\s*,?\s*[-–—]+\s+"
)


def parse_date_text(text: str) -> date | None:
    """A calendar date written out in full (day, month and year); partial dates give None."""
    parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None


def _is_date_line(line: str) -> date | None:
    match = _DATE_TEXT.search(line)
    if not match:
        return None
    rest = (line[: match.start()] + line[match.end() :]).strip(" ,|-–—:")
    if _DATE_LABEL.match(line) or len(rest) <= 3 or _TIME_REST.fullmatch(rest):
        return parse_date_text(match.group(0))
    return None


def find_published_date(lines: list[str]) -> date | None:
    """The first header line that is a date (with a time at most), or a labelled date ("Published: …")."""
    for line in lines:
        if found := _is_date_line(line):
            return found
    return None


def _name_or_none(text: str, rules: CleaningRules) -> str | None:
    text = rules.byline_trailers.sub("", text).strip(" ,|-–—")
    text = re.split(r"\s+(?:and|&)\s+|\s*[|,]\s*", text)[0]
    return text if _NAME.match(text) and not any(ch.isdigit() for ch in text) else None


def find_author(
    header: list[str], blocks: list[str], rules: CleaningRules | None = None
) -> tuple[str | None, int | None]:
    """An author named on a by-line in the header, or a signature (a name over an e-mail address)."""
    rules = rules or load_rules()
    for i, line in enumerate(header):
        match = _BYLINE.match(line)
        if match and (name := _name_or_none(match.group(1), rules)):
            return name, i
        if rules.byline_trailers.search(line) and (name := _name_or_none(line, rules)):
            return name, i
    for i in range(len(blocks) - 1):
        if _EMAIL.match(blocks[i + 1]) and (name := _name_or_none(blocks[i], rules)):
            return name, None
    return None, None


def find_outlet(blocks: list[str], dateline_agency: str | None, rules: CleaningRules) -> str | None:
    for block in blocks:
        if match := _COPYRIGHT.search(block):
            return match.group(1).strip()
    for i in range(len(blocks) - 1):
        if (match := _EMAIL.match(blocks[i + 1])) and _name_or_none(blocks[i], rules):
            return match.group(1).lower().removeprefix("www.")
    return dateline_agency


def find_dateline(body: str) -> tuple[str | None, str | None]:
    """The place (and agency) that opens the first paragraph, as in "WASHINGTON, –" or "MOSCOW (Reuters) -"."""
    match = _DATELINE.match(body)
    if not match or len(match.group("place").replace(" ", "")) < 3:
        return None, None
    place = match.group("place").strip()
    if match.group("region"):
        place = f"{place}, {match.group('region')}"
    return place, match.group("agency")


@dataclass(frozen=True)
class ParsedArticle:
    title: str | None
    title_source: str | None  # headline_line (text) | html_meta | html_heading | html_title (HTML)
    author: str | None
    published_date: date | None
    outlet: str | None
    dateline: str | None
    body: str
    word_count: int
    language: str
    extractor: str = "text"  # text | trafilatura
    url: str | None = None


def parse_article(text: str, rules: CleaningRules | None = None) -> ParsedArticle:
    """A page flattened to text (one line per block) → its article."""
    rules = rules or load_rules()
    blocks = split_blocks(text)
    language = detect_story_language(blocks)
    stoplist = _stoplist_for_code(language)
    story = find_story(blocks, stoplist, rules)
    classes, (start, _), template, listed = story.classes, story.span, story.template, story.listed
    dates = {i for i, line in enumerate(blocks[: start + 10]) if _is_date_line(line)}

    # A repeated line is still a headline candidate (pages print the headline twice); furniture is not.
    headings = {i for i in listed if rules.reading_list.fullmatch(blocks[i])}
    headline = find_headline(blocks, classes, start, stoplist, template | headings | dates, rules=rules)
    title = blocks[headline] if headline is not None else None

    # The header runs from the top to the story's first prose line below the headline: the date and the
    # by-line sit there, and the story's stretch may start a line or two above them.
    after = start if headline is None else max(start, headline + 1)
    lead_at = next((i for i in range(after, len(blocks)) if classes[i] in _STORY and len(blocks[i].split()) >= 8),
                   after)
    header = blocks[:lead_at]
    published = find_published_date(header)
    author, byline_index = find_author(header, blocks, rules)
    drop = {i for i in dates if i < lead_at + 3}
    if byline_index is not None:
        drop.add(byline_index)
    if title is not None:
        drop |= {i for i, b in enumerate(blocks) if b.casefold() == title.casefold()}
        # The story starts below its headline: what its stretch holds above it is furniture.
        drop |= set(range(start, headline))

    # The story starts below its headline: its lead belongs to it even where a caption or a video box
    # parts it from the rest.
    begin = None
    if headline is not None and headline < start:
        # The line that opens the story under its headline may read as furniture to jusText (a lead dense
        # with names has few stop words); a sentence there that restates the headline is still the lead.
        begin = next((i for i in range(headline + 1, start)
                      if i not in drop and (classes[i] in _STORY or _is_sentence_like(blocks[i]))), None)
        if begin is not None and not agreement(blocks[headline], blocks[begin], stoplist)[0]:
            begin = None
    keep = keep_mask(blocks, stoplist, rules, frozenset(drop), begin)
    body = clean_body(join_blocks([b for b, k in zip(blocks, keep, strict=True) if k]), language, rules)
    if begin is not None and not keep[begin]:
        # jusText's classes leave out a lead dense with names (few stop words): a sentence under the
        # headline that restates it opens the story all the same.
        body = join_blocks([blocks[begin], body]) if body else blocks[begin]
    dateline, agency = find_dateline(body)
    return ParsedArticle(
        title=title,
        title_source="headline_line" if title is not None else None,
        author=author,
        published_date=published,
        outlet=find_outlet(blocks, agency, rules),
        dateline=dateline,
        body=body,
        word_count=word_count(body),
        language=language,
    )


def parse_html_article(html: str, rules: CleaningRules | None = None) -> ParsedArticle:
    """An HTML document → its article, through trafilatura (``extractor = 'trafilatura'``).

    The headline is the first title the page declares (og:title, twitter:title, <h1>, <title> parts)
    that it also shows as a line and whose words recur in the story's lead; failing that, the headline
    the text cleaner finds among the page's visible lines; failing that, trafilatura's title. A page
    where trafilatura finds no story is cleaned as flattened text."""
    rules = rules or load_rules()
    page = parse_html(html)
    flat = "\n".join(page.lines)
    blocks = split_blocks(page.text)
    text_article = None
    if word_count(page.text) < 20:
        text_article = parse_article(flat, rules)
        blocks = split_blocks(text_article.body)
    # trafilatura keeps some template lines (share bars, counters) and, on pages whose comment thread
    # is plain markup, the thread: the same whole-line rules as for flattened text take them out.
    template, _ = furniture(blocks, rules, ["good"] * len(blocks))
    barrier = next((i for i in sorted(_comment_barriers(blocks, rules)) if word_count(" ".join(blocks[:i])) >= 40),
                   len(blocks))
    blocks = [b for i, b in enumerate(blocks[:barrier]) if i not in template]
    language = detect_story_language(blocks)
    if language == "und" and page.language:
        language = page.language
    stoplist = _stoplist_for_code(language)
    lead = " ".join(b for b in blocks[:8] if len(b.split()) >= 8)

    found = visible_headline(page, lambda line: agreement(line, lead, stoplist)[0] > 0)
    if found is None:
        text_article = text_article or parse_article(flat, rules)
        if text_article.title is not None:
            found = text_article.title, "headline_line"
        elif page.title:
            found = page.title, "html_meta"
    title, title_source = found if found else (None, None)
    if title is not None:
        key = re.sub(r"[\W_]+", " ", title.casefold()).strip()
        head = [b for b in blocks[:5] if re.sub(r"[\W_]+", " ", b.casefold()).strip() != key]
        blocks = head + blocks[5:]
    body = join_blocks(blocks)
    dateline, agency = find_dateline(body)
    return ParsedArticle(
        title=title,
        title_source=title_source,
        author=page.author,
        published_date=page.published_date,
        outlet=page.site_name or agency,
        dateline=dateline,
        body=body,
        word_count=word_count(body),
        language=language,
        extractor="trafilatura",
        url=page.url,
    )


def normalise_articles(extracted: pl.DataFrame, rules: CleaningRules | None = None) -> pl.DataFrame:
    """Parse every decoded document (``source_path``, ``text``) into one article row.

    An HTML document (an ``.html``/``.htm`` file, or any file whose content is one) goes through
    trafilatura; flattened text through the cleaner above. ``extractor`` says which."""
    rules = rules or load_rules()
    rows = []
    for path, text in extracted.select("source_path", "text").iter_rows():
        is_html = PurePath(path.lower().removesuffix(".gz")).suffix in (".html", ".htm") or is_html_document(text)
        article = parse_html_article(text, rules) if is_html else parse_article(text, rules)
        rows.append({"source_path": path, **asdict(article)})
    return pl.DataFrame(rows, schema=PARSED_SCHEMA)
