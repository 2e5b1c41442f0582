"""Give each quote its speaker, walking cues and quotes in document order.

transforms/speakers.py reads the speaker phrase beside one cue; this module decides what a quote without
one (a pronoun, a participle, ואמר) inherits: the nearest speaker named in the same sentence, else the
sentence's opening subject, else the last speaker within a bounded distance.
"""
from __future__ import annotations

import re

from transforms.gazetteer import load_gazetteer
from transforms.normalize import fold_str
from transforms.quote_candidates import Candidate
from transforms.quote_cues import CUE_WINDOW_TOKENS, naming_subject
from transforms.quote_marks import Boundaries, Mask
from transforms.quote_titles import title_holder
from transforms.quote_tokens import Tokens, kinds_of, source_marker_at
from transforms.speakers import Phrase, is_anonymous, make_phrase, phrase_after, subject_of

CARRY_MAX_CHARS = 1500  # a pronoun inherits a speaker named at most this far back (about two paragraphs)
_COMMA = re.compile(r"[,،]")


def assign_speakers(toks: Tokens, bounds: Boundaries, masked: Mask, found: list[Candidate]) -> list[Candidate]:
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
        speaker = _speaker_of(toks, masked, f, sentence, in_sentence, last, pos)
        f.speaker = _with_title_holder(toks, speaker, pos)
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
            phrase = naming_subject(toks, k)
        elif verb:
            phrase = subject_of(toks, k)
        elif "source_markers" in kinds and "pronouns" not in kinds:
            n = source_marker_at(toks, k)
            if n and k + n < len(toks.spans):
                phrase = phrase_after(toks, k + n, toks.spans[k + n - 1][1])
        if phrase is not None and phrase.name:
            out.append((s, 0, (None if is_anonymous(toks, phrase) else phrase.name, verb)))
    return out


def _speaker_of(toks: Tokens, masked: Mask, f: Candidate, sentence: int, in_sentence: list[tuple[int, str | None]],
                last: tuple[str | None, int] | None, pos: int) -> str | None:
    """The candidate's explicit subject (None for an unnamed source), else the implicit speaker."""
    phrase = f.phrase if f.phrase is not None and f.phrase.name else None
    if phrase is not None:
        return None if is_anonymous(toks, phrase) else phrase.name
    return _implicit_speaker(toks, masked, f, sentence, in_sentence, last, pos)


def _implicit_speaker(toks: Tokens, masked: Mask, f: Candidate, sentence: int,
                      in_sentence: list[tuple[int, str | None]], last: tuple[str | None, int] | None,
                      pos: int) -> str | None:
    """The speaker of a cue without a subject: its sentence's speaker, its opening subject, or the carry."""
    here = [name for start, name in in_sentence if start == sentence]
    if here:
        return here[-1]
    first, k = toks.index_at_or_after(sentence), toks.index_at_or_after(f.anchor)
    for start in dict.fromkeys((_clause_first(toks, first, k), first)):
        # `״... הונגריה לא תהיה ...״, הוסיף`: a clause that opens inside the quotation has no subject for the cue
        inside = start < len(toks.spans) and masked.covers(toks.spans[start][0])
        subject = clause_subject(toks, start, k) if start < k and not inside else None
        if subject is not None:
            return None if is_anonymous(toks, subject) else subject.name
    if last is not None and pos - last[1] <= CARRY_MAX_CHARS:
        return last[0]
    return None


def _clause_first(toks: Tokens, first: int, k: int) -> int:
    """The first token of the comma-delimited clause holding token ``k`` (`..., ورفع المحتجون شعارات ...`)."""
    for j in range(k - 1, max(first, k - CUE_WINDOW_TOKENS), -1):
        if _COMMA.search(toks.gap(toks.spans[j - 1][1], toks.spans[j][0])):
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


# ---------------------------------------------------------------- the subject that opens a clause

def clause_subject(toks: Tokens, first: int, k: int) -> Phrase | None:
    """The named subject that opens the clause of tokens ``first`` .. ``k`` (exclusive), if any.

    Arabic opens with a verb (وتقدّمت وزارة الخارجية ...), Hebrew and English with the subject (שר החוץ ישראל
    כ״ץ תקף ...); one leading adverbial set off by a comma (במקביל, / In Berlin,) is skipped.
    """
    for i in range(first + 1, min(k, first + 4)):
        if _COMMA.search(toks.gap(toks.spans[i - 1][1], toks.spans[i][0])):
            first = i
            break
    if toks.lang == "ar":
        if first + 1 >= k or fold_str(toks.word(first))[:1] not in "وف" or kinds_of(toks.word(first), "ar"):
            return None
        first += 1
    if first >= k:
        return None
    phrase = phrase_after(toks, first, toks.spans[first][0])
    if phrase is None or not phrase.name or phrase.end > toks.spans[k][0]:
        return None
    phrase = _drop_verb_before_object(toks, phrase)
    return phrase if _looks_named(toks, phrase) else None


def _drop_verb_before_object(toks: Tokens, phrase: Phrase) -> Phrase:
    """`שר החוץ ישראל כ״ץ תקף את ההחלטה`: the word before the object marker את is the verb, not the name."""
    last = toks.index_at_or_after(phrase.end) - 1
    first = toks.index_at_or_after(phrase.start)
    if toks.lang == "he" and last > first and last + 1 < len(toks.spans) and fold_str(toks.word(last + 1)) == "את":
        return make_phrase(toks, first, last - 1) or phrase
    return phrase


def _looks_named(toks: Tokens, phrase: Phrase) -> bool:
    """A clause subject counts as a speaker when it holds a title or a gazetteer actor (English: capitalised)."""
    idx = range(toks.index_at_or_after(phrase.start), toks.index_at_or_after(phrase.end))
    if any("role_words" in kinds_of(toks.word(i), toks.lang) for i in idx):
        return True
    if toks.lang == "en":
        return True  # phrase_after keeps capitalised words only
    return bool(load_gazetteer().find(toks.text[phrase.start:phrase.end]))
