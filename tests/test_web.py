"""The fetcher and collect_web against a local site on 127.0.0.1: politeness, failures, charsets, incremental runs."""
from __future__ import annotations

import socket
import threading
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from werkzeug import Request, Response

from flows.sources.config import SourceSpec
from flows.sources.crawl import collect_web
from flows.sources.state import MemoryFetchState
from flows.sources.web import (USER_AGENT, FetchSettings, connect_error_reason, declared_charset,
                               parse_retry_after, resolve_media_type)
from transforms.clean import clean_document
from websim import PAGES, fresh_site, running_server

# Small numbers keep the suite fast; the politeness logic is the same as with the defaults.
FAST = FetchSettings(per_host_interval=0.0, backoff_base=0.01, backoff_max=0.05, connect_timeout=0.5,
                     read_timeout=0.4, total_timeout=5.0, retries=2, max_retry_after=2.0)


@pytest.fixture(scope="module")
def server():
    yield from running_server()


@pytest.fixture
def site(server):
    return fresh_site(server)


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    return tmp_path / "raw"


def run(spec, state, raw_dir, settings=FAST, **kw):
    return collect_web(spec, state, raw_dir, kw.pop("since", None), kw.pop("run_id", "r1"), settings=settings, **kw)


def only_rejection(collected):
    assert len(collected.rejections) == 1, collected.rejections
    return collected.rejections[0]


# --- charsets: the bytes travel untouched, the charset is declared from the header or the page ----------

@pytest.mark.parametrize("path, charset, headline", [
    # utf-8 named in both the header and <meta charset>
    ("/ar/economy/2026/11/20/budget-deficit", "utf-8", "وزير المالية: عجز الموازنة يتراجع إلى 3.2%"),
    # windows-1256 only in <meta http-equiv="Content-Type">; header says just text/html
    ("/ar/world/water-shortage.html", "windows-1256", "الأمم المتحدة تحذر من نقص حاد في مياه الشرب"),
    # windows-1255 only in the Content-Type header; no <meta>
    ("/he/economy/interest-rate.html", "windows-1255", "בנק ישראל הותיר את הריבית ללא שינוי, ברמה של 4.5%"),
    # ISO-8859-8 (logical order) only in <meta charset>
    ("/he/politics/budget-law.html", "iso-8859-8", "הכנסת אישרה בקריאה ראשונה את חוק התקציב"),
])
def test_pages_in_legacy_encodings_declare_their_charset(site, raw, path, charset, headline):
    site.serve_all()
    got = run(site.url(path), MemoryFetchState(), raw)
    [doc] = got.documents
    assert doc.media_type == "text/html"
    assert doc.declared_charset == charset
    assert headline in doc.content.decode(charset)
    assert doc.content == site.fixture(PAGES[path][0])  # bytes handed on as served, no re-encoding
    article = clean_document(doc)  # and the cleaning step, given the declared charset, reads them right
    assert headline in article.text and article.language == path[1:3]


def test_user_agent_and_raw_store(site, raw):
    site.serve_all()
    state = MemoryFetchState()
    got = run(site.url("/ar/economy/2026/11/20/budget-deficit?utm_source=x&utm_medium=y#top"), state, raw)
    [doc] = got.documents
    [req] = site.requests("/ar/economy/2026/11/20/budget-deficit")
    assert req.headers["User-Agent"] == USER_AGENT
    assert req.query_string == b""  # tracking parameters never reach the server
    rec = state.rows[doc.source_uri]
    body = raw / rec.content_sha256[:2] / rec.content_sha256
    assert body.read_bytes() == doc.content and rec.content_sha256 == doc.sha256
    sidecar = (body.parent / (rec.content_sha256 + ".json")).read_text(encoding="utf-8")
    assert '"status": 200' in sidecar and '"etag"' in sidecar
    assert doc.metadata["canonical_url"] == site.url("/ar/economy/2026/11/20/budget-deficit")
    assert rec.canonical_url == doc.metadata["canonical_url"]


# --- redirects ---------------------------------------------------------------------------------------

def test_redirect_chain_is_followed_and_final_url_kept(site, raw):
    site.serve_all()
    site.handler("/r1", lambda r: Response(status=302, headers={"Location": "/r2"}))
    site.handler("/r2", lambda r: Response(status=301, headers={"Location": "/he/economy/interest-rate.html"}))
    state = MemoryFetchState()
    [doc] = run(site.url("/r1"), state, raw).documents
    assert doc.source_uri == site.url("/r1")
    assert doc.url == site.url("/he/economy/interest-rate.html")
    assert state.rows[site.url("/r1")].final_url == doc.url


def test_redirect_loop_stops_at_the_limit(site, raw):
    site.handler("/loop", lambda r: Response(status=302, headers={"Location": "/loop"}))
    got = run(site.url("/loop"), MemoryFetchState(), raw)
    rej = only_rejection(got)
    assert rej.reason == "too_many_redirects" and rej.stage == "fetch"
    assert site.hits("/loop") == FAST.max_redirects + 1


# --- robots.txt --------------------------------------------------------------------------------------

def test_robots_disallow_is_obeyed_and_robots_fetched_once(site, raw):
    site.serve_all()
    state = MemoryFetchState()
    got = run("urls:" + site.url("/list.urls"), state, raw)
    rej = only_rejection(got)
    assert (rej.source_uri, rej.reason) == (site.url("/private/leaked.html"), "robots")
    assert site.hits("/private/leaked.html") == 0
    assert site.hits("/robots.txt") == 1
    assert state.rows[rej.source_uri].outcome == "robots_disallowed"
    assert got.per_source["urls:" + site.url("/list.urls")]["failed"] == 1


def test_unreachable_robots_means_keep_out_but_retry_next_run(site, raw):
    site.handler("/robots.txt", lambda r: Response("down", status=503))
    site.page("/a.html", b"<html><body>a</body></html>", "text/html")
    state = MemoryFetchState()
    rej = only_rejection(run(site.url("/a.html"), state, raw))
    assert rej.reason == "robots" and state.rows[site.url("/a.html")].retriable is True
    assert site.hits("/a.html") == 0


# --- retries, Retry-After, backoff ----------------------------------------------------------------------

def flaky(statuses: list[int], body: bytes = b"<html><body>ok</body></html>", headers: dict | None = None):
    """A handler answering the given statuses in turn, then 200 with ``body``."""
    calls = iter(statuses)

    def handle(request: Request) -> Response:
        status = next(calls, 200)
        if status == 200:
            return Response(body, status=200, content_type="text/html; charset=utf-8")
        return Response("busy", status=status, headers=headers or {})
    return handle


def test_429_with_retry_after_is_honoured(site, raw):
    site.handler("/busy", flaky([429], headers={"Retry-After": "1"}))
    state = MemoryFetchState()
    started = time.monotonic()
    got = run(site.url("/busy"), state, raw)
    assert time.monotonic() - started >= 0.95  # waited the second the server asked for
    assert len(got.documents) == 1 and state.rows[site.url("/busy")].attempts == 2


def test_500_that_recovers_is_retried_with_backoff(site, raw):
    site.handler("/wobbly", flaky([500, 503]))
    state = MemoryFetchState()
    got = run(site.url("/wobbly"), state, raw)
    assert len(got.documents) == 1 and got.rejections == []
    assert state.rows[site.url("/wobbly")].attempts == 3 and site.hits("/wobbly") == 3


def test_5xx_after_all_retries_is_a_retriable_rejection(site, raw):
    site.handler("/down", flaky([500] * 10))
    state = MemoryFetchState()
    rej = only_rejection(run(site.url("/down"), state, raw))
    rec = state.rows[site.url("/down")]
    assert rej.reason == "http_5xx" and rec.retriable is True and rec.status == 500
    assert site.hits("/down") == FAST.retries + 1


def test_retry_after_beyond_the_limit_is_left_for_the_next_run(site, raw):
    site.handler("/later", flaky([503] * 5, headers={"Retry-After": "3600"}))
    state = MemoryFetchState()
    started = time.monotonic()
    rej = only_rejection(run(site.url("/later"), state, raw))
    assert time.monotonic() - started < 1.0
    assert rej.reason == "http_5xx" and "next run" in rej.detail and site.hits("/later") == 1
    assert state.rows[site.url("/later")].retriable is True


@pytest.mark.parametrize("value, expected", [
    ("1", 1.0),  # delta-seconds
    ("120", 120.0),
    ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # an HTTP-date in the past: go now
    ("soon", None),  # malformed: fall back to backoff
    (None, None),
])
def test_parse_retry_after(value, expected):
    assert parse_retry_after(value) == expected


# --- failures the run survives --------------------------------------------------------------------------

def test_slow_response_times_out(site, raw):
    def slow(request: Request) -> Response:
        time.sleep(1.2)
        return Response("late", content_type="text/html")
    site.handler("/slow", slow)
    settings = replace(FAST, retries=0)
    started = time.monotonic()
    rej = only_rejection(run(site.url("/slow"), MemoryFetchState(), raw, settings=settings))
    assert rej.reason == "timeout" and time.monotonic() - started < 1.0


def test_refused_connection(raw):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    state = MemoryFetchState()
    for obey_robots in (True, False):  # refused at robots.txt, or at the page itself
        settings = replace(FAST, retries=1, obey_robots=obey_robots)
        rej = only_rejection(run(f"http://127.0.0.1:{port}/x.html", state, raw, settings=settings))
        assert rej.reason == "refused" and state.rows[f"http://127.0.0.1:{port}/x.html"].retriable is True


@pytest.mark.parametrize("exc, reason", [
    # what httpx raises for an unknown host on glibc, macOS and Windows
    (httpx.ConnectError("[Errno -2] Name or service not known"), "dns"),
    (httpx.ConnectError("[Errno 8] nodename nor servname provided, or not known"), "dns"),
    (httpx.ConnectError("[Errno 11001] getaddrinfo failed"), "dns"),
    (httpx.ConnectError("[Errno 111] Connection refused"), "refused"),
    (httpx.ConnectError("network unreachable"), "connect"),
])
def test_connect_error_reason(exc, reason):
    assert connect_error_reason(exc) == reason


def test_dns_reason_found_in_the_cause_chain():
    try:
        try:
            raise socket.gaierror(-2, "lookup failed")
        except socket.gaierror as inner:
            raise httpx.ConnectError("connect failed") from inner
    except httpx.ConnectError as exc:
        assert connect_error_reason(exc) == "dns"


@pytest.mark.parametrize("status, reason, retriable", [
    (404, "http_404", False),  # gone for good: not tried again inside the freshness window
    (410, "http_410", False),
    (403, "http_403", False),
    (502, "http_5xx", True),
])
def test_http_errors(site, raw, status, reason, retriable):
    site.handler("/x", lambda r: Response("no", status=status))
    state = MemoryFetchState()
    rej = only_rejection(run(site.url("/x"), state, raw))
    assert rej.reason == reason and state.rows[site.url("/x")].retriable is retriable


def test_oversize_body_is_refused_by_content_length(site, raw):
    site.page("/big.html", b"<html>" + b"x" * 5000 + b"</html>", "text/html")
    settings = replace(FAST, max_bytes=1000)
    rej = only_rejection(run(site.url("/big.html"), MemoryFetchState(), raw, settings=settings))
    assert rej.reason == "too_large" and "Content-Length" in rej.detail
    assert not raw.exists() or not any(p.is_file() for p in raw.rglob("*"))


def test_oversize_streamed_body_is_cut_off(site, raw):
    def stream(request: Request) -> Response:
        return Response((b"<p>" + b"y" * 500 for _ in range(50)), content_type="text/html")  # chunked, no length
    site.handler("/stream.html", stream)
    settings = replace(FAST, max_bytes=2000)
    rej = only_rejection(run(site.url("/stream.html"), MemoryFetchState(), raw, settings=settings))
    assert rej.reason == "too_large" and "passed 2000" in rej.detail


@pytest.mark.parametrize("ctype, body, outcome", [
    ("image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "unsupported_type"),  # refused before reading
    ("application/octet-stream", bytes(range(256)) * 4, "unsupported_type"),  # sniffed: not a document
    ("application/octet-stream", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "application/pdf"),  # sniffed PDF
    ("application/pdf", b"%PDF-1.4\n", "application/pdf"),
])
def test_binary_bodies(site, raw, ctype, body, outcome):
    site.page("/file", body, ctype)
    got = run(site.url("/file"), MemoryFetchState(), raw)
    if outcome == "unsupported_type":
        assert only_rejection(got).reason == "unsupported_type" and not got.documents
    else:
        [doc] = got.documents
        assert doc.media_type == outcome and doc.content == body


@pytest.mark.parametrize("ctype, body, media, charset", [
    ("text/html; charset=UTF-8", b"<html>", "text/html", "utf-8"),
    ('text/html; charset="windows-1256"', b"<html>", "text/html", "windows-1256"),  # quoted parameter
    ("text/html", b'<html><head><meta charset="ISO-8859-8">', "text/html", "iso-8859-8"),
    ("application/xhtml+xml", b'<?xml version="1.0" encoding="windows-1255"?><html>', "text/html", "windows-1255"),
    ("", b"<!DOCTYPE html><html>", "text/html", None),  # no header, no declaration: the cleaner detects
    ("text/plain", b"plain words", "text/plain", None),
    ("text/html", b"%PDF-1.5", "application/pdf", None),  # a mislabelled PDF is still a PDF
    ("video/mp4", b"\x00\x00\x00 ftyp", None, None),
])
def test_media_type_and_charset(ctype, body, media, charset):
    assert resolve_media_type(ctype, body) == media
    assert declared_charset(ctype, body) == charset


# --- politeness: bounded pool, per-host pacing ----------------------------------------------------------

def test_per_host_rate_limit_spaces_requests(site, raw):
    times: list[float] = []

    def stamp(request: Request) -> Response:
        times.append(time.monotonic())
        return Response("<html><body>p</body></html>", content_type="text/html")
    for i in range(4):
        site.handler(f"/p{i}.html", stamp)
    site.page("/four.urls", "\n".join(site.url(f"/p{i}.html") for i in range(4)).encode(), "text/plain")
    source = SourceSpec("four", "urls", site.url("/four.urls"), rate_limit=5.0)  # one request per 0.2 s
    settings = replace(FAST, concurrency=4)  # the pool alone would send all 4 at once
    got = run(source, MemoryFetchState(), raw, settings=settings)
    assert len(got.documents) == 4
    gaps = [b - a for a, b in zip(sorted(times), sorted(times)[1:])]
    assert min(gaps) >= 0.18, gaps


def test_global_pool_bounds_requests_in_flight(site, raw):
    lock, state = threading.Lock(), {"now": 0, "max": 0}

    def slow(request: Request) -> Response:
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.15)
        with lock:
            state["now"] -= 1
        return Response("<html><body>ok</body></html>", content_type="text/html")
    for i in range(6):
        site.handler(f"/s{i}.html", slow)
    site.page("/six.urls", "\n".join(site.url(f"/s{i}.html") for i in range(6)).encode(), "text/plain")
    settings = replace(FAST, concurrency=2)
    got = run("urls:" + site.url("/six.urls"), MemoryFetchState(), raw, settings=settings)
    assert len(got.documents) == 6 and state["max"] == 2


class Killed(Exception):
    pass


# --- incremental runs -------------------------------------------------------------------------------------

def test_second_run_fetches_nothing_fresh_and_feed_costs_a_304(site, raw):
    site.serve_all()
    state, feed = MemoryFetchState(), site.url("/rss.xml")
    first = run(feed, state, raw)
    assert len(first.documents) == 3 and first.per_source[feed]["new"] == 3
    state.mark_processed(first.documents)  # what loading them into the warehouse does
    second = run(feed, state, raw, run_id="r2")
    assert second.documents == [] and second.per_source[feed]["unchanged"] == 3
    last_req, last_resp = site.server.log[-1]
    assert (last_req.path, last_resp.status_code) == ("/rss.xml", 304)  # the feed: a conditional GET
    assert site.hits("/ar/world/water-shortage.html") == 1  # article: inside its freshness window, no request


def test_stale_url_is_revalidated_with_its_etag_and_304_yields_nothing(site, raw):
    site.serve_all()
    state, url = MemoryFetchState(), site.url("/he/politics/budget-law.html")
    source = SourceSpec("one", "url", url, freshness=timedelta(0))
    first = run(source, state, raw)
    state.mark_processed(first.documents)
    second = run(source, state, raw, run_id="r2")
    [_, revalidation] = site.requests("/he/politics/budget-law.html")
    assert revalidation.headers["If-None-Match"] == state.rows[url].etag
    assert revalidation.headers["If-Modified-Since"] == "Thu, 20 Nov 2026 08:00:00 GMT"
    assert second.documents == [] and second.per_source["one"]["unchanged"] == 1
    assert state.rows[url].outcome == "not_modified" and state.rows[url].content_sha256 == first.documents[0].sha256


def test_changed_page_is_fetched_again_after_its_window(site, raw):
    versions = iter([b"<html><body>v1</body></html>", b"<html><body>v2</body></html>"])
    site.handler("/live.html", lambda r: Response(next(versions), content_type="text/html"))
    state, source = MemoryFetchState(), SourceSpec("live", "url", site.url("/live.html"), freshness=timedelta(0))
    first = run(source, state, raw)
    state.mark_processed(first.documents)
    [doc] = run(source, state, raw, run_id="r2").documents
    assert doc.content == b"<html><body>v2</body></html>"


def test_retriable_failures_are_retried_next_run_and_permanent_ones_wait(site, raw):
    outage = {"on": True}
    site.handler("/flaky.html", lambda r: Response("x", status=500) if outage["on"] else
                 Response("<html><body>back</body></html>", content_type="text/html"))
    site.handler("/gone.html", lambda r: Response("gone", status=410))
    site.page("/two.urls", f"{site.url('/flaky.html')}\n{site.url('/gone.html')}\n".encode(), "text/plain")
    state, spec = MemoryFetchState(), "urls:" + site.url("/two.urls")
    first = run(spec, state, raw)
    assert sorted(r.reason for r in first.rejections) == ["http_410", "http_5xx"]
    outage["on"] = False
    second = run(spec, state, raw, run_id="r2")
    assert [d.source_uri for d in second.documents] == [site.url("/flaky.html")]
    assert site.hits("/gone.html") == 1 and second.per_source[spec]["skipped"] == 1


def test_killed_run_then_rerun_fetches_every_url_once_and_loses_none(site, raw, tmp_path):
    """The issue's evidence: stop a run after 2 fetches, rerun, and count requests and stored bodies."""
    import duckdb
    from warehouse.fetch_state import DuckFetchState
    pages = {f"/k{i}.html": f"<html><body><p>خبر رقم {i}</p></body></html>".encode() for i in range(6)}
    for path, body in pages.items():
        site.page(path, body, "text/html; charset=utf-8")
    site.page("/six.urls", "\n".join(site.url(p) for p in pages).encode(), "text/plain")
    spec, settings = "urls:" + site.url("/six.urls"), replace(FAST, concurrency=2)
    state = DuckFetchState(duckdb.connect(str(tmp_path / "w.duckdb")))
    seen = []

    def kill_after_two(record):
        seen.append(record.url)
        if len(seen) == 2:
            raise Killed("operator stopped the run")
    with pytest.raises(Killed):
        run(spec, state, raw, settings=settings, progress=kill_after_two)
    recorded = len(state.lookup([site.url(p) for p in pages]))
    assert 2 <= recorded < 6  # the queued fetches were cancelled, the ones in flight were recorded

    rerun = run(spec, state, raw, settings=settings, run_id="r2")
    counts = rerun.per_source[spec]
    assert sorted(d.source_uri for d in rerun.documents) == sorted(site.url(p) for p in pages)  # nothing lost
    assert (counts["resumed"], counts["fetched"]) == (recorded, 6 - recorded)
    assert all(site.hits(p) == 1 for p in pages)  # nothing fetched twice
    files = [p for p in raw.rglob("*") if p.is_file()]
    bodies = [p for p in files if p.suffix != ".json"]
    assert len(bodies) == 7 and not any(p.name.startswith(".tmp-") for p in files)  # 6 pages + the list, once each
    assert {p.read_bytes() for p in bodies} >= set(pages.values())


# --- de-duplication ------------------------------------------------------------------------------------

def test_pages_with_the_same_canonical_url_become_one_document(site, raw):
    site.serve_all()
    body = site.fixture("ar_utf8.html")  # its <link rel=canonical> names /ar/economy/2026/11/20/budget-deficit
    site.page("/amp/budget-deficit", body, "text/html; charset=utf-8")
    listing = f"{site.url('/ar/economy/2026/11/20/budget-deficit')}\n{site.url('/amp/budget-deficit')}\n"
    site.page("/dups.urls", listing.encode(), "text/plain")
    got = run("urls:" + site.url("/dups.urls"), MemoryFetchState(), raw)
    [doc] = got.documents
    assert doc.source_uri == site.url("/ar/economy/2026/11/20/budget-deficit")
    assert got.per_source["urls:" + site.url("/dups.urls")]["duplicates"] == 1

