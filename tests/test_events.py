"""Events: named hard cases on real sample text and short fixtures per language.

Date mentions are built by hand here; transforms.dates is tested on its own, and the score on the gold
is tests/test_gold.py (flows.evaluate, floors in tests/gold/floors.json).
"""
from __future__ import annotations

import json
import re
import time
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
import yaml

from transforms.event_cues import load_cues, read_cues
from transforms.events import extract_events
from transforms.lexicon_files import LexiconError
from transforms.records import Article, DateMention, Event, stable_id

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "fixtures" / "articles" / "events"
SAMPLE_LANG = {"000": "ar", "001": "ar", "002": "ar", "003": "he", "004": "ar"}


def article(text: str, lang: str, article_id: str = "a1") -> Article:
    return Article(article_id, f"test:{article_id}", text, lang, "", "", datetime(2026, 1, 1, tzinfo=timezone.utc))


def sample(prefix: str) -> Article:
    [path] = SAMPLES.glob(f"{prefix}_*.txt")
    return article(path.read_text(encoding="utf-8"), SAMPLE_LANG[prefix], prefix)


def mention(text: str, needle: str, value: date | None, precision: str | None) -> DateMention:
    start = text.index(needle)
    return DateMention(start, start + len(needle), needle, value, precision)


def in_sentence(events: list[Event], needle: str) -> list[Event]:
    return [e for e in events if needle in e.sentence]


def pairs(events: list[Event]) -> set[tuple[str, frozenset]]:
    return {(e.event_type, frozenset((e.actor1, e.actor2))) for e in events}


# --- named hard cases on the real samples ------------------------------------------------------------


def test_000_soviet_union_severs_relations_with_israel_on_a_dated_day():
    # Verb-first Arabic: the subject (الاتحاد السوفيتي) follows the cue, the target follows مع.
    art = sample("000")
    dates = [mention(art.text, "12 فبراير 1953", date(1953, 2, 12), "day")]
    [event] = [e for e in in_sentence(extract_events(art, dates), "قطع الاتحاد السوفيتي") if e.event_type.startswith("16")]
    assert event.event_type == "16 reduce relations"
    assert (event.actor1, event.actor2) == ("SUN", "ISR")
    assert (event.event_date, event.date_precision, event.date_text) == (date(1953, 2, 12), "day", "12 فبراير 1953")
    assert event.actor1_text == "الاتحاد السوفيتي"


def test_004_putin_meets_bennett_in_sochi():
    # Titles and adjectives (الرئيسُ الروسي، رئيسِ وزراء الاحتلال الإسرائيلي) join the names after them;
    # the city adjective الروسية is the same side as the source and is never the target.
    events = in_sentence(extract_events(sample("004"), []), "التقى الرئيسُ الروسي")
    assert ("04 consult", frozenset({"RUS:PUTIN", "ISR:BENNETT"})) in pairs(events)


def test_003_first_official_visit_of_putin_to_israel_pdf_text():
    # Hard-wrapped PDF text: the sentence is joined across its line break; נשיא הפדרציה הרוסית + name.
    art = sample("003")
    dates = [mention(art.text, "28 באפריל 2005", date(2005, 4, 28), "day")]
    events = [e for e in in_sentence(extract_events(art, dates), "ביקורו הרשמי הראשון של נשיא הפדרציה") if e.cue == "ביקורו"]
    assert ("04 consult", frozenset({"RUS:PUTIN", "ISR"})) in pairs(events)
    assert events[0].event_date == date(2005, 4, 28)


def test_003_office_title_resolved_by_the_sentence_date():
    # נשיא רוסיה in January 2020 is Putin: the role row is chosen by the event date.
    art = sample("003")
    dates = [mention(art.text, "23 בינואר 2020", date(2020, 1, 23), "day")]
    events = in_sentence(extract_events(art, dates), "ביקורו של נשיא רוסיה בישראל")
    found = pairs(events)
    assert ("04 consult", frozenset({"RUS:PUTIN", "ISR"})) in found
    # "עם ראש ממשלת ישראל דאז בנימין נתניהו, עם הנשיא ראובן ריבלין": one meeting per with-marked person
    assert ("04 consult", frozenset({"RUS:PUTIN", "ISR:NETANYAHU"})) in found
    assert ("04 consult", frozenset({"RUS:PUTIN", "ISR:RIVLIN"})) in found


def test_002_relations_established_on_7_april_1992():
    art = sample("002")
    dates = [mention(art.text, "7 أبريل 1992", date(1992, 4, 7), "day")]
    [event] = in_sentence(extract_events(art, dates), "أقيمت العلاقات الدبلوماسية")
    assert event.event_type == "05 diplomatic cooperation"
    assert {event.actor1, event.actor2} == {"AZE", "ISR"}
    assert (event.event_date, event.date_precision) == (date(1992, 4, 7), "day")


def test_002_two_embassies_in_one_sentence_are_two_events():
    # The comma before بينما splits the sentence into two clauses, each with its own source.
    events = in_sentence(extract_events(sample("002"), []), "وافتتحت إسرائيل سفارتها في باكو")
    assert [(e.actor1, e.actor2) for e in events] == [("ISR", "AZE"), ("AZE", "ISR")]


def test_000_barak_visit_to_russia_source_and_target():
    # زيارة X لروسيا: the visitor is the source, the ل-prefixed state the target.
    art = sample("000")
    dates = [mention(art.text, "6 سبتمبر 2010", date(2010, 9, 6), "day")]
    [event] = [e for e in in_sentence(extract_events(art, dates), "إهود براك لروسيا") if e.cue == "زيارة"]
    assert (event.actor1, event.actor2) == ("ISR:BARAK", "RUS")
    assert event.actor2_text == "لروسيا"


def test_000_reference_list_is_not_an_event():
    # "- "تقرير ... زيارة بوتين لإسرائيل". كلنا شركاء. 2012-07-13." is a citation, not news.
    assert in_sentence(extract_events(sample("000"), []), "تقرير دبلوماسي يكشف") == []


# --- invariants ------------------------------------------------------------------------------------


def test_state_named_by_its_successor_before_the_succession_is_the_predecessor():
    # "Russia" restoring relations in October 1991 is the Soviet Union; the same words in 1992 are Russia.
    for year, code in ((1991, "SUN"), (1992, "RUS")):
        text = f"Russia restored diplomatic relations with Israel in October {year}."
        art = article(text, "en")
        [event] = extract_events(art, [mention(text, f"October {year}", date(year, 10, 1), "month")])
        assert (event.event_type, event.actor1, event.actor2) == ("05 diplomatic cooperation", code, "ISR")


@pytest.mark.parametrize("prefix", sorted(SAMPLE_LANG))
def test_event_spans_and_ids(prefix: str):
    art = sample(prefix)
    events = extract_events(art, [])
    assert events
    for e in events:
        assert art.text[e.char_start:e.char_end] == e.sentence
        assert e.event_id == stable_id(art.article_id, "event", e.char_start, e.char_end, e.event_type, e.actor1, e.actor2)
        # an explosion names only its victim (actor2) unless a by-phrase names the doer
        assert (e.actor1 or e.event_type[:2] == "18" and e.actor2) and e.event_type[:2] in {"01", "02", "03", "04", "05", "06", "07", "08", "10", "11", "12",
                                                 "13", "14", "16", "17", "18", "19", "20"}
    assert [e.char_start for e in events] == sorted(e.char_start for e in events)


def test_date_falls_back_to_the_paragraph():
    text = "في 6 سبتمبر 2010 عقد اجتماع. وزار نتنياهو موسكو."
    dates = [mention(text, "6 سبتمبر 2010", date(2010, 9, 6), "day")]
    [event] = extract_events(article(text, "ar"), dates)
    assert (event.actor1, event.actor2, event.event_date) == ("ISR:NETANYAHU", "RUS", date(2010, 9, 6))


def test_date_does_not_cross_paragraphs():
    text = "في 6 سبتمبر 2010 عقد اجتماع.\nوزار نتنياهو موسكو."
    dates = [mention(text, "6 سبتمبر 2010", date(2010, 9, 6), "day")]
    [event] = extract_events(article(text, "ar"), dates)
    assert event.event_date is None and event.date_text is None


def test_unknown_language_gives_no_events():
    assert extract_events(article("Putin besuchte Israel.", "de"), []) == []


def test_one_megabyte_article_does_not_hang():
    text = "زار الرئيس الروسي فلاديمير بوتين إسرائيل في يوليو 2012 وناقش مع نتنياهو التعاون.\n" * 12000
    start = time.perf_counter()
    events = extract_events(article(text, "ar"), [])
    assert len(events) >= 12000
    assert time.perf_counter() - start < 60


# --- lexicons --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ar", "he", "en"])
def test_cue_lexicons_load(lang: str):
    lexicon = load_cues(lang)
    assert lexicon.titles and lexicon.target_markers


@pytest.mark.parametrize(
    "data, message",
    [
        ({"cues": {"99": ["x"]}}, "unknown CAMEO root '99'"),  # not a CAMEO root
        ({"verbs": {}}, "unknown key(s) ['verbs']"),  # misspelt key is rejected, not ignored
        ({"cues": {"04": "visit"}}, "expected a list of non-empty phrases"),
        ({"cues": {"16": ["... relations"]}}, "must start and end with a word"),
        ({"titles": "president"}, "titles must be a list of strings"),  # a bare word where a list belongs
    ],
)
def test_malformed_cue_lexicon(data: dict, message: str, tmp_path: Path):
    path = tmp_path / "events.xx.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(LexiconError, match=re.escape(message)):
        read_cues(path)


def test_unsupported_language_names_the_choices():
    with pytest.raises(LexiconError, match="expected one of ar, he, en"):
        load_cues("fa")


# --- fixtures of our own: exact event sets -------------------------------------------------------------


def fixture_cases() -> list[tuple[str, dict]]:
    cases = []
    for lang in ("ar", "he", "en"):
        for line in (FIXTURES / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            cases.append(pytest.param(lang, item, id=f"{lang}-{item['name']}"))
    return cases


@pytest.mark.parametrize("lang, item", fixture_cases())
def test_fixture_articles(lang: str, item: dict):
    events = extract_events(article(item["text"], lang, item["name"]), [])
    expected = sorted((t, tuple(sorted(map(str, (a1, a2))))) for t, a1, a2 in item["events"])
    got = sorted((e.event_type, tuple(sorted(map(str, (e.actor1, e.actor2))))) for e in events)
    assert got == expected
