"""sources.yaml and --source values: what they resolve to, and the error messages for mistakes."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from flows.sources.config import (KINDS, SourceConfigError, load_sources, parse_duration, parse_since,
                                  source_from_spec)

from transforms.errors import NewsfactsError

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_project_sources_file_defaults_to_the_samples():
    config = load_sources(ROOT / "sources.yaml")
    [samples] = config.sources
    assert (samples.name, samples.kind) == ("samples", "path")
    assert Path(samples.location).resolve() == ROOT / "samples"
    assert samples.freshness == timedelta(days=7) and samples.rate_limit == 1.0
    assert config.fetch.concurrency == 8 and config.fetch.retries == 3


def test_full_example_with_defaults_and_overrides(tmp_path):
    path = write(tmp_path, """
defaults: {rate_limit: 2, freshness: 12h, since: 2026-11-01}
fetch: {concurrency: 4, read_timeout: 5, obey_robots: true}
sources:
  - {name: ar, kind: feed, url: "https://news.example/ar/rss.xml", max_items: 50}
  - {name: he, kind: sitemap, url: "https://news.example/sitemap.xml", rate_limit: 0.5, freshness: 1d}
  - {kind: urls, path: picks.urls}
""")
    config = load_sources(path)
    ar, he, picks = config.sources
    assert (ar.kind, ar.max_items, ar.rate_limit, ar.freshness) == ("feed", 50, 2.0, timedelta(hours=12))
    assert ar.since == datetime(2026, 11, 1, tzinfo=timezone.utc)
    assert (he.rate_limit, he.freshness) == (0.5, timedelta(days=1))
    assert picks.name == str(tmp_path / "picks.urls") and picks.location == str(tmp_path / "picks.urls")
    assert ar.origin == f"{path}:5"
    assert (config.fetch.concurrency, config.fetch.read_timeout) == (4, 5.0)


@pytest.mark.parametrize("text, message", [
    # unknown kind: the line of the entry and every valid kind
    ("sources:\n  - {kind: rss, url: 'https://x.example/f'}\n",
     ":2: unknown kind 'rss'; expected one of " + ", ".join(KINDS)),
    # a typo in a key names the key's own line
    ("sources:\n  - kind: feed\n    url: https://x.example/f\n    max_item: 5\n",
     ":4: unknown key 'max_item' in source; expected one of name, kind, url, path, rate_limit, max_items, freshness, since"),
    ("sources:\n  - {kind: feed}\n", ":2: give exactly one of 'url' or 'path' for a feed source"),
    ("sources:\n  - {kind: feed, url: 'https://a.example', path: x}\n", ":2: give exactly one of 'url' or 'path'"),
    ("sources:\n  - {kind: path, url: 'https://a.example'}\n", "a path source needs 'path'"),
    ("sources:\n  - {kind: feed, url: 'ftp://a.example/f'}\n", "url 'ftp://a.example/f' must start with http:// or https://"),
    ("sources:\n  - {kind: feed, url: 'https://a.example/f', freshness: soon}\n", ":2: bad duration 'soon'"),
    ("sources:\n  - {kind: feed, url: 'https://a.example/f', since: yesterday}\n", ":2: bad since 'yesterday'"),
    ("sources:\n  - {kind: feed, url: 'https://a.example/f', max_items: 0}\n", ":2: max_items = 0 must be a positive whole number"),
    ("sources:\n  - {kind: feed, url: 'https://a.example/f', rate_limit: fast}\n", "rate_limit = 'fast' must be a positive number"),
    ("sources:\n  - {name: a, kind: path, path: x}\n  - {name: a, kind: path, path: y}\n", ":3: source name 'a' already used at"),
    ("fetch:\n  concurency: 4\nsources:\n  - {kind: path, path: x}\n", ":2: unknown key 'concurency' in fetch; expected one of concurrency"),
    ("fetch:\n  retries: many\nsources:\n  - {kind: path, path: x}\n", ":2: fetch.retries = 'many' should be int"),
    ("sources: []\n", "'sources' must be a non-empty list"),
    ("feeds:\n  - x\n", ":1: unknown key 'feeds' in sources file; expected one of defaults, fetch, sources"),
    ("sources:\n  - {kind: feed\n", "not valid YAML"),
    ("- just a list\n", ":1: expected a mapping with keys defaults, fetch, sources"),
])
def test_mistakes_name_the_line_and_the_choices(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(SourceConfigError) as err:
        load_sources(path)
    assert message in str(err.value)
    assert str(path) in str(err.value)


def test_missing_sources_file_is_a_user_error_the_cli_reports():
    with pytest.raises(NewsfactsError, match="cannot read sources file nope.yaml"):  # the CLI's one exception
        load_sources("nope.yaml")


@pytest.mark.parametrize("spec, kind, location", [
    ("samples", "path", "samples"),  # a folder
    ("https://news.example/ar/2026/11/20/story.html", "url", "https://news.example/ar/2026/11/20/story.html"),
    ("https://news.example/rss.xml", "feed", "https://news.example/rss.xml"),
    ("https://news.example/ar/feed/", "feed", "https://news.example/ar/feed/"),  # WordPress-style feed path
    ("https://news.example/sitemap_index.xml", "sitemap", "https://news.example/sitemap_index.xml"),
    ("https://news.example/sitemap-news.xml.gz", "sitemap", "https://news.example/sitemap-news.xml.gz"),
    ("feed:https://news.example/latest", "feed", "https://news.example/latest"),  # a prefix forces the kind
    ("urls:picks.txt", "urls", "picks.txt"),
    ("sitemap:maps/local.xml", "sitemap", "maps/local.xml"),
    ("tests/fixtures/web/list.urls", "urls", "tests/fixtures/web/list.urls"),
    ("tests/fixtures/web/feed.rss", "feed", "tests/fixtures/web/feed.rss"),  # sniffed, not guessed from the name
    ("tests/fixtures/web/sitemap-index.xml", "sitemap", "tests/fixtures/web/sitemap-index.xml"),
])
def test_source_from_spec(spec, kind, location):
    got = source_from_spec(spec)
    assert (got.kind, got.location, got.name) == (kind, location, spec)


def test_txt_file_is_a_url_list_only_when_it_lists_urls(tmp_path):
    listing = tmp_path / "picks.txt"
    listing.write_text("# picks\nhttps://news.example/a\n\nhttps://news.example/b\n", encoding="utf-8")
    article = tmp_path / "story.txt"
    article.write_text("https://news.example/a was quoted in this article.\nSecond line of prose.\n", encoding="utf-8")
    assert source_from_spec(str(listing)).kind == "urls"
    assert source_from_spec(str(article)).kind == "path"
    sample = next((ROOT / "samples").glob("000_*.txt"))
    assert source_from_spec(str(sample)).kind == "path"


@pytest.mark.parametrize("value, seconds", [(0, 0), (90, 90), ("45s", 45), ("30m", 1800), ("12h", 43200),
                                            ("7d", 604800), ("1w", 604800), ("1.5h", 5400)])
def test_parse_duration(value, seconds):
    assert parse_duration(value) == timedelta(seconds=seconds)


def test_parse_since_forms():
    assert parse_since("2026-11-01T06:00:00+02:00") == datetime(2026, 11, 1, 4, tzinfo=timezone.utc)
    assert parse_since("2026-11-01") == datetime(2026, 11, 1, tzinfo=timezone.utc)
    back = datetime.now(timezone.utc) - parse_since("2d")
    assert timedelta(days=2) - timedelta(seconds=5) < back < timedelta(days=2, seconds=5)
