"""Which paired quotation marks hold speech, and which hold a name, a title or a scare quote.

A pair is a quote only when a cue stands next to it or its length makes a title or a scare quote unlikely:
the headline's “بينيت”, the channel “روسيا اليوم”, ׳נר הזיכרון׳ are names, not speech. An opening mark that
is never closed is a quote when a cue and a complementizer or colon introduce it.
"""
from __future__ import annotations

import re

from transforms.quote_candidates import Candidate
from transforms.quote_cues import Cue, cue_after, cue_before, headline_cue
from transforms.quote_marks import FAMILY, TERMINAL, Boundaries, Mask, MarkPair, inner_span, n_words
from transforms.quote_tokens import Tokens, kinds_of

MIN_WORDS_ADJACENT = 1  # `قال: “نعم”` : a cue plus a colon/comma makes even one word a quote
MIN_WORDS_CUED = 4  # a cue elsewhere in the sentence: “نقاط التماس”, “خطٌ أحمر” (2-3 words) are scare quotes
MIN_WORDS_SOFT = 6  # attitude verbs (أبدى, expressed) cite shorter fragments as names than as speech
MIN_WORDS_UNCUED = 10  # no cue at all: names and titles in the samples have at most 7 words
MIN_WORDS_SOFT_BESIDE = 2  # `دعا ... إلى “ضبط النفس”`, `تبدي “قلقاً عميقاً”`: an attitude verb's own complement
MAX_UNCLOSED_CHARS = 300  # an opening mark with no closing one is read up to the clause end only
SIGN_WINDOW_TOKENS = 4  # `رافعين لافتات كُتب عليها “...”`, `carrying banners reading “...”`: sign, then 1-3 words
CONTINUATION_GAP_CHARS = 250  # `“A,” he said. “B.”`: B continues A's speaker when it follows this closely
_CLAUSE_END = re.compile(r"[,،;.:!?؟\n" + re.escape("".join(FAMILY)) + "]")


def direct_quotes(toks: Tokens, bounds: Boundaries, pairs: list[MarkPair], masked: Mask) -> list[Candidate]:
    """Accept the paired quotations that a cue, a continuation or their length vouches for."""
    out: list[Candidate] = []
    prev: Candidate | None = None
    for o, c, family in pairs:
        s, e = inner_span(toks.text, o, c)
        if e <= s or (out and s < out[-1].end + 1):
            continue  # empty, or nested in the previous accepted quotation
        cue = _attribution(toks, bounds, o, c, family, prev, masked)
        if cue is None:
            continue
        found = Candidate(s, e, "direct", cue.word, cue.phrase, cue.at)
        out.append(found)
        prev = found
    return out


def _attribution(toks: Tokens, bounds: Boundaries, o: int, c: int, family: str, prev: Candidate | None,
                 masked: Mask) -> Cue | None:
    """Decide whether the pair (o, c) is speech, and how it is attributed; None rejects it as a name/title."""
    text = toks.text
    words = n_words(text[o + 1:c])
    if words == 0:
        return None
    pre = cue_before(toks, bounds, o, masked)
    if pre is not None and pre.strength == "naming":
        return pre  # `what he called “constructive”`: an attributed fragment, however short
    if on_a_sign(toks, bounds, o):
        return None
    headline = headline_cue(toks, o) if pre is None else None
    if headline is not None:
        return headline
    if looks_like_name(toks, o, c, words):
        return None
    post = cue_after(toks, c)
    if pre is not None and pre.strength == "adjacent":
        return pre if words >= MIN_WORDS_ADJACENT else None
    if post is not None and post.strength == "post":
        return post
    if family == "single":
        return None  # single marks and geresh mark titles (׳נר הזיכרון׳) unless a cue stands right beside
    if pre is not None:
        need = MIN_WORDS_CUED
        if pre.strength == "soft" and "request_verbs" in kinds_of(pre.word or "", toks.lang) and \
                not re.search(r"[,،;.:!?؟]", toks.text[pre.at:o]):
            need = MIN_WORDS_ADJACENT  # `urged the board to release the data “immediately”`: the request's words
        elif pre.strength == "soft":
            need = MIN_WORDS_SOFT_BESIDE if _complement_of(toks, pre, o) else MIN_WORDS_SOFT
        elif "warning_verbs" in kinds_of(pre.word or "", toks.lang) and _complement_of(toks, pre, o, True):
            need = MIN_WORDS_ADJACENT  # `והזהיר את באקו מפני ״השלכות״`, `warned of “consequences”`
        return pre if words >= need else None
    if post is not None and words >= MIN_WORDS_CUED:
        return post
    if prev is not None and _continues(toks, bounds, prev, o) and words >= MIN_WORDS_CUED:
        return Cue("continuation", "continuation", None)
    return Cue("uncued", None, None) if words >= MIN_WORDS_UNCUED else None


def on_a_sign(toks: Tokens, bounds: Boundaries, o: int) -> bool:
    """A slogan written on a sign or banner (ونشאו שלטים בנוסח “...”): a sign word a few tokens before the
    mark, in its sentence; the dev README leaves such slogans out whoever carries them."""
    end = toks.index_at_or_after(o)
    floor = max(toks.index_at_or_after(bounds.sentence_start(o)), end - SIGN_WINDOW_TOKENS)
    return any("sign_words" in kinds_of(toks.word(j), toks.lang) for j in range(floor, end))


def _complement_of(toks: Tokens, cue: Cue, o: int, via_preposition: bool = False) -> bool:
    """The quotation is the verb's own complement: right after it (attitude verbs only) or after a
    preposition (a whole word: a clitic ל״...״ before a name is no complement), in the same clause."""
    k = toks.index_at_or_after(o) - 1
    if k < 0 or cue.at < 0 or re.search(r"[,،;.:!?؟]", toks.text[cue.at:o]):
        return False
    if via_preposition:  # the preposition right before the mark, or before one word (accused X of taking “...”)
        if toks.spans[k][0] > cue.at and toks.word(k).rstrip("\u0640") in _ACCUSED_OF:
            return True  # `האשים את X ב״...״`, `اتهم X بـ"..."`: the clitic of what one is accused of
        return toks.spans[k][1] < o and any(toks.spans[m][0] > cue.at and _prepositional(toks, m) for m in (k, k - 1))
    if k > 0 and toks.spans[k - 1][0] == cue.at and "object_markers" in kinds_of(toks.word(k), toks.lang):
        return True  # `והביע את ״...״`: the object marker introduces the verb's own complement
    return toks.spans[k][0] == cue.at or "prepositions" in kinds_of(toks.word(k), toks.lang)


_CLITIC_PREPOSITIONS = {"ar": "بل", "he": "בלמ", "en": ""}


def _prepositional(toks: Tokens, m: int) -> bool:
    """A whole-word preposition, or a noun with a clitic one (هدد باستئناف العمليات “...”, איים בחידוש ...)."""
    word = toks.word(m)
    if len(word) > 1 and "prepositions" in kinds_of(word, toks.lang):
        return True
    return len(word) >= 5 and word[0] in _CLITIC_PREPOSITIONS[toks.lang] and not kinds_of(word, toks.lang)


# A clitic preposition glued to the mark (ל״...״ before a name) is no complement, except the ב/ب of what a
# verb of accusing charges someone with (האשים את X ב״...״, اتهم X بـ"...").
_ACCUSED_OF = ("ב", "ب")

NAME_MAX_WORDS = 6  # حركة “رجال الكرامة”, ערוץ ״פוקס ניוז״: an organisation's quoted name is short


def organisation_names(toks: Tokens, pairs: list[MarkPair]) -> list[MarkPair]:
    """Pairs that quote an organisation's name right after its noun (حركة “رجال الكرامة”, the group “M23”):
    the marks belong to the noun phrase, so a speaker phrase or a reported clause can run through them."""
    out = []
    for o, c, family in pairs:
        k = toks.index_at_or_after(o) - 1
        if k < 0 or toks.text[toks.spans[k][1]:o].strip() or not 0 < n_words(toks.text[o + 1:c]) <= NAME_MAX_WORDS:
            continue
        kinds = kinds_of(toks.word(k), toks.lang)
        if "organisation_words" in kinds and "naming_verbs" not in kinds:  # `what he called “...”` is speech
            out.append((o, c, family))
    return out


def blank_marks(text: str, pairs: list[MarkPair]) -> str:
    """``text`` with the marks of ``pairs`` turned into spaces: same length, so every offset still holds."""
    chars = list(text)
    for o, c, _ in pairs:
        chars[o] = chars[c] = " "
    return "".join(chars)


def looks_like_name(toks: Tokens, o: int, c: int, words: int) -> bool:
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


def _continues(toks: Tokens, bounds: Boundaries, prev: Candidate, o: int) -> bool:
    """The quotation opens a sentence shortly after the previous quotation, in the same paragraph."""
    gap = toks.text[prev.end:o]
    if len(gap) > CONTINUATION_GAP_CHARS or ("\n" in gap and not toks.wrapped):
        return False
    return not toks.text[bounds.sentence_start(o):o].strip()


def unclosed_quotes(toks: Tokens, bounds: Boundaries, unclosed: list[int], masked: Mask) -> list[Candidate]:
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
        pre = cue_before(toks, bounds, o, masked)
        if pre is None or pre.strength == "soft":
            continue
        m = _CLAUSE_END.search(toks.text, o + 1, o + 1 + MAX_UNCLOSED_CHARS)
        end = m.start() if m else o + 1
        s, e = inner_span(toks.text, o, end)
        if e > s and n_words(toks.text[s:e]) >= MIN_WORDS_CUED:
            out.append(Candidate(s, e, "direct", pre.word, pre.phrase, pre.at))
    return out
