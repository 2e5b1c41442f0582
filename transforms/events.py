"""Who did what to whom, and when: CAMEO-coded events, one per (sentence, cue).

A cue phrase (``lexicons/events.<lang>.yaml``) gives the event type; actor mentions come from the
gazetteer (``transforms.gazetteer``). Inside the cue's clause the source (actor1) is the nearest actor
before the cue, or the first after it (Arabic puts the verb first: قطع الاتحاد السوفيتي العلاقات مع
إسرائيل); the target (actor2) is the next actor of another state. The date is the mention inside the
sentence nearest the cue, else the nearest earlier one in the same paragraph.

Everything is one pass over the tokens of the article plus per-sentence work bounded by the sentence,
so a megabyte of text costs seconds, not minutes.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from transforms.gazetteer import (
    GAP,
    LexiconError,
    Mention,
    PhraseIndex,
    Token,
    load_gazetteer,
    phrase_tokens,
    tokenize,
)
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
_LEXICON_DIR = Path(__file__).parent / "lexicons"
_KEYS = frozenset({"cues", "titles", "blockers", "target_markers", "target_clitics", "source_markers", "place_markers",
                   "place_clitics"})
_RELATION_CODES = frozenset({"05", "16"})  # "relations were restored/cut": the pair is the one under discussion
# A successor state is the same side as its predecessor when pairing actors: a Russian academy and the Soviet
# Union in one sentence are not the two parties of an event.
_SAME_SIDE = {"SUN": "RUS"}
# A speech verb frames the event it reports ("X said Y attacked Z" is Y attacking Z), as in PETRARCH: a
# statement is coded only when its sentence reports nothing else.
_STATEMENT = "01"
_ONE_SIDED_CODES = frozenset({"18", "19", "20"})  # violence is news even when only one side is named
_INHERIT_SENTENCES = 3  # how far back such a cue looks for its pair
_SAME_EVENT_GAP = 3  # tokens: أبدى استعداده, two cues of one type this close are one event
_CLAUSE_BREAKS = ",،;؛:—–"  # a comma between two cues separates their clauses
_MERGE_WINDOW = 6  # tokens between "الرئيس الروسي" and "فلاديمير بوتين": the title adjective joins the name
_WRAPPED_MIN_LINES = 5  # hard-wrapped (PDF) text: at least this many long lines ending mid-sentence ...
_WRAPPED_SHARE = 0.5  # ... and at least this share of the long lines
_LONG_LINE = 40  # characters; shorter lines are headings, list items, page numbers
_MAX_MERGED = 2000  # characters; a hard-wrapped sentence is never joined beyond this
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


def _parse_cues(data: object, path: Path) -> CueLexicon:
    """Validate the YAML structure; unknown keys and codes are errors, not silently ignored."""
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping with keys {sorted(_KEYS)}")
    unknown = set(data) - _KEYS
    if unknown:
        raise LexiconError(f"{path}: unknown key(s) {sorted(unknown)}; expected {sorted(_KEYS)}")
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
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise LexiconError(f"{path}: {key}: expected a list of words")
        return [fold_str(w) for w in value]

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
    )


@cache
def load_cues(lang: str) -> CueLexicon:
    """The cue lexicon of ``lang`` (ar, he, en), parsed once per process."""
    if lang not in LANGS:
        raise LexiconError(f"no event cues for language {lang!r}; expected one of {', '.join(LANGS)}")
    path = _LEXICON_DIR / f"events.{lang}.yaml"
    return _parse_cues(yaml.safe_load(path.read_text(encoding="utf-8")), path)


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
    role: str  # 'target' after مع/with/ل, 'source' after by/על ידי, 'place' after في/in/ב, '' otherwise


def _blocked(tokens: Sequence[Token], first: int, lexicon: CueLexicon) -> bool:
    """A cue named as a topic, not reported as happening: أسباب قطع العلاقات, תקופת ניתוק היחסים."""
    return any(r in lexicon.blockers for k in (first - 1, first - 2) if k >= 0 for r in tokens[k].readings[:2])


def _find_cues(text: str, tokens: Sequence[Token], lexicon: CueLexicon, taken: Sequence[bool]) -> list[_Cue]:
    """Longest cue phrase at each token, left to right; tokens inside an actor name are not cues."""
    out: list[_Cue] = []
    i = 0
    while i < len(tokens):
        match = None if taken[i] else lexicon.index.longest_at(text, tokens, i)
        if match is None:
            i += 1
            continue
        if _blocked(tokens, match.first, lexicon):
            i = match.last + 1
            continue
        start, end = tokens[match.first].start, tokens[match.last].end
        surface = text[start:end] if GAP not in match.phrase else " ... ".join(
            (text[tokens[match.first].start:tokens[match.first].end], text[tokens[match.last].start:end]))
        cue = _Cue(match.values[0], match.first, match.last, start, end, surface)
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


def _role_of(mention: Mention, tokens: Sequence[Token], lexicon: CueLexicon) -> str:
    """'target' after a with-word or with a ل/ל prefix, 'source' after a by-word, else ''."""
    first = tokens[mention.first_token]
    k = mention.first_token - 1
    if k > 0 and any(r in lexicon.titles for r in tokens[k].readings):
        k -= 1  # مع الرئيس X, עם הנשיא X: the title stands between the marker and the name
    if k >= 0:
        prev = tokens[k].folded
        if prev in lexicon.target_markers:
            return "target"
        if prev in lexicon.source_markers:
            return "source"
        if prev in lexicon.place_markers:
            return "place"
    variant_start = fold_str(mention.entries[0].variant)[:2]
    for clitics, role in ((lexicon.target_clitics, "target"), (lexicon.place_clitics, "place")):
        for clitic in clitics:
            if first.folded.startswith(clitic) and not variant_start.startswith(clitic[-1]):
                return role
    return ""


def _resolve_actors(mentions: Sequence[Mention], day: date | None, tokens: Sequence[Token],
                    lexicon: CueLexicon) -> list[_Actor]:
    """Codes at the event date; a state adjective or title right before a name of that state joins the name
    (and hands it its with-word: مع رئيس الوزراء الإسرائيلي بنيامين نتنياهو)."""
    actors = []
    for m in mentions:
        code = m.code_on(day)
        state = code.split(":", 1)[0]
        actors.append(_Actor(code, m.text, _SAME_SIDE.get(state, state), ":" in code, m.start, m.end, m.first_token,
                             m.last_token, _role_of(m, tokens, lexicon)))
    kept: list[_Actor] = []
    pending_role = ""
    for k, actor in enumerate(actors):
        if not actor.person_like and any(
            other.person_like and other.state == actor.state and 0 < other.first_token - actor.last_token <= _MERGE_WINDOW
            for other in actors[k + 1:k + 4]
        ):
            pending_role = pending_role or actor.role
            continue
        if pending_role and not actor.role:
            actor = replace(actor, role=pending_role)
        pending_role = ""
        if kept and kept[-1].code == actor.code and actor.first_token - kept[-1].last_token <= 2:
            continue
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


def _pick_source(actors: Sequence[_Actor], cue: _Cue, left: int, right: int) -> _Actor | None:
    """A by-marked actor; else the nearest unmarked actor before the cue in its clause, else the first
    unmarked one after it (verb-first Arabic), else the nearest unmarked one earlier in the sentence."""
    inside = [a for a in actors if left <= a.start and a.end <= right]
    marked = [a for a in inside if a.role == "source"]
    if marked:
        return marked[0]
    for allowed in ({""}, {"", "place"}):
        free = [a for a in inside if a.role in allowed]
        before = [a for a in free if a.end <= cue.start]
        after = [a for a in free if a.start >= cue.start]
        if before or after:
            return before[-1] if before else after[0]
        earlier = [a for a in actors if a.end <= cue.start and a.role in allowed]
        if earlier:
            return earlier[-1]
    return inside[0] if inside else None


def _pick_targets(actors: Sequence[_Actor], cue: _Cue, source: _Actor, left: int, right: int) -> list[_Actor]:
    """The next actor of another state in the clause (marked ones first), else the nearest such actor in
    the sentence; every further with-marked person after the cue adds a target (met X and with Y)."""
    inside = [a for a in actors if left <= a.start and a.end <= right and a.state != source.state]
    after = [a for a in inside if a.start >= cue.start]
    before = [a for a in inside if a.end <= cue.start][::-1]
    ordered = [a for a in after if a.role == "target"] + [a for a in after if a.role != "target"] + before
    if not ordered:
        ordered = sorted((a for a in actors if a.state != source.state), key=lambda a: abs(a.start - cue.start))
    if not ordered:
        return []
    first = ordered[0]
    extra = [a for a in after if a.role == "target" and a.person_like and a is not first and a.code != first.code]
    return [first] + extra


def _inherit(actors: list[_Actor], history: Sequence[list[_Actor]]) -> list[_Actor]:
    """Fill a relations cue that names fewer than two states with the pair of the preceding sentences."""
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


def _make_event(article: Article, sent: Span, cue: _Cue, source: _Actor, target: _Actor | None,
                when: DateMention | None) -> Event:
    event_type = f"{cue.code} {CAMEO_ROOTS[cue.code]}"
    actor2 = target.code if target else None
    return Event(
        event_id=stable_id(article.article_id, "event", sent.start, sent.end, event_type, source.code, actor2),
        article_id=article.article_id,
        event_date=when.value if when else None,
        date_precision=when.precision if when and when.value else None,
        date_text=when.text if when else None,
        actor1=source.code,
        actor1_text=source.text,
        actor2=actor2,
        actor2_text=target.text if target else None,
        event_type=event_type,
        cue=cue.text,
        sentence=article.text[sent.start:sent.end],
        char_start=sent.start,
        char_end=sent.end,
    )


def extract_events(article: Article, dates: list[DateMention]) -> list[Event]:
    """Events of one article in text order.

    Args:
        article: the cleaned article; its language picks the cue lexicon (no events for other languages).
        dates: date mentions of the same text (transforms.dates), any order.
    Returns:
        One Event per (sentence, cue) that has at least one actor, duplicates of the same
        (sentence, type, actors) dropped.
    """
    if article.language not in LANGS or not article.text:
        return []
    text = article.text
    tokens = tokenize(text)
    mentions = load_gazetteer().find(text, tokens, _all_titles())
    taken = [False] * len(tokens)
    for m in mentions:
        for t in range(m.first_token, m.last_token + 1):
            taken[t] = True
    cues = _find_cues(text, tokens, load_cues(article.language), taken)
    history: list[list[_Actor]] = []
    ordered_dates = sorted(dates, key=lambda d: d.char_start)
    date_starts = [d.char_start for d in ordered_dates]
    paras = paragraphs(text)
    para_starts = [p.start for p in paras]
    lexicon = load_cues(article.language)
    mention_starts = [m.start for m in mentions]
    cue_starts = [c.start for c in cues]
    events: list[Event] = []
    seen: set[tuple[int, str, str, str | None]] = set()
    for sent in event_sentences(text):
        sent_cues = cues[bisect.bisect_left(cue_starts, sent.start):bisect.bisect_left(cue_starts, sent.end)]
        sent_mentions = mentions[bisect.bisect_left(mention_starts, sent.start):bisect.bisect_left(mention_starts, sent.end)]
        para_idx = bisect.bisect_right(para_starts, sent.start) - 1
        para = paras[para_idx] if para_idx >= 0 else None
        if not sent_cues or _is_citation(text, para):
            history.append(_resolve_actors(sent_mentions, None, tokens, lexicon))
            continue
        if any(c.code != _STATEMENT for c in sent_cues):
            sent_cues = [c for c in sent_cues if c.code != _STATEMENT]
        for k, cue in enumerate(sent_cues):
            when = _choose_date(ordered_dates, date_starts, sent, para.start if para else 0, cue.start)
            actors = _resolve_actors(sent_mentions, when.value if when else None, tokens, lexicon)
            if cue.code in _RELATION_CODES:
                actors = _inherit(actors, history)
            left, right = _clause(text, sent_cues, k, sent)
            source = _pick_source(actors, cue, left, right)
            if source is None:
                continue
            targets = _pick_targets(actors, cue, source, left, right)
            if not targets and cue.code not in _ONE_SIDED_CODES:
                continue
            for target in targets or [None]:
                key = (sent.start, cue.code, source.code, target.code if target else None)
                if key not in seen:
                    seen.add(key)
                    events.append(_make_event(article, sent, cue, source, target, when))
        history.append(_resolve_actors(sent_mentions, None, tokens, lexicon))
    return events
