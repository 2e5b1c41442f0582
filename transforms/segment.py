"""Split cleaned text into paragraphs and sentences, keeping offsets into the text.

Hand-written: the sentence splitters that ship with libraries either need downloaded models
(punkt, stanza) or do not know Arabic ``؟``/``؛`` and Hebrew gershayim inside acronyms.
Rules: a newline ends a paragraph; inside a paragraph a sentence ends at ``. ! ? ؟ …`` followed by
space, except after a decimal point, a known abbreviation or an initial, or while a quotation that
closes later in the same paragraph is still open (so a quote spanning sentences stays whole).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_TERMINALS = ".!?\u061f\u2026"
_CLOSERS = "\"'”’»)]\u05f4"
_OPENING_QUOTES = {"“": "”", "«": "»", "„": "“", "״": "״", '"': '"'}
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt sgt st mt vs etc e.g i.e u.s u.k u.n no nos pp p vol ed eds fig jan feb mar apr "
    "jun jul aug sep sept oct nov dec inc ltd co corp jr sr".split()
)
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start:self.end]


def paragraphs(text: str) -> list[Span]:
    """Non-blank lines, trimmed of surrounding white space."""
    out = []
    for m in _PARAGRAPH.finditer(text):
        span = _trim(text, m.start(), m.end())
        if span:
            out.append(span)
    return out


def sentences(text: str) -> list[Span]:
    """All sentences of ``text`` in order, each trimmed of surrounding white space."""
    out: list[Span] = []
    for para in paragraphs(text):
        out.extend(_split_paragraph(text, para.start, para.end))
    return out


def sentence_at(sents: list[Span], offset: int) -> Span | None:
    """The sentence containing ``offset`` (binary search over sorted sentences)."""
    lo, hi = 0, len(sents)
    while lo < hi:
        mid = (lo + hi) // 2
        if sents[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(sents) and sents[lo].start <= offset < sents[lo].end:
        return sents[lo]
    return None


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def _split_paragraph(text: str, start: int, end: int) -> list[Span]:
    closes = _quote_close_positions(text, start, end)
    out: list[Span] = []
    sent_start = start
    i = start
    while i < end:
        ch = text[i]
        if ch in _TERMINALS and not _inside_quote(closes, i):
            j = i + 1
            while j < end and (text[j] in _TERMINALS or text[j] in _CLOSERS):
                j += 1
            if (j == end or text[j].isspace()) and not _is_false_stop(text, sent_start, i):
                span = _trim(text, sent_start, j)
                if span:
                    out.append(span)
                sent_start = j
            i = j
            continue
        i += 1
    tail = _trim(text, sent_start, end)
    if tail:
        out.append(tail)
    return out


def _quote_close_positions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans (open, close) of quotations that open and close inside the paragraph."""
    spans = []
    i = start
    while i < end:
        ch = text[i]
        closer = _OPENING_QUOTES.get(ch)
        # a straight or Hebrew double quote opens only after space/punctuation, never inside a word (צה״ל)
        if closer and (ch not in '"״' or i == start or not text[i - 1].isalnum()):
            j = text.find(closer, i + 1, end)
            if j != -1:
                spans.append((i, j))
                i = j + 1
                continue
        i += 1
    return spans


def _inside_quote(spans: list[tuple[int, int]], pos: int) -> bool:
    """Spans are sorted and disjoint, so only the last one opening before ``pos`` can hold it."""
    k = bisect.bisect_left(spans, (pos, -1)) - 1
    return k >= 0 and spans[k][0] < pos < spans[k][1]


def _is_false_stop(text: str, sent_start: int, pos: int) -> bool:
    """A period that is a decimal point, an abbreviation's or an initial's."""
    if text[pos] != ".":
        return False
    if pos + 1 < len(text) and text[pos + 1].isdigit() and pos > 0 and text[pos - 1].isdigit():
        return True
    k = pos
    while k > sent_start and not text[k - 1].isspace() and text[k - 1] not in "(\"“«":
        k -= 1
    word = text[k:pos].lower()
    if word in _ABBREVIATIONS or word.rstrip(".") in _ABBREVIATIONS:
        return True
    return len(word) == 1 and word.isalpha() and word.isascii()
