"""Feeds, sitemaps, URL lists and URL normalisation, parsed offline from tests/fixtures/web."""
from __future__ import annotations

import gzip
from datetime import datetime, timezone
from pathlib import Path

import pytest

from flows.sources.config import SourceSpec
from flows.sources.crawl import collect_web
from flows.sources.feeds import (DiscoveryError, discover, find_canonical, normalize, parse_feed, parse_sitemap,
                                 parse_url_list, sniff_kind)
from flows.sources.state import MemoryFetchState
from flows.sources.web import FetchSettings
from websim import FIXTURES, fresh_site, running_server

BASE = "http://news.example"
SINCE = datetime(2026, 11, 1, tzinfo=timezone.utc)


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes().replace(b"{BASE}", BASE.encode())


@pytest.mark.parametrize("raw, expected", [
    # tracking parameters go, the article id stays; params are sorted so order does not matter
    ("https://news.example/a?id=7&utm_source=rss&utm_medium=feed", "https://news.example/a?id=7"),
    ("https://news.example/a?fbclid=IwAR0abc", "https://news.example/a"),
    ("https://news.example/a?b=2&a=1", "https://news.example/a?a=1&b=2"),
    # the fragment never reaches the server
    ("https://news.example/a.html#comments", "https://news.example/a.html"),
    # host case and default ports
    ("HTTPS://News.Example:443/A", "https://news.example/A"),
    ("http://news.example:80", "http://news.example/"),
    ("http://news.example:8080/x", "http://news.example:8080/x"),
    # Arabic path: percent-encoded the same way whether given raw or encoded
    ("https://news.example/ar/اقتصاد", "https://news.example/ar/%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF"),
    ("https://news.example/ar/%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF", "https://news.example/ar/%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF"),
    # surrounding whitespace from a hand-edited list
    ("  https://news.example/a \n", "https://news.example/a"),
    # not fetchable
    ("ftp://news.example/file", None),
    ("mailto:desk@news.example", None),
    ("not a url", None),
])
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_normalize_resolves_relative_links():
    assert normalize("../b.html?utm_campaign=x", "https://news.example/ar/a/index.html") == "https://news.example/ar/b.html"


def test_rss_entries_carry_link_title_published_summary():
    targets = parse_feed(fixture("feed.rss"), "eco", BASE + "/rss.xml")
    assert [t.url for t in targets] == [
        BASE + "/ar/economy/2026/11/20/budget-deficit",  # utm_source/utm_medium stripped
        BASE + "/ar/world/water-shortage.html",
        BASE + "/ar/economy/oil-prices.html",  # #comments dropped
    ]
    first = targets[0].metadata
    assert first["title"] == "وزير المالية: عجز الموازنة يتراجع إلى 3.2% العام المقبل"
    assert first["published"] == "2026-11-20T07:15:00+00:00"  # 09:15 +0200 in UTC
    assert first["summary"].startswith("قال وزير المالية")
    assert first["link"].endswith("budget-deficit?utm_source=rss&utm_medium=feed")  # as the feed gave it
    assert first["feed_title"] == "أخبار الاقتصاد"
    assert targets[2].lastmod == datetime(2025, 3, 3, 8, 0, tzinfo=timezone.utc)


def test_atom_entries():
    targets = parse_feed(fixture("feed.atom"), "he", None)
    assert [t.url for t in targets] == [BASE + "/he/economy/interest-rate.html", BASE + "/he/politics/budget-law.html"]
    meta = targets[0].metadata
    assert meta["title"] == "בנק ישראל הותיר את הריבית ללא שינוי" and meta["author"] == "דנה לוי"
    assert meta["published"] == "2026-11-17T14:05:00+00:00"


def test_rdf_feed():
    [target] = parse_feed(fixture("feed.rdf"), "rdf", None)
    assert target.url == BASE + "/ar/world/water-shortage.html"
    assert target.lastmod == datetime(2026, 11, 18, 12, 40, tzinfo=timezone.utc)


def test_sitemap_index_and_news_sitemap():
    index = parse_sitemap(fixture("sitemap-index.xml"))
    assert [u for u, _ in index.children] == [BASE + "/sitemap-news.xml", BASE + "/sitemap-2019.xml"]
    assert index.pages == []
    news = parse_sitemap(fixture("sitemap-news.xml"))
    url, date, meta = news.pages[0]
    assert url == BASE + "/he/economy/interest-rate.html"
    assert date == datetime(2026, 11, 17, 14, 5, tzinfo=timezone.utc)  # news:publication_date
    assert meta["title"] == "בנק ישראל הותיר את הריבית ללא שינוי" and meta["language"] == "he"
    assert news.pages[2][1] == datetime(2025, 3, 3, tzinfo=timezone.utc)  # a bare date is midnight UTC


def test_gzipped_and_plain_text_sitemaps():
    assert parse_sitemap(gzip.compress(fixture("sitemap-2019.xml"))).pages[0][0] == BASE + "/archive/2019/old-story.html"
    text = parse_sitemap(b"https://news.example/a\nhttps://news.example/b\n")
    assert [u for u, _, _ in text.pages] == ["https://news.example/a", "https://news.example/b"]


@pytest.mark.parametrize("body, reason", [
    (b"<urlset><url><loc>x</loc></url>", "bad_sitemap"),  # truncated XML
    # an entity expansion bomb: defusedxml refuses it instead of eating memory
    (b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><urlset>&b;</urlset>', "bad_sitemap"),
])
def test_bad_sitemaps_raise(body, reason):
    with pytest.raises(DiscoveryError) as err:
        parse_sitemap(body)
    assert err.value.reason == reason


def test_discover_sitemap_index_with_since_skips_old_children_and_entries():
    files = {BASE + n: fixture(n.lstrip("/")) for n in ("/sitemap-index.xml", "/sitemap-news.xml", "/sitemap-2019.xml")}
    asked = []

    def load(location):
        asked.append(location)
        return files[location], location
    targets, rejections = discover("sitemap", BASE + "/sitemap-index.xml", "sm", load, since=SINCE)
    assert asked == [BASE + "/sitemap-index.xml", BASE + "/sitemap-news.xml"]  # the 2019 child is never loaded
    assert [t.url for t in targets] == [BASE + "/he/economy/interest-rate.html", BASE + "/he/politics/budget-law.html"]
    assert rejections == []


def test_discover_reports_a_child_that_failed_and_keeps_the_rest():
    def load(location):
        if location.endswith("2019.xml"):
            raise DiscoveryError("http_404", "HTTP 404")
        return fixture(location.rsplit("/", 1)[1]), location
    targets, rejections = discover("sitemap", BASE + "/sitemap-index.xml", "sm", load)
    assert len(targets) == 3
    assert [(r.source_uri, r.reason, r.stage) for r in rejections] == [(BASE + "/sitemap-2019.xml", "http_404", "fetch")]


def test_url_list_comments_blanks_and_duplicates():
    text = fixture("list.urls").decode()
    assert len(parse_url_list(text)) == 4  # the comment, the blank line and the prose line are skipped
    targets, _ = discover("urls", "list.urls", "l", lambda loc: (fixture("list.urls"), loc))
    assert [t.url for t in targets] == [  # the utm_ copy of the first URL and the #top fragment collapse
        BASE + "/ar/economy/2026/11/20/budget-deficit", BASE + "/he/economy/interest-rate.html",
        BASE + "/private/leaked.html"]


@pytest.mark.parametrize("html, header, expected", [
    (b'<head><link rel="canonical" href="https://news.example/a"></head>', None, "https://news.example/a"),
    # attribute order and quotes vary; relative hrefs resolve against the page
    (b"<head><link href='/ar/a?utm_source=x' rel='canonical' /></head>", None, "https://news.example/ar/a"),
    (b'<head><LINK REL="Canonical" HREF="https://news.example/b"></head>', None, "https://news.example/b"),
    # rel=alternate or amphtml is not canonical
    (b'<head><link rel="amphtml" href="https://news.example/amp/a"></head>', None, None),
    # the HTTP Link header wins over the markup
    (b'<head><link rel="canonical" href="https://news.example/a"></head>', '<https://news.example/c>; rel="canonical"', "https://news.example/c"),
])
def test_find_canonical(html, header, expected):
    assert find_canonical(html, "https://news.example/page", header) == expected


@pytest.mark.parametrize("name, kind", [
    ("feed.rss", "feed"), ("feed.atom", "feed"), ("feed.rdf", "feed"),
    ("sitemap-index.xml", "sitemap"), ("sitemap-news.xml", "sitemap"),
    ("list.urls", "urls"), ("ar_utf8.html", "page"), ("ar_windows1256.html", "page"),
])
def test_sniff_kind(name, kind):
    assert sniff_kind(fixture(name)) == kind


def test_sample_article_text_is_not_a_url_list():
    sample = sorted(Path("samples").glob("000_*.txt"))[0]
    assert sniff_kind(sample.read_bytes()) == "page"


# --- feeds and sitemaps end to end, from a URL and from a file ---------------------------------------------

@pytest.fixture(scope="module")
def server():
    yield from running_server()


FAST = FetchSettings(per_host_interval=0.0, read_timeout=2.0, retries=0)


def test_feed_from_url_with_since(server, tmp_path):
    site = fresh_site(server).serve_all()
    feed = site.url("/rss.xml")
    got = collect_web(feed, MemoryFetchState(), tmp_path, since=SINCE, run_id="r", settings=FAST)
    assert [d.metadata["title"] for d in got.documents] == [
        "وزير المالية: عجز الموازنة يتراجع إلى 3.2% العام المقبل", "الأمم المتحدة تحذر من نقص حاد في مياه الشرب"]
    assert site.hits("/ar/economy/oil-prices.html") == 0  # published 2025, before since
    assert got.documents[0].metadata["source"] == feed


def test_atom_feed_from_a_file(server, tmp_path):
    site = fresh_site(server).serve_all()
    path = tmp_path / "he.atom"
    path.write_bytes(site.fixture("feed.atom"))
    got = collect_web(f"feed:{path}", MemoryFetchState(), tmp_path / "raw", run_id="r", settings=FAST)
    assert [d.declared_charset for d in got.documents] == ["windows-1255", "iso-8859-8"]
    assert got.documents[1].source_uri == site.url("/he/politics/budget-law.html")  # fbclid stripped
    assert got.documents[1].metadata["summary"] == "ברוב של 61 תומכים מול 54 מתנגדים."


def test_sitemap_index_from_url(server, tmp_path):
    site = fresh_site(server).serve_all()
    spec = site.url("/sitemap-index.xml")
    got = collect_web(spec, MemoryFetchState(), tmp_path, since=SINCE, run_id="r", settings=FAST)
    assert sorted(d.source_uri for d in got.documents) == [site.url("/he/economy/interest-rate.html"),
                                                           site.url("/he/politics/budget-law.html")]
    assert site.hits("/sitemap-2019.xml") == 0 and got.per_source[spec]["discovered"] == 2


def test_missing_feed_file_is_a_rejection(tmp_path):
    got = collect_web(f"feed:{tmp_path}/nope.rss", MemoryFetchState(), tmp_path, run_id="r", settings=FAST)
    assert [(r.reason, r.stage) for r in got.rejections] == [("not_found", "fetch")] and got.documents == []


def test_max_items_keeps_the_newest_entries(server, tmp_path):
    site = fresh_site(server).serve_all()
    source = SourceSpec("eco", "feed", site.url("/rss.xml"), max_items=2)
    got = collect_web(source, MemoryFetchState(), tmp_path, since=datetime(2020, 1, 1), run_id="r", settings=FAST)
    assert [d.metadata["published"][:10] for d in got.documents] == ["2026-11-20", "2026-11-18"]  # not the 2025 one
    assert got.per_source["eco"]["discovered"] == 2


def test_a_page_given_as_a_feed_is_a_rejection(server, tmp_path):
    site = fresh_site(server).serve_all()
    spec = "feed:" + site.url("/ar/world/water-shortage.html")
    got = collect_web(spec, MemoryFetchState(), tmp_path, run_id="r", settings=FAST)
    assert [r.reason for r in got.rejections] == ["not_a_feed"] and got.per_source[spec]["failed"] == 1
