"""PETRARCH2 / TABARI coding dictionaries: parsers for the actor, agent, discard and verb files.

The formats are those of the Open Event Data Alliance's PETRARCH2 (MIT), described in the headers of its
dictionary files: phrases join words with `_` (consecutive) or a space, `+` lines add synonyms to the
entry above, tab-indented `[CODE restriction]` lines give codes with date restrictions (`<YYMMDD`,
`>YYMMDD`, `YYMMDD-YYMMDD`, undated = default), `#` (and the older `;`) start comments, lines opening
with `<!` are comments. Loaders return plain objects the caller passes into the transforms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path

from wirehouse import compiled

DEFAULT_DIR = Path(__file__).parent / "data" / "petrarch2"
DEFAULT_ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
DEFAULT_AGENT_FILES = ("Phoenix.agents.txt",)
DEFAULT_DISCARD_FILES = ("Phoenix.discards.txt",)
DEFAULT_VERB_FILES = ("CAMEO.2.0.txt",)
# The project's own verb and agent files, in the same formats, for what CAMEO.2.0.txt and Phoenix.agents.txt
# lack (each says its source).
# patterns.verbs.txt adds patterns to CAMEO.2.0.txt's blocks, so it is read after it.
PROJECT_VERB_FILES = tuple(Path(__file__).parent / "data" / n for n in ("appeals.verbs.txt", "patterns.verbs.txt"))
PROJECT_AGENT_FILES = (Path(__file__).parent / "data" / "local.agents.txt",)
# Verbs CAMEO.2.0.txt codes otherwise than the CAMEO codebook defines them: a verb this file has is read from it
# only, as a user file's verb is (``VerbDictionary.merged``).
CODEBOOK_VERB_FILE = Path(__file__).parent / "data" / "codebook.verbs.txt"


def default_actor_paths() -> list[Path]:
    """The shipped Phoenix actor dictionaries (load them with `load_actors(paths, strict=False)`)."""
    return [DEFAULT_DIR / name for name in DEFAULT_ACTOR_FILES]


def default_agent_paths() -> list[Path]:
    return [*(DEFAULT_DIR / name for name in DEFAULT_AGENT_FILES), *PROJECT_AGENT_FILES]


class DictionaryError(ValueError):
    """A dictionary line that cannot be read; the message names the file and line."""

    def __init__(self, path: Path | str, line_no: int, message: str, line: str = "") -> None:
        self.path, self.line_no = str(path), line_no
        shown = f": {line.strip()!r}" if line.strip() else ""
        super().__init__(f"{path}, line {line_no}: {message}{shown}")


# ------------------------------------------------------------------ shared text handling

_POSSESSIVE = re.compile(r"['’]s\b")
_DROP = re.compile(r"[.'’`]")
_SPACE = re.compile(r"[\W_]+")


def normalise_phrase(text: str) -> str:
    """Case-, space- and punctuation-insensitive key: "U.S. President G.W. Bush's" -> "us president gw bush".

    A possessive 's goes, periods and apostrophes vanish (so "U.S." equals "US"), every other
    non-alphanumeric run is one space.
    """
    text = _DROP.sub("", _POSSESSIVE.sub("", text.casefold().replace("_", " ")))
    return _SPACE.sub(" ", text).strip()


def _display_name(phrase: str) -> str:
    words = phrase.replace("_", " ").split()
    return " ".join(w if any(c.isdigit() for c in w) else w.capitalize() if w.isupper() else w for w in words)


@dataclass(frozen=True)
class _Line:
    path: Path
    no: int
    text: str  # comment stripped, right-stripped; leading whitespace kept (it marks code lines)
    comment: str = ""  # what followed the comment mark


def _strip_comment(raw: str) -> str:
    """The line without its comment: `#` (or the older `;`) outside a `[code]`, which may hold `###`."""
    depth = 0
    for i, char in enumerate(raw):
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
        elif char in "#;" and depth == 0:
            return raw[:i].rstrip()
    return raw.rstrip()


def _lines(path: Path) -> Iterator[_Line]:
    """Lines of a dictionary file without comments, blanks, or what follows `---STOP---`."""
    text = path.read_text(encoding="utf-8", errors="replace")
    for no, raw in enumerate(text.splitlines(), start=1):
        if "---STOP---" in raw:
            return
        if raw.lstrip().startswith("<!"):
            continue
        line = _strip_comment(raw)
        if line.strip():
            yield _Line(path, no, line, raw[len(line):].strip().lstrip("#;").strip())


# ------------------------------------------------------------------ actors


@dataclass(frozen=True)
class CodeRange:
    """A code valid from `start` to `end` inclusive; None on either side means open."""

    code: str
    start: date | None = None
    end: date | None = None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class ActorEntry:
    """One actor: its canonical name, every alias, and its codes (a default and date-restricted ones)."""

    name: str
    aliases: tuple[str, ...]
    default_code: str | None
    dated: tuple[CodeRange, ...]
    source: str  # "file:line" of the primary phrase

    def code_on(self, day: date | None) -> str | None:
        """The actor's code on `day` (first date restriction that covers it, else the default code).

        Without a day, the code of the present: an open-ended `>date` restriction, else the default code,
        else the latest restriction.
        """
        if day is not None:
            for rng in self.dated:
                if rng.covers(day):
                    return rng.code
            return self.default_code
        current = [r for r in self.dated if r.end is None and r.start is not None]
        if current:
            return max(current, key=lambda r: r.start or date.min).code
        if self.default_code is not None or not self.dated:
            return self.default_code
        return max(self.dated, key=lambda r: (r.end or date.max, r.start or date.min)).code

    @property
    def codes(self) -> tuple[str, ...]:
        """Every code the actor ever has, default first, without repeats."""
        seen = dict.fromkeys(([self.default_code] if self.default_code else []) + [r.code for r in self.dated])
        return tuple(seen)


@dataclass(frozen=True)
class _Alias:
    words: tuple[str, ...]
    exact_end: bool  # a trailing `_`: the name must end on this word (no stem match)


@dataclass
class ActorDictionary:
    """Actors by normalised alias; `match` looks up a name, `find` scans a token sequence."""

    entries: list[ActorEntry] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "file:line: reason" of code lines left out
    _by_key: dict[str, int] = field(default_factory=dict)  # the alias that wins: the first, or the last override
    # for each first word, the word counts of the aliases it starts, longest first
    _lengths: dict[str, list[int]] = field(default_factory=dict)
    _stems: dict[str, list[tuple[_Alias, int]]] = field(default_factory=dict)

    def _add(self, entry: ActorEntry, aliases: list[_Alias], override: bool) -> None:
        index = len(self.entries)
        self.entries.append(entry)
        for alias in aliases:
            if not alias.words:
                continue
            key = " ".join(alias.words)
            if key in self._by_key and not override:
                continue
            self._by_key[key] = index
            lengths = self._lengths.setdefault(alias.words[0], [])
            if len(alias.words) not in lengths:
                lengths.append(len(alias.words))
                lengths.sort(reverse=True)
            if not alias.exact_end:
                self._stems.setdefault(key, []).append((alias, index))

    def __len__(self) -> int:
        return len(self.entries)

    def match(self, name: str) -> ActorEntry | None:
        """The actor whose alias equals `name` (ignoring case, spacing, punctuation and a leading "the").

        A stem alias (no trailing `_`, e.g. ARGENTIN) also matches its word with up to three more letters.
        """
        key = normalise_phrase(name)
        if key.startswith("the "):
            key = key[4:]
        if not key:
            return None
        if key in self._by_key:
            return self.entries[self._by_key[key]]
        words = key.split()
        last = words[-1]
        for cut in range(1, min(3, len(last) - 3) + 1):
            stem = " ".join([*words[:-1], last[:-cut]])
            if stem in self._stems:
                return self.entries[self._stems[stem][0][1]]
        return None

    def find(self, words: list[str]) -> list[tuple[int, int, ActorEntry]]:
        """Non-overlapping longest actor phrases in `words` (already normalised tokens): (start, end, entry)."""
        found: list[tuple[int, int, ActorEntry]] = []
        i = 0
        while i < len(words):
            best: tuple[int, int] | None = None
            for n in self._lengths.get(words[i], ()):
                index = self._by_key.get(" ".join(words[i : i + n])) if i + n <= len(words) else None
                if index is not None:
                    best = (n, index)
                    break
            if best is None:
                for alias, index in self._stem_candidates(words[i]):
                    n = len(alias.words)
                    if n == 1 and (best is None or best[0] < 1):
                        best = (1, index)
            if best is None:
                i += 1
                continue
            found.append((i, i + best[0], self.entries[best[1]]))
            i += best[0]
        return found

    def _stem_candidates(self, word: str) -> Iterable[tuple[_Alias, int]]:
        for cut in range(1, min(3, len(word) - 3) + 1):
            yield from self._stems.get(word[:-cut], ())

    def merged(self, other: ActorDictionary) -> ActorDictionary:
        """This dictionary with `other`'s entries added; `other` wins where both know an alias."""
        result = ActorDictionary(skipped=[*self.skipped, *other.skipped])
        for source, override in ((self, False), (other, True)):
            for entry in source.entries:
                result._add(entry, [_alias(a) for a in entry.aliases], override)
        return result


def _alias(phrase: str) -> _Alias:
    return _Alias(tuple(normalise_phrase(phrase).split()), phrase.rstrip().endswith("_"))


def parse_yymmdd(text: str) -> date:
    """PETRARCH dates: YYYYMMDD, or YYMMDD with YY <= 30 read as 20YY (as KEDS and TABARI do)."""
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (6, 8):
        raise ValueError(f"not a YYMMDD or YYYYMMDD date: {text!r}")
    if len(digits) == 8:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    yy = int(digits[:2])
    return date(yy + (2000 if yy <= 30 else 1900), int(digits[2:4]), int(digits[4:6]))


_CODE = re.compile(r"\[\s*([^\]\s]+)\s*([^\]]*)\]")


def _code_range(line: _Line, code: str, restriction: str) -> CodeRange | None:
    """A dated code, or None for a default code.

    Raises DictionaryError when the restriction is not `<date`, `>date` or `date-date`, and ValueError
    when it is but a date is impossible (the shipped files have a few typos, such as a 7-digit date).
    """
    rest = restriction.strip()
    if not rest:
        return None
    if rest[0] in "<>":
        day = parse_yymmdd(rest[1:])
        return CodeRange(code, end=day) if rest[0] == "<" else CodeRange(code, start=day)
    first, dash, second = rest.partition("-")
    if dash:
        rng = CodeRange(code, parse_yymmdd(first), parse_yymmdd(second))
        if rng.end < rng.start:  # type: ignore[operator]
            raise ValueError("interval ends before it starts")
        return rng
    raise DictionaryError(line.path, line.no, "date restriction must be <date, >date or date-date", line.text)


@dataclass
class _PendingActor:
    line: _Line
    phrases: list[str]
    default_code: str | None
    dated: list[CodeRange]


def _restriction(path: Path, line: _Line, found: re.Match, skipped: list[str] | None) -> tuple[bool, CodeRange | None]:
    """(read, its dated range) of a ``[code restriction]``: (True, None) for an undated code; (False, None) for a
    restriction that cannot be read, listed in `skipped` (or, without it, an error naming file and line)."""
    try:
        return True, _code_range(line, found.group(1), found.group(2))
    except ValueError as error:
        if skipped is None:
            raise DictionaryError(path, line.no, str(error), line.text) from None
        skipped.append(f"{path.name}:{line.no}: {error}: {line.text.strip()}")
        return False, None


def _no_dash(code: str) -> str | None:
    """PETRARCH's "[---]" is no code: outside its dated ranges such an actor codes as nothing."""
    return None if code == "---" else code


def _actor_records(path: Path, skipped: list[str] | None) -> Iterator[_PendingActor]:
    current: _PendingActor | None = None
    for line in _lines(path):
        text = line.text
        stripped = text.strip()
        if text[0].isspace() and stripped.startswith("["):
            if current is None:
                raise DictionaryError(path, line.no, "code line before any actor", text)
            match = _CODE.match(stripped)
            if match is None:
                raise DictionaryError(path, line.no, "unclosed [code]", text)
            read, rng = _restriction(path, line, match, skipped)
            if read and rng is None:
                current.default_code = _no_dash(match.group(1))
            elif rng is not None:
                current.dated.append(rng)
            continue
        if stripped.startswith("+"):
            if current is None:
                raise DictionaryError(path, line.no, "synonym (+) before any actor", text)
            phrase = stripped[1:].split("[", 1)[0].strip()
            if phrase:
                current.phrases.append(phrase)
            continue
        if current is not None:
            yield current
        phrase, bracket, rest = stripped.partition("[")
        code = None
        dated: list[CodeRange] = []
        if bracket:
            match = _CODE.match("[" + rest)
            if match is None:
                raise DictionaryError(path, line.no, "unclosed [code]", text)
            # the head line's codes may be dated as a code line's are ("SERBIA_AND_MONTENEGRO [SCG
            # 920428-060605]", "ABBEY_NATIONAL_ [MNCGBR <040726][MNCESP]"): read every bracket before a comment
            for found in _CODE.finditer("[" + rest.split("#", 1)[0]):
                read, rng = _restriction(path, line, found, skipped)
                if read and rng is None:
                    code = code or _no_dash(found.group(1))
                elif rng is not None:
                    dated.append(rng)
        if not phrase.strip():
            raise DictionaryError(path, line.no, "code without an actor phrase", text)
        current = _PendingActor(line, [phrase.strip()], code, dated)
    if current is not None:
        yield current


def load_actors(paths: Iterable[Path], strict: bool = True) -> ActorDictionary:
    """Read PETRARCH `.actors.txt` files; an alias defined twice keeps its first entry.

    Raises DictionaryError (file and line) on a line that cannot be read. With `strict=False` (for the
    shipped files, which have a few typos such as 7-digit dates) a code line with an impossible date is
    left out, as PETRARCH does, and listed in `skipped`.
    """
    result = ActorDictionary()
    for path in paths:
        for record in _actor_records(Path(path), None if strict else result.skipped):
            entry = ActorEntry(
                name=_display_name(record.phrases[0]),
                aliases=tuple(p.replace("_", " ").strip() for p in record.phrases),
                default_code=record.default_code,
                dated=tuple(record.dated),
                source=f"{record.line.path.name}:{record.line.no}",
            )
            result._add(entry, [_alias(p) for p in record.phrases], override=False)
    return result


# ------------------------------------------------------------------ agents


@dataclass(frozen=True)
class AgentEntry:
    """An agent noun ("police", "foreign minister") and its CAMEO role code.

    `code` is the role ("COP", "GOVFRM"); `before` is True for codes written `NGO~`, which precede the
    country code instead of following it.
    """

    phrase: str
    code: str
    before: bool = False

    def combine(self, country: str | None) -> str:
        """The actor code GDELT-style: country + role ("RUS" + "GOV"), or the role alone without a country."""
        if not country:
            return self.code
        return self.code + country if self.before else country + self.code


@dataclass
class AgentDictionary:
    """Agent nouns by normalised phrase (singular and plural forms)."""

    skipped: list[str] = field(default_factory=list)  # "file:line: reason" of lines left out
    _by_key: dict[str, AgentEntry] = field(default_factory=dict)
    _max_words: int = 1

    def _add(self, phrase: str, entry: AgentEntry, override: bool) -> None:
        key = normalise_phrase(phrase)
        if key and (override or key not in self._by_key):
            self._by_key[key] = entry
            self._max_words = max(self._max_words, len(key.split()))

    def __len__(self) -> int:
        return len(self._by_key)

    def match(self, phrase: str) -> AgentEntry | None:
        return self._by_key.get(normalise_phrase(phrase))

    def entries(self) -> frozenset[AgentEntry]:
        """Every agent entry (one per phrase, whatever its forms)."""
        return frozenset(self._by_key.values())

    @property
    def codes(self) -> frozenset[str]:
        """Every agent code, so a code that is an agent alone ("GOV": no country) can be told apart."""
        return frozenset(e.code for e in self._by_key.values())

    def find(self, words: list[str]) -> list[tuple[int, int, AgentEntry]]:
        """Non-overlapping longest agent phrases in normalised tokens: (start, end, entry)."""
        found: list[tuple[int, int, AgentEntry]] = []
        i = 0
        while i < len(words):
            for n in range(min(self._max_words, len(words) - i), 0, -1):
                entry = self._by_key.get(" ".join(words[i : i + n]))
                if entry is not None:
                    found.append((i, i + n, entry))
                    i += n
                    break
            else:
                i += 1
        return found

    def merged(self, other: AgentDictionary) -> AgentDictionary:
        result = AgentDictionary(skipped=[*self.skipped, *other.skipped])
        for source, override in ((self, False), (other, True)):
            for key, entry in source._by_key.items():
                result._add(key, entry, override)
        return result


_MARKER_DEF = re.compile(r"^\s*!(\w+)!\s*=\s*(.+)$")
_MARKER = re.compile(r"!(\w+)!")


def _plural(phrase: str) -> str:
    if phrase.endswith("Y") and not phrase.endswith(("AY", "EY", "OY", "UY")):
        return phrase[:-1] + "IES"
    if phrase.endswith(("S", "SH", "CH", "X")):
        return phrase + "ES"
    return phrase + "S"


def load_agents(paths: Iterable[Path], strict: bool = True) -> AgentDictionary:
    """Read PETRARCH `.agents.txt` files: `PHRASE {PLURAL} [~CODE]`, `!MARKER! = A, B` substitution sets.

    Regular plurals are generated; `{}` means the phrase has none. Raises DictionaryError on an unreadable
    line; with `strict=False` the line is left out and listed in `skipped` (the shipped file has a typo).
    """
    result = AgentDictionary()
    for path in paths:
        markers: dict[str, list[str]] = {}
        for line in _lines(Path(path)):
            definition = _MARKER_DEF.match(line.text)
            if definition:
                markers[definition.group(1)] = [w.strip() for w in definition.group(2).split(",") if w.strip()]
                continue
            phrase, bracket, rest = line.text.strip().partition("[")
            code = rest.partition("]")[0].strip()
            if not bracket or "]" not in rest or "~" not in code:
                if strict:
                    raise DictionaryError(line.path, line.no, "agent needs a [~CODE] or [CODE~]", line.text)
                result.skipped.append(f"{line.path.name}:{line.no}: agent needs a [~CODE]: {line.text.strip()}")
                continue
            entry_code, before = (code[1:], False) if code.startswith("~") else (code.rstrip("~"), True)
            plural: str | None = None
            if "{" in phrase:
                if "}" not in phrase:
                    raise DictionaryError(line.path, line.no, "missing '}'", line.text)
                phrase, _, tail = phrase.partition("{")
                plural = tail.partition("}")[0].strip()
            phrase = phrase.strip()
            marker = _MARKER.search(phrase)
            if marker:
                if marker.group(1) not in markers:
                    raise DictionaryError(line.path, line.no, f"undefined marker !{marker.group(1)}!", line.text)
                forms = [phrase[: marker.start()] + sub + phrase[marker.end() :] for sub in markers[marker.group(1)]]
            else:
                forms = [phrase, _plural(phrase) if plural is None else plural]
            entry = AgentEntry(_display_name(forms[0]), entry_code, before)
            for form in forms:
                if form:
                    result._add(form, entry, override=False)
    return result


# ------------------------------------------------------------------ discards


@dataclass(frozen=True)
class Discards:
    """Phrases that mark a sentence (or, with `+`, a whole story) as not codable: sports, entertainment."""

    sentence: frozenset[str]
    story: frozenset[str]

    def __post_init__(self) -> None:
        # For each first word, the word counts of the phrases that start with it: a sentence is checked
        # only for phrases that start at one of its words (the Phoenix lists hold ~2,000 phrases).
        lengths: dict[str, set[int]] = {}
        for phrase in self.sentence | self.story:
            words = phrase.split()
            if words:
                lengths.setdefault(words[0], set()).add(len(words))
        object.__setattr__(self, "_starts", {w: sorted(n) for w, n in lengths.items()})
        # every phrase of just a verb and its object ("BREAK RECORD", "SCORED A GOAL"), as (verb, object):
        # other words name more than a verb and its object ("STORM WARNING CENTER", "TOUR DE FRANCE")
        object.__setattr__(self, "_ends", {(p.split()[0], p.split()[-1]) for p in self.sentence | self.story
                                           if len(p.split()) > 1 and set(p.split()[1:-1]) <= {"a", "an", "the"}})

    def verb_object(self, verb_forms: Iterable[str], object_head: str) -> bool:
        """Whether a verb (any of its forms: as written, its lemma) and the head of its direct object are a
        discard phrase's first and last words: the list writes "BREAK RECORD" as a verb and its object, and
        English puts words between them and inflects the verb ("broke Ford's all-time scoring record")."""
        heads = {object_head, singular(object_head)}
        return any((form, head) in self._ends for form in verb_forms for head in heads)

    def merged(self, other: Discards) -> Discards:
        return Discards(self.sentence | other.sentence, self.story | other.story)

    def hit(self, text: str) -> str | None:
        """The first discard phrase found in `text` as whole words, or None."""
        return next(self.found(text), None)

    def found(self, text: str) -> Iterator[str]:
        """Every discard phrase found in `text` as whole words, in the order they occur."""
        words = normalise_phrase(text).split()
        starts = self._starts
        for i, word in enumerate(words):
            for n in starts.get(word, ()):
                phrase = " ".join(words[i : i + n])
                if phrase in self.story or phrase in self.sentence:
                    yield phrase


def load_discards(paths: Iterable[Path], strict: bool = True) -> Discards:
    """Read `.discards.txt` files: one phrase a line, `+` for a story-level discard. Every line is readable."""
    sentence: set[str] = set()
    story: set[str] = set()
    for path in paths:
        for line in _lines(Path(path)):
            text = line.text.strip()
            target = story if text.startswith("+") else sentence
            key = normalise_phrase(text.lstrip("+"))
            if key:
                target.add(key)
    return Discards(frozenset(sentence), frozenset(story))


# ------------------------------------------------------------------ verbs


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """A crude singular, so pattern nouns match their plurals ("RALLY" and "rallies")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


@dataclass(frozen=True)
class PatternElement:
    """One element of a verb pattern: alternatives, each a run of consecutive words ("&SET" has many)."""

    alternatives: tuple[tuple[str, ...], ...]
    label: str  # as written: "AID", "{RELIEF ASSISTANCE}", "&FOOD", "TO" (from "(TO BORDER)")

    @cached_property
    def first_keys(self) -> frozenset[str]:
        """The words one of the alternatives can start with, and their singulars: a clause with none of
        them cannot match."""
        return frozenset(k for a in self.alternatives for k in (a[0], singular(a[0])))


@dataclass(frozen=True)
class VerbPattern:
    """`- before * after [code:reverse]`: words around the verb that refine its code.

    `code` is the event from source to target; `reverse` the paired event back (`[032:033]`, `[:173]`).
    """

    before: tuple[PatternElement, ...]
    after: tuple[PatternElement, ...]
    code: str | None
    reverse: str | None
    line: int
    # the verb of its block the pattern was written for, when its comment names one ("# LEAD"): see
    # ``VerbForm.reads``
    verb: str | None = None
    # added to a block by a later file (the project's patterns.verbs.txt): it refines only the verbs of the
    # block its comment names ("# COMBAT FIGHT BATTLE"), and only where English puts it (``events.code_verb``)
    added: bool = False
    for_verbs: frozenset[str] = frozenset()  # the upper-case words of its comment

    @cached_property
    def weight(self) -> int:
        """How specific the pattern is: the number of words it requires."""
        return sum(min(len(a) for a in e.alternatives) for e in (*self.before, *self.after))


@dataclass(frozen=True)
class VerbBlock:
    """A synonym block: verbs that share a default code and a list of patterns."""

    name: str
    code: str | None
    reverse: str | None
    patterns: tuple[VerbPattern, ...]
    source: str  # "file:line"

    @property
    def shipped(self) -> bool:
        """Whether the block is from the shipped CAMEO verb files (a user's may code another scheme, as
        PETRARCH's validation dictionary codes WEIS)."""
        return self.source.rsplit(":", 1)[0] in {
            *DEFAULT_VERB_FILES, *(p.name for p in PROJECT_VERB_FILES), CODEBOOK_VERB_FILE.name
        }

    @cached_property
    def by_weight(self) -> tuple[VerbPattern, ...]:
        """The patterns most specific first, file order among equals: the first that matches decides."""
        return tuple(sorted(self.patterns, key=lambda p: -p.weight))

    def may_match(self, after: frozenset[str]) -> list[VerbPattern]:
        """``by_weight`` without the patterns whose first word after the verb is none of the words, lemmas and
        singulars in ``after`` (what follows the verb in a clause): they cannot match it."""
        by_first, open_ = self._by_first_after
        positions = set(open_)
        for key in after & by_first.keys():
            positions.update(by_first[key])
        return [self.by_weight[k] for k in sorted(positions)]

    @cached_property
    def _by_first_after(self) -> tuple[dict[str, list[int]], list[int]]:
        """The positions in ``by_weight`` of the patterns each word may start the words after the verb of, and
        of the patterns that need no word after it (a block of the SAY kind has hundreds of patterns)."""
        by_first: dict[str, list[int]] = {}
        open_ = []
        for k, pattern in enumerate(self.by_weight):
            if not pattern.after:
                open_.append(k)
            for key in pattern.after[0].first_keys if pattern.after else ():
                by_first.setdefault(key, []).append(k)
        return by_first, open_


@dataclass(frozen=True)
class VerbForm:
    """A form of a verb ("sped" of SPEED), with its own code if the line gives one, and its block.

    Multi-word verbs keep the words that must stand before (`pre`, "wire" in WIRE_+TAP) or after
    (`post`, "off" in +CORDON_OFF) the verb itself.
    """

    verb: str
    block: int
    code: str | None
    reverse: str | None
    has_code: bool
    pre: tuple[str, ...] = ()
    post: tuple[str, ...] = ()

    def reads(self, pattern: VerbPattern) -> bool:
        """Whether a pattern of the form's block refines this verb. A pattern another file added to the block
        refines only the verbs of the block its own comment names. A verb given its own code in a block
        is there for its forms, not for the block's sense ("ADDRESS [010]" in OVERSEE_MANAGE [060], "CONVICT
        [173]" in BLAME [112]): a pattern written for another of its verbs that codes another root ("- *
        ATTACK [113] # LEAD", "- * MURDER (OF ^) [111] # CONDEMN") is not its sense; CAMEO.2.0's comments
        otherwise record whose example a pattern was, not whom it is for, so all other patterns are read."""
        if pattern.added:
            return self.verb in pattern.for_verbs
        if not self.has_code or pattern.verb is None or pattern.verb == self.verb:
            return True
        return not (pattern.code and self.code and pattern.code[:2] != self.code[:2])


@dataclass
class VerbDictionary:
    """The compiled verb table: forms by lowercase word, blocks with their patterns, synonym sets."""

    forms: dict[str, list[VerbForm]] = field(default_factory=dict)
    blocks: list[VerbBlock] = field(default_factory=list)
    synsets: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # "file:line: reason" for what could not be compiled
    blocks_read: int = 0
    patterns_read: int = 0

    def lookup(self, word: str) -> list[VerbForm]:
        return self.forms.get(word.casefold(), [])

    def merged(self, other: VerbDictionary) -> VerbDictionary:
        """This table with `other`'s verbs added; a verb `other` defines uses `other`'s block only."""
        result = VerbDictionary(
            synsets={**self.synsets, **other.synsets},
            skipped=[*self.skipped, *other.skipped],
            blocks_read=self.blocks_read + other.blocks_read,
            patterns_read=self.patterns_read + other.patterns_read,
        )
        result.blocks = [*self.blocks, *other.blocks]
        offset = len(self.blocks)
        overridden = {f.verb for forms in other.forms.values() for f in forms}
        for word, forms in self.forms.items():
            kept = [f for f in forms if f.verb not in overridden]
            if kept:
                result.forms[word] = kept
        for word, forms in other.forms.items():
            shifted = [replace(f, block=f.block + offset) for f in forms]
            result.forms[word] = shifted + result.forms.get(word, [])
        return result


_BLOCK = re.compile(r"^---\s*(.*?)\s*(?:\[([^\]]*)\])?\s*(?:---)?\s*$")


def _split_code(text: str | None) -> tuple[str | None, str | None]:
    """`[070]` -> ("070", None); `[032:033]` -> ("032", "033"); `[:173]` -> (None, "173"); `[---]` -> None."""
    if text is None:
        return None, None

    def clean(part: str) -> str | None:
        part = part.strip().rstrip("!")
        return None if not part or set(part) <= {"-"} else part

    first, _, second = text.partition(":")
    return clean(first), clean(second)


def _verb_forms(word: str) -> list[str]:
    """Regular forms of an English verb, as PETRARCH generates them: -S, -ED (-D after E), -ING."""
    forms = [word, word + "S"]
    if word.endswith("E"):
        forms += [word + "D", word[:-1] + "ING"]
    else:
        forms += [word + "ED", word + "ING"]
    if re.search(r"[^AEIOU][AEIOU][B-DF-HJ-NP-TVZ]$", word):
        # "ship" -> "shipped": a doubled final consonant, which PETRARCH leaves to {...} lists
        forms += [word + word[-1] + "ED", word + word[-1] + "ING"]
    return forms


def _parse_words(text: str) -> list[str]:
    """Pattern words in the order written, `-` joined words split as spaCy tokenises them."""
    return [w for w in re.split(r"[\s_]+|(?<=\w)-(?=\w)", text.casefold()) if w]


class _UndefinedSynset(ValueError):
    """PETRARCH ignores a pattern with an undefined synset (with a warning), so this never stops a load."""


def _synset_name(token: str) -> str:
    """`&AUXVERB1_` and `&AUXVERB1` name the same set (a trailing `_` only turns off plurals)."""
    return token.upper().rstrip("_")


def _elements(text: str, synsets: dict[str, tuple[tuple[str, ...], ...]], line: _Line) -> tuple[PatternElement, ...]:
    """Tokens of one side of a pattern. `$ + ^ %` (actor slots) are not words and are skipped."""
    elements: list[PatternElement] = []
    for token in re.findall(r"\{[^}]*\}|&\w+|[^\s(){}]+", text):
        if token in ("$", "+", "^", "%", "|"):
            continue
        if token.startswith("&"):
            name = _synset_name(token)
            if name not in synsets:
                raise _UndefinedSynset(f"synset {token} is not defined")
            elements.append(PatternElement(synsets[name], token))
        elif token.startswith("{"):
            words = tuple(_parse_words(token[1:-1].replace("&", " ")))
            if any(w.startswith("&") for w in token[1:-1].split()):
                # a phrase with a synset inside: expand the synset's alternatives in place
                parts: list[list[tuple[str, ...]]] = []
                for word in token[1:-1].split():
                    parts.append(
                        list(synsets[_synset_name(word)]) if word.startswith("&") else [tuple(_parse_words(word))]
                    )
                combos: list[tuple[str, ...]] = [()]
                for options in parts:
                    combos = [c + o for c in combos for o in options]
                elements.append(PatternElement(tuple(combos), token))
            elif words:
                elements.append(PatternElement((words,), token))
        else:
            for word in _parse_words(token):
                elements.append(PatternElement(((word,),), token))
    return tuple(elements)


def _pattern(line: _Line, synsets: dict[str, tuple[tuple[str, ...], ...]]) -> VerbPattern:
    body = line.text.strip()[1:]
    match = re.search(r"\[([^\]]*)\]\s*$", body)
    if match is None:
        raise ValueError("pattern has no [code]")
    code, reverse = _split_code(match.group(1))
    body = body[: match.start()]
    if "*" not in body:
        raise ValueError("pattern has no * for the verb")
    before, _, after = body.partition("*")
    names = [w.replace("_", " ").replace("+", "").casefold() for w in line.comment.replace(",", " ").split()
             if w.isupper()]
    verb = names[0] if names and line.comment.split()[0].isupper() else None
    return VerbPattern(_elements(before, synsets, line), _elements(after, synsets, line), code, reverse, line.no, verb,
                       for_verbs=frozenset(names))


def _verb_line(text: str) -> tuple[list[str], str | None, bool]:
    """(forms as written, code text, has code) of a verb line `WORD {FORMS} [CODE]`."""
    code_text = None
    has_code = False
    if "[" in text:
        text, _, rest = text.partition("[")
        code_text, has_code = rest.partition("]")[0], True
    word, _, irregular = text.partition("{")
    word = word.strip()
    listed = irregular.partition("}")[0].split() if irregular else None
    return [word, *(listed if listed is not None else [])] if listed is not None else [word], code_text, has_code


def _forms_of(written: list[str], explicit: bool) -> list[tuple[tuple[str, ...], str, tuple[str, ...]]]:
    """(pre words, verb word, post words) for every form of a (possibly multi-word) verb line."""
    result = []
    head = written[0]
    phrases = written if explicit else None
    if "_" in head or "+" in head:
        if phrases is None:
            words = head.split("_")
            at = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
            root = words[at].lstrip("+")
            phrases = ["_".join([*words[:at], "+" + form, *words[at + 1 :]]) for form in _verb_forms(root)]
        for phrase in phrases:
            words = phrase.split("_")
            at = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
            result.append(
                (
                    tuple(w.casefold() for w in words[:at]),
                    words[at].lstrip("+").casefold(),
                    tuple(w.casefold() for w in words[at + 1 :]),
                )
            )
        return result
    forms = written if explicit else _verb_forms(head)
    return [((), form.casefold(), ()) for form in forms]


def load_verbs(paths: Iterable[Path], strict: bool = True) -> VerbDictionary:
    """Compile PETRARCH `.verbs.txt` files (CAMEO.2.0.txt format) into a VerbDictionary.

    Synonym sets (`&NAME` then `+phrase` lines), blocks (`--- NAME [code] ---`), verb lines with
    irregular forms in `{...}` and multi-word verbs (`+CORDON_OFF`), and patterns (`- words * words [code]`).
    With `strict` a line that cannot be compiled raises DictionaryError; otherwise it is listed in `skipped`.
    """
    result = VerbDictionary()
    paths = [Path(p) for p in paths]
    # Synsets may be defined anywhere in a file, so they are collected before any pattern is compiled.
    for path in paths:
        synset_name: str | None = None
        for line in _lines(path):
            text = line.text.strip()
            if text.startswith("&"):
                synset_name = _synset_name(text.split()[0])
                result.synsets.setdefault(synset_name, ())
            elif synset_name is not None and text.startswith("+"):
                words = tuple(_parse_words(text[1:]))
                if words:
                    result.synsets[synset_name] = (*result.synsets[synset_name], words)
            else:
                synset_name = None
    named: dict[str, int] = {}  # block name -> its index, for files that add patterns to it
    named_in: dict[str, Path] = {}
    verbs_of: dict[str, set[str]] = {}  # block name -> its verbs, for the patterns another file adds
    for path in paths:
        synset: str | None = None
        block: dict | None = None

        def close_block() -> None:
            nonlocal block
            if block is not None:
                # a block of patterns only, named as a block of an earlier file, adds its patterns to that block
                # (the project's patterns.verbs.txt refines CAMEO.2.0's verbs without copying them)
                earlier = block["file"] != named_in.get(block["name"])
                extended = named.get(block["name"]) if not block["verbs"] and earlier else None
                verbs = verbs_of.get(block["name"], set()) if extended is not None else block["verbs"]
                # a comment names the pattern's verb only when it is a verb of the block (not initials, a date)
                patterns = [p if p.verb in verbs else replace(p, verb=None) for p in block["patterns"]]
                if extended is not None:
                    old = result.blocks[extended]
                    added = tuple(replace(p, added=True, for_verbs=p.for_verbs & verbs) for p in patterns)
                    result.blocks[extended] = replace(old, patterns=(*old.patterns, *added))
                else:
                    named.setdefault(block["name"], len(result.blocks))
                    named_in.setdefault(block["name"], block["file"])
                    verbs_of.setdefault(block["name"], block["verbs"])
                    result.blocks.append(
                        VerbBlock(block["name"], block["code"], block["reverse"], tuple(patterns), block["source"])
                    )
                block = None

        for line in _lines(path):
            text = line.text.strip()
            try:
                header = _BLOCK.match(text)
                if header:
                    close_block()
                    synset = None
                    code, reverse = _split_code(header.group(2))
                    block = {
                        "name": header.group(1),
                        "code": code,
                        "reverse": reverse,
                        "patterns": [],
                        "verbs": set(),
                        "source": f"{path.name}:{line.no}",
                        "file": path,
                    }
                    result.blocks_read += 1
                    continue
                if text.startswith("&"):
                    close_block()
                    synset = text.split()[0]
                    continue
                if synset is not None and block is None:
                    if not text.startswith("+"):
                        raise ValueError("synset members start with +")
                    continue
                if block is None:
                    raise ValueError("verb or pattern outside a --- block ---")
                if text.startswith("-"):
                    result.patterns_read += 1
                    block["patterns"].append(_pattern(line, result.synsets))
                    continue
                written, code_text, has_code = _verb_line(text)
                code, reverse = _split_code(code_text) if has_code else (None, None)
                block["verbs"].add(written[0].replace("+", "").replace("_", " ").casefold())
                for pre, verb, post in _forms_of(written, explicit="{" in text):
                    if not verb:
                        continue
                    form = VerbForm(
                        written[0].replace("+", "").replace("_", " ").casefold(),
                        len(result.blocks),
                        code,
                        reverse,
                        has_code,
                        pre,
                        post,
                    )
                    bucket = result.forms.setdefault(verb, [])
                    # multi-word forms are tried before the single word, as PETRARCH does
                    bucket.insert(0, form) if (pre or post) else bucket.append(form)
            except ValueError as error:
                if strict and not isinstance(error, _UndefinedSynset):
                    raise DictionaryError(path, line.no, str(error), line.text) from None
                result.skipped.append(f"{path.name}:{line.no}: {error}: {text}")
        close_block()
    return result


# ------------------------------------------------------------------ the bundle the coder takes

# A user dictionary with this line in its header comments is used instead of the shipped one of its kind.
REPLACE_MARKER = "wirehouse: replace defaults"
KINDS = ("verbs", "actors", "agents", "discards")


@dataclass(frozen=True)
class Dictionaries:
    """Everything the event coder reads: load once (`load_dictionaries`) and pass in."""

    verbs: VerbDictionary
    actors: ActorDictionary
    agents: AgentDictionary
    discards: Discards


def _says_replace(path: Path) -> bool:
    with path.open(encoding="utf-8", errors="replace") as handle:
        head = [next(handle, "") for _ in range(30)]
    return any(REPLACE_MARKER in line for line in head)


def load_dictionaries(user_dir: Path | None = None, replace: Iterable[str] = (),
                      cache_dir: Path | None = None) -> Dictionaries:
    """The shipped PETRARCH2 / Phoenix dictionaries, with a user folder's `*.verbs.txt`, `*.actors.txt`,
    `*.agents.txt` and `*.discards.txt` beside them (`WIREHOUSE_DICTIONARIES`).

    A user file wins where both define an entry. A kind is used instead of the shipped one when it is in
    `replace` or one of its user files says `wirehouse: replace defaults` in its header. A user file that
    cannot be read raises DictionaryError naming file and line (the shipped files' known typos are skipped
    and listed in each dictionary's `skipped`). With `cache_dir`, the compiled dictionaries are read from there
    when an earlier load compiled them from the same files with the same code (about a fifth of the time).
    """
    replaced = set(replace)
    unknown = replaced - set(KINDS)
    if unknown:
        raise ValueError(f"unknown dictionary kinds {sorted(unknown)}; expected some of {KINDS}")
    user: dict[str, list[Path]] = {kind: [] for kind in KINDS}
    if user_dir is not None:
        if not Path(user_dir).is_dir():
            raise FileNotFoundError(f"dictionary folder {user_dir} does not exist")
        for kind in KINDS:
            user[kind] = sorted(Path(user_dir).glob(f"*.{kind}.txt"))
            if any(_says_replace(p) for p in user[kind]):
                replaced.add(kind)
    shipped = {
        "verbs": [*(DEFAULT_DIR / n for n in DEFAULT_VERB_FILES), *PROJECT_VERB_FILES],
        "actors": default_actor_paths(),
        "agents": default_agent_paths(),
        "discards": [DEFAULT_DIR / n for n in DEFAULT_DISCARD_FILES],
    }
    corrections = {"verbs": CODEBOOK_VERB_FILE}

    def pick(kind: str, loader):
        base = None if kind in replaced else loader(shipped[kind], strict=False)
        if base is not None and kind in corrections:
            base = base.merged(loader([corrections[kind]]))
        extra = loader(user[kind]) if user[kind] else None
        if base is None:
            return extra if extra is not None else loader([])
        return base.merged(extra) if extra is not None else base

    def build() -> Dictionaries:
        return Dictionaries(verbs=pick("verbs", load_verbs), actors=pick("actors", load_actors),
                            agents=pick("agents", load_agents), discards=pick("discards", load_discards))

    if cache_dir is None:
        return build()
    files = [Path(__file__)]  # the code that compiles them, then the files of each kind in the order read
    for kind in KINDS:
        if kind not in replaced:
            files += [*shipped[kind], *([corrections[kind]] if kind in corrections else [])]
        files += user[kind]
    return compiled.load(Path(cache_dir) / "dictionaries.pickle", compiled.fingerprint(files, *sorted(replaced)),
                         build)
