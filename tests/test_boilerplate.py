"""Boilerplate lines, markup residue and character normalisation."""
from __future__ import annotations

from pathlib import Path

import pytest

from transforms.boilerplate import (
    BOILERPLATE_LANGS,
    LexiconError,
    clean_text,
    is_boilerplate_line,
    load_boilerplate_patterns,
    normalize_characters,
    strip_markup_residue,
)

SAMPLES = Path(__file__).parent.parent / "samples"


def _sample(prefix: str) -> str:
    return next(SAMPLES.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", BOILERPLATE_LANGS)
def test_every_lexicon_loads(lang: str) -> None:
    assert len(load_boilerplate_patterns(lang)) >= 10


def test_unknown_lexicon_language_names_the_choices() -> None:
    with pytest.raises(LexiconError, match="expected one of ar, en, he"):
        load_boilerplate_patterns("fa")


@pytest.mark.parametrize(
    "line",
    [
        "Photo of author",  # 001: author-box image alt text
        "By العربية الآن",  # 001: byline
        "أضف تعليق",  # 001: comment prompt
        "For security, use of Google's reCAPTCHA service is required which is subject to the Google Privacy Policy and Terms of Use.",
        "مقالات ذات صلة",  # 000 and 004: related-articles heading
        "اترك تعليقاً",  # 004
        "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",  # 004
        "زر الذهاب إلى الأعلى",  # 004: back-to-top button
        "© | وقد قام مركز ويبانغاه الإخباري بترجمة هذا الخبر من مصدر وكالة تسنیم للأنباء |",  # 002 copyright line
        "جميع الحقوق محفوظة © منصة الشام الإخبارية 2021",
        "שתפו בפייסבוק",
        "כתבות נוספות",
        "הוסיפו תגובה",
        "Share on Facebook",
        "Leave a Reply",
        "  طباعة  ",  # surrounding white space does not matter
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "المصادر",  # 000: the reference list heading is content (kept on purpose)
        "- YAAKOV KATZ (2010-09-07). \"Barak signs military deal with Russia\". جروسالم پوست.",
        "By 2030 the trade volume will double.",  # a sentence that starts like a byline
        "كتب الرئيس في رسالته إلى نظيره الروسي أن العلاقات متينة.",  # starts with the byline verb كتب
        "وأضاف أن الحكومة ستنشر تعليقاً رسمياً على القرار خلال أيام، بحسب ما نقلت الوكالة.",  # mentions تعليق
        "التقارب بين إسرائيل وإيران",  # 001 subheading
    ],
)
def test_content_lines_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate_line(line)


def test_samples_001_004_lose_their_tails_but_keep_the_last_paragraph() -> None:
    out1 = clean_text(_sample("001"))
    for gone in ("Photo of author", "By العربية الآن", "أضف تعليق", "reCAPTCHA"):
        assert gone not in out1
    assert out1.endswith("بناءً على المتغيرات السياسية القادمة.")
    out4 = clean_text(_sample("004"))
    for gone in ("مقالات ذات صلة", "اترك تعليقاً", "لن يتم نشر", "زر الذهاب إلى الأعلى"):
        assert gone not in out4
    assert out4.endswith("بشأن الوجود الإيراني في سوريا.")


def test_sample_002_residue_and_copyright_removed() -> None:
    out = clean_text(_sample("002"))
    assert "/span>" not in out and "/p>" not in out and "©" not in out
    assert "سفيرًا لإسرائيل لدى جمهورية أذربيجان.”\n" in out  # the sentence before "/span>" is intact
    assert "أمثلة على التعاون العسكري والفني بين الجانبين ما يلي:\n" in out
    assert out.endswith("شريكًا استراتيجيًا مهمًا لأذربيجان في المنطقة.")


def test_sample_000_reference_list_kept() -> None:
    out = clean_text(_sample("000"))
    assert "مقالات ذات صلة" not in out
    assert "المصادر\n- YAAKOV KATZ (2010-09-07)." in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال: /span> انتهى", "قال:   انتهى"),  # orphan closing tag
        ("سطر<br>سطر", "سطر سطر"),
        ('<p class="x">نص</p>', " نص "),
        ("a&nbsp;b &amp; c", "a\u00a0b & c"),  # entities decoded (NBSP becomes a space later)
        ("if a < b and c > d", "if a < b and c > d"),  # comparisons are not tags
        ("and/or 3/4 km/h", "and/or 3/4 km/h"),  # slashes are not closing tags
    ],
)
def test_strip_markup_residue(text: str, expected: str) -> None:
    assert strip_markup_residue(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الســـلام عليكم", "السلام عليكم"),  # decorative tatweel between letters
        ("الطاقم الروسي الـ15", "الطاقم الروسي الـ15"),  # 004: tatweel before digits means something
        ("مشار إليها بـ *", "مشار إليها بـ *"),  # before a symbol it stays
        ("\ufefb\ufe8e\ufee3", "لاام"),  # presentation forms (lam-alef ligature, alef final, meem initial)
        ("\ufb2a", "\u05e9\u05c1"),  # Hebrew presentation form shin with shin dot
        ("שלום\u200f עולם\u202b!\u202c", "שלום עולם!"),  # bidi controls
        ("ومن جهته،\u00a0 شدّد", "ومن جهته، شدّد"),  # 004: NBSP + space collapse
        ("a\n\n\n\nb  \n", "a\n\nb"),  # at most one blank line, no trailing spaces
        ("\u0647\u0640\u064e\u0630\u0627", "\u0647\u064e\u0630\u0627"),  # tatweel after a haraka, before a letter
        ("ﬁ ½ ²", "ﬁ ½ ²"),  # NFKC is not applied outside presentation forms
    ],
)
def test_normalize_characters(text: str, expected: str) -> None:
    assert normalize_characters(text) == expected
