"""A small news site on 127.0.0.1 for the web-source tests: real-looking pages, feeds, sitemaps, robots.txt.

Pages come from ``tests/fixtures/web`` with ``{BASE}`` replaced by the server's address. Every page has
an ETag and answers ``If-None-Match`` with 304, like a well-behaved news site.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

FIXTURES = Path(__file__).parent / "fixtures" / "web"

# path on the site -> (fixture file, Content-Type header)
PAGES = {
    "/ar/economy/2026/11/20/budget-deficit": ("ar_utf8.html", "text/html; charset=utf-8"),
    "/ar/world/water-shortage.html": ("ar_windows1256.html", "text/html"),  # charset only in <meta http-equiv>
    "/he/economy/interest-rate.html": ("he_windows1255.html", "text/html; charset=windows-1255"),  # only in header
    "/he/politics/budget-law.html": ("he_iso8859_8.html", "text/html"),  # only in <meta charset>
    "/rss.xml": ("feed.rss", "application/rss+xml"),
    "/he/atom.xml": ("feed.atom", "application/atom+xml; charset=utf-8"),
    "/rdf.xml": ("feed.rdf", "application/rdf+xml"),
    "/sitemap-index.xml": ("sitemap-index.xml", "application/xml"),
    "/sitemap-news.xml": ("sitemap-news.xml", "application/xml"),
    "/sitemap-2019.xml": ("sitemap-2019.xml", "application/xml"),
    "/robots.txt": ("robots.txt", "text/plain"),
    "/list.urls": ("list.urls", "text/plain"),
}
OIL_PAGE = "<html lang='ar'><head><meta charset='utf-8'><title>أسعار النفط</title></head><body><p>تراجعت أسعار خام برنت بنسبة 1.8 في المئة.</p></body></html>"
LAST_MODIFIED = "Thu, 20 Nov 2026 08:00:00 GMT"


class Site:
    """The test server plus helpers to add pages and count what it was asked for."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.base = server.url_for("").rstrip("/")

    def url(self, path: str) -> str:
        return self.base + path

    def fixture(self, name: str) -> bytes:
        return (FIXTURES / name).read_bytes().replace(b"{BASE}", self.base.encode())

    def serve_all(self) -> "Site":
        for path, (name, ctype) in PAGES.items():
            self.page(path, self.fixture(name), ctype)
        self.page("/ar/economy/oil-prices.html", OIL_PAGE.encode(), "text/html; charset=utf-8")
        self.page("/archive/2019/old-story.html", b"<html><body><p>2019</p></body></html>", "text/html")
        self.page("/private/leaked.html", b"<html><body>secret</body></html>", "text/html")
        return self

    def page(self, path: str, body: bytes, ctype: str, etag: bool = True) -> None:
        """Serve ``body`` at ``path`` with an ETag that turns a matching If-None-Match into 304."""
        tag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'

        def handle(request: Request) -> Response:
            if etag and request.headers.get("If-None-Match") == tag:
                return Response(status=304, headers={"ETag": tag})
            headers = {"ETag": tag, "Last-Modified": LAST_MODIFIED} if etag else {}
            return Response(body, status=200, content_type=ctype, headers=headers)

        self.server.expect_request(path).respond_with_handler(handle)

    def handler(self, path: str, func) -> None:
        self.server.expect_request(path).respond_with_handler(func)

    def hits(self, path: str) -> int:
        return sum(1 for req, _ in self.server.log if req.path == path)

    def requests(self, path: str) -> list[Request]:
        return [req for req, _ in self.server.log if req.path == path]

    def paths(self) -> list[str]:
        return [req.path for req, _ in self.server.log]


def running_server() -> Iterator[HTTPServer]:
    """A threaded server (a slow handler must not block the others), for one test module."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        server.stop()  # takes ~0.5 s (werkzeug's poll interval), hence one server per module


def fresh_site(server: HTTPServer) -> Site:
    """The shared server with no handlers and an empty log; unknown paths answer 404."""
    server.clear()
    server.no_handler_status_code = 404  # the default 500 would read as "robots.txt unreachable"
    return Site(server)
