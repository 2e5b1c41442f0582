"""Turn feeds, sitemaps and URL lists into fetch targets; normalise URLs; find canonical links.

Nothing here opens a socket: ``discover`` gets the bytes of a feed or sitemap through a ``load``
callable, so the HTTP politeness rules live in one place (``web.py``) and these parsers test offline.

trafilatura's own ``feeds``/``sitemaps`` helpers fetch by themselves (no robots cache, no conditional
requests) and drop ``lastmod`` and news-sitemap dates, which the ``since`` filter needs; so feeds go
through feedparser, sitemaps through defusedxml, and only URL cleaning is borrowed (courlan).
"""
from __future__ import annotations

import gzip
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit, urlunsplit

import feedparser
from courlan import normalize_url, scrub_url
from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from transforms.records import Rejection

SUMMARY_MAX_CHARS = 2000  # a feed summary is a teaser; anything longer is the article itself
MAX_SITEMAP_DEPTH = 3  # index -> index -> urlset is the deepest nesting seen on news sites
MAX_SITEMAPS = 200  # per source; a bigger index is a crawl, not a nightly run
SNIFF_BYTES = 4096

_SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
_XML_ROOT = re.compile(rb"<(?:[\w.-]+:)?(rss|feed|RDF|urlset|sitemapindex)\b")
_CANONICAL_TAG = re.compile(rb"<link\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(rb"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_LINK_HEADER = re.compile(r"<([^>]+)>\s*;[^,]*\brel=\"?canonical\"?", re.IGNORECASE)


class DiscoveryError(Exception):
    """A feed or sitemap that could not be read or parsed; becomes a fetch rejection."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Target:
    """A URL to fetch, with what the feed or sitemap said about it."""

    url: str  # normalised
    source: str  # name of the source that named it
    metadata: dict[str, str] = field(default_factory=dict)
    lastmod: datetime | None = None


# Loads a feed/sitemap location (URL or file path); returns (bytes, final URL or path).
Loader = Callable[[str], tuple[bytes, str]]


def normalize(url: str, base: str | None = None) -> str | None:
    """Resolve, scrub and normalise a URL (tracking parameters and fragment dropped); None if not http(s)."""
    url = url.strip()
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(normalize_url(scrub_url(url), strict=False))
    except (ValueError, AttributeError):
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    # the fragment never reaches the server, so two URLs differing only there are one page
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def sniff_kind(content: bytes) -> str:
    """'feed', 'sitemap', 'urls' or 'page', from the first bytes of a document."""
    head = _gunzip(content)[:SNIFF_BYTES]
    match = _XML_ROOT.search(head)
    if match:
        return "sitemap" if match.group(1) in (b"urlset", b"sitemapindex") else "feed"
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n").lower()
    if text.startswith(("<!doctype", "<html", "<")):
        return "page"
    return "urls" if parse_url_list(text) else "page"


def parse_url_list(text: str) -> list[str]:
    """URLs from a list file: one a line, blank lines and ``#`` comments ignored, non-URLs dropped."""
    urls = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith(("http://", "https://")):  # '#' lines, blanks and stray text fall through
            urls.append(line.split()[0])
    return urls


def parse_feed(content: bytes, source: str, base_url: str | None = None) -> list[Target]:
    """Entries of an RSS 0.9x/1.0 (RDF)/2.0 or Atom feed, newest first as published."""
    parsed = feedparser.parse(content, response_headers={"content-location": base_url or ""})
    if not parsed.entries and parsed.get("bozo") and not parsed.get("version"):
        raise DiscoveryError("bad_feed", str(parsed.get("bozo_exception", "not a feed")))
    feed_title = parsed.feed.get("title", "")
    targets = []
    for entry in parsed.entries:
        link = entry.get("link") or (entry.get("id") if str(entry.get("id", "")).startswith("http") else None)
        url = normalize(link, base_url) if link else None
        if url is None:
            continue
        published = _struct_time(entry.get("published_parsed") or entry.get("updated_parsed"))
        meta = {
            "link": link, "title": entry.get("title", ""), "summary": entry.get("summary", "")[:SUMMARY_MAX_CHARS],
            "published": published.isoformat() if published else "", "feed_title": feed_title,
            "author": entry.get("author", ""),
        }
        targets.append(Target(url, source, {k: v for k, v in meta.items() if v}, published))
    return targets


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A parsed sitemap: child sitemaps (an index) and/or page entries (a urlset)."""

    children: list[tuple[str, datetime | None]]
    pages: list[tuple[str, datetime | None, dict[str, str]]]


def parse_sitemap(content: bytes, base_url: str | None = None) -> Sitemap:
    """Parse a sitemap index, urlset or news sitemap (gzip or plain); a text sitemap is a URL list."""
    content = _gunzip(content)
    if not _XML_ROOT.search(content[:SNIFF_BYTES]):
        urls = parse_url_list(content.decode("utf-8", "replace"))
        return Sitemap([], [(u, None, {}) for u in urls])
    try:
        root = SafeET.fromstring(content)
    except (SafeET.ParseError, DefusedXmlException) as exc:
        raise DiscoveryError("bad_sitemap", str(exc)) from exc
    children = [(_text(el, "loc"), _w3c_date(_text(el, "lastmod"))) for el in _children(root, "sitemap")]
    pages = [_page_entry(el) for el in _children(root, "url")]
    return Sitemap([(urljoin(base_url or "", u), d) for u, d in children if u],
                   [(urljoin(base_url or "", u), d, m) for u, d, m in pages if u])


def discover(kind: str, location: str, source: str, load: Loader, since: datetime | None = None) -> tuple[list[Target], list[Rejection]]:
    """Targets named by a feed, sitemap (index) or URL list at ``location``, newer than ``since``.

    Args:
        kind: 'feed', 'sitemap' or 'urls'; the body is sniffed, so a feed named as a sitemap still parses.
        location: URL or file path handed to ``load``.
        since: entries dated before it are dropped; undated entries are kept (better a cheap
            conditional request than a lost article).
    Returns:
        Targets in document order (duplicates removed) and rejections for feeds/sitemaps that failed.
    """
    rejections: list[Rejection] = []
    if kind == "urls":
        raw = _load_or_reject(load, location, rejections)
        found = [] if raw is None else [Target(u, source) for u in _normalised(parse_url_list(raw[0].decode("utf-8", "replace")))]
    else:
        found = _discover_xml(location, source, load, rejections, since, depth=0, seen=set())
    targets = [t for t in _dedup(found) if since is None or t.lastmod is None or t.lastmod >= since]
    return targets, rejections


def _discover_xml(location: str, source: str, load: Loader, rejections: list[Rejection],
                  since: datetime | None, depth: int, seen: set[str]) -> list[Target]:
    """Load one feed or sitemap and, for an index, its children (depth- and count-limited)."""
    seen.add(location)
    raw = _load_or_reject(load, location, rejections)
    if raw is None:
        return []
    content, final = raw
    base = final if final.startswith("http") else None
    try:
        kind = sniff_kind(content)
        if kind == "feed":
            return parse_feed(content, source, base)
        if kind == "page":
            raise DiscoveryError("not_a_feed", "expected a feed or sitemap, got a web page (use kind url for a page)")
        sitemap = filter_children_since(parse_sitemap(content, base), since)
    except DiscoveryError as exc:
        rejections.append(Rejection(location, "fetch", exc.reason, exc.detail))
        return []
    found = [Target(u, source, meta, date) for u, date, meta in _normalised_pages(sitemap.pages)]
    for child, _ in sitemap.children:
        child = normalize(child) or child
        if depth + 1 > MAX_SITEMAP_DEPTH or len(seen) >= MAX_SITEMAPS or child in seen:
            continue
        found.extend(_discover_xml(child, source, load, rejections, since, depth + 1, seen))
    return found


def filter_children_since(sitemap: Sitemap, since: datetime | None) -> Sitemap:
    """Drop child sitemaps last modified before ``since`` (they cannot hold newer entries)."""
    if since is None:
        return sitemap
    return Sitemap([(u, d) for u, d in sitemap.children if d is None or d >= since], sitemap.pages)


def find_canonical(content: bytes, base_url: str, link_header: str | None = None) -> str | None:
    """The page's canonical URL (``Link: rel=canonical`` header, else ``<link rel=canonical>``), normalised."""
    if link_header:
        match = _LINK_HEADER.search(link_header)
        if match:
            return normalize(match.group(1), base_url)
    head = content[:65536]  # the <head> of any real page; avoids scanning megabytes of body
    for tag in _CANONICAL_TAG.finditer(head):
        attrs = {m.group(1).lower(): (m.group(2) or m.group(3) or m.group(4) or b"") for m in _ATTR.finditer(tag.group(0))}
        if attrs.get(b"rel", b"").lower().split() == [b"canonical"] and attrs.get(b"href"):
            return normalize(attrs[b"href"].decode("utf-8", "replace"), base_url)
    return None


def _load_or_reject(load: Loader, location: str, rejections: list[Rejection]) -> tuple[bytes, str] | None:
    try:
        return load(location)
    except DiscoveryError as exc:
        rejections.append(Rejection(location, "fetch", exc.reason, exc.detail))
        return None


def _normalised(urls: Iterable[str]) -> list[str]:
    return [n for n in (normalize(u) for u in urls) if n]


def _normalised_pages(pages: list[tuple[str, datetime | None, dict[str, str]]]):
    for url, date, meta in pages:
        norm = normalize(url)
        if norm:
            yield norm, date, meta


def _dedup(targets: Iterable[Target]) -> list[Target]:
    seen: set[str] = set()
    out = []
    for t in targets:
        if t.url not in seen:
            seen.add(t.url)
            out.append(t)
    return out


def _children(root, name: str):
    """Elements ``name`` directly under the root, with or without the sitemap namespace."""
    return [el for el in root if el.tag in (_SM + name, name)]


def _text(el, name: str) -> str:
    found = el.find(_SM + name)
    if found is None:
        found = el.find(name)
    return (found.text or "").strip() if found is not None else ""


def _page_entry(el) -> tuple[str, datetime | None, dict[str, str]]:
    """loc, date and metadata of a <url>; a news sitemap's publication date wins over lastmod."""
    meta: dict[str, str] = {}
    date = _w3c_date(_text(el, "lastmod"))
    news = el.find(_NEWS + "news")
    if news is not None:
        published = _w3c_date((news.findtext(_NEWS + "publication_date") or "").strip())
        date = published or date
        title = (news.findtext(_NEWS + "title") or "").strip()
        lang = (news.findtext(f"{_NEWS}publication/{_NEWS}language") or "").strip()
        meta = {k: v for k, v in {"title": title, "language": lang, "published": published.isoformat() if published else ""}.items() if v}
    loc = _text(el, "loc")
    if loc:
        meta["link"] = loc
    return loc, date, meta


def _w3c_date(value: str) -> datetime | None:
    """W3C datetime (2026-11-20, 2026-11-20T10:00Z, ...) as aware UTC; None when absent or malformed."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=timezone.utc) if parsed.tzinfo is None else parsed.astimezone(timezone.utc)


def _struct_time(value) -> datetime | None:
    return datetime(*value[:6], tzinfo=timezone.utc) if value else None


def _gunzip(content: bytes, limit: int = 50 * 1024 * 1024) -> bytes:
    """Decompress a gzip body (sitemap.xml.gz), refusing to inflate past ``limit`` (a gzip bomb)."""
    if not content.startswith(b"\x1f\x8b"):
        return content
    with gzip.GzipFile(fileobj=io.BytesIO(content)) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise DiscoveryError("too_large", f"gzip inflates past {limit} bytes")
    return data
