"""Tests for transforms/quotes.py and the modules it calls (quote_*, reported_speech, speakers): named hard
cases on the real samples, short fixture articles per language, the lexicon loader, speed on a 1 MB text,
and P/R/F1 against tests/gold/quotes.jsonl."""
from __future__ import annotations

import json
import re
import time
from functools import cache
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE_LANG, SAMPLE_TEXTS as SAMPLES, make_article, span_of
from transforms import lexicon_files, quote_tokens
from transforms.normalize import fold_str
from transforms.quote_marks import mark_role
from transforms.quotes import extract_quotes
from transforms.records import Quote, stable_id
from transforms.lexicon_files import LexiconError
from transforms.quote_tokens import LANGS, load_quote_lexicon

FIXTURES = ROOT / "tests" / "fixtures" / "articles" / "quotes"


@cache
def _sample_quotes(sample: str) -> list[Quote]:
    return extract_quotes(make_article(SAMPLES[sample], SAMPLE_LANG[sample], sample))


def _speaker_matches(pred: str | None, gold: str | None) -> bool:
    """The evaluator's rule: both empty, or one folded speaker contains the other."""
    if not pred or not gold:
        return not pred and not gold
    p, g = fold_str(pred), fold_str(gold)
    return p in g or g in p


def _covering(quotes: list[Quote], text: str, needle: str) -> list[Quote]:
    start, end = span_of(text, needle)
    return [q for q in quotes if q.char_start < end and start < q.char_end]


# ---------------------------------------------------------------- hard cases on the real samples

@pytest.mark.parametrize("sample, needle, speaker, kind, cue", [
    # وأضاف قائلًا، “...”: no subject, the speaker is carried from the previous paragraph's وقال بوتين
    ("004", "كما تعلمون، نبذل جهودًا", "بوتين", "direct", "وأضاف"),
    # reported speech after قال + time phrase + إنَّ; the clause stops before ، بحسب ما نقلت
    ("004", "هنالك العديد من المصالح المشتركة", "بوتين", "indirect", "indirect:وقال"),
    # an opening mark that is never closed (بأنَّها “فريدة ...،) is read to the clause end
    ("004", "فريدة ومتّسمة بالثقة المتبادلة", "بوتين", "direct", "ووصف"),
    # a participle (مؤكّداً أنَّ) after a verb without subject (ولفت إلى): speaker carried
    ("004", "بحثَ هذه الفرص بين الدولتين", "بوتين", "indirect", "indirect:مؤكّداً"),
    # participle واصفًا ... بأنَّه “...”: the subject of شدّد in the same sentence
    ("004", "صديق قريب جدًا وحقيقي لإسرائيل", "بينيت", "direct", "واصفًا"),
    # a 7-word fragment after an attitude verb, the mark opening right after the clitic و (و”الجهود)
    ("004", "الجهود المبذولة بُغيةَ وقفِ تطوّر", "رئيس الوزراء الإسرائيلي", "direct", "وأبدى"),
    # يشدد <role> في تل أبيب، <name>، على أن: the apposition gives the name
    ("001", "العلاقات بين البلدين تمثل نموذجاً", "أناطولي فكتوروف", "indirect", "indirect:يشدد"),
    # وكتب في هذا المنشور: “...”: speaker from the earlier أعلن رونين كراوس in the same sentence
    ("002", "أنا فخور بأنني أعلن", "رونين كراوس", "direct", "وكتب"),
    # ״...״, כך הודיע יושב הראש ... ישראל–רוסיה, זאב אלקין: post-quote cue, apposition across a line break
    ("003", "היקף הסחר בין רוסיה לישראל", "זאב אלקין", "direct", "הודיע"),
    # ״...״ )Interfax, 2020(, ציין שגריר ...: a (mirrored) citation between the quote and its cue
    ("003", "בשנה הבאה נצטרך להשקיע", "אלכסנדר בן־צבי", "direct", "ציין"),
    # מצטט ... את דבריו של יוסף סטלין: ״...״ : the source marker beats the nearer verb's subject
    ("003", "הבה נסכים להקמתה של ישראל", "יוסף סטלין", "direct", "דבריו של"),
    # בנט אישר בנאומו ... האו״ם כי: ״...״ : the verb 11 tokens before the mark, subject before the verb
    ("003", "תוכנית הגרעין של איראן", "בנט", "direct", "אישר"),
    # הוא הדגיש שרופאים ...: the ש- complementizer; the pronoun inherits בן־צבי
    ("003", "רופאים ברוסיה ובישראל עורכים", "אלכסנדר בן־צבי", "indirect", "indirect:הדגיש"),
    # a block quote (tab-separated PDF lines) after כפי שהדגיש שגריר רוסיה בישראל, א״ד ויקטורוב
    ("003", "הקרבה", "א״ד ויקטורוב", "direct", "block:שהדגיש"),
    # a block quote after לצטט את דבריו של צבי מגן — ...:
    ("003", "אין\tלהנהגה\tהרוסית", "צבי מגן", "direct", "block:דבריו של"),
])
def test_sample_hard_cases(sample, needle, speaker, kind, cue):
    quotes = _covering(_sample_quotes(sample), SAMPLES[sample], needle)
    assert len(quotes) == 1, quotes
    q = quotes[0]
    assert (q.kind, q.cue) == (kind, cue)
    assert _speaker_matches(q.speaker, speaker), q.speaker


def test_sample_quote_spans_exclude_marks_and_cross_lines():
    """Stalin's quote in 003 runs over four PDF lines; its text is exactly what lies between ״ and ״."""
    text = SAMPLES["003"]
    (q,) = _covering(_sample_quotes("003"), text, "הבה נסכים להקמתה של ישראל")
    assert text[q.char_start - 1] == "״" and text[q.char_end] == "״"
    assert q.text.startswith("הבה נסכים") and q.text.endswith("לחלוטין") and q.text.count("\n") >= 3
    assert q.quote_id == stable_id(q.article_id, "quote", q.char_start, q.char_end)


@pytest.mark.parametrize("acronym", ["האו״ם", "באו״ם", "צה״ל", "במטכ״ל", "פ״א", "א״ד"])
def test_sample_acronym_gershayim_never_bound_a_quote(acronym):
    """״ inside a word (״ם, ״ל) is an acronym mark, not a quotation mark."""
    text = SAMPLES["003"]
    bounds = {q.char_start - 1 for q in _sample_quotes("003")} | {q.char_end for q in _sample_quotes("003")}
    for m in re.finditer(re.escape(acronym), text):
        assert m.start() + acronym.index("״") not in bounds


@pytest.mark.parametrize("sample, name", [
    ("004", "بينيت"),  # a name in quotation marks in the headline
    ("004", "روسيا اليوم"),  # a channel, after قناة
    ("004", "حزب الله"),  # an organisation, after جماعة
    ("004", "كورونا"),  # a one-word term
    ("004", "خطٌ أحمر"),  # a 2-word scare quote (no speech cue)
    ("004", "نقاط التماس"),  # a 2-word scare quote right after ولفت بوتين إلى: too short for a quote
    ("004", "المعارك السياسية الداخلية"),  # a 3-word phrase inside reported speech
    ("003", "פרסטרויקה"),  # an exhibition title in geresh
    ("003", "נר הזיכרון"),  # a monument's name in geresh
    ("003", "זוכרים את השואה, נלחמים באנטישמיות"),  # an event title in geresh
    ("003", "גורמי טרור עוינים"),  # a 3-word legal term in gershayim
    ("002", "Meteor Aerospace"),  # a company, after شركة
    ("002", "اللجنة المشتركة بين حكومتي أذربيجان وإسرائيل"),  # an institution's name
    ("002", "القلعة الحمراء"),  # a place name
    ("000", "Barak signs military deal with Russia"),  # a cited article's title in the references
    ("000", "تقرير دبلوماسي يكشف تفاصيل وخفايا زيارة بوتين لإسرائيل"),  # the same, in Arabic
])
def test_sample_names_and_titles_are_not_quotes(sample, name):
    assert not [q for q in _sample_quotes(sample) if q.text == name]


def test_sample_without_speech_has_no_quotes():
    """000 has no quotation and its only أعلن has no subject (وأعلن في 6 سبتمبر 2010، أن ...)."""
    assert _sample_quotes("000") == []


def test_sample_spans_are_exact_substrings():
    for sample in SAMPLES:
        for q in _sample_quotes(sample):
            assert SAMPLES[sample][q.char_start:q.char_end] == q.text
            assert q.kind in ("direct", "indirect")
            assert q.text == q.text.strip()


# ---------------------------------------------------------------- quotation marks

@pytest.mark.parametrize("text, index, role", [
    ("אמר: ״כן״ היום", 5, "open"),  # gershayim after white space opens
    ("אמר: ״כן״ היום", 8, "close"),  # and before white space closes
    ("דובר צה״ל אמר", 7, None),  # between letters: an acronym
    ("האו״ם", 3, None),  # ״ם inside a word
    ("و”الجهود المبذولة”", 1, "open"),  # a curly mark opens right after the clitic و
    ("Russia's envoy", 6, None),  # an apostrophe
    ("the players' union", 11, "close"),  # a possessive apostrophe can only close, never open
    ("«نعم»", 0, "open"),  # guillemets have a fixed direction
    ("تيار ما وصفه بـ\"صمت\"", 15, "open"),  # after the clitic بـ written apart with a tatweel
    ("תיאר אותה כ״מגן של אירופה״", 11, "open"),  # after the clitic כ, with a word after the mark
    ("כ״ץ אמר", 1, None),  # כ״ץ: one letter after the mark, an acronym (Katz)
])
def test_mark_roles(text, index, role):
    assert mark_role(text, index) == role


# ---------------------------------------------------------------- fixture articles

def _fixtures() -> list[Path]:
    return sorted(FIXTURES.glob("*.json"))


@pytest.mark.parametrize("path", _fixtures(), ids=lambda p: p.stem)
def test_fixture_article(path):
    """Each fixture lists every quote it holds (text, speaker, kind) and quoted names that must be rejected."""
    fixture = json.loads(path.read_text(encoding="utf-8"))
    quotes = extract_quotes(make_article(fixture["text"], fixture["lang"], path.stem))
    got = [(q.text, q.kind) for q in quotes]
    assert sorted(got) == sorted((e["text"], e["kind"]) for e in fixture["expect"]), fixture["note"]
    for e in fixture["expect"]:
        (q,) = [q for q in quotes if (q.text, q.kind) == (e["text"], e["kind"])]
        assert _speaker_matches(q.speaker, e["speaker"]), (q.speaker, e["speaker"])
    assert not [q for q in quotes if q.text in fixture["reject"]]


def test_fixtures_cover_each_language():
    langs = [p.stem[:2] for p in _fixtures()]
    assert all(langs.count(lang) >= 10 for lang in LANGS)


# ---------------------------------------------------------------- lexicons

@pytest.mark.parametrize("lang", LANGS)
def test_lexicons_load(lang):
    lex = load_quote_lexicon(lang)
    assert lex.words["speech_verbs"] and lex.words["complementizers"] and lex.words["role_words"]
    assert lex.time_words  # babel weekday/month names


@pytest.mark.parametrize("lang", LANGS)
def test_warning_verbs_are_speech_verbs(lang):
    """A warning verb only lowers the length a quotation needs; it must cue speech in the first place."""
    lex = load_quote_lexicon(lang)
    assert lex.words["warning_verbs"] <= lex.words["speech_verbs"]


@pytest.mark.parametrize("lang", LANGS)
def test_request_verbs_are_attitude_verbs(lang):
    """A request verb only lowers the length of a fragment after an attitude verb; it must be one."""
    lex = load_quote_lexicon(lang)
    assert lex.words["request_verbs"] and lex.words["request_verbs"] <= lex.words["soft_verbs"]


@pytest.mark.parametrize("body, message", [
    ("speech_verbs: [a, b]\nbogus_key: [c]\n", "unknown key"),  # a misspelt key is an error, not ignored
    ("speech_verbs: [said, 'on', on]\n", "must be a list of strings"),  # YAML reads a bare on as True
    ("speech_verbs: [said\n", "not valid YAML"),  # a broken line
])
def test_lexicon_errors_name_the_problem(tmp_path, monkeypatch, body, message):
    (tmp_path / "quotes.en.yaml").write_text(body, encoding="utf-8")
    monkeypatch.setattr(lexicon_files, "LEXICON_DIR", tmp_path)
    with pytest.raises(LexiconError, match=message):
        quote_tokens.load_quote_lexicon.__wrapped__("en")


def test_unknown_language_gives_nothing_and_lexicon_refuses_it():
    assert extract_quotes(make_article("قال: “نعم”", "fa")) == []
    with pytest.raises(LexiconError, match="expected one of ar, he, en"):
        load_quote_lexicon("fa")


# ---------------------------------------------------------------- speed

@pytest.mark.parametrize("text", [
    (SAMPLES["004"] + "\n") * 210,  # a 1 MB Arabic article
    (SAMPLES["003"] + "\n") * 36,  # a 1 MB hard-wrapped Hebrew article
    ("قال بوتين إن “" + "كلمة " * 40) * 4000,  # openings that never close
    "״א " * 330_000,  # a wall of gershayim
], ids=["ar", "he-wrapped", "unclosed", "gershayim"])
def test_one_megabyte_is_linear(text):
    start = time.perf_counter()
    extract_quotes(make_article(text, "he" if "״" in text[:2000] else "ar"))
    assert time.perf_counter() - start < 20  # ~1.5 s on a laptop; generous for CI


@pytest.mark.parametrize("lang, text, quote, speaker", [
    # the medium after a preposition ends the speaker phrase (في بيان is no part of the speaker)
    ("ar", "وقالت الحكومة في بيان إن الأسعار سترتفع الشهر المقبل.", "الأسعار سترتفع الشهر المقبل", "الحكومة"),
    # a medium between subject and verb is skipped to the subject before it, never taken as the speaker
    ("ar", "وأشادت النقابة في بيان أعربت فيه عن «ارتياحها الكبير» للاتفاق الجديد.", "ارتياحها الكبير",
     "وأشادت النقابة"),
    # a rank of two words and a given name opened by عبد after an honorific all belong to the speaker
    ("ar", "وقال قائد الجيش الفريق أول عبد الرحمن الخطيب في مؤتمر صحافي إن القوات انسحبت من المدينة.",
     "القوات انسحبت من المدينة", "قائد الجيش الفريق أول عبد الرحمن الخطيب"),
    # after a title's nisba a foreign given name ending in ه is a name, and أل with a hamza is no article
    ("ar", "وقال وزير الخارجية البرتغالي خوسيه ألفيس إن الحكومة ستدرس القرار.", "الحكومة ستدرس القرار",
     "وزير الخارجية البرتغالي خوسيه ألفيس"),
    # an envoy is a title: the phrase runs over "to <country>" to the name
    ("ar", "وقال المبعوث الأممي إلى اليمن هانس غروندبرغ إن المحادثات ستستأنف قريباً.", "المحادثات ستستأنف قريباً",
     "المبعوث الأممي إلى اليمن هانس غروندبرغ"),
    # Hebrew: the occasion with its prefix ב after a post-quote speaker (אמר כהן בטקס)
    ("he", "״נמשיך לעבוד יחד עם השכנים״, אמר כהן בטקס.", "נמשיך לעבוד יחד עם השכנים", "כהן"),
    # a geresh closing a letter (ג׳ורג׳) belongs to the name, not to a quotation mark
    ("he", "שר החוץ מייקל ג׳ורג׳ הודיע כי הנמל ייפתח בחודש הבא.", "הנמל ייפתח בחודש הבא", "שר החוץ מייקל ג׳ורג׳"),
])
def test_exact_speakers(lang, text, quote, speaker):
    """Speaker phrases whose edges the containment rule of the fixtures would not check."""
    (q,) = [q for q in extract_quotes(make_article(text, lang, "exact")) if q.text == quote]
    assert q.speaker == speaker
