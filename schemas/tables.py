"""Every warehouse table, declared once: DDL, upsert keys, quality checks and docs all come from here."""
from __future__ import annotations

from dataclasses import dataclass, field

import pycountry

# Any ISO 639-1 code (the pipeline is for every language), plus 'und' when detection is unsure.
LANGUAGES = tuple(sorted(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))) + ("und",)
PRECISIONS = ("day", "month", "year")
FIGURE_KINDS = ("count", "money", "percent", "quantity")
QUOTE_KINDS = ("direct", "indirect")
RUN_STATUSES = ("running", "published", "blocked", "failed", "unchanged")


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str
    nullable: bool = True
    doc: str = ""
    allowed: tuple[str, ...] | None = None  # enumeration checked by the quality suite
    references: str | None = None  # "table.column" foreign key checked by the quality suite


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    doc: str = ""
    span_of: str | None = None  # column that must equal articles.text[char_start:char_end]
    partition_by: str | None = None  # Parquet partition expression (a DuckDB SQL expression)
    published: bool = False
    checks: tuple[str, ...] = field(default_factory=tuple)  # extra named checks, see schemas.suites

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"table {self.name!r} has no column {name!r}; columns: {', '.join(self.column_names)}")


def _c(name: str, type_: str, doc: str, **kw) -> Column:
    return Column(name, type_, doc=doc, **kw)


RUN_ID = _c("run_id", "VARCHAR", "run that last wrote the row", nullable=False)
ARTICLE_FK = _c("article_id", "VARCHAR", "the article the fact comes from", nullable=False, references="articles.article_id")
CHAR_START = _c("char_start", "INTEGER", "code-point offset into articles.text, inclusive", nullable=False)
CHAR_END = _c("char_end", "INTEGER", "code-point offset into articles.text, exclusive", nullable=False)

ARTICLES = Table(
    "articles",
    key=("article_id",),
    doc="One row per cleaned document. Offsets of every fact point into `text`.",
    partition_by="coalesce(strftime(published_at, '%Y-%m'), 'undated')",
    published=True,
    columns=(
        _c("article_id", "VARCHAR", "stable hash of the source URI", nullable=False),
        _c("source_uri", "VARCHAR", "where the document was read: a path relative to the working folder, or a URL", nullable=False),
        _c("url", "VARCHAR", "canonical web address when known"),
        _c("title", "VARCHAR", "headline from page metadata or the first line"),
        _c("author", "VARCHAR", "byline from page metadata"),
        _c("site_name", "VARCHAR", "publisher from page metadata"),
        _c("published_at", "TIMESTAMPTZ", "publication time from metadata; null when unknown"),
        _c("language", "VARCHAR", "ISO 639-1 code from language detection ('und' when unsure)", nullable=False, allowed=LANGUAGES),
        _c("text", "VARCHAR", "cleaned text (NFC, boilerplate and residue removed)", nullable=False),
        _c("text_sha256", "VARCHAR", "sha256 of the normalised text, for exact de-duplication", nullable=False),
        _c("raw_sha256", "VARCHAR", "sha256 of the source bytes, for incremental runs", nullable=False),
        _c("word_count", "INTEGER", "white-space separated words in text", nullable=False),
        _c("duplicate_of", "VARCHAR", "article_id this one repeats (exactly or nearly); null for originals", references="articles.article_id"),
        _c("fetched_at", "TIMESTAMPTZ", "when the bytes were read or fetched", nullable=False),
        _c("pipeline_version", "VARCHAR", "version of cleaning+extraction that produced the row", nullable=False),
        RUN_ID,
    ),
)

EVENTS = Table(
    "events",
    key=("event_id",),
    doc="Who did what to whom, when: one row per (sentence, event cue). Types are CAMEO root codes.",
    span_of="sentence",
    partition_by="coalesce(cast(year(event_date) as varchar), 'undated')",
    published=True,
    columns=(
        _c("event_id", "VARCHAR", "stable hash of article, span, type and actors", nullable=False),
        ARTICLE_FK,
        _c("event_date", "DATE", "first day of the period the date names; null when unknown"),
        _c("date_precision", "VARCHAR", "what is known of event_date", allowed=PRECISIONS),
        _c("date_text", "VARCHAR", "the date as written"),
        _c("actor1", "VARCHAR", "source actor code (ISO 3166 alpha-3, or STATE:PERSON, or an organisation code)"),
        _c("actor1_text", "VARCHAR", "source actor as written"),
        _c("actor2", "VARCHAR", "target actor code"),
        _c("actor2_text", "VARCHAR", "target actor as written"),
        _c("event_type", "VARCHAR", "CAMEO root code and label, e.g. '04 consult'", nullable=False),
        _c("cue", "VARCHAR", "the verb or noun that signalled the event", nullable=False),
        _c("sentence", "VARCHAR", "the sentence the event is stated in", nullable=False),
        CHAR_START,
        CHAR_END,
        RUN_ID,
    ),
)

FIGURES = Table(
    "figures",
    key=("figure_id",),
    doc="Reported numbers with their unit or counted noun, scale words applied.",
    span_of="raw_text",
    partition_by="kind",
    published=True,
    columns=(
        _c("figure_id", "VARCHAR", "stable hash of article and span", nullable=False),
        ARTICLE_FK,
        _c("value", "DOUBLE", "the number, scale words applied (`7 إلى 16 ألف` -> 7000)", nullable=False),
        _c("value_max", "DOUBLE", "upper end of a range, else null"),
        _c("unit", "VARCHAR", "ISO 4217 code for money, % for percent, the counted noun or unit symbol"),
        _c("kind", "VARCHAR", "count, money, percent or quantity", nullable=False, allowed=FIGURE_KINDS),
        _c("approximate", "BOOLEAN", "true when hedged (about, حوالي, כ־)", nullable=False),
        _c("raw_text", "VARCHAR", "the figure as written", nullable=False),
        _c("sentence", "VARCHAR", "the sentence the figure is in", nullable=False),
        CHAR_START,
        CHAR_END,
        RUN_ID,
    ),
)

QUOTES = Table(
    "quotes",
    key=("quote_id",),
    doc="Direct quotes and reported speech, with the speaker when one is named.",
    span_of="text",
    partition_by="kind",
    published=True,
    columns=(
        _c("quote_id", "VARCHAR", "stable hash of article and span", nullable=False),
        ARTICLE_FK,
        _c("speaker", "VARCHAR", "who is quoted, as written; null when not named"),
        _c("speaker_code", "VARCHAR", "the speaker's gazetteer code (as in events.actor1) when the speaker is a known actor"),
        _c("text", "VARCHAR", "the quoted words without quotation marks (or the reported clause)", nullable=False),
        _c("cue", "VARCHAR", "the speech verb; 'indirect:' + verb for reported speech"),
        _c("kind", "VARCHAR", "direct or indirect", nullable=False, allowed=QUOTE_KINDS),
        CHAR_START,
        CHAR_END,
        RUN_ID,
    ),
)

RUNS = Table(
    "runs",
    key=("run_id",),
    doc="One row per pipeline run, with its counts and outcome.",
    columns=(
        _c("run_id", "VARCHAR", "unique run id", nullable=False),
        _c("started_at", "TIMESTAMPTZ", "start time", nullable=False),
        _c("finished_at", "TIMESTAMPTZ", "end time"),
        _c("status", "VARCHAR", "running, published, blocked, failed or unchanged", nullable=False, allowed=RUN_STATUSES),
        _c("documents_in", "INTEGER", "documents read from the sources"),
        _c("unchanged", "INTEGER", "documents skipped because already processed with the same bytes and pipeline"),
        _c("cleaned", "INTEGER", "documents cleaned into articles"),
        _c("duplicates", "INTEGER", "articles marked as duplicates"),
        _c("quarantined", "INTEGER", "quarantine rows written by the run"),
        _c("events", "INTEGER", "event rows in the warehouse after the run"),
        _c("figures", "INTEGER", "figure rows after the run"),
        _c("quotes", "INTEGER", "quote rows after the run"),
        _c("checks_passed", "INTEGER", "expectations that passed"),
        _c("checks_failed", "INTEGER", "expectations that failed"),
        _c("failed_checks", "VARCHAR", "names of failed blocking checks"),
        _c("summary", "VARCHAR", "the printed summary (markdown)"),
    ),
)

QUARANTINE = Table(
    "quarantine",
    key=("source_uri", "stage", "reason", "detail"),
    doc="Everything set aside, and why. A document or record here never blocks the good ones.",
    columns=(
        _c("source_uri", "VARCHAR", "document (or document#record) set aside", nullable=False),
        _c("stage", "VARCHAR", "ingest, clean, dedupe, extract, validate or fetch", nullable=False),
        _c("reason", "VARCHAR", "short reason, e.g. empty, binary, expectation_failed", nullable=False),
        _c("detail", "VARCHAR", "the failing expectation or error message", nullable=False),
        RUN_ID,
        _c("at", "TIMESTAMPTZ", "when it was set aside", nullable=False),
    ),
)

FETCHES = Table(
    "fetches",
    key=("url",),
    doc="Latest fetch state per URL: what came back, when, and the validators for conditional requests.",
    columns=(
        _c("url", "VARCHAR", "normalised URL that was requested", nullable=False),
        _c("source", "VARCHAR", "the feed, sitemap or list that named it"),
        _c("final_url", "VARCHAR", "URL after redirects"),
        _c("status", "INTEGER", "HTTP status (null when no response)"),
        _c("outcome", "VARCHAR", "what the last request came to; a URL skipped as fresh keeps its row.",
           allowed=("fetched", "not_modified", "robots_disallowed", "failed")),
        _c("error", "VARCHAR", "why it failed: '<reason>: <detail>', reason as in quarantine (dns, timeout, http_404, robots, ...)"),
        _c("retriable", "BOOLEAN", "whether the next run should try again"),
        _c("etag", "VARCHAR", "ETag to send as If-None-Match"),
        _c("last_modified", "VARCHAR", "Last-Modified to send as If-Modified-Since"),
        _c("content_type", "VARCHAR", "Content-Type header"),
        _c("content_sha256", "VARCHAR", "sha256 of the last good body; its file is data/raw/<sha256[:2]>/<sha256>"),
        _c("content_length", "BIGINT", "body size in bytes"),
        _c("fetched_at", "TIMESTAMPTZ", "time of the last attempt", nullable=False),
        _c("attempts", "INTEGER", "attempts made in the last run"),
        RUN_ID,
        _c("canonical_url", "VARCHAR", "the page's rel=canonical (Link header or <link>), normalised; null when absent"),
    ),
)

TABLES: tuple[Table, ...] = (ARTICLES, EVENTS, FIGURES, QUOTES, RUNS, QUARANTINE, FETCHES)
FACT_TABLES: tuple[Table, ...] = (EVENTS, FIGURES, QUOTES)
BY_NAME = {t.name: t for t in TABLES}
