"""Fetch web pages as a good citizen: bounded concurrency, per-host pacing, robots.txt, retries.

``Fetcher.fetch`` makes one URL's request (with retries) and classifies the outcome; it never raises
for a network or HTTP problem. ``flows.sources.crawl.collect_web`` decides which URLs need a request
at all and turns outcomes into RawDocuments and Rejections.
"""
from __future__ import annotations

import logging
import random
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from flows.sources.state import FetchRecord

LOGGER = logging.getLogger(__name__)

USER_AGENT = "newsfacts/0.1 (+https://example.invalid/newsfacts)"


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """Every tunable number of the fetcher, with the reason for its default."""

    concurrency: int = 8  # requests in flight overall; a nightly run is I/O-bound, not CPU-bound
    per_host_interval: float = 1.0  # seconds between requests to one host: the usual polite crawl rate
    global_interval: float = 0.0  # seconds between any two requests (0: only the pool bounds us)
    connect_timeout: float = 10.0
    read_timeout: float = 30.0  # seconds without a byte
    total_timeout: float = 120.0  # whole body; stops a server that drips a byte every 29 s
    retries: int = 3  # extra attempts on 429/5xx/timeouts/refused, within one run
    backoff_base: float = 1.0  # first wait; doubles each attempt, with +-50% jitter
    backoff_max: float = 60.0
    max_retry_after: float = 120.0  # a longer Retry-After means "not tonight": give up, retry next run
    max_crawl_delay: float = 30.0  # cap on robots.txt Crawl-delay, so one host cannot stall a run
    max_redirects: int = 5  # browsers allow ~20; news sites need 1-3, more is a loop
    max_bytes: int = 20 * 1024 * 1024  # same cap as local files: bigger is not an article
    max_robots_bytes: int = 512 * 1024  # RFC 9309 asks parsers to read at least 500 KiB
    freshness: timedelta = timedelta(days=7)  # articles rarely change after a week; feeds use 0
    user_agent: str = USER_AGENT
    obey_robots: bool = True


# Content types we keep as documents, mapped to RawDocument.media_type.
DOCUMENT_TYPES = {"text/html": "text/html", "application/xhtml+xml": "text/html",
                  "text/plain": "text/plain", "application/pdf": "application/pdf"}
# Content types that say nothing; the body decides.
SNIFFED_TYPES = {"", "application/octet-stream", "binary/octet-stream", "application/x-download", "application/unknown"}
RETRY_STATUSES = {408, 429, 500, 502, 503, 504}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""")


@dataclass(slots=True)
class FetchResult:
    """What one URL's request came to. ``reason`` is a Rejection reason when the fetch failed."""

    url: str
    outcome: str  # fetched | not_modified | robots_disallowed | failed
    fetched_at: datetime
    final_url: str | None = None
    status: int | None = None
    reason: str | None = None  # dns, refused, timeout, http_404, http_410, http_5xx, too_large, ...
    detail: str = ""
    retriable: bool = False  # worth trying again next run
    retry_now: bool = False  # worth trying again within this run
    retry_after: float | None = None
    attempts: int = 0
    content: bytes | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    link_header: str | None = None
    media_type: str | None = None
    charset: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


class RateLimiter:
    """Hands out request slots: per host at most one every ``interval`` s, overall one every ``global_interval`` s."""

    def __init__(self, global_interval: float = 0.0) -> None:
        self.global_interval = global_interval
        self._next: dict[str, float] = {}
        self._next_any = 0.0
        self._lock = threading.Lock()

    def wait(self, host: str, interval: float) -> None:
        """Reserve the next free slot for ``host`` and sleep until it comes."""
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, 0.0), self._next_any)
            self._next[host] = slot + interval
            self._next_any = slot + self.global_interval
        if slot > now:
            time.sleep(slot - now)


@dataclass(frozen=True, slots=True)
class _Robots:
    parser: RobotFileParser | None  # None: no rules (allow all) or unreachable (see error)
    delay: float = 0.0
    error: tuple[str, str] | None = None  # (reason, detail) when robots.txt was unreachable


class RobotsCache:
    """robots.txt per scheme+host, fetched once per Fetcher (one run) under a per-host lock."""

    def __init__(self, fetcher: "Fetcher") -> None:
        self.fetcher = fetcher
        self._rules: dict[str, _Robots] = {}
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}

    def verdict(self, url: str) -> tuple[str, str, bool] | None:
        """None when allowed, else (reason, detail, retriable).

        An unreachable robots.txt means "keep out for now" (RFC 9309); when the host itself is
        unreachable the reason is the transport's (dns, refused, timeout), which says more than 'robots'.
        """
        rules = self._rules_for(_origin(url))
        if rules.error:
            reason, detail = rules.error
            return reason, f"robots.txt unreachable: {detail}", True
        if rules.parser and not rules.parser.can_fetch(self.fetcher.settings.user_agent, url):
            return "robots", f"disallowed by {_origin(url)}/robots.txt", False
        return None

    def delay(self, url: str) -> float:
        return self._rules_for(_origin(url)).delay

    def _rules_for(self, origin: str) -> _Robots:
        with self._lock:
            host_lock = self._host_locks.setdefault(origin, threading.Lock())
        with host_lock:
            if origin not in self._rules:
                self._rules[origin] = self._load(origin)
            return self._rules[origin]

    def _load(self, origin: str) -> _Robots:
        """Fetch and parse robots.txt; 4xx means no rules, 5xx or no answer means keep out (RFC 9309)."""
        settings = self.fetcher.settings
        self.fetcher.limiter.wait(origin, settings.per_host_interval)
        try:
            with self.fetcher.client.stream("GET", origin + "/robots.txt") as resp:
                body = _read_capped(resp.iter_bytes(), settings.max_robots_bytes, settings.total_timeout, truncate=True)
        except httpx.TimeoutException as exc:
            return _Robots(None, error=("timeout", f"{type(exc).__name__}: {exc}"))
        except httpx.ConnectError as exc:
            return _Robots(None, error=(connect_error_reason(exc), str(exc)))
        except httpx.HTTPError as exc:
            return _Robots(None, error=("network", f"{type(exc).__name__}: {exc}"))
        if resp.status_code >= 500 or resp.status_code == 429:
            return _Robots(None, error=("robots", f"HTTP {resp.status_code}; RFC 9309 says assume disallowed"))
        if resp.status_code >= 400:
            return _Robots(None)
        parser = RobotFileParser(origin + "/robots.txt")
        parser.parse(body.decode("utf-8", "replace").splitlines())
        parser.modified()  # can_fetch refuses everything until the parser is marked as read
        delay = parser.crawl_delay(settings.user_agent) or 0.0
        return _Robots(parser, min(float(delay), settings.max_crawl_delay))


class _TooLarge(Exception):
    pass


class Fetcher:
    """One HTTP client, rate limiter and robots cache shared by every source of a run."""

    def __init__(self, settings: FetchSettings | None = None, client: httpx.Client | None = None) -> None:
        self.settings = settings or FetchSettings()
        s = self.settings
        self.client = client or httpx.Client(
            headers={"User-Agent": s.user_agent}, follow_redirects=True, max_redirects=s.max_redirects,
            timeout=httpx.Timeout(s.read_timeout, connect=s.connect_timeout),
            limits=httpx.Limits(max_connections=s.concurrency, max_keepalive_connections=s.concurrency),
        )
        self.limiter = RateLimiter(s.global_interval)
        self.robots = RobotsCache(self)

    def close(self) -> None:
        self.client.close()

    def fetch(self, url: str, prior: FetchRecord | None = None, interval: float | None = None,
              documents_only: bool = True) -> FetchResult:
        """Fetch ``url`` (conditionally when ``prior`` has validators), retrying what may pass.

        Args:
            prior: the last good fetch, whose ETag/Last-Modified are sent; None for a plain GET.
            interval: seconds between requests to this host (the source's rate limit).
            documents_only: refuse bodies that are not HTML, plain text or PDF (off for feeds).
        Returns:
            A FetchResult; failures carry a Rejection reason instead of raising.
        """
        interval = self.settings.per_host_interval if interval is None else interval
        if self.settings.obey_robots:
            verdict = self.robots.verdict(url)
            if verdict:
                reason, detail, retriable = verdict
                outcome = "failed" if retriable else "robots_disallowed"
                return FetchResult(url, outcome, _now(), reason=reason, detail=detail, retriable=retriable)
        headers = _conditional_headers(prior)
        attempt = 0
        while True:
            attempt += 1
            delay = self.robots.delay(url) if self.settings.obey_robots else 0.0
            self.limiter.wait(_origin(url), max(interval, delay))
            result = self._attempt(url, headers, documents_only)
            result.attempts = attempt
            wait = self._retry_wait(result, attempt)
            if wait is None:
                return result
            LOGGER.debug("retrying %s in %.2fs after %s", url, wait, result.reason)
            time.sleep(wait)

    def _retry_wait(self, result: FetchResult, attempt: int) -> float | None:
        """Seconds to wait before the next attempt, or None to stop here."""
        s = self.settings
        if not result.retry_now or attempt > s.retries:
            return None
        if result.retry_after is not None:
            if result.retry_after > s.max_retry_after:
                result.detail += f"; Retry-After {result.retry_after:.0f}s is beyond {s.max_retry_after:.0f}s, left for the next run"
                return None
            return result.retry_after
        return min(s.backoff_max, s.backoff_base * 2 ** (attempt - 1)) * random.uniform(0.5, 1.5)

    def _attempt(self, url: str, headers: dict[str, str], documents_only: bool) -> FetchResult:
        """One request; every transport error becomes a classified failure."""
        now = _now()
        try:
            with self.client.stream("GET", url, headers=headers) as resp:
                return self._read(url, resp, documents_only, now)
        except httpx.TooManyRedirects as exc:
            return _failure(url, now, "too_many_redirects", f"more than {self.settings.max_redirects}: {exc}", False)
        except httpx.TimeoutException as exc:
            return _failure(url, now, "timeout", f"{type(exc).__name__}: {exc}", True, retry_now=True)
        except httpx.ConnectError as exc:
            reason = connect_error_reason(exc)
            # DNS failures do not heal in seconds; a refused port may (a restarting server)
            return _failure(url, now, reason, str(exc), True, retry_now=reason != "dns")
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            return _failure(url, now, "bad_url", str(exc), False)
        except httpx.TransportError as exc:
            return _failure(url, now, "network", f"{type(exc).__name__}: {exc}", True, retry_now=True)

    def _read(self, url: str, resp: httpx.Response, documents_only: bool, now: datetime) -> FetchResult:
        """Classify a response and, when it is worth keeping, read its body within the size cap."""
        s = self.settings
        res = _from_response(url, resp, now)
        status = resp.status_code
        if status == 304:
            res.outcome = "not_modified"
            return res
        if status in RETRY_STATUSES or status >= 400 or not 200 <= status < 300:
            return _http_failure(res, resp)
        base_type = (res.content_type or "").split(";")[0].strip().lower()
        if documents_only and base_type not in DOCUMENT_TYPES and base_type not in SNIFFED_TYPES:
            return _set_failure(res, "unsupported_type", f"Content-Type {base_type}; expected one of {', '.join(DOCUMENT_TYPES)}", False)
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > s.max_bytes:
            return _set_failure(res, "too_large", f"Content-Length {declared} > {s.max_bytes}", False)
        try:
            body = _read_capped(resp.iter_bytes(), s.max_bytes, s.total_timeout)
        except _TooLarge:
            return _set_failure(res, "too_large", f"body passed {s.max_bytes} bytes", False)
        res.content, res.outcome = body, "fetched"
        res.media_type = resolve_media_type(res.content_type, body)
        res.charset = declared_charset(res.content_type, body)
        if documents_only and res.media_type is None:
            return _set_failure(res, "unsupported_type", f"Content-Type {base_type or 'missing'} and body is neither HTML, text nor PDF", False)
        return res


def resolve_media_type(content_type: str | None, body: bytes) -> str | None:
    """RawDocument.media_type from the Content-Type, sniffing bodies whose type says nothing."""
    base = (content_type or "").split(";")[0].strip().lower()
    if body.startswith(b"%PDF-"):
        return "application/pdf"
    if base in DOCUMENT_TYPES:
        return DOCUMENT_TYPES[base]
    if base in SNIFFED_TYPES:
        head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith((b"<!doctype html", b"<html", b"<head", b"<meta")):
            return "text/html"
    return None


def declared_charset(content_type: str | None, body: bytes) -> str | None:
    """Charset named by the Content-Type header, else by a <meta> tag or XML declaration; None when silent."""
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip(" \"'"):
            return value.strip(" \"'").lower()
    head = body[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def connect_error_reason(exc: BaseException) -> str:
    """'dns' or 'refused' from a connect error's chain of causes, else 'connect'."""
    seen: set[int] = set()
    node: BaseException | None = exc
    while node is not None and id(node) not in seen:
        seen.add(id(node))
        text = str(node).lower()
        if isinstance(node, socket.gaierror) or any(k in text for k in _DNS_HINTS):
            return "dns"
        if isinstance(node, ConnectionRefusedError) or "refused" in text or "errno 111" in text:
            return "refused"
        node = node.__cause__ or node.__context__
    return "connect"


_DNS_HINTS = ("name or service not known", "nodename nor servname", "getaddrinfo", "name resolution",
              "no address associated", "errno -2]", "errno -3]", "errno -5]", "errno 8]", "errno 11001]")


def _read_capped(chunks: Iterator[bytes], limit: int, total_timeout: float, truncate: bool = False) -> bytes:
    """Read a streamed body up to ``limit`` bytes and ``total_timeout`` seconds."""
    deadline = time.monotonic() + total_timeout
    buf = bytearray()
    for chunk in chunks:
        buf.extend(chunk)
        if len(buf) > limit:
            if truncate:
                return bytes(buf[:limit])
            raise _TooLarge
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout(f"body not complete after {total_timeout:.0f}s")
    return bytes(buf)


def _from_response(url: str, resp: httpx.Response, now: datetime) -> FetchResult:
    h = resp.headers
    keep = ("content-type", "content-length", "etag", "last-modified", "content-language", "link", "date", "retry-after")
    return FetchResult(
        url, "failed", now, final_url=str(resp.url), status=resp.status_code,
        content_type=h.get("content-type"), etag=h.get("etag"), last_modified=h.get("last-modified"),
        link_header=h.get("link"), headers={k: h[k] for k in keep if k in h},
    )


def _http_failure(res: FetchResult, resp: httpx.Response) -> FetchResult:
    """A 4xx/5xx (or odd 1xx/3xx) answer: reason http_404, http_410, http_5xx, http_429, ..."""
    status = resp.status_code
    reason = "http_5xx" if status >= 500 else f"http_{status}"
    retry = status in RETRY_STATUSES
    _set_failure(res, reason, f"HTTP {status} {resp.reason_phrase}".strip(), retry or status >= 500)
    res.retry_now = retry
    res.retry_after = parse_retry_after(resp.headers.get("retry-after"))
    return res


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - _now()).total_seconds())


def _set_failure(res: FetchResult, reason: str, detail: str, retriable: bool) -> FetchResult:
    res.outcome, res.reason, res.detail, res.retriable, res.content = "failed", reason, detail, retriable, None
    return res


def _failure(url: str, now: datetime, reason: str, detail: str, retriable: bool, retry_now: bool = False) -> FetchResult:
    return FetchResult(url, "failed", now, reason=reason, detail=detail, retriable=retriable, retry_now=retry_now)


def _conditional_headers(prior: FetchRecord | None) -> dict[str, str]:
    if prior is None:
        return {}
    headers = {}
    if prior.etag:
        headers["If-None-Match"] = prior.etag
    if prior.last_modified:
        headers["If-Modified-Since"] = prior.last_modified
    return headers


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _now() -> datetime:
    return datetime.now(timezone.utc)
