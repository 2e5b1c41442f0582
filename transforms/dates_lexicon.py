"""Date vocabulary per language: library names (babel CLDR, hijridate, pyluach, num2words) plus the
hand-written rest from ``transforms/lexicons/dates.<lang>.yaml``, all folded for matching.

Library data comes first: babel gives the Gregorian month and weekday names of every Arabic variant
(Egyptian, Levantine, Maghreb), Hebrew and English; hijridate the Hijri month names; pyluach the
Hebrew-calendar month names; num2words the number words in "three days ago". The YAML adds only what no
library has (spelling variants, relative phrases, cue words) and says so in its header.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.dates import get_day_names, get_month_names
from hijridate import Hijri
from num2words import num2words
from pyluach.utils import MONTH_NAMES_HEBREW

from transforms.lexicon_files import LexiconError, lexicon_path, read_yaml_mapping, string_list
from transforms.normalize import fold_str

LANGS = ("ar", "he", "en")
# babel locales whose wide month names are used; Arabic has three month-name systems in use.
_MONTH_LOCALES = {"ar": ("ar_EG", "ar_SY", "ar_MA", "ar_DZ"), "he": ("he",), "en": ("en",)}
_LIST_KEYS = (
    "month_cues", "ambiguous_months", "year_cues", "era_hijri", "era_gregorian", "seasons", "range_joiners",
    "range_openers", "past", "next", "this", "weekday_prefix", "ago_before", "later_before", "ago_after",
    "later_after", "earlier_after", "count_before", "count_after", "reference_headings", "archive_markers",
    "blocked", "name_before", "ambiguous_month_cues", "month_year_joiners", "offset_event_links", "period_parts",
)
_MAP_KEYS = ("month_variants", "hijri_month_variants", "hebrew_month_variants", "relative", "anaphoric", "units",
             "decades", "bare_periods")
_KEYS = frozenset(_LIST_KEYS + _MAP_KEYS + ("week_start",))
UNITS = ("day", "week", "month", "year")
_WEEK_STARTS = {"monday": 0, "saturday": 5, "sunday": 6}
_NUMBER_WORDS_MAX = 12  # "twelve days ago" is the longest spelled-out count seen in news


@dataclass(frozen=True)
class DateLexicon:
    """Folded lookups for one language; keys are folded strings with single spaces."""

    lang: str
    months: dict[str, tuple[str, int]]  # name -> (calendar, month number)
    weekdays: dict[str, int]  # name -> Python weekday (Monday = 0)
    week_start: int  # Python weekday on which a week starts in this language's press
    words: dict[str, frozenset[str]]  # every list key of the YAML, folded
    relative: dict[str, tuple[str, int]]  # phrase -> (unit, offset)
    anaphoric: dict[str, str]  # phrase -> unit
    units: dict[str, tuple[str, int | None]]  # unit word -> (unit, count implied by the word or None)
    numbers: dict[str, int]  # number word -> value
    decades: dict[str, int]  # decade word -> two-digit decade
    ordinal_days: dict[str, int]  # ordinal day word ('الثامن', 'eighth') -> day of the month


def fold_key(text: str) -> str:
    """Fold a phrase and collapse its white space, the form every lookup key has."""
    return " ".join(fold_str(text).split())


@cache
def load_date_lexicon(lang: str) -> DateLexicon:
    """Build the lexicon for ``lang`` (cached: built once per process)."""
    path = lexicon_path("dates", lang, LANGS)
    raw = read_yaml_mapping(path, _KEYS)
    return DateLexicon(
        lang=lang,
        months=_months(lang, raw, path),
        weekdays=_weekdays(lang),
        week_start=_week_start(raw, path),
        words={k: frozenset(fold_key(w) for w in string_list(raw, k, path)) for k in _LIST_KEYS},
        relative=_with_period_parts(_relative(raw, path), raw, path),
        anaphoric=_anaphoric(raw, path),
        units=_units(raw, path),
        numbers=_numbers(lang),
        decades={fold_key(k): int(v) for k, v in (raw.get("decades") or {}).items()},
        ordinal_days=_ordinal_days(lang),
    )


def _months(lang: str, raw: dict, path: Path) -> dict[str, tuple[str, int]]:
    """Gregorian names from babel, Hijri from hijridate, Hebrew-calendar from pyluach, then YAML variants."""
    out: dict[str, tuple[str, int]] = {}
    for loc in _MONTH_LOCALES[lang]:
        for width in ("wide", "abbreviated") if lang == "en" else ("wide",):
            for num, name in get_month_names(width, locale=loc).items():
                out.setdefault(fold_key(name), ("gregorian", num))
    if lang == "ar":
        for num in range(1, 13):
            out.setdefault(fold_key(Hijri(1445, num, 1).month_name("ar")), ("hijri", num))
    if lang == "he":
        for num, name in enumerate(MONTH_NAMES_HEBREW, start=1):
            out.setdefault(fold_key(name), ("hebrew", num))
    for key, calendar in (("month_variants", "gregorian"), ("hijri_month_variants", "hijri"),
                          ("hebrew_month_variants", "hebrew")):
        for num, names in (raw.get(key) or {}).items():
            if not isinstance(num, int) or not 1 <= num <= 13 or not isinstance(names, list):
                raise LexiconError(f"{path}: {key}: entry {num!r}: expected a month number 1-13 with a list")
            for name in names:
                out.setdefault(fold_key(name), (calendar, num))
    return out


def _weekdays(lang: str) -> dict[str, int]:
    """Babel weekday names; Hebrew ones come as 'יום ראשון', so the bare ordinal is never a weekday."""
    return {fold_key(name): num for num, name in get_day_names("wide", locale=lang).items()}


def _week_start(raw: dict, path: Path) -> int:
    value = raw.get("week_start")
    if value not in _WEEK_STARTS:
        raise LexiconError(f"{path}: week_start {value!r}; expected one of {sorted(_WEEK_STARTS)}")
    return _WEEK_STARTS[value]


def _relative(raw: dict, path: Path) -> dict[str, tuple[str, int]]:
    out = {}
    for phrase, spec in (raw.get("relative") or {}).items():
        if not (isinstance(spec, list) and len(spec) == 2 and spec[0] in UNITS and isinstance(spec[1], int)):
            raise LexiconError(f"{path}: relative: {phrase!r}: expected [unit, offset] with unit one of {UNITS}")
        out[fold_key(phrase)] = (spec[0], spec[1])
    return out


def _with_period_parts(relative: dict[str, tuple[str, int]], raw: dict, path: Path) -> dict[str, tuple[str, int]]:
    """Add 'part of a period' phrases: 'بداية العام' (a bare period word means the current one) and
    'مطلع العام الماضي' (a part of a relative month or year keeps its value; the schema has nothing finer)."""
    out = dict(relative)
    bare: dict[str, str] = {}
    for unit, words in (raw.get("bare_periods") or {}).items():
        if unit not in ("month", "year") or not isinstance(words, list):
            raise LexiconError(f"{path}: bare_periods: {unit!r}: expected month or year with a list of words")
        bare.update({fold_key(w): unit for w in words})
    for part in string_list(raw, "period_parts", path):
        for word, unit in bare.items():
            out[f"{fold_key(part)} {word}"] = (unit, 0)
        for phrase, (unit, offset) in relative.items():
            if unit in ("month", "year"):
                out[f"{fold_key(part)} {phrase}"] = (unit, offset)
    return out


def _anaphoric(raw: dict, path: Path) -> dict[str, str]:
    out = {}
    for phrase, unit in (raw.get("anaphoric") or {}).items():
        if unit not in UNITS:
            raise LexiconError(f"{path}: anaphoric: {phrase!r}: unit {unit!r}; expected one of {UNITS}")
        out[fold_key(phrase)] = unit
    return out


def _units(raw: dict, path: Path) -> dict[str, tuple[str, int | None]]:
    """Unit words: 'one' forms imply 1 when no number precedes, 'two' forms (Arabic/Hebrew dual) imply 2."""
    out: dict[str, tuple[str, int | None]] = {}
    implied = {"one": 1, "two": 2, "many": None}
    for unit, forms in (raw.get("units") or {}).items():
        if unit not in UNITS or not isinstance(forms, dict) or set(forms) - set(implied):
            raise LexiconError(f"{path}: units: {unit!r}: expected a unit in {UNITS} with keys one/two/many")
        for form, words in forms.items():
            for word in words or []:
                out[fold_key(word)] = (unit, implied[form])
    return out


def _ordinal_days(lang: str) -> dict[str, int]:
    """Ordinal day words 1-31 from num2words: Arabic with the article as dates write them ('الثامن',
    'الحادي عشر', 'الحادي والعشرين', the oblique -ين of the tens), English as is ('eighth'). Hebrew
    writes days in digits or letters, never ordinal words."""
    if lang == "en":
        return {fold_key(num2words(n, lang="en", to="ordinal")): n for n in range(1, 32)}
    if lang != "ar":
        return {}
    out: dict[str, int] = {}
    units = {n: fold_key(num2words(n, lang="ar", to="ordinal")) for n in range(1, 10)}
    tens = {20: fold_key(num2words(20, lang="ar")), 30: fold_key(num2words(30, lang="ar"))}
    tens = {n: re.sub("ون$", "ين", word) for n, word in tens.items()}
    units[1] = "اول"  # 'الأول' (1st); num2words also says 'حادي' inside compounds
    for n in range(1, 10):
        out["ال" + units[n]] = n
    out["ال" + fold_key(num2words(10, lang="ar", to="ordinal"))] = 10
    out["الحادي عشر"] = 11
    for n in range(12, 20):
        out[f"ال{units[n - 10]} عشر"] = n
    for ten, word in tens.items():
        out["ال" + word] = ten
        for n in range(1, 10):
            head = "الحادي" if n == 1 else "ال" + units[n]
            if ten + n <= 31:
                out[f"{head} وال{word}"] = ten + n
    return out


def _numbers(lang: str) -> dict[str, int]:
    """Number words 1-12 from num2words; Arabic also without ة (ثلاث سنوات), Hebrew in both genders."""
    out: dict[str, int] = {}
    for n in range(1, _NUMBER_WORDS_MAX + 1):
        forms = [num2words(n, lang=lang)]
        if lang == "he":
            forms.append(num2words(n, lang="he", gender="m"))
        if lang == "ar":
            forms.append(forms[0][:-1] if forms[0].endswith("ة") else forms[0])
        for form in forms:
            out.setdefault(fold_key(form), n)
    if lang == "en":
        out.update({"a": 1, "an": 1})
    return out
