"""Sources: what a ``--source`` string or a ``sources.yaml`` entry asks for, checked before a run starts.

A sources file looks like this (every key but ``sources`` is optional)::

    defaults: {rate_limit: 1, max_items: 200, freshness: 7d}   # inherited by every source
    fetch: {concurrency: 8, read_timeout: 30, retries: 3}       # FetchSettings fields
    sources:
      - {name: samples, kind: path, path: samples}
      - {name: bbc-arabic, kind: feed, url: https://feeds.bbci.co.uk/arabic/rss.xml, max_items: 50}

Mistakes raise ``SourceConfigError`` naming the file, the line, the bad value and the valid choices.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from flows.sources.feeds import sniff_kind
from flows.sources.web import FetchSettings
from transforms.errors import NewsfactsError

KINDS = ("feed", "path", "sitemap", "url", "urls")
WEB_KINDS = ("feed", "sitemap", "url", "urls")
SOURCE_KEYS = ("name", "kind", "url", "path", "rate_limit", "max_items", "freshness", "since")
SETTING_KEYS = ("rate_limit", "max_items", "freshness", "since")
TOP_KEYS = ("defaults", "fetch", "sources")
FETCH_KEYS = tuple(f.name for f in fields(FetchSettings) if f.name != "freshness")
CONFIG_SUFFIXES = (".yaml", ".yml")
FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf", ".gz")
# URL paths that name a feed or sitemap rather than an article
_DISCOVERY_PATH = re.compile(r"\.(xml|rss|atom|rdf)(\.gz)?$|/(feed|rss|atom)(/|$)|sitemap", re.IGNORECASE)
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


class SourceConfigError(NewsfactsError, ValueError):
    """A sources file or --source value that cannot be used; the message says where and what is valid."""


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """One source: where to look and how hard to pull."""

    name: str
    kind: str  # one of KINDS
    location: str  # URL or file path
    rate_limit: float | None = None  # requests per second to one host; None: FetchSettings default
    max_items: int | None = None  # newest N entries of a feed/sitemap per run
    freshness: timedelta | None = None  # do not refetch an unchanged URL younger than this
    since: datetime | None = None  # ignore feed/sitemap entries dated earlier
    origin: str = ""  # 'sources.yaml:12', for messages

    @property
    def is_web(self) -> bool:
        return self.kind in WEB_KINDS


@dataclass(frozen=True, slots=True)
class SourcesConfig:
    path: Path
    sources: tuple[SourceSpec, ...]
    fetch: FetchSettings = field(default_factory=FetchSettings)


def source_from_spec(spec: str) -> SourceSpec:
    """Read a ``--source`` value: a path, a URL, ``feed:``/``sitemap:``/``urls:``/``url:``/``path:`` + either."""
    kind, sep, rest = spec.partition(":")
    if sep and kind in KINDS and not rest.startswith("//"):
        return SourceSpec(spec, kind, rest)
    if spec.startswith(("http://", "https://")):
        path = urlsplit(spec).path
        kind = ("sitemap" if "sitemap" in path.lower() else "feed") if _DISCOVERY_PATH.search(path) else "url"
        return SourceSpec(spec, kind, spec)
    return SourceSpec(spec, _local_kind(Path(spec)), spec)


def _local_kind(path: Path) -> str:
    """'urls' for .urls files and .txt files that only list URLs, 'feed'/'sitemap' for XML, else 'path'."""
    suffix = path.suffix.lower()
    if suffix == ".urls":
        return "urls"
    if not path.is_file() or suffix not in (".txt", *FEED_SUFFIXES):
        return "path"
    try:
        head = path.open("rb").read(8192)
    except OSError:
        return "path"
    kind = sniff_kind(head)
    if suffix == ".txt":
        return "urls" if kind == "urls" and _only_urls(head) else "path"
    return kind if kind in ("feed", "sitemap") else "path"


def _only_urls(head: bytes) -> bool:
    """True when every non-blank, non-comment line is a URL (an article in a .txt file never is)."""
    lines = [ln.strip() for ln in head.decode("utf-8", "replace").splitlines()]
    if len(head) == 8192:
        lines = lines[:-1]  # the last line may be cut in the middle
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    return bool(lines) and all(ln.startswith(("http://", "https://")) for ln in lines)


def is_config_spec(spec: str) -> bool:
    return Path(spec).suffix.lower() in CONFIG_SUFFIXES and not spec.startswith(("http://", "https://"))


def load_sources(path: str | Path) -> SourcesConfig:
    """Read and check a sources file; relative paths in it are relative to the file's folder."""
    path = Path(path)
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except OSError as exc:
        raise SourceConfigError(f"cannot read sources file {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise SourceConfigError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(doc, dict):
        raise SourceConfigError(f"{path}:1: expected a mapping with keys {', '.join(TOP_KEYS)}")
    _check_keys(doc, TOP_KEYS, path, "sources file")
    defaults = doc.get("defaults") or _LineMap()
    _check_keys(defaults, SETTING_KEYS, path, "defaults")
    entries = doc.get("sources")
    if not isinstance(entries, list) or not entries:
        raise SourceConfigError(f"{_where(path, doc, 'sources')}: 'sources' must be a non-empty list")
    sources = tuple(_source(entry, defaults, path, i) for i, entry in enumerate(entries))
    _check_unique(sources)
    return SourcesConfig(path, sources, _fetch_settings(doc.get("fetch") or _LineMap(), path))


def _source(entry: Any, defaults: dict, path: Path, index: int) -> SourceSpec:
    """One entry of ``sources``, with the defaults filled in."""
    if not isinstance(entry, dict):
        raise SourceConfigError(f"{path}: source #{index + 1} must be a mapping with keys {', '.join(SOURCE_KEYS)}")
    where = f"{path}:{getattr(entry, 'line', '?')}"
    _check_keys(entry, SOURCE_KEYS, path, "source")
    kind = entry.get("kind")
    if kind not in KINDS:
        raise SourceConfigError(f"{where}: unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    location = _location(entry, kind, path, where)
    merged = {k: entry.get(k, defaults.get(k)) for k in SETTING_KEYS}
    return SourceSpec(
        name=str(entry.get("name") or location), kind=kind, location=location,
        rate_limit=_positive(merged["rate_limit"], "rate_limit", where, float),
        max_items=_positive(merged["max_items"], "max_items", where, int),
        freshness=parse_duration(merged["freshness"], where) if merged["freshness"] is not None else None,
        since=parse_since(merged["since"], where) if merged["since"] is not None else None,
        origin=where,
    )


def _location(entry: dict, kind: str, path: Path, where: str) -> str:
    """The entry's ``url`` or ``path`` (exactly one); paths resolve against the sources file's folder."""
    url, local = entry.get("url"), entry.get("path")
    if (url is None) == (local is None):
        raise SourceConfigError(f"{where}: give exactly one of 'url' or 'path' for a {kind} source")
    if kind == "path" and url is not None:
        raise SourceConfigError(f"{where}: a path source needs 'path', not 'url'; for a web page use kind url")
    if kind == "url" and local is not None:
        raise SourceConfigError(f"{where}: a url source needs 'url'; for a local file use kind path")
    if url is not None:
        if not str(url).startswith(("http://", "https://")):
            raise SourceConfigError(f"{where}: url {url!r} must start with http:// or https://")
        return str(url)
    return str(path.parent / str(local)) if not Path(str(local)).is_absolute() else str(local)


def _fetch_settings(block: dict, path: Path) -> FetchSettings:
    """FetchSettings with the file's ``fetch`` block applied, each value checked against the default's type."""
    _check_keys(block, FETCH_KEYS, path, "fetch")
    defaults = FetchSettings()
    changes = {}
    for key, value in block.items():
        want = type(getattr(defaults, key))
        ok = isinstance(value, want) or (want is float and isinstance(value, int) and not isinstance(value, bool))
        if not ok:
            raise SourceConfigError(f"{_where(path, block, key)}: fetch.{key} = {value!r} should be {want.__name__}")
        changes[key] = want(value)
    return replace(defaults, **changes)


def parse_duration(value: Any, where: str = "") -> timedelta:
    """Seconds as a number, or '30m', '12h', '7d', '1w'."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return timedelta(seconds=value)
    match = _DURATION.match(str(value))
    if not match or isinstance(value, bool):
        raise SourceConfigError(f"{where}: bad duration {value!r}; expected seconds or a number with s, m, h, d or w (e.g. 12h, 7d)")
    return timedelta(seconds=float(match.group(1)) * _UNITS[match.group(2)])


def parse_since(value: Any, where: str = "") -> datetime:
    """A date or ISO datetime (naive means UTC), or a duration back from now such as '2d'."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    try:
        return parse_since(datetime.fromisoformat(str(value)), where)
    except ValueError:
        pass
    try:
        return datetime.now(timezone.utc) - parse_duration(value, where)
    except SourceConfigError:
        raise SourceConfigError(f"{where}: bad since {value!r}; expected a date (2026-11-01), an ISO datetime or a duration (2d)") from None


def _positive(value: Any, key: str, where: str, type_: type) -> Any:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0 or (type_ is int and value != int(value)):
        raise SourceConfigError(f"{where}: {key} = {value!r} must be a positive {'whole ' if type_ is int else ''}number")
    return type_(value)


def _check_keys(mapping: Any, allowed: tuple[str, ...], path: Path, what: str) -> None:
    if not isinstance(mapping, dict):
        raise SourceConfigError(f"{path}:{getattr(mapping, 'line', '?')}: {what} must be a mapping")
    for key in mapping:
        if key not in allowed:
            raise SourceConfigError(f"{_where(path, mapping, key)}: unknown key {key!r} in {what}; expected one of {', '.join(allowed)}")


def _check_unique(sources: tuple[SourceSpec, ...]) -> None:
    seen: dict[str, str] = {}
    for s in sources:
        if s.name in seen:
            raise SourceConfigError(f"{s.origin}: source name {s.name!r} already used at {seen[s.name]}; names key the run report")
        seen[s.name] = s.origin


def _where(path: Path, mapping: Any, key: str) -> str:
    line = getattr(mapping, "key_lines", {}).get(key, getattr(mapping, "line", "?"))
    return f"{path}:{line}"


class _LineMap(dict):
    """A YAML mapping that remembers its line and each key's line, for error messages."""

    line: int | str = "?"
    key_lines: dict[str, int] = {}


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LineMap:
    mapping = _LineMap(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
