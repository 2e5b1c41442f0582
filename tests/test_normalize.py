import pytest

from transforms.normalize import fold, fold_str, stem_candidates, word_spans


@pytest.mark.parametrize("raw, folded", [
    ("٢٠٢١", "2021"),            # Arabic-Indic digits
    ("۱۹۹۲", "1992"),            # Persian digits
    ("إسرائيل", "اسرائيل"),       # alef with hamza below
    ("مُبْدِيًا", "مبديا"),         # harakat dropped
    ("جمهوريـــة", "جمهوريه"),     # tatweel dropped, ta marbuta folded
    ("בן־צבי", "בן-צבי"),          # maqaf to hyphen
    ("צה״ל", 'צה"ל'),             # gershayim to a straight quote
    ("Moscow", "moscow"),
])
def test_fold_str(raw, folded):
    assert fold_str(raw) == folded


def test_fold_keeps_a_map_back_to_the_original():
    text = "قال بوتـين: «نبذل جهودًا»"
    f = fold(text)
    start = f.text.index("بوتين")
    a, b = f.span(start, start + len("بوتين"))
    assert text[a:b] == "بوتـين"


@pytest.mark.parametrize("token, lang, stem", [
    ("وبوتين", "ar", "بوتين"),
    ("لإسرائيل", "ar", "اسرائيل"),
    ("بالعراق", "ar", "عراق"),
    ("ולרוסיה", "he", "רוסיה"),
    ("בישראל", "he", "ישראל"),
    ("מרוסיה", "he", "רוסיה"),
])
def test_stem_candidates_strip_clitics(token, lang, stem):
    assert stem in stem_candidates(token, lang)


def test_short_words_are_not_stripped_to_nothing():
    assert stem_candidates("لي", "ar") == ("لي",)


def test_word_spans_keep_acronyms_whole():
    text = "דובר צה״ל אמר"
    assert [text[a:b] for a, b in word_spans(text)] == ["דובר", "צה״ל", "אמר"]


def test_word_spans_leave_arabic_punctuation_outside_words():
    text = "التقى بوتين، بينيت؛ هل اتفقا؟ مُبْدِيًا"
    assert [text[a:b] for a, b in word_spans(text)] == ["التقى", "بوتين", "بينيت", "هل", "اتفقا", "مُبْدِيًا"]
