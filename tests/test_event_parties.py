import pytest

from transforms.event_actors import article_context, resolve_actors
from transforms.event_cues import all_titles, find_cues, load_cues
from transforms.event_parties import (Subjects, choose_source, clause_range, coordinated_partner, dual_role,
                                      local_start, opening_of, subject_chain)
from transforms.gazetteer import load_gazetteer, tokenize
from transforms.segment import Span

_NO_SUBJECTS = Subjects(None, None, None)


def _scene(text, lang):
    """Tokens, lexicon, actors, context and cues of a one-sentence text."""
    toks, lex = tokenize(text), load_cues(lang)
    mentions = load_gazetteer().find(text, toks, all_titles())
    ctx = article_context(text, toks, lex, mentions)
    cues = find_cues(text, toks, lex, [False] * len(toks))
    return toks, lex, resolve_actors(mentions, None, ctx), ctx, cues


def _source(text, lang, k=0):
    toks, lex, actors, ctx, cues = _scene(text, lang)
    sent = Span(0, len(text))
    left, right = clause_range(text, cues, k, sent)
    local = local_start(text, sent, cues[k])
    opening = opening_of(toks, local, cues[k], lex)
    source, how = choose_source(actors, cues[k], left, right, local, opening, _NO_SUBJECTS, ctx)
    return (source.code if source else None), how, opening, (left, right, local)


def test_clause_range_cut_at_comma():
    # two cues in one sentence: each clause ends at the comma between them
    text = "Russia attacked Ukraine, and Iran met Iraq."
    assert _source(text, "en", 0)[3] == (0, 23, 0)
    assert _source(text, "en", 1)[3] == (24, 43, 24)


@pytest.mark.parametrize("text, lang, code, how, opening", [
    ("Russia attacked Ukraine", "en", "RUS", "before", ""),                       # SVO subject before the cue
    ("قطع الاتحاد السوفيتي العلاقات مع إسرائيل", "ar", "SUN", "vso", "bare"),      # Arabic VSO subject
    ("وقطعت السعودية العلاقات مع قطر", "ar", "SAU", "vso", "joined"),              # و-prefixed verb opens 'joined'
    ("The embassy was attacked by Iran", "en", "IRN", "by", ""),                   # by-phrase names the doer
    ("The two countries signed an agreement", "en", None, "", ""),                 # no actor at all
])
def test_choose_source(text, lang, code, how, opening):
    assert _source(text, lang)[:3] == (code, how, opening)


def _chain_and_partner(text, lang):
    toks, lex, actors, ctx, cues = _scene(text, lang)
    sent = Span(0, len(text))
    left, right = clause_range(text, cues, 0, sent)
    local = local_start(text, sent, cues[0])
    source, _ = choose_source(actors, cues[0], left, right, local, opening_of(toks, local, cues[0], lex),
                              _NO_SUBJECTS, ctx)
    chain = [a.code for a in subject_chain(text, toks, actors, source, left, right)]
    partner = coordinated_partner(text, toks, actors, source, cues[0], local)
    return chain, partner.code if partner else None


@pytest.mark.parametrize("text, lang, chain, partner", [
    # 'X and Y signed': a reciprocal act, the first is the partner of the second
    ("Armenia and Azerbaijan signed a peace deal", "en", ["ARM", "AZE"], "ARM"),
    # Arabic list joined by و: each state cut ties; the doer is the verb's first subject
    ("وقطعت السعودية والإمارات ومصر العلاقات مع قطر", "ar", ["SAU", "ARE", "EGY"], None),
    # a single doer: a chain of one
    ("Russia attacked Ukraine", "en", ["RUS"], None),
])
def test_subject_chain_and_partner(text, lang, chain, partner):
    assert _chain_and_partner(text, lang) == (chain, partner)


@pytest.mark.parametrize("text, chain", [
    # a list whose middle item has the article: ', the' still joins it (SAU was dropped)
    ("Saudi Arabia, the UAE and Egypt cut ties with Qatar", ["SAU", "ARE", "EGY"]),
    # 'and the' joins two items as well
    ("Saudi Arabia and the UAE cut ties with Qatar", ["SAU", "ARE"]),
    # 'the' alone between two states is no list: 'the' here is not preceded by a comma or 'and'
    ("Russia attacked the Ukrainian port", ["RUS"]),
])
def test_subject_chain_with_article(text, chain):
    assert _chain_and_partner(text, "en")[0] == chain


@pytest.mark.parametrize("text, lang, role", [
    ("The two countries signed an agreement", "en", "subject"),   # 'the two countries' right before the cue
    ("The two sides agreed on a truce", "en", "subject"),          # 'the two sides' as subject
    ("دعا غوتيريش الطرفين إلى الحوار", "ar", "object"),           # after the verb and its subject: the object
    ("Russia attacked Ukraine", "en", ""),                        # no dual phrase
])
def test_dual_role(text, lang, role):
    toks, lex, actors, _, cues = _scene(text, lang)
    sent = Span(0, len(text))
    _, right = clause_range(text, cues, 0, sent)
    assert dual_role(text, toks, lex, cues[0], local_start(text, sent, cues[0]), right, actors) == role
