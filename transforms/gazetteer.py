"""Actor gazetteer: load ``lexicons/gazetteer.tsv`` and find actor mentions in text in linear time.

The file format (petrarch2-style, one variant a row, validity dates as data) is documented in the file's
header; for example::

    RUS:PUTIN<TAB>leader<TAB>ar<TAB>بوتين<TAB>1999-08-09<TAB><TAB>
    RUS:PUTIN<TAB>leader<TAB>he<TAB>נשיא רוסיה<TAB>2012-05-07<TAB><TAB>role

is parsed into ``Entry(code='RUS:PUTIN', kind='leader', lang='ar', variant='بوتين', ...)``. Variants are
folded with ``transforms.normalize`` and indexed by their first folded token (``PhraseIndex``), so matching
is one dictionary look-up per token and clitic reading, longest phrase first. The same index matches the
event cue phrases in ``transforms.event_cues``.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Generic, TypeVar

from transforms.lexicon_files import LEXICON_DIR, LexiconError
from transforms.normalize import fold_str, stem_candidates, word_spans

KINDS = frozenset({"state", "capital", "leader", "minister", "diplomat", "ministry", "military", "org", "group"})
FLAGS = frozenset({"cased", "weak", "role", "region"})
LANGS = frozenset({"ar", "he", "en"})
COLUMNS = ("code", "kind", "lang", "variant", "valid_from", "valid_to", "flags")
GAZETTEER_PATH = LEXICON_DIR / "gazetteer.tsv"
GAP = "..."  # in a cue phrase: up to MAX_GAP tokens of anything
MAX_GAP = 4  # "قطع الاتحاد السوفيتي العلاقات": a subject of up to four words between verb and object

# A one-word reading left by stripping a clitic must keep three letters: بحث is not ب + حث (urge); a
# longer phrase gives enough context (وتل أبيب). An English possessive is no clitic: UN's is UN.
_MIN_STRIPPED = 3

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer row."""

    code: str
    kind: str
    lang: str
    variant: str
    valid_from: date | None
    valid_to: date | None
    flags: frozenset[str]

    @property
    def state(self) -> str:
        """The state part of the code (``RUS`` for ``RUS:PUTIN``)."""
        return self.code.split(":", 1)[0]

    def valid_on(self, day: date | None) -> bool:
        """True when ``day`` is known and inside the validity range."""
        if day is None:
            return False
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day < self.valid_to)


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the text with its folded readings (clitics stripped, nisba suffix dropped)."""

    start: int
    end: int
    folded: str
    readings: tuple[str, ...]  # folded token first, then clitic-stripped stems
    suffix_readings: tuple[str, ...]  # adjective stems with a feminine/plural ending removed
    capitalised: bool


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    """Tokens ``[first, last]`` matched a phrase whose payloads are ``values``."""

    first: int
    last: int
    phrase: tuple[str, ...]
    values: tuple[T, ...]


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor mention: a span of the text and the gazetteer rows it may stand for."""

    start: int
    end: int
    text: str
    first_token: int
    last_token: int
    entries: tuple[Entry, ...]

    @property
    def is_person_like(self) -> bool:
        """True when the code names something inside a state (``ISR:BENNETT``), not the state itself."""
        return ":" in self.entries[0].code

    def code_on(self, day: date | None) -> str:
        """Resolve the code at ``day``: a role row needs the date inside its term, else the state is returned."""
        roles = [e for e in self.entries if "role" in e.flags]
        if roles and len(roles) == len(self.entries):
            for entry in roles:
                if entry.valid_on(day):
                    return entry.code
            return roles[0].state
        plain = [e for e in self.entries if "role" not in e.flags]
        for entry in plain:
            if entry.valid_on(day):
                return entry.code
        return plain[0].code


def script_of(word: str) -> str:
    """'ar', 'he' or 'en' by the first letter's script (clitic rules differ per script)."""
    for ch in word:
        cp = ord(ch)
        if 0x0590 <= cp <= 0x05FF:
            return "he"
        if 0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F:
            return "ar"
        if ch.isalpha():
            return "en"
    return "en"


_AR_SUFFIXES = (("يين", "ي"), ("يون", "ي"), ("يه", "ي"), ("يا", "ي"))  # الإيرانيين/الإيرانيون/الإيرانية/إيرانياً -> الإيراني
_HE_SUFFIXES = (("יים", "י"), ("יות", "י"), ("ית", "י"), ("ים", "י"))  # איראניים/רוסית/רוסים -> איראני/רוסי


def _suffix_readings(readings: Sequence[str], lang: str) -> tuple[str, ...]:
    """Nisba adjective readings: feminine and plural endings replaced by the masculine singular."""
    rules = _AR_SUFFIXES if lang == "ar" else _HE_SUFFIXES if lang == "he" else ()
    out: list[str] = []
    for reading in readings:
        for suffix, repl in rules:
            if reading.endswith(suffix) and len(reading) - len(suffix) >= 2:
                form = reading[: -len(suffix)] + repl
                if form not in readings and form not in out:
                    out.append(form)
                break
    return tuple(out)


def _english_readings(folded: str) -> tuple[str, ...]:
    """Russia's -> russia (the possessive is part of the word for word_spans)."""
    if folded.endswith("'s") and len(folded) > 3:
        return (folded, folded[:-2])
    return (folded,)


# normalize.word_spans keeps the whole Arabic block U+0600-U+06FF inside words, which includes the Arabic
# comma, semicolon, question mark and percent/decimal signs; they are cut out here (normalize is shared).


def _split_spans(text: str) -> list[tuple[int, int]]:
    """word_spans, cut at Arabic punctuation, with Arabic words split at hyphens (no Arabic compound has one)."""
    out: list[tuple[int, int]] = []
    for start, end in word_spans(text):
        word = text[start:end]
        if script_of(word) != "ar":
            out.append((start, end))
            continue
        for piece in re.finditer(r"[^\-\u060c\u061b\u061f\u066a\u066d\u06d4]+", word):
            if piece.group().strip("'\""):
                out.append((start + piece.start(), start + piece.end()))
    return out


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` with every reading the matchers try; linear in the length of the text."""
    tokens = []
    for start, end in _split_spans(text):
        word = text[start:end]
        lang = script_of(word)
        folded = fold_str(word).strip("-'\"")
        if not folded:
            continue
        readings = stem_candidates(word, lang) if lang in ("ar", "he") else _english_readings(folded)
        tokens.append(Token(start, end, folded, readings, _suffix_readings(readings, lang), word[:1].isupper()))
    return tokens


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """Fold and split a lexicon phrase the same way the text is split ('...' stays a gap marker)."""
    out: list[str] = []
    for part in phrase.split():
        if part == GAP:
            out.append(GAP)
            continue
        spans = _split_spans(part)
        out.extend(fold_str(part[s:e]).strip("-'\"") for s, e in spans)
    return tuple(t for t in out if t)


class PhraseIndex(Generic[T]):
    """Phrases (folded token tuples) indexed by first token; look-ups cost O(phrases sharing that token)."""

    def __init__(self, items: Iterable[tuple[tuple[str, ...], T]]) -> None:
        grouped: dict[tuple[str, ...], list[T]] = {}
        for phrase, value in items:
            if phrase and phrase[0] != GAP:
                grouped.setdefault(phrase, []).append(value)
        self._by_first: dict[str, list[tuple[tuple[str, ...], tuple[T, ...]]]] = {}
        for phrase, values in grouped.items():
            for key in self._keys(phrase[0]):
                self._by_first.setdefault(key, []).append((phrase, tuple(values)))
        for bucket in self._by_first.values():
            bucket.sort(key=lambda item: -len(item[0]))

    @staticmethod
    def _keys(first: str) -> tuple[str, ...]:
        """An Arabic phrase starting with the article is also found after ل/ب/و (للاتحاد -> اتحاد)."""
        if first.startswith("ال") and len(first) > 3:
            return (first, first[2:])
        return (first,)

    def longest_at(self, text: str, tokens: Sequence[Token], i: int) -> Match[T] | None:
        """The longest phrase starting at token ``i`` (any reading of it), or None."""
        best: Match[T] | None = None
        tok = tokens[i]
        for reading, by_suffix in [(r, False) for r in tok.readings] + [(r, True) for r in tok.suffix_readings]:
            short = reading != tok.folded and len(reading) < _MIN_STRIPPED and not tok.folded.endswith("'s")
            for phrase, values in self._by_first.get(reading, ()):
                if (by_suffix and len(phrase) > 1) or (short and len(phrase) == 1):
                    continue
                last = self._match_rest(text, tokens, i, phrase)
                if last is not None and (best is None or last > best.last):
                    best = Match(i, last, phrase, values)
        return best

    @staticmethod
    def _match_rest(text: str, tokens: Sequence[Token], i: int, phrase: tuple[str, ...]) -> int | None:
        """Index of the last token when ``phrase[1:]`` matches from token ``i + 1``, else None."""
        j = i
        k = 1
        while k < len(phrase):
            if phrase[k] == GAP:
                nxt = phrase[k + 1]
                for skip in range(1, MAX_GAP + 2):
                    if j + skip < len(tokens) and nxt in tokens[j + skip].readings and _joined(text, tokens, j, j + skip):
                        j, k = j + skip, k + 2
                        break
                else:
                    return None
                continue
            if j + 1 >= len(tokens) or not _adjacent(text, tokens[j], tokens[j + 1]):
                return None
            nxt_tok = tokens[j + 1]
            if phrase[k] != nxt_tok.folded and (k < len(phrase) - 1 or phrase[k] not in _tail(nxt_tok)):
                return None
            j, k = j + 1, k + 1
        return j


def _tail(tok: Token) -> tuple[str, ...]:
    """Readings a phrase's last word may take (English possessive, nisba endings)."""
    possessive = tok.readings[1:] if tok.folded.endswith("'s") else ()
    return possessive + tok.suffix_readings


def _adjacent(text: str, a: Token, b: Token) -> bool:
    """Two words of one name: only spaces between them (or the dot of an initial, as in U.S.)."""
    gap = text[a.end:b.start]
    if not gap.strip():
        return True
    return gap.strip() == "." and len(a.folded) == 1 and "\n" not in gap


def _joined(text: str, tokens: Sequence[Token], i: int, j: int) -> bool:
    """No sentence or clause break between tokens ``i`` and ``j`` (for gapped cue phrases)."""
    gap = text[tokens[i].end:tokens[j].start]
    return not any(ch in gap for ch in ".!?؟;؛\n")


@dataclass(frozen=True)
class Gazetteer:
    """The loaded gazetteer and its phrase index."""

    entries: tuple[Entry, ...]
    index: PhraseIndex[Entry]

    def find(self, text: str, tokens: Sequence[Token] | None = None, titles: frozenset[str] = frozenset()) -> list[Mention]:
        """Actor mentions in ``text``, left to right, longest match first, no overlaps.

        ``titles`` are folded title words (president, الرئيس, השר) that license a ``weak`` variant
        right after them.
        """
        toks = tokenize(text) if tokens is None else tokens
        out: list[Mention] = []
        i = 0
        while i < len(toks):
            match = self.index.longest_at(text, toks, i)
            entries = self._allowed(match, toks, titles, text) if match else ()
            if match and entries and all("region" in e.flags for e in entries):
                i = match.last + 1  # South America: a region, and its America is not the United States
            elif match and entries:
                start, end = toks[match.first].start, toks[match.last].end
                out.append(Mention(start, end, text[start:end], match.first, match.last, entries))
                i = match.last + 1
            else:
                i += 1
        return out

    @staticmethod
    def _allowed(match: Match[Entry], toks: Sequence[Token], titles: frozenset[str], text: str) -> tuple[Entry, ...]:
        """Drop rows whose flags forbid this occurrence (lower-case 'cased' word, untitled 'weak' one); a cased
        acronym must be written in capitals (UN, not the Un of Kim Jong Un)."""
        first = toks[match.first]
        prev = toks[match.first - 1] if match.first > 0 else None
        titled = prev is not None and any(r in titles for r in prev.readings)
        kept = []
        for entry in match.values:
            if "cased" in entry.flags and not (first.capitalised and _case_fits(entry.variant, text[first.start:first.end])):
                continue
            if "weak" in entry.flags and not titled:
                continue
            kept.append(entry)
        return tuple(kept)


def _case_fits(variant: str, surface: str) -> bool:
    """An all-capitals variant (UN, US, WHO) matches only an all-capitals word; others only need the capital."""
    letters = [ch for ch in variant if ch.isalpha()]
    if len(letters) < 2 or not all(ch.isupper() for ch in letters):
        return True
    word = surface[:-2] if surface.endswith(("'s", "’s")) else surface  # UN's
    return all(ch.isupper() for ch in word if ch.isalpha())


def _parse_date(value: str, where: str, column: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise LexiconError(f"{where}: {column} {value!r} is not an ISO date (YYYY-MM-DD) or empty") from None


def parse_line(line: str, where: str) -> Entry:
    """Parse one data row; ``where`` is 'path:lineno' for the error message."""
    cols = line.rstrip("\n").split("\t")
    if len(cols) != len(COLUMNS):
        raise LexiconError(f"{where}: expected {len(COLUMNS)} tab-separated columns {COLUMNS}, got {len(cols)}")
    code, kind, lang, variant, valid_from, valid_to, flags = (c.strip() for c in cols)
    if not code or not variant:
        raise LexiconError(f"{where}: empty code or variant")
    if kind not in KINDS:
        raise LexiconError(f"{where}: unknown kind {kind!r}; expected one of {sorted(KINDS)}")
    if lang not in LANGS:
        raise LexiconError(f"{where}: unknown lang {lang!r}; expected one of {sorted(LANGS)}")
    flag_set = frozenset(f for f in flags.split(",") if f)
    if not flag_set <= FLAGS:
        raise LexiconError(f"{where}: unknown flag(s) {sorted(flag_set - FLAGS)}; expected any of {sorted(FLAGS)}")
    variant = unicodedata.normalize("NFC", variant)
    start, end = _parse_date(valid_from, where, "valid_from"), _parse_date(valid_to, where, "valid_to")
    if start and end and end < start:
        raise LexiconError(f"{where}: valid_to {end} is before valid_from {start}")
    return Entry(code, kind, lang, variant, start, end, flag_set)


def read_entries(path: Path) -> tuple[Entry, ...]:
    """All data rows of a gazetteer file (blank lines and '#' comments skipped)."""
    entries = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            entries.append(parse_line(line, f"{path}:{lineno}"))
    return tuple(_merge_flags(entries))


def _merge_flags(entries: list[Entry]) -> list[Entry]:
    """A generated country row and a hand row flagging the same variant: the hand flags win for both."""
    flags: dict[tuple[str, str], frozenset[str]] = {}
    for e in entries:
        key = (e.code, phrase_tokens(e.variant))
        flags[key] = flags.get(key, frozenset()) | (e.flags - {"role"})
    out = []
    for e in entries:
        merged = flags[(e.code, phrase_tokens(e.variant))] | (e.flags & {"role"})
        out.append(e if merged == e.flags else Entry(e.code, e.kind, e.lang, e.variant, e.valid_from, e.valid_to, merged))
    return out


def build_gazetteer(entries: Iterable[Entry]) -> Gazetteer:
    """Index entries by their folded token sequences."""
    entries = tuple(entries)
    return Gazetteer(entries, PhraseIndex((phrase_tokens(e.variant), e) for e in entries))


@cache
def load_gazetteer(path: Path = GAZETTEER_PATH) -> Gazetteer:
    """The gazetteer file, parsed and indexed once per process."""
    return build_gazetteer(read_entries(path))
