import json
from datetime import datetime, timezone

import duckdb
import polars as pl

from schemas.tables import ARTICLES, FIGURES, TABLES
from warehouse.db import connect, count_rows, delete_facts_of, upsert
from warehouse.publish import published_signature, publish_tables

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _article(aid: str, published=None) -> dict:
    return dict(article_id=aid, source_uri=f"s/{aid}", text="نص الخبر 12 طائرة", language="ar", text_sha256="x" + aid,
                raw_sha256="r" + aid, word_count=4, fetched_at=T0, pipeline_version="v", run_id="r1", published_at=published)


def _figure(fid: str, aid: str) -> dict:
    return dict(figure_id=fid, article_id=aid, value=12.0, unit="طائرة", kind="count", approximate=False,
                raw_text="12 طائرة", sentence="نص الخبر 12 طائرة", char_start=9, char_end=17, run_id="r1")


def test_upsert_is_idempotent_and_replaces_by_key(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    upsert(con, "articles", [_article("a"), _article("b")])
    upsert(con, "articles", [_article("a"), _article("b")])
    assert count_rows(con, "articles") == 2
    changed = _article("a") | {"title": "عنوان"}
    upsert(con, "articles", [changed])
    assert con.execute("SELECT title FROM articles WHERE article_id='a'").fetchone()[0] == "عنوان"


def test_delete_facts_of_only_touches_the_given_articles(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    upsert(con, "articles", [_article("a"), _article("b")])
    upsert(con, "figures", [_figure("f1", "a"), _figure("f2", "b")])
    delete_facts_of(con, ["a"])
    assert con.execute("SELECT figure_id FROM figures").fetchall() == [("f2",)]


def test_new_columns_are_added_to_an_old_file(tmp_path):
    path = tmp_path / "old.duckdb"
    raw = duckdb.connect(str(path))
    raw.execute("CREATE TABLE runs (run_id VARCHAR PRIMARY KEY, started_at TIMESTAMPTZ NOT NULL, status VARCHAR NOT NULL)")
    raw.close()
    con = connect(path)
    cols = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name='runs'").fetchall()}
    assert {"summary", "checks_failed"} <= cols


def test_publish_swaps_versions_atomically_and_writes_manifests(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    upsert(con, "articles", [_article("a", datetime(2021, 10, 22, tzinfo=timezone.utc)), _article("b")])
    upsert(con, "figures", [_figure("f1", "a")])
    pub = tmp_path / "publish"
    tables = [t for t in TABLES if t.published]
    counts = publish_tables(con, tables, pub, "run1", {"signature": "s1"})
    assert counts["articles"] == 2 and counts["figures"] == 1
    assert (pub / "articles").is_symlink()
    parts = sorted(p.parent.name for p in (pub / "articles").rglob("*.parquet"))
    assert parts == ["part=2021-10", "part=undated"]
    assert pl.read_parquet(str(pub / "figures" / "**" / "*.parquet")).height == 1
    manifest = json.loads((pub / "_manifest.json").read_text())
    assert manifest["run_id"] == "run1" and manifest["row_counts"]["articles"] == 2
    assert published_signature(pub) == "s1"
    first_target = (pub / "articles").resolve()
    upsert(con, "articles", [_article("c")])
    publish_tables(con, tables, pub, "run2", {"signature": "s2"})
    assert (pub / "articles").resolve() != first_target
    assert sum(pl.read_parquet(f).height for f in (pub / "articles").rglob("*.parquet")) == 3
    publish_tables(con, tables, pub, "run3", {"signature": "s3"})
    assert not first_target.exists()  # pruned: only the live version and the one before it stay
    assert len(list((pub / ".versions").glob("articles-*"))) == 2


def test_every_declared_table_is_created(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {t.name for t in TABLES} <= have
    assert ARTICLES.column("published_at").type == "TIMESTAMPTZ" and FIGURES.span_of == "raw_text"


def test_schema_docs_are_current():
    from pathlib import Path

    from schemas.docs import render

    readme = Path(__file__).resolve().parent.parent / "schemas" / "README.md"
    assert readme.read_text(encoding="utf-8") == render(), "schemas/README.md is stale: run `make docs`"
