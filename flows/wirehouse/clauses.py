"""Clauses: every verb of a parsed sentence (and event nouns such as "the meeting between A and B") as an
event candidate, with its actor noun phrases, the words around it that verb patterns read, and its
negation, modality, date and place.

Nothing is coded here: which verbs are events and who the actors are is decided in ``events`` with
the CAMEO dictionaries. This module only reads the dependency parse, so it runs wherever spaCy runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# polars is imported where a frame is made: spaCy's worker processes run this module's extraction and
# would otherwise each hold polars (about 37 MiB) for nothing.
if TYPE_CHECKING:
    import polars as pl
    from spacy.tokens import Doc, Span, Token

# Words that make what follows them not (yet) a fact: modals, and verbs or adjectives of intention
# that take the event verb as their complement ("plans to meet", "is willing to talk").
_MODALS = frozenset({"would", "could", "might", "may", "should", "can", "will", "shall", "must"})
_INTENT_HEADS = frozenset({
    "plan", "hope", "want", "intend", "expect", "aim", "seek", "propose", "offer", "try", "prepare",
    "wish", "promise", "vow", "threaten", "consider", "willing", "ready", "open", "likely", "eager", "able",
    "possibility", "proposal", "readiness", "willingness", "chance", "volunteer", "pledge", "agree",
    # English's futures of arrangement: "is due to visit", "is set to meet", "is scheduled to sign", "is slated
    # to", "is poised to", and "be to" ("the president is to visit China next month")
    "due", "set", "schedule", "slate", "poise", "be",
})  # fmt: skip
# Adjectives that say an event noun's act has not (yet) happened: "a planned visit", "the upcoming talks", "a
# proposed meeting", "possible strikes".
_UNDONE = frozenset({
    "planned", "proposed", "upcoming", "forthcoming", "scheduled", "expected", "possible", "potential", "future",
    "prospective", "intended", "anticipated", "impending", "imminent", "mooted", "rumoured", "rumored",
})  # fmt: skip
# Verbs of intention that are no event of their own when another verb says what is intended; "threaten",
# "promise" and "offer" are not here: CAMEO codes them (threats, pledges).
_PLAIN_INTENT = frozenset({"plan", "hope", "want", "intend", "expect", "aim", "seek", "try", "wish", "prepare"})
# Dependents that open another clause: their words belong to that clause, not to this verb's patterns.
_CLAUSAL = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "csubjpass", "acl"})
# Dependents left out of an actor's noun phrase: other clauses, appositions, and coordinated actors
# (each conjunct is an actor of its own).
_NOT_IN_PHRASE = frozenset({"relcl", "acl", "appos", "advcl", "conj", "cc", "punct", "prep", "parataxis", "case"})
# Prepositions whose object still belongs to an actor ("soldiers from Gondor", "ambassadors of Arnor").
_ACTOR_PREPS = frozenset({"of", "from", "in"})
# Prepositions that set the scene (where, when) rather than name whom the event is done to.
_SETTING_PREPS = frozenset({"in", "on", "during", "after", "before", "since", "until", "within", "throughout", "amid"})
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "to", "into"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "it", "its", "they", "them", "their"})
# Nouns that name an event between parties when a "between", "with" or "by" phrase says who.
_NOMINAL_PREPS = frozenset({"between", "with", "by", "to", "against", "on"})


# Verbs whose infinitive complement is done by their object ("urged Myanmar to allow ...": Myanmar
# allows), English's object-control verbs.
_OBJECT_CONTROL = frozenset({
    "urge", "ask", "tell", "order", "force", "persuade", "encourage", "invite", "allow", "permit", "require",
    "advise", "press", "pressure", "help", "enable", "instruct", "authorize", "authorise", "compel", "request",
    "implore", "beg", "convince", "direct", "oblige", "push", "lead", "prompt", "cause", "call",
})  # fmt: skip
# Object-control verbs that direct rather than bring about: "urged Iran to release the sailors" says
# nothing of a release. CAMEO codes the appeal or demand (by the complement's words), not the complement.
_DIRECTIVES = frozenset({
    "urge", "ask", "tell", "order", "encourage", "invite", "advise", "press", "pressure", "instruct",
    "request", "implore", "beg", "call", "exhort", "appeal", "demand", "entreat", "importune", "warn",
})  # fmt: skip
# Verbs whose finite complement in the base form is English's mandative subjunctive: what is asked for,
# not what happened ("demanded that Iran release the sailors", "requested the president declare ...").
_MANDATIVE = _DIRECTIVES | {"insist", "recommend", "propose", "suggest", "require", "order", "petition"}
# Nouns that count or group what their "of" phrase names: "hundreds of students" are students.
_QUANTITY_HEADS = frozenset({
    "hundred", "thousand", "million", "dozen", "score", "ten", "group", "number", "band", "team", "delegation",
    "handful", "couple", "pair", "majority", "crowd", "wave", "convoy", "unit", "contingent", "assembly",
    "gathering", "coalition",
})  # fmt: skip


# English quantifiers that pick members out of a group their "of" phrase names.
_PARTITIVES = frozenset({"one", "some", "each", "several", "many", "most", "few", "all", "both", "none", "any"})


# Verbs that name what their object is called ("an island also called Rapa Nui"): no event.
_NAMING = frozenset({"call", "name", "dub", "know", "title", "label", "nickname", "term"})
# English verbs that, with "as", say what something is called or taken for ("referred to as", "described as",
# "regarded as").
_DESCRIBING = _NAMING | {"refer", "describe", "regard", "characterize", "characterise", "brand", "see", "view"}
# Verb + object idioms that say something happened rather than that someone did it to someone.
_IDIOMS = frozenset({
    ("take", "place"), ("catch", "fire"), ("take", "effect"), ("take", "shape"), ("take", "hold"),
    ("make", "sense"), ("take", "time"), ("make", "way"), ("take", "turn"), ("come", "end"),
})  # fmt: skip
# The instruments of public authority, which act only through who issues them.
_INSTRUMENTS = frozenset({
    "decree", "law", "order", "bill", "resolution", "directive", "regulation", "ordinance", "edict", "measure",
    "legislation", "ruling", "executive", "proclamation", "statute", "act", "amendment", "policy", "rule",
})  # fmt: skip
# Verbs of issuing an instrument: only its issuer acts through it ("vetoed a resolution condemning Israel"
# condemns nobody; "signed a decree banning the protest" bans it).
_ISSUING = frozenset({"sign", "issue", "pass", "adopt", "enact", "approve", "promulgate", "impose", "announce"})
# Verbs whose subject, without an object, undergoes the event rather than does it ("the bishop died",
# "the roof collapsed"): whoever caused it is not named by the clause.
_UNDERGO = frozenset({"die", "perish", "drown", "collapse", "succumb", "crash", "sink", "burn", "starve"})
# Named things that are no actor: CAMEO's actors are states, organisations, groups and persons, not laws,
# works, products or events ("the Constitution of the United States", "the Paris Agreement", "the Olympics");
# and news names storms as it names persons ("Hurricane Lorenzo", "Typhoon Haiyan", "Tropical Storm Barry").
_THING_LABELS = frozenset({"LAW", "WORK_OF_ART", "PRODUCT", "EVENT"})
_STORM_TITLES = frozenset({"hurricane", "typhoon", "cyclone", "storm", "tornado"})
# Dependencies of a verb form that works as a noun or an adjective ("the accused", "assisted living").
_NOMINAL_DEPS = frozenset({"amod", "nsubj", "nsubjpass", "dobj", "pobj", "compound", "poss", "appos", "npadvmod"})


def _as_it_is_called(verb: Token) -> bool:
    """Whether a verb of naming is in a clause of comparison on a pronoun: "as critics call it", "like some
    people call it" name what is spoken of; no one is called."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "oprd")]
    if not objects or any(o.lower_ not in ("it", "them", "this", "that") for o in objects):
        return False
    # "as" or "like" as the verb's marker, or right before its subject, however the parse attaches it
    openers = [verb.doc[c.left_edge.i - 1] for c in verb.children if c.dep_ == "nsubj" and c.left_edge.i > 0]
    return any(w.lower_ in ("as", "like") for w in openers) or any(
        c.dep_ == "mark" and c.lower_ in ("as", "like") for c in verb.children
    )


def _describes_as(verb: Token) -> bool:
    """Whether a verb with an "as" phrase describes a noun rather than reporting an act, by no one named:
    "referred to as", a participle that modifies its noun ("the group, widely regarded as a front") or a
    relative clause on "what" ("what was described as a threat")."""
    after = verb.doc[verb.i + 1 : verb.i + 3]
    if verb.lemma_.lower() == "refer" and [t.lower_ for t in after] == ["to", "as"]:
        return True  # "referred to as", however the parse attaches "as"
    if not any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
        return False
    # one who describes it is named ("which Washington describes as", "seen by Washington as"): a statement
    if any(c.dep_ in ("nsubj", "agent") for c in verb.children):
        return False
    return (verb.dep_ == "acl" and verb.tag_ == "VBN") or any(
        c.dep_ in ("dobj", "nsubjpass") and c.lower_ in ("what", "which", "whatever") for c in verb.children
    )


def _is_verb(token: Token) -> bool:
    if token.dep_ == "prep":
        return False  # participles that work as prepositions: "according to", "including", "following"
    if token.dep_ in _NOMINAL_DEPS:
        return False
    return token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ in ("ROOT", "conj", "ccomp", "xcomp"))


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The verb's subject and whether it is a passive subject.

    A verb without its own subject borrows its governor's: xcomp, conj, advcl, and the chain of
    "is about to restore" or "took the opportunity to congratulate".
    """
    current = verb
    for _ in range(5):
        if current.dep_ == "xcomp" and current.head.lemma_.lower() in _OBJECT_CONTROL:
            controller = [c for c in current.head.children if c.dep_ == "dobj" and c.i < current.i] + [
                o for p in _children(current.head, ("prep",)) if p.lower_ in ("on", "upon") and p.i < current.i
                for o in _children(p, ("pobj",))
            ]  # fmt: skip
            if controller:
                return controller[0], False  # "urged Myanmar to allow", "called on Sudan to end"
        for child in current.children:
            if child.dep_ in ("nsubj", "csubj"):
                # "X made albums and was awarded a medal": X is what the passive verb is done to, as in
                # a bare past participle's clause ("X appeared in court, charged with murder")
                return child, current.i != verb.i and (
                    any(c.dep_ == "auxpass" for c in verb.children) or _bare_participle(verb)
                )
            if child.dep_ == "nsubjpass":
                if current.i == verb.i or _passive_form(verb):
                    return child, True
                if verb.dep_ == "conj":
                    return child, False  # "X was attacked and fled": X fled
                # "X was attacked by Y, killing 40": the killing is Y's (or nobody's that the clause names)
                return _agent(current), False
        if current.dep_ in ("acl", "relcl") and current.head.i != current.i:
            infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in current.children)
            owner = _children(current.head, ("poss",))
            if infinitive and owner and owner[0].pos_ in ("PROPN", "PRON"):
                # "Trump's readiness to meet Putin", "his willingness to talk": the owner acts
                return owner[0], False
            if current.dep_ == "acl" and current.tag_ == "VBG" and current.head.dep_ == "dobj" and (
                current.head.lemma_.lower() in _INSTRUMENTS and current.head.head.lemma_.lower() in _ISSUING
            ):  # fmt: skip
                # "signed a decree banning the niqab", "issued an order expelling diplomats": the decree does
                # nothing itself; who issued it does it through it
                return _subject(current.head.head)
            if not infinitive:
                # "the attack carried out by X", "X, who met Y": the noun the clause describes
                passive = current.dep_ == "acl" and current.tag_ == "VBN"
                return current.head, passive
        if current.head.i == current.i or current.dep_ in ("ccomp", "csubj", "parataxis"):
            break
        if current.dep_ == "pcomp" and current.head.lower_ == "for":
            # object control: "the court sentenced X for torturing ...", "praised X for helping": X did it
            controller = _children(current.head.head, ("dobj",))
            if controller:
                return controller[0], False
        current = current.head
    return None, False


def _subjunctive(verb: Token) -> bool:
    """A demand's complement in the bare base form, no auxiliary or modal ("demanded that Peru release
    them"; not "told reporters he could speak to Putin")."""
    return (
        verb.dep_ == "ccomp" and verb.tag_ == "VB" and verb.head.lemma_.lower() in _MANDATIVE
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )  # fmt: skip


# English verbs of accusing and of legal action, whose "of", "for" or "with" gerund names the offence
# ("accused Iran of attacking tankers", "arrested for murdering his wife", "charged with smuggling"): an act
# alleged, which CAMEO codes as the accusation or the legal action, not as done.
_ALLEGING = frozenset({
    "accuse", "charge", "suspect", "indict", "convict", "blame", "arrest", "detain", "jail", "imprison",
    "sentence", "prosecute", "try", "acquit", "fine", "investigate", "sue", "allege",
})  # fmt: skip


def _alleged(verb: Token) -> bool:
    """Whether a gerund is the offence a verb of accusing or legal action names ("accused of murdering"), or
    one of the offences it lists ("accused of shooting and killing two people")."""
    while verb.dep_ == "conj" and verb.tag_ == "VBG" and verb.head.tag_ == "VBG" and verb.head.i != verb.i:
        verb = verb.head
    prep = verb.head
    return (
        verb.dep_ == "pcomp" and verb.tag_ == "VBG" and prep.dep_ == "prep" and prep.lower_ in ("of", "for", "with")
        and prep.head.lemma_.lower() in _ALLEGING
    )  # fmt: skip


def _bare_participle(verb: Token) -> bool:
    """A past participle heading an adverbial clause with no auxiliary of its own ("..., charged with
    murder", "accused of corruption by the opposition, he resigned"): English's reduced passive."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _passive_form(verb: Token) -> bool:
    return verb.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in verb.children)


def _children(token: Token, deps: tuple[str, ...]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _conjuncts(token: Token) -> list[Token]:
    """The token and every actor coordinated with it ("Arnor, Osgiliath and Gondor")."""
    found = [token]
    stack = [token]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON", "ADJ"):
                found.append(child)
                stack.append(child)
    return sorted(found, key=lambda t: t.i)


def _in_phrase(child: Token, head: Token) -> bool:
    if child.dep_ == "prep":
        if child.lower_ == "in":
            # "activists in Arnor" are Arnorian activists; "an attack in Ithilen" is no Ithilen actor
            return child.head.i == head.i and head.tag_ in ("NNS", "NNPS")
        return child.head.i == head.i and child.lower_ in _ACTOR_PREPS
    return child.dep_ not in _NOT_IN_PHRASE or (child.dep_ == "punct" and child.text in ("-", "'", "’"))


def _phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase headed by `head`, without clauses, appositions and coordinated actors."""
    keep: list[Token] = []
    stack = [head]
    while stack:
        token = stack.pop()
        keep.append(token)
        stack += [c for c in token.children if _in_phrase(c, head)]
    return sorted(keep, key=lambda t: t.i)


def _places_listed(token: Token) -> list[Token] | None:
    """A place and the places after it after commas, with no "and" ("Kamloops, British Columbia, Canada", parsed
    as a coordination or as appositions; "London, Paris, Berlin"): each may be a larger place that qualifies the
    one before or a place of its own, which the coder decides with its gazetteer (each phrase's ``place``)."""
    group = _conjuncts(token)
    if token.ent_type_ not in _PLACE_LABELS or any(c.dep_ == "cc" for g in group for c in g.children):
        return None
    stack = list(group)
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "appos" and child.ent_type_ in _PLACE_LABELS:
                group.append(child)
                stack.append(child)
    group.sort(key=lambda t: t.i)
    return group if len(group) > 1 and all(g.ent_type_ in _PLACE_LABELS for g in group) else None


def _variants(tokens: list[Token], head: Token) -> list[tuple[list[Token], str | None]]:
    """A phrase with coordinated modifiers becomes one phrase per conjunct: "the ambassadors of Arnor,
    Osgiliath and Gondor" (each country with the agent), "Eriadori and Calenardhon leaders". Each comes with
    its place when it is one of a comma list of places (``_places_listed``)."""
    for token in tokens:
        if token.i == head.i:
            continue
        listed = _places_listed(token) if token.dep_ == "pobj" else None
        group = listed or _conjuncts(token)
        if len(group) > 1 and token.dep_ in ("pobj", "amod", "compound", "poss", "nmod"):
            drop = {x.i for g in group for x in _phrase_tokens(g)}
            base = [t for t in tokens if t.i not in drop and t.dep_ != "cc"]
            return [(sorted(base + _phrase_tokens(g), key=lambda t: t.i), _text(_phrase_tokens(g)) if listed else None)
                    for g in group]  # fmt: skip
    return [(tokens, None)]


def _phrases(head: Token, by_token: dict[int, int], prep: str = "", place: bool = False) -> list[dict]:
    """One phrase per actor in `head`'s noun phrase: each conjunct, and each conjunct of a modifier.

    `place`: the phrase says where ("in Gondor"), so it is a target only when nothing else is.
    """
    out = []
    for conjunct in _conjuncts(head):
        for variant, listed_place in _variants(_phrase_tokens(conjunct), conjunct):
            phrase = {**_phrase(variant, conjunct, by_token, prep, group=head.i), "place": listed_place}
            if place and phrase["kind"] == "np":
                phrase["kind"] = "place"
            out.append(phrase)
    return out


def _names_head(token: Token, head: Token) -> bool:
    """Whether a name inside the phrase names the phrase's referent ("President Trump", "Russian officials")
    rather than an owner or a place of it ("the minister's recommendations", "officials of Russia")."""
    while token.i != head.i:
        if token.dep_ in ("poss", "pobj", "prep") and head.pos_ != "PROPN":
            return False
        token = token.head
    return True


def _text(tokens: list[Token]) -> str:
    """The words as written, a space where words were left out ("Gondor government" of "Gondor's government")."""
    tokens = [t for t in tokens if not t.is_space]
    parts = []
    for k, token in enumerate(tokens):
        parts.append(token.text)
        if k + 1 < len(tokens):
            parts.append(token.whitespace_ if tokens[k + 1].i == token.i + 1 else " ")
    return "".join(parts).strip()


def _expletive(pronoun: Token) -> bool:
    """ "It is difficult to say", "it was decided that": an "it" that stands for a clause, not an actor."""
    if pronoun.lower_ != "it" or pronoun.dep_ not in ("nsubj", "nsubjpass", "expl"):
        return pronoun.dep_ == "expl"
    deps = {c.dep_ for c in pronoun.head.children}
    if pronoun.dep_ == "nsubjpass":
        return "ccomp" in deps
    return bool(deps & {"acomp", "attr"}) and bool(deps & {"xcomp", "ccomp", "csubj"})


def _points_back(head: Token) -> bool:
    """Whether a plural noun stands for two actors named before: "both leaders", "the two sides" are definite;
    "two police officers were injured" is an indefinite numeral, new people."""
    words = {t.lower_ for t in head.children}
    return "both" in words or ("two" in words and bool(words & {"the", "these", "those"}))


def _phrase(tokens: list[Token], head: Token, by_token: dict[int, int], prep: str, group: int) -> dict:
    counted = _counted(head)
    mention = by_token.get(head.i, by_token.get(counted.i))  # "thousands of Algerians" names Algerians
    if mention is None:
        mention = next((by_token[t.i] for t in tokens if t.i in by_token and _names_head(t, head)), None)
    kind = "pronoun" if head.pos_ == "PRON" and head.lower_ in _PRONOUNS and not _expletive(head) else "np"
    if head.tag_ in ("NNS", "NNPS") and mention is None and _points_back(head):
        kind = "pair"  # "the two leaders", "both countries": two actors named before
    elif kind == "np" and _named_thing(head):
        kind = "thing"
    return {
        "text": _text(tokens),
        "start_char": tokens[0].idx,
        "end_char": tokens[-1].idx + len(tokens[-1].text),
        "mention_index": mention,
        "kind": kind,
        "prep": prep,
        "group": group,
        "head": counted.text,
        "place": None,
    }


def _named_thing(head: Token) -> bool:
    """Whether a phrase's head names a law, a work, a product, an event or a storm."""
    return head.ent_type_ in _THING_LABELS or (
        head.pos_ == "PROPN" and head.i > 0 and head.nbor(-1).lower_ in _STORM_TITLES and head.nbor(-1).head.i == head.i
    )


def _counted(head: Token) -> Token:
    """What a quantity noun counts ("hundreds of students" -> students), or a number or quantifier picks out of
    a group ("one of the two men", "some of the protesters"), else the head itself."""
    partitive = head.pos_ == "NUM" or head.lower_ in _PARTITIVES
    if partitive or head.lemma_.lower() in _QUANTITY_HEADS or head.lower_ in (
        "hundreds", "thousands", "millions", "dozens", "tens"
    ):  # fmt: skip
        for prep in _children(head, ("prep",)):
            if prep.lower_ == "of" and (pobj := _children(prep, ("pobj",))):
                return pobj[0]
    return head


def _own_parties(noun: Token) -> bool:
    """Whether an event noun names its own parties: "a meeting between A and B", "A's talks with B"."""
    if noun.pos_ != "NOUN":
        return False
    preps = {c.lower_: c for c in noun.children if c.dep_ == "prep"}
    between = preps.get("between")
    if between is not None and any(len(_conjuncts(p)) > 1 for p in _children(between, ("pobj",))):
        return True
    has_source = "by" in preps or bool(_children(noun, ("poss",)))
    return has_source and any(p in preps for p in ("with", "to", "against"))


# English's media of communication: after "by", "over" or "through" ("spoke by telephone", "announced by live
# television") they say how something was said, as "via" anything does. Not after "on", where a medium is as
# often the target ("imposed sanctions on Twitter") as the means ("wrote on Twitter").
_MEDIA = frozenset({
    "twitter", "facebook", "instagram", "youtube", "telegram", "tiktok", "television", "tv", "radio", "telephone",
    "phone", "video", "videoconference", "videolink", "livestream", "broadcast", "email", "e-mail", "letter",
})  # fmt: skip


def _medium(token: Token) -> bool:
    """Whether a preposition names the medium or route of an act rather than a party to it."""
    if token.dep_ != "prep":
        return False
    objects = _children(token, ("pobj",))
    return token.lower_ == "via" or (token.lower_ in ("by", "over", "through") and bool(objects) and all(
        o.lower_ in _MEDIA or o.lemma_.lower() in _MEDIA for o in objects))  # fmt: skip


def _objects(verb: Token) -> list[tuple[Token, str, bool]]:
    """Candidate targets, most likely first: datives and direct objects, then objects of prepositions
    anywhere in the clause after the verb ("restored ties with B", "welcomed a resumption of ties with B",
    "condemned an attack by B"), those of place and time prepositions ("in", "on", "during") last."""
    found: list[tuple[int, int, int, Token, str]] = []  # tier, depth, position, head, preposition
    # a subject after its verb ("said Jamie Clark, vice president of Defenders of Wildlife") is the doer: what its
    # phrase and appositions name (the office, its organisation) is none of the verb's targets
    stack = [(c, 1, False) for c in verb.children
             if (c.i > verb.i or c.dep_ == "dative") and c.dep_ not in ("nsubj", "nsubjpass", "csubj", "expl")]
    while stack:
        token, depth, nested = stack.pop()
        infinitive = token.dep_ in ("acl", "advcl") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
        if token.dep_ == "ccomp" and token.pos_ == "ADJ" and token.head.i == verb.i:
            # "found John Smith guilty", "declared the vote invalid": the subject of the adjective's small clause
            # is the verb's object
            found += [(0, depth, s.i, s, "") for s in _children(token, ("nsubj",))]
        if (token.dep_ in _CLAUSAL and not infinitive) or token.dep_ == "conj" or _when(token) or _absolute(token):
            continue
        if token.dep_ == "prep" and token.lower_ == "as" and not (token.i and token.nbor(-1).lower_ == "such"):
            # "resigned as governor", "served as president of the US": a role, not a party; those the role is
            # between still are ("acted as a mediator between Iran and Saudi Arabia"); "such as" lists parties
            stack.extend((g, depth + 1, nested) for c in token.children for g in c.children
                         if g.dep_ == "prep" and g.lower_ in ("between", "among", "with"))
            continue
        if token.dep_ == "prep" and token.lower_ == "for" and token.head.lemma_.lower() in _CANDIDACY and not any(
            o.ent_type_ == "PERSON" for o in _children(token, ("pobj",))
        ):  # fmt: skip
            continue  # "his campaign for President of the United States", "ran for governor": an office, no party
        if _medium(token):
            continue  # "speaking via Twitter", "announced by live television": how it was said, not to whom
        if token.dep_ == "prep" and token.lower_ in ("despite", "notwithstanding"):
            continue  # "announced it despite criticism by Greece": a concession names no party of the act
        if nested and token.dep_ in ("dobj", "pobj") and _own_parties(token):
            # "volunteered to host a meeting between A and B": A and B are the parties of the meeting (and
            # targets of the hosting, a clause of its own), not of the volunteering
            continue
        if token.dep_ == "dative":
            pobj = _children(token, ("pobj",))
            found.append((0, depth, token.i, pobj[0] if pobj else token, token.lower_ if pobj else ""))
        elif token.dep_ in ("dobj", "obj", "attr", "oprd") and token.head.i == verb.i:
            found.append((0, depth, token.i, token, ""))
        elif token.dep_ == "pobj" and token.head.dep_ in ("prep", "agent"):
            prep = token.head.lower_
            outer = token.head.head
            if prep == "of" and outer.dep_ == "pobj" and outer.head.lower_ in ("in", "within", "throughout"):
                prep = outer.head.lower_  # "in the states of Idaho and Ohio", "in the city of Aleppo": where
            # "on" sets the scene for a date ("on Monday"); "called on Ethiopia", "sanctions on Iran" name a target
            setting = prep in _SETTING_PREPS and (prep != "on" or token.ent_type_ in ("DATE", "TIME"))
            if not setting:
                found.append((1, depth, token.i, token, prep))
            elif nested:
                pass  # "proposed to set limits for service in the Senate": where the infinitive's act is, no party
            else:
                # "met in Helsinki" places the event rather than naming a target: the last resort
                found.append((3 if token.ent_type_ in _PLACE_LABELS else 2, depth, token.i, token, prep))
        elif token.dep_ == "dobj" and token.head.dep_ in ("xcomp", "pcomp", "acl", "advcl"):
            found.append((1, depth, token.i, token, ""))
        # the objects of an infinitive complement ("threatened to use force against B") still name the
        # target of this verb, but the parties of an event noun inside it do not
        nested = nested or (token.dep_ in ("xcomp", "advcl", "acl") and token.pos_ in ("VERB", "NOUN", "AUX"))
        # "the Constitution of the United States": the country is part of a law's name, no party
        of_name = token.dep_ in ("dobj", "pobj") and _named_thing(token)
        stack.extend((c, depth + 1, nested) for c in token.children if not (of_name and c.lower_ == "of"))
    found.sort(key=lambda f: f[:3])
    return [(head, prep, tier == 3) for tier, _, _, head, prep in found]


# English words of standing for an office: what their "for" names is the office ("ran for governor", "a
# candidate for president"); a person after it is one supported ("campaigned for Biden").
_CANDIDACY = frozenset({"run", "campaign", "candidate", "candidacy", "bid", "nomination", "nominee", "race", "stand"})


# Prepositions of time: what they govern dates the event ("dropped out ahead of the debate", "protested
# after the election"); it is never a party to it.
_TIME_PREPS = frozenset({"before", "after", "during", "until", "till", "since", "amid", "following", "throughout"})


def _when(token: Token) -> bool:
    """Whether a dependent is a preposition of time, or "ahead of" / "prior to"."""
    if token.dep_ != "prep":
        return False
    return token.lower_ in _TIME_PREPS or (token.lower_ in ("of", "to") and token.head.lower_ in ("ahead", "prior"))


# English verbs of necessity: their passive with no agent says what one had to do ("was forced to resign",
# "were compelled to leave"), not that anyone coerced them; with "by X", or active, X coerces (CAMEO 17).
_NECESSITY = frozenset({"force", "compel", "oblige", "obligate"})


def _coercer(verb: Token) -> Token | None:
    """The agent of a passive of necessity, on it or on its infinitive: "was forced to resign by the army" is
    parsed with "by the army" under "resign", which as an active verb takes no agent of its own."""
    found = _agent(verb)
    for complement in _children(verb, ("xcomp",)):
        for prep in _children(complement, ("prep", "agent")):
            if found is None and prep.lower_ == "by":
                found = next(iter(_children(prep, ("pobj",))), None)
    return found


def _had_to(verb: Token) -> bool:
    """Whether a passive of necessity has an infinitive and names no one who coerced ("was forced to resign")."""
    return bool(_children(verb, ("xcomp",))) and _coercer(verb) is None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next(iter(_children(child, ("pobj",))), None)
    return None


def _absolute(token: Token) -> bool:
    """Whether a preposition's verb complement has a subject of its own: English's absolute clause ("with
    a storm approaching the coast", "without anyone noticing"), a clause of its own, not words of the verb's."""
    return token.dep_ == "pcomp" and _is_verb(token) and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def _dated(token: Token) -> bool:
    """Whether a preposition's object is a date or a time ("on Monday", "for three days", "in May"): it says
    when, so its preposition is not the one a verb pattern reads ("called Macron on Monday" is no "call on")."""
    objects = _children(token, ("pobj",))
    # "called for three days of mourning": a span of something is what is called for, not when
    return token.dep_ == "prep" and bool(objects) and all(
        o.ent_type_ in ("DATE", "TIME") and not any(c.dep_ == "prep" and c.lower_ == "of" for c in o.children)
        for o in objects
    )


def _undated(tokens: list[Token]) -> list[Token]:
    """The tokens less the date and time phrases among them (a place inside one still places the clause:
    "on Friday in Istanbul")."""
    dated = {t.i for d in tokens if _dated(d) for t in d.subtree}
    return [t for t in tokens if t.i not in dated] if dated else tokens


def _clause_tokens(verb: Token, side: str) -> list[Token]:
    """Words of the verb's own clause on one side of it, without nested clauses."""
    out: list[Token] = []
    stack = [c for c in verb.children if (c.i > verb.i) == (side == "after")]
    while stack:
        token = stack.pop()
        if token.dep_ in _CLAUSAL or (token.dep_ == "conj" and _is_verb(token)) or _absolute(token):
            continue
        out.append(token)
        stack.extend(token.children)
    return sorted((t for t in out if not t.is_punct or t.text in ("'s", "’s")), key=lambda t: t.i)


def is_negated(verb: Token) -> bool:
    current = verb
    for _ in range(3):
        if any(c.dep_ == "neg" or (c.lower_ in ("never", "not") and c.dep_ == "advmod") for c in current.children):
            return True
        if current.dep_ in ("xcomp", "conj") and current.head.i != current.i:
            current = current.head
        else:
            break
    return False


# "used drones to attack Kyiv": what the thing was used for was done; "flew to Beijing to meet Xi": news
# reports a journey by what it was for. A gathering's purpose stays to be done here ("met in Brussels to impose
# sanctions, but Hungary blocked the move"): the coder un-hypothesises it only for talks (``GATHERINGS``).
_INSTRUMENT = frozenset({"use", "employ"})
_JOURNEYS = frozenset({"fly", "travel", "go", "come", "arrive", "head", "return", "visit"})
GATHERINGS = frozenset({"meet", "gather", "assemble", "convene"})


def _purpose(verb: Token) -> bool:
    """Whether a to-infinitive is a purpose ("set up a panel to suggest designs", "sent troops to attack"; an
    infinitive after a verb's object that does not control it is one too)."""
    return _to_infinitive(verb) and (verb.dep_ == "acl" or (
        verb.dep_ == "advcl" and verb.head.lemma_.lower() not in _JOURNEYS) or (
        verb.dep_ == "xcomp" and verb.head.lemma_.lower() not in _OBJECT_CONTROL | _INSTRUMENT
        and any(c.dep_ == "dobj" and c.i < verb.i for c in verb.head.children)
    ))  # fmt: skip


def purpose_of(verb: Token) -> str | None:
    """The lemma of the verb a purpose clause is for, unless that verb is an intent ("plans to lend"); a journey's
    too ("return a flag to commemorate the milestone"), though what a journey was for is done."""
    head = verb.head.lemma_.lower()
    purpose = _purpose(verb) or (_to_infinitive(verb) and verb.dep_ == "advcl")
    return head if purpose and head not in _INTENT_HEADS else None


# Penn tags of a finite verb: past and present tense ("freed", "frees", "free").
_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def is_hypothetical(verb: Token) -> bool:
    if verb.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in _UNDONE for c in verb.children):
        return True  # "Putin's planned visit to China", "the upcoming talks between A and B"
    if _purpose(verb):
        return True  # a purpose: not done yet
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ == "aux" and child.lower_ in _MODALS:
                return True
            if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                return True
        if current.dep_ == "conj" and current.tag_ in _FINITE:
            break  # "agreed to release the hostages and freed 10": a conjunct with its own tense says it was done
        if current.dep_ in ("xcomp", "acl", "advcl", "ccomp", "conj", "pcomp") and current.head.i != current.i:
            infinitive = current.dep_ == "advcl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in current.children)
            intent = current.head.lemma_.lower() in _INTENT_HEADS and not _managed(current.head)
            if (current.dep_ in ("xcomp", "acl") or infinitive) and intent:
                return True  # "plans to meet", "volunteered to host" (parsed as a purpose clause)
            current = current.head
        else:
            break
    return False


def _managed(head: Token) -> bool:
    """ "was able to meet": English's past of ability says the act was done (managed), unlike "is able to";
    not when negated or conditional ("was not able to", "if she was able to")."""
    be = head.head
    return head.lemma_.lower() == "able" and be.lemma_ == "be" and be.tag_ == "VBD" and not any(
        c.dep_ == "neg" or c.lower_ in ("never", "if", "unless", "whether") for c in be.children
    )


# A date that modifies a noun dates that thing, not the clause's event: "her 2020 campaign", "Tuesday's
# pleas", "Fourteen-year-old Zoe".
_NOUN_MODIFIERS = frozenset({"amod", "compound", "nmod", "poss", "nummod"})


def _date_in(verb: Token, clause_tokens: list[Token], ents: list[Span]) -> str | None:
    """The DATE entity of the verb's own clause nearest the verb: not one of a clause nested in it ("in a
    letter published on Monday, he said"), nor one that modifies a noun other than the event's own
    ("Sunday's talks", "Monday's strike killed 12" keep theirs); the nearest, as a dateline run into the
    sentence ("Thursday, May 7, 2015 On Tuesday, the government announced") is further away."""
    clause = {t.i for t in clause_tokens} | {verb.i}

    def dates_event(date: Span) -> bool:
        if date.root.dep_ not in _NOUN_MODIFIERS:
            return True
        noun = date.root.head
        # the noun of a preposition that puts the event inside a period dates it ("during the 2016 presidential
        # election"; not "after the 2020 election")
        timed = noun.dep_ == "pobj" and noun.head.lower_ in ("during", "throughout", "amid")
        return timed or noun.i == verb.i or (noun.dep_ == "nsubj" and noun.head.i == verb.i and noun.pos_ == "NOUN"
                                             and not date.text.lower().endswith("old"))  # fmt: skip

    # the offence an accusation names keeps its own date when that is a year ("is now accused of murdering two
    # women in 1967"); a weekday or "last week" in it is the news's time ("charged with murdering his wife on
    # Monday"), the accusation's as much as the offence's
    offence = {t.i for p in _children(verb, ("prep",)) for g in p.children if _alleged(g) for t in g.subtree}
    dates = [e for e in ents if e.label_ == "DATE" and e.root.i in clause and e.root.i != verb.i and dates_event(e)
             and not (e.root.i in offence and any(t.like_num and len(t.text) == 4 for t in e))]
    if not dates:
        return None
    return min(dates, key=lambda e: min(abs(e.start - verb.i), abs(e.end - 1 - verb.i))).text


# Where a place phrase attaches: to the verb, to one of its arguments ("arrested twelve people in Tamil
# Nadu", often attached so by the parse), or to its subject ("police in Paris"), in that order of trust;
# "to" and "into" only to the verb ("flew to Beijing to meet"; not "his flight to London").
_STATIC_PREPS = _LOCATIVE_PREPS - {"to", "into"}


def _places_in(verb: Token, clause_tokens: list[Token], ents: list[Span]) -> list[str]:
    """Where a clause (its words but the verb) locates its event, the verb's own phrases first: each place
    name after a locative preposition, with the place names after commas that attach to it and may
    qualify it ("Paris, Texas", "Winchester, Hampshire, England"; not "in Brussels, Paris prosecutors
    said"), so the gazetteer can tell which one is meant."""
    clause = {t.i for t in clause_tokens}
    places = [e for e in ents if e.label_ in _PLACE_LABELS]
    found = []
    for k, ent in enumerate(places):
        head = ent.root
        prep = head.head
        if ent.start not in clause or head.dep_ != "pobj" or prep.lower_ not in _LOCATIVE_PREPS:
            continue
        anchor = prep.head
        if prep.lower_ in _STATIC_PREPS:
            # a place inside another phrase of the verb: "at Al Noor Hall in Peshawar", "killed by an
            # airstrike in Iraq", "protested against the government in Belgrade", "met for talks in Geneva"
            while anchor.dep_ == "pobj" and anchor.head.dep_ in ("prep", "agent") and anchor.head.lower_ not in (
                    "to", "into"):
                anchor = anchor.head.head
        if anchor.i == verb.i:
            trust = 0
        elif prep.lower_ in _STATIC_PREPS and anchor.head.i == verb.i and anchor.dep_ in ("dobj", "attr"):
            trust = 1
        elif prep.lower_ in _STATIC_PREPS and anchor.head.i == verb.i and anchor.dep_.startswith("nsubj"):
            trust = 2
        else:
            continue
        names = [ent.text.removeprefix("the ").strip()]
        doc, chain = ent.doc, [ent]
        for after in places[k + 1:]:
            last = chain[-1]
            # "Police in London, Ontario arrested": the parse may make the qualifying place a second subject of the
            # verb, as the coder reads the actor (``join_place_chains``); the gazetteer decides whether it qualifies
            misparsed = trust == 2 and after.root.dep_.startswith("nsubj") and after.root.head.i == verb.i
            if (after.start != last.end + 1 or doc[last.end].text != "," or after.label_ == "FAC"
                    or not (misparsed or any(c.start <= after.root.head.i < c.end for c in chain))):
                break
            names.append(after.text.removeprefix("the ").strip())
            chain.append(after)
        found.append((trust, ent.start, ", ".join(names)))
    return [text for _, _, text in sorted(found)]


def _nominal_candidates(noun: Token, by_token: dict[int, int]) -> tuple[list[dict], list[dict]] | None:
    """Actors of an event noun: "the meeting between A and B", "A's visit to B", "talks with B by A"."""
    sources: list[dict] = []
    targets: list[dict] = []
    undergoers: list[dict] = []
    for prep in _children(noun, ("prep",)):
        pobjs = _children(prep, ("pobj",))
        if not pobjs:
            continue
        if prep.lower_ == "of":
            # "the killing of a teenager by police": with a "by" phrase naming the doer, the "of" phrase is whom
            # it was done to, as the object of the verb the noun is made from ("the meeting of ministers" alone
            # names who met)
            undergoers += _phrases(pobjs[0], by_token, "of")
        elif prep.lower_ == "between":
            group = _conjuncts(pobjs[0])
            if len(group) >= 2:
                sources += [_phrase(_phrase_tokens(group[0]), group[0], by_token, "", group[0].i)]
                targets += [_phrase(_phrase_tokens(g), g, by_token, "between", group[1].i) for g in group[1:]]
        elif prep.lower_ == "by":
            sources += _phrases(pobjs[0], by_token)
            # "an attack by A on B" is often parsed with "on B" under A
            for inner in _children(pobjs[0], ("prep",)):
                if inner.lower_ in ("on", "against") and (inner_objects := _children(inner, ("pobj",))):
                    targets += _phrases(inner_objects[0], by_token, inner.lower_)
        elif prep.lower_ in _NOMINAL_PREPS:
            targets += _phrases(pobjs[0], by_token, prep.lower_)
    if any(p.lower_ == "by" for p in _children(noun, ("prep",))):
        targets += undergoers
    for poss in _children(noun, ("poss",)):
        sources += _phrases(poss, by_token)
    if not sources or not targets:
        return None
    return sources, targets


_QUOTES = frozenset({'"', "“", "”", "``", "''"})


def _quoted_after_object(verb: Token) -> Token | None:
    """The opening quotation mark after a verb's direct object in the verb's own clause, when it opens a name
    ("calling the investigation 'Soviet-style'"), not a quoted modifier ("after the 'yellow vest' protests",
    a mark after a determiner or a possessive)."""
    obj = next(iter(_children(verb, ("dobj",))), None)
    if obj is None:
        return None
    for token in verb.subtree:
        if token.i > obj.left_edge.i and token.text in _QUOTES and token.nbor(-1).tag_ not in ("DT", "PRP$", "POS"):
            up = token
            while up.i != verb.i and up.dep_ not in _CLAUSAL:
                up = up.head
            if up.i == verb.i:
                return token
    return None


def _to_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _complement(verb: Token) -> dict:
    """A complement clause as a target of kind "clause", its verb's offset in ``start_char``, ``prep`` "to"
    for an infinitive ("proposed to set limits") and "that" for a finite one ("said it had arrested"). It
    names no actor, but it is what the verb is about: a compound subject that proposes something does not
    act on itself, and a statement whose content is an event of its own is not coded twice."""
    infinitive = verb.dep_ == "xcomp" or _to_infinitive(verb)
    return {"text": verb.text, "start_char": verb.idx, "end_char": verb.idx + len(verb.text), "mention_index": None,
            "kind": "clause", "prep": "to" if infinitive else "that", "group": verb.i, "head": verb.text,
            "place": None}  # fmt: skip


def _words(tokens: list[Token]) -> tuple[list[str], list[str]]:
    return [t.lower_ for t in tokens], [t.lemma_.lower() for t in tokens]


def extract_clauses(article_id: str, doc: Doc, mentions: list[Span]) -> list[tuple]:
    """Rows of CLAUSE_SCHEMA: one per verb (and per event noun with its parties) in `doc`.

    `mentions` are the article's named-entity mention spans, in mention-index order.
    """
    by_token = {t.i: idx for idx, span in enumerate(mentions) for t in span}
    rows = []
    doc_ents = list(doc.ents)  # a Span's own ``ents`` scans the whole document each time
    for s_index, sentence in enumerate(doc.sents):
        ents = [e for e in doc_ents if e.start >= sentence.start and e.end <= sentence.end]
        for token in sentence:
            nominal = token.pos_ == "NOUN"
            passive = False
            if nominal:
                found = _nominal_candidates(token, by_token)
                if found is None:
                    continue
                sources, targets = found
            elif _is_verb(token):
                lemma = token.lemma_.lower()
                if lemma in _PLAIN_INTENT and any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in token.children):
                    continue  # "plans to meet": the meeting is the event, flagged hypothetical
                if token.dep_ == "xcomp" and token.head.lemma_.lower() in _DIRECTIVES:
                    continue  # "urged Iran to release the sailors": the appeal is the event, not a release
                if _subjunctive(token):
                    continue  # "requested Trump declare an emergency", "demanded that Iran release them
                if _alleged(token):
                    continue  # "accused Iran of attacking tankers", "men charged with murdering her": alleged
                undergoes = lemma in _UNDERGO and not _children(token, ("dobj",))  # "rebels sank a ship" is done
                if undergoes or (lemma in _NAMING and token.dep_ == "acl" and token.tag_ == "VBN"):
                    continue
                if (lemma in _DESCRIBING and _describes_as(token)) or (lemma in _NAMING and _as_it_is_called(token)):
                    continue  # "often referred to as 'The Lion Man'", "what she described as a threat": a name
                if any((lemma, c.lemma_.lower()) in _IDIOMS for c in token.children if c.dep_ == "dobj"):
                    continue
                subject, passive = _subject(token)
                if passive and lemma in _NECESSITY and _had_to(token):
                    continue  # "the company was forced to issue a patch": it had to; nobody coerced it
                objects = _objects(token)
                if passive:
                    agent = _coercer(token) if lemma in _NECESSITY else _agent(token)
                    # prep "by": a passive's agents, who act on its subject, not with each other
                    sources = _phrases(agent, by_token, "by") if agent is not None else []
                    targets = _phrases(subject, by_token) if subject is not None else []
                    targets += [
                        p for obj, prep, place in objects if agent is None or obj.i != agent.i
                        for p in _phrases(obj, by_token, prep, place)
                    ]  # fmt: skip
                else:
                    # a parse may give a verb two subjects ("Old foes Gondor and Osgiliath renewed ties")
                    subjects = [
                        subject,
                        *(c for c in _children(token, ("nsubj",)) if subject is not None and c.i != subject.i),
                    ]
                    sources = [p for sub in subjects if sub is not None for p in _phrases(sub, by_token)]
                    targets = [p for obj, prep, place in objects for p in _phrases(obj, by_token, prep, place)]
                    if lemma in _MANDATIVE:
                        # "demanded that Peru release them": who is to act is whom the demand is made of
                        targets[:0] = [
                            p for c in _children(token, ("ccomp",)) if _subjunctive(c)
                            for s in _children(c, ("nsubj",)) for p in _phrases(s, by_token)
                        ]  # fmt: skip
                    if lemma in _NAMING:
                        # "called Trump a clown": the object complement is what the object is called, no party;
                        # a quotation after the object is the name it is called, however the parse attaches it
                        # ("calling the investigation into Trump 'Soviet-style'")
                        names = {o.i for o in _children(token, ("oprd",))}
                        quoted = _quoted_after_object(token)
                        for phrase in targets:
                            # the phrases from the quotation on, and the one the quotation is part of
                            at_quote = quoted is not None and (
                                phrase["start_char"] >= quoted.idx
                                or (phrase["start_char"] < quoted.idx < phrase["end_char"]
                                    and phrase["head"] == quoted.head.text)
                            )
                            if phrase["group"] in names or at_quote:
                                phrase["kind"] = "name"
                targets += [
                    _complement(c) for c in token.children
                    if c.i > token.i and (c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "advcl" and _to_infinitive(c)))
                ]  # fmt: skip
                # "announced plans to shift its focus" reports, as "announced that it plans to" does, the plan
                targets += [
                    {**_complement(c), "prep": "that"}
                    for o in _children(token, ("dobj",)) if o.lemma_.lower() in _INTENT_HEADS
                    for c in _children(o, ("acl",)) if _to_infinitive(c)
                ]  # fmt: skip
            else:
                continue
            before = _clause_tokens(token, "before")
            after = _clause_tokens(token, "after")
            when, places = _date_in(token, before + after, ents), _places_in(token, before + after, ents)
            if token.dep_ == "xcomp" and not (when and places):
                # "in Italy, towns have started asking churches to pay": when and where the verb it completes is
                governing = _clause_tokens(token.head, "before") + _clause_tokens(token.head, "after")
                when = when or _date_in(token.head, governing, ents)
                places = places or _places_in(token.head, governing, ents)
            rows.append((
                article_id, s_index, token.lemma_.lower(), token.lower_, token.idx, nominal,
                sources, targets, *_words(_undated(before)), *_words(_undated(after)),
                is_negated(token), is_hypothetical(token), when, places,
                sentence.text, sentence.start_char, sentence.end_char,
                next((c.lower_ for c in token.children if c.dep_ == "prt"), None),
                # a reduced relative ("48 diplomats attached to the mission", "the weapons used") describes its
                # noun rather than reports an act done to it
                passive and token.dep_ != "acl",
                purpose_of(token),
            ))  # fmt: skip
    return rows


def clauses_frame(rows: list[tuple]) -> pl.DataFrame:
    import polars as pl

    from wirehouse.model import CLAUSE_SCHEMA

    return pl.DataFrame(rows, schema=CLAUSE_SCHEMA, orient="row")
