import pytest

from transforms.figure_core import apply_scale, read_core
from transforms.figure_ranges import NumberRange, YearRange, read_range
from transforms.figure_tokens import read_tokens


def _range(text, i):
    doc = read_tokens(text)
    core = read_core(doc, i)
    value, j, scaled = apply_scale(doc, core.value, core.last)
    return read_range(doc, core, j, value, scaled)


@pytest.mark.parametrize("text, i, expected", [
    # Arabic 'to' with the scale word after the second number only: it distributes over both
    ("7 إلى 16 ألف", 0, NumberRange(7000, 16000, 4, True)),
    # English between ... and
    ("between 10 and 20 people", 1, NumberRange(10, 20, 4, False)),
    # Hebrew between ... ל־: the maqaf after the connector is skipped
    ("בין 7 ל־16 הרוגים", 1, NumberRange(7, 16, 5, False)),
    # euro symbol repeated on the second number
    ("€2.5 billion to €3 billion", 1, NumberRange(2.5e9, 3e9, 7, True)),
    # English dash range
    ("10-20 people", 0, NumberRange(10, 20, 3, False)),
])
def test_read_range(text, i, expected):
    assert _range(text, i) == expected


@pytest.mark.parametrize("text, i, expected", [
    ("1948–1949 war", 0, YearRange(3)),     # a period of years: not a figure
    ("in 1948 to 1949", 1, YearRange(4)),   # the same with an English connector
])
def test_read_year_range(text, i, expected):
    assert _range(text, i) == expected


@pytest.mark.parametrize("text, i", [
    ("20 to 10 people", 0),               # the high end below the low end
    ("10 and 20 people", 0),              # 'and' only joins a range after 'between'
    ("7 إلى ثلاثة", 0),                    # digits then words: written differently
    ("300 شخص", 0),                        # no connector at all
])
def test_not_a_range(text, i):
    assert _range(text, i) is None
