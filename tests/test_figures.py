"""Tests for transforms/figures.py and its figure_* step modules, through extract_figures: named hard cases
on the real samples, short fixture articles per language (tests/fixtures/articles/figures/
<lang>_<nn>_<slug>.txt with the expected figures in the .json beside it, written by reading the text), the
lexicon loader, speed, and P/R/F1 against tests/gold/figures.jsonl."""
from __future__ import annotations

import json
import time
from functools import cache

import pytest

from conftest import ROOT, SAMPLE_LANG, SAMPLE_TEXTS as SAMPLES, make_article, span_of
from transforms import figure_lexicon
from transforms.figure_lexicon import FigureLexiconError, load_figure_lexicon
from transforms.figures import extract_figures
from transforms.records import Figure, stable_id
from transforms.segment import sentence_at, sentences

FIXTURES = ROOT / "tests" / "fixtures" / "articles" / "figures"


@cache
def _sample_figures(sample: str) -> list[Figure]:
    return extract_figures(make_article(SAMPLES[sample], SAMPLE_LANG[sample], sample))


def _overlapping(figures: list[Figure], start: int, end: int) -> list[Figure]:
    return [f for f in figures if f.char_start < end and start < f.char_end]


# (sample, substring, nth, value, value_max, kind, unit, approximate)
SAMPLE_CASES = [
    ("000", "12 طائرة", 0, 12, None, "count", "طائرة", False),  # digits + counted noun
    ("000", "50 ضابط", 0, 50, None, "count", "ضابط", False),  # noun in the construct singular after 11+
    ("000", "ثلاثة اشخاص", 0, 3, None, "count", "اشخاص", False),  # Arabic number word from num2words
    ("002", "حوالي 40%", 0, 40, None, "percent", "%", True),  # approximator + percent sign
    ("002", "7 إلى 16 ألف", 0, 7000, 16000, "count", "يهودي", True),  # scale word distributes over the range
    ("002", "حوالي 20 منظمة", 0, 20, None, "count", "منظمة", True),  # approximator before a count
    ("004", "50%", 0, 50, None, "percent", "%", False),  # plain percent
    ("003", "15 מגרשים", 0, 15, None, "count", "מגרשים", False),  # Hebrew digits + noun
    ("003", "177 אנשים", 0, 177, None, "count", "אנשים", False),  # after a glued ו־
    ("003", "ל־20 אחוזים", 0, 20, None, "percent", "%", True),  # "הקרוב ל־": approximator ending in a prefix
    ("003", "ב־300 אחוזים", 0, 300, None, "percent", "%", False),  # ב־ is only a preposition
    ("003", ")48%(", 0, 48, None, "percent", "%", False),  # mirrored parentheses of PDF text
    ("003", "34.5%", 0, 34.5, None, "percent", "%", False),  # decimal percent
    ("003", "חמישה מיליארד דולר", 0, 5e9, None, "money", "USD", True),  # word + scale + currency; "עלה על"
    ("003", "ארבעה מיליארד", 0, 4e9, None, "money", "USD", False),  # currency on the next (hard-wrapped) line
    ("003", "500 אלף", 0, 500000, None, "count", "יהודים", True),  # "יותר מ־": approximator glued by maqaf
    ("003", "200 \n\nאלף", 0, 200000, None, "count", "איש", True),  # לכ־ prefix, scale word after a page wrap
    ("003", "1.2 מיליון יהודים", 0, 1.2e6, None, "count", "יהודים", False),  # decimal + scale
    ("003", "כחצי מיליון איש", 0, 500000, None, "count", "איש", True),  # half + scale, כ glued
    ("003", "כמאה אלף מתנדבים", 0, 100000, None, "count", "מתנדבים", True),  # number word fused with כ
    ("003", "וכארבעים אלף איש", 0, 40000, None, "count", "איש", True),  # וכ fused before a word number
    ("003", "מחצי מיליון תיירים", 0, 500000, None, "count", "תיירים", True),  # "יותר מחצי": מ fused
    ("003", "כ־40 אחוזים", 0, 40, None, "percent", "%", True),  # כ־ approximator with maqaf
    ("003", "משני תריסר הסכמים", 0, 24, None, "count", "הסכמים", True),  # two dozen: תריסר as a multiplier
    ("003", "ב-45\tערים", 0, 45, None, "count", "ערים", False),  # hyphen for maqaf, tab-separated PDF words
    ("003", "שש מדינות ערב", 0, 6, None, "count", "מדינות", False),  # absolute number word + noun
]


@pytest.mark.parametrize("sample,needle,nth,value,value_max,kind,unit,approximate", SAMPLE_CASES)
def test_sample_cases(sample, needle, nth, value, value_max, kind, unit, approximate):
    start, end = span_of(SAMPLES[sample], needle, nth)
    found = _overlapping(_sample_figures(sample), start, end)
    assert len(found) == 1, found
    f = found[0]
    assert (f.value, f.value_max, f.kind, f.unit, f.approximate) == (value, value_max, kind, unit, approximate)


# (sample, substring, nth): text that holds a number but no figure
NOT_FIGURES = [
    ("000", "12 فبراير 1953", 0),  # day of a month and a year
    ("000", "هرميز 450", 0),  # model name; the next word is a definite adjective, not a counted noun
    ("000", "اس 300", 0),  # S-300 written in Arabic letters
    ("000", "2010-09-07", 0),  # ISO date in a citation
    ("000", "[1]", 0),  # footnote mark
    ("000", "201218 يوليو", 0),  # garbled citation date
    ("002", "في عام 1991", 0),  # year after عام
    ("002", "من 2018 إلى 2022", 0),  # year range, not a value range
    ("002", "1992: إقامة", 0),  # year heading a timeline line
    ("004", "22 من تشرين", 0),  # day + من + Levantine month
    ("003", "II( 181(", 0),  # UN resolution number
    ("003", "II(181(", 0),  # same, without the space
    ("003", "Krammer, 1974, pp. 54-123", 0),  # citation year and page range
    ("003", "ה־16 במספר", 0),  # ordinal of a session
    ("003", "ה-76", 0),  # ordinal anniversary with a plain hyphen
    ("003", "השמונים", 0),  # ordinal written as a word with the article
    ("003", "Covid-19", 0),  # disease name
    ("003", "21-014-41001", 0),  # project id
    ("003", "\n122\n", 0),  # page number alone on its line
    ("003", "24 שנים", 0),  # duration: the dates extractor's business
    ("003", "שש שנים", 0),  # duration written in words
    ("003", "שתי המדינות", 0),  # construct number + definite noun: "the two states"
    ("003", "שני הצדדים", 0),  # "the two sides"
    ("003", "ששת הימים", 0),  # the Six-Day War
    ("003", "׳שתי מדינות לשני עמים׳", 0),  # slogan listed in not_figures
    ("003", "1948–1949", 0),  # year range with an en dash
    ("003", "p. 127", 0),  # page citation
    ("003", "ב־26 בנובמבר 1947", 0),  # Hebrew day with glued prefixes on day and month
]


@pytest.mark.parametrize("sample,needle,nth", NOT_FIGURES)
def test_not_figures(sample, needle, nth):
    start, end = span_of(SAMPLES[sample], needle, nth)
    assert _overlapping(_sample_figures(sample), start, end) == []


def test_sample_001_has_no_figures():
    # only dates ("18 أكتوبر", "فبراير 2016") and vague words ("عدد من") in this article
    assert _sample_figures("001") == []


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_records_are_consistent(sample):
    text = SAMPLES[sample]
    sents = sentences(text)
    for f in _sample_figures(sample):
        assert text[f.char_start:f.char_end] == f.raw_text
        assert f.figure_id == stable_id(sample, "figure", f.char_start, f.char_end)
        assert f.kind in ("count", "money", "percent", "quantity")
        assert f.sentence == sentence_at(sents, f.char_start).of(text)
        assert f.value_max is None or f.value_max > f.value


# --- fixture articles ---------------------------------------------------------------------------------------

FIXTURE_NAMES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


def _as_dict(f: Figure) -> dict:
    return {"text": f.raw_text, "value": f.value, "value_max": f.value_max, "unit": f.unit, "kind": f.kind,
            "approximate": f.approximate}


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_articles(name):
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    got = [_as_dict(f) for f in extract_figures(make_article(text, name[:2], name))]
    assert got == expected


@pytest.mark.parametrize("lang", ["ar", "he", "en"])
def test_ten_fixtures_per_language(lang):
    assert len([n for n in FIXTURE_NAMES if n.startswith(lang + "_")]) >= 10
    assert all((FIXTURES / f"{n}.json").exists() for n in FIXTURE_NAMES)


# (text, lang, value, value_max, kind, unit, approximate): one sentence per feature
SHORT_CASES = [
    ("بلغت الخسائر ٤٥٠ مليون دولار", "ar", 450e6, None, "money", "USD", False),  # Arabic-Indic digits
    ("غرامة بـ 50 ألف دولار", "ar", 50000, None, "money", "USD", False),  # بـ with tatweel before the number
    ("وصل عدد الزوار 1,200 زائر", "ar", 1200, None, "count", "زائر", False),  # comma thousands separator
    ("وصل عدد الزوار ١٬٢٠٠ زائر", "ar", 1200, None, "count", "زائر", False),  # Arabic thousands separator ٬
    ("ارتفع بنسبة ٥٫٥٪", "ar", 5.5, None, "percent", "%", False),  # Arabic decimal separator and ٪
    ("أرسلت ثلاثمئة جندي", "ar", 300, None, "count", "جندي", False),  # مئة spelling of num2words' مائة
    ("أرسلت ثلاث مئة جندي", "ar", 300, None, "count", "جندي", False),  # hundreds split in two words
    ("قتل ما يزيد على 70 شخصا", "ar", 70, None, "count", "شخصا", True),  # three-word approximator
    ("חתמו על עשרים ושלושה הסכמים", "he", 23, None, "count", "הסכמים", False),  # masculine compound
    ("נפצעו שלושת אלפים בני אדם", "he", 3000, None, "count", "בני", False),  # construct + plural scale
    ("הוקצו 2 מיליון ₪", "he", 2e6, None, "money", "ILS", False),  # currency symbol after the number
    ("The fine was US$ 3 million", "en", 3e6, None, "money", "USD", False),  # US$ before the number
    ("about 20 organisations", "en", 20, None, "count", "organisations", True),  # brief's English case
    ("3.5 million people", "en", 3.5e6, None, "count", "people", False),  # decimal + scale + noun
    ("between 1.5 and 2 million barrels", "en", 1.5e6, 2e6, "quantity", "bbl", False),  # scale distributes
    # the currency symbol repeated on the second number of a range: one range, not two figures
    ("Analysts put the cost at $4 billion to $6 billion", "en", 4e9, 6e9, "money", "USD", False),
    # 'and a half' after a scale word adds half of it; the scale word may be repeated (Arabic)
    ("وصل نحو مليون ونصف مليون زائر", "ar", 1.5e6, None, "count", "زائر", True),
    ("فرّ أكثر من مليونين ونصف مليون لاجئ", "ar", 2.5e6, None, "count", "لاجئ", True),  # dual + half
    ("גויסו מיליון וחצי דולר", "he", 1.5e6, None, "money", "USD", False),
    ("some two and a half million people fled", "en", 2.5e6, None, "count", "people", True),  # half before scale
    # a fraction in words before a partitive or a definite noun is a share, in percent
    ("Nearly two thirds of the voters backed the deal", "en", 200 / 3, None, "percent", "%", True),
    ("נשים מהוות מחצית מהעובדים", "he", 50, None, "percent", "%", False),
    ("يعيش ثلثا السكان تحت خط الفقر", "ar", 200 / 3, None, "percent", "%", False),
    # an English compound adjective counts its noun
    ("the 15-nation council voted", "en", 15, None, "count", "nation", False),
    # the word for 'one' after its noun counts that noun; the span starts at the noun
    ("נהרג חייל אחד ונפצעו", "he", 1, None, "count", "חייל", False),
    ("قُتل شرطي واحد في الهجوم", "ar", 1, None, "count", "شرطي", False),
    # a hedged number closing its clause counts what the clause named (unit unknown)
    ("the number of detainees rose to more than 1,500, officials said", "en", 1500, None, "count", None, True),
    # a 4-digit number below 1800 without a year cue is a count, also in a range of Arabic-Indic digits
    ("وعبرت ١٢٠٠ شاحنة المعبر", "ar", 1200, None, "count", "شاحنة", False),
    ("في الفترة ما بين ١٥٠٠ و١٧٠٠ جندي", "ar", 1500, 1700, "count", "جندي", False),
]


@pytest.mark.parametrize("text,lang,value,value_max,kind,unit,approximate", SHORT_CASES)
def test_short_cases(text, lang, value, value_max, kind, unit, approximate):
    figures = extract_figures(make_article(text, lang))
    assert [(f.value, f.value_max, f.kind, f.unit, f.approximate) for f in figures] == [
        (value, value_max, kind, unit, approximate)]


@pytest.mark.parametrize("text,lang", [
    ("وافق 5 من الوزراء", "ar"),  # a function word after the number is not a counted noun
    ("the 3rd summit and 5th round", "en"),  # English ordinals glued to digits
    ("انضم أحد الوزراء", "ar"),  # "one of": a lone 1 is never a figure
    ("the F35 and A320 fleets", "en"),  # model names with letters glued to digits
    ("من 1 إلى 5 يونيو", "ar"),  # day range of a month... the 5 is a day
    ("at 10:30 on 12/05", "en"),  # times and slash dates
    ("in the first half of 2024 exports rose", "en"),  # a half-year, not a share
    ("half an hour later", "en"),  # a fraction of a time unit
    ("a 30-day truce", "en"),  # a compound duration
    ("הם הגיעו בבת אחת", "he"),  # 'at once': a fixed phrase before 'one'
    ("وصوتوا بصوت واحد", "ar"),  # 'unanimously'
    ("זו אחת הסוגיות", "he"),  # 'one of the issues'
    ("the three ministers met", "en"),  # 'the' + number word: a reference to people already named
    ("the vote was 1,500, officials said", "en"),  # a bare number without a hedge says nothing
    ("في عام 1517 دخل العثمانيون", "ar"),  # a year before 1800 after a year cue
    ("يوم 12 ربيع الأول", "ar"),  # a day of a Hijri month
])
def test_short_not_figures(text, lang):
    assert extract_figures(make_article(text, lang)) == []


# --- lexicons ---------------------------------------------------------------------------------------------

def test_lexicons_load_with_library_data():
    lex = load_figure_lexicon()
    assert lex.currency_symbols["$"] == "USD" and lex.currency_symbols["₪"] == "ILS"  # babel CLDR symbols
    assert lex.currencies[("שקלים", "חדשים")] == "ILS"  # babel's Hebrew plural name
    assert lex.currencies[("دولار", "امريكي")] == "USD"  # babel's Arabic name, folded
    assert {"تشرين", "ניסן", "נובמבר", "سبتمبر"} <= lex.months  # babel ar_SY/he/ar + pyluach


def test_lexicon_rejects_unknown_key(tmp_path):
    path = tmp_path / "figures.xx.yaml"
    path.write_text("# header\napproximators_before: [a]\nunits_typo: {km: [km]}\n", encoding="utf-8")
    with pytest.raises(FigureLexiconError, match=r"figures\.xx\.yaml:3: unknown key 'units_typo'"):
        figure_lexicon._read(path)


def test_lexicon_rejects_yaml_boolean(tmp_path):
    # YAML 1.1 reads a bare `no` as False: the loader must say so instead of dropping the word
    path = tmp_path / "figures.xx.yaml"
    path.write_text("not_counted: [of, no]\n", encoding="utf-8")
    with pytest.raises(FigureLexiconError, match=r":1: not_counted must be a list of non-empty strings"):
        figure_lexicon._read(path)


def test_lexicon_rejects_unknown_currency_code(tmp_path):
    path = tmp_path / "figures.xx.yaml"
    path.write_text("currencies:\n  XYZ: [zorkmid]\n", encoding="utf-8")
    with pytest.raises(FigureLexiconError, match=r":2: 'XYZ' is not an ISO 4217 currency code"):
        figure_lexicon._currency_table([(path, {"XYZ": ["zorkmid"]})])


# --- speed and gold ---------------------------------------------------------------------------------------

def test_one_megabyte_is_linear():
    text = "\n".join(SAMPLES.values())
    big = (text * (1_000_000 // len(text) + 1))[:1_000_000]
    extract_figures(make_article("12 طائرة", "ar"))  # build the tables outside the timing
    t0 = time.perf_counter()
    small = extract_figures(make_article(big[:100_000], "he"))
    t_small = time.perf_counter() - t0
    t0 = time.perf_counter()
    figures = extract_figures(make_article(big, "he"))
    t_big = time.perf_counter() - t0
    assert len(figures) > 5 * len(small)
    assert t_big < 20  # generous: catches a hang or a quadratic scan, not a slow CI machine
    assert t_big < 10 * t_small * 3  # 10x the text must not cost much more than 10x the time
