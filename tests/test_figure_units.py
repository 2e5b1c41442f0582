import pytest

from transforms.figure_core import apply_scale, read_core
from transforms.figure_tokens import read_tokens
from transforms.figure_units import currency_before, read_unit


def _unit(text, i):
    doc = read_tokens(text)
    core = read_core(doc, i)
    _, j, scaled = apply_scale(doc, core.value, core.last)
    return read_unit(doc, j, core, scaled)


@pytest.mark.parametrize("text, i, kind, unit, end", [
    ("30% of voters", 0, "percent", "%", 2),               # percent sign
    ("30 percent of voters", 0, "percent", "%", 2),        # percent word
    ("5 billion dollars in aid", 0, "money", "USD", 3),    # currency word after the scale
    ("$5 billion", 1, "money", "USD", 3),                  # currency symbol before the number
    ("100 km border", 0, "quantity", "km", 2),             # measurement unit
    ("قتل 300 شخص", 1, "count", "شخص", 3),                # counted noun (Arabic)
    ("for 30 days", 1, "time", None, 3),                   # a duration
    ("a 22-member bloc", 1, "count", "member", 4),         # English hyphen compound adjective
])
def test_read_unit(text, i, kind, unit, end):
    got = _unit(text, i)
    assert (got.kind, got.unit, got.end) == (kind, unit, end)


@pytest.mark.parametrize("text, i", [
    ("it was 5 of them", 2),       # a function word is not what is counted
    ("12 فبراير", 0),               # a month after a day number
    ("طائرات هرميز 450 الإسرائيلية", 2),  # an Arabic definite noun after the number
])
def test_read_unit_nothing_counted(text, i):
    assert _unit(text, i).kind is None


@pytest.mark.parametrize("text, i, expected", [
    ("$5 billion", 1, ("USD", 0)),       # symbol right before
    ("US$ 3 million", 2, ("USD", 0)),    # 'US' glued to the symbol starts the money
    ("USD 5", 1, ("USD", 0)),            # ISO code, upper case
    ("usd 5", 1, None),                  # lower case is not read as a code
    ("5 dollars", 0, None),              # first token: nothing before
])
def test_currency_before(text, i, expected):
    doc = read_tokens(text)
    assert currency_before(doc, read_core(doc, i)) == expected
