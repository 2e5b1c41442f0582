"""Find the hedge on a number: an approximator before it (כ־40, יותר מ־500, حوالي, about) or after it.

The start of the hedge is also where the figure's span starts, so this returns a character offset, not
only a yes/no.
"""
from __future__ import annotations

from transforms.figure_core import NumberCore
from transforms.figure_tokens import ArticleTokens, Token, raw_length, stem_lang
from transforms.figure_units import currency_before
from transforms.normalize import stem_candidates

_LOOKBACK = 4  # tokens examined for an approximator before a number


def approximator_start(doc: ArticleTokens, core: NumberCore) -> int | None:
    """Char offset where an approximator before the number starts (כ־40, יותר מ־500, حوالي, about)."""
    lead_tok = doc.tokens[core.lead]
    for letter in doc.lexicon.approx_prefixes:
        if letter in core.prefix:
            return lead_tok.start + lead_tok.text.index(letter)
    money = currency_before(doc, core)
    end = money[1] if money else core.lead
    seq = [k for k in range(max(0, end - _LOOKBACK), end)]
    words = [doc.folds[k] for k in seq] + ([core.prefix] if core.prefix else [])
    best = None
    for phrase in doc.lexicon.approx_before:
        n = len(phrase)
        if n > len(words) or tuple(words[len(words) - n + 1:]) != phrase[1:]:
            continue
        k = len(words) - n
        if k >= len(seq):
            continue
        start = _phrase_start(doc.tokens[seq[k]], phrase[0])
        if start is not None:
            best = start if best is None else min(best, start)
    return best


def _phrase_start(tok: Token, head: str) -> int | None:
    """Where ``head`` starts in ``tok``, allowing a clitic before it (וכמעט -> כמעט, بحوالي -> حوالي)."""
    if tok.fold == head:
        return tok.start
    ends_with_head = tok.kind == "word" and tok.fold.endswith(head)
    if ends_with_head and head in stem_candidates(tok.text, stem_lang(tok.text)):
        return tok.start + raw_length(tok.text, len(tok.fold) - len(head))
    return None


def approximated_after(doc: ArticleTokens, end: int) -> bool:
    """An approximator follows the figure at token ``end`` ('50 or so', '20 تقريبا')."""
    return any(tuple(doc.folds[end:end + len(p)]) == p for p in doc.lexicon.approx_after)
