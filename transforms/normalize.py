"""Normalise text for *matching only*; the stored text is never changed.

``fold`` returns the folded string together with an index map back to the original, so a regex
run on folded text still yields offsets into ``articles.text``. Written by hand because no
library folds Arabic and Hebrew orthographic variants while keeping such a map.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Arabic-Indic (U+0660..) and Persian/Urdu (U+06F0..) digits to ASCII.
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}

_ARABIC_LETTERS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",  # alef with hamza/madda/wasla
    "ى": "ي", "ی": "ي", "ې": "ي",  # alef maqsura, Persian yeh
    "ة": "ه",  # ta marbuta
    "ک": "ك", "گ": "ك",  # Persian keheh/gaf, seen in Arabic news (گازپروم)
    "پ": "ب", "ڤ": "ف", "چ": "ج",  # Persian letters used for foreign names (پوتن)
}

_HEBREW_LETTERS = {
    "\u05be": "-",  # maqaf
    "\u05f3": "'",  # geresh
    "\u05f4": '"',  # gershayim
}

_PUNCT = {
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u00ab": '"', "\u00bb": '"', "\u060c": ",", "\u061b": ";", "\u061f": "?", "\u066a": "%",
    "\u066b": ".", "\u066c": ",",  # Arabic decimal and thousands separators
    "\u00a0": " ", "\u202f": " ",
}

_MAP = _DIGITS | _ARABIC_LETTERS | _HEBREW_LETTERS | _PUNCT


def _is_dropped(ch: str) -> bool:
    """Tatweel, Arabic harakat, Hebrew niqqud/cantillation and bidi controls carry no letter."""
    cp = ord(ch)
    return (
        cp == 0x0640
        or 0x064B <= cp <= 0x065F
        or cp == 0x0670
        or 0x0591 <= cp <= 0x05BD
        or cp in (0x05BF, 0x05C1, 0x05C2, 0x05C4, 0x05C5, 0x05C7)
        or 0x200B <= cp <= 0x200F
        or 0x202A <= cp <= 0x202E
        or 0x2066 <= cp <= 0x2069
    )


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text plus ``index[i]`` = offset in the original of folded character ``i``."""

    text: str
    index: tuple[int, ...]
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the folded text back to the original text."""
        if start >= len(self.index):
            return self.original_length, self.original_length
        orig_start = self.index[start]
        orig_end = self.index[end - 1] + 1 if end > start else orig_start
        return orig_start, orig_end


def fold_char(ch: str) -> str:
    """Fold one character ('' when it is dropped)."""
    if _is_dropped(ch):
        return ""
    mapped = _MAP.get(ch)
    if mapped is not None:
        return mapped
    low = ch.lower()
    return low if len(low) == 1 else ch


def fold(text: str) -> Folded:
    """Fold ``text`` for matching and keep a map back to it."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        f = fold_char(ch)
        if f:
            out.append(f)
            index.append(i)
    return Folded("".join(out), tuple(index), len(text))


def fold_str(text: str) -> str:
    """Fold a short string (a lexicon entry, a token); no index map."""
    return "".join(fold_char(ch) for ch in text)


# Clitic prefixes, longest first. Arabic: conjunctions و/ف, prepositions ب/ل/ك, article ال and their
# combinations; Hebrew: ו/ה/ב/ל/מ/ש/כ and their usual stacks. Stripping is only proposed, never forced:
# callers check each candidate against a lexicon, so a name that merely starts with ل is not harmed.
_PREFIXES = {
    "ar": ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك"),
    "he": ("וכש", "ומה", "ושה", "ובה", "ולה", "וה", "וב", "ול", "ומ", "וש", "וכ", "שה", "שב", "של", "מה", "כש", "לה", "בה",
           "ו", "ה", "ב", "ל", "מ", "ש", "כ"),
}
_MIN_STEM = 2


@lru_cache(maxsize=65536)
def stem_candidates(token: str, lang: str) -> tuple[str, ...]:
    """Return the folded token and every version of it with a clitic prefix (and maqaf) removed."""
    tok = fold_str(token).strip("-'\"")
    seen = [tok]
    for prefix in _PREFIXES.get(lang, ()):
        if tok.startswith(prefix) and len(tok) - len(prefix) >= _MIN_STEM:
            stem = tok[len(prefix):].lstrip("-")
            if stem not in seen:
                seen.append(stem)
    if lang == "ar":  # the article after a preposition loses its alef: لل + روسيا handled above; ب + ال
        for s in list(seen):
            if s.startswith("ال") and len(s) > 3 and s[2:] not in seen:
                seen.append(s[2:])
    return tuple(seen)


# Letters and digits (\w), plus the marks \w leaves out: tatweel, Arabic harakat, Hebrew niqqud, maqaf,
# geresh and gershayim. Arabic punctuation (، ؛ ؟) stays outside words.
_WORD = re.compile(r"[\w\u0640\u064B-\u065F\u0670\u0591-\u05C7\u05F3\u05F4'\"\-]+")


def word_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each word in ``text``; Hebrew maqaf and geresh stay inside the word."""
    spans = []
    for m in _WORD.finditer(text):
        start, end = m.span()
        while end > start and text[end - 1] in "'\"-\u05be":
            end -= 1
        while start < end and text[start] in "'\"-\u05be":
            start += 1
        if end > start:
            spans.append((start, end))
    return spans
