"""Gazetteer: the file loads, bad rows fail loudly with file:line, and names are found in real spellings."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from transforms.gazetteer import (
    GAZETTEER_PATH,
    KINDS,
    build_gazetteer,
    load_gazetteer,
    parse_line,
    read_entries,
)
from transforms.lexicon_files import LexiconError

TITLES = frozenset({"الرئيس", "president", "נשיא", "ראש"})


def codes(text: str) -> list[str]:
    return [m.code_on(None) for m in load_gazetteer().find(text, titles=TITLES)]


def test_every_line_of_the_file_loads():
    entries = read_entries(GAZETTEER_PATH)
    assert len(entries) > 1000
    assert {e.kind for e in entries} <= KINDS
    data_lines = [
        ln for ln in GAZETTEER_PATH.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")
    ]
    assert len(data_lines) == len(entries)


def test_generated_block_covers_every_iso_country_in_three_languages():
    import pycountry

    entries = read_entries(GAZETTEER_PATH)
    states = {(e.code, e.lang) for e in entries if e.kind == "state"}
    missing = [c.alpha_3 for c in pycountry.countries if (c.alpha_3, "en") not in states]
    assert missing == []
    assert ("AZE", "ar") in states and ("AZE", "he") in states


@pytest.mark.parametrize(
    "line, message",
    [
        # a kind outside the documented list
        ("RUS\tcity\tar\tموسكو\t\t\t", "unknown kind 'city'; expected one of"),
        # six columns instead of seven
        ("RUS\tstate\tar\tروسيا\t\t", "expected 7 tab-separated columns"),
        # a date that is not ISO
        ("SUN\tstate\ten\tUSSR\t\t26/12/1991\t", "valid_to '26/12/1991' is not an ISO date"),
        # a flag the matcher does not know
        ("ISR:BARAK\tminister\the\tברק\t\t\tambiguous", "unknown flag(s) ['ambiguous']"),
        # a language the pipeline does not handle
        ("RUS\tstate\tfa\tروسیه\t\t\t", "unknown lang 'fa'"),
    ],
)
def test_malformed_row_names_file_and_line(tmp_path: Path, line: str, message: str):
    path = tmp_path / "gaz.tsv"
    path.write_text("# header\nRUS\tstate\ten\tRussia\t\t\t\n" + line + "\n", encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        read_entries(path)
    assert f"{path}:3:" in str(err.value)
    assert message in str(err.value)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وبوتين", ["RUS:PUTIN"]),  # Arabic conjunction و
        ("ولروسيا", ["RUS"]),  # و + preposition ل
        ("لإسرائيل", ["ISR"]),  # ل before hamza-alef
        ("بإسرائيل", ["ISR"]),  # ب
        ("للاتحاد السوفيتي", ["SUN"]),  # لل swallows the article of a two-word name
        ("الروسية", ["RUS"]),  # feminine adjective
        ("الإيرانيين", ["IRN"]),  # plural adjective, not listed: nisba ending removed
        ("ולרוסיה", ["RUS"]),  # Hebrew ו + ל
        ("מרוסיה", ["RUS"]),  # Hebrew מ
        ("בישראל", ["ISR"]),  # Hebrew ב
        ("בברית המועצות", ["SUN"]),  # prefix on a two-word name
        ("האו״ם", ["IGOUNO"]),  # gershayim inside an acronym
        ("Russia's", ["RUS"]),  # English possessive
    ],
)
def test_clitic_and_inflected_forms(text: str, expected: list[str]):
    assert codes(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("بوتين", ["RUS:PUTIN"]),
        ("بوتن", ["RUS:PUTIN"]),  # sample 000 spelling
        ("پوتن", ["RUS:PUTIN"]),  # Persian pe, sample 000
        ("פוטין", ["RUS:PUTIN"]),
        ("بينيت", ["ISR:BENNETT"]),  # sample 004
        ("בנט", ["ISR:BENNETT"]),
        ("ديرمر", ["ISR:DERMER"]),  # sample 001
        ("إهود براك", ["ISR:BARAK"]),  # sample 000
        ("هرتسوغ", ["ISR:HERZOG"]),  # sample 002
        ("علييف", ["AZE:ALIYEV"]),
        ("זאב אלקין", ["ISR:ELKIN"]),  # sample 003
        ("ترمب", ["USA:TRUMP"]),  # sample 001 spelling
        ("טראמפ", ["USA:TRUMP"]),
        ("فكتوروف", ["RUS:VIKTOROV"]),
        ("ויקטורוב", ["RUS:VIKTOROV"]),
        ("رونين كراوس", ["ISR:KRAUSS"]),
        ("אלכסנדר בן־צבי", ["ISR:BENZVI"]),  # maqaf inside the name
        ("ניקיטה חרושצ׳וב", ["SUN:KHRUSHCHEV"]),  # geresh
        ("سلاح الجو الإسرائيلي", ["ISR:IAF"]),  # longest match wins over the adjective
        ("משמרות המהפכה", ["IRN:IRGC"]),
        ("حزب الله", ["LBN:HEZBOLLAH"]),
        ("موسكو", ["RUS"]),  # capital as metonym
        ("تل أبيب", ["ISR"]),
    ],
)
def test_spelling_variants_from_the_samples(text: str, expected: list[str]):
    assert codes(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("They ate turkey at dinner", []),  # cased: lower-case common word is not a state
        ("Turkey and Greece", ["TUR", "GRC"]),
        ("رأيت الأسد في الحديقة", []),  # weak: "the lion" without a title
        ("الرئيس الأسد", ["SYR:ASSAD"]),  # weak variant licensed by a title
        ("ברק ורעם", []),  # weak: lightning
        ("بحث الطرفان", []),  # بحث is not ب + حث, and nothing here is an actor
        ("Kim Jong Un met Putin", ["PRK", "RUS:PUTIN"]),  # cased acronym UN must be all capitals: Un is a name
        ("the UN's envoy", ["IGOUNO"]),  # ... and keeps its possessive
        ("who said it", []),  # WHO (the health agency) only in capitals
        ("WHO warned", ["IGOUNO"]),  # a UN agency is coded as the UN
        ("منظمات أممية", ["IGOUNO"]),  # أممية: the UN adjective
        ("وزير الخارجية المغربي ناصر بوريطة", ["MAR", "MAR"]),  # a minister without a code of his own is his state
    ],
)
def test_common_words_are_not_actors(text: str, expected: list[str]):
    assert codes(text) == expected


@pytest.mark.parametrize(
    "day, expected",
    [
        (date(2020, 1, 23), "RUS:PUTIN"),  # sample 003: נשיא רוסיה visiting in 2020
        (date(2010, 6, 1), "RUS:MEDVEDEV"),
        (None, "RUS"),  # no date: the office holder is unknown, the state is not
    ],
)
def test_role_rows_resolve_by_date(day: date | None, expected: str):
    [mention] = load_gazetteer().find("נשיא רוסיה")
    assert mention.code_on(day) == expected


def test_historic_state_has_validity():
    soviet = [e for e in read_entries(GAZETTEER_PATH) if e.code == "SUN" and e.variant == "Soviet Union"]
    assert soviet and soviet[0].valid_to == date(1991, 12, 26)


def test_matching_is_linear_on_a_long_text():
    import time

    text = "التقى بوتين مع نتنياهو في موسكو وتل أبيب. " * 25000  # ~1 MB
    start = time.perf_counter()
    found = load_gazetteer().find(text)
    assert len(found) == 4 * 25000
    assert time.perf_counter() - start < 30


def test_build_from_rows():
    gaz = build_gazetteer([parse_line("XXX\tstate\ten\tFreedonia\t\t\t", "test:1")])
    assert [m.code_on(None) for m in gaz.find("Freedonia and Sylvania")] == ["XXX"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وزير الخارجية التركي هاكان فيدان", ["TUR", "TUR"]),  # the adjective, then the minister coded as his state
        ("שר ההגנה לויד אוסטין", ["USA"]),  # a defence minister in Hebrew spelling
        ("Kaja Kallas said", ["IGOEU"]),  # an organisation's official is coded as the organisation
        ("أعلن نعيم قاسم", ["LBN:HEZBOLLAH"]),  # a group leader is coded as the group
        ("קרבות עם דאעש", ["IMGISIS"]),  # a transnational armed group (CAMEO IMG prefix)
        ("the Popular Mobilization Forces", ["IRQ:PMF"]),  # a state-based militia
        ("the International Criminal Court ruled", ["IGOICC"]),
        ("مع الرئيس أحمد الشرع", ["SYR"]),  # a full name needs no title
    ],
)
def test_leaders_ministers_and_groups_of_the_wider_region(text: str, expected: list[str]):
    assert codes(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("الجيش السوداني", []),  # السوداني is 'Sudanese' here, not Iraq's al-Sudani: alone it needs a title
        ("وفق أحكام الشرع", []),  # الشرع is also 'the (religious) law'
        ("בחודש מרץ", []),  # Merz is listed only with his first name: מרץ alone is March
    ],
)
def test_new_surnames_that_are_common_words(text: str, expected: list[str]):
    assert codes(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("قوات الجيش الصومالي", ["SOM"]),  # Arabic nisba with the article
        ("المبعوثة الإثيوبية وصلت", ["ETH"]),  # feminine ending read back to the masculine row
        ("عشرات المهاجرين المكسيكيين", ["MEX"]),  # plural ending
        ("استقبلت وفداً سعودياً", ["SAU"]),  # accusative indefinite ending (tanween alif)
        ("השגריר התאילנדי נקרא לשימוע", ["THA"]),  # Hebrew article on the adjective
        ("חיילים קמבודים", ["KHM"]),  # Hebrew plural
        ("Rwandan troops crossed", ["RWA"]),
        ("Thai villages were shelled", ["THA"]),
        ("a South Korean delegation", ["KOR"]),  # two-word demonym, not Korean alone
        ("they polish the floor", []),  # cased: the verb is no state
        ("ג׳ון קנדי נרצח", []),  # Kennedy, not Canadian: left out on purpose
    ],
)
def test_demonyms_code_their_state(text: str, expected: list[str]):
    assert codes(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Caracas recalled its envoy", ["VEN"]),  # CLDR exemplar city of the capital's time zone
        ("הגיע הבוקר לבודפשט", ["HUN"]),  # Hebrew clitic ל on a CLDR city name
        ("وأكدت باماكو", ["MLI"]),  # Arabic CLDR city name
        ("talks in New Delhi", ["IND"]),  # capital that is no time zone's city: written by hand
        ("قالت إسلام آباد", ["PAK"]),
        ("عاد إلى مسقط رأسه", []),  # weak: مسقط رأسه is one's birthplace, not Oman
        ("the lima bean harvest", []),  # cased: a lower-case word is no capital
    ],
)
def test_capitals_code_their_state(text: str, expected: list[str]):
    assert codes(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("fears of war in South America", []),  # a region row hides the America (USA) inside it
        ("Latin American leaders and America", ["USA"]),  # the bare name after the region still counts
        ("دول أمريكا اللاتينية", []),  # Arabic region
        ("מדינות דרום אמריקה", []),  # Hebrew region
        ("the Guyanese government", ["GUY"]),  # demonym of a small state
        ("the Polisario Front said", ["ESH"]),  # a movement without a code: the territory it speaks for
        ("Human Rights Watch said", ["USA"]),  # an NGO without a code: its home state (dev README rule)
        ("قالت المنظمة الدولية للهجرة", ["IGOUNO"]),  # a UN agency is coded as the UN
    ],
)
def test_region_rows_name_no_actor(text: str, expected: list[str]):
    assert codes(text) == expected


def test_region_flag_is_parsed():
    entry = parse_line("~\tstate\ten\tSouth America\t\t\tregion", "test:1")
    assert entry.flags == frozenset({"region"})
