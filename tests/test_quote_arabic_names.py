import pytest

from transforms.normalize import fold_str
from transforms.quote_cues import cue_before
from transforms.quote_marks import Boundaries, Mask, pair_marks
from transforms.quote_arabic_names import (amma_topic, family_nisba_after, has_article, is_nisba,
                                           name_after_honorific, name_slot_after_nisba, title_and_name_ahead)
from transforms.quote_tokens import tokenize


def _ar(text):
    return tokenize(text, "ar", False)


@pytest.mark.parametrize("word, expected", [
    ("الجابر", True),    # plain article
    ("والحكومة", True),  # conjunction + article
    ("بالقاهرة", True),  # preposition + article
    ("للسلام", True),    # لل
    ("سالم", False),     # a given name
])
def test_has_article(word, expected):
    assert has_article(fold_str(word)) is expected


@pytest.mark.parametrize("word, expected", [
    ("الإسرائيلي", True),   # masculine nisba
    ("المغربية", True),     # feminine nisba (folds to يه)
    ("الفلسطينيين", True),  # plural nisba
    ("الحكومة", False),     # an ordinary noun
])
def test_is_nisba(word, expected):
    assert is_nisba(fold_str(word)) is expected


@pytest.mark.parametrize("text, last, word, expected", [
    ("محمد شياع السوداني", 1, "السوداني", True),    # nisba after a plain given name: a family name
    ("وزير الخارجية الإسرائيلي", 1, "الإسرائيلي", False),  # after a definite noun: an adjective
    ("محمد شياع المغربية", 1, "المغربية", False),   # feminine: not a family name
])
def test_family_nisba_after(text, last, word, expected):
    assert family_nisba_after(_ar(text), last, fold_str(word)) is expected


@pytest.mark.parametrize("text, r, last", [
    ("قال الشيخ حكمت الهجري إن", 1, 3),                                   # given name + family name
    ("وزير الخارجية الكويتي الشيخ سالم عبدالله الجابر الصباح في بيان", 3, 7),  # two family words, phrase ends
    ("قال الشيخ سامي الخوري الحكومة", 1, 3),                              # the object after the name is left out
    ("الفريق أول عبد الفتاح البرهان قال", 0, 4),                          # compound given name with عبد
])
def test_name_after_honorific(text, r, last):
    assert name_after_honorific(_ar(text), r) == last


@pytest.mark.parametrize("text, lang, j, expected", [
    ("قال الشيخ حكمت الهجري إن", "ar", 1, 3),         # honorific at j
    ("قال الشيخ حكمت الهجري إن", "ar", 0, 3),         # honorific one token after j
    ("قال الفريق أسامة ربيع أن القناة", "ar", 1, 3),  # title closed by a complementizer
    ("قال الرئيس إن القناة", "ar", 1, None),          # no name between title and complementizer
    ("said Sheikh Hikmat", "en", 1, None),            # Arabic only
])
def test_title_and_name_ahead(text, lang, j, expected):
    assert title_and_name_ahead(tokenize(text, lang, False), j) == expected


@pytest.mark.parametrize("text, k, expected", [
    ("أما أنقرة، فكانت قد أعلنت", 4, (1, 1)),       # verb after فكانت قد: topic أنقرة
    ("أما أنقرة، فكانت قد أعلنت", 2, (1, 1)),       # the ف-word itself
    ("أما أنقرة فكانت قد أعلنت", 4, None),          # no comma before the ف-word
    ("قال الوزير إن", 0, None),                      # no أما at all
])
def test_amma_topic(text, k, expected):
    assert amma_topic(_ar(text), k) == expected


@pytest.mark.parametrize("text, roles, names, last, expected", [
    ("وزير الخارجية الإسباني خوسيه", 1, 0, 2, True),   # a name is due after the title's nisba
    ("وزير الخارجية الإسباني خوسيه", 1, 1, 2, False),  # a name already read
    ("وزير الخارجية الإسباني خوسيه", 1, 0, 0, False),  # last word has no article (وزير)
])
def test_name_slot_after_nisba(text, roles, names, last, expected):
    assert name_slot_after_nisba(_ar(text), roles, names, last) is expected


@pytest.mark.parametrize("text, speaker", [
    # why is_nisba keeps the feminine ية: after the title's complement الخارجية a name is due (خوسيه ends in ه)
    ("وقال وزير الخارجية خوسيه مانويل ألباريس إن «الحل ممكن»", "وزير الخارجية خوسيه مانويل ألباريس"),
    # and a feminine nisba agrees with the feminine noun before it
    ("وقالت الجبهة الشعبية إن «الحل ممكن»", "الجبهة الشعبية"),
])
def test_is_nisba_callers_need_feminine(text, speaker):
    pairs, _ = pair_marks(text, False)
    cue = cue_before(_ar(text), Boundaries(text, False), pairs[0][0], Mask([]))
    assert cue.phrase.name == speaker
