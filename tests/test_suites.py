"""The quality gate: bad rows are quarantined by name, a bad batch is blocked."""
from datetime import date

import pytest

from schemas.suites import Validator, build_suite
from schemas.tables import EVENTS, FIGURES

TEXT = "اشترت روسيا 12 طائرة من إسرائيل في 6 سبتمبر 2010."


def _figure(fid: str, start: int = 12, end: int = 20, raw: str = "12 طائرة", kind: str = "count") -> dict:
    return dict(figure_id=fid, article_id="a1", value=12.0, value_max=None, unit="طائرة", kind=kind,
                approximate=False, raw_text=raw, sentence=TEXT, char_start=start, char_end=end, run_id="r")


@pytest.fixture(scope="module")
def validator(tmp_path_factory):
    return Validator(tmp_path_factory.mktemp("gx"))


def test_good_rows_pass(validator):
    assert TEXT[12:20] == "12 طائرة"
    v = validator.validate("figures", [_figure(f"f{i}") for i in range(3)], {"a1": TEXT})
    assert not v.failed and not v.bad_rows and len(v.checks) > 8


def test_one_bad_row_is_quarantined_with_the_expectation_that_failed(validator):
    rows = [_figure(f"f{i}") for i in range(19)] + [_figure("bad", start=13, end=20)]
    v = validator.validate("figures", rows, {"a1": TEXT})
    assert list(v.bad_rows) == ["bad"]
    assert any("span_round_trips" in name for name in v.bad_rows["bad"])
    assert not v.failed  # one row in twenty is within tolerance: quarantine it, do not block


def test_a_mostly_broken_batch_is_blocked_and_says_why(validator):
    rows = [_figure("ok")] + [_figure(f"x{i}", kind="weight") for i in range(4)]
    v = validator.validate("figures", rows, {"a1": TEXT})
    lines = v.describe_failures()
    assert lines and "figures_suite" in lines[0] and "expect_column_values_to_be_in_set(kind)" in lines[0]
    assert "4 row(s)" in lines[0]


def test_duplicate_keys_block_without_tolerance(validator):
    v = validator.validate("figures", [_figure("same")] * 2 + [_figure(f"f{i}") for i in range(30)], {"a1": TEXT})
    assert any("unique(figure_id)" in line for line in v.describe_failures())


def test_unknown_article_and_insane_dates_are_caught(validator):
    event = dict(event_id="e1", article_id="ghost", event_date=date(1066, 10, 14), date_precision="day", date_text="x",
                 actor1="RUS", actor1_text="روسيا", actor2=None, actor2_text=None, event_type="04 consult", cue="زيارة",
                 sentence=TEXT, char_start=0, char_end=len(TEXT), run_id="r")
    v = validator.validate("events", [event], {"a1": TEXT})
    names = " ".join(v.bad_rows["e1"])
    assert "article_exists" in names and "event_date_sane" in names


def test_suite_is_built_from_the_table_definition():
    suite = build_suite(EVENTS, ["span_round_trips"])
    kinds = {type(e).__name__ for e in suite.expectations}
    assert {"ExpectColumnValuesToBeUnique", "ExpectColumnValuesToNotBeNull", "ExpectColumnValuesToBeInSet"} <= kinds
    not_null = {e.column for e in suite.expectations if type(e).__name__ == "ExpectColumnValuesToNotBeNull"}
    assert not_null == {c.name for c in EVENTS.columns if not c.nullable}
    assert FIGURES.column("kind").allowed == ("count", "money", "percent", "quantity")


def test_results_are_saved_as_json(validator, tmp_path):
    v = validator.validate("figures", [_figure("f")], {"a1": TEXT})
    path = validator.save("run-x", [v])
    assert path.exists() and '"figures"' in path.read_text()
