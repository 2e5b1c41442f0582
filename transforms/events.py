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
from collections.abc import Sequence
from dataclasses import dataclass
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
_KEYS = frozenset({"cues", "titles"})
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
    titles = frozenset(fold_str(t) for t in data.get("titles") or ())
    return CueLexicon(path.stem.split(".")[-1], PhraseIndex(items), titles)


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


def _find_cues(text: str, tokens: Sequence[Token], lexicon: CueLexicon, taken: Sequence[bool]) -> list[_Cue]:
    """Longest cue phrase at each token, left to right; tokens inside an actor name are not cues."""
    out: list[_Cue] = []
    i = 0
    while i < len(tokens):
        match = None if taken[i] else lexicon.index.longest_at(text, tokens, i)
        if match is None:
            i += 1
            continue
        start, end = tokens[match.first].start, tokens[match.last].end
        surface = text[start:end] if GAP not in match.phrase else " ... ".join(
            (text[tokens[match.first].start:tokens[match.first].end], text[tokens[match.last].start:end]))
        out.append(_Cue(match.values[0], match.first, match.last, start, end, surface))
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


def _resolve_actors(mentions: Sequence[Mention], day: date | None) -> list[_Actor]:
    """Codes at the event date; a state adjective right before a name of that state joins the name."""
    actors = [
        _Actor(m.code_on(day), m.text, m.code_on(day).split(":", 1)[0], ":" in m.code_on(day), m.start, m.end,
               m.first_token, m.last_token)
        for m in mentions
    ]
    kept: list[_Actor] = []
    for k, actor in enumerate(actors):
        if not actor.person_like and any(
            other.person_like and other.state == actor.state and 0 < other.first_token - actor.last_token <= _MERGE_WINDOW
            for other in actors[k + 1:k + 4]
        ):
            continue
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


def _pick_pair(actors: Sequence[_Actor], cue: _Cue, left: int, right: int) -> tuple[_Actor | None, _Actor | None]:
    """Source: nearest actor before the cue in its clause, else the first after; target: the next actor of
    another state in the clause, else the nearest such actor elsewhere in the sentence."""
    inside = [a for a in actors if left <= a.start and a.end <= right]
    before = [a for a in inside if a.end <= cue.start]
    after = [a for a in inside if a.start >= cue.start]
    source = before[-1] if before else after[0] if after else None
    if source is None:
        return None, None
    ordered = after + before[::-1]
    ordered += sorted((a for a in actors if a not in inside), key=lambda a: abs(a.start - cue.start))
    target = next((a for a in ordered if a.state != source.state), None)
    return source, target


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
    ordered_dates = sorted(dates, key=lambda d: d.char_start)
    date_starts = [d.char_start for d in ordered_dates]
    para_starts = [p.start for p in paragraphs(text)]
    mention_starts = [m.start for m in mentions]
    cue_starts = [c.start for c in cues]
    events: list[Event] = []
    seen: set[tuple[int, str, str, str | None]] = set()
    for sent in event_sentences(text):
        sent_cues = cues[bisect.bisect_left(cue_starts, sent.start):bisect.bisect_left(cue_starts, sent.end)]
        if not sent_cues:
            continue
        sent_mentions = mentions[bisect.bisect_left(mention_starts, sent.start):bisect.bisect_left(mention_starts, sent.end)]
        para_start = para_starts[max(0, bisect.bisect_right(para_starts, sent.start) - 1)] if para_starts else 0
        for k, cue in enumerate(sent_cues):
            when = _choose_date(ordered_dates, date_starts, sent, para_start, cue.start)
            actors = _resolve_actors(sent_mentions, when.value if when else None)
            source, target = _pick_pair(actors, cue, *_clause(text, sent_cues, k, sent))
            if source is None:
                continue
            key = (sent.start, cue.code, source.code, target.code if target else None)
            if key not in seen:
                seen.add(key)
                events.append(_make_event(article, sent, cue, source, target, when))
    return events
