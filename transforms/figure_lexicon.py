"""Load the figure lexicons (``lexicons/figures.<lang>.yaml``) into one folded lookup table.

The three files are merged: Arabic, Hebrew and Latin words never collide once folded, and English
citations, currency codes and units turn up inside Arabic and Hebrew articles, so every article is read
with all three. Library data is added here rather than copied into the files: currency names and symbols
from babel (CLDR), codes checked against pycountry, Gregorian month names from babel (ar, ar_SY, he, en),
Hebrew-calendar month names from pyluach and Hijri month names from hijridate.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry
import yaml
from babel import Locale
from babel.numbers import get_currency_name, get_currency_symbol
from hijridate import Hijri
from pyluach.utils import MONTH_NAMES_HEBREW

from transforms.lexicon_files import LEXICON_DIR, LexiconError
from transforms.normalize import fold_str

LANGS = ("ar", "he", "en")

# Tokens: a number (digits with thousands separators and a decimal part), a word (letters, combining marks,
# and a quote/geresh only *inside* a word, as in ש"ח or קמ״ר), or any other single visible character.
_D = "0-9\u0660-\u0669\u06F0-\u06F9"
# Arabic harakat and Hebrew niqqud/cantillation; U+05BE (maqaf), U+05C0, U+05C3, U+05C6 are punctuation.
_MARKS = "\u064B-\u065F\u0670\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7"
TOKEN_RE = re.compile(
    rf"(?P<num>[{_D}]{{1,3}}(?:[,\u066c][{_D}]{{3}})+(?:[.\u066b][{_D}]+)?|[{_D}]+(?:[.\u066b][{_D}]+)?)"
    rf"|(?P<word>[^\W\d_](?:[^\W\d_]|[{_MARKS}]|['\"\u05f3\u05f4\u2019](?=[^\W\d_]))*)"
    r"|(?P<punct>\S)"
)

_LIST_KEYS = frozenset({
    "approximators_before", "approximators_after", "approximating_prefixes", "range_connectors",
    "between_words", "between_connectors", "percent_words", "drop_alone", "time_nouns", "not_counted",
    "definite_prefixes", "glued_prefixes", "page_cues", "id_cues", "date_connectors", "months_extra",
    "not_figures", "construct_numbers", "model_prefixes", "partitives", "partitive_prefixes", "half_after",
    "one_after", "one_after_blockers", "year_cues", "definite_before", "fraction_blockers",
})
_MAP_KEYS = frozenset({"currencies", "units", "scale_words", "extra_numbers", "fractions"})
_GROUP_KEYS = frozenset({"number_variants"})
_REQUIRED = frozenset({"approximators_before", "range_connectors", "percent_words", "currencies", "units",
                       "scale_words", "time_nouns", "not_counted"})
# Locales whose babel data is read: ar_SY holds the Levantine month names (تشرين الأول, شباط).
_BABEL_LOCALES = ("ar", "ar_SY", "he", "en")


class FigureLexiconError(LexiconError):
    """A figures lexicon file is malformed; the message names the file, the line and the fix."""


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """Fold a phrase and split it the way article text is tokenised."""
    return tuple(m.group() for m in TOKEN_RE.finditer(fold_str(phrase)))


@dataclass(frozen=True, slots=True)
class FigureLexicon:
    """Everything ``extract_figures`` looks up, folded; phrases are tuples of folded tokens."""

    approx_before: frozenset[tuple[str, ...]]
    approx_after: frozenset[tuple[str, ...]]
    approx_prefixes: frozenset[str]
    range_connectors: frozenset[str]
    between_words: frozenset[str]
    between_connectors: frozenset[str]
    percent: frozenset[tuple[str, ...]]
    currencies: dict[tuple[str, ...], str | None]
    currency_symbols: dict[str, str]
    units: dict[tuple[str, ...], str]
    scale_words: dict[str, float]
    number_variants: tuple[frozenset[str], ...]
    extra_numbers: dict[tuple[str, ...], float]
    drop_alone: frozenset[str]
    time_nouns: frozenset[str]
    not_counted: frozenset[str]
    definite_prefixes: frozenset[str]
    glued_prefixes: frozenset[str]
    page_cues: frozenset[str]
    id_cues: frozenset[str]
    date_connectors: frozenset[str]
    months: frozenset[str]
    not_figures: frozenset[tuple[str, ...]]
    construct_numbers: frozenset[str]
    model_prefixes: frozenset[str]
    fractions: dict[tuple[str, ...], float]  # fraction phrase -> the share it names, in percent
    partitives: frozenset[str]
    partitive_prefixes: frozenset[str]
    half_after: frozenset[tuple[str, ...]]
    one_after: frozenset[str]
    one_after_blockers: frozenset[str]
    year_cues: frozenset[str]
    definite_before: frozenset[str]
    fraction_blockers: frozenset[str]


@cache
def load_figure_lexicon() -> FigureLexicon:
    """Read, check and merge the ar/he/en figure lexicons (cached: the files are read once)."""
    raw = [(lang, _read(LEXICON_DIR / f"figures.{lang}.yaml")) for lang in LANGS]
    lists = {key: [item for _, data in raw for item in data.get(key, [])] for key in _LIST_KEYS}
    currencies = _currency_table([(LEXICON_DIR / f"figures.{lang}.yaml", data["currencies"]) for lang, data in raw])
    return FigureLexicon(
        approx_before=frozenset(phrase_tokens(p) for p in lists["approximators_before"]),
        approx_after=frozenset(phrase_tokens(p) for p in lists["approximators_after"]),
        approx_prefixes=_folded(lists["approximating_prefixes"]),
        range_connectors=_folded(lists["range_connectors"]),
        between_words=_folded(lists["between_words"]),
        between_connectors=_folded(lists["between_connectors"]),
        percent=frozenset(phrase_tokens(p) for p in lists["percent_words"]),
        currencies=currencies,
        currency_symbols=_currency_symbols({c for c in currencies.values() if c}),
        units={phrase_tokens(p): sym for _, data in raw for sym, ps in data["units"].items() for p in ps},
        scale_words={fold_str(w): float(v) for _, data in raw for v, ws in data["scale_words"].items() for w in ws},
        number_variants=tuple(frozenset(fold_str(w) for w in g) for _, d in raw for g in d.get("number_variants", [])),
        extra_numbers={phrase_tokens(w): float(v) for _, d in raw for v, ws in d.get("extra_numbers", {}).items()
                       for w in ws},
        drop_alone=_folded(lists["drop_alone"]),
        time_nouns=_folded(lists["time_nouns"]),
        not_counted=_folded(lists["not_counted"]),
        definite_prefixes=_folded(lists["definite_prefixes"]),
        glued_prefixes=_folded(lists["glued_prefixes"]),
        page_cues=_folded(lists["page_cues"]),
        id_cues=_folded(lists["id_cues"]),
        date_connectors=_folded(lists["date_connectors"]),
        months=_month_tokens(lists["months_extra"]),
        not_figures=frozenset(phrase_tokens(p) for p in lists["not_figures"]),
        construct_numbers=_folded(lists["construct_numbers"]),
        model_prefixes=_folded(lists["model_prefixes"]),
        fractions={phrase_tokens(w): float(v) for _, d in raw for v, ws in d.get("fractions", {}).items() for w in ws},
        partitives=_folded(lists["partitives"]),
        partitive_prefixes=_folded(lists["partitive_prefixes"]),
        half_after=frozenset(phrase_tokens(p) for p in lists["half_after"]),
        one_after=_folded(lists["one_after"]),
        one_after_blockers=_folded(lists["one_after_blockers"]),
        year_cues=_folded(lists["year_cues"]),
        definite_before=_folded(lists["definite_before"]),
        fraction_blockers=_folded(lists["fraction_blockers"]),
    )


def _folded(items: list[str]) -> frozenset[str]:
    return frozenset(fold_str(str(x)) for x in items)


def _read(path: Path) -> dict:
    """Parse one file and check its keys and value shapes."""
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise FigureLexiconError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise FigureLexiconError(f"{path}:1: expected a mapping of keys; got {type(data).__name__}")
    known = _LIST_KEYS | _MAP_KEYS | _GROUP_KEYS
    for key, value in data.items():
        line = _line_of(text, key)
        if key not in known:
            raise FigureLexiconError(f"{path}:{line}: unknown key {key!r}; expected one of {sorted(known)}")
        _check_shape(path, line, key, value)
    missing = _REQUIRED - data.keys()
    if missing:
        raise FigureLexiconError(f"{path}: missing keys {sorted(missing)}")
    return data


def _check_shape(path: Path, line: int, key: str, value: object) -> None:
    """Lists hold strings; maps hold a key to a list of strings; groups are a list of string lists."""
    def strings(v: object) -> bool:
        return isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v)

    ok = (
        strings(value) if key in _LIST_KEYS
        else isinstance(value, dict) and all(strings(v) for v in value.values()) if key in _MAP_KEYS
        else isinstance(value, list) and all(strings(g) for g in value)
    )
    if not ok:
        shape = {"list": "a list of non-empty strings", "map": "a mapping to lists of strings",
                 "groups": "a list of lists of strings"}
        kind = "list" if key in _LIST_KEYS else "map" if key in _MAP_KEYS else "groups"
        raise FigureLexiconError(f"{path}:{line}: {key} must be {shape[kind]}; got {value!r:.80}")


def _line_of(text: str, key: str) -> int:
    m = re.search(rf"^[ \t]*{re.escape(str(key))}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def _currency_table(files: list[tuple[Path, dict]]) -> dict[tuple[str, ...], str | None]:
    """Hand variants from the files plus babel's names (singular and plural forms) in ar, he and en."""
    table: dict[tuple[str, ...], str | None] = {}
    codes: set[str] = set()
    for path, mapping in files:
        for code, phrases in mapping.items():
            code = None if code in (None, "null") else str(code)
            if code is not None and pycountry.currencies.get(alpha_3=code) is None:
                raise FigureLexiconError(f"{path}:{_line_of(path.read_text(encoding='utf-8'), code)}: "
                                         f"{code!r} is not an ISO 4217 currency code")
            codes.add(code) if code else None
            table.update({phrase_tokens(p): code for p in phrases})
    for code in sorted(codes):
        for loc in ("ar", "he", "en"):
            names = {Locale.parse(loc).currencies.get(code, "")}
            names |= {get_currency_name(code, count=n, locale=loc) for n in (1, 2, 3, 11, 100)}
            table.update({phrase_tokens(n): code for n in names if n and n != code})
    return table


def _currency_symbols(codes: set[str]) -> dict[str, str]:
    """Non-alphabetic babel symbols ($, €, £, ₪, US$) -> code; a bare '$' is the US dollar in CLDR en."""
    out: dict[str, str] = {}
    for code in sorted(codes):
        for loc in ("en", "he"):
            sym = "".join(ch for ch in get_currency_symbol(code, loc) if ch.isprintable() and ord(ch) not in
                          (0x200E, 0x200F))
            if sym and not sym.isalpha():
                out.setdefault(sym, code)
    return out


def _month_tokens(extra: list[str]) -> frozenset[str]:
    """First folded token of every month name: babel (wide and abbreviated), pyluach, hijridate, the files."""
    names = list(extra) + list(MONTH_NAMES_HEBREW) + [Hijri(1445, n, 1).month_name("ar") for n in range(1, 13)]
    for loc in _BABEL_LOCALES:
        months = Locale.parse(loc).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                names.extend(months[context][width].values())
    return frozenset(toks[0] for toks in (phrase_tokens(n) for n in names) if toks)
