"""Reference data shipped as files in ``data/``: small, commented, reviewed like code.

Each file says at its top why it exists and what it holds; this module only reads them.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

import polars as pl


def lines(name: str) -> list[str]:
    """Non-blank lines of a data file, without ``#`` comment lines."""
    text = resources.files("wirehouse").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def csv_rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(lines(name)))


@cache
def cameo_codes() -> pl.DataFrame:
    """The published CAMEO event codes with their root, QuadClass and Goldstein scale value."""
    return pl.DataFrame(csv_rows("cameo_codes.csv")).with_columns(
        pl.col("quad_class").cast(pl.Int8), pl.col("goldstein").cast(pl.Float64)
    )


@cache
def cameo_verbs() -> dict[tuple[str, str, str], tuple[str, str]]:
    """(lemma, prep, object lemma) → (code, intent code); prep and object are '' where not required."""
    table = {}
    for row in csv_rows("cameo_verbs.csv"):
        key = (row["lemma"], row["prep"], row["object"])
        if key in table:
            raise ValueError(f"cameo_verbs.csv lists {key} twice")
        table[key] = (row["cameo_code"], row["intent_code"] or row["cameo_code"])
    known = set(cameo_codes()["cameo_code"])
    unknown = {c for pair in table.values() for c in pair} - known
    if unknown:
        raise ValueError(f"cameo_verbs.csv uses codes missing from cameo_codes.csv: {sorted(unknown)}")
    return table


@cache
def verb_lemmas() -> frozenset[str]:
    return frozenset(lemma for lemma, _, _ in cameo_verbs())


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
