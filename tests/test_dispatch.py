"""collect_any: one call for local folders, URLs, URL lists, feeds, sitemaps and sources files."""
from __future__ import annotations

from pathlib import Path

import pytest

from flows.sources.config import SourceConfigError
from flows.sources.dispatch import collect_any, is_web_spec
from flows.sources.local import collect_local
from flows.sources.state import MemoryFetchState
from flows.sources.web import FetchSettings
from websim import fresh_site, running_server

ROOT = Path(__file__).resolve().parent.parent
FAST = FetchSettings(per_host_interval=0.0, read_timeout=2.0, retries=0)


@pytest.fixture(scope="module")
def server():
    yield from running_server()


@pytest.mark.parametrize("spec, web", [
    ("samples", False),
    (str(ROOT / "sources.yaml"), False),  # the bundled default names only the samples folder
    ("https://news.example/a.html", True),
    ("feed:feeds/local.rss", True),
    ("tests/fixtures/web/list.urls", True),
    ("tests/fixtures/web/ar_utf8.html", False),  # a saved page is a local document
])
def test_is_web_spec(spec, web):
    assert is_web_spec(spec) is web


def test_local_folder_and_web_list_in_one_call(server, tmp_path):
    site = fresh_site(server).serve_all()
    listing = tmp_path / "picks.urls"
    listing.write_bytes(site.fixture("list.urls"))
    got = collect_any(["samples", str(listing)], MemoryFetchState(), tmp_path / "raw", run_id="r", settings=FAST)
    local = [d for d in got.documents if not d.source_uri.startswith("http")]
    web = [d for d in got.documents if d.source_uri.startswith("http")]
    expected_local = collect_local("samples")  # the samples folder grows; compare with reading it alone
    assert [d.source_uri for d in local] == [d.source_uri for d in expected_local.documents]
    assert len(web) == 2 and got.per_source[str(listing)]["fetched"] == 2
    assert got.per_source["samples"] == expected_local.per_source["samples"]
    assert [r.reason for r in got.rejections] == ["robots"]


def test_sources_file_shares_one_fetcher_and_fetches_a_url_named_twice_once(server, tmp_path):
    site = fresh_site(server).serve_all()
    config = tmp_path / "sources.yaml"
    config.write_text(f"""
fetch: {{per_host_interval: 0.0, retries: 0}}
sources:
  - {{name: he-atom, kind: feed, url: "{site.url('/he/atom.xml')}"}}
  - {{name: news-map, kind: sitemap, url: "{site.url('/sitemap-news.xml')}"}}
  - {{name: local, kind: path, path: {ROOT / 'samples' / '003_98fb078da5b7cc6b.txt'}}}
""", encoding="utf-8")
    got = collect_any([str(config)], MemoryFetchState(), tmp_path / "raw", run_id="r")
    assert got.per_source["he-atom"]["fetched"] == 2
    assert got.per_source["news-map"]["duplicates"] == 2 and got.per_source["news-map"]["fetched"] == 1
    assert got.per_source["local"]["read"] == 1
    assert site.hits("/he/economy/interest-rate.html") == 1 and site.hits("/robots.txt") == 1
    assert len(got.documents) == 4


def test_bad_sources_file_fails_before_any_fetch(server, tmp_path):
    site = fresh_site(server).serve_all()
    config = tmp_path / "sources.yaml"
    config.write_text(f"sources:\n  - {{kind: feed, url: '{site.url('/rss.xml')}'}}\n  - {{kind: atom, url: x}}\n")
    with pytest.raises(SourceConfigError, match=r"sources.yaml:3: unknown kind 'atom'"):
        collect_any([str(config)], MemoryFetchState(), tmp_path / "raw")
    assert site.paths() == []
