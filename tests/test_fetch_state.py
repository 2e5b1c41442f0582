"""DuckFetchState: the fetches table as the fetcher's memory; RawStore and the record/table contract."""
from __future__ import annotations

from dataclasses import fields
from datetime import datetime, timezone

import duckdb
import pytest

from flows.sources.state import OUTCOMES, FetchRecord, MemoryFetchState, RawStore
from schemas.tables import ARTICLES, FETCHES, QUARANTINE
from warehouse.db import create_table_sql
from warehouse.fetch_state import DuckFetchState

AT = datetime(2026, 11, 20, 6, 30, tzinfo=timezone.utc)


def test_record_fields_are_the_fetches_columns():
    assert {f.name for f in fields(FetchRecord)} == set(FETCHES.column_names)
    assert FETCHES.column("outcome").allowed == OUTCOMES


@pytest.fixture(params=["duck", "memory"])
def state(request, tmp_path):
    if request.param == "memory":
        return MemoryFetchState()
    return DuckFetchState(duckdb.connect(str(tmp_path / "w.duckdb")))


def test_record_then_lookup_round_trips(state):
    rec = FetchRecord("https://news.example/a", AT, "run-1", source="feed", final_url="https://news.example/a/",
                      status=200, outcome="fetched", etag='"abc"', last_modified="Thu, 20 Nov 2026 08:00:00 GMT",
                      content_type="text/html; charset=windows-1256", content_sha256="ab" * 32, content_length=799,
                      attempts=1, canonical_url="https://news.example/a")
    state.record(rec)
    state.record(rec.evolve(status=304, outcome="not_modified", run_id="run-2"))  # upsert on the URL
    got = state.lookup(["https://news.example/a", "https://news.example/missing"])
    assert list(got) == ["https://news.example/a"]
    assert got["https://news.example/a"] == rec.evolve(status=304, outcome="not_modified", run_id="run-2")
    assert got["https://news.example/a"].fetched_at.tzinfo is not None


def test_processed_reads_articles_and_later_quarantine(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    state = DuckFetchState(con)
    assert state.processed([("https://news.example/a", "s1")]) == set()  # no articles table yet
    con.execute(create_table_sql(ARTICLES))
    con.execute(create_table_sql(QUARANTINE))
    con.execute("INSERT INTO articles (article_id, source_uri, language, text, text_sha256, raw_sha256, word_count,"
                " fetched_at, pipeline_version, run_id) VALUES ('x', 'https://news.example/a', 'ar', 't', 'h', 's1', 1,"
                " now(), 'v1', 'r')")
    con.execute("INSERT INTO quarantine VALUES ('https://news.example/empty', 'clean', 'empty', '', 'r', now()),"
                " ('https://news.example/404', 'fetch', 'http_404', '', 'r', now())")
    items = [("https://news.example/a", "s1"), ("https://news.example/a", "s2"),  # same URL, changed bytes
             ("https://news.example/empty", "s3"), ("https://news.example/404", "s4")]
    assert state.processed(items) == {"https://news.example/a", "https://news.example/empty"}


def test_raw_store_keeps_one_copy_and_its_first_sidecar(tmp_path):
    store = RawStore(tmp_path)
    sha = "0f" + "1" * 62
    path = store.put(sha, b"body", {"status": 200})
    store.put(sha, b"body", {"status": 999})
    assert path == tmp_path / "0f" / sha and store.get(sha) == b"body"
    assert store.sidecar(sha) == {"status": 200} and store.has(sha) and not store.has("ff" * 32)
    assert sorted(p.name for p in (tmp_path / "0f").iterdir()) == [sha, sha + ".json"]
