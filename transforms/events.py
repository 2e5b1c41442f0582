"""Who did what to whom, and when: CAMEO-coded events, one per (sentence, cue type and actors).

A cue phrase (``lexicons/events.<lang>.yaml``) gives the event type; actor mentions come from the
gazetteer (``transforms.gazetteer``). The doer (actor1) is a by-marked actor, else the nearest plain actor
before the cue in its comma clause, else the subject right after a clause-opening verb (Arabic verb-first:
قطع الاتحاد السوفيتي العلاقات مع إسرائيل), else a subject carried over from the main clause or the previous
sentence when the clause opens with a conjunction, pronoun or light verb (وطرح ..., הוא קיים פגישות). The
target (actor2) is the next actor of another state; a two-sided cue missing one side takes it from the events
just before (Israel ignored "the statement": Putin's). Office titles are resolved by the event date, else by
the holder named nearest in the article. The date is the mention inside the sentence nearest the cue, else
the nearest earlier one in the same paragraph.

Everything is one pass over the tokens of the article plus per-sentence work bounded by the sentence,
so a megabyte of text costs seconds, not minutes.
"""
from __future__ import annotations

import bisect
import re
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path

from transforms.gazetteer import (
    GAP,
    Mention,
    PhraseIndex,
    Token,
    load_gazetteer,
    phrase_tokens,
    tokenize,
)
from transforms.lexicon_files import LEXICON_DIR, LexiconError, read_yaml_mapping, string_list
from transforms.normalize import fold_str
from transforms.records import Article, DateMention, Event, stable_id
from transforms.segment import Span, paragraphs, sentences

# CAMEO root codes (Schrodt 2012) and the short labels stored in events.event_type ("04 consult").
CAMEO_ROOTS = {
    "01": "make public statement", "02": "appeal", "03": "express intent to cooperate", "04": "consult",
    "05": "diplomatic cooperation", "06": "material cooperation", "07": "provide aid", "08": "yield",
    "09": "investigate", "10": "demand", "11": "disapprove", "12": "reject", "13": "threaten", "14": "protest",
    "15": "exhibit force posture", "16": "reduce relations", "17": "coerce", "18": "assault", "19": "fight",
    "20": "mass violence",
}
LANGS = ("ar", "he", "en")
_KEYS = frozenset({"cues", "titles", "blockers", "target_markers", "target_clitics", "source_markers", "place_markers",
                   "place_clitics", "agentless", "excluders", "time_markers", "pair_markers", "genitive_markers",
                   "continuers", "passive_markers", "purpose_clitics"})
_RELATION_CODES = frozenset({"05", "16"})  # "relations were restored/cut": the pair is the one under discussion
# A successor state is the same side as its predecessor when pairing actors: a Russian academy and the Soviet
# Union in one sentence are not the two parties of an event.
_SAME_SIDE = {"SUN": "RUS"}
# A speech verb frames the event it reports ("X said Y attacked Z" is Y attacking Z), as in PETRARCH: a
# statement is coded only when its sentence reports nothing else.
_STATEMENT = "01"
# ... and a state named by its successor's name before the succession is the predecessor: relations "between
# Russia and Israel" restored in October 1991 were the Soviet Union's.
_PREDECESSOR = {"RUS": ("SUN", date(1991, 12, 26))}
_ONE_SIDED_CODES = frozenset({"18", "19", "20"})  # violence is news even when only one side is named
_INHERIT_SENTENCES = 3  # how far back such a cue looks for its pair
_SAME_EVENT_GAP = 3  # tokens: أبدى استعداده, two cues of one type this close are one event
_CLAUSE_BREAKS = ",،;؛:—–"  # a comma between two cues separates their clauses
_MERGE_WINDOW = 6  # tokens between "الرئيس الروسي" and "فلاديمير بوتين": the title adjective joins the name
_WRAPPED_MIN_LINES = 5  # hard-wrapped (PDF) text: at least this many long lines ending mid-sentence ...
_WRAPPED_SHARE = 0.5  # ... and at least this share of the long lines
_LONG_LINE = 40  # characters; shorter lines are headings, list items, page numbers
_MAX_MERGED = 2000  # characters; a hard-wrapped sentence is never joined beyond this
_HOLDER_WINDOW = 50  # named people looked at either side of an office title (bounded: linear time)
_HEADLINE_MAX = 150  # characters; a longer paragraph is body text, where a pronoun points back, not forward
_SENTENCE_END = ".!?؟…:\"'”»״)"


@dataclass(frozen=True)
class CueLexicon:
    """Cue phrases of one language (payload: CAMEO root code) and its title words."""

    lang: str
    index: PhraseIndex[str]
    titles: frozenset[str]
    blockers: frozenset[str]
    target_markers: frozenset[str]
    target_clitics: tuple[str, ...]
    source_markers: frozenset[str]
    place_markers: frozenset[str]
    place_clitics: tuple[str, ...]
    agentless: frozenset[str]  # cue words naming an event without its doer (explosion): actor1 only from a by-phrase
    excluders: frozenset[str]  # without/except: actors after it, up to the clause end, take no part
    time_markers: frozenset[str]  # death/era of X: X dates the event, it does not act in it
    pair_markers: frozenset[str]  # between X and Y: the pair under discussion, the doer only when nobody else is
    genitive_markers: frozenset[str]  # of X: a modifier of the subject's head noun, not the subject
    continuers: frozenset[str]  # words that may open a clause whose subject is carried over (also, then, he)
    passive_markers: frozenset[str]  # تم + verbal noun: the actor after the cue is not its doer
    purpose_clitics: tuple[str, ...]  # ל/ل on a listed verb: an infinitive of purpose or modality, not an event


def read_cues(path: Path) -> CueLexicon:
    """Parse and validate one cue file; unknown keys and codes are errors, not silently ignored."""
    data = read_yaml_mapping(path, _KEYS)
    items: list[tuple[tuple[str, ...], str]] = []
    for code, phrases in (data.get("cues") or {}).items():
        code = str(code).zfill(2)
        if code not in CAMEO_ROOTS:
            raise LexiconError(f"{path}: cues: unknown CAMEO root {code!r}; expected one of {sorted(CAMEO_ROOTS)}")
        if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases):
            raise LexiconError(f"{path}: cues: {code}: expected a list of non-empty phrases")
        for phrase in phrases:
            toks = phrase_tokens(phrase)
            if not toks or toks[0] == GAP or toks[-1] == GAP:
                raise LexiconError(f"{path}: cues: {code}: phrase {phrase!r} must start and end with a word")
            items.append((toks, code))
    def words(key: str) -> list[str]:
        return [fold_str(w) for w in string_list(data, key, path)]

    return CueLexicon(
        lang=path.stem.split(".")[-1],
        index=PhraseIndex(items),
        titles=frozenset(words("titles")),
        blockers=frozenset(words("blockers")),
        target_markers=frozenset(words("target_markers")),
        target_clitics=tuple(sorted(words("target_clitics"), key=len, reverse=True)),
        source_markers=frozenset(words("source_markers")),
        place_markers=frozenset(words("place_markers")),
        place_clitics=tuple(sorted(words("place_clitics"), key=len, reverse=True)),
        agentless=frozenset(words("agentless")),
        excluders=frozenset(words("excluders")),
        time_markers=frozenset(words("time_markers")),
        pair_markers=frozenset(words("pair_markers")),
        genitive_markers=frozenset(words("genitive_markers")),
        continuers=frozenset(words("continuers")),
        passive_markers=frozenset(words("passive_markers")),
        purpose_clitics=tuple(sorted(words("purpose_clitics"), key=len, reverse=True)),
    )


@cache
def load_cues(lang: str) -> CueLexicon:
    """The cue lexicon of ``lang`` (ar, he, en), parsed once per process."""
    if lang not in LANGS:
        raise LexiconError(f"no event cues for language {lang!r}; expected one of {', '.join(LANGS)}")
    return read_cues(LEXICON_DIR / f"events.{lang}.yaml")


@cache
def _all_titles() -> frozenset[str]:
    """Titles of every language: an Arabic article may quote an English title and vice versa."""
    return frozenset().union(*(load_cues(lang).titles for lang in LANGS))


@dataclass(frozen=True, slots=True)
class _Cue:
    code: str
    first: int  # token indices
    last: int
    start: int  # char offsets
    end: int
    text: str
    agentless: bool  # an explosion has no doer unless a by-phrase names one


@dataclass(frozen=True, slots=True)
class _Actor:
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


def _blocked(tokens: Sequence[Token], first: int, lexicon: CueLexicon) -> bool:
    """A cue named as a topic, not reported as happening: أسباب قطع العلاقات, תקופת ניתוק היחסים."""
    return any(r in lexicon.blockers for k in (first - 1, first - 2) if k >= 0 for r in tokens[k].readings[:2])


def _purpose_form(tok: Token, phrase_head: str, lexicon: CueLexicon) -> bool:
    """לציין, ולהעביר, للتصنيع: a listed word reached only by stripping ל/ل is an infinitive of purpose or a
    'for the X' phrase (יש לציין, כדי להעביר), which states no event; a form listed with its ל stays a cue."""
    if tok.folded == phrase_head or not tok.folded.endswith(phrase_head.removeprefix("ال")):
        return False
    prefix = tok.folded[: len(tok.folded) - len(phrase_head.removeprefix("ال"))]
    return any(prefix.startswith(c) or prefix.startswith(("و" + c, "ו" + c)) for c in lexicon.purpose_clitics)


def _find_cues(text: str, tokens: Sequence[Token], lexicon: CueLexicon, taken: Sequence[bool]) -> list[_Cue]:
    """Longest cue phrase at each token, left to right; tokens inside an actor name are not cues."""
    out: list[_Cue] = []
    i = 0
    while i < len(tokens):
        match = None if taken[i] else lexicon.index.longest_at(text, tokens, i)
        if match is None:
            i += 1
            continue
        if _blocked(tokens, match.first, lexicon) or _purpose_form(tokens[match.first], match.phrase[0], lexicon):
            i = match.last + 1
            continue
        start, end = tokens[match.first].start, tokens[match.last].end
        surface = text[start:end] if GAP not in match.phrase else " ... ".join(
            (text[tokens[match.first].start:tokens[match.first].end], text[tokens[match.last].start:end]))
        cue = _Cue(match.values[0], match.first, match.last, start, end, surface, match.phrase[0] in lexicon.agentless)
        if not (out and out[-1].code == cue.code and cue.first - out[-1].last <= _SAME_EVENT_GAP
                and not any(taken[out[-1].last + 1:cue.first])
                and not any(ch in _CLAUSE_BREAKS + _SENTENCE_END + "\n" for ch in text[out[-1].end:cue.start])):
            out.append(cue)
        i = match.last + 1
    return out


def _is_hard_wrapped(text: str) -> bool:
    """PDF-extracted text: most long lines stop mid-sentence."""
    long_lines = [ln.rstrip() for ln in text.split("\n") if len(ln.strip()) >= _LONG_LINE]
    open_ended = sum(1 for ln in long_lines if ln and ln[-1] not in _SENTENCE_END)
    return open_ended >= _WRAPPED_MIN_LINES and open_ended >= _WRAPPED_SHARE * len(long_lines)


def event_sentences(text: str) -> list[Span]:
    """Sentences of ``text``; in hard-wrapped text a sentence cut by a line break is joined again.

    transforms.segment treats every newline as a paragraph end, which is right for web text but cuts
    the sentences of a PDF paper at every line; the join is done here so segment stays unchanged.
    """
    spans = sentences(text)
    if not spans or not _is_hard_wrapped(text):
        return spans
    out = [spans[0]]
    for span in spans[1:]:
        prev = out[-1]
        gap = text[prev.end:span.start]
        joinable = (
            text[prev.end - 1] not in _SENTENCE_END
            and not gap.strip()
            and gap.count("\n") <= 2
            and span.end - prev.start <= _MAX_MERGED
        )
        out[-1:] = [Span(prev.start, span.end)] if joinable else [prev, span]
    return out


def _choose_date(dates: Sequence[DateMention], starts: Sequence[int], sent: Span, para_start: int,
                 anchor: int) -> DateMention | None:
    """A resolved date in the sentence nearest ``anchor``, else the last resolved one earlier in the paragraph,
    else an unresolved one in the sentence (its text is still worth keeping)."""
    lo = bisect.bisect_left(starts, sent.start)
    hi = bisect.bisect_left(starts, sent.end)
    inside = [d for d in dates[lo:hi] if d.char_end <= sent.end]
    resolved = [d for d in inside if d.value is not None]
    if resolved:
        return min(resolved, key=lambda d: abs(d.char_start - anchor))
    for d in reversed(dates[bisect.bisect_left(starts, para_start):lo]):
        if d.value is not None and d.char_end <= sent.start:
            return d
    return inside[0] if inside else None


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


def _role_of(mention: Mention, tokens: Sequence[Token], lexicon: CueLexicon) -> str:
    """'target' after a with-word or with a ل/ל prefix, 'source' after a by-word, and so on (see _Actor.role)."""
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


@dataclass(frozen=True)
class _Context:
    """Article-level facts the per-sentence choices consult."""

    tokens: Sequence[Token]
    lexicon: CueLexicon
    named: Sequence[tuple[int, str]]  # (start, code) of office holders named in the article, in text order
    excluded: Sequence[tuple[int, int]]  # char spans opened by without/except, sorted
    quoted: Sequence[tuple[int, int]]  # char spans inside quotation marks, sorted


def _code_of(m: Mention, day: date | None, ctx: _Context) -> str:
    """The code at ``day``; an office title with no usable date is the holder named nearest before it in the
    article (else after it): 'the Israeli PM' in an article that names Bennett is Bennett."""
    code = m.code_on(day)
    roles = {e.code for e in m.entries if "role" in e.flags}
    if ":" in code or not roles:
        return code
    k = bisect.bisect_left(ctx.named, (m.start, ""))
    nearby = ctx.named[max(0, k - _HOLDER_WINDOW):k][::-1] + ctx.named[k:k + _HOLDER_WINDOW]
    return next((holder for _, holder in nearby if holder in roles), code)


def _inside(spans: Sequence[tuple[int, int]], pos: int) -> bool:
    k = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _resolve_actors(mentions: Sequence[Mention], day: date | None, ctx: _Context) -> list[_Actor]:
    """Codes at the event date; a state adjective or title right before a name of that state joins the name
    (and hands it its with-word: مع رئيس الوزراء الإسرائيلي بنيامين نتنياهو). Actors dating the event
    (after the death of Stalin) or left out of it (except Romania) are dropped."""
    actors = []
    for m in mentions:
        code = _code_of(m, day, ctx)
        state = code.split(":", 1)[0]
        role = "excluded" if _inside(ctx.excluded, m.start) else _role_of(m, ctx.tokens, ctx.lexicon)
        actors.append(_Actor(code, m.text, _SAME_SIDE.get(state, state), ":" in code, m.start, m.end, m.first_token,
                             m.last_token, m.first_token, role))
    actors = [a for a in actors if a.role not in ("time", "excluded")]
    kept: list[_Actor] = []
    pending_role, lead = "", -1
    for k, actor in enumerate(actors):
        if not actor.person_like and any(
            other.person_like and other.state == actor.state and 0 < other.first_token - actor.last_token <= _MERGE_WINDOW
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


def _clause(text: str, cues: Sequence[_Cue], k: int, sent: Span) -> tuple[int, int]:
    """Char range of cue ``k``'s clause: cut at the last clause break before it and the first after it,
    but only where another cue shares the sentence."""
    left, right = sent.start, sent.end
    if k > 0:
        prev_end = cues[k - 1].end
        cut = max(text.rfind(ch, prev_end, cues[k].start) for ch in _CLAUSE_BREAKS)
        left = cut + 1 if cut >= 0 else prev_end
    if k + 1 < len(cues):
        nxt = cues[k + 1].start
        cuts = [p for p in (text.find(ch, cues[k].end, nxt) for ch in _CLAUSE_BREAKS) if p >= 0]
        right = min(cuts) if cuts else nxt
    return left, right


def _local_start(text: str, sent: Span, cue: _Cue) -> int:
    """Start of the comma-delimited clause holding the cue (a subject before it must be inside it)."""
    cut = max(text.rfind(ch, sent.start, cue.start) for ch in _CLAUSE_BREAKS)
    return cut + 1 if cut >= 0 else sent.start


def _opening(tokens: Sequence[Token], local: int, cue: _Cue, lexicon: CueLexicon) -> str:
    """How the cue opens its clause: 'joined' after a conjunction or particle (وطرح, كما دعا, וחודשו, he also),
    'bare' when it is the clause's first word, '' when other words come first."""
    k = cue.first - 1
    joined = False
    while k >= 0 and tokens[k].start >= local:
        if not any(r in lexicon.continuers for r in tokens[k].readings):
            return ""
        joined, k = True, k - 1
    first = tokens[cue.first]
    prefixed = len(first.readings) > 1 and first.folded[:1] in "وفו"
    return "joined" if joined or prefixed else "bare"


@dataclass(frozen=True, slots=True)
class _Subjects:
    """Subjects a clause without its own may take: the sentence's main one, the previous sentence's one, and
    a headline's (named later on the same line)."""

    main: _Actor | None
    previous: _Actor | None
    headline: _Actor | None


def _pick_source(actors: Sequence[_Actor], cue: _Cue, left: int, right: int, local: int, opening: str,
                 subjects: _Subjects, ctx: _Context) -> tuple[_Actor | None, str]:
    """The doer and how it was found: a by-marked actor; else the nearest unmarked actor before the cue in its
    comma clause; else, for a clause-opening verb, the subject right after it (Arabic VSO: قطع الاتحاد السوفيتي
    العلاقات) or the carried-over one (وطرح ..., مؤكدا ..., וחודשו ...); else the first unmarked actor after
    the cue; else the sentence's subject; else a 'between' member or a place."""
    inside = [a for a in actors if left <= a.start and a.end <= right]
    marked = [a for a in inside if a.role == "source"]
    if marked:
        return marked[0], "by"
    if cue.agentless:
        return None, ""
    before = [a for a in inside if a.end <= cue.start and a.start >= local and a.role in ("", "genitive")]
    if before:
        heads = [a for a in before if a.role == ""]
        return (heads or before)[-1], "before"
    after = [a for a in inside if a.first_token > cue.first and a.role == ""]  # قطع [الاتحاد السوفيتي] العلاقات
    passive = cue.first > 0 and any(r in ctx.lexicon.passive_markers for r in ctx.tokens[cue.first - 1].readings)
    mid_sentence = subjects.main is not None and local > left
    if opening and not passive and not (opening == "bare" and mid_sentence):
        nxt = cue.last + 1
        while nxt < len(ctx.tokens) and any(r in ctx.lexicon.titles for r in ctx.tokens[nxt].readings):
            nxt += 1
        vso = [a for a in after if a.lead_token <= nxt + 1]
        if vso:
            return vso[0], "vso"
    if opening or passive:
        carried = subjects.main or (subjects.previous if opening == "joined" or passive else None)
        if carried is not None:
            return carried, "joined" if opening else "carried"
    if after:
        return after[0], "after"
    if subjects.main is not None:
        return subjects.main, "carried"
    for role in ("pair", "place"):
        rest = [a for a in inside if a.role == role]
        if rest:
            return rest[0], "fallback"
    if subjects.headline is not None:
        return subjects.headline, "carried"
    return None, ""


def _pick_targets(actors: Sequence[_Actor], cue: _Cue, source: _Actor | None, left: int, right: int) -> list[_Actor]:
    """The next actor of another state in the clause (marked ones first), else the nearest such actor before the
    cue; every further with-marked person after the cue, and a second member of 'between X and Y' of another
    state, adds a target (met X and with Y)."""
    state = source.state if source else None
    inside = [a for a in actors if left <= a.start and a.end <= right and a.state != state and a is not source]
    after = [a for a in inside if a.start >= cue.start]
    before = [a for a in inside if a.end <= cue.start][::-1]
    ordered = [a for a in after if a.role == "target"] + [a for a in after if a.role != "target"] + before
    if not ordered:
        return []
    first = ordered[0]
    extra = [a for a in after if a.role == "target" and a.person_like and a is not first and a.code != first.code]
    if first.role == "pair":
        extra += [a for a in after if a.role == "pair" and a.state not in (first.state, state)][:1]
    return [first] + extra


def _specific(source: _Actor, actors: Sequence[_Actor], cue: _Cue, left: int, right: int) -> _Actor:
    """The most specific doer: a person of the source's state named before the cue in its clause stands for
    the state (רונן קראוס ... משרד החוץ של ישראל ... מונה: Krauss, not Israel)."""
    if source.person_like:
        return source
    people = [a for a in actors if left <= a.start and a.end <= cue.start and a.person_like
              and a.state == source.state and a.role in ("", "source")]
    return people[0] if people else source


def _visitor(source: _Actor, actors: Sequence[_Actor], cue: _Cue, left: int, right: int) -> tuple[_Actor, _Actor | None]:
    """A visit is made by a person and received by a state: 'Moscow saw a visit by Israel's minister
    Dermer' is Dermer visiting Russia, not Russia visiting Israel."""
    if source.person_like:
        return source, None
    people = [a for a in actors if left <= a.start and a.end <= right and a.start > cue.start and a.person_like
              and a.state != source.state]
    return (people[0], source) if people else (source, None)


def _partner(source: _Actor | None, recent: Sequence[tuple[_Actor | None, _Actor | None]]) -> _Actor | None:
    """The other side in context: the doer of the latest event if of another state (Israel ignored 'the
    statement': Putin's), else the state of that event's target (Putin expressed interest: in Israel)."""
    state = source.state if source else None
    for doer, target in reversed(recent):
        if doer is not None and doer.state != state:
            return doer
        if target is not None and target.state != state:
            return replace(target, code=target.state, person_like=False) if target.person_like else target
    return None


def _state_pair(recent: Sequence[tuple[_Actor | None, _Actor | None]]) -> tuple[_Actor, _Actor] | None:
    """The two states of the latest two-sided event: 'relations were restored' are theirs."""
    for doer, target in reversed(recent):
        if doer is not None and target is not None:
            return (replace(doer, code=doer.state, person_like=False), replace(target, code=target.state,
                                                                                person_like=False))
    return None


def _inherit(actors: list[_Actor], history: Sequence[list[_Actor]]) -> list[_Actor]:
    """Fill a relations cue that names fewer than two states with the states of the preceding sentences."""
    states = {a.state for a in actors}
    for earlier in reversed(history[-_INHERIT_SENTENCES:]):
        for a in earlier:
            if len(states) >= 2:
                return actors
            if a.state not in states and a.role != "target":
                actors = actors + [a]
                states.add(a.state)
    return actors


_CITATION = re.compile(r"^\s*(?:[-•^*]|\[\d+\])\s*\S.*\b(?:1[89]|20)\d\d\b")


def _is_citation(text: str, para: Span | None) -> bool:
    """A bibliography line (- AUTHOR (2010). "Title". Publisher.): its events are not the article's."""
    return para is not None and bool(_CITATION.match(text[para.start:para.end]))


def _at_date(code: str, day: date | None) -> str:
    """A state code as of ``day`` (see _PREDECESSOR); people and organisations keep theirs."""
    earlier = _PREDECESSOR.get(code)
    return earlier[0] if earlier and day is not None and day < earlier[1] else code


def _make_event(article: Article, sent: Span, cue: _Cue, source: _Actor | None, target: _Actor | None,
                when: DateMention | None) -> Event:
    event_type = f"{cue.code} {CAMEO_ROOTS[cue.code]}"
    day = when.value if when else None
    actor1 = _at_date(source.code, day) if source else None
    actor2 = _at_date(target.code, day) if target else None
    return Event(
        event_id=stable_id(article.article_id, "event", sent.start, sent.end, event_type, actor1, actor2),
        article_id=article.article_id,
        event_date=when.value if when else None,
        date_precision=when.precision if when and when.value else None,
        date_text=when.text if when else None,
        actor1=actor1,
        actor1_text=source.text if source else None,
        actor2=actor2,
        actor2_text=target.text if target else None,
        event_type=event_type,
        cue=cue.text,
        sentence=article.text[sent.start:sent.end],
        char_start=sent.start,
        char_end=sent.end,
    )


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


def _excluded_spans(text: str, tokens: Sequence[Token], lexicon: CueLexicon) -> list[tuple[int, int]]:
    """From each without/except word to the end of its clause."""
    out = []
    for tok in tokens:
        if tok.folded in lexicon.excluders or any(r in lexicon.excluders for r in tok.readings[1:2]):
            ends = [p for p in (text.find(ch, tok.end, tok.end + 200) for ch in _CLAUSE_BREAKS + ".!?؟\n") if p >= 0]
            out.append((tok.start, min(ends) if ends else tok.end + 200))
    return out


def _named_holders(mentions: Sequence[Mention]) -> list[tuple[int, str]]:
    """(start, code) of every person named outright (not by an office title), in text order."""
    return [(m.start, m.entries[0].code) for m in mentions
            if m.is_person_like and not any("role" in e.flags for e in m.entries)]


def _first_free(actors: Sequence[_Actor], lo: int, hi: int) -> _Actor | None:
    """The first unmarked actor in [lo, hi): the subject of a clause, a sentence or a headline."""
    return next((a for a in actors if lo <= a.start < hi and a.role == ""), None)


@dataclass
class _Discourse:
    """What earlier sentences leave to the next ones: their subjects, events and actors."""

    history: list[list[_Actor]]
    recent: deque[tuple[int, _Actor | None, _Actor | None]]
    subject: _Actor | None = None  # the last sentence's doer or subject
    subject_sentence: int = -10

    def events_since(self, n: int) -> list[tuple[_Actor | None, _Actor | None]]:
        """Events of the last few sentences; older ones are dropped so the look-up stays bounded."""
        while self.recent and self.recent[0][0] < n - _INHERIT_SENTENCES:
            self.recent.popleft()
        return [(d, t) for _, d, t in self.recent]


def _targets_for(cue: _Cue, source: _Actor | None, actors: Sequence[_Actor], left: int, right: int,
                 sent_no: int, talk: _Discourse) -> tuple[_Actor | None, list[_Actor]]:
    """Targets of one cue; a two-sided cue with a missing side takes it from the events just before
    (relations restored: the pair; Israel ignored the statement: its speaker), then from earlier sentences."""
    if cue.agentless:
        return None, [a for a in _pick_targets(actors, cue, None, left, right) if a.role != "place"][:1]
    if source is not None and cue.code == "04":
        source, visited = _visitor(source, actors, cue, left, right)
        if visited is not None:
            return source, [visited]
    targets = _pick_targets(actors, cue, source, left, right) if source else []
    if targets or cue.code in _ONE_SIDED_CODES:
        return source, targets
    recent = talk.events_since(sent_no)
    if source is None and cue.code in _RELATION_CODES:
        pair = _state_pair(recent)
        return (pair[0], [pair[1]]) if pair else (None, [])
    partner = _partner(source, recent) if source and cue.code != _STATEMENT else None
    if partner is None and source is not None:
        others = sorted((a for a in actors if a.state != source.state and a.role != "place"),
                        key=lambda a: abs(a.start - cue.start))
        partner = others[0] if others else None
    if partner is None and source is not None and cue.code in _RELATION_CODES:
        partner = next((a for a in _inherit([source], talk.history)[1:]), None)
    return source, [partner] if partner else []


def extract_events(article: Article, dates: list[DateMention]) -> list[Event]:
    """Events of one article in text order.

    Args:
        article: the cleaned article; its language picks the cue lexicon (no events for other languages).
        dates: date mentions of the same text (transforms.dates), any order.
    Returns:
        One Event per (clause, cue) with at least one actor, duplicates of the same
        (clause, type, actors) dropped.
    """
    if article.language not in LANGS or not article.text:
        return []
    text = article.text
    tokens = tokenize(text)
    lexicon = load_cues(article.language)
    mentions = load_gazetteer().find(text, tokens, _all_titles())
    taken = [False] * len(tokens)
    for m in mentions:
        for t in range(m.first_token, m.last_token + 1):
            taken[t] = True
    cues = _find_cues(text, tokens, lexicon, taken)
    ctx = _Context(tokens, lexicon, _named_holders(mentions), _excluded_spans(text, tokens, lexicon),
                   _quoted_spans(text))
    talk = _Discourse([], deque())  # recent: (sentence number, doer, target) of the last events
    ordered_dates = sorted(dates, key=lambda d: d.char_start)
    date_starts = [d.char_start for d in ordered_dates]
    paras = paragraphs(text)
    para_starts = [p.start for p in paras]
    mention_starts = [m.start for m in mentions]
    cue_starts = [c.start for c in cues]
    events: list[Event] = []
    seen: set[tuple[int, str, str | None, str | None]] = set()
    for sent_no, sent in enumerate(event_sentences(text)):
        sent_cues = cues[bisect.bisect_left(cue_starts, sent.start):bisect.bisect_left(cue_starts, sent.end)]
        sent_mentions = mentions[bisect.bisect_left(mention_starts, sent.start):bisect.bisect_left(mention_starts, sent.end)]
        para_idx = bisect.bisect_right(para_starts, sent.start) - 1
        para = paras[para_idx] if para_idx >= 0 else None
        plain = _resolve_actors(sent_mentions, None, ctx)
        if sent_cues and not _is_citation(text, para):
            events.extend(_sentence_events(article, sent, sent_no, sent_cues, sent_mentions, para, mentions,
                                           mention_starts, ordered_dates, date_starts, ctx, talk, seen))
        talk.history.append(plain)
        talk.events_since(sent_no)  # drop events too old to matter, so the scans below stay short
        subject = next((d for k, d, _ in reversed(talk.recent) if k == sent_no and d is not None), None)
        subject = subject or _first_free(plain, sent.start, sent.end)
        if subject is not None:
            talk.subject, talk.subject_sentence = subject, sent_no
    return events


def _headline_subject(sent: Span, para: Span | None, mentions: Sequence[Mention], mention_starts: Sequence[int],
                      ctx: _Context) -> _Actor | None:
    """A headline's pronoun points forward: اجتماعه مع بينيت.. بوتين يتحدث (the rest of the line)."""
    if para is None or sent.end >= para.end or para.end - para.start > _HEADLINE_MAX:
        return None
    lo, hi = bisect.bisect_left(mention_starts, sent.end), bisect.bisect_left(mention_starts, para.end)
    return _first_free(_resolve_actors(mentions[lo:hi], None, ctx), sent.end, para.end)


def _sentence_events(article: Article, sent: Span, sent_no: int, sent_cues: Sequence[_Cue],
                     sent_mentions: Sequence[Mention], para: Span | None, mentions: Sequence[Mention],
                     mention_starts: Sequence[int], ordered_dates: Sequence[DateMention], date_starts: Sequence[int],
                     ctx: _Context, talk: _Discourse, seen: set) -> list[Event]:
    """The events of one sentence; a statement yields to any other event it reports."""
    text = article.text
    if any(c.code != _STATEMENT for c in sent_cues):
        sent_cues = [c for c in sent_cues if c.code != _STATEMENT]
    out = []
    done: set[str] = set()
    for k, cue in enumerate(sent_cues):
        when = _choose_date(ordered_dates, date_starts, sent, para.start if para else 0, cue.start)
        actors = _resolve_actors(sent_mentions, when.value if when else None, ctx)
        if cue.code == _STATEMENT:
            actors = [a for a in actors if not _inside(ctx.quoted, a.start)]
        left, right = _clause(text, sent_cues, k, sent)
        local = max(left, _local_start(text, sent, cue))
        subjects = _Subjects(_first_free(actors, sent.start, local),
                             talk.subject if sent_no - talk.subject_sentence <= 2 else None,
                             _headline_subject(sent, para, mentions, mention_starts, ctx))
        opening = _opening(ctx.tokens, local, cue, ctx.lexicon)
        source, how = _pick_source(actors, cue, left, right, local, opening, subjects, ctx)
        if how in ("carried", "fallback") and cue.code in done:
            continue  # وهي زيارة ...: a second mention of the sentence's event, not another one
        if source is not None:
            source = _specific(source, actors, cue, left, right)
        source, targets = _targets_for(cue, source, actors, left, right, sent_no, talk)
        if source is None and not targets or not targets and cue.code not in _ONE_SIDED_CODES:
            continue
        for target in targets or [None]:
            key = (sent.start, cue.code, source.code if source else None, target.code if target else None)
            done.add(cue.code)
            if key not in seen:
                seen.add(key)
                out.append(_make_event(article, sent, cue, source, target, when))
                talk.recent.append((sent_no, source, target))
    return out
