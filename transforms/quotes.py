"""Direct and reported speech with its speaker, in Arabic, Hebrew and English articles.

``extract_quotes`` is the whole pipeline, read top-down:

1. pair quotation marks inside a paragraph (or, in hard-wrapped PDF text, across lines) -
   transforms/quote_marks.py; never sentence splitting, so a quote over several sentences stays whole;
2. keep the pairs that hold speech, not a name or a scare quote, and the unclosed marks a cue introduces -
   transforms/quote_direct.py, with the cues themselves found by transforms/quote_cues.py;
3. add block quotes (an intro ending in ``:`` with a cue, then the quoted paragraph) - quote_blocks.py;
4. add reported clauses (قال إن, אמר כי, said that) and merge them with the quotations inside them -
   transforms/reported_speech.py;
5. give each quote its speaker in document order - transforms/quote_speakers.py, reading the phrase beside
   each cue with transforms/speakers.py.

Everything is linear in the text: marks are paired with one stack per mark family, and every look-around is
capped in tokens or characters, so a 1 MB article cannot hang the extractor.
"""
from __future__ import annotations

from transforms.quote_blocks import block_quotes
from transforms.quote_candidates import Candidate
from transforms.quote_direct import blank_marks, direct_quotes, organisation_names, unclosed_quotes
from transforms.quote_marks import Boundaries, Mask, looks_hard_wrapped, pair_marks
from transforms.quote_speakers import assign_speakers
from transforms.quote_tokens import tokenize
from transforms.records import Article, Quote, stable_id
from transforms.reported_speech import merge_reported_speech


def extract_quotes(article: Article) -> list[Quote]:
    """Find direct, block and reported quotes and their speakers; returns them in document order.

    Args:
        article: a cleaned article; ``language`` picks the lexicon ('ar', 'he' or 'en'; others give []).
    Returns:
        Quote records whose ``text`` equals ``article.text[char_start:char_end]`` (without quotation marks).
    """
    lang = article.language if article.language in ("ar", "he", "en") else None
    if lang is None or not article.text.strip():
        return []
    text = article.text
    wrapped = looks_hard_wrapped(text)
    toks = tokenize(text, lang, wrapped)
    pairs, unclosed = pair_marks(text, wrapped)
    names = organisation_names(toks, pairs)
    if names:  # read حركة “رجال الكرامة” as plain words; records still slice the original text
        toks = tokenize(blank_marks(text, names), lang, wrapped, tuple((o, c + 1) for o, c, _ in names))
        pairs = [p for p in pairs if p not in set(names)]
    bounds = Boundaries(toks.text, wrapped)
    masked = Mask([(o, c) for o, c, _ in pairs])
    direct = direct_quotes(toks, bounds, pairs, masked)
    direct += unclosed_quotes(toks, bounds, unclosed, masked)
    blocks = block_quotes(toks, masked)
    masked = Mask([(o, c) for o, c, _ in pairs] + [(f.start, f.end) for f in blocks])
    found = sorted(direct + blocks, key=lambda f: f.start)
    found = _drop_nested(found)
    merged = merge_reported_speech(toks, bounds, masked, pairs, found)
    quotes = assign_speakers(toks, bounds, masked, merged)
    return [_to_record(article, text, f) for f in quotes]


def _drop_nested(found: list[Candidate]) -> list[Candidate]:
    """Keep the first of overlapping candidates: a quotation inside a block quote is not a second quote."""
    out: list[Candidate] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


def _to_record(article: Article, text: str, f: Candidate) -> Quote:
    """The published record; its id depends only on the article and the span, so reruns upsert the same row."""
    return Quote(
        quote_id=stable_id(article.article_id, "quote", f.start, f.end),
        article_id=article.article_id,
        speaker=f.speaker,
        text=text[f.start:f.end],
        cue=f.cue,
        kind=f.kind,
        char_start=f.start,
        char_end=f.end,
    )
