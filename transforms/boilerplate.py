"""Remove web chrome from article text and normalise its characters.

Works on any text (trafilatura output, a feed's plain text, PDF text) because boilerplate leaks
through every route: samples/001 and 004 end with comment prompts, 002 carries ``/span>`` residue.
Line patterns are data (``lexicons/boilerplate.<lang>.txt``); the character rules are code.

Choices worth knowing:
- A boilerplate line is only dropped when the *whole* line matches and is short, so a sentence
  that merely mentions "تعليق" or "share" is never lost.
- A reference list ("المصادر" followed by ``- ...`` lines, as in samples/000) is kept: it is part
  of the article and carries dates and names a researcher may want.
- Tatweel (U+0640) is removed only between two Arabic letters, where it is pure stretching; in
  ``الـ15`` or ``بـ *`` it separates a prefix from a digit or symbol and stays.
"""
from __future__ import annotations

import html
import re
import unicodedata
from functools import cache

from transforms.lexicon_files import LexiconError, lexicon_path

BOILERPLATE_LANGS = ("ar", "en", "he")
# A line longer than this is content even if a pattern matches its start (a copyright line is short).
MAX_BOILERPLATE_LINE = 200


@cache
def load_boilerplate_patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    """Compile ``lexicons/boilerplate.<lang>.txt`` (one whole-line regex per line)."""
    path = lexicon_path("boilerplate", lang, BOILERPLATE_LANGS, suffix="txt")
    patterns = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        try:
            patterns.append(re.compile(entry, re.IGNORECASE))
        except re.error as exc:
            raise LexiconError(f"{path}:{lineno}: bad pattern {entry!r}: {exc}") from exc
    if not patterns:
        raise LexiconError(f"{path}: no patterns")
    return tuple(patterns)


def is_boilerplate_line(line: str) -> bool:
    """True when the whole (stripped) line is known web chrome in any supported language."""
    stripped = " ".join(line.split())
    if not stripped or len(stripped) > MAX_BOILERPLATE_LINE:
        return False
    return any(p.fullmatch(stripped) for lang in BOILERPLATE_LANGS for p in load_boilerplate_patterns(lang))


def strip_boilerplate(text: str) -> str:
    """Drop boilerplate lines and markup residue; keep every other line as it is."""
    kept = [line for line in strip_markup_residue(text).split("\n") if not is_boilerplate_line(line)]
    return "\n".join(kept)


# Orphan tag fragments left by bad HTML-to-text conversions: "/span>", "/p>", "<br>", "<p class=x>".
_TAG_NAMES = r"(?:span|p|div|br|hr|strong|em|b|i|u|a|li|ul|ol|h[1-6]|font|img|section|article|blockquote|figure|figcaption)"
_FULL_TAG = re.compile(rf"</?{_TAG_NAMES}\b[^<>\n]{{0,300}}?/?>", re.IGNORECASE)
_ORPHAN_CLOSE = re.compile(rf"(?<![\w<])/{_TAG_NAMES}>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")


def strip_markup_residue(text: str) -> str:
    """Remove stray tags and decode HTML entities (``&nbsp;`` becomes a space later)."""
    text = _FULL_TAG.sub(" ", text)
    text = _ORPHAN_CLOSE.sub(" ", text)
    return _ENTITY.sub(lambda m: html.unescape(m.group()), text)


_BIDI_CONTROLS = dict.fromkeys(
    [0x200B, 0x200E, 0x200F, 0x061C, 0x00AD, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
_ARABIC_LETTER = "\u0621-\u063A\u0641-\u064A\u066E-\u06D3\u06FA-\u06FC"
_ARABIC_MARK = "\u064B-\u065F\u0670"
_TATWEEL = re.compile(rf"(?<=[{_ARABIC_LETTER}{_ARABIC_MARK}])\u0640+(?=[{_ARABIC_MARK}]*[{_ARABIC_LETTER}])")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalize_characters(text: str) -> str:
    """NFC; NFKC on presentation forms only; no bidi controls, decorative tatweel or space runs.

    NFKC on the whole text would also rewrite digits, fractions and ligatures a reader typed on
    purpose; PDF extraction is what yields Arabic/Hebrew presentation forms, so only those fold.
    """
    text = "".join(_fold_presentation_form(ch) for ch in text)
    text = unicodedata.normalize("NFC", text).translate(_BIDI_CONTROLS)
    text = _TATWEEL.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def _fold_presentation_form(ch: str) -> str:
    """NFKC for Hebrew (U+FB1D-FB4F) and Arabic (U+FB50-FDFF, U+FE70-FEFE) presentation forms."""
    cp = ord(ch)
    if 0xFB1D <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFE:
        folded = unicodedata.normalize("NFKC", ch)
        return folded.lstrip(" ") if folded.strip() else folded  # isolated harakat fold to " ً"
    return ch


def clean_text(text: str) -> str:
    """Boilerplate and residue removal followed by character normalisation."""
    return normalize_characters(strip_boilerplate(text))
