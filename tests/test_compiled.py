"""Reference data kept compiled on disk: the cached load is the compiled one, and a stale, damaged or foreign
cache file is compiled again, never trusted."""

import hashlib
import pickle
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wirehouse import compiled
from wirehouse.dictionaries import default_actor_paths, load_actors, load_dictionaries
from wirehouse.events import load_gazetteer
from wirehouse.resolve import load_reference

USER_ACTORS = """\
# a user's actors (test data)
GONDOR_  [GON]
+MINAS_TIRITH
"""


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_cached_gazetteer_is_the_compiled_one(tmp_path, gazetteer):
    assert load_gazetteer(tmp_path) == gazetteer  # compiled, and written
    written = (tmp_path / "gazetteer.pickle").stat()
    cached = load_gazetteer(tmp_path)
    assert (tmp_path / "gazetteer.pickle").stat().st_mtime_ns == written.st_mtime_ns  # read, not written again
    assert cached == gazetteer
    for key in sorted(gazetteer.cities)[::499]:
        assert cached.locate(key) == gazetteer.locate(key)
        assert cached.cities[key] == gazetteer.cities[key]
    for key in sorted(gazetteer.regions)[::7]:
        assert cached.areas(key) == gazetteer.areas(key)
    assert cached.within("Atlanta", "Georgia") and not cached.within("London", "Paris")
    assert cached.country_within("Kamloops", "British Columbia") == gazetteer.country_within("Kamloops",
                                                                                             "British Columbia")


def test_cached_dictionaries_follow_the_users_files(tmp_path):
    user, cache = tmp_path / "user", tmp_path / "cache"
    user.mkdir()
    (user / "mine.actors.txt").write_text(USER_ACTORS, encoding="utf-8")
    built = load_dictionaries(user)
    load_dictionaries(user, cache_dir=cache)
    written = (cache / "dictionaries.pickle").stat().st_mtime_ns
    cached = load_dictionaries(user, cache_dir=cache)
    assert (cache / "dictionaries.pickle").stat().st_mtime_ns == written  # read, not compiled again
    assert cached == built
    assert cached.actors.match("Minas Tirith").code_on(None) == "GON"
    for word in sorted(built.verbs.forms)[::97]:
        assert cached.verbs.lookup(word) == built.verbs.lookup(word)
    for entry in built.actors.entries[::211]:
        assert cached.actors.match(entry.aliases[0]) == built.actors.match(entry.aliases[0])

    (user / "mine.actors.txt").write_text(USER_ACTORS.replace("[GON]", "[GND]"), encoding="utf-8")
    changed = load_dictionaries(user, cache_dir=cache)
    assert changed.actors.match("Minas Tirith").code_on(None) == "GND"
    assert changed.verbs == built.verbs


def test_cached_resolver_tables_are_the_compiled_ones_with_the_runs_actors(tmp_path):
    actors = load_actors(default_actor_paths()[:1], strict=False)
    built = load_reference(actors)
    load_reference(None, tmp_path)
    written = (tmp_path / "resolver.pickle").stat().st_mtime_ns
    cached = load_reference(actors, tmp_path)
    assert (tmp_path / "resolver.pickle").stat().st_mtime_ns == written  # read, not compiled again
    assert cached == built and cached.actors is actors  # the actors are the run's, not a copy kept in the file
    assert load_reference(None, tmp_path).actors is None
    assert cached.places_of_teams == built.places_of_teams
    for town in sorted(built.towns)[::997]:
        assert town in cached.towns


def _rewrite(path, payload: bytes, key: str | None = None) -> None:
    """A cache file around ``payload`` with a right digest, for ``key`` or the key it has."""
    data = path.read_bytes()
    head = len(compiled._MAGIC)
    key_bytes = key.encode() if key else data[head : head + 64]
    path.write_bytes(data[:head] + key_bytes + hashlib.sha256(payload).hexdigest().encode() + payload)


def test_a_damaged_stale_or_foreign_cache_is_compiled_again(tmp_path):
    path = tmp_path / "table.pickle"
    builds = []

    def build():
        builds.append(1)
        return {"words": ("a", "b"), "day": date(2020, 1, 2)}

    key = compiled.fingerprint([], "table v1")
    first = compiled.load(path, key, build)
    assert compiled.load(path, key, build) == first and len(builds) == 1

    good = path.read_bytes()
    at = good.rindex(b"day") + 1
    path.write_bytes(good[:at] + b"c" + good[at + 1 :])  # still a pickle ("dcy"): only the digest tells
    assert compiled.load(path, key, build) == first and len(builds) == 2
    assert path.read_bytes() == good  # and written again

    path.write_bytes(good[: len(good) // 2])
    assert compiled.load(path, key, build) == first and len(builds) == 3

    assert compiled.load(path, compiled.fingerprint([], "table v2"), build) == first and len(builds) == 4
    assert compiled.load(path, compiled.fingerprint([], "table v2"), build) == first and len(builds) == 4

    # a file naming other classes than ours (with a digest that matches) is not unpickled
    _rewrite(path, pickle.dumps(Fraction(1, 3)), compiled.fingerprint([], "table v2"))
    assert compiled.load(path, compiled.fingerprint([], "table v2"), build) == first and len(builds) == 5

    path.write_bytes(b"something else")
    assert compiled.load(path, key, build) == first and len(builds) == 6


@pytest.mark.parametrize(("module", "name"), [
    ("wirehouse.compiled", "dataclasses.inspect.attrgetter"),  # a dotted name, followed through attributes
    ("wirehouse.compiled", "Path"),  # a class a wirehouse module imports
    ("wirehouse.compiled", "_Unpickler"),  # ours, but no dataclass: not plain data
    ("builtins", "eval"),
])
def test_a_crafted_cache_file_with_a_matching_digest_runs_no_code(tmp_path, module: str, name: str):
    path = tmp_path / "table.pickle"
    key = compiled.fingerprint([], "table")
    compiled.load(path, key, lambda: ("first",))
    # protocol 4's STACK_GLOBAL: the module and the name as strings, then the lookup, then a call of it
    payload = (b"\x80\x04" + pickle.dumps(module, protocol=4)[2:-1] + pickle.dumps(name, protocol=4)[2:-1]
               + b"\x93" + pickle.dumps(("x",), protocol=4)[2:-1] + b"R.")
    _rewrite(path, payload)
    assert compiled.load(path, key, lambda: ("built again",)) == ("built again",)


def test_an_unwritable_cache_folder_leaves_the_compiled_value(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert compiled.load(blocked / "table.pickle", compiled.fingerprint([]), lambda: (1, 2)) == (1, 2)


def _typed(value):
    """``value`` with each member's type beside it, so ``1``, ``1.0`` and ``True`` differ."""
    if isinstance(value, dict):
        return "dict", sorted((repr(_typed(k)), _typed(v)) for k, v in value.items())
    if isinstance(value, (frozenset, set)):
        return type(value).__name__, sorted(repr(_typed(m)) for m in value)
    if isinstance(value, (tuple, list)):
        return type(value).__name__, [_typed(m) for m in value]
    return type(value).__name__, value


_leaves = st.one_of(st.integers(-3, 3), st.floats(-3, 3, allow_nan=False), st.booleans(), st.text(max_size=3),
                    st.dates(date(2019, 1, 1), date(2019, 1, 5)), st.none())
_values = st.recursive(_leaves, lambda inner: st.one_of(
    st.tuples(inner, inner), st.lists(inner, max_size=4), st.frozensets(_leaves, max_size=4),
    st.dictionaries(st.text(max_size=2), inner, max_size=3)), max_leaves=20)


@settings(max_examples=60, deadline=None)
@given(_values)
def test_what_the_cache_shares_keeps_every_value_and_type(tmp_path_factory, value):
    path = tmp_path_factory.mktemp("cache") / "value.pickle"
    key = compiled.fingerprint([])
    compiled.load(path, key, lambda: value)
    again = compiled.load(path, key, lambda: pytest.fail("read from the file"))
    assert _typed(again) == _typed(value)
