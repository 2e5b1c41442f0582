"""Read a range after a number ('7 إلى 16 ألف', 'בין 7 ל־16', '€2.5 billion to €3 billion') as one
figure, and recognise a year range ('1948–1949') so that neither year is read as a figure.
"""
from __future__ import annotations

from dataclasses import dataclass

from transforms.figure_core import NumberCore, apply_scale, read_core
from transforms.figure_exclusions import is_year
from transforms.figure_tokens import HYPHENS, ArticleTokens
from transforms.figure_units import currency_before


@dataclass(frozen=True, slots=True)
class NumberRange:
    """Two numbers read as one figure, the scale word of the second applied to the first when it has none."""

    low: float
    high: float
    end: int  # index past the second number and its scale words
    scaled: bool  # a scale word was read after either number


@dataclass(frozen=True, slots=True)
class YearRange:
    """Two years joined by a connector: a period, which the dates extractor reads, not a figure."""

    end: int  # index past the second year, where reading goes on


def read_range(doc: ArticleTokens, core: NumberCore, j: int, value: float,
               scaled: bool) -> NumberRange | YearRange | None:
    """The range whose connector is token ``j``, after ``core`` read as ``value``; None when not a range."""
    second = _second_number(doc, core, j)
    if second is None:
        return None
    if is_year(doc, core) and is_year(doc, second) and not scaled:
        return YearRange(_year_range_end(doc, j))
    high, end, scaled2 = apply_scale(doc, second.value, second.last)
    low = value
    if scaled2 and not scaled and core.value <= second.value:
        low = value * (high / second.value)  # the scale word distributes over the range
    if low >= high:
        return None
    return NumberRange(low, high, end, scaled or scaled2)


def _second_number(doc: ArticleTokens, core: NumberCore, j: int) -> NumberCore | None:
    """The number after a range connector at ``j`` (إلى, עד, to, a dash; و, ל, and after 'between'),
    written the same way as the first (digits with digits, words with words)."""
    toks, lex = doc.tokens, doc.lexicon
    if j >= len(toks):
        return None
    between = core.lead > 0 and doc.folds[core.lead - 1] in lex.between_words
    conn = doc.folds[j]
    if not (conn in lex.range_connectors or toks[j].text in HYPHENS
            or (between and conn in lex.between_connectors)):
        return None
    k = j + 1
    if k < len(toks) and toks[k].text in HYPHENS and toks[j].kind == "word":
        k += 1  # ל־16
    if k < len(toks) and toks[k].text in lex.currency_symbols and currency_before(doc, core):
        k += 1  # '€2.5 billion to €3 billion': the symbol repeated on the second number
    if k >= len(toks) or (toks[k].kind == "num") == core.is_word:
        return None
    return read_core(doc, k)


def _year_range_end(doc: ArticleTokens, j: int) -> int:
    """Index past a year range, so its second year is not read again."""
    k = j + 1
    while k < len(doc.tokens) and doc.tokens[k].kind != "num":
        k += 1
    return k + 1
