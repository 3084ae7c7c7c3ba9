from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from wirehouse.evaluate import SPANS_SCHEMA, load_gum, score

from .helpers import ROOT


def spans(*rows: tuple) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=SPANS_SCHEMA, orient="row")


def test_exact_and_overlap_scores_per_type():
    gold = spans(("d", 0, 20, "person"), ("d", 30, 36, "place"), ("d", 40, 45, "organization"))
    pred = spans(("d", 10, 20, "person"), ("d", 30, 36, "place"), ("d", 40, 45, "place"), ("d", 50, 55, "person"))
    exact = {r["type"]: r for r in score(gold, pred, "exact").to_dicts()}
    assert exact["place"]["recall"] == 1.0 and exact["place"]["precision"] == 0.5
    assert exact["person"]["recall"] == 0.0
    assert exact["all"]["recall"] == pytest.approx(1 / 3)
    overlap = {r["type"]: r for r in score(gold, pred, "overlap").to_dicts()}
    assert overlap["person"]["recall"] == 1.0 and overlap["person"]["precision"] == 0.5
    assert overlap["organization"]["recall"] == 0.0  # a place is not an organization
    assert overlap["all"]["f1"] == pytest.approx(2 * (2 / 4) * (2 / 3) / (2 / 4 + 2 / 3))


def test_score_refuses_unknown_mode():
    with pytest.raises(ValueError):
        score(spans(), spans(), "fuzzy")


GUM = ROOT.parent / "shared" / "corpora" / "gum_news"


@pytest.mark.skipif(not GUM.is_dir(), reason="shared corpora not beside the checkout")
def test_gold_named_mentions_are_proper_noun_spans_in_the_text():
    corpus = load_gum(Path(GUM))
    assert len(corpus.texts) == 24
    assert set(corpus.gold["type"]) == {"person", "organization", "place"}
    afghan = corpus.texts["GUM_news_afghan"]
    texts = {afghan[s:e] for d, s, e, _ in corpus.gold.iter_rows() if d == "GUM_news_afghan"}
    assert "Dean Kamen" in texts and "Afghanistan" in texts
    assert "the team" not in texts and "they" not in texts  # referring expressions without a proper noun


ECB = ROOT.parent / "shared" / "corpora" / "ecbplus_dev"


@pytest.mark.skipif(not (ECB / "score.py").is_file(), reason="shared corpora not beside the checkout")
def test_cross_document_scores_use_the_corpus_scorer():
    from wirehouse.evaluate import load_ecb_scorer, score_clusters

    scorer = load_ecb_scorer(ECB)
    _, gold, texts = scorer.load_gold(False, None)
    systems = {"gold": scorer.baseline("gold", gold, texts), "singletons": scorer.baseline("singletons", gold, texts)}
    table = {(r["system"], r["type"]): r for r in score_clusters(scorer, systems).to_dicts()}
    assert table[("gold", "all")]["b3_f1"] == pytest.approx(1.0)
    assert table[("singletons", "all")]["b3_p"] == pytest.approx(1.0)
    assert table[("singletons", "all")]["pair_f1"] == 0.0
    assert table[("gold", "organization")]["gold"] < table[("gold", "all")]["gold"]
    halves = [table[("singletons", f"all, {half} topics")] for half in ("even", "odd")]
    assert sum(h["gold"] for h in halves) == table[("singletons", "all")]["gold"] and all(h["gold"] for h in halves)


def test_incremental_resolution_carries_entities_across_batches():
    from wirehouse.evaluate import resolve_incrementally
    from wirehouse.model import MENTION_SCHEMA
    from wirehouse.resolve import load_reference

    rows = [("a1", 0, "body", 0, 0, 4, "USGS", "ORG"), ("a2", 0, "body", 0, 0, 22, "U.S. Geological Survey", "ORG"),
            ("a3", 0, "body", 0, 0, 4, "USGS", "ORG")]
    out = resolve_incrementally(pl.DataFrame(rows, schema=MENTION_SCHEMA, orient="row"), load_reference(), batch_size=1)
    assert out.mentions["entity_id"].n_unique() == 1
