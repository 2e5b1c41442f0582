"""The speaker phrase next to a cue.

The quote extractor (transforms/quotes.py) decides *where* a quotation is; this module answers *who* said
it, by reading the words beside a speech verb or a source marker: ``قال بوتين``, ``כך הודיע יושב הראש ...,
זאב אלקין``, ``Russian President Vladimir Putin said``. There is no named-entity model (none may be
downloaded), so a speaker phrase is a run of role words (from the lexicon, transforms/quote_tokens.py) and
other content words that stops at punctuation, prepositions, complementizers, time words or a length cap;
an apposition ``<role ...>, <Name>`` yields the name alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.gazetteer import load_gazetteer
from transforms.normalize import fold_str
from transforms.quote_arabic_names import (amma_topic, family_nisba_after, has_article, is_nisba,
                                          name_after_honorific, name_slot_after_nisba, title_and_name_ahead)
from transforms.quote_tokens import (Tokens, ends_phrase, kinds_of, load_quote_lexicon, skip_medium_before,
                                     source_marker_at, trailing_adjunct)

# Speaker phrase caps. A phrase is at most this many tokens long (003's "יושב הראש המשותף של הוועדה
# הכלכלית הבין־ממשלתית המשותפת ישראל–רוסיה, זאב אלקין" needs 13); content (non-role) words are capped
# lower, more when a role word opened the phrase (a role is followed by a place and then the name).
MAX_SPEAKER_TOKENS = 14
MAX_NAME_WORDS = {"ar": 2, "he": 3, "en": 4}
MAX_NAME_WORDS_AFTER_ROLE = {"ar": 4, "he": 5, "en": 5}
MAX_APPOSITION_WORDS = 4  # ", זאב אלקין" after a role phrase: a name is at most four words
_COMMA = re.compile(r"[,،]")


# ---------------------------------------------------------------- speaker phrases

@dataclass(frozen=True, slots=True)
class Phrase:
    """A speaker phrase: its span in the text, the tidied name, and whether it is only a pronoun."""

    start: int
    end: int
    name: str | None  # None for a pronoun (the caller carries the previous speaker)
    pronoun: bool = False


def tidy(text: str) -> str:
    return " ".join(text.split())


def phrase_after(toks: Tokens, i: int, start_pos: int) -> Phrase | None:
    """The speaker phrase that starts at token ``i`` (right after a verb or source marker at ``start_pos``)."""
    lang, n = toks.lang, len(toks.spans)
    prev_end, first = start_pos, None
    roles = names = 0
    last = None
    j = i
    while j < n and j - i < MAX_SPEAKER_TOKENS:
        s, e = toks.spans[j]
        gap = toks.gap(prev_end, s)
        kinds = kinds_of(toks.word(j), lang)
        if ends_phrase(toks, gap):
            break
        if _COMMA.search(gap):
            if roles and first is not None:
                name = _apposition(toks, j)
                if name:
                    return name
            break
        if first is None and "object_words" in kinds:
            prev_end, j = e, j + 1
            continue
        if first is None and "pronouns" in kinds:
            return Phrase(s, e, None, pronoun=True)
        if first is None and j == i and lang == "he":
            role = _role_after_adverbial_he(toks, j)
            if role is not None:  # `״...״, אמר לפני ההצבעה שגריר פלסטין`: skip the adverbial to the title
                prev_end, j = toks.spans[role - 1][1], role
                continue
        step = _classify_forward(toks, j, kinds, roles, names, last)
        if step is None:
            name_end = title_and_name_ahead(toks, j) if roles and first is not None else None
            if name_end is not None:
                last = name_end  # رئيس هيئة قناة السويس الفريق أسامة ربيع أن: the rank and name end the phrase
            break
        if step == "role" and roles and lang == "ar" and "honorifics" in kinds:
            name_end = name_after_honorific(toks, j)
            if name_end is not None:  # رئيس المجلس الدكتور سامي الخوري الحكومةَ: the name ends the phrase
                return make_phrase(toks, first, name_end)
        if step == "role":
            roles += 1
        elif step == "name":
            names += 1
            if names > (MAX_NAME_WORDS_AFTER_ROLE if roles else MAX_NAME_WORDS)[lang]:
                break
        if first is None:
            first = j
        last = j
        prev_end, j = e, j + 1
    return make_phrase(toks, first, last)


ADVERBIAL_MAX_TOKENS = 3  # לפני ההצבעה, במהלך הדיון הסוער: a short prepositional phrase before the subject


def _role_after_adverbial_he(toks: Tokens, j: int) -> int | None:
    """Index of the title that follows a short prepositional phrase starting at ``j`` (Hebrew), else None."""
    word = toks.word(j)
    if not (_prepositional_he(word) or "prepositions" in kinds_of(word, "he")):
        return None
    for m in range(j + 1, min(len(toks.spans), j + 1 + ADVERBIAL_MAX_TOKENS)):
        gap = toks.gap(toks.spans[m - 1][1], toks.spans[m][0])
        if ends_phrase(toks, gap) or _COMMA.search(gap):
            return None
        if "role_words" in kinds_of(toks.word(m), "he"):
            return m
    return None


def _classify_forward(toks: Tokens, j: int, kinds: frozenset[str], roles: int, names: int,
                      last: int | None) -> str | None:
    """'role', 'name', 'mod' (a word that neither counts nor stops), or None to stop the phrase."""
    stopping = {"speech_verbs", "participle_cues", "soft_verbs", "manner_words", "complementizers", "stop_words",
                "pronouns", "post_markers", "naming_verbs"}
    if toks.in_name(toks.spans[j][0]):
        return "mod"  # حركة “رجال الكرامة”: the quoted name completes the organisation word
    if kinds & stopping or (source_marker_at(toks, j) and last is not None):
        return None
    if "connectors" in kinds:
        return "mod"
    if "prepositions" in kinds:
        return "mod" if roles and not names else None
    if "role_words" in kinds:
        return "role"
    word = toks.word(j)
    if toks.lang == "en" and not word[:1].isupper():
        return None
    if toks.lang == "ar":
        folded = fold_str(word)
        if len(folded) >= 5 and word.endswith("ه") and not name_slot_after_nisba(toks, roles, names, last):
            return None  # a possessive suffix (اهتمامه، تعيينه): an object, not a name
        if has_article(folded) and not word.startswith(("أل", "إل")):  # ألباريس: a hamza makes أل no article
            prev_is_connector = last is not None and "connectors" in kinds_of(toks.word(last), "ar")
            if names == 1 and roles and last is not None and "role_words" not in kinds_of(toks.word(last), "ar"):
                return "name"  # a family name after a titled first name: رئيس الوزراء بشر الخصاونة
            if names and roles and last is not None and family_nisba_after(toks, last, folded):
                return "name"  # رئيس الوزراء العراقي محمد شياع السوداني: the family name after given names
            if names and last is not None and has_article(fold_str(toks.word(last))) and is_nisba(folded):
                return "mod"  # الجبهة المغربية: a nisba adjective agrees with the noun before it
            if names and not prev_is_connector:
                return None  # بوتين العلاقات: the object after the subject
            return "mod" if roles else "name"
    if toks.lang == "he":
        if roles and word[:1] == "ה":
            return "mod"  # the definite modifiers of a role: יושב הראש המשותף של הוועדה
        if roles and _names_actor(word):
            return "mod"  # the state or body a title belongs to (שגריר פלסטין באו״ם), not a name word
        if (roles or names) and _adverbial_possessive_he(word):
            return None  # אמר ראש הממשלה בנאומו: 'in his speech' after the subject is an adverbial
        if names >= 2 and len(word) >= 4 and word[0] in "בלמכ" and not word.startswith(_HE_NAME_PREFIXES):
            return None  # a prepositional phrase after the name: ... אנדריי גרומיקו במושב השני
    return "name"


_HE_NAME_PREFIXES = ("בן־", "בן-", "בת־", "בת-")


def _adverbial_possessive_he(word: str) -> bool:
    """A ב-word with a possessive suffix (בנאומו, בדבריו, בהודעתה): a prepositional phrase, never a name."""
    folded = fold_str(word)
    return len(folded) >= 5 and folded[0] == "ב" and folded.endswith(("ו", "יו", "תה", "יה")) \
        and not word.startswith(_HE_NAME_PREFIXES)


def _names_actor(word: str) -> bool:
    """The word alone is a state, capital or organisation in the gazetteer (פלסטין, באו״ם, במוסקבה)."""
    return any(m.entries[0].kind in ("state", "capital", "org") and m.text == word for m in load_gazetteer().find(word))


def _apposition(toks: Tokens, j: int) -> Phrase | None:
    """After ``<role ...>,`` : up to four words closed by punctuation or a stop word form the name."""
    first, k = j, j
    prev_end = toks.spans[j][0]
    while k < len(toks.spans) and k - j < MAX_APPOSITION_WORDS:
        s, e = toks.spans[k]
        gap = toks.gap(prev_end, s)
        if k > j and (ends_phrase(toks, gap) or _COMMA.search(gap)):
            break
        kinds = kinds_of(toks.word(k), toks.lang)
        if kinds & {"speech_verbs", "participle_cues", "complementizers", "stop_words", "prepositions",
                    "pronouns"} or source_marker_at(toks, k) or (toks.lang == "en" and not toks.word(k)[:1].isupper()):
            break
        prev_end, k = e, k + 1
    if all("role_words" in kinds_of(toks.word(x), toks.lang) for x in range(first, k)):
        return None  # a title alone (", ח״כ") is not a name
    if k < len(toks.spans):
        s, _ = toks.spans[k]
        gap = toks.gap(prev_end, s)
        kinds = kinds_of(toks.word(k), toks.lang)
        closed = (ends_phrase(toks, gap) or _COMMA.search(gap) or source_marker_at(toks, k)
                  or kinds & {"speech_verbs", "participle_cues", "complementizers", "stop_words", "prepositions"})
        if not closed:
            return None
    return make_phrase(toks, first, k - 1)


def phrase_before(toks: Tokens, k: int, through_comma: bool = False) -> Phrase | None:
    """The subject phrase that ends right before the verb at token ``k`` (read backwards); ``through_comma``
    reads past a comma right before ``k`` (the one that opens a relative clause)."""
    lang = toks.lang
    roles = names = 0
    last = first = None
    next_start = toks.spans[k][0]
    j = k - 1
    while (j >= 0 and "auxiliaries" in kinds_of(toks.word(j), lang)
           and not ends_phrase(toks, toks.gap(toks.spans[j][1], next_start))):
        next_start, j = toks.spans[j][0], j - 1  # ميقاتي قد أكد: the subject stands before the auxiliary
    if j > 0 and "relatives" in kinds_of(toks.word(j), lang) and _COMMA.search(toks.gap(toks.spans[j - 1][1],
                                                                                       toks.spans[j][0])):
        return phrase_before(toks, j, through_comma=True)  # `Ali, who insisted that`: the antecedent speaks
    skipped = skip_medium_before(toks, j)
    if skipped != j and skipped >= 0:  # `وزارة الخارجية في بيان أعربت`: the medium stands between subject and verb
        next_start, j = toks.spans[skipped + 1][0], skipped
    if through_comma and j >= 0:
        next_start = toks.spans[j][1]
    elif j >= 0 and lang != "ar" and _COMMA.search(toks.gap(toks.spans[j][1], next_start)):
        opener = _relative_clause_opener(toks, j)
        if opener is not None:  # `X, שקיבל את פני ..., אמר`, `Scholz, who met ..., said`: X is the subject
            return phrase_before(toks, opener, through_comma=True)
        return _apposition_before(toks, j, k) or _name_before_appositive(toks, j)
    while j >= 0 and k - j <= MAX_SPEAKER_TOKENS:
        s, e = toks.spans[j]
        gap = toks.gap(e, next_start)
        if ends_phrase(toks, gap) or _COMMA.search(gap):
            break
        kinds = kinds_of(toks.word(j), lang)
        if "pronouns" in kinds:
            return Phrase(s, e, None, pronoun=True) if last is None else make_phrase(toks, first, last)
        step = _classify_backward(toks, j, kinds, roles)
        if step is None:
            break
        roles += step == "role"
        names += step == "name"
        if names > MAX_NAME_WORDS_AFTER_ROLE[lang]:
            break
        last = last if last is not None else j
        first = j
        next_start, j = s, j - 1
    if first is not None and not roles and names > MAX_NAME_WORDS[lang]:
        return None
    if first is not None and j >= 0 and "object_markers" in kinds_of(toks.word(j), lang):
        return None  # `גינה את המהלך והגדיר`: the noun after the object marker is an object, not a subject
    return make_phrase(toks, first, last)


RELATIVE_MAX_TOKENS = 20  # `, which sent a team of 17 observers at the invitation of the government,`


def _relative_clause_opener(toks: Tokens, j: int) -> int | None:
    """Index of the relative pronoun (who, which, אשר, a ש- word) opening the clause that a comma before it and
    the comma after token ``j`` set off, when there is one within RELATIVE_MAX_TOKENS."""
    for m in range(j, max(0, j - RELATIVE_MAX_TOKENS), -1):
        gap = toks.gap(toks.spans[m - 1][1], toks.spans[m][0])
        if ends_phrase(toks, gap):
            return None
        if _COMMA.search(gap):
            word = toks.word(m)
            kinds = kinds_of(word, toks.lang)
            relative = "relatives" in kinds or (toks.lang == "he" and word[:1] == "ש" and len(word) >= 4
                                                and not kinds & {"role_words", "organisation_words"})
            return m if relative else None
    return None


def _apposition_before(toks: Tokens, j: int, k: int) -> Phrase | None:
    """`דובר החות׳ים, מוחמד עבד אל־סלאם, אמר`: a name set off by commas (or a bracket) right before the verb.

    Only for an uncoordinated verb (ואמר shares the sentence's subject) and a name of at most four words.
    """
    if toks.lang == "he" and fold_str(toks.word(k)).startswith("ו") and \
            fold_str(toks.word(k)) not in load_quote_lexicon("he").words["speech_verbs"]:
        return None
    last, first = j, None
    while j >= 0 and last - j < MAX_APPOSITION_WORDS:
        kinds = kinds_of(toks.word(j), toks.lang)
        if kinds & {"speech_verbs", "complementizers", "stop_words", "prepositions", "pronouns", "participle_cues"}:
            return None
        if toks.lang == "en" and not toks.word(j)[:1].isupper() and "connectors" not in kinds:
            return None
        first = j
        gap = toks.gap(toks.spans[j - 1][1], toks.spans[j][0]) if j else "\n"
        if _COMMA.search(gap) or re.search(r"[()\[\]\n]", gap):
            break
        if ends_phrase(toks, gap):
            return None
        j -= 1
    else:
        return None
    if first is None or all("role_words" in kinds_of(toks.word(x), toks.lang) for x in range(first, last + 1)):
        return None
    return make_phrase(toks, first, last)


APPOSITIVE_MAX_TOKENS = 12  # `, a senior adviser to Supreme Leader Ali Khamenei,` has 8 tokens
_DETERMINERS = ("a", "an", "the")


def appositive_end(toks: Tokens, m: int) -> int | None:
    """English `<Name>, a senior adviser to ..., said`: index of the last token of the appositive that opens
    at token ``m`` (right after a comma) with a determiner or a lowercase title, when a comma closes it."""
    if toks.lang != "en" or m >= len(toks.spans):
        return None
    word = toks.word(m)
    if word.lower() not in _DETERMINERS and not ("role_words" in kinds_of(word, "en") and word[:1].islower()):
        return None
    for x in range(m + 1, min(len(toks.spans), m + APPOSITIVE_MAX_TOKENS)):
        gap = toks.gap(toks.spans[x - 1][1], toks.spans[x][0])
        if ends_phrase(toks, gap):
            return None
        if _COMMA.search(gap):
            return x - 1
    return None


def name_run_before(toks: Tokens, i: int) -> Phrase | None:
    """The capitalised name (at most MAX_APPOSITION_WORDS words, lowercase connectors inside) ending at token
    ``i``, bounded by punctuation or a lowercase word before it."""
    first = None
    for x in range(i, max(-1, i - MAX_APPOSITION_WORDS), -1):
        word = toks.word(x)
        if not (word[:1].isupper() or (first is not None and "connectors" in kinds_of(word, "en"))):
            break
        if kinds_of(word, "en") & {"speech_verbs", "stop_words", "pronouns"}:
            break
        first = x
        gap = toks.gap(toks.spans[x - 1][1], toks.spans[x][0]) if x else "\n"
        if ends_phrase(toks, gap) or _COMMA.search(gap):
            break
    return make_phrase(toks, first, i) if first is not None else None


def _name_before_appositive(toks: Tokens, j: int) -> Phrase | None:
    """`Ali Akbar Velayati, a senior adviser to Supreme Leader Ali Khamenei, said`: the name before the
    appositive that ends at token ``j`` (the comma after it stands before the verb)."""
    for m in range(j, max(0, j - APPOSITIVE_MAX_TOKENS), -1):
        gap = toks.gap(toks.spans[m - 1][1], toks.spans[m][0])
        if ends_phrase(toks, gap):
            return None
        if _COMMA.search(gap):
            return name_run_before(toks, m - 1) if appositive_end(toks, m) == j else None
    return None


def _classify_backward(toks: Tokens, j: int, kinds: frozenset[str], roles: int) -> str | None:
    stopping = {"speech_verbs", "participle_cues", "soft_verbs", "manner_words", "complementizers", "stop_words",
                "post_markers", "prepositions", "object_words", "organisation_words"}
    if kinds & stopping and "connectors" not in kinds:
        return None
    if "connectors" in kinds:
        return "mod"
    if "role_words" in kinds:
        return "role"
    word = toks.word(j)
    if toks.lang == "en" and not word[:1].isupper():
        return "name" if "anonymous_heads" in kinds else None  # `business groups warned`: an unnamed source
    if toks.lang == "ar" and len(word) >= 5 and word.endswith("ه"):
        return None
    return "name"


def make_phrase(toks: Tokens, first: int | None, last: int | None) -> Phrase | None:
    """Trim connectors at both ends; a phrase of non-speaker words only is no speaker."""
    if first is None or last is None:
        return None
    while first <= last and "connectors" in kinds_of(toks.word(first), toks.lang):
        first += 1
    while last > first and trailing_adjunct(toks, last):
        last -= 1  # قالت الرئاسة في بيان, אמר דבי בטקס: the medium of the statement is no part of the speaker
    if last < first:
        return None
    words = [toks.word(x) for x in range(first, last + 1)]
    if all("non_speakers" in kinds_of(w, toks.lang) for w in words):
        return None
    start, end = toks.spans[first][0], toks.spans[last][1]
    if toks.lang != "en" and words[0][:1] in "וو" and "role_words" in kinds_of(words[0][1:], toks.lang):
        start += 1  # ושר החוץ ...: the conjunction is not part of the speaker
    return Phrase(start, end, tidy(toks.text[start:end]))


def subject_of(toks: Tokens, k: int) -> Phrase | None:
    """The subject of the speech verb at token ``k``, on the side the language puts it.

    Arabic is verb-first (قال بوتين), English subject-first (Putin said) unless inverted after a quote
    (said Putin), Hebrew subject-first (בנט אישר) but verb-first after כך/כפי ש- or at a clause start
    (כך הודיע X, ״...״ ציין X).
    """
    after = lambda: phrase_after(toks, k + 1, toks.spans[k][1]) if k + 1 < len(toks.spans) else None  # noqa: E731
    if "quoted_nouns" in kinds_of(toks.word(k), toks.lang):
        return _quoted_from(toks, k)
    if "passive_verbs" in kinds_of(toks.word(k), toks.lang):
        return _passive_source(toks, k)
    if toks.lang == "ar":
        topic = amma_topic(toks, k)
        return make_phrase(toks, *topic) if topic else after() or _arabic_before(toks, k)
    if toks.lang == "he" and _clause_initial_he(toks, k):
        if k + 1 < len(toks.spans) and _prepositional_he(toks.word(k + 1)):
            return phrase_before(toks, k)  # `X, שקיבל ..., אמר במסיבת עיתונאים`: a place, not the subject
        return after() or phrase_before(toks, k)
    if toks.lang == "he" and _coordinated_he(toks.word(k)):
        return None  # `תקף את ההחלטה ואמר`: a verb joined by ו shares the clause's subject
    before = phrase_before(toks, k)
    if toks.lang == "he" and before is None and k > 1 and _prepositional_he(toks.word(k - 1)):
        before = phrase_before(toks, k - 1)  # `בית דין לבוררות בהאג קבע`: the place after a long name is left out
    if toks.lang == "he" and before is not None and _fronted_adverbial_he(toks, before, k):
        return after() or _without_locative(toks, before, k)  # `בפתח הפגישה אמר הרצוג`; `בבית הדין מסרו כי`: the court
    if toks.lang == "he" and before is not None and not before.pronoun:
        before = _without_locative(toks, before, k)  # `בבית הדין מסרו בתגובה כי`
    if before is not None and before.name and toks.lang == "en" and _principal_speaks(toks, before):
        return Phrase(before.start, before.end, None, pronoun=True)  # `..., his spokesman said`: the principal
    if before is not None or k + 1 >= len(toks.spans):
        return before
    if toks.lang == "en" and not (k == 0 or re.search(r"[,\"”]", toks.gap(toks.spans[k - 1][1], toks.spans[k][0]))):
        return None  # `and said Moscow would respond`: only an inverted verb (`," said X`) has its subject after it
    if toks.lang == "he" and _prepositional_he(toks.word(k + 1)):
        return None  # `אמר בראיון לרשת`: a prepositional phrase after the verb, not its subject
    return after()


def _principal_speaks(toks: Tokens, phrase: Phrase) -> bool:
    """`his spokesman`, `her office`: a role owned by a possessive speaks for the person named before it."""
    i = toks.index_at_or_after(phrase.start)
    return i > 0 and toks.word(i - 1).lower() in ("his", "her", "its", "their") and \
        "role_words" in kinds_of(toks.word(i), "en")


def _quoted_from(toks: Tokens, k: int) -> Phrase | None:
    """`نقلت الوكالة عن خريستودوليدس قوله إن`: a noun of saying belongs to the phrase after عن right before it;
    elsewhere (على حد قوله is a source marker) it names nobody."""
    phrase = phrase_before(toks, k)
    if phrase is None or phrase.pronoun:
        return None
    i = toks.index_at_or_after(phrase.start) - 1
    return phrase if i >= 0 and fold_str(toks.word(i)) in ("عن", "from") else None


def _fronted_adverbial_he(toks: Tokens, before: Phrase, k: int) -> bool:
    """The words before a Hebrew verb are a fronted prepositional phrase (בפתח הפגישה, לפני ההצבעה) and a
    phrase follows the verb, which is then its subject (Hebrew puts the verb second after an adverbial)."""
    if before.pronoun or k + 1 >= len(toks.spans) or _prepositional_he(toks.word(k + 1)):
        return False
    first = toks.word(toks.index_at_or_after(before.start))
    return _prepositional_he(first) or "prepositions" in kinds_of(first, "he")


def _without_locative(toks: Tokens, phrase: Phrase, k: int) -> Phrase:
    """`בבית הדין מסרו`, `בדמשק הכחישו`: the place an impersonal plural verb speaks from is the source, less
    its ב; a singular verb, or a known person (בנימין נתניהו), keeps the phrase whole."""
    if not phrase.name or phrase.name[:1] != "ב" or len(phrase.name.split()[0]) < 4:
        return phrase
    if not fold_str(toks.word(k)).endswith("ו"):
        return phrase
    if any(m.is_person_like and m.start == 0 for m in load_gazetteer().find(phrase.name)):
        return phrase
    return Phrase(phrase.start + 1, phrase.end, phrase.name[1:])


def _passive_source(toks: Tokens, k: int) -> Phrase | None:
    """`״...״, נמסר מהשב״כ`: a passive verb of saying names its source after the prefix מ."""
    if k + 1 >= len(toks.spans) or not fold_str(toks.word(k + 1)).startswith("מ"):
        return None
    phrase = phrase_after(toks, k + 1, toks.spans[k][1])
    if phrase is None or not phrase.name or phrase.start != toks.spans[k + 1][0]:
        return None
    return Phrase(phrase.start + 1, phrase.end, tidy(toks.text[phrase.start + 1:phrase.end]))


def _coordinated_he(word: str) -> bool:
    folded = fold_str(word)
    return folded.startswith("ו") and folded not in load_quote_lexicon("he").words["speech_verbs"]


def _prepositional_he(word: str) -> bool:
    """A Hebrew word with a ב/ל prefix (בראיון, לרשת) that is not a title: a prepositional phrase."""
    return len(word) >= 4 and word[0] in "בל" and "role_words" not in kinds_of(word, "he")


def _arabic_before(toks: Tokens, k: int) -> Phrase | None:
    """Arabic puts a subject before the verb only without a conjunction (بوتين قال); وكتب starts a clause."""
    folded = fold_str(toks.word(k))
    if folded[:1] in ("و", "ف") and folded not in load_quote_lexicon("ar").words["speech_verbs"]:
        return None
    return phrase_before(toks, k)


def _clause_initial_he(toks: Tokens, k: int) -> bool:
    """A Hebrew verb with a ש- prefix (כפי שהדגיש), after כך/כפי, or first in its clause puts its subject after."""
    folded = fold_str(toks.word(k))
    if folded.startswith(("ש", "וש", "כש")) and folded not in load_quote_lexicon("he").words["speech_verbs"]:
        return True
    if k == 0:
        return True
    gap = toks.gap(toks.spans[k - 1][1], toks.spans[k][0])
    if ends_phrase(toks, gap) or _COMMA.search(gap):
        return True
    return "post_markers" in kinds_of(toks.word(k - 1), "he") or fold_str(toks.word(k - 1)) == "כפי"


def is_anonymous(toks: Tokens, phrase: Phrase) -> bool:
    """An unnamed source (مصدر أمني لبناني, US officials, גורמים אמריקאים): an anonymous head, no known person."""
    idx = range(toks.index_at_or_after(phrase.start), toks.index_at_or_after(phrase.end))
    if not any("anonymous_heads" in kinds_of(toks.word(i), toks.lang) for i in idx):
        return False
    return not any(m.is_person_like for m in load_gazetteer().find(toks.text[phrase.start:phrase.end]))
