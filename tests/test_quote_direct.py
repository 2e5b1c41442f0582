import pytest

from transforms.quote_direct import blank_marks, direct_quotes, looks_like_name, on_a_sign, organisation_names, \
    unclosed_quotes
from transforms.quote_marks import Boundaries, Mask, pair_marks
from transforms.quote_tokens import tokenize


def _setup(text, lang):
    pairs, unclosed = pair_marks(text, False)
    return tokenize(text, lang, False), Boundaries(text, False), pairs, unclosed


@pytest.mark.parametrize("text, lang, expected", [
    ("قال الوزير: «لن نتراجع»", "ar", [("لن نتراجع", "قال")]),        # cue + colon: even two words
    ("وقال نتنياهو إن «إسرائيل لن تسمح بذلك أبدا»", "ar",
     [("إسرائيل لن تسمح بذلك أبدا", "وقال")]),                         # cue + complementizer, five words
    ("“We will not back down,” he said.", "en", [("We will not back down", "said")]),  # cue after the quote
    ("He called the plan “constructive” on Monday.", "en", [("constructive", "called")]),  # naming verb
    ("הוא אמר ״כן״ היום", "he", []),                   # one word, cue not adjacent: a scare quote
    ("The channel “Russia Today” reported it.", "en", []),  # a channel's name
    ("The protesters carried banners reading “End the war now please”.", "en", []),  # a slogan on a sign
])
def test_direct_quotes(text, lang, expected):
    toks, bounds, pairs, _ = _setup(text, lang)
    got = direct_quotes(toks, bounds, pairs, Mask([]))
    assert [(text[c.start:c.end], c.cue) for c in got] == expected
    assert all(c.kind == "direct" for c in got)


def test_unclosed_quote_runs_to_clause_end():
    # an opening mark never closed, after a cue and a complementizer: read up to the Arabic comma
    text = "ووصف بوتين العلاقات بأنها “فريدة من نوعها ولا مثيل لها، وقال"
    toks, bounds, _, unclosed = _setup(text, "ar")
    got = unclosed_quotes(toks, bounds, unclosed, Mask([]))
    assert [(text[c.start:c.end], c.cue) for c in got] == [("فريدة من نوعها ولا مثيل لها", "ووصف")]


def test_unclosed_quote_masked_is_skipped():
    # the same mark inside a masked span is not read
    text = "ووصف بوتين العلاقات بأنها “فريدة من نوعها ولا مثيل لها، وقال"
    toks, bounds, _, unclosed = _setup(text, "ar")
    assert unclosed_quotes(toks, bounds, unclosed, Mask([(0, len(text))])) == []


@pytest.mark.parametrize("text, lang, expected", [
    ("The channel “Russia Today” reported it.", "en", True),     # after an organisation word
    ("He said “Operation Iron Dome” was over.", "en", True),     # English Title Case
    ("He said “we will win this one” today.", "en", False),      # ordinary words
])
def test_looks_like_name(text, lang, expected):
    toks, _, pairs, _ = _setup(text, lang)
    (o, c, _), = pairs
    words = len(text[o + 1:c].split())
    assert looks_like_name(toks, o, c, words) is expected


@pytest.mark.parametrize("text, lang, expected", [
    ("The protesters carried banners reading “End the war now please”.", "en", True),  # banner a word before
    ("The minister said “End the war now please”.", "en", False),                       # no sign word
])
def test_on_a_sign(text, lang, expected):
    toks, bounds, pairs, _ = _setup(text, lang)
    assert on_a_sign(toks, bounds, pairs[0][0]) is expected


@pytest.mark.parametrize("text, lang, n", [
    ("شودر في قناة “روسيا اليوم” أمس", "ar", 1),   # a channel's quoted name
    ("قال الوزير “روسيا اليوم” أمس", "ar", 0),      # after a title, not an organisation noun
])
def test_organisation_names(text, lang, n):
    toks, _, pairs, _ = _setup(text, lang)
    assert len(organisation_names(toks, pairs)) == n


def test_blank_marks_keeps_offsets():
    # the marks become spaces, nothing else moves
    text = "قال «لا» اليوم"
    assert blank_marks(text, [(4, 7, "guillemet")]) == "قال  لا  اليوم"
