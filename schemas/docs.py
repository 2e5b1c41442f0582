"""Render schemas/README.md from the table definitions (``make docs``); a test fails when it is stale."""
from __future__ import annotations

from schemas.suites import ROW_TOLERANCE
from schemas.tables import TABLES


def _allowed(values: tuple[str, ...]) -> str:
    return ", ".join(values) if len(values) <= 12 else "an ISO 639-1 code or und"


def render() -> str:
    lines = [
        "# Warehouse tables",
        "",
        "Generated from `schemas/tables.py` by `make docs`; do not edit by hand.",
        "Offsets are code-point indices into `articles.text`, half-open: `text[char_start:char_end]` is the span.",
        f"Quality checks (Great Expectations, `schemas/suites.py`): key unique; non-null and enumerated columns and the"
        f" span/offset/foreign-key/date checks per row, failing rows quarantined; a check failing on more than"
        f" {1 - ROW_TOLERANCE:.0%} of a batch blocks publishing.",
        "",
    ]
    for t in TABLES:
        lines += [f"## {t.name}", "", t.doc, "", f"Key: `{', '.join(t.key)}`."]
        if t.published:
            lines.append(f"Published as Parquet under `data/publish/{t.name}/part=<{t.partition_by}>/`.")
        lines += ["", "| column | type | null | meaning |", "|---|---|---|---|"]
        for c in t.columns:
            extra = f" One of: {_allowed(c.allowed)}." if c.allowed else ""
            extra += f" References `{c.references}`." if c.references else ""
            lines.append(f"| {c.name} | {c.type} | {'yes' if c.nullable else 'no'} | {c.doc}{extra} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(), end="")
