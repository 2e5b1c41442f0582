"""Reported speech: a speech verb (or a participle such as مؤكدًا) followed by a complementizer (إن/أن,
כי/ש-, that); the item is the reported clause up to the sentence end or the next cue.

A quotation inside a reported clause follows the dev set's convention (tests/gold/dev/README.md): it is the
item when it ends the clause, part of one indirect item when the clause goes on, and a second item when
appended after a comma.
"""
from __future__ import annotations

import re

from transforms.normalize import fold_str
from transforms.quote_candidates import Candidate
from transforms.quote_direct import looks_like_name
from transforms.quote_marks import FAMILY, Boundaries, Mask, MarkPair, inner_span, n_words
from transforms.quote_tokens import Tokens, is_cue, kinds_of, load_quote_lexicon, source_marker_at
from transforms.speakers import Phrase, phrase_after, phrase_before, subject_of

COMPLEMENTIZER_WINDOW = 12  # `وقال بوتين اليوم، الجمعة 22 من تشرين الأول، إنَّ` puts 8 tokens in between
MAX_INDIRECT_CHARS = 600
NEW_CLAUSE_CUE_TOKENS = 4  # `, and Brazil's government called`: a subject of up to three words, then the cue  # a reported clause longer than this is cut at a word boundary
_PUNCT_GAP = re.compile(r"[.:;!?؟\"“”«»״]")
_COMMA = re.compile(r"[,،]")
_QUOTE_MARK = re.compile("[" + re.escape("".join(FAMILY)) + "]")
_TRAIL = " \t\n,،;:.!?؟—–-"


def merge_reported_speech(toks: Tokens, bounds: Boundaries, masked: Mask, pairs: list[MarkPair],
                          found: list[Candidate]) -> list[Candidate]:
    """Reported clauses after a speech verb or participle and a complementizer (قال إنّ، הוסיף כי، said that),
    merged with the direct quotes ``found`` by the dev convention (tests/gold/dev/README.md): a quotation
    that ends its reported clause is the item (direct), a clause that goes on after it is one indirect item,
    and a quotation appended after a comma gives both."""
    out: list[Candidate] = []
    last_end = -1
    openers = {o: c for o, c, _ in pairs}
    for k, (s, _) in enumerate(toks.spans):
        kinds = kinds_of(toks.word(k), toks.lang)
        if masked.covers(s) or not (kinds & {"speech_verbs", "participle_cues"} or _leading_source(toks, k) is not None):
            continue
        start = _clause_start(toks, k)
        if start is None or start < last_end or (toks.text[start] in FAMILY and start not in openers):
            continue  # an unclosed quotation after the complementizer is read by unclosed_quotes
        end = _clause_end(toks, bounds, start, pairs)
        if start in openers:
            close = openers[start]
            if not toks.text[close + 1:end].strip() or toks.text[close + 1:end].lstrip()[:1] in ",،;:.!?؟":
                end = close + 1  # `הוסיף כי ״...״, בהתייחסות ...`: the quotation is the whole clause
        phrase = subject_of(toks, k) if "speech_verbs" in kinds else _named_source(toks, k)
        items = _clause_items(toks, pairs, start, end, "indirect:" + toks.word(k), phrase, s)
        if items:
            out.extend(items)
            last_end = end
    taken = [(f.start, f.end) for f in out]
    kept = [f for f in found if not any(a < f.end + 1 and f.start - 1 < b for a, b in taken)]
    return sorted(kept + out, key=lambda f: f.start)


def _leading_source(toks: Tokens, k: int) -> int | None:
    """`לדבריו, הסוללה ...`, `לדברי נתניהו, ישראל ...`: a source marker of speech (a pronoun one, or one
    before a named speaker) and a comma introduce a reported sentence; the index of its first token."""
    kinds = kinds_of(toks.word(k), toks.lang)
    if k + 1 >= len(toks.spans) or "source_markers" not in kinds:
        return None
    if "pronouns" in kinds:
        return k + 1 if _COMMA.search(toks.gap(toks.spans[k][1], toks.spans[k + 1][0])) else None
    phrase = _named_source(toks, k)
    m = toks.index_at_or_after(phrase.end) if phrase is not None else len(toks.spans)
    if m >= len(toks.spans) or not _COMMA.search(gap := toks.gap(toks.spans[m - 1][1], toks.spans[m][0])):
        return None
    return None if _QUOTE_MARK.search(gap) else m  # `לדברי X, ״...״`: the quotation is a direct item


def _named_source(toks: Tokens, k: int) -> Phrase | None:
    """The speaker named after a marker of speech (לדברי X); `according to` only attributes (dev README)."""
    if "speech_sources" not in kinds_of(toks.word(k), toks.lang) or k + 1 >= len(toks.spans):
        return None
    phrase = phrase_after(toks, k + 1, toks.spans[k][1])
    return phrase if phrase is not None and phrase.name else None


def _clause_items(toks: Tokens, pairs: list[MarkPair], start: int, end: int, cue: str, phrase: Phrase | None,
                  cue_at: int) -> list[Candidate]:
    """Split the reported clause at coordinated complementizers (וכי, وأن, and that); each part that ends with
    a quotation gives that quotation, the other parts are joined into indirect items."""
    items: list[Candidate] = []
    run: tuple[int, int] | None = None
    for ps, pe in _coordinated_parts(toks, start, end):
        frag = _final_fragment(toks, pairs, ps, pe)
        if frag is None:
            run = (run[0], pe) if run else (ps, pe)
            continue
        o, c, appended = frag
        if run or appended:
            lead_end = o if appended else ps
            span = _trim_clause(toks.text, run[0] if run else ps, lead_end if appended else run[1])
            if n_words(toks.text[span[0]:span[1]]) >= 2:
                items.append(Candidate(span[0], span[1], "indirect", cue, phrase, cue_at))
            run = None
        fs, fe = inner_span(toks.text, o, c)
        items.append(Candidate(fs, fe, "direct", cue.split(":", 1)[1], phrase, cue_at, reported=True))
    if run:
        cs, ce = _trim_clause(toks.text, *run)
        if ce > cs and n_words(toks.text[cs:ce]) >= 2:
            items.append(Candidate(cs, ce, "indirect", cue, phrase, cue_at))
    return items


def _coordinated_parts(toks: Tokens, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the parts of a clause separated by a coordinated complementizer."""
    parts, ps = [], start
    for j in range(toks.index_at_or_after(start) + 1, toks.index_at_or_after(end)):
        word = fold_str(toks.word(j))
        coordinated = word[:1] in "وו" and "complementizers" in kinds_of(word[1:], toks.lang)
        if toks.lang == "en" and word == "that" and fold_str(toks.word(j - 1)) == "and":
            coordinated, j = True, j - 1
        if coordinated:
            parts.append((ps, toks.spans[j][0]))
            ps = toks.spans[j + 1 if toks.lang == "en" else j][1]
    parts.append((ps, end))
    return parts


def _final_fragment(toks: Tokens, pairs: list[MarkPair], start: int, end: int) -> tuple[int, int, bool] | None:
    """The quotation (open, close, appended?) that ends the clause part, unless it is a quoted name."""
    inside = [(o, c) for o, c, _ in pairs if start <= o and c < end + 1]
    if not inside:
        return None
    o, c = inside[-1]
    if toks.text[c + 1:end].strip(_TRAIL + "".join(FAMILY)) or looks_like_name(toks, o, c, n_words(toks.text[o + 1:c])):
        return None
    lead = toks.text[start:o].rstrip()
    appended = bool(lead) and lead[-1] in ",،" and n_words(lead) >= 2
    if not appended and any(not looks_like_name(toks, a, b, n_words(toks.text[a + 1:b])) for a, b in inside[:-1]):
        return None  # `would be held "in abeyance ..." until Pakistan "credibly ..."`: one clause, one indirect item
    return o, c, appended


def _clause_start(toks: Tokens, k: int) -> int | None:
    """Offset where the reported clause begins, or None when no complementizer follows the verb."""
    n = len(toks.spans)
    lead = _leading_source(toks, k)
    if lead is not None:
        return toks.spans[lead][0]
    if toks.lang == "he" and k + 1 < n and _he_sh_complementizer(toks, k):
        return toks.spans[k + 1][0] + 1
    for j in range(k + 1, min(n, k + 1 + COMPLEMENTIZER_WINDOW)):
        gap = toks.gap(toks.spans[j - 1][1], toks.spans[j][0])
        if _PUNCT_GAP.search(gap) or gap.count("\n") >= (2 if toks.wrapped else 1):
            return None  # the verb's sentence or paragraph ended before any complementizer
        kinds = kinds_of(toks.word(j), toks.lang)
        if is_cue(kinds):
            return None
        if _bare_clause_subject(toks, k, j, kinds):
            return toks.spans[j][0]
        if "complementizers" in kinds:
            pos = toks.spans[j][1]
            while pos < len(toks.text) and toks.text[pos] in " \t\n:":
                pos += 1
            if pos >= len(toks.text) or ":" in toks.text[toks.spans[j][1]:pos]:
                return None  # `כי: ״...״`: the direct quotation carries it
            return pos
    return None


BARE_CLAUSE_WINDOW = 4  # `said on Saturday it was`, `told reporters he would`: the pronoun within 4 tokens
_SUBJECT_PRONOUNS = ("he", "she", "it", "they", "we", "i")


def _bare_clause_subject(toks: Tokens, k: int, j: int, kinds: frozenset[str]) -> bool:
    """English drops `that`: `said he would`, `said on Saturday it was`; a subject pronoun soon after a
    speech verb (not a participle: `saying it` often has no named speaker) opens the reported clause."""
    if toks.lang != "en" or j - k > BARE_CLAUSE_WINDOW or "speech_verbs" not in kinds_of(toks.word(k), "en"):
        return False
    if "pronouns" not in kinds or toks.word(j).lower() not in _SUBJECT_PRONOUNS or j + 1 >= len(toks.spans):
        return _bare_noun_clause(toks, k, j)
    # `told reporters after he was pushed`: a subordinator opens an adverbial clause, not the reported one
    between = range(k + 1, j)
    if any("subordinators" in kinds_of(toks.word(m), "en") for m in between):
        return False
    return toks.word(j + 1)[:1].islower()


BARE_NOUN_SUBJECT_TOKENS = 8  # `said the decision to release a convicted murderer "was not easy"`
_NOUN_OPENERS = ("the", "his", "her", "its", "their", "a", "an")
_BEFORE_SUBJECT = ("on", "late", "early", "last")
_FINITE_GAP = re.compile(r"[,.;:!?()]")


def _bare_noun_clause(toks: Tokens, k: int, j: int) -> bool:
    """`said Washington had ...`, `said his country was ...`, `said on Tuesday 749 people had been ...`: a noun
    phrase right after the verb (or its time adverbial) whose finite verb (finite_verbs) follows within
    BARE_NOUN_SUBJECT_TOKENS, with no punctuation but quotation marks between. Not after a verb that takes an
    addressee first (`told Reuters the talks had`)."""
    lex = load_quote_lexicon("en")
    if "addressee_verbs" in kinds_of(toks.word(k), "en"):
        return False
    if any(fold_str(toks.word(m)) not in _BEFORE_SUBJECT and fold_str(toks.word(m)) not in lex.time_words
           for m in range(k + 1, j)):
        return False
    word = toks.word(j)
    folded = fold_str(word)
    if folded in lex.time_words or not (folded in _NOUN_OPENERS or word[:1].isupper() or word[:1].isdigit()):
        return False
    for m in range(j + 1, min(len(toks.spans), j + 1 + BARE_NOUN_SUBJECT_TOKENS)):
        if _FINITE_GAP.search(toks.gap(toks.spans[m - 1][1], toks.spans[m][0])):
            return False
        kinds = kinds_of(toks.word(m), "en")
        if "finite_verbs" in kinds:
            return True
        if is_cue(kinds) or kinds & {"subordinators", "relatives", "complementizers"}:
            return False
    return False


def _he_sh_complementizer(toks: Tokens, k: int) -> bool:
    """`הוא הדגיש שרופאים ...`: a ש- word right after a verb that already has its subject before it."""
    word = toks.word(k + 1)
    if not word.startswith("ש") or len(word) < 4 or toks.gap(toks.spans[k][1], toks.spans[k + 1][0]).strip():
        return False
    lex = load_quote_lexicon("he")
    folded = fold_str(word)
    if any(folded in lex.words[k] for k in ("role_words", "organisation_words", "speech_verbs")):
        return False  # a word that starts with ש itself (שגריר, שרת), not ש + clause
    return phrase_before(toks, k) is not None


def _clause_end(toks: Tokens, bounds: Boundaries, start: int, pairs: list[MarkPair]) -> int:
    """Sentence end (past any quotation it falls inside), or `, <another cue>` / `و<cue>` (، مشيرًا إلى ...)."""
    limit = min(len(toks.text), start + MAX_INDIRECT_CHARS)
    end = bounds.sentence_end(start, limit)
    for o, c, _ in pairs:  # pairs are sorted by their opening mark
        if o >= end:
            break
        if start <= o < end < c:
            if toks.text[c - 1] in ".!?؟":
                end = c + 1  # `said the route "will not ... mercenaries." Russia's ...`: the quotation ends the sentence
                break
            end = bounds.sentence_end(c, min(len(toks.text), c + MAX_INDIRECT_CHARS))
    j = toks.index_at_or_after(start) + 1
    while j < len(toks.spans) and toks.spans[j][0] < end:
        gap_start = toks.spans[j - 1][1]
        gap = toks.gap(gap_start, toks.spans[j][0])
        kinds = kinds_of(toks.word(j), toks.lang)
        cue = is_cue(kinds) or bool(source_marker_at(toks, j))
        gap_start += len(gap) - len(gap.lstrip("%٪$€£"))  # `إلى 3%، فيما`: a sign the tokens leave out
        if cue and (_COMMA.search(gap) or _coordinated(toks, j)):
            return gap_start
        opener = _clause_opener(toks, j, kinds)
        if _COMMA.search(gap) and opener and _cue_within(toks, j + opener, NEW_CLAUSE_CUE_TOKENS):
            return gap_start  # `, אך הוסיף כי`, `, and Brazil's government called`, `، فيما قال`: its own cue
        j += 1
    return max(start, end)


def _clause_opener(toks: Tokens, j: int, kinds: frozenset[str]) -> int:
    """Tokens in the word that opens a new clause at ``j`` (`and`, `אך`, `فيما`; `في حين` is a preposition and a
    stop word), or 0."""
    if "stop_words" in kinds or (toks.lang != "en" and toks.word(j)[:1] in "וو" and len(toks.word(j)) > 2
                                 and "complementizers" not in kinds):
        return 1  # `, וראש הממשלה X אמר:`: a conjoined subject and its own cue (`، وإن` goes on the clause)
    if "prepositions" not in kinds or j + 1 >= len(toks.spans):
        return 0
    joined = not toks.gap(toks.spans[j][1], toks.spans[j + 1][0]).strip()
    return 2 if joined and "stop_words" in kinds_of(toks.word(j + 1), toks.lang) else 0


def _cue_within(toks: Tokens, j: int, n: int) -> bool:
    """A cue among the ``n`` tokens from ``j``, before any punctuation."""
    for m in range(j, min(len(toks.spans), j + n)):
        if m > j and _PUNCT_GAP.search(toks.gap(toks.spans[m - 1][1], toks.spans[m][0]) + "") or \
                (m > j and _COMMA.search(toks.gap(toks.spans[m - 1][1], toks.spans[m][0]))):
            return False
        kinds = kinds_of(toks.word(m), toks.lang)
        if is_cue(kinds) or "naming_verbs" in kinds:
            return True
    return False


def _coordinated(toks: Tokens, j: int) -> bool:
    """`והזהיר כי`, `وشدد على`, `and said`: a second speech verb joined to the first starts a new clause."""
    if "speech_verbs" not in kinds_of(toks.word(j), toks.lang):
        return False
    if toks.lang == "en":
        return j > 0 and fold_str(toks.word(j - 1)) in ("and", "but")
    return fold_str(toks.word(j))[:1] in "وו"


def _trim_clause(text: str, s: int, e: int) -> tuple[int, int]:
    """The clause without its closing punctuation and surrounding white space."""
    while e > s and text[e - 1] in _TRAIL:
        e -= 1
    while s < e and text[s].isspace():
        s += 1
    return s, e
