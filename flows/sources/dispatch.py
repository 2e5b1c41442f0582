"""One call for every kind of ``--source``: local paths, URLs, URL lists, feeds, sitemaps, sources files.

The flow calls ``collect_any``; it expands sources files, sends local paths to ``collect_local`` and
web sources to ``collect_web`` with one shared Fetcher (one rate limiter, one robots cache) and one
RunMemory (a URL named by two sources is fetched once).
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from flows.sources import Collected
from flows.sources.config import SourceSpec, is_config_spec, load_sources, source_from_spec
from flows.sources.crawl import Progress, RunMemory, collect_web
from flows.sources.local import collect_local
from flows.sources.state import FetchState, MemoryFetchState
from flows.sources.web import FetchSettings, Fetcher

__all__ = [  # collect_web is re-exported so the flow needs one import
    "collect_any", "collect_web", "expand_specs", "is_web_spec"]


def is_web_spec(spec: str) -> bool:
    """True when ``spec`` needs the network (a URL, list, feed or sitemap, or a sources file naming one)."""
    return any(s.is_web for s in expand_specs([spec])[0])


def expand_specs(specs: Sequence[str]) -> tuple[list[SourceSpec], FetchSettings | None]:
    """SourceSpecs for the given ``--source`` values, sources files expanded; plus the first file's fetch settings."""
    sources: list[SourceSpec] = []
    settings = None
    for spec in specs:
        if is_config_spec(spec):
            config = load_sources(spec)
            sources.extend(config.sources)
            settings = settings or config.fetch
        else:
            sources.append(source_from_spec(spec))
    return sources, settings


def collect_any(specs: Sequence[str], state: FetchState | None, raw_dir: Path, since: datetime | None = None,
                run_id: str = "", *, settings: FetchSettings | None = None, progress: Progress | None = None) -> Collected:
    """Collect documents from every source named by ``specs``.

    Args:
        specs: ``--source`` values: folders/files, URLs, ``feed:``/``sitemap:``/``urls:`` + URL or path,
            ``.urls`` lists, feed/sitemap files, or a ``sources.yaml``.
        state: fetch memory (``warehouse.fetch_state.DuckFetchState``); None keeps it in memory (no
            incremental runs).
        raw_dir: where fetched bodies are kept, ``<data>/raw``.
        since: drop feed/sitemap entries dated earlier (overrides each source's own ``since``).
        settings: fetch settings; default: the sources file's ``fetch`` block, else FetchSettings().
    Returns:
        One Collected with per-source counts keyed by source name.
    Raises:
        SourceConfigError: a sources file or spec is malformed (before anything is fetched).
    """
    sources, file_settings = expand_specs(specs)
    out = Collected()
    fetcher = None
    memory = RunMemory()
    state = state if state is not None else MemoryFetchState()
    try:
        for source in sources:
            if not source.is_web:
                out.extend(_local(source))
                continue
            fetcher = fetcher or Fetcher(settings or file_settings or FetchSettings())
            out.extend(collect_web(source, state, raw_dir, since, run_id, fetcher=fetcher, memory=memory, progress=progress))
    finally:
        if fetcher is not None:
            fetcher.close()
    return out


def _local(source: SourceSpec) -> Collected:
    """collect_local, with its counts filed under the source's name."""
    got = collect_local(source.location)
    if source.name != source.location:
        got.per_source = {source.name: counts for counts in got.per_source.values()}
    return got

