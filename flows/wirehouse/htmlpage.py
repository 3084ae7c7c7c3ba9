"""HTML pages: the story and the metadata the page carries, through trafilatura.

trafilatura (a maintained extractor built for this) gives the story text and what the page's markup
states: title, author, date, site name, canonical URL, language. Besides, the page is flattened to its
visible lines (one per block element), so that the headline is taken from the page as it shows it: the
first of the page's declared titles (``og:title``, ``twitter:title``, ``<h1>``, the ``<title>`` and its
parts) that is a visible line and agrees with the story's lead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import trafilatura
from lxml import etree
from lxml import html as lxml_html

# The WHATWG MIME sniffing patterns for text/html: a document that opens (after white space, a BOM, an
# XML declaration or comments) with one of these tags followed by a space or ">".
_SNIFF = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p)[\s>]",
    re.IGNORECASE | re.DOTALL,
)

# Elements that start and end a line when a page is flattened (HTML's block and table elements).
_BLOCK_TAGS = frozenset(
    (
        "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "ul", "option", "button", "label", "legend", "select", "textarea",
    )
)
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object", "embed")
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|\-–—:·•»]|::)\s+")


def is_html_document(text: str) -> bool:
    """Whether the text is an HTML document (by its opening, as browsers sniff it), whatever its file name."""
    return bool(_SNIFF.match(text[:4096].lstrip("\ufeff")))


@dataclass(frozen=True)
class HtmlPage:
    """What an HTML document yields before the headline is chosen."""

    text: str  # the story as trafilatura extracts it, one paragraph a line
    title: str | None  # trafilatura's title (og:title, else the <title> or the first <h1>)
    title_candidates: tuple[tuple[str, str], ...]  # (title, where it was declared), in order of preference
    lines: tuple[str, ...]  # the page's visible lines
    author: str | None
    published_date: date | None
    site_name: str | None
    url: str | None
    language: str | None


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def _visible_lines(tree: lxml_html.HtmlElement) -> list[str]:
    """The page's text, one line per block element, invisible elements dropped."""
    for element in list(tree.iter(*_INVISIBLE_TAGS, etree.Comment, etree.ProcessingInstruction)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    text = tree.text_content()
    return [line for line in (re.sub(r"\s+", " ", raw).strip() for raw in text.split("\n")) if line]


def _declared_titles(tree: lxml_html.HtmlElement) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for prop, source in (("og:title", "html_meta"), ("twitter:title", "html_meta")):
        for content in tree.xpath(f"//meta[@property='{prop}' or @name='{prop}']/@content"):
            found.append((content, source))
    found += [(h.text_content(), "html_heading") for h in tree.xpath("//h1")]
    for title in tree.xpath("//title"):
        text = title.text_content()
        found.append((text, "html_title"))
        found += [(part, "html_title") for part in _TITLE_SEPARATORS.split(text)]
    cleaned = [(re.sub(r"\s+", " ", text).strip(), source) for text, source in found]
    return [(text, source) for text, source in cleaned if text]


def parse_html(html: str) -> HtmlPage:
    """Run trafilatura over an HTML document and read the titles the page declares."""
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        favor_recall=True,
        include_comments=False,
        # Tables on news pages are sidebars, scoreboards and data grids: no sentences for the NLP stage,
        # and on the dev set leaving them out costs no story text (body P 0.944 -> 0.949, R unchanged).
        include_tables=False,
        deduplicate=False,
    )
    try:
        tree = lxml_html.document_fromstring(html.encode("utf-8", "surrogatepass"))
    except (etree.ParserError, ValueError):
        tree = None
    published = None
    if doc is not None and doc.date:
        try:
            published = date.fromisoformat(doc.date[:10])
        except ValueError:
            published = None
    candidates = tuple(_declared_titles(tree)) if tree is not None else ()
    lines = tuple(_visible_lines(tree)) if tree is not None else ()  # changes the tree: after the titles
    language = None
    if doc is not None and doc.language:
        language = doc.language
    elif tree is not None and (lang := tree.get("lang")):
        language = lang
    return HtmlPage(
        text=(doc.text or "") if doc is not None else "",
        title=doc.title if doc is not None else None,
        title_candidates=candidates,
        lines=lines,
        author=doc.author if doc is not None else None,
        published_date=published,
        site_name=(doc.sitename or doc.hostname) if doc is not None else None,
        url=doc.url if doc is not None else None,
        language=language.split("-")[0].split("_")[0].lower() if language else None,
    )


def visible_headline(page: HtmlPage, agrees: Callable[[str], bool]) -> tuple[str, str] | None:
    """The first declared title that the page shows as one of its lines and that either ``agrees`` with
    the story or is declared twice over (og:title and <h1>, <h1> and <title>: a section or site name is
    declared once), as (title as shown, where it was first declared)."""
    shown: dict[str, str] = {}
    for line in page.lines:
        shown.setdefault(_norm(line), line)
    declared: dict[str, set[str]] = {}
    for text, source in page.title_candidates:
        declared.setdefault(_norm(text), set()).add(source)
    for text, source in page.title_candidates:
        key = _norm(text)
        line = shown.get(key)
        if line is not None and (len(declared[key]) > 1 or agrees(line)):
            return line, source
    return None
