"""``newsfacts``: run the nightly pipeline or query the warehouse.

A thin layer over the flow and the warehouse: parse arguments, call, print. Only NewsfactsError
(a problem the user can fix) is turned into a one-line message with exit status 1.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from flows.settings import DEFAULT_DB, DEFAULT_PUBLISH, DEFAULT_SOURCES
from transforms.errors import NewsfactsError


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
                     help="file or folder of .txt/.html/.htm/.pdf files, read recursively (repeatable; default: samples/)")
    run.add_argument("--db", default=DEFAULT_DB, metavar="PATH", help=f"DuckDB warehouse file (default: {DEFAULT_DB})")
    run.add_argument("--publish", default=DEFAULT_PUBLISH, metavar="DIR", help=f"Parquet output folder (default: {DEFAULT_PUBLISH})")
    sql = sub.add_parser("sql", help="run a SQL query against the warehouse and print the result",
                         description="Run one SQL statement against the warehouse (opened read-only) and print it as a table.")
    sql.add_argument("query", help='e.g. "SELECT * FROM quotes LIMIT 5"')
    sql.add_argument("--db", default=DEFAULT_DB, metavar="PATH", help=f"DuckDB warehouse file (default: {DEFAULT_DB})")
    sql.add_argument("--max-rows", type=int, default=40, help="rows to print at most (default: 40)")
    return parser


def cmd_run(args: argparse.Namespace) -> int:
    from flows.nightly import nightly  # imports Prefect: only when running

    result = nightly(sources=args.source or list(DEFAULT_SOURCES), db=args.db, publish_dir=args.publish)
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
