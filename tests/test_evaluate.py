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


def test_topic_halves_follow_the_topics_positions():
    """The halves are the ones ``benchmarks/realnews_check.py`` draws from: every other topic in ascending
    numeric order (not by the parity of the number, nor in the order of text)."""
    from wirehouse.evaluate import topic_halves

    docs = {f"{t}_1ecb": {"topic": t} for t in ("10", "3", "1", "4", "9")}
    assert topic_halves(docs) == {"1": 0, "3": 1, "4": 0, "9": 1, "10": 0}


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
    halves = [table[("singletons", f"all, {half}-position topics")] for half in ("even", "odd")]
    assert sum(h["gold"] for h in halves) == table[("singletons", "all")]["gold"] and all(h["gold"] for h in halves)
    for kind in ("person", "organization", "place"):
        halves = [table[("gold", f"{kind}, {half}-position topics")] for half in ("even", "odd")]
        assert sum(h["gold"] for h in halves) == table[("gold", kind)]["gold"]
        assert all(h["b3_f1"] == pytest.approx(1.0) for h in halves)


def test_incremental_resolution_carries_entities_across_batches():
    from wirehouse.evaluate import resolve_incrementally
    from wirehouse.model import MENTION_SCHEMA
    from wirehouse.resolve import load_reference

    rows = [("a1", 0, "body", 0, 0, 4, "USGS", "ORG"), ("a2", 0, "body", 0, 0, 22, "U.S. Geological Survey", "ORG"),
            ("a3", 0, "body", 0, 0, 4, "USGS", "ORG")]
    out = resolve_incrementally(pl.DataFrame(rows, schema=MENTION_SCHEMA, orient="row"), load_reference(), batch_size=1)
    assert out.mentions["entity_id"].n_unique() == 1


@pytest.mark.skipif(not (ECB / "score.py").is_file(), reason="shared corpora not beside the checkout")
def test_identity_scores_by_hand():
    from wirehouse.evaluate import IDENTITY_SCHEMA, load_ecb_scorer, score_identities

    # Gold: X = {a 0-5, a 10-15, b 0-5}, Y = {a 20-25}; the system joins a 10-15 to Y and leaves b 30-35 out.
    gold = pl.DataFrame([("a", 0, 5, "person", "X", 0, 5), ("a", 10, 15, "person", "X", 10, 15),
                         ("a", 20, 25, "place", "Y", 20, 25), ("b", 0, 5, "person", "X", 0, 5)],
                        schema=IDENTITY_SCHEMA, orient="row")
    system = {"a": [[0, 5, "c1"], [10, 15, "c2"], [20, 25, "c2"], [40, 45, "c3"]], "b": [[0, 5, "c1"]]}
    table = {r["type"]: r for r in score_identities(load_ecb_scorer(ECB), gold, {"s": system}).to_dicts()}
    everything = table["all"]
    # B3 precision per mention 1, 1/2, 1/2, 1; recall 2/3, 1/3, 1, 2/3.
    assert everything["b3_p"] == pytest.approx(3 / 4) and everything["b3_r"] == pytest.approx(2 / 3)
    assert everything["b3_f1"] == pytest.approx(12 / 17)
    # Pairs: system {a0-b0, a10-a20}, gold {a0-a10, a0-b0, a10-b0}; across documents gold a0-b0, a10-b0.
    assert everything["pair_p"] == pytest.approx(1 / 2) and everything["pair_r"] == pytest.approx(1 / 3)
    assert everything["cross_doc_f1"] == pytest.approx(2 / 3)
    assert table["place"]["b3_f1"] == pytest.approx(1.0) and table["place"]["cross_doc_f1"] is None
    spread = table["all, in 2+ documents"]  # X alone: the system's a10-a20 link is outside it
    assert spread["gold"] == 3 and spread["b3_p"] == pytest.approx(1.0) and spread["b3_r"] == pytest.approx(5 / 9)


@pytest.fixture(scope="module")
def gum_slice():
    """Three GUM documents that name one organisation (the Church of Scientology) between them, annotated once."""
    from wirehouse.evaluate import Corpus, annotate_gum
    from wirehouse.settings import get_settings

    corpus = load_gum(GUM)
    docs = ["GUM_news_defector", "GUM_news_hackers", "GUM_news_imprisoned"]
    part = Corpus(texts={d: corpus.texts[d] for d in docs}, gold=corpus.gold.filter(pl.col("doc").is_in(docs)),
                  identities=corpus.identities.filter(pl.col("doc").is_in(docs)))
    return part, annotate_gum(part, get_settings().spacy_model, clean=False)


@pytest.mark.skipif(not GUM.is_dir(), reason="shared corpora not beside the checkout")
def test_identity_gold_holds_names_not_descriptions():
    corpus = load_gum(GUM)
    named = {(corpus.texts[d][s:e], corpus.texts[d][hs:he], i)
             for d, s, e, _, i, hs, he in corpus.identities.iter_rows()}
    assert ("the Church of Scientology", "Church", "Church_of_Scientology") in named
    assert not any(text == "Tunisia's coach" for text, _, _ in named)  # a description, its head is not a name
    assert corpus.identities.height < corpus.gold.height


@pytest.mark.skipif(not ((ECB / "score.py").is_file() and GUM.is_dir()), reason="shared corpora absent")
def test_gum_identity_scores_a_slice_of_the_corpus(gum_slice):
    from wirehouse.evaluate import gum_identity, load_ecb_scorer
    from wirehouse.resolve import load_reference

    corpus, found = gum_slice
    held = gum_identity(corpus, found, load_reference(), load_ecb_scorer(ECB), batch_sizes=(3, 1))
    assert held.cross_doc_identities >= 1 and held.identities > held.cross_doc_identities
    rows = {(r["system"], r["type"]): r for r in held.scores.to_dicts()}
    assert {s for s, _ in rows} == {"exact string", "last word", "wirehouse, one batch",
                                    "wirehouse, batches of 1"}
    one, apart = rows[("wirehouse, one batch", "all")], rows[("wirehouse, batches of 1", "all")]
    assert one["gold"] == corpus.identities.height and 0 < one["matched"] <= 1
    assert one["b3_f1"] == pytest.approx(apart["b3_f1"])  # an article's entities do not depend on its batch
    # Every system is scored on the same matched mentions.
    assert len({r["matched"] for (_, kind), r in rows.items() if kind == "all"}) == 1


def test_ecb_mentions_are_kept_between_runs_until_the_texts_change(tmp_path):
    """``--cache``: a second run reads the parsed mentions back; a changed text is parsed again."""
    from wirehouse.evaluate import cached_ecb_mentions, ecb_mentions
    from wirehouse.settings import get_settings

    model = get_settings().spacy_model
    (tmp_path / "corpus" / "text").mkdir(parents=True)
    text = tmp_path / "corpus" / "text" / "1_1ecb.txt"
    text.write_text("Marisol Vantreek visited Osgiliath.\nShe met the Tarnwick Council.\n", encoding="utf-8")
    first = cached_ecb_mentions(tmp_path / "corpus", model, tmp_path / "cache")
    assert first.equals(ecb_mentions(tmp_path / "corpus", model)) and first.height
    (kept,) = (tmp_path / "cache").glob("*.parquet")
    assert cached_ecb_mentions(tmp_path / "corpus", model, tmp_path / "cache").equals(first)
    text.write_text("Dorian Osgood left Tarnwick.\n", encoding="utf-8")
    again = cached_ecb_mentions(tmp_path / "corpus", model, tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("*.parquet"))) == 2 and kept.is_file()
    assert "Dorian Osgood" in again["text"].to_list()
    (newest,) = set((tmp_path / "cache").glob("*.parquet")) - {kept}
    newest.write_bytes(newest.read_bytes()[:100])  # damaged (a run stopped while copying the folder): parsed again
    assert cached_ecb_mentions(tmp_path / "corpus", model, tmp_path / "cache").equals(again)
