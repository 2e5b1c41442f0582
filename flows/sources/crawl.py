"""Collect one web source: discover its URLs, fetch only what needs fetching, remember every outcome.

Incremental by construction: each URL's outcome is written to the FetchState (and its body to the raw
store) the moment its fetch ends, so a run killed half-way leaves a true record behind. The next run
skips URLs fetched within their freshness window, and hands on from the raw store any body that was
fetched but never turned into an article, so nothing is fetched twice and nothing is lost.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from flows.sources import Collected
from flows.sources.config import SourceConfigError, SourceSpec, source_from_spec
from flows.sources.feeds import DiscoveryError, Target, discover, find_canonical, normalize
from flows.sources.state import FetchRecord, FetchState, RawStore
from flows.sources.web import FetchResult, FetchSettings, Fetcher, declared_charset, resolve_media_type
from transforms.records import RawDocument, Rejection

# Per-source counts in the run report. discovered: URLs the source named (after since/max_items);
# new: never seen before; unchanged: fresh or 304 and already processed; fetched: bodies downloaded;
# failed: fetch rejections; resumed: fetched by an earlier (killed) run but never processed, handed on
# from the raw store; skipped: permanent failures inside their window; duplicates: named by an earlier
# source of this run, or the same canonical page as an earlier document.
COUNT_KEYS = ("discovered", "new", "unchanged", "fetched", "failed", "resumed", "skipped", "duplicates")
OK_OUTCOMES = ("fetched", "not_modified")

Progress = Callable[[FetchRecord], None]


@dataclass(slots=True)
class RunMemory:
    """What earlier sources of this run already claimed, so a URL named twice is fetched once."""

    urls: set[str] = field(default_factory=set)
    canonicals: set[str] = field(default_factory=set)


def collect_web(spec_or_source: str | SourceSpec, state: FetchState, raw_dir: Path, since: datetime | None = None,
                run_id: str = "", *, settings: FetchSettings | None = None, fetcher: Fetcher | None = None,
                memory: RunMemory | None = None, progress: Progress | None = None) -> Collected:
    """Fetch what a feed, sitemap, URL list or single URL names, politely and incrementally.

    Args:
        spec_or_source: a ``--source`` string (see ``config.source_from_spec``) or a SourceSpec.
        state: per-URL memory (``warehouse.fetch_state.DuckFetchState`` or ``MemoryFetchState``).
        raw_dir: root of the content-addressed raw store (``data/raw``).
        since: drop feed/sitemap entries dated earlier; overrides the source's own ``since``.
        fetcher: shared by all sources of a run (one rate limiter and robots cache); made here if None.
        memory: shared by all sources of a run, for cross-source de-duplication.
        progress: called in the calling thread after each fetch is recorded (reports, tests).
    Returns:
        RawDocuments for new or changed pages (and unprocessed ones from an interrupted run),
        Rejections (stage 'fetch') for failures, and the counts in COUNT_KEYS under the source name.
    """
    source = spec_or_source if isinstance(spec_or_source, SourceSpec) else source_from_spec(spec_or_source)
    if not source.is_web:
        raise SourceConfigError(f"{source.name}: kind {source.kind!r} is not a web source; local paths go to collect_local")
    since = since or source.since
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=timezone.utc)  # feed and sitemap dates are compared in UTC
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    try:
        run = _SourceRun(source, state, RawStore(raw_dir), fetcher, since, run_id, memory or RunMemory())
        return run.collect(progress)
    finally:
        if own:
            fetcher.close()


class _SourceRun:
    """One source within one run: targets, plan, fetch, results."""

    def __init__(self, source: SourceSpec, state: FetchState, store: RawStore, fetcher: Fetcher,
                 since: datetime | None, run_id: str, memory: RunMemory) -> None:
        self.source, self.state, self.store, self.fetcher = source, state, store, fetcher
        self.since, self.run_id, self.memory = since, run_id, memory
        settings = fetcher.settings
        self.interval = 1.0 / source.rate_limit if source.rate_limit else settings.per_host_interval
        self.freshness = source.freshness if source.freshness is not None else settings.freshness
        self.now = datetime.now(timezone.utc)
        self.out = Collected()
        self.counts = self.out.per_source.setdefault(source.name, dict.fromkeys(COUNT_KEYS, 0))

    def collect(self, progress: Progress | None) -> Collected:
        targets = self._targets()
        prior = self.state.lookup([t.url for t in targets])
        done = self._processed(prior)
        to_fetch = []
        for t in targets:
            action = self._plan(prior.get(t.url), t.url in done)
            if action == "fetch":
                to_fetch.append(t)
            elif action == "resume":
                self._resume(t, prior[t.url])
            else:
                self.counts[action] += 1
        for t, res, rec in self._fetch_all(to_fetch, prior, progress):
            self._take(t, res, rec, t.url in done)
        return self.out

    def _targets(self) -> list[Target]:
        """URLs the source names, minus those an earlier source of this run claimed, newest first, capped."""
        kind, loc = self.source.kind, self.source.location
        if kind == "url":
            url = normalize(loc)
            if url is None:
                self._reject(loc, "bad_url", "not an http(s) URL")
            found = [Target(url, self.source.name)] if url else []
        else:
            found, rejections = discover(kind, loc, self.source.name, self._load, self.since)
            for r in rejections:
                self._reject(r.source_uri, r.reason, r.detail)
        fresh = [t for t in found if t.url not in self.memory.urls]
        self.counts["duplicates"] += len(found) - len(fresh)
        if self.source.max_items:
            # newest first when dates are known, so the cap keeps the latest news (stable for undated)
            fresh = sorted(fresh, key=lambda t: t.lastmod is None)
            fresh = sorted(fresh, key=lambda t: t.lastmod or datetime.min.replace(tzinfo=timezone.utc), reverse=True)
            fresh = fresh[: self.source.max_items]
        self.memory.urls.update(t.url for t in fresh)
        self.counts["discovered"] = len(fresh)
        return fresh

    def _load(self, location: str) -> tuple[bytes, str]:
        """Bytes of a feed, sitemap or URL list: a local file, or a conditional GET (304 -> raw store)."""
        if not location.startswith(("http://", "https://")):
            try:
                return Path(location).read_bytes(), location
            except OSError as exc:
                raise DiscoveryError("not_found", f"{location}: {exc.strerror}") from exc
        url = normalize(location) or location
        prior = self.state.lookup([url]).get(url)
        res = self.fetcher.fetch(url, self._validators(prior), self.interval, documents_only=False)
        self._record(url, res, prior)
        if res.outcome == "fetched":
            return res.content, res.final_url or url
        if res.outcome == "not_modified" and prior is not None:
            return self.store.get(prior.content_sha256), prior.final_url or url
        raise DiscoveryError(res.reason or "failed", res.detail)

    def _processed(self, prior: dict[str, FetchRecord]) -> set[str]:
        """URLs whose last body is already an article (itself or through its canonical URL)."""
        ok = {u: r for u, r in prior.items() if r.outcome in OK_OUTCOMES and r.content_sha256}
        pairs = [(u, r.content_sha256) for u, r in ok.items()]
        pairs += [(r.canonical_url, r.content_sha256) for r in ok.values() if r.canonical_url and r.canonical_url != r.url]
        hit = self.state.processed(pairs)
        return {u for u, r in ok.items() if u in hit or (r.canonical_url and r.canonical_url in hit)}

    def _plan(self, rec: FetchRecord | None, processed: bool) -> str:
        """'fetch', 'resume', 'unchanged' or 'skipped' for one URL, from its last record."""
        if rec is None:
            self.counts["new"] += 1
            return "fetch"
        fresh = self.now - rec.fetched_at < self.freshness
        if rec.outcome in OK_OUTCOMES and rec.content_sha256 and fresh:
            if processed:
                return "unchanged"
            return "resume" if self.store.has(rec.content_sha256) else "fetch"
        if rec.outcome == "failed" and rec.retriable is False and fresh:
            return "skipped"
        return "fetch"  # stale, retriable failure, or robots (re-checked each run)

    def _fetch_all(self, targets: Sequence[Target], prior: dict[str, FetchRecord], progress: Progress | None):
        """Fetch in a bounded pool; returns results in target order once all are recorded.

        If ``progress`` raises (or the run is interrupted), queued fetches are cancelled, the ones in
        flight finish and are recorded, and the exception propagates.
        """
        if not targets:
            return []
        results: dict[int, tuple[Target, FetchResult, FetchRecord]] = {}
        workers = max(1, min(self.fetcher.settings.concurrency, len(targets)))
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="newsfacts-fetch")
        try:
            futures = {pool.submit(self._fetch_one, t, prior.get(t.url)): i for i, t in enumerate(targets)}
            for fut in as_completed(futures):
                results[futures[fut]] = fut.result()
                if progress:
                    progress(results[futures[fut]][2])
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return [results[i] for i in sorted(results)]

    def _fetch_one(self, target: Target, prior: FetchRecord | None) -> tuple[Target, FetchResult, FetchRecord]:
        """Worker: fetch, store the body, record the outcome (in that order, so a record never points nowhere)."""
        res = self.fetcher.fetch(target.url, self._validators(prior), self.interval, documents_only=True)
        return target, res, self._record(target.url, res, prior)

    def _validators(self, prior: FetchRecord | None) -> FetchRecord | None:
        """The prior record when a 304 would be usable (its body is still in the raw store)."""
        ok = prior is not None and prior.outcome in OK_OUTCOMES and self.store.has(prior.content_sha256)
        return prior if ok else None

    def _record(self, url: str, res: FetchResult, prior: FetchRecord | None) -> FetchRecord:
        """Store the body (if any) and write the URL's new record."""
        base = prior if prior is not None else FetchRecord(url, res.fetched_at, self.run_id)
        rec = base.evolve(
            fetched_at=res.fetched_at, run_id=self.run_id, source=self.source.name, status=res.status,
            final_url=res.final_url or base.final_url, outcome=res.outcome, attempts=res.attempts,
            error=f"{res.reason}: {res.detail}" if res.reason else None,
            retriable=res.retriable if res.outcome != "fetched" and res.outcome != "not_modified" else None,
        )
        if res.outcome == "not_modified":
            rec = rec.evolve(etag=res.etag or base.etag, last_modified=res.last_modified or base.last_modified)
        if res.outcome == "fetched":
            sha = hashlib.sha256(res.content).hexdigest()
            self.store.put(sha, res.content, self._sidecar(url, res, sha))
            canonical = find_canonical(res.content, res.final_url or url, res.link_header) if res.media_type == "text/html" else None
            rec = rec.evolve(etag=res.etag, last_modified=res.last_modified, content_type=res.content_type,
                             content_sha256=sha, content_length=len(res.content), canonical_url=canonical)
        self.state.record(rec)
        return rec

    def _sidecar(self, url: str, res: FetchResult, sha: str) -> dict:
        return {"url": url, "final_url": res.final_url, "status": res.status, "fetched_at": res.fetched_at.isoformat(),
                "headers": res.headers, "sha256": sha, "length": len(res.content), "source": self.source.name,
                "run_id": self.run_id}

    def _take(self, target: Target, res: FetchResult, rec: FetchRecord, processed: bool) -> None:
        """Turn one fetch outcome into a document, a count or a rejection."""
        if res.outcome == "fetched":
            self.counts["fetched"] += 1
            self._emit(target, res.content, rec, res.media_type, res.charset)
        elif res.outcome == "not_modified":
            if processed or not self.store.has(rec.content_sha256):
                self.counts["unchanged"] += 1
            else:
                self._resume(target, rec)
        else:
            self._reject(target.url, res.reason or "failed", res.detail)

    def _resume(self, target: Target, rec: FetchRecord) -> None:
        """Hand on a body fetched earlier but never processed (e.g. the run was killed before cleaning)."""
        body = self.store.get(rec.content_sha256) or b""
        self.counts["resumed"] += 1
        self._emit(target, body, rec, resolve_media_type(rec.content_type, body) or "text/html",
                   declared_charset(rec.content_type, body))

    def _emit(self, target: Target, content: bytes, rec: FetchRecord, media_type: str | None, charset: str | None) -> None:
        key = rec.canonical_url or target.url
        if key in self.memory.canonicals:
            self.counts["duplicates"] += 1
            return
        self.memory.canonicals.update({key, target.url})
        meta = {**target.metadata, "source": self.source.name, "final_url": rec.final_url or "",
                "canonical_url": rec.canonical_url or ""}
        self.out.documents.append(RawDocument(
            source_uri=target.url, content=content, media_type=media_type or "text/html", fetched_at=rec.fetched_at,
            url=rec.final_url or target.url, declared_charset=charset, metadata={k: v for k, v in meta.items() if v},
        ))

    def _reject(self, uri: str, reason: str, detail: str) -> None:
        self.counts["failed"] += 1
        self.out.rejections.append(Rejection(uri, "fetch", reason, detail))
