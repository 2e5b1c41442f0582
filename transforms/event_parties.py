"""Who did it to whom: the doer (actor1) and target (actor2) of one cue among a sentence's actors.

The doer is a by-marked actor, else the nearest plain actor before the cue in its comma clause, else the
subject right after a clause-opening verb (Arabic verb-first: قطع الاتحاد السوفيتي العلاقات مع إسرائيل), else a
subject carried over from the main clause or the previous sentence when the clause opens with a
conjunction, pronoun or light verb (وطرح ..., הוא קיים פגישות). The target is the next actor of another state;
a two-sided cue missing one side takes it from the events just before (Israel ignored "the statement":
Putin's). ``Discourse`` is what earlier sentences leave for these choices.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from transforms.event_actors import Actor, ArticleContext, first_free
from transforms.event_cues import CLAUSE_BREAKS, ONE_SIDED_CODES, RELATION_CODES, STATEMENT, Cue, CueLexicon
from transforms.gazetteer import Token
from transforms.segment import Span

_INHERIT_SENTENCES = 3  # how far back a two-sided cue looks for its missing side
_GUESTS_REACH = 4  # tokens from a talks cue to 'between X and Y' (المحادثات غير المباشرة بين إيران ...)


def clause_range(text: str, cues: Sequence[Cue], k: int, sent: Span) -> tuple[int, int]:
    """Char range of cue ``k``'s clause: cut at the last clause break before it and the first after it,
    but only where another cue shares the sentence."""
    left, right = sent.start, sent.end
    if k > 0:
        prev_end = cues[k - 1].end
        cut = _last_break(text, prev_end, cues[k].start)
        left = cut + 1 if cut >= 0 else prev_end
    if k + 1 < len(cues):
        nxt = cues[k + 1].start
        cut = _first_break(text, cues[k].end, nxt)
        right = cut if cut >= 0 else nxt
    return left, right


def local_start(text: str, sent: Span, cue: Cue) -> int:
    """Start of the comma-delimited clause holding the cue (a subject before it must be inside it)."""
    cut = _last_break(text, sent.start, cue.start)
    return cut + 1 if cut >= 0 else sent.start


def _is_break(text: str, i: int) -> bool:
    """A clause break at ``i``; the comma of a digit group (2,000) is none."""
    if text[i] != ",":
        return True
    return not (0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit())


def _first_break(text: str, lo: int, hi: int) -> int:
    """Position of the first clause break in [lo, hi), or -1 (str.find per mark keeps long sentences fast)."""
    found = []
    for ch in CLAUSE_BREAKS:
        start = lo
        while (i := text.find(ch, start, hi)) >= 0 and not _is_break(text, i):
            start = i + 1
        if i >= 0:
            found.append(i)
    return min(found, default=-1)


def _last_break(text: str, lo: int, hi: int) -> int:
    """Position of the last clause break in [lo, hi), or -1."""
    best = -1
    for ch in CLAUSE_BREAKS:
        end = hi
        while (i := text.rfind(ch, lo, end)) >= 0 and not _is_break(text, i):
            end = i
        best = max(best, i)
    return best


def opening_of(tokens: Sequence[Token], local: int, cue: Cue, lexicon: CueLexicon) -> str:
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
class Subjects:
    """Subjects a clause without its own may take: the sentence's main one, the previous sentence's one, and
    a headline's (named later on the same line)."""

    main: Actor | None
    previous: Actor | None
    headline: Actor | None


def choose_source(actors: Sequence[Actor], cue: Cue, left: int, right: int, local: int, opening: str,
                  subjects: Subjects, ctx: ArticleContext) -> tuple[Actor | None, str]:
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
        vso = _subject_after_verb(after, cue, ctx)
        if vso is not None:
            return vso, "vso"
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


def _subject_after_verb(after: Sequence[Actor], cue: Cue, ctx: ArticleContext) -> Actor | None:
    """Verb-first clause: the first plain actor right after the cue, past any title words before it."""
    nxt = cue.last + 1
    while nxt < len(ctx.tokens) and any(r in ctx.lexicon.titles for r in ctx.tokens[nxt].readings):
        nxt += 1
    return next((a for a in after if a.lead_token <= nxt + 1), None)


def most_specific(source: Actor, actors: Sequence[Actor], cue: Cue, left: int, right: int) -> Actor:
    """The most specific doer: a person of the source's state named before the cue in its clause stands for
    the state (רונן קראוס ... משרד החוץ של ישראל ... מונה: Krauss, not Israel)."""
    if source.person_like:
        return source
    people = [a for a in actors if left <= a.start and a.end <= cue.start and a.person_like
              and a.state == source.state and a.role in ("", "source")]
    return people[0] if people else source


@dataclass
class Discourse:
    """What earlier sentences leave to the next ones: their subjects, events and actors."""

    history: list[list[Actor]]
    recent: deque[tuple[int, Actor | None, Actor | None]]
    subject: Actor | None = None  # the last sentence's doer or subject
    subject_sentence: int = -10
    codes: set[str] = field(default_factory=set)  # event types reported so far in the article
    last_of: dict[str, tuple[int, Actor | None]] = field(default_factory=dict)  # code -> (sentence, target) latest

    def parallel_target(self, code: str, n: int, state: str) -> Actor | None:
        """The target of an earlier event of the same type in the same sentence, if of another state: 'Turkey
        halts trade with Israel; Colombia cuts ties' (with Israel too)."""
        sentence, target = self.last_of.get(code, (-10, None))
        return target if target is not None and sentence == n and target.state != state else None

    def events_since(self, n: int) -> list[tuple[Actor | None, Actor | None]]:
        """Events of the last few sentences; older ones are dropped so the look-up stays bounded."""
        while self.recent and self.recent[0][0] < n - _INHERIT_SENTENCES:
            self.recent.popleft()
        return [(d, t) for _, d, t in self.recent]

    def end_sentence(self, n: int, sent: Span, actors: list[Actor]) -> None:
        """Leave sentence ``n``'s actors and subject (its first doer, else its first plain actor) to the next."""
        self.history.append(actors)
        self.events_since(n)  # drop events too old to matter, so the scans stay short
        subject = next((d for k, d, _ in reversed(self.recent) if k == n and d is not None), None)
        subject = subject or first_free(actors, sent.start, sent.end)
        if subject is not None:
            self.subject, self.subject_sentence = subject, n


def choose_targets(cue: Cue, source: Actor | None, actors: Sequence[Actor], left: int, right: int,
                   sent_no: int, talk: Discourse) -> tuple[Actor | None, list[Actor]]:
    """Targets of one cue; a two-sided cue with a missing side takes it from the events just before
    (relations restored: the pair; Israel ignored the statement: its speaker), then from earlier sentences."""
    if cue.agentless:
        return None, [a for a in _pick_targets(actors, cue, None, left, right) if a.role != "place"][:1]
    if cue.host:
        return source, []  # hosted talks between X and Y: the guests are a pair, not the host's target
    if cue.code == "04" and (guests := _guests(actors, cue, left, right)) is not None:
        return guests[0], [guests[1]]  # محادثات بين روسيا وأوكرانيا: the talks are the pair's, whoever hosts them
    if source is not None and cue.code == "04":
        source, visited = _visitor(source, actors, cue, left, right)
        if visited is not None:
            return source, [visited]
    targets = _pick_targets(actors, cue, source, left, right) if source else []
    if targets or cue.code in ONE_SIDED_CODES:
        return source, targets
    if source is not None and (parallel := talk.parallel_target(cue.code, sent_no, source.state)) is not None:
        return source, [parallel]
    recent = talk.events_since(sent_no)
    if source is None and cue.code in RELATION_CODES:
        pair = _state_pair(recent)
        return (pair[0], [pair[1]]) if pair else (None, [])
    partner = _partner(source, recent) if source and cue.code != STATEMENT else None
    if partner is None and source is not None:
        others = sorted((a for a in actors if a.state != source.state and a.role != "place"),
                        key=lambda a: abs(a.start - cue.start))
        partner = others[0] if others else None
    if partner is None and source is not None and cue.code in RELATION_CODES:
        partner = next((a for a in _inherit([source], talk.history)[1:]), None)
    return source, [partner] if partner else []


def _guests(actors: Sequence[Actor], cue: Cue, left: int, right: int) -> tuple[Actor, Actor] | None:
    """The two parties of 'talks between X and Y' right after the cue, if of different states (a pair further on
    belongs to another noun: زيارة ديرمر جزء من اتصالات بين موسكو وتل أبيب)."""
    pair = [a for a in actors if left <= a.start and a.end <= right and a.start > cue.start and a.role == "pair"]
    if len(pair) < 2 or pair[0].state == pair[1].state or pair[0].lead_token - cue.last > _GUESTS_REACH:
        return None
    return pair[0], pair[1]


def _visitor(source: Actor, actors: Sequence[Actor], cue: Cue, left: int, right: int) -> tuple[Actor, Actor | None]:
    """A visit is made by a person and received by a state: 'Moscow saw a visit by Israel's minister
    Dermer' is Dermer visiting Russia, not Russia visiting Israel."""
    if source.person_like:
        return source, None
    people = [a for a in actors if left <= a.start and a.end <= right and a.start > cue.start and a.person_like
              and a.state != source.state]
    return (people[0], source) if people else (source, None)


def _pick_targets(actors: Sequence[Actor], cue: Cue, source: Actor | None, left: int, right: int) -> list[Actor]:
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


def _partner(source: Actor | None, recent: Sequence[tuple[Actor | None, Actor | None]]) -> Actor | None:
    """The other side in context: the doer of the latest event if of another state (Israel ignored 'the
    statement': Putin's), else the state of that event's target (Putin expressed interest: in Israel)."""
    state = source.state if source else None
    for doer, target in reversed(recent):
        if doer is not None and doer.state != state:
            return doer
        if target is not None and target.state != state:
            return replace(target, code=target.state, person_like=False) if target.person_like else target
    return None


_DUAL_REACH = 4  # tokens from a verb to 'the two countries' as its subject (وقّع وزيرا خارجية البلدين)
_DUAL_OBJECT_REACH = 12  # tokens from a verb to 'the two sides' as its object, past a VSO subject with titles
_DUAL_WORDS = 3  # the longest dual phrase (the two leaders, שני הצדדים)
_DUAL_BEFORE = 2  # tokens a subject 'the two countries' may stand before its verb (הצדדים הסכימו, the two sides agreed)


def dual_role(text: str, tokens: Sequence[Token], lexicon: CueLexicon, cue: Cue, local: int, right: int,
              actors: Sequence[Actor]) -> str:
    """'subject' ('leaders') when 'the two countries/sides' ('the two leaders') is the cue's subject (right before the
    cue, or right after a clause-opening verb), 'object' when it comes right after the cue and its subject (دعا
    غوتيريش الطرفين), else ''. After between/of (العلاقات بين البلدين) it is neither."""
    for k in range(cue.first - 1, max(-1, cue.first - 1 - _DUAL_BEFORE - _DUAL_WORDS), -1):
        if tokens[k].start < local or any(a.last_token >= k and a.end <= cue.start for a in actors if a.start >= local):
            break
        m = lexicon.duals.longest_at(text, tokens, k)
        if m is not None and m.last < cue.first and cue.first - m.last <= _DUAL_BEFORE:
            return "" if _after_marker(tokens, k, lexicon) else "leaders" if m.values[0] else "subject"
    before = any(local <= a.start and a.end <= cue.start and a.role == "" for a in actors)
    for k in range(cue.first + 1, min(len(tokens), cue.last + 1 + _DUAL_OBJECT_REACH)):  # also inside وقّع ... اتفاقية
        if tokens[k].start >= right:
            break
        m = lexicon.duals.longest_at(text, tokens, k)
        if m is None or _after_marker(tokens, k, lexicon):
            continue
        subject = next((a for a in actors if a.first_token > cue.last and a.last_token == k - 1 and a.role == ""), None)
        if subject is not None or (before and k == cue.last + 1):
            return "object"
        if not before and k - cue.first <= _DUAL_REACH:
            return "leaders" if m.values[0] else "subject"
    return ""


def _after_marker(tokens: Sequence[Token], k: int, lexicon: CueLexicon) -> bool:
    """'between the two countries', 'of both sides': the pair discussed, not a subject or an object."""
    return k > 0 and any(r in lexicon.pair_markers or r in lexicon.genitive_markers for r in tokens[k - 1].readings)


def recent_pair(talk: Discourse, sent_no: int, people: bool) -> tuple[Actor, Actor] | None:
    """The doer and target of the latest two-sided event, as states unless ``people`` (الرئيسان: the two leaders)."""
    recent = talk.events_since(sent_no)
    if people:
        for doer, target in reversed(recent):
            if doer is not None and target is not None and doer.person_like and target.person_like:
                return doer, target
    return _state_pair(recent)


def _state_pair(recent: Sequence[tuple[Actor | None, Actor | None]]) -> tuple[Actor, Actor] | None:
    """The two states of the latest two-sided event: 'relations were restored' are theirs."""
    for doer, target in reversed(recent):
        if doer is not None and target is not None:
            return (replace(doer, code=doer.state, person_like=False), replace(target, code=target.state,
                                                                                person_like=False))
    return None


def _inherit(actors: list[Actor], history: Sequence[list[Actor]]) -> list[Actor]:
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


RECIPROCAL = frozenset({"03", "04", "05", "06", "08"})  # acts two parties do together: sign, agree, meet, trade
_AND = frozenset({"and", "&"})


def coordinated_partner(text: str, tokens: Sequence[Token], actors: Sequence[Actor], source: Actor, cue: Cue,
                        local: int) -> Actor | None:
    """The actor of another state coordinated with the doer just before it ('Armenia and Azerbaijan signed', 'The
    leaders of X and Y agreed', مصر والأردن): for a reciprocal act the other party, for any other a second doer."""
    if source.end > cue.start:
        return None
    earlier = [a for a in actors if local <= a.start and a.end <= source.start and a.role in ("", "genitive", "pair")]
    if not earlier or earlier[-1].state == source.state:
        return None
    partner = earlier[-1]
    between = text[partner.end:tokens[source.lead_token].start].split()
    lead = tokens[source.lead_token]
    joined = (len(between) == 1 and between[0].lower() in _AND) or (
        not between and len(lead.readings) > 1 and lead.folded[:1] in "وו")
    return partner if joined else None


def subject_chain(text: str, tokens: Sequence[Token], actors: Sequence[Actor], source: Actor, left: int,
                  right: int) -> list[Actor]:
    """The doer and the plain actors of other states listed with it ('Saudi Arabia, the UAE and Egypt cut',
    وقطعت السعودية والإمارات ومصر): each member of the list did the act (dev3 convention: one line per state)."""
    plain = [a for a in actors if left <= a.start and a.end <= right and a.role in ("", "genitive")]
    if source not in plain:
        return [source]
    k = plain.index(source)
    lo = hi = k
    while lo > 0 and _listed(text, tokens, plain[lo - 1], plain[lo]):
        lo -= 1
    while hi + 1 < len(plain) and _listed(text, tokens, plain[hi], plain[hi + 1]):
        hi += 1
    chain: list[Actor] = []
    for a in plain[lo:hi + 1]:
        if all(a.state != c.state for c in chain):
            chain.append(a)
    return chain


def _listed(text: str, tokens: Sequence[Token], first: Actor, second: Actor) -> bool:
    """True when ``second`` follows ``first`` as the next item of a list: a comma, 'and', ', and' or a و/ו
    prefix on its first word (English items may open with 'the'), and nothing else between them."""
    lead = tokens[second.lead_token]
    between = text[first.end:lead.start].replace(",", " , ").replace("،", " , ").split()
    if between and between[-1].lower() == "the":
        between = between[:-1]  # 'Saudi Arabia, the UAE': the article belongs to the next item
        if not between:
            return False  # 'X the Y' is no list
    if between in (["and"], [",", "and"], ["&"]):
        return True
    if between == [","]:
        return True
    return not between and len(lead.readings) > 1 and lead.folded[:1] in "وו"
