"""The nightly flow: read -> clean -> de-duplicate -> validate -> extract -> validate -> load -> publish.

The flow only orders the steps; each task runs one step over the whole batch (one task per article
would make the run graph unreadable and slow). Transform steps do not retry: they are deterministic.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from flows import steps
from flows.sources import Collected
from flows.sources.dispatch import collect_any
from flows.settings import DEFAULT_DB, DEFAULT_PUBLISH, DEFAULT_SOURCES
from flows.summary import RunReport, render_summary
from schemas.tables import FACT_TABLES, TABLES
from transforms.dedupe import mark_duplicates
from transforms.records import Article, Rejection
from transforms.version import pipeline_version
from warehouse import db as wh
from warehouse.fetch_state import DuckFetchState
from warehouse.publish import published_signature, publish_tables



@dataclass(slots=True)
class Gate:
    """What validation let through, and whether anything blocks publishing."""

    rejections: list[Rejection] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    passed: int = 0
    failed: int = 0
    validations: list = field(default_factory=list)


@task(name="read-sources", cache_policy=NO_CACHE)
def read_sources(sources: list[str], con, raw_dir: Path, since: datetime | None, run_id: str) -> Collected:
    """Read local files and fetch web sources; unreadable or failed ones become rejections."""
    logger = get_run_logger()
    out = collect_any(sources, DuckFetchState(con), raw_dir, since, run_id, progress=lambda rec: logger.info("fetch %s %s %s", rec.outcome, rec.status or "-", rec.url))
    logger.info("read %d document(s), %d rejected", len(out.documents), len(out.rejections))
    return out


@task(name="clean", cache_policy=NO_CACHE)
def clean(collected: Collected, con, version: str) -> tuple[list[Article], list[Rejection], int]:
    """Skip unchanged documents, clean the rest, mark duplicates against the batch and the warehouse."""
    todo, unchanged = steps.split_unchanged(collected.documents, wh.processed_documents(con), version)
    articles, rejections = steps.clean_all(todo)
    if articles:  # the warehouse's texts are read only when there is something to compare them with
        articles = mark_duplicates(articles, wh.known_texts(con))
    get_run_logger().info(
        "%d unchanged, %d cleaned, %d duplicate(s), %d rejected",
        unchanged, len(articles), sum(a.duplicate_of is not None for a in articles), len(rejections),
    )
    return articles, rejections, unchanged


@task(name="validate-articles", cache_policy=NO_CACHE)
def validate_articles(validator, articles: list[Article], con, version: str, run_id: str, gate: Gate) -> list[Article]:
    """Check the cleaned batch; articles failing a row check are quarantined and left out."""
    if not articles:
        return []
    rows = [steps.article_row(a, version, run_id) for a in articles]
    # duplicate_of must name an article: one of the batch's or an original already stored (ids suffice)
    texts = dict.fromkeys(wh.original_ids(con), "") | {a.article_id: a.text for a in articles}
    validation = validator.validate("articles", rows, texts)
    _record(gate, validation, {a.article_id: a.source_uri for a in articles}, None)
    return [a for a in articles if a.article_id not in validation.bad_rows]


@task(name="extract", cache_policy=NO_CACHE)
def extract(articles: list[Article]) -> tuple[dict, list[Rejection]]:
    """Events, figures and quotes from every original article."""
    facts, rejections = steps.extract_all(articles)
    get_run_logger().info("extracted facts from %d article(s)", len(facts))
    return facts, rejections


@task(name="validate-facts", cache_policy=NO_CACHE)
def validate_facts(validator, articles: list[Article], rows: steps.FactRows, gate: Gate) -> steps.FactRows:
    """Check every fact table; failing rows are quarantined and left out."""
    texts = {a.article_id: a.text for a in articles}
    source_of = {a.article_id: a.source_uri for a in articles}
    kept = steps.FactRows()
    for table in FACT_TABLES:
        table_rows = rows.table(table.name)
        validation = validator.validate(table.name, table_rows, texts)
        key = table.key[0]
        uri_of = {r[key]: f"{source_of.get(r['article_id'], r['article_id'])}#{table.name}/{r[key]}" for r in table_rows}
        _record(gate, validation, uri_of, table.name)
        kept.table(table.name).extend(r for r in table_rows if r[key] not in validation.bad_rows)
    return kept


@task(name="load", cache_policy=NO_CACHE)
def load(con, articles: list[Article], rows: steps.FactRows, quarantine: list[dict], version: str, run_id: str) -> None:
    """Upsert articles, replace their facts, record quarantine rows: one transaction."""
    con.execute("BEGIN").fetchall()
    try:
        wh.upsert(con, "articles", [steps.article_row(a, version, run_id) for a in articles])
        wh.delete_facts_of(con, [a.article_id for a in articles])
        for table in FACT_TABLES:
            wh.upsert(con, table.name, rows.table(table.name))
        wh.upsert(con, "quarantine", quarantine)
        con.execute("COMMIT").fetchall()
    except Exception:
        con.execute("ROLLBACK").fetchall()
        raise


@task(name="publish", cache_policy=NO_CACHE)
def publish(con, publish_dir: Path, run_id: str, checks: dict[str, Any]) -> bool:
    """Write Parquet when the warehouse differs from what is published; returns whether it wrote."""
    signature = warehouse_signature(con)
    if published_signature(publish_dir) == signature and all((publish_dir / t.name).exists() for t in TABLES if t.published):
        get_run_logger().info("published Parquet is current; nothing to write")
        return False
    publish_tables(con, [t for t in TABLES if t.published], publish_dir, run_id, {**checks, "signature": signature})
    return True


def warehouse_signature(con) -> str:
    """A hash of every published table's content: equal hashes mean nothing to publish."""
    parts = [
        f"(SELECT '{t.name}' AS t, md5(coalesce(string_agg(md5(CAST(x AS VARCHAR)), '' ORDER BY {', '.join(t.key)}), '')) AS h FROM {t.name} x)"
        for t in TABLES if t.published
    ]
    rows = con.execute(" UNION ALL ".join(parts) + " ORDER BY t").fetchall()
    return "|".join(f"{t}:{h}" for t, h in rows)


def _record(gate: Gate, validation, uri_of: dict[str, str], table: str | None) -> None:
    gate.validations.append(validation)
    gate.passed += sum(c.success for c in validation.checks)
    gate.failed += len(validation.failed)
    gate.failures.extend(validation.describe_failures())
    for key, names in validation.bad_rows.items():
        gate.rejections.append(Rejection(uri_of.get(key, key), "validate", "expectation_failed", "; ".join(sorted(set(names)))))


def new_run_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


@flow(name="newsfacts-nightly")
def nightly(
    sources: list[str] = list(DEFAULT_SOURCES),
    db: str = DEFAULT_DB,
    publish_dir: str = DEFAULT_PUBLISH,
    since: datetime | None = None,
) -> dict[str, Any]:
    """Run the pipeline over ``sources`` into the DuckDB file ``db`` and Parquet under ``publish_dir``."""
    run_id, started = new_run_id(), datetime.now(timezone.utc)
    con = wh.connect(db)
    try:
        wh.upsert(con, "runs", [{"run_id": run_id, "started_at": started, "status": "running"}])
        report = _run(con, run_id, started, sources, Path(db), Path(publish_dir), since)
        summary = render_summary(report)
        wh.upsert(con, "runs", [report.run_row(summary)])
        create_markdown_artifact(key="newsfacts-nightly-summary", markdown=summary, description="newsfacts run summary")
        return report.as_dict(summary)
    except Exception as exc:
        failed = {"run_id": run_id, "started_at": started, "finished_at": datetime.now(timezone.utc),
                  "status": "failed", "failed_checks": f"{type(exc).__name__}: {exc}"}
        wh.upsert(con, "runs", [failed])
        raise
    finally:
        con.close()


def _run(con, run_id: str, started: datetime, sources: list[str], db: Path, publish_dir: Path,
         since: datetime | None) -> RunReport:
    """The steps in order; a failed gate skips loading and publishing."""
    from schemas.suites import Validator  # great_expectations is slow to import: only when validating

    version = pipeline_version()
    collected = read_sources(sources, con, db.parent / "raw", since, run_id)
    articles, clean_rejections, unchanged = clean(collected, con, version)
    validator, gate = Validator(db.parent / "gx"), Gate()
    articles = validate_articles(validator, articles, con, version, run_id, gate)
    facts, extract_rejections = extract(articles)
    rows = validate_facts(validator, articles, steps.fact_rows(facts, run_id), gate)
    rejections = collected.rejections + clean_rejections + extract_rejections + gate.rejections
    blocked = bool(gate.failures)
    if blocked:
        rejections.append(Rejection("run:" + run_id, "validate", "batch_blocked", "; ".join(gate.failures)))
    quarantine = steps.quarantine_rows(rejections, run_id)
    if blocked:
        wh.upsert(con, "quarantine", quarantine)
    else:
        load(con, articles, rows, quarantine, version, run_id)
    results_file = validator.save(run_id, gate.validations)
    checks = {"passed": gate.passed, "failed": gate.failed, "failures": gate.failures}
    wrote = not blocked and publish(con, publish_dir, run_id, checks)
    return RunReport(
        run_id=run_id, started_at=started, status="blocked" if blocked else ("published" if wrote else "unchanged"),
        documents_in=len(collected.documents) + len(collected.rejections), unchanged=unchanged,
        cleaned=len(articles), duplicates=sum(a.duplicate_of is not None for a in articles),
        quarantined=len(quarantine), table_rows={t.name: wh.count_rows(con, t.name) for t in TABLES},
        checks_passed=gate.passed, checks_failed=gate.failed, failures=gate.failures,
        db=str(db), publish_dir=str(publish_dir), results_file=str(results_file) if results_file else None,
        per_source=collected.per_source,
    )
