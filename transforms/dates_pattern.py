"""The one compiled regex that finds every date candidate, built per language from the date lexicon.

It runs over *folded* text (transforms.normalize.fold): lower case, one alef, ASCII digits, maqaf as '-',
geresh as ', gershayim as ". Alternatives are tried in order at each position, so the ones that must win
come first: skip patterns (reference sections, citations, ISBNs, page and id numbers) consume text that
looks like a date but is not an event date; full dates come before their parts. Every alternative is
anchored on a word boundary and bounded in length, so one left-to-right pass stays linear in the text.
"""
from __future__ import annotations

import re
from functools import cache

from transforms.dates_lexicon import DateLexicon, load_date_lexicon

# Clitic prefixes that attach to a day, month or year: Hebrew ב/ל/מ/ו/ה/ש (stacked, maqaf optional), Arabic
# و/ف/ب/ل. Hebrew כ ("about") is left out on purpose: כ־2000 is a count, not a year.
_PREFIX = {"he": r"(?:[ובלמהש]{1,3}-?)?", "ar": r"(?:[وفبل])?", "en": ""}
_HEBREW_DAY = r"""(?:[יכ]"[א-ט]|ט"[וז]|[א-טיכל]')"""  # ה' ... ט"ו ט"ז ... כ"ח ל'
_HEBREW_YEAR = r"""(?:ה?ת[א-ת]{0,2}"[א-ת])"""  # תשי"ח, התשפ"ד: 5000 is implied
_B = r"(?<!\w)"
_E = r"(?!\w)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"\d{4}(?!\d|[.,]\d)"


def alternation(words: object) -> str:
    """A regex alternation of folded phrases, longest first; inner spaces match any white space."""
    items = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    if not items:
        return r"(?!x)x"  # matches nothing, keeps the group structure valid for a language without the list
    return "(?:" + "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in items) + ")"


@cache
def date_regex(lang: str) -> re.Pattern[str]:
    """The compiled candidate regex for ``lang`` (cached per process)."""
    lex = load_date_lexicon(lang)
    return re.compile("|".join(_alternatives(lex)), re.MULTILINE)


def _alternatives(lex: DateLexicon) -> list[str]:
    w = lex.words
    pfx = _PREFIX[lex.lang]
    months = alternation(lex.months)
    weekdays = alternation(lex.weekdays)
    quals = alternation(w["past"] | w["next"] | w["this"])
    year_cue = alternation(w["year_cues"])
    era = alternation(w["era_hijri"] | w["era_gregorian"])
    num = r"(?:\d{1,3}|" + alternation(lex.numbers) + ")"
    units = alternation(lex.units)
    joiners = alternation(w["month_year_joiners"] | {"من", "of"})
    ordinals = alternation(lex.ordinal_days)
    year_phrases = alternation([p for p, (unit, _) in lex.relative.items() if unit == "year"]
                               + [p for p, unit in lex.anaphoric.items() if unit == "year"])
    he_day = f"|(?P<dmy_hd>{_HEBREW_DAY})" if lex.lang == "he" else ""
    en_day = rf"(?:\.?\s+(?P<mon_d>{_DAY}))?" if lex.lang == "en" else ""

    def year_tail(p: str) -> str:
        hebrew_year = f"|\\s+(?P<{p}_hy>{_HEBREW_YEAR})" if lex.lang == "he" else ""
        return (rf"(?:\s*,?\s*(?:{joiners}\s+)?(?:{year_cue}\s+)?{pfx}(?P<{p}_y>{_YEAR})(?:\s*(?P<{p}_era>{era}){_E})?"
                rf"{hebrew_year})")

    return [
        rf"(?P<refsec>^[ \t\-*#]*{alternation(w['reference_headings'])}[ \t]*:?[ \t]*$[\s\S]*)",
        rf"(?P<archive>^[^\n]*?{alternation(w['archive_markers'])}[^\n]*)",
        # an author-year citation, (Krammer, 1974, pp. 54-123); PDF text may mirror the brackets
        r"(?P<cite>[()\[][ \t]*[^()\[\]\n\d]{1,60}?,\s*\d{4}[a-z]?(?:\s*[;,][^()\n]{0,40}?)?\s*[()\]])",
        r"(?P<isbn>isbn[^\n\d]{0,6}[\d-]{9,17}x?)",
        rf"(?P<page>{_B}(?:pp?\.|עמ'|ص\.)\s*\d+(?:\s*-\s*\d+)?)",
        r"(?P<iso>(?<![\d-])(?P<iso_y>\d{4})[-/](?P<iso_m>\d{1,2})[-/](?P<iso_d>\d{1,2})(?![\d-]))",
        rf"(?P<num>(?<![\w/.-]){pfx}(?P<num_a>\d{{1,2}})[/.](?P<num_b>\d{{1,2}})[/.](?P<num_y>\d{{4}})(?![\d/-]|\.\d))",
        r"(?P<idnum>\d+(?:-\d+){2,}|\d+(?:[.,]\d+)+)",
        rf"(?P<blocked>{_B}{alternation(w['blocked'])}{_E})",
        rf"(?P<dmy>{_B}(?:(?:{alternation(w['weekday_prefix'])}\s+)?{pfx}(?P<dmy_wd>{weekdays})\s*,?\s*)?"
        rf"{pfx}(?:(?P<dmy_d>{_DAY}){he_day}|(?P<dmy_od>{ordinals})(?=\s+{joiners}\s))"
        rf"(?:\s+(?:من|of)\s+|\s*-?\s*){pfx}(?P<dmy_m>{months}){_E}"
        rf"(?:{year_tail('dmy')}|\s+(?P<dmy_q>{quals}){_E})?)",
        rf"(?P<mon>{_B}{pfx}(?P<mon_m>{months}){_E}(?:\s+(?P<mon_q>{quals}){_E}"
        rf"|\s+(?:{joiners}\s+)?{pfx}(?P<mon_ry>{year_phrases}){_E}|{en_day}{year_tail('mon')}?))",
        rf"(?P<season>{_B}{pfx}(?P<season_s>{alternation(w['seasons'])})\s+(?:{year_cue}\s+)?{pfx}{_YEAR})",
        rf"(?P<decade>{_decades(lex, pfx)})",
        rf"(?P<yrange>(?<![\w.,/-]){pfx}(?P<yrange_a>{_YEAR})\s*(?:-|{alternation(w['range_joiners'])})"
        rf"\s*-?\s*{pfx}(?P<yrange_b>{_YEAR}))",
        rf"(?P<year>(?<![\w.,/-])(?:(?P<year_cue>{year_cue})\s+)?{pfx}(?P<year_y>{_YEAR})"
        rf"(?:\s*(?P<year_era>{era}){_E})?)",
        rf"(?P<off>{_B}{pfx}(?P<off_w>{alternation(w['ago_before'] | w['later_before'])})\s+(?:(?P<off_n>{num})\s+)?"
        rf"(?P<off_u>{units}){_E}(?!\s*-?\d)"
        rf"|{_B}(?P<off_n2>{num})\s+(?P<off_u2>{units})\s+"
        rf"(?P<off_w2>{alternation(w['ago_after'] | w['later_after'] | w['earlier_after'])}){_E})",
        # 'أمس الأربعاء', 'today, Tuesday': a relative day followed by its weekday is one mention, unless the
        # weekday starts a date of its own ('اليوم، الجمعة 22 من تشرين الأول')
        rf"(?P<rel>{_B}{pfx}(?P<rel_p>{alternation(set(lex.relative) | set(lex.anaphoric))}){_E}"
        rf"(?:\s*,?\s*(?:{alternation(w['weekday_prefix'])}\s+)?(?P<rel_wd>{weekdays}){_E}(?!\s*,?\s*{pfx}(?:\d|{ordinals})))?)",
        rf"(?P<wday>{_B}(?:(?P<wday_pre>{alternation(w['weekday_prefix'] | w['past'] | w['next'] | w['this'])})"
        rf"\s+)?{pfx}(?P<wday_d>{weekdays}){_E}(?:\s+(?P<wday_q>{quals}){_E})?)",
    ]


def _decades(lex: DateLexicon, pfx: str) -> str:
    """Decades: Hebrew שנות ה־80, Arabic الثمانينيات, English 1980s / '80s."""
    parts = [rf"{_B}{pfx}{alternation(lex.decades)}{_E}"] if lex.decades else []
    if lex.lang == "he":
        parts.append(rf"{_B}{pfx}שנות\s+ה-?\d0{_E}")
    if lex.lang == "en":
        parts.append(r"(?<![\w'])(?:\d\d)?'?\d0s\b")
    return "|".join(parts) or r"(?!x)x"
