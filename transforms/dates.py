"""Find date mentions in Arabic, Hebrew and English text and say what each one really tells.

Decisions (issue 4):
- ``value`` is the first day of the period the text gives, ``precision`` its size. A missing day or month
  is never filled in: "يوليو 2012" is 2012-07-01 with precision 'month'.
- Seasons with a year ("في خريف 2009") get precision 'year' (the year is known, the months only vaguely).
- Decades ("שנות ה־80", "1980s") fit no precision: they are kept with value and precision None, so an
  event in "the 80s" does not inherit an older date of the text.
- Ranges ("1948–1949", "من 2018 إلى 2022") give two year mentions, one per end.
- Relative mentions (today, yesterday, last week, "أغسطس الماضي", a weekday, "18 أكتوبر" without a year)
  are resolved against ``published`` only; without it they are kept with value/precision None and
  relative=True. A week is kept as the month or year it falls in when it does not cross one, else None.
  Week starts follow the press of each language (Saturday ar, Sunday he, Monday en).
- Anaphoric mentions ("العام ذاته", "כעבור שש שנים", "two years later") resolve against the nearest
  earlier dated mention of the text, never finer than that mention or than their unit.
- A relative day and its weekday ("أمس الأربعاء") are one mention; a month with a year phrase ("نوفمبر من
  العام نفسه", "May last year") is one mention in that year; "بداية العام" is the current year.
- Not event dates: author-year citations, ISBNs, page and id numbers, counts (أكثر من 2000 جندي, بين ١٣٠٠
  و١٤٠٠ سفينة), names of plans and documents (رؤية 2030, Resolution 2254), durations (منذ 12 عاماً),
  offsets from an event (بعد أربعة أشهر من زيارة), archive/access notes and everything after a references
  or related-articles heading.
- Spans keep attached clitics ("ב־1967", "وبعد ستة أيام") but not free-standing prepositions ("في").
dateparser is not used: it fills missing parts from today and would hide the precision.
Known gaps: a Hijri or Hebrew-calendar month without a year ("في رمضان") stays unresolved; "قبل يومين"
is read from the publication date even where the story means two days before its own date; author-year
citations without a comma "(Smith 2019)" are not recognised.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from transforms import dates_resolve as res
from transforms.dates_lexicon import DateLexicon, fold_key, load_date_lexicon
from transforms.dates_pattern import date_regex
from transforms.normalize import Folded, fold, fold_char
from transforms.records import DateMention

_SKIPS = frozenset({"refsec", "archive", "cite", "isbn", "page", "idnum", "blocked"})
_BARE_YEAR_RANGE = range(1800, 2100)  # a 4-digit number with no cue is a year only in this range
_CUED_YEAR_RANGE = range(1000, 2100)
_HIJRI_YEAR_RANGE = range(1, 1600)
_HEBREW_LETTERS = {ch: v for v, ch in zip(
    (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 20, 30, 40, 40, 50, 50, 60, 70, 80, 80, 90, 90, 100, 200, 300, 400),
    "אבגדהוזחטיכךלמםנןסעפףצץקרשת")}
_WORD_BEFORE = re.compile(r"(?:\S+\s+)?(\S+)\s*$")


def extract_dates(text: str, lang: str, published: date | None = None) -> list[DateMention]:
    """Return the date mentions of ``text`` in document order.

    Args:
        text: the cleaned article text; offsets index into it.
        lang: 'ar', 'he' or 'en' (selects the lexicon and the regex).
        published: the publication date, the only anchor for relative mentions.
    Returns:
        DateMention records, each with value/precision as known (see the module docstring).
    """
    scan = _Scan(text, fold(text), load_date_lexicon(lang), published, [])
    out = scan.prior
    for m in date_regex(lang).finditer(scan.folded.text):
        kind = m.lastgroup
        if kind in _SKIPS:
            continue
        for (start, end), resolved, relative, calendar in _INTERPRETERS[kind](m, scan):
            cs, ce = scan.folded.span(start, end)
            while ce < len(text) and not text[ce].isspace() and not fold_char(text[ce]):
                ce += 1  # keep a trailing tatweel or mark inside the span: "هـ", not "ه"
            value, precision = resolved
            out.append(DateMention(cs, ce, text[cs:ce], value, precision, relative, calendar))
    return out


# --- interpreters: one per regex alternative; each yields ((start, end), (value, precision), relative, cal)


@dataclass(frozen=True, slots=True)
class _Scan:
    """What every interpreter needs: the texts, the lexicon, the anchor date and the mentions so far."""

    text: str
    folded: Folded
    lex: DateLexicon
    published: date | None
    prior: list[DateMention]


_Found = Iterator[tuple[tuple[int, int], res.Resolved, bool, str]]


def _iso(m: re.Match, c: _Scan) -> _Found:
    value = res.to_date("gregorian", int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    if value:
        yield m.span(), (value, "day"), False, "gregorian"


def _numeric(m: re.Match, c: _Scan) -> _Found:
    """dd/mm/yyyy; English reads mm/dd/yyyy when the first number cannot be a month the other way round."""
    a, b, y = int(m["num_a"]), int(m["num_b"]), int(m["num_y"])
    day, month = (b, a) if c.lex.lang == "en" and a <= 12 < b else (a, b)
    value = res.to_date("gregorian", y, month, day)
    if value:
        yield m.span(), (value, "day"), False, "gregorian"


def _day_month(m: re.Match, c: _Scan) -> _Found:
    """Day + month (+ year): '12 فبراير 1953', 'ב־28 באפריל 2005', "ה' באייר תשי"ח", 'Friday 22 October'."""
    calendar, month = c.lex.months[fold_key(m["dmy_m"])]
    if not _capitalised(m, "dmy_m", c):
        return
    day = _day_number(m, c.lex)
    year = _year_part(m, "dmy")
    if year is not None:
        yield m.span(), res.explicit(calendar, year, month, day), False, calendar
    elif 1 <= day <= 31:
        direction = _direction(m["dmy_q"], c.lex)  # 'الثامن من تشرين الأول الماضي'
        yield m.span(), res.recent_day(calendar, month, day, c.published, direction), True, calendar


def _month(m: re.Match, c: _Scan) -> _Found:
    """Month with a year ('يوليو 2012'), a qualifier ('أغسطس الماضي'), an English day, or a cue word."""
    calendar, month = c.lex.months[fold_key(m["mon_m"])]
    if not _capitalised(m, "mon_m", c):
        return
    year = _year_part(m, "mon")
    day = int(m["mon_d"]) if m.groupdict().get("mon_d") else None
    if year is not None:
        yield m.span(), res.explicit(calendar, year, month, day), False, calendar
    elif m["mon_ry"]:  # 'نوفمبر من العام نفسه', 'in May last year'
        if fold_key(m["mon_m"]) in c.lex.words["ambiguous_months"] and not _bare_month_ok(m, c):
            return  # 'במאי השנה' is also 'director of the year'
        year = _phrase_year(m["mon_ry"], c)
        resolved = res.explicit(calendar, year, month, None) if year and calendar == "gregorian" else res.UNRESOLVED
        yield m.span(), resolved, True, calendar
    elif day is not None:
        yield m.span(), res.recent_day(calendar, month, day, c.published), True, calendar
    else:
        qualifier = m["mon_q"] or _words_before(c.folded, m.start())[0]  # 'أغسطس الماضي', 'last August'
        direction = _direction(qualifier, c.lex)
        if direction or _bare_month_ok(m, c):
            resolved = res.relative_month(month, direction, c.published)
            yield m.span(), resolved if calendar == "gregorian" else res.UNRESOLVED, True, calendar


def _season(m: re.Match, c: _Scan) -> _Found:
    year = int(re.search(r"\d{4}", m["season"])[0])
    yield m.span(), res.explicit("gregorian", year, None, None), False, "gregorian"


def _decade(m: re.Match, c: _Scan) -> _Found:
    yield m.span(), res.UNRESOLVED, False, "gregorian"


def _year_range(m: re.Match, c: _Scan) -> _Found:
    """'1948-1949', 'من 2018 إلى 2022'; before 1800 only after a year cue ('بين ١٣٠٠ و١٤٠٠ سفينة' counts ships)."""
    first, last = int(m["yrange_a"]), int(m["yrange_b"])
    previous, _ = _words_before(c.folded, m.start())
    cued = previous in c.lex.words["year_cues"]
    plausible = first in (_CUED_YEAR_RANGE if cued else _BARE_YEAR_RANGE)
    if _names_a_document(m.start(), c) or _counted_after(m.end(), c):
        return
    if plausible and first < last < 2100:
        for group, year in (("yrange_a", first), ("yrange_b", last)):
            yield m.span(group), res.explicit("gregorian", year, None, None), False, "gregorian"


def _year(m: re.Match, c: _Scan) -> _Found:
    """A year on its own; without a cue word it must be plausible and not a count."""
    year = int(m["year_y"])
    era = fold_key(m["year_era"] or "")
    if era in c.lex.words["era_hijri"]:
        if year in _HIJRI_YEAR_RANGE:
            yield m.span(), res.explicit("hijri", year, None, None), False, "hijri"
        return
    cued = m["year_cue"] or era or _dating_prefix(m, c)  # a cue word or an attached prefix (ב־1967)
    if year not in (_CUED_YEAR_RANGE if cued else _BARE_YEAR_RANGE) or _is_count(m, c, bool(cued)):
        return
    if not m["year_cue"] and _names_a_document(m.start(), c):  # 'رؤية 2030', 'Resolution 2254'
        return
    yield m.span(), res.explicit("gregorian", year, None, None), False, "gregorian"


def _offset(m: re.Match, c: _Scan) -> _Found:
    """'قبل يومين', 'לפני שלוש שנים', 'three days ago' (from publication); 'כעבור שש שנים' (from the text)."""
    word = fold_key(m["off_w"] or m["off_w2"])
    unit, implied = c.lex.units[fold_key(m["off_u"] or m["off_u2"])]
    number = m["off_n"] or m["off_n2"]
    count = (int(number) if number.isdigit() else c.lex.numbers[fold_key(number)]) if number else implied
    if count is None:  # "قبل أيام": a few days, no number
        return
    w = c.lex.words
    if word in w["later_before"] and _word_after(m.end(), c) in w["offset_event_links"]:
        return  # 'بعد أربعة أشهر من زيارة…': counted from an event, not from a date
    if word in w["ago_before"] or word in w["ago_after"]:
        yield m.span(), res.shift(unit, -count, c.published, c.lex.week_start), True, "gregorian"
    else:
        sign = -1 if word in w["earlier_after"] else 1
        yield m.span(), res.from_anchor(_anchor(c.prior), unit, sign * count), True, "gregorian"


def _relative(m: re.Match, c: _Scan) -> _Found:
    """'أمس', 'العام نفسه'; a day word with its weekday after it ('أمس الأربعاء') is one mention."""
    phrase = fold_key(m["rel_p"])
    if phrase in c.lex.relative:
        unit, offset = c.lex.relative[phrase]
        resolved = res.shift(unit, offset, c.published, c.lex.week_start)
    else:
        unit = c.lex.anaphoric[phrase]
        resolved = res.from_anchor(_anchor(c.prior), unit, 0)
    if m["rel_wd"] is None or unit == "day":
        yield m.span(), resolved, True, "gregorian"
        return
    yield m.span("rel_p"), resolved, True, "gregorian"  # 'الأسبوع الماضي الأربعاء': two mentions
    weekday = c.lex.weekdays[fold_key(m["rel_wd"])]
    yield m.span("rel_wd"), res.relative_weekday(weekday, None, c.published), True, "gregorian"


def _weekday(m: re.Match, c: _Scan) -> _Found:
    if not _capitalised(m, "wday_d", c):
        return
    weekday = c.lex.weekdays[fold_key(m["wday_d"])]
    direction = _direction(m["wday_q"] or m["wday_pre"], c.lex)
    yield m.span(), res.relative_weekday(weekday, direction, c.published), True, "gregorian"


_INTERPRETERS = {
    "iso": _iso, "num": _numeric, "dmy": _day_month, "mon": _month, "season": _season, "decade": _decade,
    "yrange": _year_range, "year": _year, "off": _offset, "rel": _relative, "wday": _weekday,
}


# --- helpers


def _day_number(m: re.Match, lex: DateLexicon) -> int:
    """The day of a day/month match: digits, Hebrew letters (כ״ח) or an ordinal word (الثامن)."""
    if m["dmy_d"]:
        return int(m["dmy_d"])
    if m["dmy_od"]:
        return lex.ordinal_days[fold_key(m["dmy_od"])]
    return _gematria(m["dmy_hd"])


def _phrase_year(phrase: str, c: _Scan) -> int | None:
    """The year a relative or anaphoric year phrase names ('العام الماضي', 'العام نفسه'), if known."""
    key = fold_key(phrase)
    if key in c.lex.relative:
        value, _ = res.shift("year", c.lex.relative[key][1], c.published, c.lex.week_start)
    else:
        value, _ = _anchor(c.prior)
    return value.year if value else None


def _year_part(m: re.Match, prefix: str) -> int | None:
    """The year of a day/month match: digits, or Hebrew letters with 5000 implied (תשי"ח = 5718)."""
    if m[f"{prefix}_y"]:
        return int(m[f"{prefix}_y"])
    hebrew = m.groupdict().get(f"{prefix}_hy")
    return 5000 + _gematria(hebrew.removeprefix("ה")) if hebrew else None


def _gematria(letters: str) -> int:
    """Numeric value of Hebrew letters, ignoring geresh and gershayim."""
    return sum(_HEBREW_LETTERS.get(ch, 0) for ch in letters)


def _anchor(prior: list[DateMention]) -> res.Resolved:
    """The nearest earlier mention with a value: what "the same year" or "six years later" refers to."""
    for mention in reversed(prior):
        if mention.value is not None:
            return mention.value, mention.precision
    return res.UNRESOLVED


def _direction(qualifier: str | None, lex: DateLexicon) -> str | None:
    """'past', 'next', 'this' or None for a qualifier word ('الماضي', 'הבא', 'last')."""
    if not qualifier:
        return None
    q = fold_key(qualifier)
    return next((d for d in ("past", "next", "this") if q in lex.words[d]), None)


def _words_before(folded: Folded, start: int) -> tuple[str, str]:
    """The word before ``start`` and the two words before it, folded."""
    m = _WORD_BEFORE.search(folded.text, max(0, start - 40), start)
    if not m:
        return "", ""
    return m[1], fold_key(m[0])


def _bare_month_ok(m: re.Match, c: _Scan) -> bool:
    """A month name alone is a date after a cue word or, in Hebrew, with an attached ב/מ prefix, unless the
    name is also an ordinary word (מאי 'director', ماي); English 'May'/'March' still count after 'in'."""
    previous, _ = _words_before(c.folded, m.start())
    if fold_key(m["mon_m"]) in c.lex.words["ambiguous_months"]:
        return previous in c.lex.words["ambiguous_month_cues"]
    if c.lex.lang == "he" and m.start("mon_m") > m.start() and c.folded.text[m.start()] in "במ":
        return True
    return previous in c.lex.words["month_cues"]


def _dating_prefix(m: re.Match, c: _Scan) -> bool:
    """An attached preposition before the year (ב־1967, بـ1967); a bare 'and' (و١٤٠٠, ו־1500) is no cue."""
    attached = c.folded.text[m.start():m.start("year_y")].rstrip("-")  # called only when no cue word matched
    return bool(attached) and attached not in ("و", "ו")


def _names_a_document(start: int, c: _Scan) -> bool:
    """The word before names a plan or a document ('رؤية 2030', '"Vision 2030"', 'لخطة 2030')."""
    previous, _ = _words_before(c.folded, start)
    previous = previous.strip("\"'«»“”()[]")
    names = c.lex.words["name_before"]
    return previous in names or (previous[:1] in "وفلب" and previous[1:] in names)


def _word_after(end: int, c: _Scan) -> str:
    after = c.folded.text[end:end + 30].split()
    return after[0] if after else ""


def _counted_after(end: int, c: _Scan) -> bool:
    """A count noun or % right after the number: 'بين ١٣٠٠ و١٤٠٠ سفينة' counts ships."""
    nxt = _word_after(end, c)
    return nxt in c.lex.words["count_after"] or nxt.startswith("%")


def _is_count(m: re.Match, c: _Scan, cued: bool) -> bool:
    """A 4-digit number followed by a unit or count noun, or (without a cue) preceded by 'about'."""
    if _counted_after(m.end(), c):
        return True
    previous, two = _words_before(c.folded, m.start())
    return not cued and (previous in c.lex.words["count_before"] or two in c.lex.words["count_before"])


def _capitalised(m: re.Match, group: str, c: _Scan) -> bool:
    """English month and weekday names count only when capitalised (may/march are also verbs)."""
    if c.lex.lang != "en":
        return True
    start, _ = c.folded.span(*m.span(group))
    return c.text[start].isupper()
