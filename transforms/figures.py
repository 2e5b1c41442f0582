"""Extract figures (counts, money, percentages, measured quantities) from Arabic, Hebrew and English text.

A figure is a number that says how many or how much: written in digits (ASCII or Arabic-Indic) or words,
with an optional scale word (ألف, מיליון, billion), an optional range (7 إلى 16 ألف), an optional
approximator (حوالي, כ־, about) and what it counts or measures. What is kept:
- percent: a number with %, ٪, بالمئة, אחוזים, percent;            unit '%'
- money: a number with a currency word or symbol;                   unit = ISO 4217 code (None if ambiguous)
- quantity: a number with a measurement unit (km, طن, קמ"ר);        unit = the unit symbol
- count: a number followed by a counted noun (12 طائرة);            unit = the noun as written
  and a number with a scale word but no noun (500 אלף);             unit None;
  a hedged number closing its clause ('to more than 2,200,');      unit None;
  the word for one after its noun ('אזרח אחד', 'جندي واحد');       unit = the noun, span from the noun;
  an English compound adjective ('22-member bloc');                unit = the noun after the hyphen.
- a fraction in words before a partitive ('roughly half of', 'שלושה רבעים מהאוכלוסייה') is a share: percent.
- 'مليون ونصف مليون', 'מיליון וחצי', 'two and a half million' add the half; '€2.5 billion to €3 billion' is one
  range with the currency symbol repeated.
What is dropped, on purpose: bare numbers (nothing to say what they count), years and year ranges, days of
a month, durations (24 שנים: the dates extractor's business), ordinals (الـ15, ה־16), model names (S-300,
Covid-19, اس 300 has no noun after it), footnote marks [1], page numbers and citations (pp. 54-123),
document ids (21-014-41001), numbers inside URLs, definite "the two sides" phrases (שני הצדדים, the two
delegations), and 4-digit numbers before 1800 only when a year cue precedes them (عام 1517; 1300 سفينة counts).
The work is one pass over tokens with a bounded look-around, so it is linear in the text length.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from transforms.figure_lexicon import TOKEN_RE, FigureLexicon, load_figure_lexicon
from transforms.normalize import fold_str, stem_candidates
from transforms.numbers import ascii_digits, match_number_words, parse_digits, scale_of
from transforms.records import Article, Figure, stable_id
from transforms.segment import sentence_at, sentences

_HYPHENS = frozenset("-\u05be\u2010\u2011\u2012\u2013\u2014")
_CHAIN_SEPARATORS = frozenset("-\u05be/:.\u2013")
_PERCENT_SIGNS = frozenset("%\u066a\u2030")
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
_LOOKBACK = 4  # tokens examined for an approximator or a cue before a number
_YEAR_RANGE = (1000, 2100)
_BARE_YEAR_FROM = 1800  # below it a 4-digit number needs a year cue: news rarely names such years bare


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    kind: str  # num | word | punct
    text: str
    fold: str


@dataclass(frozen=True, slots=True)
class _Core:
    """A number before its scale word: value, its tokens, and the glued prefix it carried."""

    value: float
    first: int  # index of the digits token or of the first number word
    last: int  # index one past the number's tokens
    lead: int  # index of the first token belonging to it (the prefix token of ב־300)
    prefix: str  # folded glued prefix ('' when none)
    is_word: bool


@dataclass(frozen=True, slots=True)
class _Unit:
    kind: str | None  # percent | money | quantity | count | time | None
    unit: str | None
    end: int  # index one past the unit's tokens


def extract_figures(article: Article) -> list[Figure]:
    """Find the figures of one article, in text order.

    Args:
        article: the cleaned article; offsets point into ``article.text``.
    Returns:
        Figures whose ``raw_text`` is ``article.text[char_start:char_end]`` (approximator, number, scale
        word and unit) and whose ``sentence`` is the sentence holding the number.
    """
    return _Reader(article).read()


class _Reader:
    """One article's tokens and the rules that read figures out of them."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.lex: FigureLexicon = load_figure_lexicon()
        self.toks = _tokenize(self.text)
        self.folds = [t.fold for t in self.toks]
        self.urls = [m.span() for m in _URL.finditer(self.text)]
        self.sents = sentences(self.text)
        self.fixed = self._fixed_phrase_tokens()

    def read(self) -> list[Figure]:
        out: list[Figure] = []
        i = 0
        while i < len(self.toks):
            figure, nxt = self._figure_at(i)
            if figure is not None:
                out.append(figure)
            i = max(nxt, i + 1)
        return out

    def _fixed_phrase_tokens(self) -> set[int]:
        """Indexes of tokens inside a fixed name or slogan ('שתי מדינות לשני עמים', 'Six-Day War')."""
        firsts: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.lex.not_figures:
            firsts.setdefault(phrase[0], []).append(phrase)
        covered: set[int] = set()
        for i, fold in enumerate(self.folds):
            for phrase in firsts.get(fold, ()):
                if tuple(self.folds[i:i + len(phrase)]) == phrase:
                    covered.update(range(i, i + len(phrase)))
        return covered

    # --- the number itself -------------------------------------------------------------------------------

    def _figure_at(self, i: int) -> tuple[Figure | None, int]:
        """Read a figure whose number starts at token ``i``; returns it (or None) and where to go on."""
        share = self._share_at(i)
        if share is not None:
            return share
        core = self._core_at(i)
        if core is None or core.first in self.fixed:
            return None, i + 1
        if self._postposed_one(core):
            return self._build(core, 1.0, None, _Unit("count", self.toks[i - 1].text, core.last), i - 1), core.last
        if not core.is_word and self._is_noise(core):
            return None, core.last
        value, j, scaled = self._scaled(core.value, core.last)
        value_max = None
        rng = self._range(core, j, value, scaled)
        if rng is not None:
            if rng == "years":
                return None, self._range_end(j)
            value, value_max, j, scaled = rng
        unit = self._unit(j, core, scaled)
        if not self._keep(core, unit, scaled, value, value_max):
            return None, j
        return self._build(core, value, value_max, unit), unit.end

    def _core_at(self, i: int) -> _Core | None:
        tok = self.toks[i]
        if tok.kind == "num":
            return self._digit_core(i)
        if tok.kind == "word":
            m = match_number_words(self.folds, i, self.lex)
            if m is not None:
                return _Core(m.value, i, i + m.length, i, m.prefix, True)
        return None

    def _digit_core(self, i: int) -> _Core | None:
        """A digits token with the prefix glued to it (ב־300, الـ15, بـ50); None for ordinals and model ids."""
        toks, lead, prefix = self.toks, i, ""
        if i >= 2 and toks[i - 1].text in _HYPHENS and self._adjacent(i - 2, i - 1) and self._adjacent(i - 1, i):
            before = toks[i - 2]
            if before.kind == "word" and before.fold in self.lex.glued_prefixes | self.lex.definite_prefixes:
                lead, prefix = i - 2, before.fold
            elif before.kind == "word" and before.text.isascii():
                return None  # Covid-19, S-300, Il-20
        elif i >= 1 and toks[i - 1].kind == "word" and self._adjacent(i - 1, i):
            if toks[i - 1].fold not in self.lex.glued_prefixes | self.lex.definite_prefixes:
                return None  # F35, A320, a word glued to digits
            lead, prefix = i - 1, toks[i - 1].fold
        if prefix in self.lex.definite_prefixes or self._after_tatweel_article(lead):
            return None  # ה־16, ה-76, الـ15: ordinals
        return _Core(parse_digits(toks[i].fold), i, i + 1, lead, prefix, False)

    def _after_tatweel_article(self, lead: int) -> bool:
        """'الـ 15' with a space is still the ordinal 'the 15th'."""
        prev = self.toks[lead - 1] if lead else None
        return prev is not None and prev.text.endswith("\u0640") and prev.fold in self.lex.definite_prefixes

    def _scaled(self, value: float, j: int) -> tuple[float, int, bool]:
        """Apply the scale words after a number (500 אלף, 1.2 million, שני תריסר) and a half after or before
        the scale ('مليون ونصف مليون', 'מיליון וחצי' = 1.5 million; 'two and a half million')."""
        scaled, last = False, self._own_scale(value, j)
        while j < len(self.toks) and self.toks[j].kind == "word" and (s := scale_of(self.folds[j])) is not None:
            value, j, scaled, last = value * s, j + 1, True, s
        k = self._phrase_at(j, self.lex.half_after)
        if k is None:
            return value, j, scaled
        if last is not None and last >= 1000:
            value, j = value + last / 2, k
            if j < len(self.toks) and scale_of(self.folds[j]) == last:
                j += 1  # the scale word repeated: 'مليون ونصف مليون'
            return value, j, True
        if not scaled and value < 1000 and k < len(self.toks) and (s := scale_of(self.folds[k])) is not None:
            return (value + 0.5) * s, k + 1, True
        return value, j, scaled

    def _own_scale(self, value: float, j: int) -> float | None:
        """The scale a number word is itself a multiple of: 'مليون' and 'مليونين' of a million."""
        if not j or self.toks[j - 1].kind != "word":
            return None
        return next((p for p in (1e9, 1e6, 1e3) if value >= p and value % p == 0), None)

    def _phrase_at(self, j: int, phrases: frozenset[tuple[str, ...]]) -> int | None:
        """Index past the longest phrase of ``phrases`` starting at token ``j``."""
        for length in range(3, 0, -1):
            if tuple(self.folds[j:j + length]) in phrases:
                return j + length
        return None

    # --- shares and 'one' after its noun -----------------------------------------------------------------

    def _share_at(self, i: int) -> tuple[Figure, int] | None:
        """A fraction in words naming a share: 'roughly half of', 'שלושה רבעים מהאוכלוסייה', 'ثلثي الأراضي'."""
        tok = self.toks[i]
        if tok.kind != "word" or (i and self.toks[i - 1].kind == "num"):
            return None
        for prefix in ("", *sorted(p for p in self.lex.glued_prefixes if self.folds[i].startswith(p))):
            key = (self.folds[i][len(prefix):], *self.folds[i + 1:i + 3])
            for length in range(3, 0, -1):
                value = self.lex.fractions.get(key[:length])
                if value is not None and self._share_follows(i + length) and not self._share_blocked(i, prefix):
                    core = _Core(value, i, i + length, i, prefix, True)
                    return self._build(core, value, None, _Unit("percent", "%", i + length)), i + length
        return None

    def _share_follows(self, k: int) -> bool:
        """What follows a fraction makes it a share: a partitive ('of', 'من', 'מן', 'מה־') or 'the'."""
        if k >= len(self.toks) or self.toks[k].kind != "word" or scale_of(self.folds[k]) is not None:
            return False
        fold = self.folds[k]
        return fold in self.lex.partitives or any(
            fold.startswith(p) and len(fold) > len(p) + 1 for p in self.lex.partitive_prefixes)

    def _share_blocked(self, i: int, prefix: str) -> bool:
        """'the first half of 2024', 'ثلاثة ونصف': a period, a reference or part of a number."""
        if not i:
            return False
        before = self.folds[i - 1]
        return before in self.lex.fraction_blockers or (prefix in ("و", "ו") and self.toks[i - 1].kind == "num")

    def _postposed_one(self, core: _Core) -> bool:
        """'אזרח אחד', 'جندي واحد': the word for one after an indefinite noun counts that noun."""
        i = core.first
        if not core.is_word or core.prefix or self.folds[i] not in self.lex.one_after or i == 0:
            return False
        noun = self.toks[i - 1]
        if noun.kind != "word" or "\n" in self.text[noun.end:self.toks[i].start] or len(noun.fold) < 2:
            return False
        blocked = self.lex.one_after_blockers | self.lex.not_counted | self.lex.time_nouns | self.lex.one_after
        lang = "he" if "\u0590" <= noun.text[0] <= "\u05ff" else "ar"
        if noun.fold in blocked or any(c in blocked for c in stem_candidates(noun.text, lang)):
            return False
        if lang == "ar" and any(noun.fold.startswith(p) for p in self.lex.definite_prefixes):
            return False  # 'الشعب واحد': a predicate, not a count
        nxt = self.folds[i + 1] if i + 1 < len(self.toks) else ""
        partitive = nxt in self.lex.partitives or any(nxt.startswith(p) for p in self.lex.partitive_prefixes)
        definite = any(nxt.startswith(p) and len(nxt) > len(p) + 1 for p in self.lex.definite_prefixes)
        return not (partitive or definite)  # 'אחת הסוגיות', 'واحد من': 'one of the', after a verb

    # --- what is not a figure ----------------------------------------------------------------------------

    def _is_noise(self, core: _Core) -> bool:
        """Footnote marks, page/id numbers, dates and ids written as chains, numbers in URLs, page lines."""
        i, toks = core.first, self.toks
        prev = toks[core.lead - 1] if core.lead else None
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if prev is not None and prev.text == "[" and nxt is not None and nxt.text == "]":
            return True
        return (self._in_chain(core) or self._after_cue(core.lead) or self._in_url(toks[i].start)
                or self._alone_on_line(core.lead, i))

    def _in_chain(self, core: _Core) -> bool:
        """Part of 2010-09-07, 21-014-41001, 12/5, 10:30 or the tail of a hyphen range read elsewhere."""
        i, toks = core.first, self.toks
        if core.lead == i and i >= 2 and toks[i - 1].text in _CHAIN_SEPARATORS and toks[i - 2].kind == "num" \
                and self._adjacent(i - 1, i):
            return True
        k = i + 1
        if k + 1 < len(toks) and toks[k].text in "/:." and self._adjacent(i, k) and toks[k + 1].kind == "num" \
                and self._adjacent(k, k + 1):
            return True
        return (k + 3 < len(toks) and toks[k].text in _HYPHENS and toks[k + 1].kind == "num"
                and toks[k + 2].text in _HYPHENS and toks[k + 3].kind == "num" and self._adjacent(i, k))

    def _after_cue(self, lead: int) -> bool:
        """A page (p. 127, עמ׳), document number (מס׳, No., رقم) or model name (اس 300) follows its cue."""
        k = lead - 1
        while k >= 0 and lead - k <= 3 and self.toks[k].kind == "punct" and self.toks[k].text in ".'\u05f3:’":
            k -= 1
        return k >= 0 and self.folds[k] in self.lex.page_cues | self.lex.id_cues | self.lex.model_prefixes

    def _in_url(self, offset: int) -> bool:
        k = bisect.bisect_right(self.urls, (offset, len(self.text))) - 1
        return k >= 0 and self.urls[k][0] <= offset < self.urls[k][1]

    def _alone_on_line(self, lead: int, i: int) -> bool:
        """A number alone on its line is a page number or a list mark."""
        before = self.text[self.toks[lead - 1].end:self.toks[lead].start] if lead else "\n"
        after = self.text[self.toks[i].end:self.toks[i + 1].start] if i + 1 < len(self.toks) else "\n"
        return "\n" in before and "\n" in after

    def _is_date(self, core: _Core) -> bool:
        """A day of a month: 12 فبراير, 22 من تشرين, ב־26 בנובמבר, May 5."""
        if core.is_word or core.value != int(core.value) or not 1 <= core.value <= 31:
            return False
        j = core.last
        if j < len(self.toks) and self.folds[j] in self.lex.date_connectors:
            j += 1
        if j < len(self.toks) and self._is_month(j):
            return True
        return core.lead > 0 and self._is_month(core.lead - 1)

    def _is_month(self, k: int) -> bool:
        tok = self.toks[k]
        if tok.kind != "word":
            return False
        lang = "he" if "\u0590" <= tok.text[0] <= "\u05ff" else "ar"
        return any(c in self.lex.months for c in stem_candidates(tok.text, lang))

    def _is_year(self, core: _Core) -> bool:
        """Four plain digits 1800-2100, or 1000-1799 after a year cue ('عام 1517', 'in 1648', 'ב־1492');
        without one '1300 سفينة' counts ships."""
        digits = ascii_digits(self.toks[core.first].text)
        if core.is_word or len(digits) != 4 or not digits.isdigit() or not self.toks[core.first].text.isdigit():
            return False
        year = int(digits)
        if not _YEAR_RANGE[0] <= year <= _YEAR_RANGE[1]:
            return False
        if year >= _BARE_YEAR_FROM or core.prefix.endswith(("ב", "מ")):
            return True
        return core.lead > 0 and self.folds[core.lead - 1] in self.lex.year_cues

    # --- ranges ------------------------------------------------------------------------------------------

    def _range(self, core: _Core, j: int, value: float, scaled: bool) -> tuple[float, float, int, bool] | str | None:
        """'7 إلى 16 ألف', 'בין 7 ל־16', '1948–1949' (years: returns "years"); None when not a range."""
        toks = self.toks
        if j >= len(toks):
            return None
        between = core.lead > 0 and self.folds[core.lead - 1] in self.lex.between_words
        conn = self.folds[j]
        if not (conn in self.lex.range_connectors or toks[j].text in _HYPHENS
                or (between and conn in self.lex.between_connectors)):
            return None
        k = j + 1
        if k < len(toks) and toks[k].text in _HYPHENS and toks[j].kind == "word":
            k += 1  # ל־16
        if k < len(toks) and toks[k].text in self.lex.currency_symbols and self._currency_before(core):
            k += 1  # '€2.5 billion to €3 billion': the symbol repeated on the second number
        if k >= len(toks) or (toks[k].kind == "num") == core.is_word:
            return None
        second = self._core_at(k)
        if second is None:
            return None
        if self._is_year(core) and self._is_year(second) and not scaled:
            return "years"
        high, end, scaled2 = self._scaled(second.value, second.last)
        low = value
        if scaled2 and not scaled and core.value <= second.value:
            low = value * (high / second.value)  # the scale word distributes over the range
        if low >= high:
            return None
        return low, high, end, scaled or scaled2

    def _range_end(self, j: int) -> int:
        """Index past a year range, so its second year is not read again."""
        k = j + 1
        while k < len(self.toks) and self.toks[k].kind != "num":
            k += 1
        return k + 1

    # --- what it counts or measures ----------------------------------------------------------------------

    def _unit(self, j: int, core: _Core, scaled: bool) -> _Unit:
        """Percent sign or word, currency, measurement unit, counted noun, in that order."""
        toks, lex = self.toks, self.lex
        if j < len(toks) and toks[j].text in _PERCENT_SIGNS:
            return _Unit("percent", "%", j + 1)
        if j < len(toks) and toks[j].text in lex.currency_symbols:
            return _Unit("money", lex.currency_symbols[toks[j].text], j + 1)
        for name, kind in (("percent", "percent"), ("currencies", "money"), ("units", "quantity")):
            k = self._phrase_end(j, name)
            if k is not None:
                unit = "%" if kind == "percent" else getattr(lex, name)[tuple(self.folds[j:k])]
                return _Unit(kind, unit, k)
        code = self._currency_before(core)
        if code is not None:
            return _Unit("money", code[0], j)
        if self._hyphen_compound(j):
            return self._unit(j + 1, core, scaled)  # '22-member bloc', '100-km border', '30-day' (a duration)
        return self._counted_noun(j, core, scaled)

    def _hyphen_compound(self, j: int) -> bool:
        """An English compound adjective: number, hyphen and a Latin word, all glued ('22-member')."""
        return (0 < j < len(self.toks) - 1 and self.toks[j].text in _HYPHENS and self.toks[j + 1].kind == "word"
                and self.toks[j + 1].text.isascii() and self._adjacent(j - 1, j) and self._adjacent(j, j + 1))

    def _phrase_end(self, j: int, table_name: str) -> int | None:
        """Index past the longest phrase of the lexicon table ``table_name`` starting at ``j``."""
        if j >= len(self.folds) or self.folds[j] not in _first_tokens(table_name):
            return None
        table = getattr(self.lex, table_name)
        for length in range(4, 0, -1):
            if j + length <= len(self.folds) and tuple(self.folds[j:j + length]) in table:
                return j + length
        return None

    def _currency_before(self, core: _Core) -> tuple[str, int] | None:
        """'$5 billion', 'US$ 3', '€40', 'USD 5': the code and the index of the symbol's first token."""
        k = core.lead - 1
        if k < 0:
            return None
        tok = self.toks[k]
        if tok.text in self.lex.currency_symbols:
            start = k - 1 if k >= 1 and self.folds[k - 1] == "us" and self._adjacent(k - 1, k) else k
            return self.lex.currency_symbols[tok.text], start
        code = self.lex.currencies.get((tok.fold,))
        if code and tok.text.isupper() and len(tok.text) == 3:
            return code, k
        return None

    def _counted_noun(self, j: int, core: _Core, scaled: bool) -> _Unit:
        """The noun right after the number is what it counts; a time noun makes it a duration."""
        if j >= len(self.toks) or self.toks[j].kind != "word" or len(self.folds[j]) < 2:
            return _Unit(None, None, j)
        fold, text = self.folds[j], self.toks[j].text
        if fold in self.lex.time_nouns:
            return _Unit("time", None, j + 1)
        if fold in self.lex.not_counted or self._is_month(j) or self._is_definite(fold, text, core, scaled):
            return _Unit(None, None, j)
        return _Unit("count", text, j + 1)

    def _is_definite(self, fold: str, text: str, core: _Core, scaled: bool) -> bool:
        """Arabic counted nouns are indefinite (12 طائرة, not هرميز 450 الإسرائيلية); a Hebrew construct
        number before a definite noun is 'the N X' (שתי המדינות, ששת הימים), not a figure."""
        if "\u0600" <= text[0] <= "\u06ff":
            return any(fold.startswith(p) and len(fold) > len(p) + 1 for p in self.lex.definite_prefixes)
        if "\u0590" <= text[0] <= "\u05ff" and core.is_word and not scaled and fold.startswith("ה"):
            last = self.folds[core.last - 1]  # the word next to the noun carries the construct form
            if core.last - 1 == core.first:
                last = last[len(core.prefix):]
            return last in self.lex.construct_numbers
        return False

    # --- keep or drop, then build ------------------------------------------------------------------------

    def _keep(self, core: _Core, unit: _Unit, scaled: bool, value: float, value_max: float | None) -> bool:
        """Drop durations, bare numbers, years and dates, lone 'one'/'half', and glued suffixes (5th, 3D)."""
        if unit.kind == "time":
            return False
        if unit.kind is None and not scaled:
            return self._approximated_total(core, unit)
        if core.is_word and not scaled and core.lead and self.folds[core.lead - 1] in self.lex.definite_before:
            return False  # 'the two delegations': a reference to things already named
        if core.is_word and core.value <= 1 and not scaled:
            return False  # أحد/אחד/one/half alone: "one of the", not a figure
        if unit.kind == "count" and not core.is_word and self._adjacent(core.first, core.last) \
                and core.last == unit.end - 1:
            return False  # 5th, 3D, 4G: a word glued to the digits
        if unit.kind in ("percent", "money", "quantity") or scaled or value_max is not None:
            return not (self._is_date(core) and unit.kind == "count")
        if self._is_date(core):
            return False
        return not self._is_year(core) or self._approximator(core) is not None

    def _approximated_total(self, core: _Core, unit: _Unit) -> bool:
        """'bringing the total to more than 2,200,': a hedged number closing its clause is a count of
        what the clause already named; a bare number without a hedge says nothing."""
        after = self.toks[unit.end] if unit.end < len(self.toks) else None
        closes = after is None or (after.kind == "punct" and after.text in ",.;:)" and after.text not in _HYPHENS)
        return (closes and not core.is_word and not self._is_year(core) and not self._is_date(core)
                and self._approximator(core) is not None)

    def _approximator(self, core: _Core) -> int | None:
        """Char offset where an approximator before the number starts (כ־40, יותר מ־500, حوالي, about)."""
        lead_tok = self.toks[core.lead]
        for letter in self.lex.approx_prefixes:
            if letter in core.prefix:
                return lead_tok.start + lead_tok.text.index(letter)
        money = self._currency_before(core)
        end = money[1] if money else core.lead
        seq = [k for k in range(max(0, end - _LOOKBACK), end)]
        words = [self.folds[k] for k in seq] + ([core.prefix] if core.prefix else [])
        best = None
        for phrase in self.lex.approx_before:
            n = len(phrase)
            if n > len(words) or tuple(words[len(words) - n + 1:]) != phrase[1:]:
                continue
            k = len(words) - n
            if k >= len(seq):
                continue
            start = self._phrase_start(self.toks[seq[k]], phrase[0])
            if start is not None:
                best = start if best is None else min(best, start)
        return best

    def _phrase_start(self, tok: _Tok, head: str) -> int | None:
        """Where ``head`` starts in ``tok``, allowing a clitic before it (וכמעט -> כמעט, بحوالي -> حوالي)."""
        if tok.fold == head:
            return tok.start
        lang = "he" if "\u0590" <= tok.text[:1] <= "\u05ff" else "ar"
        if tok.kind == "word" and tok.fold.endswith(head) and head in stem_candidates(tok.text, lang):
            return tok.start + _raw_length(tok.text, len(tok.fold) - len(head))
        return None

    def _approx_after(self, end: int) -> bool:
        return any(tuple(self.folds[end:end + len(p)]) == p for p in self.lex.approx_after)

    def _build(self, core: _Core, value: float, value_max: float | None, unit: _Unit,
               noun: int | None = None) -> Figure:
        """The figure record; ``noun`` is the token of a noun written before its number ('אזרח אחד')."""
        approx_start = self._approximator(core)
        money = self._currency_before(core)
        starts = [self._number_start(core)] + ([self.toks[noun].start] if noun is not None else [])
        starts += [approx_start] if approx_start is not None else []
        starts += [self.toks[money[1]].start] if money else []
        start = min(starts)
        end = self.toks[max(unit.end, core.last) - 1].end
        kind, unit_text = (unit.kind, unit.unit) if unit.kind else ("count", None)
        span = sentence_at(self.sents, start)
        sentence = span.of(self.text) if span else self.text[start:end]
        return Figure(
            figure_id=stable_id(self.article.article_id, "figure", start, end),
            article_id=self.article.article_id, value=value, value_max=value_max, unit=unit_text, kind=kind,
            approximate=approx_start is not None or self._approx_after(unit.end), raw_text=self.text[start:end],
            sentence=sentence, char_start=start, char_end=end,
        )

    def _number_start(self, core: _Core) -> int:
        """Where the number begins, after a glued prefix that is only a preposition (ב־300 -> 300)."""
        tok = self.toks[core.first]
        if core.is_word and core.prefix:
            return tok.start + _raw_length(tok.text, len(core.prefix))
        return tok.start

    def _adjacent(self, a: int, b: int) -> bool:
        return self.toks[a].end == self.toks[b].start


def _tokenize(text: str) -> list[_Tok]:
    """Tokens with their folded form; folding is memoised because news text repeats its words."""
    memo: dict[str, str] = {}
    toks = []
    for m in TOKEN_RE.finditer(text):
        raw = m.group()
        fold = memo.get(raw)
        if fold is None:
            fold = memo[raw] = fold_str(raw)
        toks.append(_Tok(m.start(), m.end(), m.lastgroup or "punct", raw, fold))
    return toks


@cache
def _first_tokens(table_name: str) -> frozenset[str]:
    """First tokens of a lexicon phrase table, so most positions are rejected with one set lookup."""
    return frozenset(phrase[0] for phrase in getattr(load_figure_lexicon(), table_name))


def _raw_length(text: str, folded_chars: int) -> int:
    """How many characters of ``text`` fold to its first ``folded_chars`` characters."""
    count = 0
    for pos, ch in enumerate(text):
        if count == folded_chars:
            return pos
        count += len(fold_str(ch))
    return len(text)
