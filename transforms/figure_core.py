"""Read the number at a token: digits with their glued prefix, or number words, then the scale words after.

Kept apart from what the number counts (figure_units) and from the rules that drop it (figure_exclusions)
because ranges read their second number with the same two steps.
"""
from __future__ import annotations

from dataclasses import dataclass

from transforms.figure_tokens import HYPHENS, ArticleTokens
from transforms.numbers import match_number_words, parse_digits, scale_of


@dataclass(frozen=True, slots=True)
class NumberCore:
    """A number before its scale word: value, its tokens, and the glued prefix it carried."""

    value: float
    first: int  # index of the digits token or of the first number word
    last: int  # index one past the number's tokens
    lead: int  # index of the first token belonging to it (the prefix token of ב־300)
    prefix: str  # folded glued prefix ('' when none)
    is_word: bool


def read_core(doc: ArticleTokens, i: int) -> NumberCore | None:
    """The number written in digits or words at token ``i``, or None."""
    tok = doc.tokens[i]
    if tok.kind == "num":
        return _read_digits(doc, i)
    if tok.kind == "word":
        m = match_number_words(doc.folds, i, doc.lexicon)
        if m is not None:
            return NumberCore(m.value, i, i + m.length, i, m.prefix, True)
    return None


def _read_digits(doc: ArticleTokens, i: int) -> NumberCore | None:
    """A digits token with the prefix glued to it (ב־300, الـ15, بـ50); None for ordinals and model ids."""
    toks, lex, lead, prefix = doc.tokens, doc.lexicon, i, ""
    if i >= 2 and toks[i - 1].text in HYPHENS and doc.adjacent(i - 2, i - 1) and doc.adjacent(i - 1, i):
        before = toks[i - 2]
        if before.kind == "word" and before.fold in lex.glued_prefixes | lex.definite_prefixes:
            lead, prefix = i - 2, before.fold
        elif before.kind == "word" and before.text.isascii():
            return None  # Covid-19, S-300, Il-20
    elif i >= 1 and toks[i - 1].kind == "word" and doc.adjacent(i - 1, i):
        if toks[i - 1].fold not in lex.glued_prefixes | lex.definite_prefixes:
            return None  # F35, A320, a word glued to digits
        lead, prefix = i - 1, toks[i - 1].fold
    if prefix in lex.definite_prefixes or _after_tatweel_article(doc, lead):
        return None  # ה־16, ה-76, الـ15: ordinals
    return NumberCore(parse_digits(toks[i].fold), i, i + 1, lead, prefix, False)


def _after_tatweel_article(doc: ArticleTokens, lead: int) -> bool:
    """'الـ 15' with a space is still the ordinal 'the 15th'."""
    prev = doc.tokens[lead - 1] if lead else None
    return prev is not None and prev.text.endswith("\u0640") and prev.fold in doc.lexicon.definite_prefixes


def apply_scale(doc: ArticleTokens, value: float, j: int) -> tuple[float, int, bool]:
    """Apply the scale words after a number (500 אלף, 1.2 million, שני תריסר) and a half after or before
    the scale ('مليون ونصف مليون', 'מיליון וחצי' = 1.5 million; 'two and a half million').

    Returns the scaled value, the index past what was read, and whether a scale word was read."""
    toks, folds = doc.tokens, doc.folds
    scaled, last = False, _own_scale(doc, value, j)
    while j < len(toks) and toks[j].kind == "word" and (s := scale_of(folds[j])) is not None:
        value, j, scaled, last = value * s, j + 1, True, s
    k = _phrase_end(doc, j, doc.lexicon.half_after)
    if k is None:
        return value, j, scaled
    if last is not None and last >= 1000:
        value, j = value + last / 2, k
        if j < len(toks) and scale_of(folds[j]) == last:
            j += 1  # the scale word repeated: 'مليون ونصف مليون'
        return value, j, True
    if not scaled and value < 1000 and k < len(toks) and (s := scale_of(folds[k])) is not None:
        return (value + 0.5) * s, k + 1, True
    return value, j, scaled


def _own_scale(doc: ArticleTokens, value: float, j: int) -> float | None:
    """The scale a number word is itself a multiple of: 'مليون' and 'مليونين' of a million."""
    if not j or doc.tokens[j - 1].kind != "word":
        return None
    return next((p for p in (1e9, 1e6, 1e3) if value >= p and value % p == 0), None)


def _phrase_end(doc: ArticleTokens, j: int, phrases: frozenset[tuple[str, ...]]) -> int | None:
    """Index past the longest phrase of ``phrases`` (three tokens at most) starting at token ``j``."""
    for length in range(3, 0, -1):
        if tuple(doc.folds[j:j + length]) in phrases:
            return j + length
    return None
