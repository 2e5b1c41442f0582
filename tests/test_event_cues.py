import pytest

from transforms.event_cues import CAMEO_ROOTS, all_titles, complements, find_cues, load_cues, negated
from transforms.gazetteer import tokenize
from transforms.lexicon_files import LexiconError


def _cues(text, lang, taken=None):
    toks = tokenize(text)
    lex = load_cues(lang)
    cues = find_cues(text, toks, lex, taken or [False] * len(toks))
    return toks, lex, cues


@pytest.mark.parametrize("text, lang, expected", [
    ("زار الرئيس القاهرة", "ar", [("04", "زار")]),                        # Arabic visit: consult
    ("قطعت السعودية العلاقات مع إيران", "ar", [("16", "قطعت ... العلاقات")]),  # gapped phrase keeps both ends
    ("ראש הממשלה ביקר בקהיר", "he", [("04", "ביקר")]),                    # Hebrew visit
    ("Russia attacked Ukraine", "en", [("19", "attacked")]),              # English fight
    ("Putin met Erdogan and discussed the war", "en", [("04", "met")]),  # a second 04 cue restates the first
    ("لم يزر الرئيس القاهرة", "ar", []),                                  # negated by لم
    ("ראש הממשלה לא ביקר בקהיר", "he", []),                                # negated by לא
    ("Russia did not attack Ukraine", "en", []),                          # negated by 'did not'
])
def test_find_cues(text, lang, expected):
    _, _, cues = _cues(text, lang)
    assert [(c.code, c.text) for c in cues] == expected
    assert all(c.code in CAMEO_ROOTS for c in cues)


def test_find_cues_flags():
    # an explosion has no doer; hosting talks makes the host the doer
    _, _, cues = _cues("An explosion hit the port", "en")
    assert [(c.code, c.agentless) for c in cues] == [("18", True)]
    _, _, cues = _cues("Egypt hosted talks between Israel and Hamas", "en")
    assert [(c.code, c.text, c.host) for c in cues] == [("04", "hosted ... talks", True)]


def test_find_cues_skips_taken_tokens():
    # a token inside an actor name is not read as a cue
    toks, lex, _ = _cues("Russia attacked Ukraine", "en")
    assert find_cues("Russia attacked Ukraine", toks, lex, [False, True, False]) == []


def test_negated_needs_the_same_clause():
    # a comma between the negator and the cue (token 3, 'attack') ends the negation's reach
    text = "Russia did not, attack Ukraine"
    toks = tokenize(text)
    assert toks[3].folded == "attack"
    assert negated(text, toks, 3, load_cues("en")) is False
    text = "Russia did not attack Ukraine"
    assert negated(text, tokenize(text), 3, load_cues("en")) is True


def test_complements_object_cue():
    # 'banned imports of': the import cue is the ban's object, governed by cue 0
    text = "The US banned imports of fruit from Iran"
    toks, lex, cues = _cues(text, "en")
    assert [c.code for c in cues] == ["16", "06"]
    assert complements(text, toks, cues, lex) == {1: 0}


def test_complements_separate_clauses():
    # a comma puts the second cue in its own clause
    text = "The US banned the flights, and Iran attacked a ship"
    toks, lex, cues = _cues(text, "en")
    assert [c.code for c in cues] == ["16", "19"]
    assert complements(text, toks, cues, lex) == {}


def test_load_cues_rejects_unknown_language():
    # the error lists the valid choices
    with pytest.raises(LexiconError, match="expected one of ar, he, en"):
        load_cues("fa")


def test_all_titles_spans_languages():
    # titles of every language in one set
    titles = all_titles()
    assert load_cues("en").titles <= titles and load_cues("ar").titles <= titles
