import pytest

from transforms.quote_cues import cue_after, cue_before, headline_cue, naming_subject
from transforms.quote_marks import Boundaries, Mask, pair_marks
from transforms.quote_tokens import tokenize


def _setup(text, lang):
    pairs, _ = pair_marks(text, False)
    return tokenize(text, lang, False), Boundaries(text, False), pairs[0]


def _name(cue):
    return None if cue.phrase is None else cue.phrase.name


@pytest.mark.parametrize("text, lang, strength, word, speaker", [
    ("قال الوزير: «لن نتراجع»", "ar", "adjacent", "قال", "الوزير"),                # verb, subject, colon
    ("وقال نتنياهو إن «إسرائيل لن تسمح بذلك أبدا»", "ar", "adjacent", "وقال", "نتنياهو"),  # complementizer
    ("According to the UN, “the camps are full”.", "en", "adjacent", "According to", "UN"),  # source marker
    ("He called the plan “constructive” on Monday.", "en", "naming", "called", None),  # naming verb, pronoun subject
    ("أبدى الوزير “قلقا عميقا”", "ar", "soft", "أبدى", "الوزير"),                  # attitude verb
    ("a ship called “Ever Given” sank", "en", "soft", "called", None),              # no subject: not naming
])
def test_cue_before(text, lang, strength, word, speaker):
    toks, bounds, (o, _, _) = _setup(text, lang)
    cue = cue_before(toks, bounds, o, Mask([]))
    assert (cue.strength, cue.word, _name(cue)) == (strength, word, speaker)
    assert text[cue.at:].startswith(word)


def test_cue_before_window_far_from_mark():
    # the verb is several words before the mark with a time word in between: only 'window'
    text = "אמר ראש הממשלה בנאומו היום כי ״לא נוותר לעולם על הביטחון״"
    toks, bounds, (o, _, _) = _setup(text, "he")
    cue = cue_before(toks, bounds, o, Mask([]))
    assert (cue.strength, cue.word, cue.at) == ("window", "אמר", 0)


@pytest.mark.parametrize("text, speaker", [
    # a ב-word with a possessive suffix after the title is an adverbial ('in his speech'), not part of the name
    ("אמר ראש הממשלה בנאומו היום כי ״לא נוותר לעולם על הביטחון״", "ראש הממשלה"),
    # the same after a titled name ('in his words')
    ("אמר השר יואב גלנט בדבריו כי ״לא נוותר״", "השר יואב גלנט"),
    # a ב-place without a possessive suffix stays a modifier of the title
    ("אמר השר בכנסת כי ״לא נוותר״", "השר בכנסת"),
])
def test_cue_before_hebrew_adverbial_after_subject(text, speaker):
    toks, bounds, (o, _, _) = _setup(text, "he")
    assert _name(cue_before(toks, bounds, o, Mask([]))) == speaker


@pytest.mark.parametrize("text, lang", [
    ("“We will not back down,” he said.", "en"),   # quote first: nothing before
    ("הספר ״האיש הטוב״ יצא השבוע", "he"),          # no cue word before the mark
])
def test_no_cue_before(text, lang):
    toks, bounds, (o, _, _) = _setup(text, lang)
    assert cue_before(toks, bounds, o, Mask([])) is None


def test_cue_before_skips_masked_words():
    # the verb lies inside a masked span (another quotation), so it is not read
    text = "قال الوزير: «لن نتراجع»"
    toks, bounds, (o, _, _) = _setup(text, "ar")
    assert cue_before(toks, bounds, o, Mask([(0, 11)])) is None


@pytest.mark.parametrize("text, lang, expected", [
    ("“We will not back down,” he said.", "en", ("post", "said", None)),          # pronoun subject
    ("“We will not back down,” Biden said.", "en", ("post", "said", "Biden")),    # name before the verb
    ("״לא נוותר״, כך הודיע נתניהו", "he", ("post", "הודיע", "נתניהו")),          # Hebrew כך + verb + name
    ("“We will not back down.” Asked about it, he said no.", "en", None),          # new sentence after a stop
])
def test_cue_after(text, lang, expected):
    toks, _, (_, c, _) = _setup(text, lang)
    cue = cue_after(toks, c)
    assert (cue if cue is None else (cue.strength, cue.word, _name(cue))) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("נתניהו נפגש עם ביידן: ״לא נוותר״\nהמשך", "he", "נתניהו"),   # headline: the first person it names
    ("נתניהו נפגש עם ביידן: ״לא נוותר״", "he", None),              # one line: no headline
    ("הוא נפגש עם ביידן ״לא נוותר״\nהמשך", "he", None),             # no colon before the quote
])
def test_headline_cue(text, lang, expected):
    toks, _, (o, _, _) = _setup(text, lang)
    cue = headline_cue(toks, o)
    assert (cue if cue is None else _name(cue)) == expected


@pytest.mark.parametrize("text, lang, j, name, pronoun", [
    ("גינה את המהלך והגדיר אותו ״מסוכן״", "he", 3, None, True),   # coordinated Hebrew verb shares the subject
    ("He called the plan “constructive”", "en", 1, None, True),    # English: the pronoun before the verb
])
def test_naming_subject(text, lang, j, name, pronoun):
    phrase = naming_subject(tokenize(text, lang, False), j)
    assert (phrase.name, phrase.pronoun) == (name, pronoun)
