"""Measure the event coder: PETRARCH2's validation records (own and shipped dictionaries) and its cost
per article on the Wikinews corpus against spaCy's, in ../shared/corpora (or WIREHOUSE_CORPORA).

Prints figures only: `python benchmarks/event_eval.py [--articles N]`.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path

from wirehouse.dictionaries import load_dictionaries
from wirehouse.event_eval import evaluate_events, throughput
from wirehouse.events import load_gazetteer
from wirehouse.normalise import parse_article
from wirehouse.settings import Settings

CORPORA = Path(os.environ.get("WIREHOUSE_CORPORA", Path(__file__).resolve().parents[2] / "shared" / "corpora"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100, help="Wikinews articles for the cost figure")
    args = parser.parse_args()
    model = Settings().spacy_model
    validation = CORPORA / "petrarch_validation_dev"
    if not validation.is_dir():
        print(f"no corpus at {validation}", file=sys.stderr)
        return 1
    print(evaluate_events(validation, model))
    wikinews = CORPORA / "wikinews_2019_2020"
    if wikinews.is_dir():
        rows = list(csv.DictReader((wikinews / "manifest.csv").open(encoding="utf-8")))[: args.articles]
        bodies = [parse_article((wikinews / r["file"]).read_text(encoding="utf-8")).body for r in rows]
        print()
        print("Wikinews, " + throughput(bodies, load_dictionaries(), load_gazetteer(), model))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
