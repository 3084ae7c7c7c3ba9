"""Bad settings give one line naming the variable or option, and a non-zero exit, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from wirehouse.settings import SettingsError, load_settings

from .helpers import cli


@pytest.mark.parametrize(("variable", "value", "says"), [
    ("WIREHOUSE_BATCH_SIZE", "0", "greater than or equal to 1"),
    ("WIREHOUSE_BATCH_SIZE", "-1", "greater than or equal to 1"),
    ("WIREHOUSE_BATCH_SIZE", "abc", "valid integer"),
    ("WIREHOUSE_WORKERS", "0", "greater than or equal to 1"),
    ("WIREHOUSE_MAX_FILE_BYTES", "5MB", "valid integer"),
    ("WIREHOUSE_STAGE_TIMEOUT_SECONDS", "0", "greater than 0"),
])
def test_a_bad_variable_is_named_with_its_value(monkeypatch: pytest.MonkeyPatch, variable: str, value: str,
                                                says: str):
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert str(error.value).startswith(f"{variable}={value!r}: ") and says in str(error.value)
    assert "\n" not in str(error.value) and variable.removeprefix("WIREHOUSE_").lower() + "=" not in str(error.value)


def test_an_option_is_named_as_the_option(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("WIREHOUSE_WORKERS", "2")
    with pytest.raises(SettingsError, match=r"^--workers '0': should be greater than or equal to 1$"):
        load_settings(workers=0)


def test_the_source_must_be_an_existing_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(SettingsError, match=r"--source .*missing.*: no such folder"):
        load_settings(check_source=True, source=tmp_path / "missing")
    monkeypatch.setenv("WIREHOUSE_SOURCE", str(tmp_path / "file.txt"))
    with pytest.raises(SettingsError, match=r"^WIREHOUSE_SOURCE=.*file\.txt': not a folder"):
        load_settings(check_source=True)
    # Commands that do not read the source do not care.
    assert load_settings().source == tmp_path / "file.txt"
    assert load_settings(check_source=True, source=tmp_path).source == tmp_path


def test_the_cli_says_one_line_and_exits_non_zero(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WIREHOUSE_BATCH_SIZE", "0")
    for command in (["run"], ["query", "select 1"], ["report"]):
        code, _, err = cli(capsys, *command)
        assert code == 2, (command, err)
        assert err.strip() == ("wirehouse: bad setting: WIREHOUSE_BATCH_SIZE='0': should be greater than"
                               " or equal to 1"), command
    assert not list(tmp_path.iterdir())


def test_a_missing_source_is_reported_at_once_and_no_warehouse_is_made(tmp_path: Path, capsys):
    code, _, err = cli(capsys, "run", "--source", str(tmp_path / "nope"), "--db", str(tmp_path / "data" / "w.duckdb"))
    assert code == 2 and err.strip().endswith("nope': no such folder") and len(err.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())
    (tmp_path / "a_file").write_text("x")
    code, _, err = cli(capsys, "run", "--source", str(tmp_path / "a_file"), "--db", str(tmp_path / "w.duckdb"))
    assert code == 2 and "not a folder" in err


def test_the_compiled_reference_data_is_kept_with_the_users_caches_not_the_warehouse(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("WIREHOUSE_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("WIREHOUSE_DATA_DIR", str(tmp_path / "one"))
    one = load_settings().cache_dir
    monkeypatch.setenv("WIREHOUSE_DATA_DIR", str(tmp_path / "two"))
    assert load_settings().cache_dir == one == tmp_path / "xdg" / "wirehouse"  # a new warehouse reuses it
    monkeypatch.setenv("WIREHOUSE_CACHE", str(tmp_path / "mine"))
    assert load_settings().cache_dir == tmp_path / "mine"
