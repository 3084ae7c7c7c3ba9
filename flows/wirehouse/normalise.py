"""Normalise: scraped article text to title, by-line, dates, outlet, dateline and a clean body.

The body cleaner is jusText's paragraph classifier (length, stop-word density, context of neighbouring
blocks) applied to the lines of a flattened page instead of HTML paragraphs, plus what a flattened page
needs on top: page furniture the classifier cannot see (share buttons and nav lines, listed as data in
``data/boilerplate.txt``), reading lists (``data/reading_lists.txt``), repeated captions and title lines,
and a story's last short line, which jusText would drop for sitting next to the end of the page.

Metadata is only taken where the text states it: a date on a dated header line, an author on a
by-line or signature. Nothing is read from file times or guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from datetime import date
from functools import cache
from types import SimpleNamespace

import dateparser
import justext
import polars as pl
import pycountry
from justext.core import classify_paragraphs, revise_paragraph_classification
from justext.paragraph import Paragraph

from wirehouse.model import PARSED_SCHEMA
from wirehouse.reference import lines

# --- data files ---------------------------------------------------------------------------------


@cache
def _boilerplate() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in lines("boilerplate.txt")), re.IGNORECASE)


@cache
def _reading_list_heading() -> re.Pattern[str]:
    alternatives = "|".join(f"(?:{p})" for p in lines("reading_lists.txt"))
    return re.compile(rf"^(?:\[[^\]]*\]\s*)?(?:{alternatives})\s*[:.]?$", re.IGNORECASE)


@cache
def _byline_trailers() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in lines("author_roles.txt"))
    return re.compile(rf"\s+(?:{words})\b.*$", re.IGNORECASE)


# --- blocks ---------------------------------------------------------------------------------------

_WS = re.compile(r"\s+")
_BULLET = re.compile(r"^[•▪◦‣·●]\s*(?=\S)")
_LIST_ITEM = re.compile(r"^(?:- |\d{1,2}[.)] )")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")


def _clean_line(line: str) -> str:
    line = "".join(ch for ch in line if unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cs"))
    line = _WS.sub(" ", line).strip()
    return _BULLET.sub("- ", line)


def split_blocks(text: str) -> list[str]:
    """Lines of text, NFC-normalised, whitespace collapsed, control characters and blank lines gone."""
    text = unicodedata.normalize("NFC", text)
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
    r"|\s/\s*[A-Z][\w·&.\- ]*$"
    r"|^(?:photo|image|picture|file photo|caption)\b"
    r"|\b(?:getty images|ap photo|afp|epa|shutterstock|reuters/)\W*$",
    re.IGNORECASE,
)


# --- language -------------------------------------------------------------------------------------


@cache
def _stoplists() -> dict[str, frozenset[str]]:
    return {name: frozenset(justext.get_stoplist(name)) for name in sorted(justext.get_stoplists())}


@cache
def _iso_code(stoplist_name: str) -> str:
    lang = pycountry.languages.get(name=stoplist_name.replace("_", " "))
    code = getattr(lang, "alpha_2", None) or getattr(lang, "alpha_3", None)
    return code or stoplist_name.lower()


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

    English is preferred on ties, since several small stop lists share English function words."""
    words = [w.lower() for w in _WORD.findall(text)[:sample_words]]
    if not words:
        return "und"
    index = _stopword_languages()
    hits: dict[str, int] = {}
    for word in words:
        for name in index.get(word, ()):
            hits[name] = hits.get(name, 0) + 1
    best_name, best_hits = "English", hits.get("English", 0)
    for name in sorted(hits):
        if hits[name] > best_hits:
            best_name, best_hits = name, hits[name]
    return _iso_code(best_name) if best_hits / len(words) >= 0.1 else "und"


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
        _Block(block, "li" if _LIST_ITEM.match(block) else "h2" if _is_heading_like(block) else "p") for block in blocks
    ]


def context_free_classes(blocks: list[str], stoplist: frozenset[str]) -> list[str]:
    paragraphs = _paragraphs(blocks)
    classify_paragraphs(paragraphs, stoplist)
    return [p.cf_class for p in paragraphs]


def keep_mask(blocks: list[str], stoplist: frozenset[str], drop: frozenset[int] = frozenset()) -> list[bool]:
    """Which blocks are story text. ``drop`` forces blocks out (a title or by-line found by the caller).

    Forced-out blocks stay in the sequence as ``bad`` so that they still count as context for their
    neighbours, exactly as jusText treats a bad paragraph.
    """
    paragraphs = _paragraphs(blocks)
    classify_paragraphs(paragraphs, stoplist)
    forced = set(drop)
    boilerplate = _boilerplate()
    reading_list = _reading_list_heading()
    seen: dict[str, int] = {}
    counts: dict[str, int] = {}
    for block in blocks:
        counts[block.casefold()] = counts.get(block.casefold(), 0) + 1

    in_reading_list = False
    for i, (block, paragraph) in enumerate(zip(blocks, paragraphs, strict=True)):
        key = block.casefold()
        if reading_list.match(block):
            in_reading_list = True
            forced.add(i)
            continue
        if in_reading_list:
            if paragraph.cf_class == "good":
                in_reading_list = False
            else:
                forced.add(i)
                continue
        if boilerplate.search(block):
            forced.add(i)
        elif counts[key] > 1 and (key in seen or _CAPTION.search(block)):
            # A repeated caption is page furniture in every copy; any other repeated line is kept once.
            forced.add(i)
        seen.setdefault(key, i)
    for i, (block, paragraph) in enumerate(zip(blocks, paragraphs, strict=True)):
        if i in forced:
            paragraph.cf_class = "bad"
        elif _LIST_ITEM.match(block) and paragraph.cf_class == "bad":
            # A list item is terse by nature (few stop words); whether it is story or a link list
            # is told by its neighbours, as jusText does for short paragraphs.
            paragraph.cf_class = "short"
    if not any(p.cf_class == "good" for p in paragraphs):
        # jusText needs 200 characters for a paragraph to stand as good by itself, so a short story
        # told in short paragraphs would vanish whole; with no long paragraph, near-good ones lead.
        for paragraph in paragraphs:
            if paragraph.cf_class == "neargood":
                paragraph.cf_class = "good"
    revise_paragraph_classification(paragraphs)
    keep = [p.class_type == "good" for p in paragraphs]
    # jusText counts the page edge as boilerplate, so a story's short closing line ("Could we see peace
    # this week?") is lost; keep a full sentence that directly follows kept text.
    for i in range(1, len(blocks)):
        if not keep[i] and keep[i - 1] and i not in forced and _is_sentence_like(blocks[i]):
            keep[i] = True
    return keep


def clean_body(text: str, language: str | None = None) -> str:
    """The story text of a page: boilerplate out, paragraphs and list items kept, whitespace tidied."""
    blocks = split_blocks(text)
    stoplist = _stoplist_for_code(language or detect_language(text))
    keep = keep_mask(blocks, stoplist)
    return join_blocks([b for b, k in zip(blocks, keep, strict=True) if k])


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
_DATEPARSER_SETTINGS = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_BYLINE = re.compile(r"^(?:by|written by|words by|author:?|reporting by)\s+(.+)$", re.IGNORECASE)
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


def find_published_date(lines: list[str]) -> date | None:
    """The first header line that is a date, or a labelled date ("Published: …", "date 2025-01-22")."""
    for line in lines:
        match = _DATE_TEXT.search(line)
        if not match:
            continue
        rest = (line[: match.start()] + line[match.end() :]).strip(" ,|-–—:")
        if _DATE_LABEL.match(line) or len(rest) <= 3:
            found = parse_date_text(match.group(0))
            if found:
                return found
    return None


def _name_or_none(text: str) -> str | None:
    text = _byline_trailers().sub("", text).strip(" ,|-–—")
    text = re.split(r"\s+(?:and|&)\s+|\s*[|,]\s*", text)[0]
    return text if _NAME.match(text) and not any(ch.isdigit() for ch in text) else None


def find_author(header: list[str], blocks: list[str]) -> tuple[str | None, int | None]:
    """An author named on a by-line in the header, or a signature (a name over an e-mail address)."""
    for i, line in enumerate(header):
        match = _BYLINE.match(line)
        if match and (name := _name_or_none(match.group(1))):
            return name, i
        if _byline_trailers().search(line) and (name := _name_or_none(line)):
            return name, i
    for i in range(len(blocks) - 1):
        if _EMAIL.match(blocks[i + 1]) and (name := _name_or_none(blocks[i])):
            return name, None
    return None, None


def find_outlet(blocks: list[str], dateline_agency: str | None) -> str | None:
    for block in blocks:
        if match := _COPYRIGHT.search(block):
            return match.group(1).strip()
    for i in range(len(blocks) - 1):
        if (match := _EMAIL.match(blocks[i + 1])) and _name_or_none(blocks[i]):
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


def _first_sentence(body: str, max_words: int = 25) -> str:
    first = re.split(r"(?<=[.!?])\s+", body.split("\n", 1)[0], maxsplit=1)[0]
    words = first.split()
    return " ".join(words[:max_words]) + (" …" if len(words) > max_words else "")


@dataclass(frozen=True)
class ParsedArticle:
    title: str | None
    title_source: str | None  # repeated | header | first_sentence
    author: str | None
    published_date: date | None
    outlet: str | None
    dateline: str | None
    body: str
    word_count: int
    language: str


def parse_article(text: str) -> ParsedArticle:
    blocks = split_blocks(text)
    language = detect_language(text)
    stoplist = _stoplist_for_code(language)
    classes = context_free_classes(blocks, stoplist)
    # The header runs up to the first paragraph of story text: a good block, or a long near-good one
    # (a lead paragraph heavy with names has few stop words).
    first_story = next(
        (i for i, c in enumerate(classes) if c == "good" or (c == "neargood" and len(blocks[i]) >= 150)),
        len(blocks),
    )
    header = blocks[:first_story]
    boilerplate = _boilerplate()

    published = find_published_date(header)
    author, byline_index = find_author(header, blocks)
    drop = {byline_index} if byline_index is not None else set()
    drop |= {i for i, line in enumerate(header) if _DATE_TEXT.search(line) and find_published_date([line])}

    counts: dict[str, int] = {}
    for block in blocks:
        counts[block.casefold()] = counts.get(block.casefold(), 0) + 1
    candidates = [
        (i, b)
        for i, b in enumerate(header)
        if i not in drop
        and not boilerplate.search(b)
        and 3 <= len(b.split()) <= 40
        and len(b) <= 300
        and not _CAPTION.search(b)
        and not _DATELINE.match(b)
    ]
    repeated = [(i, b) for i, b in candidates if counts[b.casefold()] > 1 and _is_heading_like(b)]
    title, title_source = None, None
    if repeated:
        title, title_source = repeated[0][1], "repeated"
    elif candidates:
        title, title_source = candidates[0][1], "header"
    if title is not None:
        drop |= {i for i, b in enumerate(blocks) if b.casefold() == title.casefold()}

    keep = keep_mask(blocks, stoplist, frozenset(drop))
    kept = [b for b, k in zip(blocks, keep, strict=True) if k]
    body = join_blocks(kept)
    dateline, agency = find_dateline(body)
    if title is None and body:
        lead = _DATELINE.sub("", body, count=1)
        title, title_source = _first_sentence(lead), "first_sentence"
    return ParsedArticle(
        title=title,
        title_source=title_source,
        author=author,
        published_date=published,
        outlet=find_outlet(blocks, agency),
        dateline=dateline,
        body=body,
        word_count=word_count(body),
        language=language,
    )


def normalise_articles(extracted: pl.DataFrame) -> pl.DataFrame:
    """Parse every decoded document (``source_path``, ``text``) into one article row."""
    rows = [
        {"source_path": path, **asdict(parse_article(text))}
        for path, text in extracted.select("source_path", "text").iter_rows()
    ]
    return pl.DataFrame(rows, schema=PARSED_SCHEMA)
