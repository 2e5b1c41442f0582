"""Actors of an event sentence: gazetteer mentions turned into codes with the role their context gives them.

A mention becomes an ``Actor``: its code at the event date (an office title is resolved by the date, else by
the holder named nearest in the article), its state, and its role from the word before it (with-word:
target, by-word: source, in-word: place ...). A title or state adjective right before a name of the same
state joins the name (الرئيس الروسي فلاديمير بوتين is one actor). Which actor is the doer and which the target
is decided in ``transforms.event_parties``.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from transforms.event_cues import CLAUSE_BREAKS, CueLexicon
from transforms.gazetteer import Mention, Token, phrase_tokens

# A successor state is the same side as its predecessor when pairing actors: a Russian academy and the Soviet
# Union in one sentence are not the two parties of an event.
_SAME_SIDE = {"SUN": "RUS"}
_MERGE_WINDOW = 6  # tokens between "الرئيس الروسي" and "فلاديمير بوتين": the title adjective joins the name
_HOLDER_WINDOW = 50  # named people looked at either side of an office title (bounded: linear time)


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved mention: its code and state at the event date, where it is, and its role."""

    code: str
    text: str
    state: str
    person_like: bool
    start: int
    end: int
    first_token: int
    last_token: int
    lead_token: int  # first token of the state adjective or title merged into this name (الرئيس الروسي، بوتين)
    # 'target' after مع/with/ל, 'source' after by/על ידי, 'place' after في/in/ב, 'pair' after between/بين,
    # 'genitive' after of/של, 'time' after death of/وفاة, 'excluded' after without/except, '' otherwise
    role: str


@dataclass(frozen=True)
class ArticleContext:
    """Article-level facts the per-sentence choices consult."""

    tokens: Sequence[Token]
    lexicon: CueLexicon
    named: Sequence[tuple[int, str]]  # (start, code) of office holders named in the article, in text order
    excluded: Sequence[tuple[int, int]]  # char spans opened by without/except, sorted
    quoted: Sequence[tuple[int, int]]  # char spans inside quotation marks, sorted
    datelines: Sequence[tuple[int, int]] = ()  # "القاهرة - وكالات:", "BRUSSELS —": where the story was filed


def article_context(text: str, tokens: Sequence[Token], lexicon: CueLexicon,
                    mentions: Sequence[Mention]) -> ArticleContext:
    """Collect once per article what every sentence's actor rules look up."""
    return ArticleContext(tokens, lexicon, _named_holders(mentions), _excluded_spans(text, tokens, lexicon),
                          _quoted_spans(text), _dateline_spans(text))


def resolve_actors(mentions: Sequence[Mention], day: date | None, ctx: ArticleContext) -> list[Actor]:
    """Codes at the event date; a state adjective or title right before a name of that state joins the name
    (and hands it its with-word: مع رئيس الوزراء الإسرائيلي بنيامين نتنياهو). Actors dating the event
    (after the death of Stalin) or left out of it (except Romania) are dropped."""
    actors = [_actor(m, day, ctx) for m in mentions]
    return _merge_titles([a for a in actors if a.role not in ("time", "excluded")], ctx.tokens)


def _actor(m: Mention, day: date | None, ctx: ArticleContext) -> Actor:
    """One mention as an actor, before titles are merged into the names after them."""
    code = _code_of(m, day, ctx)
    state = code.split(":", 1)[0]
    if inside(ctx.excluded, m.start):
        role = "excluded"
    elif inside(ctx.datelines, m.start):
        role = "excluded"  # the city a story was filed from hosts nothing, does nothing and is no target
    else:
        role = _role_of(m, ctx.tokens, ctx.lexicon)
    return Actor(code, m.text, _SAME_SIDE.get(state, state), ":" in code, m.start, m.end, m.first_token,
                 m.last_token, m.first_token, role)


def _merge_titles(actors: Sequence[Actor], tokens: Sequence[Token]) -> list[Actor]:
    """Fold a state title or adjective into the same state's person named just after it, and drop repeats; a
    name joined by و/ו is a second party (الجيش السوداني وقوات الدعم السريع), not the adjective's head."""
    kept: list[Actor] = []
    pending_role, lead = "", -1
    for k, actor in enumerate(actors):
        if not actor.person_like and any(
            other.person_like and other.state == actor.state and 0 < other.first_token - actor.last_token <= _MERGE_WINDOW
            and not _conjoined(tokens[other.first_token])
            for other in actors[k + 1:k + 4]
        ):
            pending_role = pending_role or actor.role
            lead = actor.first_token if lead < 0 else lead
            continue
        if pending_role and not actor.role:
            actor = replace(actor, role=pending_role)
        if lead >= 0:
            actor = replace(actor, lead_token=lead)
        pending_role, lead = "", -1
        if kept and kept[-1].state == actor.state and actor.first_token - kept[-1].last_token <= 2 and (
                kept[-1].code == actor.code or not actor.person_like):
            continue  # one name twice, or a name and its own state adjective (משמרות המהפכה האיראניים)
        if kept and kept[-1].role == "pair" and not actor.role and actor.first_token - kept[-1].last_token <= 2:
            actor = replace(actor, role="pair")  # between X and Y: both members
        kept.append(actor)
    return kept


def _conjoined(tok: Token) -> bool:
    """A word carrying the conjunction و/ו as a clitic (وقوات, והצבא)."""
    return len(tok.readings) > 1 and tok.folded[:1] in "وו"


def _code_of(m: Mention, day: date | None, ctx: ArticleContext) -> str:
    """The code at ``day``; an office title with no usable date is the holder named nearest before it in the
    article (else after it): 'the Israeli PM' in an article that names Bennett is Bennett."""
    code = m.code_on(day)
    roles = {e.code for e in m.entries if "role" in e.flags}
    if ":" in code or not roles:
        return code
    k = bisect.bisect_left(ctx.named, (m.start, ""))
    nearby = ctx.named[max(0, k - _HOLDER_WINDOW):k][::-1] + ctx.named[k:k + _HOLDER_WINDOW]
    return next((holder for _, holder in nearby if holder in roles), code)


def _role_of(mention: Mention, tokens: Sequence[Token], lexicon: CueLexicon) -> str:
    """'target' after a with-word or with a ل/ל prefix, 'source' after a by-word, and so on (see Actor.role)."""
    first = tokens[mention.first_token]
    k = mention.first_token - 1
    if k > 0 and any(r in lexicon.titles for r in tokens[k].readings):
        k -= 1  # مع الرئيس X, עם הנשיא X: the title stands between the marker and the name
    if k >= 0 and (role := _marker_role(tokens[k], lexicon)):
        return role
    head = phrase_tokens(mention.entries[0].variant)[0]
    prefix = first.folded[: len(first.folded) - len(head)] if first.folded.endswith(head) else first.folded[:1]
    for clitics, role in ((lexicon.target_clitics, "target"), (lexicon.place_clitics, "place")):
        if prefix and any(prefix.startswith(clitic) for clitic in clitics):
            return role
    return ""


def _marker_role(tok: Token, lexicon: CueLexicon) -> str:
    """The role a word gives the actor right after it ('' when it gives none)."""
    if tok.folded in lexicon.target_markers:
        return "target"
    if tok.folded in lexicon.source_markers:
        return "source"
    if tok.folded in lexicon.place_markers:
        return "place"
    for role, words in (("time", lexicon.time_markers), ("pair", lexicon.pair_markers),
                        ("genitive", lexicon.genitive_markers)):
        if any(r in words for r in tok.readings):
            return role
    return ""


def inside(spans: Sequence[tuple[int, int]], pos: int) -> bool:
    """True when ``pos`` falls in one of the sorted, non-overlapping half-open ``spans``."""
    k = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def first_free(actors: Sequence[Actor], lo: int, hi: int) -> Actor | None:
    """The first unmarked actor in [lo, hi): the subject of a clause, a sentence or a headline."""
    return next((a for a in actors if lo <= a.start < hi and a.role == ""), None)


def _named_holders(mentions: Sequence[Mention]) -> list[tuple[int, str]]:
    """(start, code) of every person named outright (not by an office title), in text order."""
    return [(m.start, m.entries[0].code) for m in mentions
            if m.is_person_like and not any("role" in e.flags for e in m.entries)]


def _excluded_spans(text: str, tokens: Sequence[Token], lexicon: CueLexicon) -> list[tuple[int, int]]:
    """From each without/except word to the end of its clause."""
    out = []
    for tok in tokens:
        if tok.folded in lexicon.excluders or any(r in lexicon.excluders for r in tok.readings[1:2]):
            ends = [p for p in (text.find(ch, tok.end, tok.end + 200) for ch in CLAUSE_BREAKS + ".!?؟\n") if p >= 0]
            out.append((tok.start, min(ends) if ends else tok.end + 200))
    return out


# A dateline opens a paragraph: a place of one or two words, or an upper-case city with its country ("JEDDAH,
# Saudi Arabia"), a dash, and maybe an agency name ending in a colon (بيروت - , القاهرة - وكالات: ,
# واشنطن - القاهرة: , BRUSSELS — ). "Russia and Israel - ..." is a sentence, not a dateline.
_DATELINE = re.compile(r"^([^\n.!?:\-—–]{2,40}?)\s[-—–]\s(?:[^\n.!?:\-—–\s]+(?:\s[^\n.!?:\-—–\s]+)?:)?", re.MULTILINE)
_DATELINE_WORDS = 2
# two or more places before the outlet (بيروت – القاهرة – «الأخبار»:): the colon is required here, since a chain
# of dashes without it is as often a headline's clauses.
_DATELINE_CHAIN = re.compile(r"^((?:[^\n.!?:\-—–]{2,40}?\s[-—–]\s){2,3})[^\n.!?:\-—–\s]+(?:\s[^\n.!?:\-—–\s]+)?:",
                             re.MULTILINE)


def _dateline_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the datelines opening paragraphs (their place names are no actors)."""
    out = []
    for m in _DATELINE.finditer(text):
        place = m.group(1).split()
        if len(place) <= _DATELINE_WORDS or (place[0].isupper() and len(place[0]) > 1):
            out.append(m.span())
    for m in _DATELINE_CHAIN.finditer(text):
        places = re.split(r"\s[-—–]\s", m.group(1).strip(" -—–"))
        if all(len(p.split()) <= _DATELINE_WORDS for p in places):
            out.append(m.span())
    longest = {start: max(e for s, e in out if s == start) for start, _ in out}
    return sorted(longest.items())  # a chain and its first place share a start: keep the longer span


_OPENING_QUOTES = "“«„"


_CLOSING_QUOTES = "”»"


_BOTH_QUOTES = "\"״"


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks, never across a line; a ״ or " between two letters is an acronym mark
    (או״ם, צה"ל), not a quote. Linear in the text."""
    out: list[tuple[int, int]] = []
    opened = -1
    for i, ch in enumerate(text):
        if ch == "\n":
            opened = -1
            continue
        neither = ch not in _OPENING_QUOTES + _CLOSING_QUOTES + _BOTH_QUOTES
        if neither or (ch in _BOTH_QUOTES and 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()):
            continue
        if opened >= 0 and ch not in _OPENING_QUOTES:
            out.append((opened, i))
            opened = -1
        elif ch not in _CLOSING_QUOTES:
            opened = i + 1
    return out
