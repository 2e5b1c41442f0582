import pytest

from transforms.figure_core import apply_scale, read_core
from transforms.figure_exclusions import is_date, is_noise, is_year, keep_figure
from transforms.figure_tokens import read_tokens
from transforms.figure_units import read_unit


def _core(text, i):
    doc = read_tokens(text)
    return doc, read_core(doc, i)


@pytest.mark.parametrize("text, i, noise", [
    ("as reported [3] by", 3, True),            # footnote mark in brackets
    ("see p. 127 for", 3, True),                # page number after its cue
    ("قرار رقم 242 الصادر", 2, True),           # document number after رقم
    ("on 2010-09-07 the", 3, True),             # the middle of a date chain
    ("at 10:30 today", 1, True),                # a clock time
    ("see www.x.com/a/55 now", 9, True),        # digits inside a URL
    ("text\n12\nmore text", 1, True),           # alone on its line: a page number
    ("قتل 300 شخص", 1, False),                  # an ordinary count
])
def test_is_noise(text, i, noise):
    assert is_noise(*_core(text, i)) is noise


@pytest.mark.parametrize("text, i, date", [
    ("12 فبراير", 0, True),           # Arabic day before the month
    ("22 من تشرين", 0, True),         # Arabic day, connector من, month
    ("ב־26 בנובמבר", 2, True),        # Hebrew day with prefix, month with prefix
    ("on May 5 the", 2, True),        # English month before the day
    ("40 فبراير", 0, False),          # above 31: not a day
    ("12 جنديا", 0, False),           # no month
])
def test_is_date(text, i, date):
    assert is_date(*_core(text, i)) is date


@pytest.mark.parametrize("text, i, year", [
    ("in 1948 the", 1, True),        # a bare year from 1800 on
    ("عام 1517", 1, True),           # older year after an Arabic year cue
    ("1300 سفينة", 0, False),        # older number without a cue counts ships
    ("1,948 people", 0, False),      # a thousands separator: not a year
    ("2500 جندي", 0, False),         # beyond 2100
])
def test_is_year(text, i, year):
    assert is_year(*_core(text, i)) is year


def _keep(text, i):
    doc, core = _core(text, i)
    _, j, scaled = apply_scale(doc, core.value, core.last)
    return keep_figure(doc, core, read_unit(doc, j, core, scaled), scaled, None)


@pytest.mark.parametrize("text, i, keep", [
    ("قتل 300 شخص", 1, True),           # a counted noun
    ("for 30 days", 1, False),           # a duration
    ("it was 300 in all", 2, False),     # a bare number with nothing counted
    ("the two delegations met", 1, False),  # number word after 'the': a reference
    ("one of them", 0, False),           # a lone 'one'
    ("the 5th day", 1, False),           # an ordinal suffix: 'th' is not a counted noun
    ("30% of voters", 0, True),          # a percent
    ("in 1948 people", 1, False),        # a year before a noun is still a year
])
def test_keep_figure(text, i, keep):
    assert _keep(text, i) is keep
