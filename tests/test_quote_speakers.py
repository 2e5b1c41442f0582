import pytest

from transforms.quote_direct import direct_quotes
from transforms.quote_marks import Boundaries, Mask, pair_marks
from transforms.quote_speakers import assign_speakers, clause_subject
from transforms.quote_tokens import tokenize
from transforms.reported_speech import merge_reported_speech


def _speakers(text, lang):
    toks, bounds, masked = tokenize(text, lang, False), Boundaries(text, False), Mask([])
    pairs, _ = pair_marks(text, False)
    found = merge_reported_speech(toks, bounds, masked, pairs, direct_quotes(toks, bounds, pairs, masked))
    return [(text[c.start:c.end], c.speaker) for c in assign_speakers(toks, bounds, masked, found)]


@pytest.mark.parametrize("text, lang, expected", [
    # explicit subject after an Arabic verb
    ("قال بوتين: «لن نتراجع».", "ar", [("لن نتراجع", "بوتين")]),
    # وأضاف without a subject carries the previous sentence's speaker
    ("قال بوتين: «لن نتراجع». وأضاف: «سنواصل العمل حتى النهاية».", "ar",
     [("لن نتراجع", "بوتين"), ("سنواصل العمل حتى النهاية", "بوتين")]),
    # 'He added that' carries the speaker to a reported clause
    ("Lavrov said: “We will respond.” He added that Russia would not wait.", "en",
     [("We will respond", "Lavrov"), ("Russia would not wait", "Lavrov")]),
    # a reported clause with only a pronoun and nobody named before: dropped
    ("He said that the talks would resume next week.", "en", []),
    # an anonymous source (مصدر أمني) names no one: its reported clause is dropped
    ("وأضاف مصدر أمني أن الهجوم وقع ليلا.", "ar", []),
    # Hebrew reported clause keeps its titled subject
    ("ראש הממשלה נתניהו אמר כי ישראל תגיב בעוצמה.", "he", [("ישראל תגיב בעוצמה", "ראש הממשלה נתניהו")]),
])
def test_assign_speakers(text, lang, expected):
    assert _speakers(text, lang) == expected


@pytest.mark.parametrize("text, lang, k, expected", [
    ("שר החוץ ישראל כ״ץ תקף את ההחלטה", "he", 5, "שר החוץ ישראל כ״ץ"),   # the verb before את is dropped
    ("In Berlin, Chancellor Scholz said", "en", 4, "Chancellor Scholz"),   # leading adverbial skipped
    ("הוא אמר", "he", 1, None),                                             # a pronoun is no named subject
])
def test_clause_subject(text, lang, k, expected):
    toks = tokenize(text, lang, False)
    phrase = clause_subject(toks, 0, k)
    assert (phrase.name if phrase else None) == expected
