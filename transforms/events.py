"""Who did what to whom, and when: CAMEO-coded events, one per (sentence, cue type and actors).

``extract_events`` reads an article in one pass:

1. cue phrases (``transforms.event_cues``) give the event type, actor mentions come from the gazetteer
   (``transforms.gazetteer``), and a cue word inside an actor name is no cue;
2. per sentence (a hard-wrapped PDF sentence is joined across its line breaks), each cue's mentions become
   actors with roles (``transforms.event_actors``), and the doer and target are chosen by the clause-subject
   rules, with what earlier sentences left behind (``transforms.event_parties``): "the two countries" as a
   subject is the pair just named, as an object nobody; a definite event noun (the strikes, התקיפה) whose type
   was already reported refers back and is no new event; a statement naming no other party keeps its speaker only;
3. the date is the mention inside the sentence nearest the cue, else the nearest earlier one in the same
   paragraph; a state named by its successor's name before the succession is coded as the predecessor.

Everything is one pass over the tokens of the article plus per-sentence work bounded by the sentence,
so a megabyte of text costs seconds, not minutes.
"""
from __future__ import annotations

import bisect
import re
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from transforms.event_actors import Actor, ArticleContext, article_context, first_free, inside, resolve_actors
from transforms.event_cues import (
    CAMEO_ROOTS,
    LANGS,
    ONE_SIDED_CODES,
    SENTENCE_END,
    STATEMENT,
    Cue,
    all_titles,
    complements,
    find_cues,
    load_cues,
)
from transforms.event_parties import (
    RECIPROCAL,
    Discourse,
    Subjects,
    choose_source,
    choose_targets,
    clause_range,
    coordinated_partner,
    subject_chain,
    dual_role,
    local_start,
    most_specific,
    opening_of,
    recent_pair,
)
from transforms.gazetteer import Mention, Token, load_gazetteer, script_of, tokenize
from transforms.records import Article, DateMention, Event, stable_id
from transforms.segment import Span, paragraphs, sentences

# A state named by its successor's name before the succession is the predecessor: relations "between
# Russia and Israel" restored in October 1991 were the Soviet Union's.
_PREDECESSOR = {"RUS": ("SUN", date(1991, 12, 26))}
_WRAPPED_MIN_LINES = 5  # hard-wrapped (PDF) text: at least this many long lines ending mid-sentence ...
_WRAPPED_SHARE = 0.5  # ... and at least this share of the long lines
_LONG_LINE = 40  # characters; shorter lines are headings, list items, page numbers
_MAX_MERGED = 2000  # characters; a hard-wrapped sentence is never joined beyond this
_HEADLINE_MAX = 150  # characters; a longer paragraph is body text, where a pronoun points back, not forward
_SUBJECT_REACH = 2  # sentences: a clause without a subject may take the one named this far back, no further


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
    mentions = load_gazetteer().find(text, tokens, all_titles())
    cues = find_cues(text, tokens, lexicon, _name_tokens(mentions, len(tokens)))
    index = _ArticleIndex.build(text, cues, mentions, dates)
    ctx = article_context(text, tokens, lexicon, mentions)
    talk = Discourse([], deque())
    events: list[Event] = []
    seen: set[tuple[int, str, str | None, str | None]] = set()
    for number, span in enumerate(event_sentences(text)):
        sent = _Sentence(number, span, index.paragraph_of(span.start), index.cues_in(span.start, span.end),
                         index.mentions_in(span.start, span.end))
        if sent.cues and not _is_citation(text, sent.para):
            events.extend(_sentence_events(article, sent, index, ctx, talk, seen))
        talk.end_sentence(number, span, resolve_actors(sent.mentions, None, ctx))
    return events


def _name_tokens(mentions: Sequence[Mention], n_tokens: int) -> list[bool]:
    """Which tokens lie inside an actor name: a cue word there is part of the name (وزارة الخارجية)."""
    taken = [False] * n_tokens
    for m in mentions:
        for t in range(m.first_token, m.last_token + 1):
            taken[t] = True
    return taken


@dataclass(frozen=True)
class _ArticleIndex:
    """The article's cues, mentions, dates and paragraphs, sorted by start for bisect look-ups per sentence."""

    cues: Sequence[Cue]
    cue_starts: Sequence[int]
    mentions: Sequence[Mention]
    mention_starts: Sequence[int]
    dates: Sequence[DateMention]
    date_starts: Sequence[int]
    paras: Sequence[Span]
    para_starts: Sequence[int]

    @classmethod
    def build(cls, text: str, cues: Sequence[Cue], mentions: Sequence[Mention],
              dates: Sequence[DateMention]) -> _ArticleIndex:
        """Index cues and mentions (already in text order), dates (any order) and the paragraphs of ``text``."""
        ordered_dates = sorted(dates, key=lambda d: d.char_start)
        paras = paragraphs(text)
        return cls(cues, [c.start for c in cues], mentions, [m.start for m in mentions],
                   ordered_dates, [d.char_start for d in ordered_dates], paras, [p.start for p in paras])

    def cues_in(self, start: int, end: int) -> Sequence[Cue]:
        """Cues starting in [start, end)."""
        return self.cues[bisect.bisect_left(self.cue_starts, start):bisect.bisect_left(self.cue_starts, end)]

    def mentions_in(self, start: int, end: int) -> Sequence[Mention]:
        """Actor mentions starting in [start, end)."""
        lo, hi = bisect.bisect_left(self.mention_starts, start), bisect.bisect_left(self.mention_starts, end)
        return self.mentions[lo:hi]

    def paragraph_of(self, pos: int) -> Span | None:
        """The paragraph starting at or before ``pos`` (None before the first one)."""
        k = bisect.bisect_right(self.para_starts, pos) - 1
        return self.paras[k] if k >= 0 else None

    def date_for(self, sent: Span, para: Span | None, anchor: int) -> DateMention | None:
        """The date of an event whose cue starts at ``anchor`` (see _choose_date)."""
        return _choose_date(self.dates, self.date_starts, sent, para.start if para else 0, anchor)


@dataclass(frozen=True, slots=True)
class _Sentence:
    """One sentence with its position, paragraph, cues and actor mentions."""

    number: int
    span: Span
    para: Span | None
    cues: Sequence[Cue]
    mentions: Sequence[Mention]


def _sentence_events(article: Article, sent: _Sentence, index: _ArticleIndex, ctx: ArticleContext,
                     talk: Discourse, seen: set[tuple[int, str, str | None, str | None]]) -> list[Event]:
    """The events of one sentence; a statement yields to any other event it reports."""
    text = article.text
    cues = sent.cues
    if any(c.code != STATEMENT for c in cues):
        cues = [c for c in cues if c.code != STATEMENT]
    out: list[Event] = []
    done: set[str] = set()
    governed = complements(text, ctx.tokens, cues, ctx.lexicon)
    emitted: set[int] = {-1}
    for k, cue in enumerate(cues):
        if governed.get(k) in emitted:
            continue  # banned imports of ...: the object of the cue before it, not an event of its own
        if cue.code in talk.codes and _definite(ctx.tokens, cue):
            continue  # גינתה את התקיפה, the sanctions come ...: the event reported earlier, not a new one
        when = index.date_for(sent.span, sent.para, cue.start)
        actors = _cue_actors(sent, cue, when, ctx)
        left, right = clause_range(text, cues, k, sent.span)
        local = max(left, local_start(text, sent.span, cue))
        subjects = _subjects(sent, actors, local, index, ctx, talk)
        opening = opening_of(ctx.tokens, local, cue, ctx.lexicon)
        source, how = choose_source(actors, cue, left, right, local, opening, subjects, ctx)
        if how in ("carried", "fallback") and cue.code in done:
            continue  # وهي زيارة ...: a second mention of the sentence's event, not another one
        if source is not None:
            source = most_specific(source, actors, cue, left, right)
        source, targets = choose_targets(cue, source, actors, left, right, sent.number, talk)
        listed = _listed_doers(text, ctx, cue, actors, source, targets, left, right)
        partner = coordinated_partner(text, ctx.tokens, actors, source, cue, local) if source and not listed else None
        if partner is not None and cue.code in RECIPROCAL:
            targets, partner = [partner], None  # Armenia and Azerbaijan signed a declaration: with each other
        dual = dual_role(text, ctx.tokens, ctx.lexicon, cue, local, right, actors)
        if dual in ("subject", "leaders") and (pair := recent_pair(talk, sent.number, dual == "leaders")):
            source, targets = pair[0], [pair[1]]  # وقّع الرئيسان, the two countries agreed: the pair just named
        elif dual == "object" and source is not None:
            targets = []  # دعا الطرفين, urged both sides: several parties at once, no one target
        if source is None and not targets or not targets and not _one_sided(cue, dual, source, actors):
            continue
        if _quoted_by(ctx, cue, source, sent.span):
            continue  # "Thirty-five years they fought," Trump said: the speaker did not fight
        done.add(cue.code)
        emitted.add(k)
        if not dual and listed:
            for doer, others in listed:
                out.extend(_new_events(article, sent, cue, doer, others, when, talk, seen))
            continue  # وقطعت السعودية والإمارات ومصر علاقاتها مع قطر: one event per listed state
        if partner is not None and (shared := [t for t in targets if t.state != partner.state]):
            out.extend(_new_events(article, sent, cue, partner, shared, when, talk, seen))  # Egypt and Jordan condemned
        out.extend(_new_events(article, sent, cue, source, targets, when, talk, seen))
    return out


def _listed_doers(text: str, ctx: ArticleContext, cue: Cue, actors: Sequence[Actor], source: Actor | None,
                  targets: Sequence[Actor], left: int, right: int) -> list[tuple[Actor, list[Actor]]]:
    """Each state of a listed subject with the targets outside the list, or [] when the subject is one state
    or the list holds every target (Armenia and Azerbaijan signed: with each other)."""
    if source is None:
        return []
    chain = subject_chain(text, ctx.tokens, actors, source, left, right)
    if len(chain) < 2:
        return []
    states = {c.state for c in chain}
    outside = [t for t in targets if t.state not in states]
    if not outside:  # وقّعت X وY وZ مذكرة تفاهم مع W: the with-marked party past the clause's next cue
        outside = [a for a in actors if a.start > chain[-1].end and a.role == "target" and a.state not in states][:1]
    if not outside:
        return []
    if cue.code in RECIPROCAL and len(chain) == 2 and all(t.role != "target" for t in outside):
        return []  # Armenia and Azerbaijan signed (with each other) at the White House: a pair, not two signers
    return [(doer, outside) for doer in chain]


def _quoted_by(ctx: ArticleContext, cue: Cue, source: Actor | None, sent: Span) -> bool:
    """A cue inside a quotation whose doer is found outside it: the speaker reports someone else's act, which the
    rules cannot name, unless the quotation speaks in the first person (we agreed, אנחנו נגיב)."""
    if source is None or cue.code == STATEMENT or not inside(ctx.quoted, cue.start) or inside(ctx.quoted, source.start):
        return False
    k = cue.first - 1
    while k >= 0 and ctx.tokens[k].start >= sent.start and inside(ctx.quoted, ctx.tokens[k].start):
        if any(r in ctx.lexicon.first_person for r in ctx.tokens[k].readings[:2]):
            return False
        k -= 1
    return True


def _one_sided(cue: Cue, dual: str, source: Actor | None, actors: Sequence[Actor]) -> bool:
    """An event worth keeping with its doer only: violence, hosting talks between others, an appeal to both sides,
    a statement naming no other party (ميقاتي أكد أن لبنان ...)."""
    if cue.code in ONE_SIDED_CODES or cue.host or dual == "object":
        return True
    return (cue.code == STATEMENT and source is not None and source.role != "place"
            and all(a.state == source.state for a in actors))


# A definite event noun (התקיפה, الغارات, the sanctions) names an event the article has already reported. Only a
# word whose article is not part of the listed form counts: הישיבה (listed ישיבה), not העביר or التقى (verbs).
_DEFINITE_WORDS = frozenset({"the", "this", "these"})
_CONJUNCTIONS = ("ו", "ש", "ב", "ל", "מ", "כ", "و", "ف", "ب", "ل")
_ARTICLES = {"he": "ה", "ar": "ال"}


def _definite(tokens: Sequence[Token], cue: Cue) -> bool:
    """True for a one-word noun cue with the definite article: ה/ال on the word, the/this before it."""
    if cue.first != cue.last:
        return False
    tok = tokens[cue.first]
    lang = script_of(tok.folded)
    if lang == "en":
        return cue.first > 0 and tokens[cue.first - 1].folded in _DEFINITE_WORDS
    article = _ARTICLES.get(lang)
    if not article or cue.head.startswith(article) or not tok.folded.endswith(cue.head):
        return False
    prefix = tok.folded[: len(tok.folded) - len(cue.head)]
    return prefix.endswith(article) and all(ch in "".join(_CONJUNCTIONS) for ch in prefix[: -len(article)])


def _cue_actors(sent: _Sentence, cue: Cue, when: DateMention | None, ctx: ArticleContext) -> list[Actor]:
    """The sentence's actors as of the event date; a statement's speaker is never inside the quotation."""
    actors = resolve_actors(sent.mentions, when.value if when else None, ctx)
    if cue.code == STATEMENT:
        actors = [a for a in actors if not inside(ctx.quoted, a.start)]
    return actors


def _subjects(sent: _Sentence, actors: Sequence[Actor], local: int, index: _ArticleIndex, ctx: ArticleContext,
              talk: Discourse) -> Subjects:
    """The subjects a clause may borrow: the sentence's first, the previous sentences', the headline's."""
    recent = talk.subject if sent.number - talk.subject_sentence <= _SUBJECT_REACH else None
    return Subjects(first_free(actors, sent.span.start, local), recent, _headline_subject(sent, index, ctx))


def _headline_subject(sent: _Sentence, index: _ArticleIndex, ctx: ArticleContext) -> Actor | None:
    """A headline's pronoun points forward: اجتماعه مع بينيت.. بوتين يتحدث (the rest of the line)."""
    span, para = sent.span, sent.para
    if para is None or span.end >= para.end or para.end - para.start > _HEADLINE_MAX:
        return None
    return first_free(resolve_actors(index.mentions_in(span.end, para.end), None, ctx), span.end, para.end)


def _new_events(article: Article, sent: _Sentence, cue: Cue, source: Actor | None, targets: Sequence[Actor],
                when: DateMention | None, talk: Discourse,
                seen: set[tuple[int, str, str | None, str | None]]) -> list[Event]:
    """One event per target (or one without), unless the sentence already has it; each is kept as context."""
    out = []
    for target in targets or [None]:
        key = (sent.span.start, cue.code, source.code if source else None, target.code if target else None)
        if key not in seen:
            seen.add(key)
            out.append(_make_event(article, sent.span, cue, source, target, when))
            talk.recent.append((sent.number, source, target))
            talk.codes.add(cue.code)
            talk.last_of[cue.code] = (sent.number, target)
    return out


def _make_event(article: Article, sent: Span, cue: Cue, source: Actor | None, target: Actor | None,
                when: DateMention | None) -> Event:
    """The stored record; codes are taken as of the event date, the span is the whole sentence."""
    event_type = f"{cue.code} {CAMEO_ROOTS[cue.code]}"
    day = when.value if when else None
    actor1 = _at_date(source.code, day) if source else None
    actor2 = _at_date(target.code, day) if target else None
    return Event(
        event_id=stable_id(article.article_id, "event", sent.start, sent.end, event_type, actor1, actor2),
        article_id=article.article_id,
        event_date=day,
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


def _at_date(code: str, day: date | None) -> str:
    """A state code as of ``day`` (see _PREDECESSOR); people and organisations keep theirs."""
    earlier = _PREDECESSOR.get(code)
    return earlier[0] if earlier and day is not None and day < earlier[1] else code


_CITATION = re.compile(r"^\s*(?:[-•^*]|\[\d+\])\s*\S.*\b(?:1[89]|20)\d\d\b")


def _is_citation(text: str, para: Span | None) -> bool:
    """A bibliography line (- AUTHOR (2010). "Title". Publisher.): its events are not the article's."""
    return para is not None and bool(_CITATION.match(text[para.start:para.end]))


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
            text[prev.end - 1] not in SENTENCE_END
            and not gap.strip()
            and gap.count("\n") <= 2
            and span.end - prev.start <= _MAX_MERGED
        )
        out[-1:] = [Span(prev.start, span.end)] if joinable else [prev, span]
    return out


def _is_hard_wrapped(text: str) -> bool:
    """PDF-extracted text: most long lines stop mid-sentence."""
    long_lines = [ln.rstrip() for ln in text.split("\n") if len(ln.strip()) >= _LONG_LINE]
    open_ended = sum(1 for ln in long_lines if ln and ln[-1] not in SENTENCE_END)
    return open_ended >= _WRAPPED_MIN_LINES and open_ended >= _WRAPPED_SHARE * len(long_lines)


def _choose_date(dates: Sequence[DateMention], starts: Sequence[int], sent: Span, para_start: int,
                 anchor: int) -> DateMention | None:
    """A resolved date in the sentence nearest ``anchor``, else the last resolved one earlier in the paragraph,
    else an unresolved one in the sentence (its text is still worth keeping)."""
    lo = bisect.bisect_left(starts, sent.start)
    hi = bisect.bisect_left(starts, sent.end)
    in_sentence = [d for d in dates[lo:hi] if d.char_end <= sent.end]
    resolved = [d for d in in_sentence if d.value is not None]
    if resolved:
        return min(resolved, key=lambda d: abs(d.char_start - anchor))
    for d in reversed(dates[bisect.bisect_left(starts, para_start):lo]):
        if d.value is not None and d.char_end <= sent.start:
            return d
    return in_sentence[0] if in_sentence else None
