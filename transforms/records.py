"""Records that travel through the pipeline, one frozen dataclass per kind.

Offsets are code-point indices into ``Article.text`` (the cleaned text), half-open, so
``article.text[fact.char_start:fact.char_end]`` gives back the fact's source span.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

PRECISIONS = ("day", "month", "year")


def stable_id(*parts: object) -> str:
    """Return a short, stable hex key for the given parts (the same parts give the same key on every run)."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """Bytes as they came from a source, before any decoding."""

    source_uri: str
    content: bytes
    media_type: str  # 'text/plain' | 'text/html' | 'application/pdf' (as declared or sniffed)
    fetched_at: datetime
    url: str | None = None
    declared_charset: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)  # e.g. feed title/published/summary

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: the text every fact's offsets point into."""

    article_id: str
    source_uri: str
    text: str
    language: str
    text_sha256: str  # hash of the normalised text, used for exact de-duplication
    raw_sha256: str  # hash of the source bytes, used for incremental runs
    fetched_at: datetime
    url: str | None = None
    title: str | None = None
    author: str | None = None
    site_name: str | None = None
    published_at: datetime | None = None
    duplicate_of: str | None = None

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why a document or record was set aside; becomes a row in ``quarantine``."""

    source_uri: str
    stage: str  # ingest | clean | dedupe | extract | validate | fetch
    reason: str  # short machine-friendly reason, e.g. 'empty', 'binary', 'expectation_failed'
    detail: str = ""


@dataclass(frozen=True, slots=True)
class DateMention:
    """An explicit or relative date found in text, with what is really known of it."""

    char_start: int
    char_end: int
    text: str
    value: date | None  # first day of the period; None when it cannot be resolved
    precision: str | None  # 'day' | 'month' | 'year'; None when unresolved
    relative: bool = False
    calendar: str = "gregorian"  # gregorian | hijri | hebrew


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    article_id: str
    event_date: date | None
    date_precision: str | None
    date_text: str | None
    actor1: str | None  # gazetteer code, e.g. RUS or RUS:PUTIN
    actor1_text: str | None  # surface form in the article
    actor2: str | None
    actor2_text: str | None
    event_type: str  # CAMEO root code label, e.g. '04 consult'
    cue: str  # the cue word that matched
    sentence: str
    char_start: int  # the sentence span
    char_end: int


@dataclass(frozen=True, slots=True)
class Figure:
    figure_id: str
    article_id: str
    value: float
    value_max: float | None
    unit: str | None
    kind: str  # count | money | percent | quantity
    approximate: bool
    raw_text: str
    sentence: str
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class Quote:
    quote_id: str
    article_id: str
    speaker: str | None
    text: str
    cue: str | None  # the speech verb; 'indirect:' + verb for reported speech
    kind: str  # direct | indirect
    char_start: int
    char_end: int
    speaker_code: str | None = None  # gazetteer code of the speaker, when it names a known actor
