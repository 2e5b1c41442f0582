import pytest

from transforms.figure_core import apply_scale, read_core
from transforms.figure_tokens import read_tokens


@pytest.mark.parametrize("text, i, value, lead, prefix, is_word", [
    ("قتل 300 شخص", 1, 300, 1, "", False),       # plain digits
    ("נהרגו ב־300 איש", 3, 300, 1, "ב", False),   # Hebrew prefix glued by a maqaf starts the figure
    ("1,200 people", 0, 1200, 0, "", False),       # thousands separator
    ("ثلاثة جنود", 0, 3, 0, "", True),             # Arabic number word
])
def test_read_core_reads(text, i, value, lead, prefix, is_word):
    core = read_core(read_tokens(text), i)
    assert core is not None
    assert (core.value, core.lead, core.prefix, core.is_word) == (value, lead, prefix, is_word)


@pytest.mark.parametrize("text, i", [
    ("the Covid-19 wave", 3),   # a Latin word hyphenated to digits is a name
    ("F35 jets", 1),            # a word glued to digits is a model id
    ("ה־16 בנובמבר", 2),        # Hebrew definite article: an ordinal
    ("قتل شخص", 1),             # an ordinary word is no number
])
def test_read_core_refuses(text, i):
    assert read_core(read_tokens(text), i) is None


@pytest.mark.parametrize("text, value, end, scaled", [
    ("1.2 million people", 1.2e6, 2, True),       # English scale word
    ("500 אלף איש", 500e3, 2, True),              # Hebrew thousand
    ("מיליון וחצי תושבים", 1.5e6, 2, True),       # 'a million and a half': the half of the word's own scale
    ("300 شخص", 300, 1, False),                    # nothing to scale
])
def test_apply_scale(text, value, end, scaled):
    doc = read_tokens(text)
    core = read_core(doc, 0)
    assert apply_scale(doc, core.value, core.last) == (pytest.approx(value), end, scaled)
