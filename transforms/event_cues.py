"""Event cue phrases: load ``lexicons/events.<lang>.yaml`` and find the cues of an article.

A cue phrase gives an event its CAMEO root code (قطع العلاقات: 16 reduce relations). The same file holds
the words the actor rules consult (titles, with/by/in markers, continuers ...); ``CueLexicon`` documents
each key. Cues are matched with the gazetteer's ``PhraseIndex``, so matching is linear in the text.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from transforms.gazetteer import GAP, PhraseIndex, Token, phrase_tokens
from transforms.lexicon_files import LexiconError, lexicon_path, read_yaml_mapping, string_list
from transforms.normalize import fold_str

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
                   "continuers", "passive_markers", "purpose_clitics", "dual_words",
                   "dual_leaders", "negators", "negator_exceptions", "hosts", "clause_openers", "first_person"})
# A speech verb frames the event it reports ("X said Y attacked Z" is Y attacking Z), as in PETRARCH: a
# statement is coded only when its sentence reports nothing else.
STATEMENT = "01"
RELATION_CODES = frozenset({"05", "16"})  # "relations were restored/cut": the pair is the one under discussion
ONE_SIDED_CODES = frozenset({"18", "19", "20"})  # violence is news even when only one side is named
_SAME_EVENT_GAP = 3  # tokens: أبدى استعداده, two cues of one type this close are one event
_COMPLEMENT_REACH = 5  # tokens: a cue this close after another in its clause is its object (banned imports of ...)
# A pledge whose object is aid is coded by the object, as the dev sets do (pledged $50 million in relief: 07), so
# the governing cue yields instead; backing a ceasefire stays 03 (Kyiv backs a 30-day ceasefire).
_SPECIFIC_OBJECTS = frozenset({("03", "07")})
# tokens: a negator this close negates the cue: English auxiliaries come between (did not yet visit), Arabic at
# most one (لم يعد يزور); in Hebrew anything between is its own verb (לא להצטרף לסנקציות: the joining is negated).
_NEGATION_REACH = {"en": 3, "ar": 2, "he": 1}
CLAUSE_BREAKS = ",،;؛:—–"  # a comma between two cues separates their clauses
SENTENCE_END = ".!?؟…:\"'”»״)"


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
    duals: PhraseIndex[bool]  # the two countries/sides (False), leaders (True): as subject the pair just named
    negators: frozenset[str] = frozenset()  # لم, לא, not: a cue they negate reports no event
    negator_exceptions: frozenset[str] = frozenset()  # not only, ليس فقط, לא רק: the negator does not negate
    hosts: frozenset[str] = frozenset()  # hosted, استضاف, תיווך: the host of talks between others, who has no target
    clause_openers: frozenset[str] = frozenset()  # and, after, which, بعد, אחרי: what follows is a clause of its own
    opener_clitics: tuple[str, ...] = ()  # و, ו, ש on a cue word: it opens a coordinated or relative clause
    first_person: frozenset[str] = frozenset()  # we, نحن, אנחנו: a quotation whose speaker reports their own acts


def read_cues(path: Path) -> CueLexicon:
    """Parse and validate one cue file; unknown keys and codes are errors, not silently ignored."""
    data = read_yaml_mapping(path, _KEYS)

    def words(key: str) -> list[str]:
        return [fold_str(w) for w in string_list(data, key, path)]

    def longest_first(key: str) -> tuple[str, ...]:
        return tuple(sorted(words(key), key=len, reverse=True))

    return CueLexicon(
        lang=path.stem.split(".")[-1],
        index=PhraseIndex(_cue_phrases(data, path)),
        titles=frozenset(words("titles")),
        blockers=frozenset(words("blockers")),
        target_markers=frozenset(words("target_markers")),
        target_clitics=longest_first("target_clitics"),
        source_markers=frozenset(words("source_markers")),
        place_markers=frozenset(words("place_markers")),
        place_clitics=longest_first("place_clitics"),
        agentless=frozenset(words("agentless")),
        excluders=frozenset(words("excluders")),
        time_markers=frozenset(words("time_markers")),
        pair_markers=frozenset(words("pair_markers")),
        genitive_markers=frozenset(words("genitive_markers")),
        continuers=frozenset(words("continuers")),
        passive_markers=frozenset(words("passive_markers")),
        purpose_clitics=longest_first("purpose_clitics"),
        duals=PhraseIndex([(phrase_tokens(p), False) for p in string_list(data, "dual_words", path)]
                          + [(phrase_tokens(p), True) for p in string_list(data, "dual_leaders", path)]),
        negators=frozenset(words("negators")),
        negator_exceptions=frozenset(words("negator_exceptions")),
        hosts=frozenset(words("hosts")),
        clause_openers=frozenset(w for w in words("clause_openers") if not w.endswith("-")),
        opener_clitics=tuple(w[:-1] for w in words("clause_openers") if w.endswith("-")),
        first_person=frozenset(words("first_person")),
    )


def _cue_phrases(data: dict, path: Path) -> list[tuple[tuple[str, ...], str]]:
    """(folded phrase tokens, CAMEO root) for every phrase under ``cues``; a gap may not open or close one."""
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
    return items


@cache
def load_cues(lang: str) -> CueLexicon:
    """The cue lexicon of ``lang`` (ar, he, en), parsed once per process."""
    return read_cues(lexicon_path("events", lang, LANGS))


@cache
def all_titles() -> frozenset[str]:
    """Titles of every language: an Arabic article may quote an English title and vice versa."""
    return frozenset().union(*(load_cues(lang).titles for lang in LANGS))


@dataclass(frozen=True, slots=True)
class Cue:
    """One matched cue phrase: its CAMEO root, where it is and the text it matched."""

    code: str
    first: int  # token indices
    last: int
    start: int  # char offsets
    end: int
    text: str
    agentless: bool  # an explosion has no doer unless a by-phrase names one
    head: str = ""  # the folded first word of the lexicon phrase that matched (תקיפה for התקיפה)
    host: bool = False  # hosting or mediating talks between others: the host is the doer, the guests no target


def _blocked(tokens: Sequence[Token], first: int, lexicon: CueLexicon) -> bool:
    """A cue named as a topic, not reported as happening: أسباب قطع العلاقات, תקופת ניתוק היחסים."""
    return any(r in lexicon.blockers for k in (first - 1, first - 2) if k >= 0 for r in tokens[k].readings[:2])


def negated(text: str, tokens: Sequence[Token], first: int, lexicon: CueLexicon) -> bool:
    """لم يزر, לא ביקר, did not visit, won't attend: a negator just before the cue (_NEGATION_REACH), in its clause,
    says the event did not happen (PETRARCH likewise drops negated verbs); 'not only' does not negate."""
    for k in range(first - 1, max(first - 1 - _NEGATION_REACH.get(lexicon.lang, 1), -1), -1):
        if any(ch in CLAUSE_BREAKS + SENTENCE_END for ch in text[tokens[k].end:tokens[k + 1].start]):
            return False
        if _is_negator(tokens, k, lexicon):
            nxt = tokens[k + 1]
            return not any(r in lexicon.negator_exceptions for r in nxt.readings)
    return False


def _is_negator(tokens: Sequence[Token], k: int, lexicon: CueLexicon) -> bool:
    """A negator word, or the 't' of a split n't (won't, didn't typed with a curly apostrophe)."""
    tok = tokens[k]
    if any(r in lexicon.negators for r in tok.readings[:2]):
        return True
    return tok.folded == "t" and k > 0 and tokens[k - 1].folded.endswith("n") and tokens[k - 1].end + 1 == tok.start


def _purpose_form(tok: Token, phrase_head: str, lexicon: CueLexicon) -> bool:
    """לציין, ולהעביר, للتصنيع: a listed word reached only by stripping ל/ل is an infinitive of purpose or a
    'for the X' phrase (יש לציין, כדי להעביר), which states no event; a form listed with its ל stays a cue."""
    if tok.folded == phrase_head or not tok.folded.endswith(phrase_head.removeprefix("ال")):
        return False
    prefix = tok.folded[: len(tok.folded) - len(phrase_head.removeprefix("ال"))]
    return any(prefix.startswith(c) or prefix.startswith(("و" + c, "ו" + c)) for c in lexicon.purpose_clitics)


def find_cues(text: str, tokens: Sequence[Token], lexicon: CueLexicon, taken: Sequence[bool]) -> list[Cue]:
    """Longest cue phrase at each token, left to right; tokens inside an actor name (``taken``) are not cues."""
    out: list[Cue] = []
    i = 0
    while i < len(tokens):
        match = None if taken[i] else lexicon.index.longest_at(text, tokens, i)
        if match is None:
            i += 1
            continue
        if (_blocked(tokens, match.first, lexicon) or _purpose_form(tokens[match.first], match.phrase[0], lexicon)
                or negated(text, tokens, match.first, lexicon)):
            i = match.last + 1
            continue
        cue = Cue(match.values[0], match.first, match.last, tokens[match.first].start, tokens[match.last].end,
                  _surface(text, tokens, match.first, match.last, GAP in match.phrase),
                  match.phrase[0] in lexicon.agentless, match.phrase[0], match.phrase[0] in lexicon.hosts)
        if not (out and _same_event(text, out[-1], cue, taken)):
            out.append(cue)
        elif cue.host:
            out[-1] = replace(out[-1], host=True)  # השיחות נערכו בתיווך קטאר: talks under a mediator are hosted
        i = match.last + 1
    return out


def _surface(text: str, tokens: Sequence[Token], first: int, last: int, gapped: bool) -> str:
    """The cue text as stored: a gapped phrase keeps its two ends (قطع ... العلاقات), not the subject between."""
    start, end = tokens[first].start, tokens[last].end
    if not gapped:
        return text[start:end]
    return " ... ".join((text[start:tokens[first].end], text[tokens[last].start:end]))


def _same_event(text: str, prev: Cue, cue: Cue, taken: Sequence[bool]) -> bool:
    """A second cue of the same type a few words on, with no name or break between, restates the first."""
    return (prev.code == cue.code and cue.first - prev.last <= _SAME_EVENT_GAP
            and not any(taken[prev.last + 1:cue.first])
            and not any(ch in CLAUSE_BREAKS + SENTENCE_END + "\n" for ch in text[prev.end:cue.start]))


def complements(text: str, tokens: Sequence[Token], cues: Sequence[Cue], lexicon: CueLexicon) -> dict[int, int]:
    """One event per clause: {index of a cue: index of the cue governing it}. A cue a few words after another in the
    same clause, with no conjunction or subordinator opening a new clause between them, is the first one's object
    (banned imports of fruit: 16, not 06; وقّع صفقة لشراء مدافع: 05; thanked X for his mediation: 05); it still
    bounds the clauses. A statement never governs (it yields to what it reports anyway), a host's talks are the
    guests' own event, and a pledge of aid yields to the aid (governor -1: dropped whatever happens)."""
    out: dict[int, int] = {}
    head, head_k = None, -1
    for k, cue in enumerate(cues):
        if (head is not None and head.code != STATEMENT and not head.host
                and _complement_of(text, tokens, head, cue, lexicon)):
            if (head.code, cue.code) not in _SPECIFIC_OBJECTS:
                out[k] = head_k
                continue
            out[head_k] = -1  # pledged $50 million in relief: 07
        head, head_k = cue, k
    return out


def _complement_of(text: str, tokens: Sequence[Token], head: Cue, cue: Cue, lexicon: CueLexicon) -> bool:
    """True when ``cue`` is inside ``head``'s clause, close after it and not opening a clause of its own."""
    if cue.first - head.last > _COMPLEMENT_REACH or any(
            ch in CLAUSE_BREAKS + SENTENCE_END + "\n" for ch in text[head.end:cue.start]):
        return False
    if any(r in lexicon.clause_openers for k in range(head.last + 1, cue.first + 1) for r in tokens[k].readings[:1]):
        return False
    first = tokens[cue.first]
    prefix = first.folded[: len(first.folded) - len(cue.head)] if first.folded.endswith(cue.head) else ""
    return not any(prefix.startswith(c) for c in lexicon.opener_clitics)
