"""Extraction quality against the hand annotations in tests/gold/, scored by the same code as `make eval`.

Floors per gold set live in tests/gold/floors.json; the held-out set has none (it is measured, not tuned).
"""
import pytest

from flows.evaluate import FACT_TYPES, FLOORS, GOLD_SETS, evaluate, load_gold, locate, sample_articles

FLOORED = [(name, fact) for name in FLOORS for fact in FACT_TYPES]


@pytest.fixture(scope="module")
def scores():
    return {(name, s.fact_type): s for name in FLOORS for s in evaluate(GOLD_SETS[name])}


@pytest.mark.parametrize("gold_set, fact_type", FLOORED)
def test_f1_stays_above_its_floor(scores, gold_set, fact_type):
    s, floor = scores[gold_set, fact_type], FLOORS[gold_set][fact_type]
    assert s.f1 >= floor, f"{gold_set}/{fact_type}: P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} < {floor}"


@pytest.mark.parametrize("gold_set", list(GOLD_SETS))
def test_every_gold_item_is_found_in_the_cleaned_text(gold_set):
    """A gold span that cleaning made unfindable would silently count as a miss."""
    gs = GOLD_SETS[gold_set]
    if not gs.articles_dir.exists():
        pytest.skip(f"no {gold_set} set yet")
    articles = sample_articles(gs)
    lost = [(fact, g["sample"], g["text"][:40]) for fact in FACT_TYPES for g in load_gold(fact, gs)
            if locate(articles[g["sample"]].text, g["text"], g.get("nth", 0)) is None]
    assert not lost


def test_sample_floors_are_at_least_the_issue_bar():
    f = FLOORS["samples"]
    assert f["dates"] >= 0.85 and f["figures"] >= 0.85 and f["quotes"] >= 0.75 and f["events"] >= 0.75
