"""What the fetcher remembers between runs: one record per URL, and every body it ever kept.

``FetchState`` is the seam: ``warehouse.fetch_state.DuckFetchState`` keeps it in the ``fetches``
table, ``MemoryFetchState`` keeps it in a dict for tests and dry runs. ``RawStore`` keeps bodies
content-addressed under ``<data>/raw/<sha[:2]>/<sha>`` so cleaning can be re-run without refetching.
"""
from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

OUTCOMES = ("fetched", "not_modified", "robots_disallowed", "failed")


@dataclass(frozen=True, slots=True)
class FetchRecord:
    """The latest fetch of one URL; the fields are the columns of ``schemas.tables.FETCHES``."""

    url: str
    fetched_at: datetime
    run_id: str
    source: str | None = None
    final_url: str | None = None
    status: int | None = None
    outcome: str = "fetched"
    error: str | None = None
    retriable: bool | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    content_sha256: str | None = None
    content_length: int | None = None
    attempts: int | None = None
    canonical_url: str | None = None

    def as_row(self) -> dict[str, Any]:
        return asdict(self)

    def evolve(self, **changes: Any) -> "FetchRecord":
        return replace(self, **changes)


class FetchState(Protocol):
    """Per-URL memory of earlier fetches (validators, freshness, failures) and of what was processed."""

    def lookup(self, urls: Sequence[str]) -> dict[str, FetchRecord]:
        """Records of the given URLs that exist."""

    def record(self, rec: FetchRecord) -> None:
        """Insert or replace the record of ``rec.url``; called from worker threads."""

    def processed(self, items: Sequence[tuple[str, str]]) -> set[str]:
        """URLs among (url, content_sha256) pairs whose bytes the pipeline has already turned into a row."""


class MemoryFetchState:
    """A FetchState in a dict; ``mark_processed`` stands in for the warehouse's articles table."""

    def __init__(self) -> None:
        self.rows: dict[str, FetchRecord] = {}
        self.done: set[tuple[str, str]] = set()
        self._lock = threading.Lock()

    def lookup(self, urls: Sequence[str]) -> dict[str, FetchRecord]:
        with self._lock:
            return {u: self.rows[u] for u in urls if u in self.rows}

    def record(self, rec: FetchRecord) -> None:
        with self._lock:
            self.rows[rec.url] = rec

    def processed(self, items: Sequence[tuple[str, str]]) -> set[str]:
        with self._lock:
            return {url for url, sha in items if (url, sha) in self.done}

    def mark_processed(self, docs: Iterable[Any]) -> None:
        """Remember RawDocuments as turned into articles (what loading them into the warehouse does)."""
        with self._lock:
            self.done.update((d.source_uri, d.sha256) for d in docs)


class RawStore:
    """Bodies stored once by sha256, each with a JSON sidecar from its first fetch."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def path_for(self, sha: str) -> Path:
        return self.root / sha[:2] / sha

    def has(self, sha: str | None) -> bool:
        return bool(sha) and self.path_for(sha).is_file()

    def get(self, sha: str) -> bytes | None:
        try:
            return self.path_for(sha).read_bytes()
        except OSError:
            return None

    def sidecar(self, sha: str) -> dict[str, Any] | None:
        try:
            return json.loads(self.path_for(sha).with_suffix(".json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, sha: str, content: bytes, sidecar: dict[str, Any]) -> Path:
        """Write body then sidecar, each atomically, unless already there; returns the body path."""
        path = self.path_for(sha)
        if not path.is_file():
            _write_atomic(path, content)
        meta = path.with_suffix(".json")
        if not meta.is_file():
            _write_atomic(meta, json.dumps(sidecar, ensure_ascii=False, indent=1, default=str).encode("utf-8"))
        return path


def _write_atomic(path: Path, data: bytes) -> None:
    """Write to a temp file and rename, so a killed run never leaves a half-written body behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
