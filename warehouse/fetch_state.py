"""The fetcher's memory in DuckDB: the ``fetches`` table, one row per normalised URL.

``DuckFetchState`` implements ``flows.sources.state.FetchState``. Fetch workers record outcomes from
several threads, so every statement runs under one lock on a cursor of the shared connection.
"""
from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import fields
from datetime import timezone

import duckdb

from flows.sources.state import FetchRecord
from schemas.tables import ARTICLES, FETCHES, QUARANTINE
from warehouse.db import ensure_tables

# columns FetchRecord carries (all of FETCHES today; a column added to the table alone stays null)
_COLUMNS = tuple(c for c in FETCHES.column_names if c in {f.name for f in fields(FetchRecord)})


class DuckFetchState:
    """FetchState over the ``fetches`` table; ``processed`` looks at ``articles`` and ``quarantine``."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._lock = threading.Lock()
        self._con = con.cursor()
        ensure_tables(self._con)  # a warehouse made before a column was declared gets it

    def lookup(self, urls: Sequence[str]) -> dict[str, FetchRecord]:
        if not urls:
            return {}
        cols = ", ".join(f'"{c}"' for c in _COLUMNS)
        with self._lock:
            rows = self._con.execute(f"SELECT {cols} FROM fetches WHERE url IN (SELECT unnest(?))", [list(urls)]).fetchall()
        return {r[0]: _record(dict(zip(_COLUMNS, r))) for r in rows}

    def record(self, rec: FetchRecord) -> None:
        row = rec.as_row()
        cols = ", ".join(f'"{c}"' for c in _COLUMNS)
        marks = ", ".join("?" for _ in _COLUMNS)
        with self._lock:
            self._con.execute(f"INSERT OR REPLACE INTO fetches ({cols}) VALUES ({marks})", [row[c] for c in _COLUMNS])

    def processed(self, items: Sequence[tuple[str, str]]) -> set[str]:
        """URLs whose bytes became an article, or were set aside by a later stage (not by the fetch)."""
        if not items:
            return set()
        urls, shas = [u for u, _ in items], [s for _, s in items]
        found: set[str] = set()
        with self._lock:
            tables = {r[0] for r in self._con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
            if ARTICLES.name in tables:
                found |= {r[0] for r in self._con.execute(
                    "SELECT a.source_uri FROM articles a JOIN (SELECT unnest(?) AS u, unnest(?) AS s) p"
                    " ON a.source_uri = p.u AND a.raw_sha256 = p.s", [urls, shas]).fetchall()}
            if QUARANTINE.name in tables:
                found |= {r[0] for r in self._con.execute(
                    "SELECT DISTINCT source_uri FROM quarantine WHERE stage NOT IN ('fetch', 'ingest')"
                    " AND source_uri IN (SELECT unnest(?))", [urls]).fetchall()}
        return found

    def count(self, outcome: str | None = None) -> int:
        with self._lock:
            if outcome is None:
                return self._con.execute("SELECT count(*) FROM fetches").fetchone()[0]
            return self._con.execute("SELECT count(*) FROM fetches WHERE outcome = ?", [outcome]).fetchone()[0]


def _record(row: dict) -> FetchRecord:
    """A FetchRecord from a row; timestamps come back in the session time zone, so pin them to UTC."""
    at = row["fetched_at"]
    row["fetched_at"] = at.replace(tzinfo=timezone.utc) if at.tzinfo is None else at.astimezone(timezone.utc)
    return FetchRecord(**row)
