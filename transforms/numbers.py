"""Read numbers written in digits or in words (Arabic, Hebrew, English), and the scale words after them.

Where the word tables come from:
- from num2words: every number 1..1000 (plus 2000, 10**6, 2*10**6, 10**9, 2*10**9) in ar, he and en, and
  the singular scale words (the last word of num2words(10**3 / 10**6 / 10**9 / 10**12)). num2words writes
  Hebrew in the feminine absolute form (שלוש), Arabic with a spaced conjunction (ثلاثة و عشرون) and one
  case only (عشرون), English with hyphens and "and".
- hand-added, in lexicons/figures.*.yaml: gender/construct/case variants (שלושה/שלושת, ثلاث, عشرين),
  scale plurals and construct forms (آلاف, אלפים, מיליוני), duals that stand alone (ألفين), fractions
  used before a scale word (חצי, نصف, half) and the dozen (תריסר).
- hand-added here, in code: the Arabic spelling pair مائة/مئة and the English forms without "and" or hyphen.
No ordinals anywhere: an ordinal is never a figure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import product

from num2words import num2words

from transforms.figure_lexicon import FigureLexicon, load_figure_lexicon, phrase_tokens
from transforms.normalize import fold_str

_N2W_LANGS = ("ar", "he", "en")
_N2W_EXTRA = (2000, 10**6, 2 * 10**6, 10**9, 2 * 10**9)
_SCALE_POWERS = (10**3, 10**6, 10**9, 10**12)
_CONJUNCTIONS = ("و", "ו")  # glued "and" inside compound number words, Arabic and Hebrew
_HUNDREDS = re.compile(r"^(\w+?)(?:مائه|مئه)$")  # ثلاثمائة is also written ثلاث مئة
_DIGIT_MAP = str.maketrans(
    {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)},
     ",": "", "\u066c": "", "\u066b": "."}
)


def parse_digits(token: str) -> float:
    """Value of a digit token: ASCII or Arabic-Indic digits, ',' or '٬' thousands, '.' or '٫' decimals."""
    return float(token.translate(_DIGIT_MAP))


def ascii_digits(token: str) -> str:
    """The token with Arabic-Indic digits and separators mapped to ASCII (',' dropped)."""
    return token.translate(_DIGIT_MAP)


@dataclass(frozen=True, slots=True)
class NumberWords:
    """Folded phrase (tuple of tokens) -> value, and folded scale word -> multiplier."""

    phrases: dict[tuple[str, ...], float]
    scales: dict[str, float]
    max_len: int


@dataclass(frozen=True, slots=True)
class WordMatch:
    value: float
    length: int  # number of tokens the phrase covers
    prefix: str  # glued clitic stripped from the first token ('' when none)


@cache
def number_words() -> NumberWords:
    """Build the merged ar/he/en lookup tables once."""
    lex = load_figure_lexicon()
    groups = {member: group for group in lex.number_variants for member in group}
    phrases: dict[tuple[str, ...], float] = {}
    for lang in _N2W_LANGS:
        for n in (*range(1, 1001), *_N2W_EXTRA):
            for toks in _variants(_n2w_tokens(n, lang), groups):
                phrases.setdefault(toks, float(n))
    phrases.update(lex.extra_numbers)
    for word in lex.drop_alone:
        phrases.pop((word,), None)
    scales = {_n2w_tokens(p, lang)[-1]: float(p) for lang in _N2W_LANGS for p in _SCALE_POWERS}
    scales.update(lex.scale_words)
    return NumberWords(phrases, scales, max(len(k) for k in phrases))


def _n2w_tokens(n: int, lang: str) -> tuple[str, ...]:
    """num2words output, folded and tokenised; Arabic 'و ' re-glued to the next word as it is written."""
    text = fold_str(num2words(n, lang=lang))
    if lang == "ar":
        text = re.sub(r"(?<!\S)و\s+", "و", text)
    return phrase_tokens(text)


def _variants(tokens: tuple[str, ...], groups: dict[str, frozenset[str]]) -> list[tuple[str, ...]]:
    """Every spelling of a phrase: each token replaced by its variant group, conjunction kept."""
    options = []
    for tok in tokens:
        conj = tok[0] if tok[:1] in _CONJUNCTIONS and tok[1:] in groups else ""
        alts = {tok} | {conj + a for a in groups.get(tok[len(conj):], ())}
        alts |= {a.replace("مائه", "مئه") for a in alts}
        alts |= {f"{m.group(1)} {h}" for a in alts if (m := _HUNDREDS.match(a)) for h in ("مئه", "مائه")}
        options.append(sorted(alts))
    out = [tuple(" ".join(combo).split()) for combo in product(*options)]
    if "and" in tokens:
        out.append(tuple(t for t in tokens if t != "and"))
    if "-" in tokens:
        out.extend([tuple(t for t in v if t != "-") for v in list(out)])
    return out


def match_number_words(folded: list[str], i: int, lex: FigureLexicon | None = None) -> WordMatch | None:
    """Longest number phrase starting at token ``i``; the first token may carry a glued prefix (ב, כ, و)."""
    lex = lex or load_figure_lexicon()
    table = number_words()
    first = folded[i]
    candidates = [("", first)] + [(p, first[len(p):]) for p in lex.glued_prefixes
                                  if first.startswith(p) and len(first) > len(p) + 1]
    best: WordMatch | None = None
    for prefix, head in candidates:
        for length in range(min(table.max_len, len(folded) - i), 0, -1):
            key = (head, *folded[i + 1:i + length])
            if key in table.phrases:
                if best is None or length > best.length:
                    best = WordMatch(table.phrases[key], length, prefix)
                break
    return best


def scale_of(folded_token: str) -> float | None:
    """Multiplier of a scale word (ألف, מיליון, billion, תריסר), or None."""
    return number_words().scales.get(folded_token)
