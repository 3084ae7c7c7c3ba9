"""Events: code event candidates to CAMEO and resolve their dates, in the GDELT manner.

A candidate (from ``annotate``) says who did what to whom in one sentence. Here the verb is coded with
the verb table in ``data/cameo_verbs.csv``; root code, QuadClass and Goldstein value come from the
published CAMEO tables in ``data/cameo_codes.csv``. Dates are resolved against the article's
``published_date``; a date that cannot be pinned down is left empty rather than guessed.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import dateparser
import polars as pl

from wirehouse import reference
from wirehouse.model import EVENT_SCHEMA, event_id_for

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                          "sunday"])}
_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?" \
            r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_FULL_DATE = re.compile(rf"\b(?:{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+"
                        rf"{_MONTH_RE},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b", re.I)
_MONTH_DAY = re.compile(rf"\b(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d{{4}})", re.I)
_DAY_MONTH = re.compile(rf"\b(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_RE})"
                        rf"(?!,?\s*\d{{4}})", re.I)
_MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH_RE})\s+(?:of\s+)?(?P<year>\d{{4}})\b", re.I)
_YEAR = re.compile(r"^(?:in\s+|since\s+|during\s+|by\s+)?(?:the\s+year\s+)?(?P<year>1[89]\d\d|20\d\d)$", re.I)


def _month_number(text: str) -> int:
    text = text.lower().rstrip(".")
    return next(n for name, n in _MONTHS.items() if name.startswith(text[:3]))


def _not_after(day: date, published: date | None) -> date:
    """A month-and-day with no year is the latest such day not after publication."""
    if published and day > published:
        return day.replace(year=day.year - 1)
    return day


def resolve_event_date(text: str | None, published: date | None) -> tuple[date | None, str | None]:
    """(date, precision) for a date expression; precision is day, week, month or year.

    Relative expressions ("last week", "on Monday", "earlier this month") need ``published``; without it
    they give (None, None). Explicit dates ("July 23, 2020", "in 2018", "March 2018") do not.
    """
    if not text:
        return None, None
    t = re.sub(r"\s+", " ", text.strip().lower())
    if m := _FULL_DATE.search(t):
        parsed = dateparser.parse(m.group(0), languages=["en"],
                                  settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
        if parsed:
            return parsed.date(), "day"
    if m := _MONTH_YEAR.search(t):
        return date(int(m.group("year")), _month_number(m.group("month")), 1), "month"
    if m := _YEAR.match(t):
        return date(int(m.group("year")), 1, 1), "year"
    if published is None:
        return None, None
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        if m := pattern.search(t):
            try:
                day = date(published.year, _month_number(m.group("month")), int(m.group("day")))
            except ValueError:
                return None, None
            return _not_after(day, published), "day"
    if t in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return published, "day"
    if t in ("yesterday", "last night"):
        return published - timedelta(days=1), "day"
    for name, weekday in _WEEKDAYS.items():
        part_of_day = r"(?: (?:morning|afternoon|evening|night))?"
        if re.fullmatch(rf"(?:on |last |this |earlier on |on last )?{name}{part_of_day}", t):
            back = (published.weekday() - weekday) % 7
            return published - timedelta(days=back), "day"
    if re.fullmatch(r"(?:last|the previous|the past) week", t):
        monday = published - timedelta(days=published.weekday() + 7)
        return monday, "week"
    if re.fullmatch(r"(?:earlier |later )?this week", t):
        return published - timedelta(days=published.weekday()), "week"
    if re.fullmatch(r"(?:earlier |later )?this month", t):
        return published.replace(day=1), "month"
    if re.fullmatch(r"last month", t):
        first = published.replace(day=1) - timedelta(days=1)
        return first.replace(day=1), "month"
    if re.fullmatch(r"(?:earlier |later )?this year", t):
        return date(published.year, 1, 1), "year"
    if re.fullmatch(r"last year", t):
        return date(published.year - 1, 1, 1), "year"
    return None, None


def lookup_code(lemma: str, prep: str, object_lemma: str, hypothetical: bool) -> str | None:
    """The most specific verb-table row: lemma+prep+object, lemma+prep, lemma+object, lemma."""
    table = reference.cameo_verbs()
    for key in ((lemma, prep, object_lemma), (lemma, prep, ""), (lemma, "", object_lemma), (lemma, "", "")):
        if key in table:
            code, intent = table[key]
            return intent if hypothetical else code
    return None


def code_events(
    candidates: pl.DataFrame,
    mentions: pl.DataFrame,
    entities: pl.DataFrame,
    published: pl.DataFrame,
    cameo_codes: pl.DataFrame,
) -> pl.DataFrame:
    """Turn candidates into coded events.

    ``mentions``: resolved mentions (``article_id, mention_index, entity_id, mention_type``).
    ``entities``: every entity the mentions may point at (``entity_id, country_code, country_role``).
    ``published``: ``article_id, published_date``. ``cameo_codes``: the CAMEO code table (root,
    QuadClass, Goldstein). Candidates whose verb has no code for its
    preposition and object, or whose actor mention did not resolve, are not events.
    """
    mention_of = {(a, i): (e, t) for a, i, e, t in
                  mentions.select("article_id", "mention_index", "entity_id", "mention_type").iter_rows()}
    entity_of = {e: (c, r) for e, c, r in entities.select("entity_id", "country_code", "country_role").iter_rows()}
    published_of = dict(published.select("article_id", "published_date").iter_rows())
    codes = {r["cameo_code"]: r for r in cameo_codes.to_dicts()}

    def actor(article_id: str, index: int | None) -> tuple[str | None, str | None, str | None]:
        if index is None or (article_id, index) not in mention_of:
            return None, None, None
        entity_id, mention_type = mention_of[(article_id, index)]
        code, role = entity_of.get(entity_id, (None, None))
        if mention_type == "nationality":
            role = "nationality"
        return entity_id, role, code

    rows = []
    for c in candidates.to_dicts():
        code = lookup_code(c["verb"], c["prep"] or "", c["object_lemma"] or "", c["is_hypothetical"])
        a1 = actor(c["article_id"], c["actor1_mention"])
        a2 = actor(c["article_id"], c["actor2_mention"])
        if code is None or a1[0] is None or a1[0] == a2[0]:
            continue
        pub = published_of.get(c["article_id"])
        event_date, precision = resolve_event_date(c["date_text"], pub)
        if event_date is not None and pub is not None and event_date > pub:
            # A future date is a plan, not an event date; the event keeps is_hypothetical instead.
            event_date, precision = None, None
        info = codes[code]
        rows.append({
            "event_id": event_id_for(c["article_id"], c["verb_char"], a1[0], a2[0]),
            "article_id": c["article_id"],
            "sentence_index": c["sentence_index"],
            "actor1_entity_id": a1[0], "actor1_role": a1[1], "actor1_country_code": a1[2],
            "actor2_entity_id": a2[0], "actor2_role": a2[1], "actor2_country_code": a2[2],
            "action": c["verb"],
            "cameo_code": code,
            "cameo_root": info["cameo_root"],
            "quad_class": info["quad_class"],
            "goldstein": info["goldstein"],
            "event_date": event_date,
            "date_precision": precision,
            "date_text": c["date_text"],
            "is_negated": c["is_negated"],
            "is_hypothetical": c["is_hypothetical"],
            "field": c["field"],
            "evidence": c["evidence"],
            "start_char": c["start_char"],
            "end_char": c["end_char"],
        })
    return pl.DataFrame(rows, schema=EVENT_SCHEMA).unique("event_id", keep="first", maintain_order=True)
