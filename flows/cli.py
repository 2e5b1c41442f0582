"""``newsfacts``: run the nightly pipeline or query the warehouse.

A thin layer over the flow and the warehouse: parse arguments, call, print. Only NewsfactsError
(a problem the user can fix) is turned into a one-line message with exit status 1.
"""
from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

from flows.settings import DEFAULT_DB, DEFAULT_PUBLISH, DEFAULT_SOURCES
from transforms.errors import NewsfactsError


def _parse_since(value: str) -> datetime:
    """An ISO date/time, or an age like 2d / 12h / 30m counted back from now (UTC)."""
    from flows.sources.config import SourceConfigError, parse_since

    try:
        return parse_since(value, "--since")
    except SourceConfigError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsfacts",
        description="Turn news articles into DuckDB tables of events, figures and quotes, checked and published as Parquet.",
        epilog='Examples:\n  newsfacts run\n  newsfacts run --source samples/ --source extra.html\n'
               '  newsfacts sql "SELECT event_type, count(*) FROM events GROUP BY 1"',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="{run,sql}")
    run = sub.add_parser(
        "run", help="run the nightly flow once",
        description="Read the sources, clean, de-duplicate, extract, validate, load into DuckDB and publish Parquet. "
                    "Documents already processed with the same bytes and pipeline version are skipped. "
                    "Exits 1 when a quality check blocks publishing.",
    )
    run.add_argument("--source", action="append", metavar="PATH",
                     help="a file or folder of .txt/.html/.htm/.pdf (recursive), a URL, a feed:/sitemap:/urls: URL or file, "
                          "a .urls list, or a sources.yaml (repeatable; default: samples/)")
    run.add_argument("--since", type=_parse_since, metavar="DATE",
                     help="skip feed/sitemap entries older than this (2026-11-01, or 2d / 12h ago)")
    run.add_argument("--db", default=DEFAULT_DB, metavar="PATH", help=f"DuckDB warehouse file (default: {DEFAULT_DB})")
    run.add_argument("--publish", default=DEFAULT_PUBLISH, metavar="DIR", help=f"Parquet output folder (default: {DEFAULT_PUBLISH})")
    sql = sub.add_parser("sql", help="run a SQL query against the warehouse and print the result",
                         description="Run one SQL statement against the warehouse (opened read-only) and print it as a table.")
    sql.add_argument("query", help='e.g. "SELECT * FROM quotes LIMIT 5"')
    sql.add_argument("--db", default=DEFAULT_DB, metavar="PATH", help=f"DuckDB warehouse file (default: {DEFAULT_DB})")
    sql.add_argument("--max-rows", type=int, default=40, help="rows to print at most (default: 40)")
    return parser


def local_prefect_defaults(data_dir: Path) -> None:
    """Without a Prefect server configured, keep the temporary server's state beside the data.

    The shared ~/.prefect database would otherwise be locked by any other Prefect run on the machine,
    and the temporary server's telemetry has nowhere to go on a closed network.
    """
    if "PREFECT_API_URL" in os.environ:
        return
    home = Path(os.environ.setdefault("PREFECT_HOME", str((data_dir / ".prefect").resolve())))
    home.mkdir(parents=True, exist_ok=True)  # Prefect's SQLite cannot create its own folder
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")


def cmd_run(args: argparse.Namespace) -> int:
    local_prefect_defaults(Path(args.db).parent)
    from flows.nightly import nightly  # imports Prefect: only when running

    result = nightly(sources=args.source or list(DEFAULT_SOURCES), db=args.db, publish_dir=args.publish, since=args.since)
    print(result["summary"])
    if result["status"] == "blocked":
        print(f"newsfacts: publishing blocked by {len(result['failures'])} failed check(s); previous Parquet kept", file=sys.stderr)
        return 1
    return 0


def cmd_sql(args: argparse.Namespace) -> int:
    import duckdb

    if not Path(args.db).exists():
        raise NewsfactsError(f"no warehouse at {args.db}; run `newsfacts run` first or pass --db PATH")
    con = duckdb.connect(args.db, read_only=True)
    try:
        relation = con.sql(args.query)
        if relation is not None:
            relation.show(max_rows=args.max_rows, max_width=200)
    except duckdb.Error as exc:
        raise NewsfactsError(f"query failed: {exc}") from exc
    finally:
        con.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return {"run": cmd_run, "sql": cmd_sql}[args.command](args)
    except NewsfactsError as exc:
        print(f"newsfacts: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
