"""End to end: the nightly flow on the samples plus bad input, run twice, then a blocked batch.

One Prefect test harness for the session (starting one costs seconds); everything else in the suite
runs without Prefect.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest

from conftest import SAMPLES

FACT_SPANS = {"events": "sentence", "figures": "raw_text", "quotes": "text"}


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """A corpus: the bundled samples plus one of each kind of bad input."""
    root = tmp_path_factory.mktemp("nightly")
    corpus = root / "corpus"
    shutil.copytree(SAMPLES, corpus / "samples")
    (corpus / "bad").mkdir()
    (corpus / "bad" / "empty.txt").write_bytes(b"")
    (corpus / "bad" / "binary.pdf").write_bytes(bytes(range(256)) * 8)
    (corpus / "bad" / "broken.html").write_bytes(b"<html><body><div><p>\xff\xfe<<<</div")
    return root


def _run(workdir: Path, *extra: str) -> dict:
    from flows.nightly import nightly

    return nightly(sources=[str(workdir / "corpus"), *extra], db=str(workdir / "w.duckdb"), publish_dir=str(workdir / "publish"))


@pytest.fixture(scope="module")
def first_run(prefect_harness, workdir):
    return _run(workdir)


def _query(workdir: Path, sql: str, params=None) -> list[tuple]:
    """Read the warehouse and close it again: the flow needs the file for writing next."""
    con = duckdb.connect(str(workdir / "w.duckdb"), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_first_run_publishes_every_table(first_run, workdir):
    assert first_run["status"] == "published", first_run["summary"]
    for table in ("articles", "events", "figures", "quotes"):
        n = _query(workdir, f"SELECT count(*) FROM {table}")[0][0]
        files = list((workdir / "publish" / table).rglob("*.parquet"))
        assert n > 0 and sum(pl.read_parquet(f).height for f in files) == n, table
    manifest = json.loads((workdir / "publish" / "_manifest.json").read_text())
    assert manifest["run_id"] == first_run["run_id"] and manifest["checks"]["failed"] == 0


def test_every_stored_span_round_trips(first_run, workdir):
    for table, col in FACT_SPANS.items():
        bad = _query(
            workdir,
            f"SELECT count(*) FROM {table} f JOIN articles a USING (article_id) "
            f"WHERE substr(a.text, f.char_start + 1, f.char_end - f.char_start) <> f.{col}",
        )[0][0]
        assert bad == 0, table


def test_bad_input_is_quarantined_with_reasons_and_good_articles_survive(first_run, workdir):
    reasons = dict(_query(workdir, "SELECT regexp_extract(source_uri, '[^/]+$'), reason FROM quarantine WHERE stage IN ('ingest', 'clean')"))
    assert reasons.get("empty.txt") == "empty"
    assert reasons.get("binary.pdf") == "pdf_error"
    assert reasons.get("broken.html") == "too_short"
    originals = _query(workdir, "SELECT count(*) FROM articles WHERE duplicate_of IS NULL")[0][0]
    assert originals >= 5


def test_html_and_pdf_copies_are_recorded_as_duplicates(first_run, workdir):
    rows = _query(workdir, "SELECT d.source_uri, o.source_uri FROM articles d JOIN articles o ON d.duplicate_of = o.article_id")
    assert rows, "the HTML/PDF versions of the samples repeat the text versions"
    assert all(d != o for d, o in rows)


def test_second_run_changes_nothing(first_run, workdir):
    def keys():
        return _query(
            workdir,
            "SELECT md5(string_agg(k, ',' ORDER BY k)) FROM (SELECT event_id k FROM events UNION ALL "
            "SELECT figure_id FROM figures UNION ALL SELECT quote_id FROM quotes UNION ALL SELECT article_id FROM articles)",
        )[0][0]

    before = keys()
    second = _run(workdir)
    assert second["status"] == "unchanged"
    assert second["results_file"] is None  # nothing new to validate: no Great Expectations work at all
    assert second["unchanged"] == second["documents_in"] - 3  # the three bad files are read again
    assert keys() == before


def test_a_broken_extractor_blocks_publishing_and_keeps_the_old_parquet(first_run, workdir, monkeypatch):
    import dataclasses

    from flows import steps

    real = steps.extract_facts

    def shifted(article):
        facts = real(article)
        return dataclasses.replace(facts, figures=[dataclasses.replace(f, char_start=f.char_start + 1) for f in facts.figures])

    monkeypatch.setattr(steps, "extract_facts", shifted)
    new = workdir / "extra"
    new.mkdir(exist_ok=True)
    (new / "fresh.txt").write_text(
        "وقعت روسيا وإسرائيل اتفاقية جديدة في موسكو يوم 3 مارس 2022.\n"
        "وتنص الاتفاقية على توريد 40 طائرة مسيرة بقيمة خمسة مليارات دولار، وتدريب نحو 200 ضابط.\n"
        "وقال الوزير إن حجم التبادل التجاري ارتفع بنسبة 30% خلال العام الماضي.\n",
        encoding="utf-8",
    )
    manifest_before = (workdir / "publish" / "_manifest.json").read_text()
    result = _run(workdir, str(new))
    assert result["status"] == "blocked"
    assert any("span_round_trips" in f for f in result["failures"])
    assert (workdir / "publish" / "_manifest.json").read_text() == manifest_before
    assert _query(workdir, "SELECT count(*) FROM quarantine WHERE reason = 'batch_blocked'")[0][0] == 1
    assert _query(workdir, "SELECT status FROM runs WHERE run_id = ?", [result["run_id"]])[0][0] == "blocked"


def test_a_crash_is_recorded_as_a_failed_run(first_run, workdir, monkeypatch):
    from flows import nightly as nightly_module

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(nightly_module, "pipeline_version", broken)
    with pytest.raises(Exception, match="disk on fire"):
        _run(workdir)
    status, why = _query(workdir, "SELECT status, failed_checks FROM runs ORDER BY started_at DESC LIMIT 1")[0]
    assert status == "failed" and "disk on fire" in why
