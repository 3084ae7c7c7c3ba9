"""Resolve: entity mentions to canonical entities that hold across articles and runs.

What real news needs: titles and roles in front of names ("Russian President Vladimir Putin", "retired
Gen. Keith Kellogg"), possessives, a surname after the full name (Putin → Vladimir Putin, even when
spaCy calls the surname an ORG), transliteration variants (Yury / Yuri Ushakov, matched with rapidfuzz),
country aliases and nationalities (US, U.S., America, American → United States, via pycountry and two
small data files), and capitals or institutions standing for a country (Moscow, the Kremlin).

Entities are append-only: an ``entity_id`` is derived from the entity's type and key when it is first
created and is never renamed or split by later articles, which only add aliases to it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache

import polars as pl
import pycountry
from rapidfuzz.distance import JaroWinkler
from rapidfuzz.fuzz import token_sort_ratio

from wirehouse import reference

ENTITY_SCHEMA = {
    "entity_id": pl.String,
    "name": pl.String,
    "entity_type": pl.String,  # person | organization | country | place | group
    "country_code": pl.String,
    "country_role": pl.String,  # self | capital | institution | located_in | nationality
}
ALIAS_SCHEMA = {"entity_id": pl.String, "alias": pl.String, "alias_key": pl.String}
RESOLVED_SCHEMA = {
    "mention_id": pl.String,
    "article_id": pl.String,
    "mention_index": pl.Int32,
    "entity_id": pl.String,
    "mention_type": pl.String,
    "text": pl.String,
    "sentence_index": pl.Int32,
    "start_char": pl.Int32,
    "end_char": pl.Int32,
}

_PARTICLES = frozenset({"de", "da", "van", "von", "bin", "al", "der", "la", "le", "du", "del", "di", "ibn", "el"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def name_key(text: str) -> str:
    """Case, dots, apostrophe style and spacing do not tell two names apart."""
    text = text.translate(_APOSTROPHES).casefold().replace(".", " ")
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"\s+", " ", text).strip(" ,'\"-")
    return text.removeprefix("the ")


def entity_id_for(entity_type: str, key: str) -> str:
    return "e_" + hashlib.sha256(f"{entity_type}|{key}".encode()).hexdigest()[:16]


@cache
def _keyed() -> tuple[dict[str, str], dict[str, str], dict[str, tuple[str, str]], frozenset[str]]:
    """The reference lists keyed by :func:`name_key`, so "U.S." and "US", "Gen." and "gen" meet."""
    aliases, _ = reference.countries()
    return (
        {name_key(k): v for k, v in aliases.items()},
        {name_key(k): v for k, v in reference.demonyms().items()},
        {name_key(k): v for k, v in reference.metonyms().items()},
        frozenset(name_key(t) for t in reference.titles()),
    )


@cache
def country_code(text: str) -> str | None:
    """ISO alpha-2 for a country name, alias or nationality; None if the text names no one country."""
    key = name_key(text)
    aliases, demonyms, _, _ = _keyed()
    if key in aliases:
        return aliases[key]
    if key in demonyms:
        return demonyms[key]
    if len(key) > 3:
        return _pycountry_names().get(text.strip().casefold())
    return None


@cache
def _pycountry_names() -> dict[str, str]:
    """Country name, official name and common name → alpha-2, as pycountry's lookup matches them."""
    index: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if value := getattr(country, attr, None):
                index.setdefault(value.casefold(), country.alpha_2)
    return index


def metonym(text: str) -> tuple[str, str] | None:
    return _keyed()[2].get(name_key(text))


def is_title(text: str) -> bool:
    return name_key(text) in _keyed()[3]


def country_name(code: str) -> str:
    _, names = reference.countries()
    if code in names:
        return names[code]
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name if country else code


def _is_country_word(text: str) -> bool:
    """A listed country alias or nationality ("U.S.", "Russian"), not any country name: a person called
    Jordan keeps a first name."""
    key = name_key(text)
    aliases, demonyms, _, _ = _keyed()
    return key in aliases or key in demonyms


def _strip_titles(tokens: list[str]) -> list[str]:
    """Drop titles, roles, nationalities and country or institution names from the front of a name."""
    out = list(tokens)
    while len(out) > 1:
        pair = " ".join(out[:2])
        if len(out) > 2 and (metonym(pair) or _is_country_word(pair) or is_title(pair)):
            out = out[2:]
        elif is_title(out[0]) or metonym(out[0]) or _is_country_word(out[0]):
            out = out[1:]
        else:
            break
    return out


def clean_person(text: str) -> str | None:
    tokens = _strip_titles(text.translate(_APOSTROPHES).removesuffix("'s").split())
    if not tokens or len(tokens) > 5:
        return None
    # A "name" with ordinary lower-case words in it is a headline spaCy took for a person.
    if any(t[0].islower() and t.casefold() not in _PARTICLES for t in tokens):
        return None
    # "Witkoff Recalls Putin's Remarks": a possessive inside a long "name" is a headline.
    if len(tokens) > 2 and any(t.endswith(("'s", "’s")) for t in tokens[:-1]):
        return None
    if is_title(tokens[-1]):
        return None
    return " ".join(tokens)


def clean_organization(text: str) -> str:
    tokens = text.split()
    while len(tokens) > 1 and is_title(tokens[-1]):
        tokens = tokens[:-1]
    return " ".join(tokens)


@dataclass
class Registry:
    """Known entities and their aliases; resolution adds to it as it goes (never renames or removes)."""

    entities: dict[str, dict] = field(default_factory=dict)
    alias_index: dict[tuple[str, str], str] = field(default_factory=dict)
    surnames: dict[str, set[str]] = field(default_factory=dict)
    new_entities: list[dict] = field(default_factory=list)
    new_aliases: list[dict] = field(default_factory=list)

    @classmethod
    def from_frames(cls, entities: pl.DataFrame, aliases: pl.DataFrame) -> Registry:
        reg = cls()
        for row in entities.select(list(ENTITY_SCHEMA)).to_dicts():
            reg.entities[row["entity_id"]] = row
            if row["entity_type"] == "person":
                reg._index_person(row["entity_id"], row["name"])
        for entity_id, alias_key in aliases.select("entity_id", "alias_key").iter_rows():
            kind = reg.entities[entity_id]["entity_type"]
            reg.alias_index.setdefault((kind, alias_key), entity_id)
        return reg

    def _index_person(self, entity_id: str, name: str) -> None:
        self.surnames.setdefault(name_key(name.split()[-1]), set()).add(entity_id)

    def add_alias(self, entity_id: str, alias: str) -> None:
        """Record an alias unless it already names an entity of that type (first come keeps it)."""
        kind = self.entities[entity_id]["entity_type"]
        key = name_key(alias)
        if (kind, key) not in self.alias_index:
            self.alias_index[(kind, key)] = entity_id
            self.new_aliases.append({"entity_id": entity_id, "alias": alias, "alias_key": key})

    def create(self, entity_type: str, key: str, name: str, code: str | None = None, role: str | None = None) -> str:
        entity_id = entity_id_for(entity_type, key)
        if entity_id not in self.entities:
            row = {
                "entity_id": entity_id,
                "name": name,
                "entity_type": entity_type,
                "country_code": code,
                "country_role": role,
            }
            self.entities[entity_id] = row
            self.new_entities.append(row)
            if entity_type == "person":
                self._index_person(entity_id, name)
        return entity_id

    # --- persons -------------------------------------------------------------------------------------

    def person_full(self, name: str) -> str:
        key = name_key(name)
        if ("person", key) in self.alias_index:
            return self.alias_index[("person", key)]
        tokens = key.split()
        first, last = tokens[0], tokens[-1]
        for candidate_last, ids in self.surnames.items():
            if JaroWinkler.similarity(candidate_last, last) < 0.93:
                continue
            for entity_id in sorted(ids):
                other = name_key(self.entities[entity_id]["name"]).split()
                if len(other) == 1:
                    continue
                same_first = other[0][0] == first[0] and JaroWinkler.similarity(other[0], first) >= 0.85
                middles_agree = len(other) < 3 or len(tokens) < 3 or other[1:-1] == tokens[1:-1]
                if same_first and middles_agree:
                    return entity_id
        # A surname-only entity made earlier ("Putin") becomes this person, keeping its id and name.
        lone = [e for e in self.surnames.get(last, ()) if len(self.entities[e]["name"].split()) == 1]
        full = [e for e in self.surnames.get(last, ()) if len(self.entities[e]["name"].split()) > 1]
        if len(lone) == 1 and not full:
            return lone[0]
        return self.create("person", key, name)

    def person_single(self, name: str, article_full: dict[str, set[str]]) -> str:
        key = name_key(name)
        in_article = article_full.get(key, set())
        if len(in_article) == 1:
            return next(iter(in_article))
        if ("person", key) in self.alias_index:
            return self.alias_index[("person", key)]
        known = self.surnames.get(key, set())
        if len(known) == 1:
            return next(iter(known))
        return self.create("person", key, name)

    def is_known_surname(self, key: str) -> bool:
        return bool(self.surnames.get(key))


def _classify(text: str, label: str) -> tuple[str, str] | None:
    """(kind, cleaned name) before linking; None when the mention names nothing we keep."""
    if label == "PERSON":
        cleaned = clean_person(text)
        return ("person", cleaned) if cleaned else None
    if label in ("GPE", "NORP", "LOC", "FAC", "ORG") and country_code(text):
        return ("nationality" if label == "NORP" else "country", text)
    if label == "NORP":
        return ("group", text)
    if label == "ORG":
        return ("organization", clean_organization(text))
    return ("place", text)


def resolve_mentions(
    mentions: pl.DataFrame, entities: pl.DataFrame, aliases: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Link each mention to an entity, creating entities and aliases as needed.

    Returns ``(resolved mentions, new entities, new aliases)``. Mentions that name nothing we keep (a
    bare title, a headline taken for a name, "U.S.-Russia") are left out of the resolved frame.
    """
    reg = Registry.from_frames(entities, aliases)
    rows = mentions.sort("article_id", "mention_index").to_dicts()
    classified = [_classify(r["text"], r["label"]) for r in rows]

    # Surnames of this batch's full names, per article, so "Trump" (even tagged ORG) finds its person.
    surnames_in: dict[str, set[str]] = {}
    for r, c in zip(rows, classified, strict=True):
        if c and c[0] == "person" and len(c[1].split()) > 1:
            surnames_in.setdefault(r["article_id"], set()).add(name_key(c[1].split()[-1]))
    batch_surnames = set().union(*surnames_in.values()) if surnames_in else set()
    for i, (r, c) in enumerate(zip(rows, classified, strict=True)):
        if c is None or c[0] == "person" or " " in c[1].strip():
            continue
        key = name_key(c[1])
        if metonym(key) or c[0] not in ("organization", "place", "group"):
            continue
        # spaCy's small model often tags a bare surname as ORG ("Trump said"): a surname of a person
        # named in full in the same article is that person; across articles only ORG tags are trusted
        # less than a known surname, so "Washington" the place is not taken for a Washington elsewhere.
        if key in surnames_in.get(r["article_id"], set()) or (
            r["label"] == "ORG" and (reg.is_known_surname(key) or key in batch_surnames)
        ):
            classified[i] = ("person", c[1])
    for i, (r, c) in enumerate(zip(rows, classified, strict=True)):
        if c and "-" in c[1] and c[0] in ("organization", "place", "country"):
            parts = [p for p in c[1].split("-") if p]
            if len(parts) > 1 and all(
                country_code(p)
                or name_key(p) in surnames_in.get(r["article_id"], set())
                or reg.is_known_surname(name_key(p))
                for p in parts
            ):
                classified[i] = None  # "U.S.-Russia relations", "Trump-Putin meeting": a relation, not a name

    entity_of: dict[int, str] = {}
    # Full names first, so that surnames anywhere in the batch can attach to them.
    article_full: dict[str, dict[str, set[str]]] = {}
    for i, (r, c) in enumerate(zip(rows, classified, strict=True)):
        if c and c[0] == "person" and len(c[1].split()) > 1:
            entity_id = reg.person_full(c[1])
            entity_of[i] = entity_id
            reg.add_alias(entity_id, c[1])
            for token in (c[1].split()[-1],):
                article_full.setdefault(r["article_id"], {}).setdefault(name_key(token), set()).add(entity_id)
    for i, (r, c) in enumerate(zip(rows, classified, strict=True)):
        if c is None or i in entity_of:
            continue
        kind, name = c
        if kind == "person":
            entity_id = reg.person_single(name, article_full.get(r["article_id"], {}))
        elif kind in ("country", "nationality"):
            code = country_code(name)
            assert code is not None
            entity_id = reg.create("country", code, country_name(code), code, "self")
        elif kind == "group":
            entity_id = reg.alias_index.get(("group", name_key(name))) or reg.create("group", name_key(name), name)
        elif kind == "organization":
            entity_id = _organization(reg, name)
        else:
            entity_id = _place(reg, name, r["label"])
        entity_of[i] = entity_id
        reg.add_alias(entity_id, name)

    resolved = [
        {
            "mention_id": f"{r['article_id']}-{r['mention_index']:04d}",
            "article_id": r["article_id"],
            "mention_index": r["mention_index"],
            "entity_id": entity_of[i],
            "mention_type": classified[i][0] if classified[i] else None,
            "text": r["text"],
            "sentence_index": r["sentence_index"],
            "start_char": r["start_char"],
            "end_char": r["end_char"],
        }
        for i, r in enumerate(rows)
        if i in entity_of
    ]
    return (
        pl.DataFrame(resolved, schema=RESOLVED_SCHEMA),
        pl.DataFrame(reg.new_entities, schema=ENTITY_SCHEMA),
        pl.DataFrame(reg.new_aliases, schema=ALIAS_SCHEMA),
    )


def _organization(reg: Registry, name: str) -> str:
    key = name_key(name)
    if ("organization", key) in reg.alias_index:
        return reg.alias_index[("organization", key)]
    for (kind, alias_key), entity_id in reg.alias_index.items():
        if kind == "organization" and token_sort_ratio(alias_key, key) >= 95:
            return entity_id
    code, role = metonym(key) or (None, None)
    return reg.create("organization", key, name, code, role)


@cache
def _subdivisions() -> dict[str, str]:
    """Subdivision name → country code, built once: pycountry's own lookup scans all ~5,000 per call."""
    index: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        index.setdefault(sub.name.casefold(), sub.country_code)
    return index


def _subdivision_country(name: str) -> str | None:
    return _subdivisions().get(name.casefold())


def _place(reg: Registry, name: str, label: str) -> str:
    key = name_key(name)
    if ("place", key) in reg.alias_index:
        return reg.alias_index[("place", key)]
    code, role = metonym(key) or (None, None)
    # Subdivision names include plain words ("West" is a region of Cameroon): only trust them for
    # spaCy's geopolitical entities.
    if code is None and label == "GPE" and (found := _subdivision_country(name.strip())):
        code, role = found, "located_in"
    display = name.title() if name.isupper() and len(name) > 3 else name
    return reg.create("place", key, display, code, role)
