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
