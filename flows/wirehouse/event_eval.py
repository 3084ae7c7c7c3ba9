"""Evaluate the event coder on PETRARCH2's validation records (``shared/corpora/petrarch_validation_dev``).

Each record is one sentence with the events PETRARCH2's authors expect ("source target code"). The
sentence is parsed by spaCy, cut into clauses and coded exactly as an article is. Scores:

* with the records' own dictionaries (``dictionaries/``, used instead of the shipped ones; their codes
  are mostly WEIS, so this measures the coder's machinery): root recall, full-code recall, precision,
  and source/target actor codes right on the events found;
* with the shipped CAMEO / Phoenix dictionaries, on the records whose actors are real (no name from the
  fictional dictionary): actor-pair recall, root and full-code recall, root precision.

Matching is one-to-one within a record: an expected event is found when a coded event of the same
record has the same root (first two digits); full code needs the whole code. Precision counts every
coded event, also those of records that expect none (a discard phrase's records among them). PETRARCH2's
format codes only dyads, so an event with no source (an agentless passive's, GDELT's blank Actor1: "the
embassy was attacked") is not scored: it is counted beside (``sourceless``). Records
with a ``<Config>`` (they test a non-default PETRARCH option) or another ``error`` (a bad parse the
coder should reject) are left out.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from wirehouse.annotate import _mentions, load_nlp
from wirehouse.clauses import clauses_frame, extract_clauses
from wirehouse.dictionaries import KINDS, Dictionaries, load_actors, load_dictionaries, normalise_phrase
from wirehouse.events import CodedEvent, Gazetteer, action_geo, code_clauses

NO_ACTOR = "---"
# Records the coder must reject because a discard phrase is in them: they expect no event.
_DISCARDS = frozenset({"storydiscard", "sentencediscard"})


@dataclass(frozen=True)
class Record:
    id: str
    day: date
    text: str
    expected: tuple[tuple[str, str, str], ...]  # (source, target, code); "---" for no actor


@dataclass(frozen=True)
class Scores:
    records: int
    expected: int
    coded: int
    root_found: int
    code_found: int
    root_correct: int  # coded events that match an expected event's root
    actors_right: int  # of the root matches, source and target codes both right
    pairs_found: int  # expected (source, target) pairs coded with any code
    sourceless: int = 0  # events coded with no source, not scored

    def figures(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 3) if b else 0.0

        return {
            "root recall": ratio(self.root_found, self.expected),
            "full-code recall": ratio(self.code_found, self.expected),
            "precision (root)": ratio(self.root_correct, self.coded),
            "actor codes right": ratio(self.actors_right, self.root_found),
            "actor-pair recall": ratio(self.pairs_found, self.expected),
        }


def _code(text: str | None) -> str:
    """Expected codes write a missing country as '---' ("---GOV"); the coder writes the agent alone."""
    text = (text or "").strip().strip('"')
    if not text or set(text) <= {"-"}:
        return NO_ACTOR
    return text[3:] if text.startswith(NO_ACTOR) else text


def read_records(path: Path) -> list[Record]:
    records = []
    for sentence in ET.parse(path).getroot().iter("Sentence"):
        codings = sentence.findall("EventCoding")
        errors = {c.get("error") for c in codings if c.get("error")}
        if sentence.find("Config") is not None or errors - _DISCARDS:
            continue
        expected = tuple(
            (_code(c.get("sourcecode")), _code(c.get("targetcode")), c.get("eventcode", "").strip())
            for c in codings
            if c.get("noevents") != "True" and c.get("eventcode")
        )
        text = " ".join((sentence.findtext("Text") or "").split())
        records.append(Record(sentence.get("id", ""), datetime.strptime(sentence.get("date", ""), "%Y%m%d").date(),
                              text, expected))  # fmt: skip
    return records


Event = tuple[str, str, str]


def _match(expected: list[Event], found: list[Event], key: Callable[[Event], object]) -> list[tuple[int, int]]:
    """One-to-one matches (expected index, found index) under `key`, preferring found events whose actors agree."""
    pairs = []
    used: set[int] = set()
    for i, e in enumerate(expected):
        options = [j for j, f in enumerate(found) if j not in used and key(e) == key(f)]
        options.sort(key=lambda j: (found[j][0] != e[0]) + (found[j][1] != e[1]))
        if options:
            used.add(options[0])
            pairs.append((i, options[0]))
    return pairs


def score(records: list[Record], coded: dict[str, list[tuple[str | None, str, str]]]) -> Scores:
    """Scores of the coded events, (source, target, code) per record; a source of None is an event with no
    source, counted beside."""
    counts = dict.fromkeys(("expected", "coded", "root", "code", "correct", "actors", "pairs", "sourceless"), 0)
    for record in records:
        expected = list(record.expected)
        found = [f for f in coded.get(record.id, []) if f[0] is not None]
        counts["sourceless"] += len(coded.get(record.id, [])) - len(found)
        root_pairs = _match(expected, found, lambda ev: ev[2][:2])
        counts["expected"] += len(expected)
        counts["coded"] += len(found)
        counts["root"] += len(root_pairs)
        counts["correct"] += len(root_pairs)
        counts["code"] += len(_match(expected, found, lambda ev: ev[2]))
        counts["actors"] += sum(expected[i][:2] == found[j][:2] for i, j in root_pairs)
        counts["pairs"] += len(_match(expected, found, lambda ev: ev[:2]))
    return Scores(len(records), counts["expected"], counts["coded"], counts["root"], counts["code"],
                  counts["correct"], counts["actors"], counts["pairs"], counts["sourceless"])  # fmt: skip


@dataclass
class Timing:
    parse_seconds: float = 0.0
    code_seconds: float = 0.0
    documents: int = 0


def code_records(
    records: list[Record], dictionaries: Dictionaries, model: str, timing: Timing | None = None
) -> dict[str, list[tuple[str | None, str, str]]]:
    """Each record's coded events as (source code, target code, event code); the source is None for an
    event with no source (an agentless passive's)."""
    nlp = load_nlp(model)
    started = time.perf_counter()
    docs = list(nlp.pipe([r.text for r in records]))
    parsed = time.perf_counter()
    rows = []
    for record, doc in zip(records, docs, strict=True):
        rows += extract_clauses(record.id, doc, _mentions(doc))
    frame = clauses_frame(rows)
    events: list[CodedEvent] = code_clauses(frame, dictionaries, {r.id: r.day for r in records})
    if timing is not None:
        timing.parse_seconds += parsed - started
        timing.code_seconds += time.perf_counter() - parsed
        timing.documents += len(records)
    article_of = frame["article_id"].to_list()
    out: dict[str, list[tuple[str | None, str, str]]] = {}
    for event in events:
        source = None if event.source_text is None else event.source_code or NO_ACTOR
        out.setdefault(article_of[event.clause], []).append((source, event.target_code or NO_ACTOR, event.code))
    return out


def real_world(records: list[Record], fictional_actors: Path, defaults: Dictionaries) -> list[Record]:
    """Records that name no actor of the fictional dictionary that the shipped dictionaries do not know."""
    fiction = load_actors(sorted(fictional_actors.glob("*.actors.txt")))
    keep = []
    for record in records:
        if not record.expected:
            continue
        words = normalise_phrase(record.text).split()
        names = [" ".join(words[s:e]) for s, e, _ in fiction.find(words)]
        if all(defaults.actors.match(name) is not None for name in names):
            keep.append(record)
    return keep


def throughput(bodies: list[str], dictionaries: Dictionaries, gazetteer: Gazetteer, model: str) -> str:
    """The coder's cost per article (clauses, resolution-free coding, places) against spaCy's parse cost."""
    nlp = load_nlp(model)
    started = time.perf_counter()
    docs = list(nlp.pipe(bodies))
    parsed = time.perf_counter()
    rows = []
    for k, doc in enumerate(docs):
        rows += extract_clauses(str(k), doc, _mentions(doc))
    frame = clauses_frame(rows)
    events = code_clauses(frame, dictionaries, {})
    places = [action_geo(p, gazetteer, dictionaries) for p in frame["places"].to_list()]
    done = time.perf_counter()
    n = max(len(bodies), 1)
    return (
        f"{len(bodies)} articles, {frame.height} clauses, {len(events)} events, "
        f"{sum(p is not None for p in places)} clauses placed: spaCy parse {(parsed - started) * 1000 / n:.1f} ms "
        f"per article, clauses + coding + places {(done - parsed) * 1000 / n:.1f} ms per article"
    )


def evaluate_events(corpus: Path, model: str) -> str:
    """Run both evaluations on the PETRARCH2 validation records in `corpus` and return a printable report."""
    records = read_records(next(corpus.glob("*.xml")))
    own = load_dictionaries(corpus / "dictionaries", replace=KINDS)
    loading = time.perf_counter()
    defaults = load_dictionaries()
    load_seconds = time.perf_counter() - loading
    timing = Timing()
    own_scores = score(records, code_records(records, own, model, timing))
    real = real_world(records, corpus / "dictionaries", defaults)
    real_scores = score(real, code_records(real, defaults, model, timing))
    lines = [
        f"PETRARCH2 validation records in {corpus.name}: {own_scores.records} scored",
        "",
        f"{'':<36}{'expected':>9}{'coded':>7}  " + "  ".join(f"{k:>17}" for k in own_scores.figures())
        + f"{'no source (beside)':>20}",
    ]
    for label, s in ((f"own dictionaries, all {own_scores.records} records", own_scores),
                     (f"shipped CAMEO, {real_scores.records} real-world records", real_scores)):  # fmt: skip
        lines.append(
            f"{label:<36}{s.expected:>9}{s.coded:>7}  " + "  ".join(f"{v:>17.3f}" for v in s.figures().values())
            + f"{s.sourceless:>20}"
        )
    per_doc = 1000 / max(timing.documents, 1)
    lines += [
        "",
        f"cost per sentence: spaCy parse {timing.parse_seconds * per_doc:.1f} ms, "
        f"clauses + coding {timing.code_seconds * per_doc:.1f} ms; shipped dictionaries load in {load_seconds:.1f} s",
    ]
    return "\n".join(lines)
