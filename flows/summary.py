"""The run report: printed at the end of a run, stored in ``runs`` and posted as a Prefect artifact."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

from flows.settings import DEFAULT_DB

SQL_EXAMPLE = (
    "SELECT q.speaker, left(q.text, 60) AS quote, a.title FROM quotes q "
    "JOIN articles a USING (article_id) WHERE q.speaker IS NOT NULL LIMIT 10"
)


@dataclass(slots=True)
class RunReport:
    run_id: str
    started_at: datetime
    status: str
    documents_in: int
    unchanged: int
    cleaned: int
    duplicates: int
    quarantined: int
    table_rows: dict[str, int]
    checks_passed: int
    checks_failed: int
    failures: list[str]
    db: str
    publish_dir: str
    results_file: str | None = None
    per_source: dict[str, dict[str, int]] = field(default_factory=dict)
    finished_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    def run_row(self, summary: str) -> dict[str, Any]:
        return {
            "run_id": self.run_id, "started_at": self.started_at, "finished_at": self.finished_at,
            "status": self.status, "documents_in": self.documents_in, "unchanged": self.unchanged,
            "cleaned": self.cleaned, "duplicates": self.duplicates, "quarantined": self.quarantined,
            "events": self.table_rows.get("events"), "figures": self.table_rows.get("figures"),
            "quotes": self.table_rows.get("quotes"), "checks_passed": self.checks_passed,
            "checks_failed": self.checks_failed, "failed_checks": "; ".join(self.failures) or None,
            "summary": summary,
        }

    def as_dict(self, summary: str) -> dict[str, Any]:
        out = asdict(self)
        out["summary"] = summary
        return out


def render_summary(r: RunReport) -> str:
    """Markdown summary a person reads after a run."""
    lines = [
        f"## newsfacts run {r.run_id}: {r.status}",
        "",
        f"- documents in: {r.documents_in} ({r.unchanged} unchanged since the last run)",
        f"- cleaned: {r.cleaned}, duplicates: {r.duplicates}, quarantined: {r.quarantined}",
        f"- checks: {r.checks_passed} passed, {r.checks_failed} failed",
    ]
    lines += [f"  - FAILED {f}" for f in r.failures]
    for source, counts in sorted(r.per_source.items()):
        lines.append(f"- source {source}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    lines += ["", "| table | rows |", "|---|---|"]
    lines += [f"| {name} | {n} |" for name, n in r.table_rows.items()]
    lines += [
        "",
        f"- DuckDB: {r.db}",
        f"- Parquet: {r.publish_dir}/<table>/" + ("" if r.status != "blocked" else " (not updated: run blocked)"),
    ]
    if r.results_file:
        lines.append(f"- validation results: {r.results_file}")
    db_flag = "" if r.db == DEFAULT_DB else f" --db {r.db}"
    lines += ["", "Try:", "", f'    newsfacts sql{db_flag} "{SQL_EXAMPLE}"']
    return "\n".join(lines)
