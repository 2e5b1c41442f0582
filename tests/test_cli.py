import subprocess
import sys

import duckdb

from flows.cli import build_parser, main


def test_help_explains_every_command(capsys):
    for argv in (["--help"], ["run", "--help"], ["sql", "--help"]):
        try:
            main(argv)
        except SystemExit as exc:
            assert exc.code == 0
    out = capsys.readouterr().out
    assert "--source" in out and "--publish" in out and "read-only" in out and "newsfacts sql" in out


def test_help_is_fast_because_heavy_libraries_load_lazily():
    code = "import sys, flows.cli; print(any(m.startswith(('prefect', 'great_expectations')) for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_sql_without_a_warehouse_says_what_to_do(tmp_path, capsys):
    assert main(["sql", "SELECT 1", "--db", str(tmp_path / "none.duckdb")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("newsfacts: no warehouse at") and "newsfacts run" in err


def test_sql_prints_a_table_and_reports_bad_queries(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE quotes AS SELECT 'بوتين' AS speaker, 'كما تعلمون' AS text")
    con.close()
    assert main(["sql", "SELECT speaker, text FROM quotes", "--db", str(db)]) == 0
    assert "بوتين" in capsys.readouterr().out
    assert main(["sql", "SELECT nope FROM quotes", "--db", str(db)]) == 1
    assert "query failed" in capsys.readouterr().err


def test_run_defaults_match_the_documented_ones():
    args = build_parser().parse_args(["run"])
    assert (args.source, args.db, args.publish) == (None, "data/newsfacts.duckdb", "data/publish")


def test_since_takes_a_date_or_an_age_and_rejects_nonsense(capsys):
    from datetime import datetime, timedelta, timezone

    args = build_parser().parse_args(["run", "--since", "2026-11-01"])
    assert args.since == datetime(2026, 11, 1, tzinfo=timezone.utc)
    age = build_parser().parse_args(["run", "--since", "2d"]).since
    assert abs((datetime.now(timezone.utc) - age) - timedelta(days=2)) < timedelta(minutes=1)
    try:
        build_parser().parse_args(["run", "--since", "last tuesday"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "--since" in capsys.readouterr().err


def test_local_prefect_state_goes_under_a_data_folder_that_may_not_exist_yet(tmp_path, monkeypatch):
    from flows.cli import local_prefect_defaults

    for var in ("PREFECT_API_URL", "PREFECT_HOME", "PREFECT_SERVER_ANALYTICS_ENABLED", "DO_NOT_TRACK"):
        monkeypatch.setenv(var, "recorded so that monkeypatch restores it")
        monkeypatch.delenv(var)
    local_prefect_defaults(tmp_path / "fresh" / "data")
    import os

    assert os.environ["PREFECT_HOME"] == str((tmp_path / "fresh" / "data" / ".prefect").resolve())
    assert (tmp_path / "fresh" / "data" / ".prefect").is_dir()
