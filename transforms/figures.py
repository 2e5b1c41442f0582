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
Each step lives in its own module, listed in the order ``_read_at`` uses them: figure_tokens (tokens and
the lookups the rules share), figure_shares (fractions, a postposed 'one'), figure_core (the number and its
scale words), figure_exclusions (what is not a figure), figure_ranges, figure_units (what it counts or
measures), figure_approx (the hedge before or after it).
"""
from __future__ import annotations

from dataclasses import dataclass

from transforms.figure_approx import approximated_after, approximator_start
from transforms.figure_core import NumberCore, apply_scale, read_core
from transforms.figure_exclusions import is_noise, keep_figure
from transforms.figure_ranges import YearRange, read_range
from transforms.figure_shares import is_postposed_one, read_share
from transforms.figure_tokens import ArticleTokens, raw_length, read_tokens
from transforms.figure_units import Unit, currency_before, read_unit
from transforms.records import Article, Figure, stable_id
from transforms.segment import sentence_at


@dataclass(frozen=True, slots=True)
class _Reading:
    """What was read at one position, before it becomes a record."""

    core: NumberCore
    value: float
    value_max: float | None
    unit: Unit
    noun: int | None = None  # token of a noun written before its number ('אזרח אחד')


def extract_figures(article: Article) -> list[Figure]:
    """Find the figures of one article, in text order.

    Args:
        article: the cleaned article; offsets point into ``article.text``.
    Returns:
        Figures whose ``raw_text`` is ``article.text[char_start:char_end]`` (approximator, number, scale
        word and unit) and whose ``sentence`` is the sentence holding the number.
    """
    doc = read_tokens(article.text)
    out: list[Figure] = []
    i = 0
    while i < len(doc.tokens):
        reading, nxt = _read_at(doc, i)
        if reading is not None:
            out.append(_build(article, doc, reading))
        i = max(nxt, i + 1)
    return out


def _read_at(doc: ArticleTokens, i: int) -> tuple[_Reading | None, int]:
    """Read a figure whose number starts at token ``i``; returns it (or None) and where to go on."""
    share = read_share(doc, i)
    if share is not None:
        core, unit = share
        return _Reading(core, core.value, None, unit), unit.end
    core = read_core(doc, i)
    if core is None or core.first in doc.fixed_phrase:
        return None, i + 1
    if is_postposed_one(doc, core):
        return _Reading(core, 1.0, None, Unit("count", doc.tokens[i - 1].text, core.last), i - 1), core.last
    if not core.is_word and is_noise(doc, core):
        return None, core.last
    value, j, scaled = apply_scale(doc, core.value, core.last)
    value_max = None
    number_range = read_range(doc, core, j, value, scaled)
    if isinstance(number_range, YearRange):
        return None, number_range.end
    if number_range is not None:
        value, value_max = number_range.low, number_range.high
        j, scaled = number_range.end, number_range.scaled
    unit = read_unit(doc, j, core, scaled)
    if not keep_figure(doc, core, unit, scaled, value_max):
        return None, j
    return _Reading(core, value, value_max, unit), unit.end


def _build(article: Article, doc: ArticleTokens, reading: _Reading) -> Figure:
    """The figure record: its span runs from the hedge, currency or noun before the number to the unit."""
    core, unit = reading.core, reading.unit
    approx_start = approximator_start(doc, core)
    money = currency_before(doc, core)
    starts = [_number_start(doc, core)]
    starts += [doc.tokens[reading.noun].start] if reading.noun is not None else []
    starts += [approx_start] if approx_start is not None else []
    starts += [doc.tokens[money[1]].start] if money else []
    start = min(starts)
    end = doc.tokens[max(unit.end, core.last) - 1].end
    kind, unit_text = (unit.kind, unit.unit) if unit.kind else ("count", None)
    span = sentence_at(doc.sentences, start)
    sentence = span.of(doc.text) if span else doc.text[start:end]
    return Figure(
        figure_id=stable_id(article.article_id, "figure", start, end),
        article_id=article.article_id, value=reading.value, value_max=reading.value_max, unit=unit_text,
        kind=kind, approximate=approx_start is not None or approximated_after(doc, unit.end),
        raw_text=doc.text[start:end], sentence=sentence, char_start=start, char_end=end,
    )


def _number_start(doc: ArticleTokens, core: NumberCore) -> int:
    """Where the number begins, after a glued prefix that is only a preposition (ב־300 -> 300)."""
    tok = doc.tokens[core.first]
    if core.is_word and core.prefix:
        return tok.start + raw_length(tok.text, len(core.prefix))
    return tok.start
