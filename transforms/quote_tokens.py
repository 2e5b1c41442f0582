"""Speech-cue lexicons and article tokens: which lexicon lists a word is in, and where the words are.

Every quote module reads the text through ``Tokens`` (word spans with Hebrew geresh/gershayim stripped and
clitics split from a quotation mark) and ``kinds_of`` (speech verb, complementizer, role word, ...), so a
word is looked up the same way whether it opens a quote, a reported clause or a speaker phrase.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from babel.dates import get_day_names, get_month_names

from transforms.lexicon_files import lexicon_path, read_yaml_mapping, string_list
from transforms.normalize import fold_str, stem_candidates, word_spans
from transforms.quote_marks import mark_role

LANGS = ("ar", "he", "en")
KINDS = (
    "speech_verbs", "participle_cues", "soft_verbs", "manner_words", "complementizers", "source_markers",
    "pronouns", "post_markers", "object_words", "role_words", "connectors", "prepositions",
    "organisation_words", "stop_words", "non_speakers", "verb_prefixes", "anonymous_heads", "naming_verbs",
    "auxiliaries", "quoted_nouns", "honorifics", "sign_words", "passive_verbs",
    "warning_verbs", "subordinators", "object_markers", "finite_verbs", "relatives", "addressee_verbs",
    "medium_words", "speech_sources", "request_verbs",
)
# babel locales whose weekday and month names end a speaker phrase (بوتين اليوم، الجمعة ...).
_TIME_LOCALES = {"ar": ("ar", "ar_SY", "ar_MA"), "he": ("he",), "en": ("en",)}
# Characters between two tokens that end a speaker phrase or a multi-word source marker; a comma is handled
# separately (apposition).
STOP_GAP = re.compile(r"[.:;!?؟؛()\[\]{}\"“”«»„״'‘’׳—/|]")
_JOINERS = "-\u05be\u2013\u2010\u2011"


@dataclass(frozen=True)
class QuoteLexicon:
    """Folded word lists for one language; ``phrases`` holds the multi-word source markers as token tuples."""

    lang: str
    words: dict[str, frozenset[str]]
    phrases: tuple[tuple[str, ...], ...]
    time_words: frozenset[str]


@cache
def load_quote_lexicon(lang: str) -> QuoteLexicon:
    """Read ``lexicons/quotes.<lang>.yaml`` (cached) and add babel's weekday and month names."""
    path = lexicon_path("quotes", lang, LANGS)
    raw = read_yaml_mapping(path, KINDS)
    words = {k: frozenset(fold_str(w).strip() for w in string_list(raw, k, path)) for k in KINDS}
    phrases = tuple(sorted((tuple(fold_str(w).split()) for w in string_list(raw, "source_markers", path)
                            if " " in w.strip()), key=len, reverse=True))
    return QuoteLexicon(lang, words, phrases, _time_words(lang))


def _time_words(lang: str) -> frozenset[str]:
    """Every word of every wide weekday and month name in the language's babel locales."""
    out: set[str] = set()
    for loc in _TIME_LOCALES[lang]:
        names = list(get_day_names("wide", locale=loc).values()) + list(get_month_names("wide", locale=loc).values())
        for name in names:
            out.update(fold_str(w) for w in name.split())
    return frozenset(out)


def ends_phrase(toks: "Tokens", gap: str) -> bool:
    """Gap text that ends a speaker phrase: punctuation, or a paragraph break."""
    if STOP_GAP.search(gap):
        return True
    return gap.count("\n") >= (2 if toks.wrapped else 1)


# ---------------------------------------------------------------- tokens

@dataclass(frozen=True, slots=True)
class Tokens:
    """Word spans of an article with their folded forms; ``starts`` is kept for bisection."""

    text: str
    spans: tuple[tuple[int, int], ...]
    starts: tuple[int, ...]
    lang: str
    wrapped: bool  # hard-wrapped (PDF) text: a single newline is a space, not a paragraph end
    names: tuple[tuple[int, int], ...] = ()  # quoted names read as words (حركة “رجال الكرامة”), sorted

    def word(self, i: int) -> str:
        s, e = self.spans[i]
        return self.text[s:e]

    def index_at_or_after(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect.bisect_left(self.starts, pos)

    def gap(self, end: int, start: int) -> str:
        return self.text[end:start]

    def in_name(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a quoted name, whose words belong to the phrase around them."""
        k = bisect.bisect_right(self.names, (pos, len(self.text))) - 1
        return k >= 0 and pos < self.names[k][1]


_HARAKAT = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670\u0640"
_MARK_EDGES = "\u05f3\u05f4'\""


def tokenize(text: str, lang: str, wrapped: bool, names: tuple[tuple[int, int], ...] = ()) -> Tokens:
    """Word spans with Hebrew geresh/gershayim stripped from the edges (״הבה is the word הבה)."""
    spans = []
    for s, e in _split_at_marks(text, _split_arabic_punct(text, word_spans(text))):
        while s < e and text[s] in _MARK_EDGES:
            s += 1
        while e > s and text[e - 1] in _MARK_EDGES and not _is_acronym_end(text, s, e):
            e -= 1
        if e > s:
            spans.append((s, e))
    return Tokens(text, tuple(spans), tuple(s for s, _ in spans), lang, wrapped, names)


_INNER_MARKS = re.compile("[\"“”«»\u05f4]")


def _split_at_marks(text: str, spans):
    """`بـ"صمت` and `כ״מגן` are a clitic and the quotation's first word: split where a quotation mark opens
    or closes inside a token (an acronym's ״ in צה״ל neither opens nor closes, so it stays)."""
    for s, e in spans:
        pos = s
        for m in _INNER_MARKS.finditer(text, s + 1, e - 1):
            if mark_role(text, m.start()) is not None:
                if m.start() > pos:
                    yield pos, m.start()
                pos = m.end()
        if e > pos:
            yield pos, e


_AR_PUNCT = re.compile("[\u060c\u061b\u061f\u06d4]+")


def _split_arabic_punct(text: str, spans: list[tuple[int, int]]):
    """normalize.word_spans keeps the Arabic comma/semicolon/question mark inside words (they sit in the
    Arabic block); split there so ``أبيب،`` is the word ``أبيب`` followed by a comma."""
    for s, e in spans:
        pos = s
        for m in _AR_PUNCT.finditer(text, s, e):
            if m.start() > pos:
                yield pos, m.start()
            pos = m.end()
        if e > pos:
            yield pos, e


_GERESH_LETTERS = "גזצץת"  # ג׳ ז׳ צ׳ ץ׳ ת׳ spell sounds Hebrew lacks (סמוטריץ׳, ג׳ונסון)


def _is_acronym_end(text: str, s: int, e: int) -> bool:
    """``מס׳``, ``וכו׳`` or ``סמוטריץ׳``: a geresh that closes an abbreviation or a letter, not a quote."""
    if text[e - 1] != "\u05f3" or not (e == len(text) or not text[e].isalpha()):
        return False
    return e - s <= 4 or (e - s >= 2 and text[e - 2] in _GERESH_LETTERS)


@lru_cache(maxsize=131072)
def kinds_of(word: str, lang: str) -> frozenset[str]:
    """Lexicon lists a word belongs to, trying clitic-stripped forms (verbs: only their own clitics)."""
    lex = load_quote_lexicon(lang)
    folded = fold_str(word).strip(_JOINERS + "'\"")
    cands = stem_candidates(word, lang) if lang != "en" else (folded,)
    verb_cands = [folded] + [folded[len(p):] for p in lex.words["verb_prefixes"] if folded.startswith(p)]
    out = set()
    for kind in ("speech_verbs", "participle_cues", "soft_verbs", "manner_words", "naming_verbs", "quoted_nouns",
                 "passive_verbs", "warning_verbs", "request_verbs"):
        if any(c in lex.words[kind] for c in verb_cands):
            out.add(kind)
    if out & {"quoted_nouns", "passive_verbs"}:
        out.add("speech_verbs")  # نقلت الوكالة عن X قوله إن: the noun cues like a verb (its subject: see speakers)
    for kind in ("complementizers", "pronouns", "post_markers", "object_words", "connectors", "prepositions",
                 "stop_words", "non_speakers", "auxiliaries", "subordinators", "object_markers",
                 "finite_verbs", "relatives", "addressee_verbs", "speech_sources"):
        if folded in lex.words[kind] or (lang == "ar" and kind == "complementizers" and folded[:1] in "بوف"
                                         and folded[1:] in lex.words[kind]):
            out.add(kind)
    if lang == "ar" and "prepositions" in out and len(folded) >= 3 and word.rstrip(_HARAKAT).endswith("ي"):
        out.discard("prepositions")  # folding makes the name علي the preposition على; prepositions end in ى
    if lang == "ar" and _arabic_prepositional(folded, cands, lex):
        out.add("prepositions")
    if lang == "ar":  # مصدراً أمنياً: the accusative alef (tanween) is not part of the noun
        cands = tuple(cands) + tuple(c[:-1] for c in cands if len(c) > 3 and c.endswith("ا"))
    for kind in ("role_words", "organisation_words", "anonymous_heads", "honorifics", "sign_words", "medium_words"):
        if any(c in lex.words[kind] for c in cands):
            out.add(kind)
    if "honorifics" in out:
        out.add("role_words")
    if folded in lex.time_words or any(ch.isdigit() for ch in folded):
        out.add("stop_words")
    if folded in lex.words["source_markers"]:
        out.add("source_markers")
    return frozenset(out)


_AR_OBJECT_SUFFIXES = ("ه", "ها", "هم", "هما", "هن")


def _arabic_prepositional(folded: str, cands: tuple[str, ...], lex: QuoteLexicon) -> bool:
    """A preposition with a pronoun (عليها, له) or the dative ل before an organisation or title (لوكالة,
    للصحفيين): after a speech verb it is the addressee or place (كُتب عليها, قال لوكالة), never the subject."""
    preps = lex.words["prepositions"]
    if any(folded.endswith(x) and folded[:-len(x)] in preps for x in _AR_OBJECT_SUFFIXES):
        return True
    if not folded.startswith("ل") or len(folded) < 4:
        return False
    if folded.startswith("لل"):
        return True
    heads = lex.words["organisation_words"] | lex.words["role_words"]
    return folded not in heads and any(c in heads for c in cands if c != folded)


def is_cue(kinds: frozenset[str]) -> bool:
    return bool(kinds & {"speech_verbs", "participle_cues", "soft_verbs"})


def source_marker_at(toks: Tokens, i: int) -> int:
    """Number of tokens of the source marker starting at token ``i`` (0 when none)."""
    lex = load_quote_lexicon(toks.lang)
    for phrase in lex.phrases:  # longest first: بحسب قوله before بحسب
        n = len(phrase)
        if i + n <= len(toks.spans) and all(_phrase_word_matches(toks, i + k, w) for k, w in enumerate(phrase)):
            gaps = (toks.gap(toks.spans[i + k][1], toks.spans[i + k + 1][0]) for k in range(n - 1))
            if not any(STOP_GAP.search(gap) for gap in gaps):
                return n
    return 1 if "source_markers" in kinds_of(toks.word(i), toks.lang) else 0


def _phrase_word_matches(toks: Tokens, i: int, word: str) -> bool:
    folded = fold_str(toks.word(i))
    return folded == word or (toks.lang != "en" and folded[1:] == word and folded[:1] in "ו و")


def trailing_adjunct(toks: Tokens, j: int) -> bool:
    """A connector, a preposition or the medium of a statement (في بيان, בטקס) at the end of a phrase."""
    kinds = kinds_of(toks.word(j), toks.lang)
    if kinds & {"connectors", "prepositions"}:
        return True
    if "medium_words" not in kinds:
        return False
    return toks.lang == "he" and toks.word(j)[:1] == "ב" or (
        j > 0 and "prepositions" in kinds_of(toks.word(j - 1), toks.lang))


def skip_medium_before(toks: Tokens, j: int) -> int:
    """Index before `في بيان` / `בהודעה` that ends right before a verb, so the subject before it is read."""
    if j < 1 or "medium_words" not in kinds_of(toks.word(j), toks.lang) or not trailing_adjunct(toks, j):
        return j
    return j - 1 if toks.lang == "he" else j - 2
