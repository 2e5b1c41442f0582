"""Where documents come from. Each source kind turns a user's ``--source`` into RawDocuments.

``collect`` is the one seam the flow calls; local files live in ``local.py``, web sources (feeds,
sitemaps, URL lists) plug in beside it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from transforms.records import RawDocument, Rejection


@dataclass(slots=True)
class Collected:
    """What the sources produced: documents to clean, rejections to quarantine, counts per source."""

    documents: list[RawDocument] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    per_source: dict[str, dict[str, int]] = field(default_factory=dict)

    def extend(self, other: "Collected") -> None:
        self.documents.extend(other.documents)
        self.rejections.extend(other.rejections)
        for name, counts in other.per_source.items():
            mine = self.per_source.setdefault(name, {})
            for k, v in counts.items():
                mine[k] = mine.get(k, 0) + v
