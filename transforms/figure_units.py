"""Read what a number counts or measures: a percent sign or word, a currency, a measurement unit, a noun.

The order matters: a percent or currency word after the number wins over the noun reading, and a currency
before the number ('$5', 'USD 5') only applies when nothing after it says otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from transforms.figure_core import NumberCore
from transforms.figure_lexicon import load_figure_lexicon
from transforms.figure_tokens import HYPHENS, ArticleTokens

_PERCENT_SIGNS = frozenset("%\u066a\u2030")
# Lexicon phrase tables read after a number, with the figure kind each one makes.
_UNIT_TABLES = (("percent", "percent"), ("currencies", "money"), ("units", "quantity"))


@dataclass(frozen=True, slots=True)
class Unit:
    """What a number counts or measures, and where the words saying so end."""

    kind: str | None  # percent | money | quantity | count | time | None
    unit: str | None
    end: int  # index one past the unit's tokens


def read_unit(doc: ArticleTokens, j: int, core: NumberCore, scaled: bool) -> Unit:
    """Percent sign or word, currency, measurement unit, counted noun, in that order, from token ``j``."""
    toks, lex = doc.tokens, doc.lexicon
    if j < len(toks) and toks[j].text in _PERCENT_SIGNS:
        return Unit("percent", "%", j + 1)
    if j < len(toks) and toks[j].text in lex.currency_symbols:
        return Unit("money", lex.currency_symbols[toks[j].text], j + 1)
    for name, kind in _UNIT_TABLES:
        k = _table_phrase_end(doc, j, name)
        if k is not None:
            unit = "%" if kind == "percent" else getattr(lex, name)[tuple(doc.folds[j:k])]
            return Unit(kind, unit, k)
    code = currency_before(doc, core)
    if code is not None:
        return Unit("money", code[0], j)
    if _hyphen_compound(doc, j):
        return read_unit(doc, j + 1, core, scaled)  # '22-member bloc', '100-km border', '30-day' (a duration)
    return _counted_noun(doc, j, core, scaled)


def currency_before(doc: ArticleTokens, core: NumberCore) -> tuple[str, int] | None:
    """'$5 billion', 'US$ 3', '€40', 'USD 5': the code and the index of the symbol's first token."""
    k = core.lead - 1
    if k < 0:
        return None
    tok, lex = doc.tokens[k], doc.lexicon
    if tok.text in lex.currency_symbols:
        start = k - 1 if k >= 1 and doc.folds[k - 1] == "us" and doc.adjacent(k - 1, k) else k
        return lex.currency_symbols[tok.text], start
    code = lex.currencies.get((tok.fold,))
    if code and tok.text.isupper() and len(tok.text) == 3:
        return code, k
    return None


def _table_phrase_end(doc: ArticleTokens, j: int, table_name: str) -> int | None:
    """Index past the longest phrase of the lexicon table ``table_name`` starting at ``j``."""
    if j >= len(doc.folds) or doc.folds[j] not in _first_tokens(table_name):
        return None
    table = getattr(doc.lexicon, table_name)
    for length in range(4, 0, -1):
        if j + length <= len(doc.folds) and tuple(doc.folds[j:j + length]) in table:
            return j + length
    return None


@cache
def _first_tokens(table_name: str) -> frozenset[str]:
    """First tokens of a lexicon phrase table, so most positions are rejected with one set lookup."""
    return frozenset(phrase[0] for phrase in getattr(load_figure_lexicon(), table_name))


def _hyphen_compound(doc: ArticleTokens, j: int) -> bool:
    """An English compound adjective: number, hyphen and a Latin word, all glued ('22-member')."""
    toks = doc.tokens
    return (0 < j < len(toks) - 1 and toks[j].text in HYPHENS and toks[j + 1].kind == "word"
            and toks[j + 1].text.isascii() and doc.adjacent(j - 1, j) and doc.adjacent(j, j + 1))


def _counted_noun(doc: ArticleTokens, j: int, core: NumberCore, scaled: bool) -> Unit:
    """The noun right after the number is what it counts; a time noun makes it a duration."""
    if j >= len(doc.tokens) or doc.tokens[j].kind != "word" or len(doc.folds[j]) < 2:
        return Unit(None, None, j)
    fold, text, lex = doc.folds[j], doc.tokens[j].text, doc.lexicon
    if fold in lex.time_nouns:
        return Unit("time", None, j + 1)
    if fold in lex.not_counted or doc.is_month(j) or _is_definite_noun(doc, fold, text, core, scaled):
        return Unit(None, None, j)
    return Unit("count", text, j + 1)


def _is_definite_noun(doc: ArticleTokens, fold: str, text: str, core: NumberCore, scaled: bool) -> bool:
    """Arabic counted nouns are indefinite (12 طائرة, not هرميز 450 الإسرائيلية); a Hebrew construct
    number before a definite noun is 'the N X' (שתי המדינות, ששת הימים), not a figure."""
    lex = doc.lexicon
    if "\u0600" <= text[0] <= "\u06ff":
        return any(fold.startswith(p) and len(fold) > len(p) + 1 for p in lex.definite_prefixes)
    if "\u0590" <= text[0] <= "\u05ff" and core.is_word and not scaled and fold.startswith("ה"):
        last = doc.folds[core.last - 1]  # the word next to the noun carries the construct form
        if core.last - 1 == core.first:
            last = last[len(core.prefix):]
        return last in lex.construct_numbers
    return False
