"""Reference data shipped as files in ``data/``: small, commented, reviewed like code; and the rules
version, the fingerprint of everything that decides what rows an article yields.

Each file says at its top why it exists and what it holds; this module only reads them. The flow
loads the rules once per run (:func:`load_rules`) and hands them to the transforms.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

import polars as pl

from wirehouse.model import CAMEO_CODE_SCHEMA

# The package's own files: code, reference data and validation suites all decide what is published,
# except the modules that only move, schedule or show rows (a new module counts until listed here).
_PACKAGE = Path(__file__).resolve().parent
_NOT_RULES = frozenset({"cli.py", "pipeline.py", "warehouse.py", "locking.py", "reports.py", "catalog.py",
                        "evaluate.py", "event_eval.py", "settings.py", "readonly.py", "noop.py",
                        "offline_docs.py", "compiled.py", "__init__.py"})


# The reference data shipped with the package; a run can be given another folder of the same files.
PACKAGE_DATA = _PACKAGE / "data"


@dataclass(frozen=True)
class Rules:
    """What the transforms are given to derive rows with, and its fingerprint (``version``)."""

    version: str
    data_dir: Path
    cameo_codes: pl.DataFrame


def _model_version(model: str) -> str:
    """The spaCy model's package version (or, for a model folder, its meta.json), without loading spaCy."""
    folder = Path(model)
    if (folder / "meta.json").is_file():
        return hashlib.sha256((folder / "meta.json").read_bytes()).hexdigest()
    try:
        return metadata.version(model.replace("_", "-"))
    except metadata.PackageNotFoundError:
        return "unknown"


def _files(folder: Path, pattern: str = "**/*") -> list[Path]:
    return sorted(p for p in folder.glob(pattern)
                  if p.is_file() and p.name not in _NOT_RULES and "__pycache__" not in p.parts)


def rules_version(spacy_model: str, data_dir: Path = PACKAGE_DATA, extra_dirs: tuple[Path, ...] = ()) -> str:
    """A fingerprint of the package version, its code and suites, the reference data, the spaCy model and
    any user dictionaries: rows derived under another fingerprint are derived again."""
    digest = hashlib.sha256()
    digest.update(metadata.version("wirehouse").encode())
    digest.update(f"{spacy_model}={_model_version(spacy_model)}".encode())
    files = [*_files(_PACKAGE, "*.py"), *_files(_PACKAGE, "suites/*.json"), *_files(data_dir)]
    for folder in extra_dirs:
        files += _files(folder)
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_rules(spacy_model: str, data_dir: Path | None = None, extra_dirs: tuple[Path, ...] = ()) -> Rules:
    """The rules of a run: the reference data (the package's, or ``data_dir``), the model, and any user
    dictionaries in ``extra_dirs`` (part of the fingerprint)."""
    data_dir = data_dir or PACKAGE_DATA
    return Rules(version=rules_version(spacy_model, data_dir, extra_dirs), data_dir=data_dir,
                 cameo_codes=cameo_codes(data_dir))


def lines(name: str, data_dir: Path = PACKAGE_DATA) -> list[str]:
    """Non-blank lines of a data file, without ``#`` comment lines."""
    text = (data_dir / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def csv_rows(name: str, data_dir: Path = PACKAGE_DATA) -> list[dict[str, str]]:
    return list(csv.DictReader(lines(name, data_dir)))


def cameo_codes(data_dir: Path = PACKAGE_DATA) -> pl.DataFrame:
    """The published CAMEO event codes with their root, QuadClass and Goldstein scale value."""
    return pl.DataFrame(csv_rows("cameo_codes.csv", data_dir)).select(
        [pl.col(c).cast(t) for c, t in CAMEO_CODE_SCHEMA.items()]
    )


@cache
def countries() -> tuple[dict[str, str], dict[str, str]]:
    """(alias casefolded → iso2, iso2 → display name) from countries.csv."""
    aliases, names = {}, {}
    for row in csv_rows("countries.csv"):
        names[row["iso2"]] = row["name"]
        for alias in [row["name"], *row["aliases"].split(";")]:
            aliases[alias.strip().casefold()] = row["iso2"]
    return aliases, names


@cache
def demonyms() -> dict[str, str]:
    return {row["demonym"].casefold(): row["iso2"] for row in csv_rows("demonyms.csv")}


@cache
def metonyms() -> dict[str, tuple[str, str]]:
    """name casefolded → (iso2, kind) for capitals and seats of government."""
    return {row["name"].casefold(): (row["iso2"], row["kind"]) for row in csv_rows("metonyms.csv")}


@cache
def titles() -> frozenset[str]:
    return frozenset(t.casefold() for t in lines("titles.txt"))
