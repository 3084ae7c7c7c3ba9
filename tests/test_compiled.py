"""Reference data kept compiled on disk: the cached load is the compiled one, and a stale, damaged or foreign
cache file is compiled again, never trusted."""

import hashlib
import os
import pickle
import time
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


def _kept(folder, kind: str):
    """The one compiled file of ``kind`` in ``folder``, and its inode (a file written again is a new one)."""
    (path,) = folder.glob(f"{kind}.*.pickle")
    return path, path.stat().st_ino


def test_cached_gazetteer_is_the_compiled_one(tmp_path, gazetteer):
    assert load_gazetteer(tmp_path) == gazetteer  # compiled, and written
    path, written = _kept(tmp_path, "gazetteer")
    cached = load_gazetteer(tmp_path)
    assert _kept(tmp_path, "gazetteer") == (path, written)  # read, not written again
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
    written = _kept(cache, "dictionaries")
    cached = load_dictionaries(user, cache_dir=cache)
    assert _kept(cache, "dictionaries") == written  # read, not compiled again
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
    written = _kept(tmp_path, "resolver")
    cached = load_reference(actors, tmp_path)
    assert _kept(tmp_path, "resolver") == written  # read, not compiled again
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

    key, other = compiled.fingerprint([], "table v1"), compiled.fingerprint([], "table v2")
    kept = compiled.file_for(path, key)
    first = compiled.load(path, key, build)
    assert compiled.load(path, key, build) == first and len(builds) == 1

    good = kept.read_bytes()
    at = good.rindex(b"day") + 1
    kept.write_bytes(good[:at] + b"c" + good[at + 1 :])  # still a pickle ("dcy"): only the digest tells
    assert compiled.load(path, key, build) == first and len(builds) == 2
    assert kept.read_bytes() == good  # and written again

    kept.write_bytes(good[: len(good) // 2])
    assert compiled.load(path, key, build) == first and len(builds) == 3

    # a file compiled from other sources under this key's name (a clash of the name's 16 characters)
    kept.write_bytes(good.replace(key.encode(), other.encode(), 1))
    assert compiled.load(path, key, build) == first and len(builds) == 4
    assert kept.read_bytes() == good

    # a file naming other classes than ours (with a digest that matches) is not unpickled
    _rewrite(kept, pickle.dumps(Fraction(1, 3)))
    assert compiled.load(path, key, build) == first and len(builds) == 5

    kept.write_bytes(b"something else")
    assert compiled.load(path, key, build) == first and len(builds) == 6


def test_each_set_of_sources_stays_compiled_and_the_least_recently_used_go(tmp_path):
    path = tmp_path / "table.pickle"
    builds = []
    keys = [compiled.fingerprint([], f"user dictionaries {n}") for n in range(compiled.KEEP + 1)]

    def build(n):
        def run():
            builds.append(n)
            return (n,)
        return run

    legacy = tmp_path / "table.pickle"
    legacy.write_bytes(b"the single file an older version kept")
    for n in (0, 1, 0, 1, 0):  # switching back and forth compiles each once
        assert compiled.load(path, keys[n], build(n)) == (n,)
    assert builds == [0, 1] and not legacy.exists()

    crashed, writing = tmp_path / ".table.0123.pickle.dead", tmp_path / ".table.4567.pickle.live"
    crashed.write_bytes(b"half")
    writing.write_bytes(b"half")
    old = time.time() - 2 * 3600
    os.utime(crashed, (old, old))
    for n in (2, 3):  # one more than kept: the least recently used (1; 0 was read after it) goes
        os.utime(compiled.file_for(path, keys[1]), (old, old))
        compiled.load(path, keys[n], build(n))
    assert builds == [0, 1, 2, 3]
    assert sorted(p.name for p in tmp_path.glob("table.*.pickle")) == sorted(
        compiled.file_for(path, keys[n]).name for n in (0, 2, 3))
    assert not crashed.exists() and writing.exists()  # a temporary file an hour old is a crashed writer's


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
    path = compiled.file_for(path, key)
    # protocol 4's STACK_GLOBAL: the module and the name as strings, then the lookup, then a call of it
    payload = (b"\x80\x04" + pickle.dumps(module, protocol=4)[2:-1] + pickle.dumps(name, protocol=4)[2:-1]
               + b"\x93" + pickle.dumps(("x",), protocol=4)[2:-1] + b"R.")
    _rewrite(path, payload)
    assert compiled.load(tmp_path / "table.pickle", key, lambda: ("built again",)) == ("built again",)


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
