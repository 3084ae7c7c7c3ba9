"""PETRARCH dictionary parsers on small inline files and on the shipped Phoenix dictionaries."""

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from wirehouse.dictionaries import (
    CODEBOOK_VERB_FILE,
    DEFAULT_DIR,
    PROJECT_AGENT_FILES,
    PROJECT_VERB_FILES,
    DictionaryError,
    default_actor_paths,
    default_agent_paths,
    load_actors,
    load_agents,
    load_dictionaries,
    load_discards,
    load_verbs,
    normalise_phrase,
    parse_yymmdd,
)

ACTORS = """\
# a comment line
<!-- an XML-style comment -->
ARNOR_  [ARN]
+ARNORIAN_
+CITY_OF_ANNUMINAS  # a comment after an alias

GOLLUM  # pas 27 Apr 03
+SMEAGOL
	[HOB < 950601]
	[HOBGOV 19950601 - 19990815]
	[HOBREB >990816]

ARGENTIN  [ARG]
U.S._PRESIDENT_GEORGE_W._BUSH_
	[USAELI 460706-010119]
	[USAGOV 010120-090120]
	[USAELI]
ENT
	[ENT]
RHUDAUR_AND_CARDOLAN [RHC 920428-060605]
PRANCING_PONY_ [BRECAF <040726][ERIMNC]  # recoded
BARLIMAN_BUTTERBUR_ [BREBUS 000101-080801] [---]
---STOP---
IGNORED [IGN]
"""


@pytest.fixture
def actors_file(tmp_path: Path) -> Path:
    path = tmp_path / "test.actors.txt"
    path.write_text(ACTORS)
    return path


def test_actor_names_aliases_and_codes(actors_file: Path) -> None:
    actors = load_actors([actors_file])
    arnor = actors.match("Arnor")
    assert arnor is not None and arnor.name == "Arnor" and arnor.code_on(None) == "ARN"
    assert actors.match("the city of  Annuminas") is arnor
    assert actors.match("ARNORIAN") is arnor
    assert actors.match("Ignored") is None  # after ---STOP---
    ent = actors.match("ent")
    assert ent is not None and ent.code_on(date(2020, 1, 1)) == "ENT"


def test_dated_codes(actors_file: Path) -> None:
    actors = load_actors([actors_file])
    gollum = actors.match("Smeagol")
    assert gollum is not None and gollum.name == "Gollum"
    assert gollum.code_on(date(1990, 1, 1)) == "HOB"
    assert gollum.code_on(date(1997, 3, 1)) == "HOBGOV"
    assert gollum.code_on(date(2005, 1, 1)) == "HOBREB"
    assert gollum.code_on(None) == "HOBREB"  # the open-ended restriction is the present
    bush = actors.match("U.S. President George W. Bush")
    assert bush is not None
    assert bush.code_on(date(2003, 5, 1)) == "USAGOV"
    assert bush.code_on(date(2012, 5, 1)) == "USAELI"  # outside every range: the default
    assert set(bush.codes) == {"USAELI", "USAGOV"}
    # a head line's code is dated as a code line's is: no code outside its range, a later default
    union = actors.match("Rhudaur and Cardolan")
    assert union is not None and union.code_on(date(2000, 1, 1)) == "RHC" and union.code_on(date(2025, 1, 1)) is None
    inn = actors.match("The Prancing Pony")
    assert inn is not None and inn.code_on(date(2000, 1, 1)) == "BRECAF" and inn.code_on(date(2010, 1, 1)) == "ERIMNC"
    # PETRARCH's "[---]" is no code: outside its dated range the actor codes as nothing
    keeper = actors.match("Barliman Butterbur")
    assert keeper is not None and keeper.code_on(date(2005, 1, 1)) == "BREBUS"
    assert keeper.code_on(date(2025, 1, 1)) is None


def test_stems_and_exact_ends(actors_file: Path) -> None:
    actors = load_actors([actors_file])
    argentina = actors.match("Argentine")
    assert argentina is not None and argentina.code_on(None) == "ARG"  # ARGENTIN has no trailing _
    assert actors.match("Arnorians") is None  # ARNORIAN_ must end there


def test_find_in_tokens(actors_file: Path) -> None:
    actors = load_actors([actors_file])
    words = normalise_phrase("Smeagol met the Arnorian envoy in Argentina").split()
    found = [(words[s:e], entry.name) for s, e, entry in actors.find(words)]
    assert found == [(["smeagol"], "Gollum"), (["arnorian"], "Arnor"), (["argentina"], "Argentin")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("+ORPHAN\n", "synonym (+) before any actor"),
        ("\t[ARN]\n", "code line before any actor"),
        ("ARNOR [ARN\n", "unclosed [code]"),
        ("ARNOR\n\t[ARN ~950601]\n", "date restriction must be"),
        ("ARNOR\n\t[ARN 951301-960101]\n", "month must be in 1..12"),
    ],
)
def test_unreadable_actor_lines_name_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.actors.txt"
    path.write_text("# header\n" + text)
    with pytest.raises(DictionaryError, match=re.escape(message)) as error:
        load_actors([path])
    assert error.value.path == str(path) and error.value.line_no == text.count("\n") + 1


def test_lenient_mode_skips_impossible_dates_and_says_which(tmp_path: Path) -> None:
    path = tmp_path / "typo.actors.txt"
    path.write_text("ARNOR\n\t[ARN 9008223-911221]\n\t[ARNGOV >950101]\n")
    actors = load_actors([path], strict=False)
    arnor = actors.match("arnor")
    assert arnor is not None and arnor.code_on(date(1999, 1, 1)) == "ARNGOV"
    assert actors.skipped == ["typo.actors.txt:2: not a YYMMDD or YYYYMMDD date: '9008223': [ARN 9008223-911221]"]


def test_yymmdd_century() -> None:
    assert parse_yymmdd("300101") == date(2030, 1, 1)
    assert parse_yymmdd("310101") == date(1931, 1, 1)
    assert parse_yymmdd("19270101") == date(1927, 1, 1)


def test_agents_plurals_markers_and_prefix_codes(tmp_path: Path) -> None:
    path = tmp_path / "test.agents.txt"
    path.write_text(
        "!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\n"
        "SOLDIER [~MIL]\nPOLICE {} [~COP]\nMILITIA [~REB]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\n"
        "CONGRESS!PERSON! [~LEG]\nHUMAN_RIGHTS_BODY [NGO~] # comment\nBOSS [~BUS]\n"
    )
    agents = load_agents([path])
    soldiers = agents.match("Soldiers")
    assert soldiers is not None and soldiers.combine("RUS") == "RUSMIL"
    assert agents.match("militias") is not None and agents.match("militias") == agents.match("militia")
    assert agents.match("bosses") is not None
    assert agents.match("polices") is None
    attorneys = agents.match("attorneys general")
    assert attorneys is not None and attorneys.code == "GOVATG"
    assert agents.match("attorney generals") is None
    congresswomen = agents.match("congresswomen")
    assert congresswomen is not None and congresswomen.code == "LEG"
    body = agents.match("human rights body")
    assert body is not None and body.combine("FRA") == "NGOFRA" and body.combine(None) == "NGO"
    words = normalise_phrase("Osgiliath soldiers and police").split()
    assert [(s, e, a.code) for s, e, a in agents.find(words)] == [(1, 2, "MIL"), (3, 4, "COP")]


def test_agent_without_code_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.agents.txt"
    path.write_text("SOLDIER [~MIL]\nGENERAL\n")
    with pytest.raises(DictionaryError, match=r"bad.agents.txt, line 2"):
        load_agents([path])


def test_discards(tmp_path: Path) -> None:
    path = tmp_path / "test.discards.txt"
    path.write_text("+World Golf Championships   # story\nBASEBALL\nMONTHS LATER\n")
    discards = load_discards([path])
    assert discards.hit("He won the World Golf Championships.") == "world golf championships"
    assert discards.hit("Months later, the talks resumed.") == "months later"
    assert discards.hit("The basement flooded.") is None


def test_a_discard_phrase_read_as_a_verb_and_its_object(tmp_path: Path) -> None:
    path = tmp_path / "test.discards.txt"
    path.write_text("BREAK RECORD\n+SCORED A GOAL\nBASEBALL\n")
    discards = load_discards([path])
    assert discards.verb_object(("broke", "break"), "records")
    assert discards.verb_object(("scored", "score"), "goal")
    assert not discards.verb_object(("broke", "break"), "ceasefire")
    assert not discards.verb_object(("baseball",), "baseball")


def test_shipped_phoenix_dictionaries() -> None:
    actors = load_actors(default_actor_paths(), strict=False)
    putin = actors.match("Russian President Vladimir Putin")
    assert putin is not None and putin is actors.match("Putin")
    assert putin.code_on(date(2025, 1, 22)) == "RUSGOV"
    assert putin.code_on(date(1995, 1, 1)) == "RUSELI"
    russia = actors.match("Russian")
    assert russia is not None and russia.code_on(None) == "RUS"
    nato = actors.match("NATO")
    assert nato is not None and nato.code_on(None).startswith("IGO")
    # every skipped line is a date typo in the shipped file, each named
    assert all(".actors.txt:" in s for s in actors.skipped) and len(actors.skipped) < 20
    agents = load_agents(default_agent_paths(), strict=False)
    for noun, code in [("police", "COP"), ("soldiers", "MIL"), ("government", "GOV"), ("protesters", "OPP")]:
        entry = agents.match(noun)
        assert entry is not None and entry.code == code, noun


def test_the_cameo_verb_dictionary_compiles_every_block_and_reports_the_rest() -> None:
    source = DEFAULT_DIR / "CAMEO.2.0.txt"
    text = source.read_text(encoding="utf-8")
    headers = [line for line in text.splitlines() if line.startswith("---")]
    patterns = [line for line in text.splitlines() if line.startswith("- ")]
    verbs = load_verbs([source], strict=False)
    assert verbs.blocks_read == len(verbs.blocks) == len(headers)
    assert verbs.patterns_read == len(patterns)
    compiled = sum(len(b.patterns) for b in verbs.blocks)
    # every pattern is either compiled or listed, with its line, as not compiled
    assert compiled + len(verbs.skipped) == len(patterns)
    assert all(s.startswith("CAMEO.2.0.txt:") and "synset" in s for s in verbs.skipped)
    meet = verbs.lookup("met")
    assert meet and verbs.blocks[meet[-1].block].code == "040"
    assert verbs.lookup("sped") and verbs.lookup("sped")[0].verb == "speed"  # an irregular form


def test_the_project_verb_and_agent_files_compile_beside_petrarchs() -> None:
    for path in PROJECT_VERB_FILES:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("#") and "Source:" in "\n".join(lines[:10])  # says where it comes from
        base = load_verbs([DEFAULT_DIR / "CAMEO.2.0.txt"], strict=False)
        verbs = load_verbs([DEFAULT_DIR / "CAMEO.2.0.txt", path], strict=False)
        # a block of its own, or patterns added to the CAMEO.2.0 block it names
        shipped_names = {b.name for b in base.blocks}
        headers = [line.split()[1] for line in lines if line.startswith("---")]
        assert len(verbs.blocks) - len(base.blocks) == sum(name not in shipped_names for name in headers)
        added = sum(len(b.patterns) for b in verbs.blocks) - sum(len(b.patterns) for b in base.blocks)
        assert added == sum(line.startswith("- ") for line in lines)
        assert not [s for s in verbs.skipped if s.startswith(path.name)]
    for path in PROJECT_AGENT_FILES:
        assert "Source:" in path.read_text(encoding="utf-8")
        agents = load_agents([path])  # strict: every line reads
        assert len(agents) and all(e.code == "GOV" for e in map(agents.match, ("municipalities", "leaders")) if e)
    urge = load_dictionaries().verbs.lookup("urged")
    assert urge and load_dictionaries().verbs.blocks[urge[0].block].code == "020"


def test_the_codebook_corrections_replace_their_verbs_cameo2_forms() -> None:
    text = CODEBOOK_VERB_FILE.read_text(encoding="utf-8")
    assert "Source:" in text and "MIT License" in text
    corrections = load_verbs([CODEBOOK_VERB_FILE])  # strict: every line reads
    shipped = load_dictionaries().verbs
    for verb in {f.verb for forms in corrections.forms.values() for f in forms}:
        forms = shipped.lookup(verb)
        # the verb is read from the corrections only: no CAMEO.2.0.txt form of it is left
        assert forms and all(shipped.blocks[f.block].source.startswith(CODEBOOK_VERB_FILE.name) for f in forms)
    sue = shipped.lookup("sued")
    assert sue and shipped.blocks[sue[0].block].code == "115"


def test_a_block_of_patterns_only_refines_the_block_it_names(tmp_path: Path) -> None:
    first, second = tmp_path / "a.verbs.txt", tmp_path / "b.verbs.txt"
    first.write_text("--- APPEAL [020] ---\nPLEAD\n- * {NOT GUILTY} [016]\n")
    second.write_text("--- APPEAL [020] ---\n- * GUILTY [015]\n\n--- OTHER [010] ---\nOPINE\n")
    verbs = load_verbs([first, second])
    plead = verbs.blocks[verbs.lookup("pleaded")[0].block]
    assert (plead.code, [p.code for p in plead.patterns]) == ("020", ["016", "015"])
    assert [b.name for b in verbs.blocks] == ["APPEAL", "OTHER"]
    # within one file a block of that name is a block of its own, as PETRARCH reads it
    first.write_text("--- APPEAL [020] ---\nPLEAD\n\n--- APPEAL [020] ---\n- * GUILTY [015]\n")
    assert len(load_verbs([first]).blocks) == 2


def test_verb_patterns_multiword_verbs_and_paired_codes(tmp_path: Path) -> None:
    path = tmp_path / "test.verbs.txt"
    path.write_text(
        "&TIES\n+RELATIONS\n+DIPLOMATIC_TIES\n\n"
        "--- RESTORE [---] ---\nRESTORE\n- * &TIES [064]\n- * FULL &TIES (WITH +) [0641]\n\n"
        "--- DEPART [032:033] ---\nLEAVE {LEFT LEAVING LEAVES}\n+CORDON_OFF [1721]\n"
    )
    verbs = load_verbs([path])
    restore = verbs.blocks[verbs.lookup("restored")[0].block]
    assert [p.code for p in restore.patterns] == ["064", "0641"]
    assert restore.patterns[1].weight > restore.patterns[0].weight
    left = verbs.lookup("left")[0]
    assert (verbs.blocks[left.block].code, verbs.blocks[left.block].reverse) == ("032", "033")
    cordon = verbs.lookup("cordoned")[0]
    assert (cordon.post, cordon.code) == (("off",), "1721")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("--- X [010] ---\nSAY\n- * THINGS\n", 3, "pattern has no [code]"),
        ("--- X [010] ---\nSAY\n- THINGS [011]\n", 3, "pattern has no * for the verb"),
        ("SAY [010]\n", 1, "outside a --- block ---"),
    ],
)
def test_unreadable_verb_lines_name_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "bad.verbs.txt"
    path.write_text(text)
    with pytest.raises(DictionaryError, match=re.escape(message)) as error:
        load_verbs([path])
    assert (error.value.path, error.value.line_no) == (str(path), line)


def test_undefined_synsets_are_skipped_and_listed_as_petrarch_does(tmp_path: Path) -> None:
    path = tmp_path / "test.verbs.txt"
    path.write_text("--- X [010] ---\nSAY\n- * &NOWHERE [011]\n- * THINGS [012]\n")
    verbs = load_verbs([path])
    assert [p.code for p in verbs.blocks[0].patterns] == ["012"]
    assert verbs.skipped == ["test.verbs.txt:3: synset &NOWHERE is not defined: - * &NOWHERE [011]"]


def test_user_dictionary_folder(tmp_path: Path) -> None:
    (tmp_path / "mine.actors.txt").write_text("ARNOR_ [ARN]\nRUSSIA_ [XRU]\n")
    (tmp_path / "mine.agents.txt").write_text("HOBBIT [~HOB]\n")
    (tmp_path / "notes.txt").write_text("not a dictionary")
    both = load_dictionaries(tmp_path)
    assert both.actors.match("Arnor").code_on(None) == "ARN"
    assert both.actors.match("Russia").code_on(None) == "XRU"  # the user's entry wins
    assert both.actors.match("France").code_on(None) == "FRA"  # the shipped ones stay
    assert both.agents.match("hobbits").code == "HOB" and both.agents.match("police").code == "COP"
    only = load_dictionaries(tmp_path, replace=["actors"])
    assert only.actors.match("France") is None and only.agents.match("police") is not None
    (tmp_path / "mine.actors.txt").write_text("# wirehouse: replace defaults\nARNOR_ [ARN]\n")
    assert load_dictionaries(tmp_path).actors.match("France") is None
    (tmp_path / "broken.agents.txt").write_text("HOBBIT [~HOB]\nELF\n")
    with pytest.raises(DictionaryError, match=r"broken.agents.txt, line 2"):
        load_dictionaries(tmp_path)


@given(st.text(alphabet=st.sampled_from("abcXYZ .'’-_"), max_size=30))
def test_phrase_keys_ignore_case_spacing_and_punctuation(text: str) -> None:
    key = normalise_phrase(text)
    assert normalise_phrase(key) == key
    assert normalise_phrase(text.upper()) == normalise_phrase(text.lower())
    assert normalise_phrase(f"  {text.replace(' ', '   ')} ") == key
    assert key == key.strip() and "  " not in key
