"""Defaults shared by the CLI and the flow (kept free of heavy imports so `--help` stays instant)."""

DEFAULT_SOURCES = ("samples",)
DEFAULT_DB = "data/newsfacts.duckdb"
DEFAULT_PUBLISH = "data/publish"
