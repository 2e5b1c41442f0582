"""Number words that are figures only in one place: a fraction naming a share ('roughly half of',
'שלושה רבעים מהאוכלוסייה', 'ثلثي الأراضي'), and the word for one after its noun ('אזרח אחד',
'جندي واحد').

Both are read before the ordinary number reading, which would drop a lone fraction or a lone 'one'.
"""
from __future__ import annotations

from transforms.figure_core import NumberCore
from transforms.figure_tokens import ArticleTokens, stem_lang
from transforms.figure_units import Unit
from transforms.normalize import stem_candidates
from transforms.numbers import scale_of


def read_share(doc: ArticleTokens, i: int) -> tuple[NumberCore, Unit] | None:
    """A fraction in words at token ``i`` followed by a partitive: the share in percent and its unit '%'."""
    folds, lex = doc.folds, doc.lexicon
    if doc.tokens[i].kind != "word" or (i and doc.tokens[i - 1].kind == "num"):
        return None
    for prefix in ("", *sorted(p for p in lex.glued_prefixes if folds[i].startswith(p))):
        key = (folds[i][len(prefix):], *folds[i + 1:i + 3])
        for length in range(3, 0, -1):
            value = lex.fractions.get(key[:length])
            if value is not None and _share_follows(doc, i + length) and not _share_blocked(doc, i, prefix):
                return NumberCore(value, i, i + length, i, prefix, True), Unit("percent", "%", i + length)
    return None


def _share_follows(doc: ArticleTokens, k: int) -> bool:
    """What follows a fraction makes it a share: a partitive ('of', 'من', 'מן', 'מה־') or 'the'."""
    if k >= len(doc.tokens) or doc.tokens[k].kind != "word" or scale_of(doc.folds[k]) is not None:
        return False
    fold, lex = doc.folds[k], doc.lexicon
    return fold in lex.partitives or any(
        fold.startswith(p) and len(fold) > len(p) + 1 for p in lex.partitive_prefixes)


def _share_blocked(doc: ArticleTokens, i: int, prefix: str) -> bool:
    """'the first half of 2024', 'ثلاثة ونصف': a period, a reference or part of a number."""
    if not i:
        return False
    before = doc.folds[i - 1]
    return before in doc.lexicon.fraction_blockers or (prefix in ("و", "ו") and doc.tokens[i - 1].kind == "num")


def is_postposed_one(doc: ArticleTokens, core: NumberCore) -> bool:
    """'אזרח אחד', 'جندي واحد': the word for one after an indefinite noun counts that noun."""
    i, lex = core.first, doc.lexicon
    if not core.is_word or core.prefix or doc.folds[i] not in lex.one_after or i == 0:
        return False
    noun = doc.tokens[i - 1]
    if noun.kind != "word" or "\n" in doc.text[noun.end:doc.tokens[i].start] or len(noun.fold) < 2:
        return False
    blocked = lex.one_after_blockers | lex.not_counted | lex.time_nouns | lex.one_after
    lang = stem_lang(noun.text)
    if noun.fold in blocked or any(c in blocked for c in stem_candidates(noun.text, lang)):
        return False
    if lang == "ar" and any(noun.fold.startswith(p) for p in lex.definite_prefixes):
        return False  # 'الشعب واحد': a predicate, not a count
    return not _one_of_the(doc, i + 1)


def _one_of_the(doc: ArticleTokens, k: int) -> bool:
    """A partitive or a definite word after 'one' ('אחת הסוגיות', 'واحد من'): 'one of the', after a verb."""
    nxt = doc.folds[k] if k < len(doc.tokens) else ""
    lex = doc.lexicon
    partitive = nxt in lex.partitives or any(nxt.startswith(p) for p in lex.partitive_prefixes)
    definite = any(nxt.startswith(p) and len(nxt) > len(p) + 1 for p in lex.definite_prefixes)
    return partitive or definite
