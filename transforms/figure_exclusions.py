"""Decide which numbers are not figures: footnote marks, page and id numbers, numbers in URLs, dates,
years, durations, bare numbers and definite references ('the two delegations').

Ordinals (ה־16, الـ15) and model names (S-300) are already refused while the number is read
(figure_core), because they are recognised by the prefix glued to the digits.
"""
from __future__ import annotations

import bisect

from transforms.figure_approx import approximator_start
from transforms.figure_core import NumberCore
from transforms.figure_tokens import HYPHENS, ArticleTokens
from transforms.figure_units import Unit
from transforms.numbers import ascii_digits

_CHAIN_SEPARATORS = frozenset("-\u05be/:.\u2013")
_YEAR_RANGE = (1000, 2100)
_BARE_YEAR_FROM = 1800  # below it a 4-digit number needs a year cue: news rarely names such years bare


def is_noise(doc: ArticleTokens, core: NumberCore) -> bool:
    """Footnote marks, page/id numbers, dates and ids written as chains, numbers in URLs, page lines."""
    i, toks = core.first, doc.tokens
    prev = toks[core.lead - 1] if core.lead else None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if prev is not None and prev.text == "[" and nxt is not None and nxt.text == "]":
        return True
    return (_in_chain(doc, core) or _after_cue(doc, core.lead) or _in_url(doc, toks[i].start)
            or _alone_on_line(doc, core.lead, i))


def _in_chain(doc: ArticleTokens, core: NumberCore) -> bool:
    """Part of 2010-09-07, 21-014-41001, 12/5, 10:30 or the tail of a hyphen range read elsewhere."""
    i, toks = core.first, doc.tokens
    if core.lead == i and i >= 2 and toks[i - 1].text in _CHAIN_SEPARATORS and toks[i - 2].kind == "num" \
            and doc.adjacent(i - 1, i):
        return True
    k = i + 1
    if k + 1 < len(toks) and toks[k].text in "/:." and doc.adjacent(i, k) and toks[k + 1].kind == "num" \
            and doc.adjacent(k, k + 1):
        return True
    return (k + 3 < len(toks) and toks[k].text in HYPHENS and toks[k + 1].kind == "num"
            and toks[k + 2].text in HYPHENS and toks[k + 3].kind == "num" and doc.adjacent(i, k))


def _after_cue(doc: ArticleTokens, lead: int) -> bool:
    """A page (p. 127, עמ׳), document number (מס׳, No., رقم) or model name (اس 300) follows its cue."""
    lex, k = doc.lexicon, lead - 1
    while k >= 0 and lead - k <= 3 and doc.tokens[k].kind == "punct" and doc.tokens[k].text in ".'\u05f3:’":
        k -= 1
    return k >= 0 and doc.folds[k] in lex.page_cues | lex.id_cues | lex.model_prefixes


def _in_url(doc: ArticleTokens, offset: int) -> bool:
    """The character at ``offset`` lies inside a URL or an e-mail address."""
    k = bisect.bisect_right(doc.url_spans, (offset, len(doc.text))) - 1
    return k >= 0 and doc.url_spans[k][0] <= offset < doc.url_spans[k][1]


def _alone_on_line(doc: ArticleTokens, lead: int, i: int) -> bool:
    """A number alone on its line is a page number or a list mark."""
    toks, text = doc.tokens, doc.text
    before = text[toks[lead - 1].end:toks[lead].start] if lead else "\n"
    after = text[toks[i].end:toks[i + 1].start] if i + 1 < len(toks) else "\n"
    return "\n" in before and "\n" in after


def is_date(doc: ArticleTokens, core: NumberCore) -> bool:
    """A day of a month: 12 فبراير, 22 من تشرين, ב־26 בנובמבר, May 5."""
    if core.is_word or core.value != int(core.value) or not 1 <= core.value <= 31:
        return False
    j = core.last
    if j < len(doc.tokens) and doc.folds[j] in doc.lexicon.date_connectors:
        j += 1
    if j < len(doc.tokens) and doc.is_month(j):
        return True
    return core.lead > 0 and doc.is_month(core.lead - 1)


def is_year(doc: ArticleTokens, core: NumberCore) -> bool:
    """Four plain digits 1800-2100, or 1000-1799 after a year cue ('عام 1517', 'in 1648', 'ב־1492');
    without one '1300 سفينة' counts ships."""
    tok = doc.tokens[core.first]
    digits = ascii_digits(tok.text)
    if core.is_word or len(digits) != 4 or not digits.isdigit() or not tok.text.isdigit():
        return False
    year = int(digits)
    if not _YEAR_RANGE[0] <= year <= _YEAR_RANGE[1]:
        return False
    if year >= _BARE_YEAR_FROM or core.prefix.endswith(("ב", "מ")):
        return True
    return core.lead > 0 and doc.folds[core.lead - 1] in doc.lexicon.year_cues


def keep_figure(doc: ArticleTokens, core: NumberCore, unit: Unit, scaled: bool, value_max: float | None) -> bool:
    """Drop durations, bare numbers, years and dates, lone 'one'/'half', and glued suffixes (5th, 3D)."""
    if unit.kind == "time":
        return False
    if unit.kind is None and not scaled:
        return _approximated_total(doc, core, unit)
    if core.is_word and not scaled and core.lead and doc.folds[core.lead - 1] in doc.lexicon.definite_before:
        return False  # 'the two delegations': a reference to things already named
    if core.is_word and core.value <= 1 and not scaled:
        return False  # أحد/אחד/one/half alone: "one of the", not a figure
    if unit.kind == "count" and not core.is_word and doc.adjacent(core.first, core.last) \
            and core.last == unit.end - 1:
        return False  # 5th, 3D, 4G: a word glued to the digits
    if unit.kind in ("percent", "money", "quantity") or scaled or value_max is not None:
        return not (is_date(doc, core) and unit.kind == "count")
    if is_date(doc, core):
        return False
    return not is_year(doc, core) or approximator_start(doc, core) is not None


def _approximated_total(doc: ArticleTokens, core: NumberCore, unit: Unit) -> bool:
    """'bringing the total to more than 2,200,': a hedged number closing its clause is a count of
    what the clause already named; a bare number without a hedge says nothing."""
    after = doc.tokens[unit.end] if unit.end < len(doc.tokens) else None
    closes = after is None or (after.kind == "punct" and after.text in ",.;:)" and after.text not in HYPHENS)
    return (closes and not core.is_word and not is_year(doc, core) and not is_date(doc, core)
            and approximator_start(doc, core) is not None)
