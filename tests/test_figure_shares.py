import pytest

from transforms.figure_core import read_core
from transforms.figure_shares import is_postposed_one, read_share
from transforms.figure_tokens import read_tokens


@pytest.mark.parametrize("text, i, value, last", [
    ("roughly half of the voters", 1, 50, 2),           # English fraction before 'of'
    ("שלושה רבעים מהאוכלוסייה", 0, 75, 2),             # Hebrew two-word fraction before מה־
    ("ثلثي الأراضي", 0, 66.66666666666667, 1),          # Arabic dual fraction before a definite noun
    ("نصف السكان", 0, 50, 1),                            # Arabic half before a definite noun
])
def test_read_share(text, i, value, last):
    got = read_share(read_tokens(text), i)
    assert got is not None
    core, unit = got
    assert (core.value, core.first, core.last) == (pytest.approx(value), i, last)
    assert (unit.kind, unit.unit, unit.end) == ("percent", "%", last)


@pytest.mark.parametrize("text, i", [
    ("the first half of 2024", 2),    # a period, blocked by 'first'
    ("half a million", 0),            # before a scale word: a number, not a share
    ("half time", 0),                 # no partitive after the fraction
    ("نصف مليون", 0),                 # Arabic half before a scale word
    ("300 شخص", 0),                   # digits are not a fraction word
])
def test_read_share_refuses(text, i):
    assert read_share(read_tokens(text), i) is None


@pytest.mark.parametrize("text, i, counted", [
    ("אזרח אחד נהרג", 1, True),       # Hebrew noun then 'one': one citizen
    ("جندي واحد قتل", 1, True),       # Arabic noun then 'one'
    ("בבת אחת", 1, False),            # fixed phrase 'at once'
    ("الشعب واحد", 1, False),         # definite Arabic noun: a predicate
    ("אחד הסוגיות", 0, False),        # 'one' first, nothing before it
    ("جندي واحد من", 1, False),       # 'one of': a partitive follows
])
def test_is_postposed_one(text, i, counted):
    doc = read_tokens(text)
    assert is_postposed_one(doc, read_core(doc, i)) is counted
