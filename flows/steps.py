"""The pipeline's steps over a batch, without Prefect: the flow in ``nightly.py`` only orders them.

Each function takes and returns plain records, so tests can run a step alone. Nothing here lets
one bad document stop the batch: failures become ``Rejection`` rows for the quarantine table.
"""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from transforms.clean import CleaningError, clean_document
from transforms.extract import Facts, extract_facts
from transforms.records import Article, RawDocument, Rejection

log = logging.getLogger(__name__)


@dataclass(slots=True)
class FactRows:
    """Rows ready for the warehouse, per fact table."""

    events: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)

    def table(self, name: str) -> list[dict[str, Any]]:
        return getattr(self, name)


def split_unchanged(
    documents: Sequence[RawDocument], processed: Mapping[str, tuple[str, str]], version: str
) -> tuple[list[RawDocument], int]:
    """Drop documents already processed with the same bytes and pipeline version; also repeats in the batch."""
    todo, seen, unchanged = [], set(), 0
    for doc in documents:
        if processed.get(doc.source_uri) == (doc.sha256, version) or doc.source_uri in seen:
            unchanged += 1
            continue
        seen.add(doc.source_uri)
        todo.append(doc)
    return todo, unchanged


def clean_all(documents: Iterable[RawDocument]) -> tuple[list[Article], list[Rejection]]:
    """Clean every document; an error in one becomes its rejection."""
    articles, rejections = [], []
    for doc in documents:
        try:
            articles.append(clean_document(doc))
        except CleaningError as exc:
            rejections.append(Rejection(doc.source_uri, "clean", exc.reason, exc.detail))
        except Exception as exc:  # noqa: BLE001 - a bug in cleaning must not lose the other articles
            log.exception("cleaning %s failed", doc.source_uri)
            rejections.append(Rejection(doc.source_uri, "clean", "error", f"{type(exc).__name__}: {exc}"))
    return articles, rejections


def extract_all(articles: Iterable[Article]) -> tuple[dict[str, Facts], list[Rejection]]:
    """Extract facts from every original article (duplicates have none)."""
    facts, rejections = {}, []
    for article in articles:
        if article.duplicate_of:
            continue
        try:
            facts[article.article_id] = extract_facts(article)
        except Exception as exc:  # noqa: BLE001 - one article's failure is quarantined, not fatal
            log.exception("extraction from %s failed", article.source_uri)
            rejections.append(Rejection(article.source_uri, "extract", "error", f"{type(exc).__name__}: {exc}"))
    return facts, rejections


def article_row(article: Article, version: str, run_id: str) -> dict[str, Any]:
    row = {f.name: getattr(article, f.name) for f in dataclasses.fields(article)}
    row.update(word_count=article.word_count, pipeline_version=version, run_id=run_id)
    return row


def fact_rows(facts: Mapping[str, Facts], run_id: str) -> FactRows:
    """Flatten extracted records into table rows stamped with the run."""
    out = FactRows()
    for f in facts.values():
        for name in ("events", "figures", "quotes"):
            out.table(name).extend({**dataclasses.asdict(r), "run_id": run_id} for r in getattr(f, name))
    return out


def quarantine_rows(rejections: Iterable[Rejection], run_id: str) -> list[dict[str, Any]]:
    now = datetime.now(timezone.utc)
    rows = {}
    for r in rejections:
        rows[(r.source_uri, r.stage, r.reason, r.detail)] = {**dataclasses.asdict(r), "run_id": run_id, "at": now}
    return list(rows.values())
