from datetime import date

import pytest

from transforms.event_actors import article_context, first_free, inside, resolve_actors
from transforms.event_cues import all_titles, load_cues
from transforms.gazetteer import load_gazetteer, tokenize


def _context(text, lang):
    toks = tokenize(text)
    mentions = load_gazetteer().find(text, toks, all_titles())
    return mentions, article_context(text, toks, load_cues(lang), mentions)


def _actors(text, lang, day=None):
    mentions, ctx = _context(text, lang)
    return [(a.code, a.role) for a in resolve_actors(mentions, day, ctx)]


@pytest.mark.parametrize("text, lang, day, expected", [
    # title + name of one state is one actor; مع before a title makes the next one a target; في a place
    ("التقى الرئيس الروسي فلاديمير بوتين مع رئيس الوزراء الإسرائيلي بنيامين نتنياهو في موسكو", "ar", None,
     [("RUS:PUTIN", ""), ("ISR:NETANYAHU", "target"), ("RUS", "place")]),
    # English with-word gives the target
    ("Russia signed a deal with Iran", "en", None, [("RUS", ""), ("IRN", "target")]),
    # Hebrew place clitic ב
    ("ישראל תקפה בסוריה", "he", None, [("ISR", ""), ("SYR", "place")]),
    # between X and Y: both are the pair
    ("the talks between Israel and Hamas", "en", None, [("ISR", "pair"), ("PSE:HAMAS", "pair")]),
    # an office title resolved by the event date
    ("the Israeli prime minister met Biden", "en", date(2022, 1, 1), [("ISR:BENNETT", ""), ("USA:BIDEN", "")]),
    # an actor after 'except' is left out of the event
    ("All states voted except Romania", "en", None, []),
])
def test_resolve_actors(text, lang, day, expected):
    assert _actors(text, lang, day) == expected


@pytest.mark.parametrize("text, lang, field, expected", [
    ("MOSCOW — Russia attacked Ukraine", "en", "datelines", [(0, 9)]),     # upper-case city and a dash
    ("القاهرة - وكالات: زار الرئيس", "ar", "datelines", [(0, 17)]),      # place, dash, agency, colon
    ('The army said "Iran will pay"', "en", "quoted", [(15, 28)]),         # straight quotes
    ('דובר צה"ל אמר', "he", "quoted", []),                                 # an acronym mark is no quote
    ("All states voted except Romania", "en", "excluded", [(17, 223)]),    # 'except' to 200 chars past it (no break)
    ("All voted except Romania, and Iran", "en", "excluded", [(10, 24)]),  # ... or to the next comma
])
def test_article_context_spans(text, lang, field, expected):
    _, ctx = _context(text, lang)
    assert list(getattr(ctx, field)) == expected


@pytest.mark.parametrize("spans, pos, expected", [
    ([(0, 5), (10, 20)], 0, True),    # first char of a span
    ([(0, 5), (10, 20)], 5, False),   # end is exclusive
    ([(0, 5), (10, 20)], 15, True),   # inside the second span
    ([], 3, False),                   # no spans
])
def test_inside(spans, pos, expected):
    assert inside(spans, pos) is expected


def test_first_free_skips_marked_actors():
    # 'with Iran' is a target, so the first free actor in range is Russia, and nothing after position 30
    text = "Russia signed a deal with Iran"
    mentions, ctx = _context(text, "en")
    actors = resolve_actors(mentions, None, ctx)
    assert first_free(actors, 0, len(text)).code == "RUS"
    assert first_free(actors, 1, len(text)) is None
