"""Direct and reported speech with its speaker, in Arabic, Hebrew and English articles.

Direct quotes come from pairing quotation marks inside a paragraph (or, in hard-wrapped PDF text, across
lines), never from sentence splitting, so a quote that runs over several sentences stays whole. A pair is a
quote only when a speech cue stands next to it or its length makes a title or a scare quote unlikely: the
headline's “بينيت”, the channel “روسيا اليوم”, ׳נר הזיכרון׳ are names, not speech. Reported speech is a
speech verb (or a participle such as مؤكدًا) followed by a complementizer (إن/أن, כי/ש-, that); its span is
the reported clause up to the sentence end. Block quotes (an intro ending in ``:`` with a cue, then the
quoted paragraph) are quotes without quotation marks. A quotation inside a reported clause follows the dev
set's convention (tests/gold/dev/README.md): it is the item when it ends the clause, part of one indirect
item when the clause goes on, and a second item when appended after a comma. Naming verbs (called, وصفه بـ,
כינה) and attitude verbs (دعا إلى, أعرب عن) vouch for short fragments. Speakers come from
transforms/speakers.py; a missing subject (a pronoun, a participle, ואמר) is the nearest speaker named in
the same sentence, else the sentence's opening subject, else the last speaker within a bounded distance.

Everything is linear in the text: marks are paired with one stack per mark family, and every look-around is
capped in tokens or characters, so a 1 MB article cannot hang the extractor.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.gazetteer import load_gazetteer
from transforms.normalize import fold_str
from transforms.quote_marks import (
    FAMILY, TERMINAL, Boundaries, Mask, inner_span, looks_hard_wrapped, n_words, pair_marks,
)
from transforms.records import Article, Quote, stable_id
from transforms.speakers import (
    Phrase, Tokens, clause_subject, is_anonymous, is_cue, kinds_of, load_quote_lexicon, phrase_after, phrase_before,
    source_marker_at, subject_of, title_holder, tokenize,
)

# ---------------------------------------------------------------- settings (why each value)
MIN_WORDS_ADJACENT = 1  # `قال: “نعم”` : a cue plus a colon/comma makes even one word a quote
MIN_WORDS_CUED = 4  # a cue elsewhere in the sentence: “نقاط التماس”, “خطٌ أحمر” (2-3 words) are scare quotes
MIN_WORDS_SOFT = 6  # attitude verbs (أبدى, expressed) cite shorter fragments as names than as speech
MIN_WORDS_UNCUED = 10  # no cue at all: names and titles in the samples have at most 7 words
CUE_WINDOW_TOKENS = 30  # 003's Bennett quote has its verb 11 tokens before the mark (אישר בנאומו ... כי:)
POST_CUE_TOKENS = 9  # `“...,” European Commission President Ursula von der Leyen said`: 7 subject tokens
NAMING_MAX_TOKENS = 4  # `called the measures “...”`, `תיאר את המערכת כ״...״`: a naming verb and its object
HEADLINE_MAX_CHARS = 250  # a first line longer than this is a paragraph, not a headline
MIN_WORDS_SOFT_BESIDE = 2  # `دعا ... إلى “ضبط النفس”`, `تبدي “قلقاً عميقاً”`: an attitude verb's own complement
COMPLEMENTIZER_WINDOW = 12  # `وقال بوتين اليوم، الجمعة 22 من تشرين الأول، إنَّ` puts 8 tokens in between
MAX_INDIRECT_CHARS = 600  # a reported clause longer than this is cut at a word boundary
MAX_UNCLOSED_CHARS = 300  # an opening mark with no closing one is read up to the clause end only
CARRY_MAX_CHARS = 1500  # a pronoun inherits a speaker named at most this far back (about two paragraphs)
CONTINUATION_GAP_CHARS = 250  # `“A,” he said. “B.”`: B continues A's speaker when it follows this closely
CITATION_MAX_CHARS = 80  # `״...״ (Interfax, 2020), ציין X`: a bracketed citation between quote and cue
MAX_BLOCK_CHARS = 3000  # a block quote is one or a few paragraphs
BLOCK_MIN_TABS = 3  # PDF block quotes in 003 are tab-separated words

_PUNCT_GAP = re.compile(r"[.:;!?؟\"“”«»״]")
_CLAUSE_END = re.compile(r"[,،;.:!?؟\n" + re.escape("".join(FAMILY)) + "]")
_ADJ_FILLER = re.compile(r"[\s:,،;\-–—]*")
_TRAIL = " \t\n,،;:.!?؟—–-"


@dataclass(frozen=True, slots=True)
class _Cue:
    """How a quotation is attributed: the cue word, an explicit speaker phrase (or None: carry), the strength."""

    strength: str  # adjacent | post | window | soft | naming | headline | continuation | uncued | block
    word: str | None
    phrase: Phrase | None
    at: int = -1  # offset of the cue word; -1 when there is none


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: str
    cue: str | None
    phrase: Phrase | None  # explicit speaker; None means "carry the previous one"
    cue_at: int = -1  # offset of the cue word (-1: none); a missing subject is looked for in its sentence
    reported: bool = False  # taken from a reported clause: kept only with a named speaker, like the clause
    speaker: str | None = None

    @property
    def anchor(self) -> int:
        return self.cue_at if self.cue_at >= 0 else self.start


def extract_quotes(article: Article) -> list[Quote]:
    """Find direct, block and reported quotes and their speakers; returns them in document order.

    Args:
        article: a cleaned article; ``language`` picks the lexicon ('ar', 'he' or 'en'; others give []).
    Returns:
        Quote records whose ``text`` equals ``article.text[char_start:char_end]`` (without quotation marks).
    """
    lang = article.language if article.language in ("ar", "he", "en") else None
    if lang is None or not article.text.strip():
        return []
    text = article.text
    wrapped = looks_hard_wrapped(text)
    toks = tokenize(text, lang, wrapped)
    bounds = Boundaries(text, wrapped)
    pairs, unclosed = pair_marks(text, wrapped)
    masked = Mask([(o, c) for o, c, _ in pairs])
    direct = _direct_quotes(toks, bounds, pairs, masked)
    direct += _unclosed_quotes(toks, bounds, unclosed, masked)
    blocks = _block_quotes(toks, masked)
    masked = Mask([(o, c) for o, c, _ in pairs] + [(f.start, f.end) for f in blocks])
    found = sorted(direct + blocks, key=lambda f: f.start)
    found = _drop_nested(found)
    merged = _indirect_quotes(toks, bounds, masked, pairs, found)
    quotes = _resolve_speakers(toks, bounds, masked, merged)
    return [_to_record(article, text, f) for f in quotes]



# ---------------------------------------------------------------- direct quotes

def _direct_quotes(toks: Tokens, bounds: Boundaries, pairs, masked: Mask) -> list[_Found]:
    """Accept the paired quotations that a cue, a continuation or their length vouches for."""
    out: list[_Found] = []
    prev: _Found | None = None
    for o, c, family in pairs:
        s, e = inner_span(toks.text, o, c)
        if e <= s or (out and s < out[-1].end + 1):
            continue  # empty, or nested in the previous accepted quotation
        cue = _attribution(toks, bounds, o, c, family, prev, masked)
        if cue is None:
            continue
        found = _Found(s, e, "direct", cue.word, cue.phrase, cue.at)
        out.append(found)
        prev = found
    return out


def _attribution(toks: Tokens, bounds: Boundaries, o: int, c: int, family: str, prev: _Found | None,
                 masked: Mask) -> _Cue | None:
    """Decide whether the pair (o, c) is speech, and how it is attributed; None rejects it as a name/title."""
    text = toks.text
    words = n_words(text[o + 1:c])
    if words == 0:
        return None
    pre = _pre_cue(toks, bounds, o, masked)
    if pre is not None and pre.strength == "naming":
        return pre  # `what he called “constructive”`: an attributed fragment, however short
    headline = _headline_cue(toks, o) if pre is None else None
    if headline is not None:
        return headline
    if _looks_like_name(toks, o, c, words):
        return None
    post = _post_cue(toks, c)
    if pre is not None and pre.strength == "adjacent":
        return pre if words >= MIN_WORDS_ADJACENT else None
    if post is not None and post.strength == "post":
        return post
    if family == "single":
        return None  # single marks and geresh mark titles (׳נר הזיכרון׳) unless a cue stands right beside
    if pre is not None:
        need = MIN_WORDS_CUED
        if pre.strength == "soft":
            need = MIN_WORDS_SOFT_BESIDE if _complement_of(toks, pre, o) else MIN_WORDS_SOFT
        return pre if words >= need else None
    if post is not None and words >= MIN_WORDS_CUED:
        return post
    if prev is not None and _continues(toks, bounds, prev, o) and words >= MIN_WORDS_CUED:
        return _Cue("continuation", "continuation", None)
    return _Cue("uncued", None, None) if words >= MIN_WORDS_UNCUED else None


def _names_quote(toks: Tokens, j: int) -> bool:
    """A naming verb attributes the quotation when it has a subject or follows ما (ما وصفه بـ“...”);
    `a ship called “Ever Given”` has neither, and its quotation is a name."""
    if j > 0 and fold_str(toks.word(j - 1)) in ("ما", "بما", "مما", "what"):
        return True
    subject = _naming_subject(toks, j)
    return subject is not None and (subject.pronoun or not is_anonymous(toks, subject))


def _naming_subject(toks: Tokens, j: int) -> Phrase | None:
    """The naming verb's subject: before it in English and Hebrew, after it in Arabic unless the verb
    carries an object suffix (وصفه), which leaves the subject to the sentence."""
    if toks.lang != "ar":
        return phrase_before(toks, j)
    return phrase_after(toks, j + 1, toks.spans[j][1]) if j + 1 < len(toks.spans) else None


def _complement_of(toks: Tokens, cue: _Cue, o: int) -> bool:
    """The quotation is the attitude verb's own complement: right after it or a preposition, same clause."""
    k = toks.index_at_or_after(o) - 1
    if k < 0 or cue.at < 0 or re.search(r"[,،;.:!?؟]", toks.text[cue.at:o]):
        return False
    return toks.spans[k][0] == cue.at or "prepositions" in kinds_of(toks.word(k), toks.lang)


def _headline_cue(toks: Tokens, o: int) -> _Cue | None:
    """`נתניהו נפגש עם ביידן: ״...״`: in the headline (first line), a quotation after a colon belongs to the
    first person the headline names before it (from the gazetteer: an unknown name gives no quote)."""
    line_end = toks.text.find("\n")
    if line_end == -1 or o > line_end or line_end > HEADLINE_MAX_CHARS:
        return None  # a one-line text has no headline
    head = toks.text[:o].rstrip()
    if not head.endswith(":"):
        return None
    people = [m for m in load_gazetteer().find(head) if m.is_person_like]
    if not people:
        return None
    m = people[0]
    return _Cue("headline", "headline", Phrase(m.start, m.end, m.text))


def _looks_like_name(toks: Tokens, o: int, c: int, words: int) -> bool:
    """A quoted name: right after an organisation word (قناة “...”), or starting with one, or Title Case."""
    text = toks.text
    k = toks.index_at_or_after(o) - 1
    if k >= 0 and not text[toks.spans[k][1]:o].strip():
        if "organisation_words" in kinds_of(toks.word(k), toks.lang):
            return True
    first = toks.index_at_or_after(o + 1)
    if first < len(toks.spans) and toks.spans[first][0] < c:
        if "organisation_words" in kinds_of(toks.word(first), toks.lang) and words <= MIN_WORDS_UNCUED:
            return True
    if toks.lang == "en" and words <= 8:
        inner = [w for w in text[o + 1:c].split() if w[:1].isalpha()]
        small = {"of", "the", "and", "for", "in", "on", "a", "an", "to"}
        if inner and all(w[0].isupper() or w.lower() in small for w in inner) and not any(
                ch in text[o + 1:c] for ch in TERMINAL + ","):
            return True
    return False


def _pre_cue(toks: Tokens, bounds: Boundaries, o: int, masked: Mask) -> _Cue | None:
    """The nearest cue before the opening mark in its sentence: a speech verb, a participle, a source marker."""
    end = toks.index_at_or_after(o)
    floor = max(toks.index_at_or_after(bounds.sentence_start(o)), end - CUE_WINDOW_TOKENS)
    for j in range(end - 1, floor - 1, -1):
        if masked.covers(toks.spans[j][0]):
            continue
        n = source_marker_at(toks, j)
        if n and j + n <= end:
            marker_end = toks.spans[j + n - 1][1]
            phrase = phrase_after(toks, j + n, marker_end) if j + n < end else None
            return _Cue(*_upgrade(toks, o, toks.text[toks.spans[j][0]:marker_end], phrase, marker_end, "window"),
                        at=toks.spans[j][0])
        kinds = kinds_of(toks.word(j), toks.lang)
        if "naming_verbs" in kinds and end - j <= NAMING_MAX_TOKENS and _names_quote(toks, j):
            return _Cue("naming", toks.word(j), _naming_subject(toks, j), toks.spans[j][0])
        if "speech_verbs" in kinds:
            phrase = subject_of(toks, j)
            return _cue_from(toks, o, j, phrase, "window")
        if "participle_cues" in kinds:
            return _cue_from(toks, o, j, None, "window")
        if "soft_verbs" in kinds:
            return _Cue("soft", toks.word(j), subject_of(toks, j), toks.spans[j][0])
    return None


def _cue_from(toks: Tokens, o: int, j: int, phrase: Phrase | None, strength: str) -> _Cue:
    """The cue of the verb at token ``j``, upgraded to 'adjacent' when nothing but fillers separates it from ``o``."""
    return _Cue(*_upgrade(toks, o, toks.word(j), phrase, toks.spans[j][1], strength), at=toks.spans[j][0])


def _upgrade(toks: Tokens, o: int, word: str, phrase: Phrase | None, cue_end: int, strength: str):
    """(strength, word, phrase), strength 'adjacent' when only a colon/comma, a manner word (قائلًا) or a
    complementizer (أن, כי:) separates the cue, or its subject, from the mark."""
    after = max(cue_end, phrase.end if phrase is not None and phrase.start >= cue_end else cue_end)
    between = toks.text[after:o]
    rest = between
    separator = bool(re.search(r"[:,،]", between))
    for j in range(toks.index_at_or_after(after), toks.index_at_or_after(o)):
        kinds = kinds_of(toks.word(j), toks.lang)
        if kinds & {"manner_words", "complementizers", "object_words"}:
            # `أكد عباس أن “...”`: a complementizer right after the subject introduces the quote itself
            separator = separator or bool(kinds & {"manner_words", "complementizers"})
            rest = rest.replace(toks.word(j), " ", 1)
        else:
            return strength, word, phrase
    if separator and _ADJ_FILLER.fullmatch(rest):
        return "adjacent", word, phrase
    return strength, word, phrase


def _post_cue(toks: Tokens, c: int) -> _Cue | None:
    """A cue right after the closing mark: `״, כך הודיע X`, `”، قال X`, `," said X`, `," X said`."""
    text = toks.text
    # `״...״, כך הודיע X`, `“...?” asked X`: a comma after the mark, or , ? ! just inside it; a full stop
    # inside it ends the sentence, so a verb after it starts a new one (`“...” Asked about it, he said`)
    pos, comma = c + 1, text[c - 1] in ",،!?؟" if c else False
    limit = min(len(text), c + 1 + CITATION_MAX_CHARS)
    while pos < limit:
        ch = text[pos]
        if ch in ",،":
            comma, pos = True, pos + 1
        elif ch in " \t\n—–-":
            pos += 1
        elif ch in "()[]":
            close = re.compile(r"[()\[\]]").search(text, pos + 1, min(len(text), pos + CITATION_MAX_CHARS))
            if close is None:
                return None
            pos = close.end()
        else:
            break
    j = toks.index_at_or_after(pos)
    if j >= len(toks.spans) or toks.spans[j][0] != pos:
        return None
    if toks.lang == "en" and toks.word(j)[:1].isupper() and "speech_verbs" in kinds_of(toks.word(j), "en"):
        return None  # `“...” Asked about ...`: a capitalised verb opens a new sentence
    if "post_markers" in kinds_of(toks.word(j), toks.lang) and j + 1 < len(toks.spans):
        j += 1
    strength = "post" if comma else "window"
    n = source_marker_at(toks, j)
    if n:
        end = toks.spans[j + n - 1][1]
        return _Cue(strength, toks.text[toks.spans[j][0]:end], phrase_after(toks, j + n, end), toks.spans[j][0])
    for m in range(j, min(len(toks.spans), j + POST_CUE_TOKENS + 1)):
        if m > j and re.search(r"[.:;!?؟\"“”״«»]", text[toks.spans[m - 1][1]:toks.spans[m][0]]):
            return None
        if "speech_verbs" in kinds_of(toks.word(m), toks.lang):
            phrase = phrase_after(toks, m + 1, toks.spans[m][1]) if m == j else subject_of(toks, m)
            if m == j and phrase is None and m + 1 < len(toks.spans):
                phrase = subject_of(toks, m)
            return _Cue(strength, toks.word(m), phrase, toks.spans[m][0])
    return None


def _continues(toks: Tokens, bounds: Boundaries, prev: _Found, o: int) -> bool:
    """The quotation opens a sentence shortly after the previous quotation, in the same paragraph."""
    gap = toks.text[prev.end:o]
    if len(gap) > CONTINUATION_GAP_CHARS or ("\n" in gap and not toks.wrapped):
        return False
    return not toks.text[bounds.sentence_start(o):o].strip()


def _unclosed_quotes(toks: Tokens, bounds: Boundaries, unclosed: list[int], masked: Mask) -> list[_Found]:
    """An opening mark never closed (ووصف بوتين العلاقات بأنَّها “فريدة ...،) after a cue: read to the clause end."""
    out = []
    for o in unclosed:
        if masked.covers(o) or o + 1 >= len(toks.text):
            continue
        k = toks.index_at_or_after(o) - 1
        if k < 0:
            continue
        introduced = kinds_of(toks.word(k), toks.lang) & {"complementizers", "manner_words"}
        if not introduced and ":" not in toks.text[toks.spans[k][1]:o]:
            continue
        pre = _pre_cue(toks, bounds, o, masked)
        if pre is None or pre.strength == "soft":
            continue
        m = _CLAUSE_END.search(toks.text, o + 1, o + 1 + MAX_UNCLOSED_CHARS)
        end = m.start() if m else o + 1
        s, e = inner_span(toks.text, o, end)
        if e > s and n_words(toks.text[s:e]) >= MIN_WORDS_CUED:
            out.append(_Found(s, e, "direct", pre.word, pre.phrase, pre.at))
    return out


def _drop_nested(found: list[_Found]) -> list[_Found]:
    out: list[_Found] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


# ---------------------------------------------------------------- block quotes

def _block_quotes(toks: Tokens, masked: Mask) -> list[_Found]:
    """Quoted paragraphs without marks: tab-separated PDF lines, or (unwrapped text) the paragraph after an
    intro that ends in ``:`` and holds a cue (`כפי שהדגיש שגריר רוסיה בישראל, א״ד ויקטורוב:`)."""
    text = toks.text
    lines = [m.span() for m in re.finditer(r"[^\n]+", text)]
    out = []
    for intro, body in _block_candidates(text, lines, toks.wrapped):
        bs, be = body
        if masked.covers(bs) or be - bs > MAX_BLOCK_CHARS or text[bs] in FAMILY:
            continue
        if n_words(text[bs:be]) < MIN_WORDS_CUED:
            continue
        cue = _intro_cue(toks, intro, masked)
        if cue is not None:
            out.append(_Found(bs, be, "direct", "block:" + (cue.word or ""), cue.phrase))
    return out


def _block_candidates(text: str, lines: list[tuple[int, int]], wrapped: bool):
    """Yield (intro line span, body span) pairs."""
    nonblank = [(s, e) for s, e in lines if text[s:e].strip()]
    i = 0
    while i < len(nonblank):
        s, e = nonblank[i]
        if text.count("\t", s, e) >= BLOCK_MIN_TABS and i > 0:
            j = i
            while j + 1 < len(nonblank) and text.count("\t", *nonblank[j + 1]) >= BLOCK_MIN_TABS:
                j += 1
            intro = nonblank[i - 1]
            if text.count("\t", *intro) < BLOCK_MIN_TABS and _ends_with_colon(text, intro):
                yield intro, _trim(text, s, nonblank[j][1])
            i = j + 1
            continue
        if not wrapped and i + 1 < len(nonblank) and text[s:e].rstrip().endswith(":"):
            yield (s, e), _trim(text, *nonblank[i + 1])
        i += 1


def _ends_with_colon(text: str, span: tuple[int, int]) -> bool:
    """The intro ends in ':' (or starts with it: a right-to-left PDF line in visual order)."""
    line = text[span[0]:span[1]].strip()
    return line.endswith(":") or line.startswith(":")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _intro_cue(toks: Tokens, intro: tuple[int, int], masked: Mask) -> _Cue | None:
    """The cue nearest the end of the intro line's last sentence (window of CUE_WINDOW_TOKENS)."""
    end = toks.index_at_or_after(intro[1])
    for j in range(end - 1, max(-1, end - 1 - CUE_WINDOW_TOKENS), -1):
        if masked.covers(toks.spans[j][0]):
            continue
        if j < end - 1 and re.search(r"[.!?؟]\s", toks.text[toks.spans[j][1]:toks.spans[j + 1][0]]):
            return None
        n = source_marker_at(toks, j)
        if n:
            marker_end = toks.spans[j + n - 1][1]
            return _Cue("block", toks.text[toks.spans[j][0]:marker_end], phrase_after(toks, j + n, marker_end))
        if "speech_verbs" in kinds_of(toks.word(j), toks.lang):
            return _Cue("block", toks.word(j), subject_of(toks, j), toks.spans[j][0])
    return None


# ---------------------------------------------------------------- reported speech

def _indirect_quotes(toks: Tokens, bounds: Boundaries, masked: Mask, pairs, found: list[_Found]) -> list[_Found]:
    """Reported clauses after a speech verb or participle and a complementizer (قال إنّ، הוסיף כי، said that),
    merged with the direct quotes ``found`` by the dev convention (tests/gold/dev/README.md): a quotation
    that ends its reported clause is the item (direct), a clause that goes on after it is one indirect item,
    and a quotation appended after a comma gives both."""
    out: list[_Found] = []
    last_end = -1
    openers = {o: c for o, c, _ in pairs}
    for k, (s, _) in enumerate(toks.spans):
        kinds = kinds_of(toks.word(k), toks.lang)
        if masked.covers(s) or not (kinds & {"speech_verbs", "participle_cues"} or _leading_source(toks, k)):
            continue
        start = _clause_start(toks, k)
        if start is None or start < last_end or (toks.text[start] in FAMILY and start not in openers):
            continue  # an unclosed quotation after the complementizer is read by _unclosed_quotes
        end = _clause_end(toks, bounds, start, pairs)
        if start in openers:
            close = openers[start]
            if not toks.text[close + 1:end].strip() or toks.text[close + 1:end].lstrip()[:1] in ",،;:.!?؟":
                end = close + 1  # `הוסיף כי ״...״, בהתייחסות ...`: the quotation is the whole clause
        phrase = subject_of(toks, k) if "speech_verbs" in kinds else None
        items = _clause_items(toks, pairs, start, end, "indirect:" + toks.word(k), phrase, s)
        if items:
            out.extend(items)
            last_end = end
    taken = [(f.start, f.end) for f in out]
    kept = [f for f in found if not any(a < f.end + 1 and f.start - 1 < b for a, b in taken)]
    return sorted(kept + out, key=lambda f: f.start)


def _leading_source(toks: Tokens, k: int) -> bool:
    """`לדבריו, הסוללה ...`: a pronoun source marker and a comma introduce a reported sentence."""
    kinds = kinds_of(toks.word(k), toks.lang)
    if not ("source_markers" in kinds and "pronouns" in kinds) or k + 1 >= len(toks.spans):
        return False
    return bool(_COMMA_RE.search(toks.gap(toks.spans[k][1], toks.spans[k + 1][0])))


def _clause_items(toks: Tokens, pairs, start: int, end: int, cue: str, phrase: Phrase | None,
                  cue_at: int) -> list[_Found]:
    """Split the reported clause at coordinated complementizers (וכי, وأن, and that); each part that ends with
    a quotation gives that quotation, the other parts are joined into indirect items."""
    items: list[_Found] = []
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
                items.append(_Found(span[0], span[1], "indirect", cue, phrase, cue_at))
            run = None
        fs, fe = inner_span(toks.text, o, c)
        items.append(_Found(fs, fe, "direct", cue.split(":", 1)[1], phrase, cue_at, reported=True))
    if run:
        cs, ce = _trim_clause(toks.text, *run)
        if ce > cs and n_words(toks.text[cs:ce]) >= 2:
            items.append(_Found(cs, ce, "indirect", cue, phrase, cue_at))
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


def _final_fragment(toks: Tokens, pairs, start: int, end: int) -> tuple[int, int, bool] | None:
    """The quotation (open, close, appended?) that ends the clause part, unless it is a quoted name."""
    inside = [(o, c) for o, c, _ in pairs if start <= o and c < end + 1]
    if not inside:
        return None
    o, c = inside[-1]
    if toks.text[c + 1:end].strip(_TRAIL + "".join(FAMILY)) or _looks_like_name(toks, o, c, n_words(toks.text[o + 1:c])):
        return None
    lead = toks.text[start:o].rstrip()
    return o, c, bool(lead) and lead[-1] in ",،" and n_words(lead) >= 2


def _clause_start(toks: Tokens, k: int) -> int | None:
    """Offset where the reported clause begins, or None when no complementizer follows the verb."""
    n = len(toks.spans)
    if _leading_source(toks, k):
        return toks.spans[k + 1][0]
    if toks.lang == "he" and k + 1 < n and _he_sh_complementizer(toks, k):
        return toks.spans[k + 1][0] + 1
    for j in range(k + 1, min(n, k + 1 + COMPLEMENTIZER_WINDOW)):
        gap = toks.gap(toks.spans[j - 1][1], toks.spans[j][0])
        if _PUNCT_GAP.search(gap) or gap.count("\n") >= (2 if toks.wrapped else 1):
            return None  # the verb's sentence or paragraph ended before any complementizer
        kinds = kinds_of(toks.word(j), toks.lang)
        if is_cue(kinds):
            return None
        if "complementizers" in kinds:
            pos = toks.spans[j][1]
            while pos < len(toks.text) and toks.text[pos] in " \t\n:":
                pos += 1
            if pos >= len(toks.text) or ":" in toks.text[toks.spans[j][1]:pos]:
                return None  # `כי: ״...״`: the direct quotation carries it
            return pos
    return None


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


def _clause_end(toks: Tokens, bounds: Boundaries, start: int, pairs) -> int:
    """Sentence end (past any quotation it falls inside), or `, <another cue>` / `و<cue>` (، مشيرًا إلى ...)."""
    limit = min(len(toks.text), start + MAX_INDIRECT_CHARS)
    end = bounds.sentence_end(start, limit)
    for o, c, _ in pairs:  # pairs are sorted by their opening mark
        if o >= end:
            break
        if start <= o < end < c:
            end = bounds.sentence_end(c, min(len(toks.text), c + MAX_INDIRECT_CHARS))
    j = toks.index_at_or_after(start) + 1
    while j < len(toks.spans) and toks.spans[j][0] < end:
        gap_start = toks.spans[j - 1][1]
        gap = toks.gap(gap_start, toks.spans[j][0])
        kinds = kinds_of(toks.word(j), toks.lang)
        cue = is_cue(kinds) or bool(source_marker_at(toks, j))
        if cue and (_COMMA_RE.search(gap) or _coordinated(toks, j)):
            return gap_start
        if _COMMA_RE.search(gap) and "stop_words" in kinds and j + 1 < len(toks.spans) and \
                is_cue(kinds_of(toks.word(j + 1), toks.lang)):
            return gap_start  # `, אך הוסיף כי`, `, but added that`: a new clause with its own cue
        j += 1
    return max(start, end)


def _coordinated(toks: Tokens, j: int) -> bool:
    """`והזהיר כי`, `وشدد على`, `and said`: a second speech verb joined to the first starts a new clause."""
    if "speech_verbs" not in kinds_of(toks.word(j), toks.lang):
        return False
    if toks.lang == "en":
        return j > 0 and fold_str(toks.word(j - 1)) in ("and", "but")
    return fold_str(toks.word(j))[:1] in "وו"


_COMMA_RE = re.compile(r"[,،]")


def _trim_clause(text: str, s: int, e: int) -> tuple[int, int]:
    while e > s and text[e - 1] in _TRAIL:
        e -= 1
    while s < e and text[s].isspace():
        s += 1
    return s, e


# ---------------------------------------------------------------- speakers in document order

def _resolve_speakers(toks: Tokens, bounds: Boundaries, masked: Mask, found: list[_Found]) -> list[_Found]:
    """Walk cues and quotes in order and give each quote its speaker.

    An explicit subject wins. A cue without one (وأضاف، הוא הוסיף، a participle, `and said`) takes the
    nearest speaker named earlier in its own sentence, else the named subject that opens the sentence, else
    the last speaker of an earlier sentence (within CARRY_MAX_CHARS). An unnamed source (مصدر أمني) is a
    speaker too: it ends the carry, and reported speech from it is dropped.
    """
    events = _speaker_events(toks, masked)
    events += [(f.anchor, 1, i) for i, f in enumerate(found)]
    events.sort()
    last: tuple[str | None, int] | None = None
    in_sentence: list[tuple[int, str | None]] = []  # (sentence start, speaker) of this sentence's cues
    out = []
    for pos, typ, item in events:
        sentence = bounds.sentence_start(pos)
        if typ == 0:
            name, carries = item
            in_sentence = [x for x in in_sentence if x[0] == sentence] + [(sentence, name)]
            if carries:
                last = (name, pos)
            continue
        f = found[item]
        phrase = f.phrase if f.phrase is not None and f.phrase.name else None
        if phrase is not None:
            f.speaker = None if is_anonymous(toks, phrase) else phrase.name
        else:
            f.speaker = _implicit_speaker(toks, f, sentence, in_sentence, last, pos)
        f.speaker = _with_title_holder(toks, f.speaker, pos)
        if (f.kind == "indirect" or f.reported) and f.speaker is None:
            continue  # reported speech is kept only with a named speaker
        out.append(f)
        if f.speaker:
            last = (f.speaker, f.end)
    return sorted(out, key=lambda f: f.start)


def _speaker_events(toks: Tokens, masked: Mask) -> list[tuple[int, int, tuple[str | None, bool]]]:
    """(offset, 0, (speaker name or None for an unnamed source, carries)) for every verb or source marker with
    a subject. A source marker (לפי הודעת צה״ל) names a speaker for its own sentence only: `بحسب ما نقلت قناة`
    names the channel that reported the words, not who will speak next."""
    out = []
    for k, (s, _) in enumerate(toks.spans):
        if masked.covers(s):
            continue
        kinds = kinds_of(toks.word(k), toks.lang)
        phrase = None
        verb = bool(kinds & {"speech_verbs", "soft_verbs", "naming_verbs"})
        if "naming_verbs" in kinds and "speech_verbs" not in kinds:
            phrase = _naming_subject(toks, k)
        elif verb:
            phrase = subject_of(toks, k)
        elif "source_markers" in kinds and "pronouns" not in kinds:
            n = source_marker_at(toks, k)
            if n and k + n < len(toks.spans):
                phrase = phrase_after(toks, k + n, toks.spans[k + n - 1][1])
        if phrase is not None and phrase.name:
            out.append((s, 0, (None if is_anonymous(toks, phrase) else phrase.name, verb)))
    return out


def _implicit_speaker(toks: Tokens, f: _Found, sentence: int, in_sentence, last, pos: int) -> str | None:
    """The speaker of a cue without a subject: its sentence's speaker, its opening subject, or the carry."""
    here = [name for start, name in in_sentence if start == sentence]
    if here:
        return here[-1]
    first, k = toks.index_at_or_after(sentence), toks.index_at_or_after(f.anchor)
    for start in dict.fromkeys((_clause_first(toks, first, k), first)):
        subject = clause_subject(toks, start, k) if start < k else None
        if subject is not None:
            return None if is_anonymous(toks, subject) else subject.name
    if last is not None and pos - last[1] <= CARRY_MAX_CHARS:
        return last[0]
    return None


def _clause_first(toks: Tokens, first: int, k: int) -> int:
    """The first token of the comma-delimited clause holding token ``k`` (`..., ورفع المحتجون شعارات ...`)."""
    for j in range(k - 1, max(first, k - CUE_WINDOW_TOKENS), -1):
        if _COMMA_RE.search(toks.gap(toks.spans[j - 1][1], toks.spans[j][0])):
            return j
    return first


def _with_title_holder(toks: Tokens, speaker: str | None, pos: int) -> str | None:
    """`The Saudi crown prince` -> `The Saudi crown prince Mohammed bin Salman`: a speaker given by title alone
    is completed with the name that followed the same title earlier in the article (kept with its title, so
    both the phrase and the name stay in the record)."""
    if not speaker:
        return speaker
    holder = title_holder(toks, speaker, pos)
    return f"{speaker} {holder}" if holder else speaker


def _to_record(article: Article, text: str, f: _Found) -> Quote:
    return Quote(
        quote_id=stable_id(article.article_id, "quote", f.start, f.end),
        article_id=article.article_id,
        speaker=f.speaker,
        text=text[f.start:f.end],
        cue=f.cue,
        kind=f.kind,
        char_start=f.start,
        char_end=f.end,
    )
