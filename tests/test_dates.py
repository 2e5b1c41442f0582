"""Tests for transforms/dates.py: named hard cases on the real samples, short fixture articles per language,
the lexicon loader, speed on a 1 MB text, and P/R/F1 against tests/gold/dates.jsonl."""
from __future__ import annotations

import time
from datetime import date

import pytest

from conftest import ROOT, SAMPLE_LANG, SAMPLE_TEXTS as SAMPLES, span_of
from transforms.dates import extract_dates
from transforms.dates_lexicon import LANGS, LexiconError, load_date_lexicon
from transforms.records import DateMention

FIXTURES = ROOT / "tests" / "fixtures" / "articles" / "dates"


def _covering(mentions: list[DateMention], start: int, end: int) -> list[DateMention]:
    return [m for m in mentions if m.char_start < end and start < m.char_end]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


# (sample, substring, nth, published, expected value, expected precision)
SAMPLE_CASES = [
    ("003", "ב־28 באפריל 2005", 0, None, "2005-04-28", "day"),  # Hebrew prefix + maqaf on the day, ב on the month
    ("004", "22 من تشرين الأول", 0, None, None, None),  # Levantine month, no year, no published: unresolved
    ("004", "22 من تشرين الأول", 0, date(2021, 10, 22), "2021-10-22", "day"),  # resolved with published
    ("002", "1992:", 0, None, "1992-01-01", "year"),  # timeline line
    ("000", "12 فبراير 1953", 0, None, "1953-02-12", "day"),  # Egyptian month name
    ("000", "يوليو 2012", 0, None, "2012-07-01", "month"),  # month never filled in to a day
    ("000", "خريف 2009", 0, None, "2009-01-01", "year"),  # season -> year precision (documented decision)
    ("000", "العام ذاته", 0, None, "1953-01-01", "year"),  # anaphoric: the year of 12 February 1953
    ("003", "ביולי 2012", 0, None, "2012-07-01", "month"),
    ("003", "באוקטובר 1991", 0, None, "1991-10-01", "month"),
    ("003", "בשנת 1991", 0, None, None, "absent"),  # not in the text: only "עד שנת 1991"
    ("003", "ב־1967", 0, None, "1967-01-01", "year"),  # year with an attached prefix
    ("003", "כעבור שש שנים", 0, None, "1953-01-01", "year"),  # six years after November 1947, year precision
    ("003", "שנות ה־80", 0, None, None, None),  # decade: kept, no value
    ("001", "أغسطس الماضي", 0, None, None, None),  # relative, no published
    ("001", "أغسطس الماضي", 0, date(2024, 11, 20), "2024-08-01", "month"),  # most recent August before
    ("001", "الأسبوع الماضي", 0, date(2024, 11, 20), "2024-11-01", "month"),  # whole week inside November
    ("001", "18 أكتوبر", 0, date(2024, 11, 20), "2024-10-18", "day"),
    ("002", "2018", 0, None, "2018-01-01", "year"),  # range "من 2018 إلى 2022": two mentions
    ("002", "2022", 0, None, "2022-01-01", "year"),
]


@pytest.mark.parametrize("sample,needle,nth,published,value,precision", SAMPLE_CASES)
def test_sample_cases(sample, needle, nth, published, value, precision):
    text = SAMPLES[sample]
    mentions = extract_dates(text, SAMPLE_LANG[sample], published)
    if precision == "absent":
        assert needle not in text
        return
    start = span_of(text, needle, nth)[0]
    found = _covering(mentions, start, start + len(needle))
    assert len(found) == 1, found
    assert (_iso(found[0].value), found[0].precision) == (value, precision)


# (sample, substring, nth): spans that must yield no date
NOT_DATES = [
    ("003", "Sudoplatov, 1996", 0),  # author-year citation (mirrored brackets in the PDF text)
    ("003", "Krammer, 1974, pp. 54-123", 0),  # citation with pages
    ("003", "21-014-41001", 0),  # project number
    ("003", "1.2 מיליון", 0),  # a count, not a year
    ("003", "500 אלף", 0),
    ("003", "במרץ לחיזוק", 0),  # מרץ = "energy" here
    ("003", "גם היום", 0),  # "still today" = nowadays
    ("000", "2010-09-07", 0),  # sources section
    ("000", "20 أكتوبر 2012", 0),  # archive date
    ("004", "روسيا اليوم", 0),  # RT, a channel name
    ("000", "هرميز 450", 0),
]


@pytest.mark.parametrize("sample,needle,nth", NOT_DATES)
def test_not_dates(sample, needle, nth):
    text = SAMPLES[sample]
    start = span_of(text, needle, nth)[0]
    assert _covering(extract_dates(text, SAMPLE_LANG[sample]), start, start + len(needle)) == []


# fixture file -> (published, [(span text, value, precision)]); the list is every mention, in order
FIXTURE_CASES = {
    "ar_01_hijri": (None, [("15 رمضان 1445 هـ", "2024-03-25", "day"), ("25 مارس 2024 م", "2024-03-25", "day")]),
    "ar_02_hijri_month_year": (None, [("شوال 1400 هـ", "1980-08-12", "month"), ("عام 1395 هـ", "1975-01-13", "year")]),
    "ar_03_relative": (date(2024, 9, 10), [("أمس", "2024-09-09", "day"), ("الأسبوع المقبل", "2024-09-01", "month"),
                                           ("الشهر الماضي", "2024-08-01", "month"),
                                           ("أغسطس الماضي", "2024-08-01", "month")]),
    "ar_04_weekday": (date(2021, 10, 22), [("اليوم", "2021-10-22", "day"),
                                           ("الجمعة 22 من تشرين الأول", "2021-10-22", "day"),
                                           ("الأربعاء", "2021-10-20", "day")]),
    "ar_05_no_year": (date(2024, 10, 15), [("18 أكتوبر", "2024-10-18", "day"), ("25 ديسمبر", "2023-12-25", "day")]),
    "ar_06_month_systems": (None, [("4 آب 2020", "2020-08-04", "day"), ("14 جويلية 2019", "2019-07-14", "day"),
                                   ("5 غشت 2018", "2018-08-05", "day"), ("9 كانون ثاني 2017", "2017-01-09", "day")]),
    "ar_07_digits_variants": (None, [("١٢ فبراير ١٩٥٣", "1953-02-12", "day"), ("اغسطس 2012", "2012-08-01", "month"),
                                     ("ابريل 2011", "2011-04-01", "month"), ("يونيه 2013", "2013-06-01", "month")]),
    "ar_08_not_dates": (None, [("عام 1973", "1973-01-01", "year")]),
    "ar_09_ranges_timeline": (None, [("2018", "2018-01-01", "year"), ("2022", "2022-01-01", "year"),
                                     ("2010", "2010-01-01", "year"), ("الثمانينيات", None, None)]),
    "ar_10_offsets": (date(2024, 5, 20), [("قبل ثلاثة أيام", "2024-05-17", "day"), ("قبل عامين", "2022-01-01", "year"),
                                          ("5 يونيو 1967", "1967-06-05", "day"),
                                          ("وبعد ستة أيام", "1967-06-11", "day"),
                                          ("العام نفسه", "1967-01-01", "year")]),
    "ar_11_references": (None, [("6 سبتمبر 2010", "2010-09-06", "day")]),
    "ar_12_unresolved": (None, [("أمس", None, None), ("خريف 2009", "2009-01-01", "year")]),
    "he_01_hebrew_calendar": (None, [("ב־ה׳ באייר תש״ח", "1948-05-14", "day"),
                                     ("ה׳ באייר תשי״ח", "1958-04-25", "day")]),
    "he_02_hebrew_no_year": (date(2024, 6, 10), [("בכ״ח באייר", "2024-06-05", "day")]),
    "he_03_relative": (date(2023, 3, 15), [("אתמול", "2023-03-14", "day"), ("בשבוע שעבר", "2023-03-01", "month"),
                                           ("בשנה שעברה", "2022-01-01", "year"),
                                           ("באוגוסט האחרון", "2022-08-01", "month")]),
    "he_04_explicit": (None, [("ב־28 באפריל 2005", "2005-04-28", "day"), ("ביולי 2012", "2012-07-01", "month"),
                              ("באוקטובר 1991", "1991-10-01", "month"), ("ב־1967", "1967-01-01", "year"),
                              ("עד שנת 1991", "1991-01-01", "year"), ("ב-1.5.2020", "2020-05-01", "day")]),
    "he_05_not_dates": (None, []),
    "he_06_decade_range": (None, [("בשנות ה־90", None, None), ("1948", "1948-01-01", "year"),
                                  ("1949", "1949-01-01", "year")]),
    "he_07_anaphora": (None, [("ב־1973", "1973-01-01", "year"), ("ובאותה שנה", "1973-01-01", "year"),
                              ("כעבור שלוש שנים", "1976-01-01", "year")]),
    "he_08_weekday": (date(2024, 1, 10), [("ביום שני", "2024-01-08", "day")]),
    "he_09_ago": (date(2024, 1, 10), [("לפני שלושה ימים", "2024-01-07", "day"), ("לפני שנתיים", "2022-01-01", "year"),
                                      ("מחר", "2024-01-11", "day")]),
    "he_10_unresolved": (None, [("אתמול", None, None), ("השבוע", None, None)]),
    "he_11_bare_month": (date(2024, 3, 20), [("בינואר", "2024-01-01", "month"), ("ב־3 במרץ", "2024-03-03", "day")]),
    "he_12_references": (None, [("בשנת 2008", "2008-01-01", "year")]),
    "en_01_explicit": (None, [("April 7, 1992", "1992-04-07", "day"), ("1993", "1993-01-01", "year"),
                              ("March 2023", "2023-03-01", "month"), ("2010-09-07", "2010-09-07", "day"),
                              ("7 April 1992", "1992-04-07", "day")]),
    "en_02_relative": (date(2024, 5, 15), [("yesterday", "2024-05-14", "day"), ("last Tuesday", "2024-05-14", "day"),
                                           ("on Friday", "2024-05-10", "day"), ("last week", "2024-05-01", "month"),
                                           ("next year", "2025-01-01", "year")]),
    "en_03_offsets": (date(2024, 5, 20), [("June 1967", "1967-06-01", "month"), ("Two years later", "1969-01-01", "year"),
                                          ("three days ago", "2024-05-17", "day")]),
    "en_04_not_dates": (None, []),
    "en_05_decade_range": (None, [("1980s", None, None), ("1948", "1948-01-01", "year"), ("1949", "1949-01-01", "year")]),
    "en_06_no_year": (date(2024, 10, 15), [("October 18", "2024-10-18", "day")]),
    "en_07_bare_month": (date(2024, 9, 2), [("August", "2024-08-01", "month"), ("December", "2023-12-01", "month")]),
    "en_08_abbreviation": (None, [("Sept. 11, 2001", "2001-09-11", "day")]),
    "en_09_season": (None, [("6 September 2010", "2010-09-06", "day"), ("2011", "2011-01-01", "year")]),
    "en_10_references": (None, [("2007", "2007-01-01", "year")]),
    "en_11_no_anchor": (None, [("the same day", None, None)]),
}


@pytest.mark.parametrize("name", sorted(FIXTURE_CASES))
def test_fixture_articles(name):
    published, expected = FIXTURE_CASES[name]
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    mentions = extract_dates(text, name[:2], published)
    assert [(m.text, _iso(m.value), m.precision) for m in mentions] == expected
    for m in mentions:
        assert text[m.char_start:m.char_end] == m.text


def test_every_fixture_has_expectations():
    assert sorted(p.stem for p in FIXTURES.glob("*.txt")) == sorted(FIXTURE_CASES)


# (text, lang, published, [(span, value, precision)]): one sentence per rule, written for these tests
SHORT_CASES = [
    # a relative day followed by its weekday is one mention, not two
    ("وصل الوزير اليوم الخميس إلى عمّان", "ar", date(2024, 3, 7), [("اليوم الخميس", "2024-03-07", "day")]),
    ("The talks ended yesterday, Monday, in Geneva", "en", date(2024, 3, 5),
     [("yesterday, Monday", "2024-03-04", "day")]),
    # منذ + a count is a duration ("for 15 years"); قبل + a count counts back from publication
    ("عاد السفير إلى دمشق لأول مرة منذ 15 عاماً", "ar", date(2024, 3, 5), []),
    ("غادر السفير قبل 15 عاماً", "ar", date(2024, 3, 5), [("قبل 15 عاماً", "2009-01-01", "year")]),
    # a number after a plan or document word names it, in quotes or not
    ('تسعى الحكومة لتحقيق أهداف "رؤية 2035" الاقتصادية', "ar", None, []),
    ("under its Vision 2030 plan and Resolution 2139", "en", None, []),
    ("במסגרת תוכנית 2030 של הממשלה", "he", None, []),
    # a range of Arabic-Indic numbers before a counted noun counts containers; before 1800 a range needs a cue
    ("نقلت الموانئ بين ١٢٠٠ و١٥٠٠ حاوية شهرياً", "ar", None, []),
    # ordinal day word + Levantine month + 'last': day precision, the latest such day before publication
    ("وفي الحادي والعشرين من آذار الماضي أعلنت الحكومة", "ar", date(2024, 5, 10),
     [("الحادي والعشرين من آذار الماضي", "2024-03-21", "day")]),
    ("The ceasefire was agreed on the tenth of April", "en", date(2024, 5, 10),
     [("tenth of April", "2024-04-10", "day")]),
    # a month 'of the same year' takes the year of the previous date, 'of last year' last year: one mention
    ("اندلعت الأزمة في مارس 2019، وانتهت في سبتمبر من العام ذاته", "ar", None,
     [("مارس 2019", "2019-03-01", "month"), ("سبتمبر من العام ذاته", "2019-09-01", "month")]),
    ("زار الرئيس باريس في أغسطس من العام الماضي", "ar", date(2024, 5, 10),
     [("أغسطس من العام الماضي", "2023-08-01", "month")]),
    ("The deal was signed in 2015, and in November of that year it took effect", "en", None,
     [("2015", "2015-01-01", "year"), ("November of that year", "2015-11-01", "month")]),
    ("הסכם נחתם ב־2016, ובנובמבר של אותה שנה נכנס לתוקף", "he", None,
     [("ב־2016", "2016-01-01", "year"), ("ובנובמבר של אותה שנה", "2016-11-01", "month")]),
    ("פרס במאי השנה הוענק אתמול", "he", date(2024, 6, 25), [("אתמול", "2024-06-24", "day")]),  # מאי: director
    # part of a year: the bare year word is the current year, a relative year keeps its own value
    ("ارتفعت الأسعار منذ بداية العام وحتى نهاية العام الماضي", "ar", date(2024, 5, 10),
     [("بداية العام", "2024-01-01", "year"), ("نهاية العام الماضي", "2023-01-01", "year")]),
    ("The mission will end by the end of the year", "en", date(2024, 5, 10),
     [("the end of the year", "2024-01-01", "year")]),
    # May/March alone are months after 'in', never as a verb or a name
    ("Elections were held in May and results came in March", "en", date(2024, 6, 25),
     [("May", "2024-05-01", "month"), ("March", "2024-03-01", "month")]),
    ("May the talks succeed, said Theresa May in London", "en", date(2024, 6, 25), []),
    # 'بعد ثلاثة أشهر من القمة' counts from an event, not from a date of the text
    ("وقعت الاتفاقية بعد ثلاثة أشهر من القمة", "ar", date(2024, 6, 25), []),
]


@pytest.mark.parametrize("text,lang,published,expected", SHORT_CASES)
def test_short_cases(text, lang, published, expected):
    mentions = extract_dates(text, lang, published)
    assert [(m.text, _iso(m.value), m.precision) for m in mentions] == expected


@pytest.mark.parametrize("name,calendar", [("ar_01_hijri", "hijri"), ("he_01_hebrew_calendar", "hebrew")])
def test_calendar_field(name, calendar):
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    assert extract_dates(text, name[:2])[0].calendar == calendar


def test_relative_flag_and_no_invention_from_today():
    mentions = extract_dates("قال أمس إن 18 أكتوبر موعد نهائي", "ar")
    assert [(m.relative, m.value, m.precision) for m in mentions] == [(True, None, None), (True, None, None)]


def test_week_across_month_end_is_year_or_unresolved():
    # published Wed 2025-01-01, Monday weeks: last week = 2024-12-23..29 -> December 2024;
    # this week = 2024-12-30..2025-01-05 crosses a year end -> no value rather than a wrong one
    mentions = extract_dates("last week and this week", "en", date(2025, 1, 1))
    assert [(_iso(m.value), m.precision) for m in mentions] == [("2024-12-01", "month"), (None, None)]


@pytest.mark.parametrize("lang", LANGS)
def test_lexicons_load(lang):
    lex = load_date_lexicon(lang)
    assert len({num for cal, num in lex.months.values() if cal == "gregorian"}) == 12
    assert len(lex.weekdays) == 7


def test_lexicon_rejects_unknown_lang():
    with pytest.raises(LexiconError, match="expected one of ar, he, en"):
        load_date_lexicon("fa")


def test_one_megabyte_is_linear():
    text = (SAMPLES["003"] + "\n" + SAMPLES["002"]) * (1_000_000 // (len(SAMPLES["003"]) + len(SAMPLES["002"])) + 1)
    started = time.perf_counter()
    extract_dates(text[:1_000_000], "he")
    assert time.perf_counter() - started < 10  # ~1 s measured; the bound only catches a hang
