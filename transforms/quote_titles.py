"""A speaker given by title alone (`The Saudi crown prince`, `الوزير`) completed with the name that followed
the same title earlier in the article; transforms/quote_speakers.py calls it after the document walk."""
from __future__ import annotations

from transforms.gazetteer import load_gazetteer
from transforms.normalize import fold_str
from transforms.quote_tokens import Tokens, kinds_of
from transforms.quote_arabic_names import has_article
from transforms.speakers import phrase_after, tidy

HE_BODY_WORDS = frozenset({"משרד", "לשכת"})  # משרד החוץ is the ministry, no holder (hand list, nf)
TITLE_LOOKBACK_CHARS = 4000  # a title alone refers to a holder named at most this far back (bounded: linear)


def title_holder(toks: Tokens, speaker: str, pos: int) -> str | None:
    """The name that followed the same title earlier in the text, when ``speaker`` is a title alone.

    `The Saudi crown prince` is titles, a connector and a state; earlier, `Saudi Crown Prince Mohammed bin
    Salman` put the name after the same titles, so the holder is `Mohammed bin Salman`.
    """
    titles = _title_stems(toks, speaker)
    if not titles:
        return None
    first = toks.index_at_or_after(max(0, pos - TITLE_LOOKBACK_CHARS))
    holder = None
    for i in range(first, toks.index_at_or_after(pos)):
        if _role_stem(toks.word(i), toks.lang) not in titles:
            continue
        phrase = phrase_after(toks, i, toks.spans[i][0])
        if phrase is None or not phrase.name or phrase.end > pos:
            continue
        span = range(i, toks.index_at_or_after(phrase.end))
        if titles <= {_role_stem(toks.word(x), toks.lang) for x in span}:
            holder = _trailing_name(toks, toks.index_at_or_after(phrase.start), span[-1]) or holder
    return holder


def _role_stem(word: str, lang: str) -> str | None:
    """The folded role word without its article (الوزير -> وزير, The -> None), or None for other words."""
    if "role_words" not in kinds_of(word, lang):
        return None
    folded = fold_str(word).lower()
    for article in {"ar": ("ال",), "he": ("ה",), "en": ()}[lang]:
        if folded.startswith(article) and len(folded) > len(article) + 2:
            return folded[len(article):]
    return folded


def _title_stems(toks: Tokens, speaker: str) -> frozenset[str]:
    """The title words of a speaker phrase made only of titles, connectors and states; else empty."""
    mentions = load_gazetteer().find(speaker)
    if any(m.is_person_like or m.entries[0].kind not in ("state", "capital") for m in mentions):
        return frozenset()  # a person or an organisation (غوتيريش is IGOUNO) is named already
    places = {w for m in mentions for w in m.text.split()}
    stems = set()
    complement_due = False
    for word in speaker.split():
        stem = _role_stem(word, toks.lang)
        if stem:
            stems.add(stem)
            complement_due = toks.lang == "he" and stem not in HE_BODY_WORDS
        elif complement_due and _definite_he(word):
            complement_due = False  # שר החוץ: one definite complement right after the title
        elif word not in places and "connectors" not in kinds_of(word, toks.lang):
            return frozenset()
    return frozenset(stems)


def _trailing_name(toks: Tokens, first: int, last: int) -> str | None:
    """The words at the end of tokens ``first``..``last`` after the last title: the holder's name."""
    if toks.lang != "en":
        return _name_after_title(toks, first, last)
    start = last + 1
    while start > first and not kinds_of(toks.word(start - 1), toks.lang) & {"role_words"}:
        start -= 1
    if start > last:
        return None
    return tidy(toks.text[toks.spans[start][0]:toks.spans[last][1]])


HE_NAME_WORDS = 2  # ישראל כ״ץ: a Hebrew name after a title when the phrase ran on past ...
HE_RUN_ON_WORDS = 4  # ... this many plain words (ישראל כ״ץ נפגש עם); three may be one name (שאקיר אוזקאן טורונלר)
NAME_PARTICLES = frozenset({"בן", "בר", "אבו", "אל", "דה",  # איתמר בן גביר: a particle adds no name word
                            "بن", "ابن", "بنت", "ابو", "أبو", "آل"})  # محمد بن سلمان


def _name_after_title(toks: Tokens, first: int, last: int) -> str | None:
    """Arabic and Hebrew write no capitals, so a speaker phrase may run on past the name into the verb
    (`השר ישראל כ״ץ נפגש עם`, `وزير الخارجية أيمن الصفدي التقى`): walk forward from the last title, skip
    its definite complement (שר החוץ), and take plain words only while they can still be the name."""
    roles = [x for x in range(first, last + 1) if "role_words" in kinds_of(toks.word(x), toks.lang)]
    start = roles[-1] + 1 if roles else first
    if toks.lang == "he" and roles and start <= last and _definite_he(toks.word(start)):
        start += 1  # one complement: שר החוץ
    end, words = None, []
    for x in range(start, last + 1):
        word, folded = toks.word(x), fold_str(toks.word(x))
        if folded in NAME_PARTICLES and end is not None:
            continue  # בן in איתמר בן גביר, بن in محمد بن سلمان (also lexicon connectors)
        if kinds_of(word, toks.lang):
            break
        if toks.lang == "ar" and has_article(folded):
            if end is None or not folded.endswith("ي"):
                break
            end = x  # أيمن الصفدي: a masculine ال-nisba after a given name is the family name, and ends it
            break
        words.append(x)
        end = x
    if toks.lang == "he" and len(words) >= HE_RUN_ON_WORDS:
        end = words[HE_NAME_WORDS - 1]
    if end is None:
        return None
    return tidy(toks.text[toks.spans[start][0]:toks.spans[end][1]])


def _definite_he(word: str) -> bool:
    """A Hebrew word with the article ה (החוץ): after a title it is the title's complement, not a name."""
    folded = fold_str(word)
    return folded.startswith("ה") and len(folded) > 3
