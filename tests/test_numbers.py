"""Tests for transforms/numbers.py: digit parsing and the number-word tables built from num2words plus the
hand-added gender/construct/case variants of lexicons/figures.*.yaml."""
from __future__ import annotations

import pytest
from num2words import num2words

from transforms.figure_lexicon import phrase_tokens
from transforms.numbers import match_number_words, number_words, parse_digits, scale_of


def _read(phrase: str) -> tuple[float, int, str] | None:
    """(value, tokens covered, prefix) of the number phrase at the start of ``phrase``."""
    m = match_number_words(list(phrase_tokens(phrase)), 0)
    return (m.value, m.length, m.prefix) if m else None


@pytest.mark.parametrize("token,value", [
    ("1,200", 1200),  # comma thousands separator
    ("1,200,000", 1_200_000),  # several groups
    ("34.5", 34.5),  # decimal point
    ("٣٠٠", 300),  # Arabic-Indic digits
    ("١٬٢٠٠", 1200),  # Arabic thousands separator U+066C
    ("١٢٫٥", 12.5),  # Arabic decimal separator U+066B
    ("۱۲", 12),  # Persian digits (U+06F0..)
])
def test_parse_digits(token, value):
    assert parse_digits(token) == value


@pytest.mark.parametrize("lang", ["ar", "he", "en"])
def test_every_num2words_number_reads_back(lang):
    # the tables are generated from num2words, so each of its spellings of 1..1000 must read back whole
    # (a lone "one" is dropped later, by the extractor, not here)
    for n in range(1, 1001):
        tokens = phrase_tokens(num2words(n, lang=lang).replace("و ", "و"))
        assert _read(" ".join(tokens)) == (n, len(tokens), ""), (lang, n, tokens)


@pytest.mark.parametrize("phrase,expected", [
    ("ثلاث", (3, 1, "")),  # feminine-noun form, hand-added (num2words gives ثلاثة)
    ("خمسة وعشرين", (25, 2, "")),  # genitive/accusative tens and a glued و
    ("ثلاثمئة", (300, 1, "")),  # مئة spelling of num2words' مائة
    ("ألفين", (2000, 1, "")),  # dual standing alone
    ("بثلاثة", (3, 1, "ب")),  # glued preposition
    ("שלושה", (3, 1, "")),  # masculine, hand-added (num2words gives שלוש)
    ("שלושת", (3, 1, "")),  # construct
    ("שנים עשר", (12, 2, "")),  # masculine teen
    ("עשרים ושלושה", (23, 2, "")),  # masculine unit inside a compound
    ("כמאה", (100, 1, "כ")),  # approximating prefix fused with the word
    ("וכארבעים", (40, 1, "וכ")),  # conjunction + approximating prefix
    ("חצי", (0.5, 1, "")),  # fraction used before a scale word
    ("תריסר", (12, 1, "")),  # a dozen
    ("twenty three", (23, 2, "")),  # without the hyphen
    ("one hundred twenty-three", (123, 5, "")),  # without "and"
])
def test_hand_variants(phrase, expected):
    assert _read(phrase) == expected


@pytest.mark.parametrize("phrase", [
    "שנים",  # "years", and "two" only inside a teen
    "الثلاثة",  # the article makes it an ordinal/definite, never a glued prefix
    "השלושה",  # same in Hebrew
    "ثالث",  # ordinals are not in the tables
    "שלישי",
    "third",
    "מאות",  # "hundreds" alone is vague
])
def test_not_numbers(phrase):
    assert _read(phrase) is None


@pytest.mark.parametrize("word,value", [
    ("ألف", 1e3), ("آلاف", 1e3), ("ملايين", 1e6), ("مليارات", 1e9),  # num2words singular + hand plurals
    ("אלף", 1e3), ("אלפים", 1e3), ("מיליון", 1e6), ("מיליארד", 1e9),
    ("thousand", 1e3), ("million", 1e6), ("billion", 1e9), ("bn", 1e9),
    ("תריסר", 12), ("שנה", None), ("people", None),
])
def test_scale_words(word, value):
    assert scale_of(phrase_tokens(word)[0]) == value


def test_tables_are_built_once():
    assert number_words() is number_words()
