"""DuckDB access: tables created from ``schemas.tables``, idempotent upserts on each table's key."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from schemas.tables import BY_NAME, TABLES, Table


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, creating its folder and tables when writing."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    if not read_only:
        ensure_tables(con)
    return con


def create_table_sql(table: Table) -> str:
    """``CREATE TABLE IF NOT EXISTS`` for a declared table, with its key as primary key."""
    cols = [f'"{c.name}" {c.type}{"" if c.nullable else " NOT NULL"}' for c in table.columns]
    cols.append(f"PRIMARY KEY ({', '.join(table.key)})")
    return f"CREATE TABLE IF NOT EXISTS {table.name} (\n  " + ",\n  ".join(cols) + "\n)"


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables and add columns declared since the file was made."""
    for table in TABLES:
        con.execute(create_table_sql(table)).fetchall()
        have = {r[0] for r in con.execute(f"SELECT column_name FROM information_schema.columns WHERE table_name = '{table.name}'").fetchall()}
        for col in table.columns:
            if col.name not in have:
                con.execute(f'ALTER TABLE {table.name} ADD COLUMN "{col.name}" {col.type}').fetchall()


def upsert(con: duckdb.DuckDBPyConnection, table_name: str, rows: Sequence[Mapping[str, Any]]) -> int:
    """Insert rows, replacing any row with the same key; returns the number of rows written."""
    if not rows:
        return 0
    table = BY_NAME[table_name]
    batch = to_arrow(table, rows)
    columns = ", ".join(f'"{n}"' for n in table.column_names)
    # DuckDB finds the Arrow table by its Python name (a replacement scan); unlike register(), this
    # works while the caller still holds an unfinished result on the connection.
    upsert_batch = batch
    con.execute(f"INSERT OR REPLACE INTO {table.name} ({columns}) SELECT {columns} FROM upsert_batch").fetchall()
    del upsert_batch  # the name existed only for the SQL above
    return len(rows)


_ARROW_TYPES = {
    "VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "TIMESTAMPTZ": pa.timestamp("us", tz="UTC"),
}


def to_arrow(table: Table, rows: Sequence[Mapping[str, Any]]) -> pa.Table:
    """Rows as an Arrow table typed like the declared columns (one bulk insert instead of one per row)."""
    schema = pa.schema([pa.field(c.name, _ARROW_TYPES[c.type]) for c in table.columns])
    return pa.Table.from_pylist([{n: row.get(n) for n in table.column_names} for row in rows], schema=schema)


def delete_facts_of(con: duckdb.DuckDBPyConnection, article_ids: Iterable[str]) -> None:
    """Remove the facts of articles about to be re-extracted, so no stale fact survives a change."""
    ids = list(article_ids)
    if not ids:
        return
    for name in ("events", "figures", "quotes"):
        con.execute(f"DELETE FROM {name} WHERE article_id IN (SELECT unnest(?))", [ids]).fetchall()


def count_rows(con: duckdb.DuckDBPyConnection, table_name: str) -> int:
    return con.execute(f"SELECT count(*) FROM {BY_NAME[table_name].name}").fetchone()[0]


def processed_documents(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    """source_uri -> (raw_sha256, pipeline_version) of every article already in the warehouse."""
    rows = con.execute("SELECT source_uri, raw_sha256, pipeline_version FROM articles").fetchall()
    return {uri: (sha, version) for uri, sha, version in rows}


def original_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """article_id of every original (non-duplicate) article."""
    return [r[0] for r in con.execute("SELECT article_id FROM articles WHERE duplicate_of IS NULL").fetchall()]


def known_texts(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """(article_id, text_sha256, text) of original articles, for de-duplicating new ones against them."""
    return con.execute(
        "SELECT article_id, text_sha256, text FROM articles WHERE duplicate_of IS NULL ORDER BY article_id"
    ).fetchall()
