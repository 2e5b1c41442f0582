"""Where quotations can be: quotation marks paired per family, sentence boundaries, and the text's shape.

Hebrew ״ is a quotation mark and an acronym mark (האו״ם, צה״ל), Arabic sites close with “ or open with ”,
PDF text keeps hard line breaks inside sentences and quotes: these rules live here so that
the quote extractor (transforms/quotes.py and its quote_* modules) only decides which pairs are speech and who
said them. Everything is one pass over the
text with a stack per mark family, so the cost is linear in the text length.
"""
from __future__ import annotations

import bisect
import re
import unicodedata

# ---------------------------------------------------------------- settings (why each value)
MAX_QUOTE_CHARS = 2000  # the longest quotation in the samples is ~450 characters; stops runaway pairing
WRAPPED_MIN_LINES = 5  # hard-wrapped text: at least this many long lines ...
WRAPPED_SHARE = 0.5  # ... and this share of them ending mid-sentence
WRAPPED_LINE_CHARS = 40  # lines shorter than this (headings, list items) do not count

FAMILY = {"“": "curly", "”": "curly", "„": "curly", "‟": "curly", "«": "guillemet", "»": "guillemet",
          '"': "straight", "\u05f4": "gershayim", "‘": "single", "’": "single", "'": "single", "\u05f3": "single"}
_MARKS = re.compile("[" + re.escape("".join(FAMILY)) + "]")
_CLITICS = "وفוהבלשכמ"
_HE_CLITICS = "ובלכמשה"
TERMINAL = ".!?؟…"
_CLOSERS = "\"'”’»\u05f4\u05f3)]"
_ABBREV = re.compile(r"(?:\b[A-Z][a-z]{0,2}|\b[A-Z](?:\.[A-Z])*)$")

_INNER_TRAIL = ",،;.!?؟…"  # a quotation's closing punctuation, left out of its text
MarkPair = tuple[int, int, str]  # (offset of the opening mark, offset of the closing mark, mark family)


def looks_hard_wrapped(text: str) -> bool:
    """PDF text keeps line breaks inside sentences: most long lines then end without a sentence terminal."""
    long_lines = [ln.strip() for ln in text.split("\n") if len(ln.strip()) >= WRAPPED_LINE_CHARS]
    if len(long_lines) < WRAPPED_MIN_LINES:
        return False
    open_ended = sum(1 for ln in long_lines if ln[-1] not in TERMINAL + ":" + _CLOSERS + "”»")
    return open_ended / len(long_lines) >= WRAPPED_SHARE


class Boundaries:
    """Sentence boundaries as (end of sentence, start of next); a newline is one unless the text is wrapped.

    Hand-rolled instead of transforms.segment: that splitter keeps a quote that spans sentences inside one
    sentence, while cue windows here must stop at the sentence that holds the quotation mark.
    """

    def __init__(self, text: str, wrapped: bool) -> None:
        para = r"\n[ \t]*\n\s*" if wrapped else r"\n\s*"
        stop = rf"[{re.escape(TERMINAL)}][{re.escape(_CLOSERS)}]*(?:[ \t]+|\n\s*)"
        pat = re.compile(rf"{stop}|{para}")
        ends, starts = [], []
        for m in pat.finditer(text):
            if m.group()[0] == "." and _ABBREV.search(text[max(0, m.start() - 4):m.start()]):
                continue  # Mr. / U.S. / an initial
            ends.append(m.start())
            starts.append(m.end())
        self.ends, self.starts = ends, starts

    def sentence_start(self, pos: int) -> int:
        """Start of the sentence holding ``pos`` (0 in the first sentence)."""
        k = bisect.bisect_right(self.starts, pos) - 1
        return self.starts[k] if k >= 0 else 0

    def sentence_end(self, pos: int, limit: int) -> int:
        """End of the first sentence ending after ``pos``, capped at ``limit`` (a look-ahead bound)."""
        k = bisect.bisect_right(self.ends, pos)
        return min(self.ends[k], limit) if k < len(self.ends) else limit


class Mask:
    """Sorted, merged character spans (quotations, block quotes) in which speech cues are not read."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def covers(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a masked span (binary search: the mask is read once per token)."""
        k = bisect.bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]


# ---------------------------------------------------------------- quotation marks

def _wordish(ch: str) -> bool:
    """A letter, digit or combining mark (Arabic harakat, Hebrew niqqud count as part of the word)."""
    return ch.isalnum() or unicodedata.category(ch) in ("Mn", "Mc")


def mark_role(text: str, i: int) -> str | None:
    """'open', 'close', 'both' or None (an acronym's ״, an apostrophe) for the quotation mark at ``i``.

    Hebrew ״ is both a quote mark and an acronym mark (האו״ם, צה״ל), so it opens only after white space or
    punctuation, never after a letter, and closes only before white space, punctuation or the end. Curly
    marks may open right after a one-letter clitic (و”الجهود), as Arabic sites write them.
    """
    ch = text[i]
    prev = text[i - 1] if i else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    if ch == "«":
        return "open"
    if ch == "»":
        return "close"
    family = FAMILY[ch]
    clitic = family == "curly" and prev in _CLITICS and (i < 2 or not _wordish(text[i - 2]))
    clitic = clitic or prev == "\u0640" or _hebrew_clitic_open(text, i)
    can_open = not nxt.isspace() and nxt not in FAMILY and (not _wordish(prev) or clitic)
    can_close = not prev.isspace() and not _wordish(nxt)
    if can_open and can_close:
        return "both"
    return "open" if can_open else "close" if can_close else None


def _hebrew_clitic_open(text: str, i: int) -> bool:
    """`כ״מגן של אירופה״`: ״ or " after a one-letter Hebrew clitic opens a quote when two or more letters follow.

    Acronyms put the mark before their last letter (כ״ץ, ש״ח, צה״ל), so one letter after it stays an acronym.
    """
    if text[i] not in "\u05f4\"" or i < 1 or text[i - 1] not in _HE_CLITICS or (i >= 2 and _wordish(text[i - 2])):
        return False
    run = 0
    while i + 1 + run < len(text) and _wordish(text[i + 1 + run]):
        run += 1
    return run >= 2


def pair_marks(text: str, wrapped: bool) -> tuple[list[MarkPair], list[int]]:
    """Pair opening and closing marks per family with a stack; returns (open, close, family) and unclosed opens.

    A pair may not cross a paragraph break unless the text is hard-wrapped, nor exceed MAX_QUOTE_CHARS.
    """
    newlines = [m.start() for m in re.finditer("\n", text)] if not wrapped else []
    stacks: dict[str, list[int]] = {}
    pairs, unclosed = [], []
    for m in _MARKS.finditer(text):
        i = m.start()
        role = mark_role(text, i)
        if role is None:
            continue
        stack = stacks.setdefault(FAMILY[text[i]], [])
        if role == "close" or (role == "both" and stack):
            while stack and not _pairable(stack[-1], i, newlines):
                unclosed.append(stack.pop())
            if stack:
                o = stack.pop()
                pairs.append((o, i, FAMILY[text[i]]))
            continue
        while stack and not _pairable(stack[-1], i, newlines):
            unclosed.append(stack.pop())
        stack.append(i)
    for stack in stacks.values():
        unclosed.extend(stack)
    return sorted(pairs), sorted(unclosed)


def _pairable(o: int, c: int, newlines: list[int]) -> bool:
    """Marks at ``o`` and ``c`` may pair: close enough and, in unwrapped text, no line break between them."""
    if c - o > MAX_QUOTE_CHARS:
        return False
    k = bisect.bisect_left(newlines, o)
    return k == len(newlines) or newlines[k] > c


def inner_span(text: str, o: int, c: int) -> tuple[int, int]:
    """The quoted words between the marks at ``o`` and ``c``, without the marks, the white space inside them
    and the punctuation that closes them (`“We will not back down,”`: the gold convention of dev2)."""
    s, e = o + 1, c
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in _INNER_TRAIL):
        e -= 1
    return s, e


def n_words(text: str) -> int:
    """Words with a letter or digit: a lone dash or mark does not make a short quotation longer."""
    return sum(1 for w in text.split() if any(ch.isalnum() for ch in w))
