"""Extraction quality against the hand annotations in tests/gold/, scored by the same code as `make eval`."""
import pytest

from flows.evaluate import FACT_TYPES, FLOORS, evaluate, locate, load_gold, sample_articles


@pytest.fixture(scope="module")
def scores():
    return {s.fact_type: s for s in evaluate()}


@pytest.mark.parametrize("fact_type", FACT_TYPES)
def test_f1_stays_above_its_floor(scores, fact_type):
    s = scores[fact_type]
    assert s.f1 >= FLOORS[fact_type], f"{fact_type}: P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} < {FLOORS[fact_type]}"


@pytest.mark.parametrize("fact_type", FACT_TYPES)
def test_every_gold_item_is_found_in_the_cleaned_text(fact_type):
    """A gold span that cleaning made unfindable would silently count as a miss."""
    articles = sample_articles()
    lost = [g["text"][:40] for g in load_gold(fact_type) if locate(articles[g["sample"]].text, g["text"], g.get("nth", 0)) is None]
    assert not lost


def test_floors_are_at_least_the_issue_bar():
    assert FLOORS["dates"] >= 0.85 and FLOORS["figures"] >= 0.85 and FLOORS["quotes"] >= 0.75 and FLOORS["events"] >= 0.75
