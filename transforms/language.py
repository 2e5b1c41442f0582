"""Guess an article's language as an ISO 639-1 code ('und' when there is too little text).

The script is decided first by counting letters: Hebrew letters are only used for Hebrew (and
Yiddish, which py3langid does not model), so a Hebrew-script text is 'he' without asking a model.
Arabic script is shared with Persian, Urdu, Pashto and others, so those texts go to py3langid
restricted to the Arabic-script languages it knows; Latin-script and mixed texts go to py3langid
unrestricted. py3langid ships its model inside the wheel, so nothing is downloaded.
"""
from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Fewer letters than this and no guess is worth storing (a headline fragment, a caption).
MIN_LETTERS = 12
# Share of letters a script needs before the text counts as written in it.
SCRIPT_MAJORITY = 0.6
# Arabic-script languages in the py3langid model; 'ar' must be among them.
ARABIC_SCRIPT_LANGS = ("ar", "fa", "ur", "ps", "ug", "ku")
# Hebrew-script letters that Yiddish uses and Hebrew does not (double vav/yod ligatures).
_YIDDISH_LIGATURES = "\u05f0\u05f1\u05f2"


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of ``text``, or 'und' when it is too short to tell."""
    counts = _letter_counts(text[:20000])
    letters = sum(counts.values())
    if letters < MIN_LETTERS:
        return "und"
    if counts["he"] / letters >= SCRIPT_MAJORITY:
        return "yi" if any(ch in text for ch in _YIDDISH_LIGATURES) else "he"
    sample = text[:5000]
    if counts["ar"] / letters >= SCRIPT_MAJORITY:
        return _identifier(ARABIC_SCRIPT_LANGS).classify(sample)[0]
    return _identifier(None).classify(sample)[0]


def _letter_counts(text: str) -> dict[str, int]:
    """Letters per script: 'he', 'ar' and 'other'."""
    counts = {"he": 0, "ar": 0, "other": 0}
    for ch in text:
        if not ch.isalpha():
            continue
        cp = ord(ch)
        if 0x05D0 <= cp <= 0x05F2 or 0xFB1D <= cp <= 0xFB4F:
            counts["he"] += 1
        elif 0x0620 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or 0xFB50 <= cp <= 0xFEFC:
            counts["ar"] += 1
        else:
            counts["other"] += 1
    return counts


@cache
def _identifier(langs: tuple[str, ...] | None) -> LanguageIdentifier:
    """A py3langid identifier, restricted to ``langs`` when given (loaded once per set)."""
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    if langs:
        identifier.set_languages([lang for lang in langs if lang in identifier.labels])
    return identifier
