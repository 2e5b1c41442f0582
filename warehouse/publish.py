"""Publish warehouse tables as partitioned Parquet, atomically.

Each table is written to a fresh version folder ``<publish>/.versions/<table>-<run_id>/`` and then
``<publish>/<table>`` (a symbolic link) is swapped to it with one ``os.replace``, so a dashboard
reading ``<publish>/<table>/**/*.parquet`` sees the previous run or this one, never half of one.
"""
from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from schemas.tables import Table

KEEP_VERSIONS = 2  # the live version and the one before it, for a reader still holding old paths
PARTITION_COLUMN = "part"


def publish_tables(
    con: duckdb.DuckDBPyConnection, tables: Sequence[Table], publish_dir: Path, run_id: str, checks: dict
) -> dict[str, int]:
    """Write every table, swap them live, then write the run manifest; returns rows per table."""
    publish_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in tables:
        counts[table.name] = _publish_table(con, table, publish_dir, run_id)
    manifest = {
        "run_id": run_id,
        "published_at": datetime.now(timezone.utc).isoformat(),
        "row_counts": counts,
        "schemas": {t.name: [{"name": c.name, "type": c.type, "doc": c.doc} for c in t.columns] for t in tables},
        "checks": checks,
    }
    _write_atomic(publish_dir / "_manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    return counts


def published_signature(publish_dir: Path) -> str | None:
    """The content signature recorded by the last publish, or None if nothing is published."""
    try:
        return json.loads((publish_dir / "_manifest.json").read_text(encoding="utf-8"))["checks"].get("signature")
    except (OSError, ValueError, KeyError, AttributeError):
        return None


def _publish_table(con: duckdb.DuckDBPyConnection, table: Table, publish_dir: Path, run_id: str) -> int:
    versions = publish_dir / ".versions"
    target = versions / f"{table.name}-{run_id}"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    columns = ", ".join(f'"{c}"' for c in table.column_names)
    order = ", ".join(table.key)
    part = table.partition_by or "'all'"
    rows = con.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0]
    if rows:
        con.execute(
            f"COPY (SELECT {columns}, {part} AS {PARTITION_COLUMN} FROM {table.name} ORDER BY {order}) "
            f"TO '{target.as_posix()}' (FORMAT parquet, PARTITION_BY ({PARTITION_COLUMN}), FILENAME_PATTERN 'part_{{i}}')"
        ).fetchall()
    (target / "_manifest.json").write_text(
        json.dumps({"table": table.name, "run_id": run_id, "rows": rows, "key": list(table.key)}, indent=1),
        encoding="utf-8",
    )
    _swap_link(publish_dir / table.name, Path(".versions") / target.name)
    _prune(versions, table.name, keep=target.name)
    return rows


def _swap_link(link: Path, target: Path) -> None:
    """Point ``link`` at ``target`` atomically (a real folder from an older layout is replaced)."""
    tmp = link.with_name(f".{link.name}.swap")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(target, target_is_directory=True)
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)
    os.replace(tmp, link)


def _prune(versions: Path, table_name: str, keep: str) -> None:
    """Delete old versions of a table beyond the last ``KEEP_VERSIONS``."""
    old = sorted((p for p in versions.glob(f"{table_name}-*") if p.name != keep), key=lambda p: p.stat().st_mtime)
    for path in old[: max(0, len(old) - (KEEP_VERSIONS - 1))]:
        shutil.rmtree(path, ignore_errors=True)


def _write_atomic(path: Path, content: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(content, encoding="utf-8")
    os.replace(tmp, path)
