"""Where the cue attributing a quotation is: before the opening mark, right after the closing one, or in the
headline.

A cue is a speech verb (قال, אמר, said), a participle (مؤكدًا), a source marker (לפי, according to), an
attitude verb (أبدى, expressed: "soft") or a naming verb (called, وصفه بـ, כינה). Its strength says how
closely it is tied to the quotation, which transforms/quote_direct.py uses to decide whether a short
quotation is speech or a name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.gazetteer import load_gazetteer
from transforms.normalize import fold_str
from transforms.quote_marks import Boundaries, Mask
from transforms.quote_tokens import Tokens, kinds_of, source_marker_at
from transforms.speakers import (MAX_APPOSITION_WORDS, Phrase, appositive_end, is_anonymous, name_run_before,
                                 phrase_after, phrase_before, subject_of)

CUE_WINDOW_TOKENS = 30  # 003's Bennett quote has its verb 11 tokens before the mark (אישר בנאומו ... כי:)
POST_CUE_TOKENS = 9  # `“...,” European Commission President Ursula von der Leyen said`: 7 subject tokens
NAMING_MAX_TOKENS = 4  # `called the measures “...”`, `תיאר את המערכת כ״...״`: a naming verb and its object
HEADLINE_MAX_CHARS = 250  # a first line longer than this is a paragraph, not a headline
CITATION_MAX_CHARS = 80  # `״...״ (Interfax, 2020), ציין X`: a bracketed citation between quote and cue
_ADJ_FILLER = re.compile(r"[\s:,،;\-–—]*")


@dataclass(frozen=True, slots=True)
class Cue:
    """How a quotation is attributed: the cue word, an explicit speaker phrase (or None: carry), the strength."""

    strength: str  # adjacent | post | window | soft | naming | headline | continuation | uncued | block
    word: str | None
    phrase: Phrase | None
    at: int = -1  # offset of the cue word; -1 when there is none


def cue_before(toks: Tokens, bounds: Boundaries, o: int, masked: Mask) -> Cue | None:
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
            return Cue(*_upgrade(toks, o, toks.text[toks.spans[j][0]:marker_end], phrase, marker_end, "window"),
                        at=toks.spans[j][0])
        kinds = kinds_of(toks.word(j), toks.lang)
        if "naming_verbs" in kinds and end - j <= NAMING_MAX_TOKENS and _names_quote(toks, j):
            return Cue("naming", toks.word(j), naming_subject(toks, j), toks.spans[j][0])
        if "speech_verbs" in kinds:
            phrase = subject_of(toks, j)
            return _cue_from(toks, o, j, phrase, "window")
        if "participle_cues" in kinds:
            return _cue_from(toks, o, j, None, "window")
        if "soft_verbs" in kinds:
            return Cue("soft", toks.word(j), subject_of(toks, j), toks.spans[j][0])
    return None


def _cue_from(toks: Tokens, o: int, j: int, phrase: Phrase | None, strength: str) -> Cue:
    """The cue of the verb at token ``j``, upgraded to 'adjacent' when nothing but fillers separates it from ``o``."""
    return Cue(*_upgrade(toks, o, toks.word(j), phrase, toks.spans[j][1], strength), at=toks.spans[j][0])


def _upgrade(toks: Tokens, o: int, word: str, phrase: Phrase | None, cue_end: int, strength: str
             ) -> tuple[str, str, Phrase | None]:
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


def _names_quote(toks: Tokens, j: int) -> bool:
    """A naming verb attributes the quotation when it has a subject or follows ما (ما وصفه بـ“...”);
    `a ship called “Ever Given”` has neither, and its quotation is a name."""
    if j > 0 and fold_str(toks.word(j - 1)) in ("ما", "بما", "مما", "what"):
        return True
    subject = naming_subject(toks, j)
    return subject is not None and (subject.pronoun or not is_anonymous(toks, subject))


def naming_subject(toks: Tokens, j: int) -> Phrase | None:
    """The naming verb's subject: before it in English and Hebrew, after it in Arabic unless the verb
    carries an object suffix (وصفه), which leaves the subject to the sentence."""
    if toks.lang == "he" and fold_str(toks.word(j))[:1] == "ו":
        s, e = toks.spans[j]  # `גינה את המהלך והגדיר אותו ״...״`: a coordinated verb shares its clause's subject
        return Phrase(s, e, None, pronoun=True)
    if toks.lang != "ar":
        return phrase_before(toks, j)
    return phrase_after(toks, j + 1, toks.spans[j][1]) if j + 1 < len(toks.spans) else None


def cue_after(toks: Tokens, c: int) -> Cue | None:
    """A cue right after the closing mark: `״, כך הודיע X`, `”، قال X`, `," said X`, `," X said`."""
    skipped = _skip_after_close(toks.text, c)
    if skipped is None:
        return None
    pos, comma = skipped
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
        return Cue(strength, toks.text[toks.spans[j][0]:end], phrase_after(toks, j + n, end), toks.spans[j][0])
    return _post_verb(toks, j, strength)


def _skip_after_close(text: str, c: int) -> tuple[int, bool] | None:
    """(offset of the first word after the closing mark, whether a comma ties it to the quotation), skipping
    white space, dashes and a bracketed citation; None when a bracket is never closed."""
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
    return pos, comma


def _post_verb(toks: Tokens, j: int, strength: str) -> Cue | None:
    """A speech verb within POST_CUE_TOKENS of token ``j``, in the same sentence, with its subject after it
    (`said X`) or before it (`X said`), or after a name and its appositive (`X, the head of ..., told`)."""
    named = _post_appositive(toks, j, strength)
    if named is not None:
        return named
    for m in range(j, min(len(toks.spans), j + POST_CUE_TOKENS + 1)):
        if m > j and re.search(r"[.:;!?؟\"“”״«»]", toks.text[toks.spans[m - 1][1]:toks.spans[m][0]]):
            return None
        kinds = kinds_of(toks.word(m), toks.lang)
        if "speech_verbs" in kinds:
            inverted = m == j and "passive_verbs" not in kinds  # `, נמסר מהשב״כ`: the source after מ
            phrase = phrase_after(toks, m + 1, toks.spans[m][1]) if inverted else subject_of(toks, m)
            if m == j and phrase is None and m + 1 < len(toks.spans):
                phrase = subject_of(toks, m)
            return Cue(strength, toks.word(m), phrase, toks.spans[m][0])
    return None


def _post_appositive(toks: Tokens, j: int, strength: str) -> Cue | None:
    """`“...,” Roberto Canseco, the head of Mexico's consular section, told reporters`: a name, its
    appositive between commas, then the speech verb (English; the appositive outruns POST_CUE_TOKENS)."""
    if toks.lang != "en":
        return None
    for m in range(j + 1, min(len(toks.spans), j + MAX_APPOSITION_WORDS + 1)):
        gap = toks.text[toks.spans[m - 1][1]:toks.spans[m][0]]
        if re.search(r"[.:;!?؟\"“”]", gap):
            return None
        if re.search(r"[,]", gap):
            end = appositive_end(toks, m)
            name = name_run_before(toks, m - 1)
            if end is None or name is None or name.start != toks.spans[j][0] or end + 1 >= len(toks.spans):
                return None
            verb = end + 1
            if "speech_verbs" not in kinds_of(toks.word(verb), toks.lang):
                return None
            return Cue(strength, toks.word(verb), name, toks.spans[verb][0])
    return None


def headline_cue(toks: Tokens, o: int) -> Cue | None:
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
    return Cue("headline", "headline", Phrase(m.start, m.end, m.text))
