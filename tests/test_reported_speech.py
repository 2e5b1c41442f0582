import pytest

from transforms.quote_direct import direct_quotes
from transforms.quote_marks import Boundaries, Mask, pair_marks
from transforms.quote_tokens import tokenize
from transforms.reported_speech import merge_reported_speech


def _merged(text, lang):
    toks, bounds = tokenize(text, lang, False), Boundaries(text, False)
    pairs, _ = pair_marks(text, False)
    found = direct_quotes(toks, bounds, pairs, Mask([]))
    got = merge_reported_speech(toks, bounds, Mask([]), pairs, found)
    return [(text[c.start:c.end], c.kind, c.cue, c.phrase.name if c.phrase else None) for c in got]


@pytest.mark.parametrize("text, lang, expected", [
    # Arabic verb-first: verb, titled subject, إن, the clause up to the full stop
    ("وقال وزير الخارجية سيرغي لافروف إن روسيا لن تتراجع عن موقفها.", "ar",
     [("روسيا لن تتراجع عن موقفها", "indirect", "indirect:وقال", "وزير الخارجية سيرغي لافروف")]),
    # Hebrew subject-first with כי
    ("ראש הממשלה נתניהו אמר כי ישראל תגיב בעוצמה.", "he",
     [("ישראל תגיב בעוצמה", "indirect", "indirect:אמר", "ראש הממשלה נתניהו")]),
    # English 'said that'
    ("The minister said that the talks would resume next week.", "en",
     [("the talks would resume next week", "indirect", "indirect:said", "minister")]),
    # ', and <subject> said' starts a second clause with its own speaker
    ("Biden said that the deal was done, and Putin said it was not.", "en",
     [("the deal was done", "indirect", "indirect:said", "Biden"),
      ("it was not", "indirect", "indirect:said", "Putin")]),
    # a leading source marker (לדברי X,) reports the clause after the comma
    ("לדברי נתניהו, ישראל לא תוותר על הביטחון.", "he",
     [("ישראל לא תוותר על הביטחון", "indirect", "indirect:לדברי", "נתניהו")]),
])
def test_reported_clauses(text, lang, expected):
    assert _merged(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    # a quotation that is the whole reported clause stays one direct item
    ("נתניהו הוסיף כי ״לא נוותר על הביטחון של אזרחי ישראל״, בהתייחסות לאיום.", "he",
     [("לא נוותר על הביטחון של אזרחי ישראל", "direct", "הוסיף", "נתניהו")]),
    # a direct quote in its own sentence is kept next to the reported clause of the next sentence
    ("Lavrov said: “We will respond.” He added that Russia would not wait.", "en",
     [("We will respond", "direct", "said", "Lavrov"),
      ("Russia would not wait", "indirect", "indirect:added", None)]),
])
def test_merge_with_direct_quotes(text, lang, expected):
    assert _merged(text, lang) == expected


@pytest.mark.parametrize("text, lang", [
    ("The talks would resume next week.", "en"),        # no speech verb
    ("وقال الوزير أمس في القاهرة.", "ar"),              # a speech verb without a complementizer
])
def test_no_reported_clause(text, lang):
    assert _merged(text, lang) == []
