"""Block quotes: quoted paragraphs without quotation marks, introduced by a line that ends in ``:`` and holds
a cue (or, in PDF text, tab-separated lines after such an intro)."""
from __future__ import annotations

import re
from collections.abc import Iterator

from transforms.quote_candidates import Candidate
from transforms.quote_cues import CUE_WINDOW_TOKENS, Cue
from transforms.quote_direct import MIN_WORDS_CUED
from transforms.quote_marks import FAMILY, Mask, n_words
from transforms.quote_tokens import Tokens, kinds_of, source_marker_at
from transforms.speakers import phrase_after, subject_of

MAX_BLOCK_CHARS = 3000  # a block quote is one or a few paragraphs
BLOCK_MIN_TABS = 3  # PDF block quotes in 003 are tab-separated words


def block_quotes(toks: Tokens, masked: Mask) -> list[Candidate]:
    """Quoted paragraphs without marks: tab-separated PDF lines, or (unwrapped text) the paragraph after an
    intro that ends in ``:`` and holds a cue (`כפי שהדגיש שגריר רוסיה בישראל, א״ד ויקטורוב:`)."""
    text = toks.text
    lines = [m.span() for m in re.finditer(r"[^\n]+", text)]
    out = []
    for intro, body in _block_candidates(text, lines, toks.wrapped):
        bs, be = body
        if masked.covers(bs) or be - bs > MAX_BLOCK_CHARS or text[bs] in FAMILY:
            continue
        if n_words(text[bs:be]) < MIN_WORDS_CUED:
            continue
        cue = _intro_cue(toks, intro, masked)
        if cue is not None:
            out.append(Candidate(bs, be, "direct", "block:" + (cue.word or ""), cue.phrase))
    return out


def _block_candidates(text: str, lines: list[tuple[int, int]], wrapped: bool
                      ) -> Iterator[tuple[tuple[int, int], tuple[int, int]]]:
    """Yield (intro line span, body span) pairs."""
    nonblank = [(s, e) for s, e in lines if text[s:e].strip()]
    i = 0
    while i < len(nonblank):
        s, e = nonblank[i]
        if text.count("\t", s, e) >= BLOCK_MIN_TABS and i > 0:
            j = i
            while j + 1 < len(nonblank) and text.count("\t", *nonblank[j + 1]) >= BLOCK_MIN_TABS:
                j += 1
            intro = nonblank[i - 1]
            if text.count("\t", *intro) < BLOCK_MIN_TABS and _ends_with_colon(text, intro):
                yield intro, _trim(text, s, nonblank[j][1])
            i = j + 1
            continue
        if not wrapped and i + 1 < len(nonblank) and text[s:e].rstrip().endswith(":"):
            yield (s, e), _trim(text, *nonblank[i + 1])
        i += 1


def _ends_with_colon(text: str, span: tuple[int, int]) -> bool:
    """The intro ends in ':' (or starts with it: a right-to-left PDF line in visual order)."""
    line = text[span[0]:span[1]].strip()
    return line.endswith(":") or line.startswith(":")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """The span without white space at either end."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _intro_cue(toks: Tokens, intro: tuple[int, int], masked: Mask) -> Cue | None:
    """The cue nearest the end of the intro line's last sentence (window of CUE_WINDOW_TOKENS)."""
    end = toks.index_at_or_after(intro[1])
    for j in range(end - 1, max(-1, end - 1 - CUE_WINDOW_TOKENS), -1):
        if masked.covers(toks.spans[j][0]):
            continue
        if j < end - 1 and re.search(r"[.!?؟]\s", toks.text[toks.spans[j][1]:toks.spans[j + 1][0]]):
            return None
        n = source_marker_at(toks, j)
        if n:
            marker_end = toks.spans[j + n - 1][1]
            return Cue("block", toks.text[toks.spans[j][0]:marker_end], phrase_after(toks, j + n, marker_end))
        if "speech_verbs" in kinds_of(toks.word(j), toks.lang):
            return Cue("block", toks.word(j), subject_of(toks, j), toks.spans[j][0])
    return None
