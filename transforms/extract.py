"""Run every extractor over one article: the single place that knows which facts exist."""
from __future__ import annotations

from dataclasses import dataclass, replace

from transforms.dates import extract_dates
from transforms.events import extract_events
from transforms.figures import extract_figures
from transforms.quotes import extract_quotes
from transforms.records import Article, DateMention, Event, Figure, Quote
from transforms.speaker_links import speaker_code


@dataclass(frozen=True, slots=True)
class Facts:
    events: list[Event]
    figures: list[Figure]
    quotes: list[Quote]
    dates: list[DateMention]


def extract_facts(article: Article) -> Facts:
    """Dates first (events take their date from them), then events, figures and quotes."""
    published = article.published_at.date() if article.published_at else None
    dates = extract_dates(article.text, article.language, published)
    return Facts(
        events=extract_events(article, dates),
        figures=extract_figures(article),
        quotes=[replace(q, speaker_code=speaker_code(q.speaker, published)) for q in extract_quotes(article)],
        dates=dates,
    )
