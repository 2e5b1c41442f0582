"""Turn the parts of a date mention into (value, precision): calendar conversion and relative resolution.

Rule for every function here: ``value`` is the first day of the period that is really known and
``precision`` names that period; a part the text does not give is never filled in from today. A period
that fits no single day, month or year (a week across a month end, a decade) gives ``(None, None)``.
"""
from __future__ import annotations

from datetime import date, timedelta

from hijridate import Gregorian, Hijri
from pyluach.dates import GregorianDate, HebrewDate

Resolved = tuple[date | None, str | None]
UNRESOLVED: Resolved = (None, None)
_RANK = {"day": 0, "month": 1, "year": 2}
# "18 October" in an article published on 15 October is the coming one, not last year's: a few days of
# look-ahead cover announcements of imminent events without pulling older dates into the future.
DAY_TOLERANCE = timedelta(days=7)
MONTH_TOLERANCE = timedelta(days=31)


def coarser(a: str, b: str) -> str:
    """The less precise of two precisions."""
    return a if _RANK[a] >= _RANK[b] else b


def truncate(day: date, precision: str) -> date:
    """First day of the period of ``precision`` that contains ``day``."""
    if precision == "year":
        return day.replace(month=1, day=1)
    if precision == "month":
        return day.replace(day=1)
    return day


def period(start: date, end: date) -> Resolved:
    """The finest of day/month/year that holds the whole period ``[start, end]``."""
    if start == end:
        return start, "day"
    if (start.year, start.month) == (end.year, end.month):
        return start.replace(day=1), "month"
    if start.year == end.year:
        return start.replace(month=1, day=1), "year"
    return UNRESOLVED


def to_date(calendar: str, year: int, month: int, day: int) -> date | None:
    """Gregorian date of a day in ``calendar``; None when the day does not exist or is out of range."""
    try:
        if calendar == "hijri":
            return Hijri(year, month, day).to_gregorian()
        if calendar == "hebrew":
            return HebrewDate(year, month, day).to_pydate()
        return date(year, month, day)
    except (ValueError, OverflowError, TypeError):
        return None


def year_of(calendar: str, day: date) -> int:
    """The year number of ``day`` in ``calendar``."""
    if calendar == "hijri":
        return Gregorian(day.year, day.month, day.day).to_hijri().year
    if calendar == "hebrew":
        return GregorianDate(day.year, day.month, day.day).to_heb().year
    return day.year


def explicit(calendar: str, year: int, month: int | None, day: int | None) -> Resolved:
    """A date with its year given; precision follows the parts present."""
    if month is None:
        if calendar == "hebrew":  # a Hebrew year starts on 1 Tishrei (month 7 in pyluach's numbering)
            return to_date(calendar, year, 7, 1), "year"
        return to_date(calendar, year, 1, 1), "year"
    if day is None:
        first = to_date(calendar, year, month, 1)
        return (first, "month") if first else UNRESOLVED
    value = to_date(calendar, year, month, day)
    return (value, "day") if value else UNRESOLVED


def recent_day(calendar: str, month: int, day: int, published: date | None,
               direction: str | None = None) -> Resolved:
    """A day and month without a year: the latest one on or before ``published`` (plus a little look-ahead;
    none for 'past'), or for 'next' the first one after it."""
    if published is None:
        return UNRESOLVED
    year = year_of(calendar, published)
    if direction == "next":
        for candidate_year in (year, year + 1):
            value = to_date(calendar, candidate_year, month, day)
            if value is not None and value > published:
                return value, "day"
        return UNRESOLVED
    tolerance = timedelta(0) if direction == "past" else DAY_TOLERANCE
    for candidate_year in (year, year - 1):
        value = to_date(calendar, candidate_year, month, day)
        if value is not None and value <= published + tolerance:
            return value, "day"
    return UNRESOLVED


def relative_month(month: int, direction: str | None, published: date | None) -> Resolved:
    """A Gregorian month named without a year: past = strictly before the published month, next = after,
    this = the published year, bare = the latest one starting no later than a month after publication."""
    if published is None:
        return UNRESOLVED
    year = published.year
    if direction == "past":
        year -= month >= published.month
    elif direction == "next":
        year += month <= published.month
    elif direction is None and date(year, month, 1) > published + MONTH_TOLERANCE:
        year -= 1
    return date(year, month, 1), "month"


def shift(unit: str, offset: int, published: date | None, week_start: int) -> Resolved:
    """The day/week/month/year ``offset`` units from ``published`` (negative = before)."""
    if published is None:
        return UNRESOLVED
    if unit == "day":
        return published + timedelta(days=offset), "day"
    if unit == "week":
        start = published - timedelta(days=(published.weekday() - week_start) % 7) + timedelta(weeks=offset)
        return period(start, start + timedelta(days=6))
    if unit == "month":
        index = published.year * 12 + published.month - 1 + offset
        return date(index // 12, index % 12 + 1, 1), "month"
    return date(published.year + offset, 1, 1), "year"


def relative_weekday(weekday: int, direction: str | None, published: date | None) -> Resolved:
    """A weekday: past = the latest strictly before ``published``, next = the first after, bare or this =
    the latest on or before (news reports mostly look back: "said on Friday")."""
    if published is None:
        return UNRESOLVED
    back = (published.weekday() - weekday) % 7
    if direction == "past" and back == 0:
        back = 7
    if direction == "next":
        return published + timedelta(days=(weekday - published.weekday()) % 7 or 7), "day"
    return published - timedelta(days=back), "day"


def from_anchor(anchor: Resolved, unit: str, offset: int) -> Resolved:
    """A period ``offset`` units after an earlier date of the text ("six years later", "the same year").

    The result is never finer than the anchor or than the unit: "six years later" after November 1947
    says 1953, not November 1953; a week is counted as a month's worth of certainty.
    """
    value, precision = anchor
    if value is None or precision is None:
        return UNRESOLVED
    unit_precision = {"day": "day", "week": "month", "month": "month", "year": "year"}[unit]
    result_precision = coarser(precision, unit_precision)
    if unit in ("day", "week"):
        moved = value + timedelta(days=offset * (7 if unit == "week" else 1))
    elif unit == "month":
        index = value.year * 12 + value.month - 1 + offset
        moved = date(index // 12, index % 12 + 1, 1)
    else:
        moved = value.replace(year=value.year + offset, day=1) if value.year + offset > 0 else value
    return truncate(moved, result_precision), result_precision
