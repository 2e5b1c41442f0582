import pytest

from transforms.figure_approx import approximated_after, approximator_start
from transforms.figure_core import read_core
from transforms.figure_tokens import read_tokens


@pytest.mark.parametrize("text, i, start", [
    ("כ־40 הרוגים", 2, 0),                 # Hebrew approximating prefix כ glued by a maqaf
    ("נהרגו כ־40 איש", 3, 6),              # the same mid-sentence: the span starts at כ
    ("حوالي 40 جنديا", 1, 0),              # Arabic approximator word
    ("قتل بحوالي 40 جنديا", 2, 5),         # clitic ب (offset 4) before حوالي: the hedge starts after it
    ("more than 500 people", 2, 0),        # two-word English approximator
    ("about $5 billion", 2, 0),            # approximator before a currency symbol
    ("יותר מ־500 איש", 3, 0),              # 'יותר מ' with מ glued to the number
])
def test_approximator_start(text, i, start):
    doc = read_tokens(text)
    assert approximator_start(doc, read_core(doc, i)) == start


@pytest.mark.parametrize("text, i", [
    ("killed 40 people", 1),       # no hedge
    ("נהרגו ב־300 איש", 3),        # ב is not an approximating prefix
])
def test_no_approximator(text, i):
    doc = read_tokens(text)
    assert approximator_start(doc, read_core(doc, i)) is None


@pytest.mark.parametrize("text, end, hedged", [
    ("50 or so people", 1, True),     # English two-word hedge after the number
    ("40 בערך", 1, True),             # Hebrew hedge after
    ("50 people or so", 1, False),    # the hedge is not right after
])
def test_approximated_after(text, end, hedged):
    assert approximated_after(read_tokens(text), end) is hedged
