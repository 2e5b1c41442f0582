"""Where an Arabic personal name ends inside a speaker phrase.

Arabic writes the title first and the name after it, with no capitals: `وزير الخارجية الكويتي الشيخ سالم
عبدالله الجابر الصباح في بيان`. The definite article is the hard part: it marks family names (الجابر,
السوداني) as well as the object that follows a verb-first subject (قال بوتين العلاقات ...), so these helpers
decide, from the words around it, whether an ال-word still belongs to the name. transforms/speakers.py calls
them while reading a phrase.
"""
from __future__ import annotations

import re

from transforms.normalize import fold_str
from transforms.quote_tokens import Tokens, ends_phrase, kinds_of

HONORIFIC_NAME_WORDS = 4  # `الشيخ سالم عبدالله الجابر الصباح`: a given name, a father's name, two family words
_COMMA = re.compile(r"[,،]")
_PHRASE_ENDERS = {"prepositions", "complementizers", "stop_words", "speech_verbs"}


def has_article(folded: str) -> bool:
    return folded.startswith(("ال", "وال", "بال", "لل", "فال"))


def is_nisba(folded: str) -> bool:
    """An Arabic relational adjective (المغربية, الإسرائيلي): it ends in ي or ية (folded ي/يه)."""
    return folded.endswith(("ي", "يه", "يون", "يين"))


def family_nisba_after(toks: Tokens, last: int, folded: str) -> bool:
    """`محمد شياع السوداني`, `جاسم البديوي العراقَ`: a masculine nisba right after a plain given-name word is the
    family name (an adjective agrees with a definite noun, and a personal name takes none)."""
    prev = toks.word(last)
    return folded.endswith("ي") and not kinds_of(prev, "ar") and not has_article(fold_str(prev))


def title_and_name_ahead(toks: Tokens, j: int) -> int | None:
    """Arabic `<role> <organisation> <rank> <Name>`: index of the name's last word when, within two tokens
    of ``j``, an honorific (الشيخ حكمت الهجري) or a title closed by a complementizer (الفريق أسامة ربيع أن)
    is followed by one to three name words."""
    if toks.lang != "ar":
        return None
    for r in (j, j + 1):
        if r < len(toks.spans) and "role_words" in kinds_of(toks.word(r), "ar"):
            if "honorifics" in kinds_of(toks.word(r), "ar"):
                return name_after_honorific(toks, r)
            return _name_before_complementizer(toks, r)
    return None


def _name_before_complementizer(toks: Tokens, r: int) -> int | None:
    """Index of the last of one to three plain words after the title at ``r`` that a complementizer ends."""
    n, m = len(toks.spans), r + 1
    while m < n and m - r <= 3 and not ends_phrase(toks, toks.gap(toks.spans[m - 1][1], toks.spans[m][0])):
        kinds = kinds_of(toks.word(m), "ar")
        if "complementizers" in kinds:
            return m - 1 if m - 1 > r else None
        if kinds or has_article(fold_str(toks.word(m))):
            return None
        m += 1
    return None


def name_after_honorific(toks: Tokens, r: int) -> int | None:
    """Index of the last name word after the honorific at ``r``: a plain given name, more plain words, then
    family words with the article (حكمت الهجري, سالم عبدالله الجابر الصباح). A second family word is taken
    only when the phrase ends right after it, since an object may follow the name (سامي الخوري الحكومةَ)."""
    last, cap = None, r + 1 + HONORIFIC_NAME_WORDS
    for m in range(r + 1, len(toks.spans)):
        gap = toks.gap(toks.spans[m - 1][1], toks.spans[m][0])
        kinds = kinds_of(toks.word(m), "ar")
        if m >= cap or ends_phrase(toks, gap) or _COMMA.search(gap) or (kinds and kinds != {"connectors"}):
            break
        if kinds:  # الفريق أول عبد الفتاح البرهان: عبد opens a compound given name and does not count
            cap, last = cap + 1, m
            continue
        family = last is not None and has_article(fold_str(toks.word(last)))
        if has_article(fold_str(toks.word(m))):
            if last is None or (family and not _ends_after(toks, m)):
                break
            last = m
            if family:
                break
            continue
        if family:
            break  # a plain word after the family name starts the rest of the sentence
        last = m
    return last


def _ends_after(toks: Tokens, m: int) -> bool:
    """The speaker phrase cannot go on after token ``m``: punctuation, a preposition, a complementizer."""
    if m + 1 >= len(toks.spans):
        return True
    gap = toks.gap(toks.spans[m][1], toks.spans[m + 1][0])
    return ends_phrase(toks, gap) or bool(_COMMA.search(gap)) or bool(kinds_of(toks.word(m + 1), "ar") & _PHRASE_ENDERS)


def name_slot_after_nisba(toks: Tokens, roles: int, names: int, last: int | None) -> bool:
    """`وزير الخارجية الإسباني خوسيه`: right after a title's nisba a name is due, even one ending in ه."""
    return bool(roles) and not names and last is not None and is_nisba(fold_str(toks.word(last))) \
        and has_article(fold_str(toks.word(last)))


AMMA_TOPIC_WORDS = 4  # أما أنقرة، فكانت قد أعلنت: the topic is a short noun phrase


def amma_topic(toks: Tokens, k: int) -> tuple[int, int] | None:
    """`أما X، ف<verb>`: first and last token of the topic X, the subject of the verb at ``k`` (or of a ف-word
    such as فكانت قد just before it), else None."""
    for m in range(k, max(0, k - 3), -1):
        if not fold_str(toks.word(m)).startswith("ف"):
            continue
        if not _COMMA.search(toks.gap(toks.spans[m - 1][1], toks.spans[m][0])):
            return None
        for a in range(m - 2, max(-1, m - 2 - AMMA_TOPIC_WORDS), -1):
            if fold_str(toks.word(a)) == "اما":
                return a + 1, m - 1
        return None
    return None
