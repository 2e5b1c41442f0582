"""Data-quality suites built from ``schemas.tables`` and run with Great Expectations 1.x.

Every expectation is a *row* check with a tolerance (``mostly``): the rows it rejects go to
quarantine with the expectation's name, and when more rows fail than the tolerance allows, the
expectation itself fails and blocks publishing. Key uniqueness has no tolerance. Checks that
GX cannot state directly (a span equal to ``text[char_start:char_end]``, a foreign key into the
batch plus the warehouse) are computed here as boolean columns that GX then checks.

great_expectations is imported inside functions: it takes seconds to import and the CLI's
``--help`` must stay instant.
"""
from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any

from schemas.tables import BY_NAME, Table

# A batch with more bad rows than this is not quarantined row by row but blocked whole: that many
# failures means a broken step, not a few odd articles.
ROW_TOLERANCE = 0.9
EARLIEST_DATE = date(1800, 1, 1)  # events in the samples go back to 1917; older is a parsing error


@dataclass(frozen=True, slots=True)
class CheckResult:
    table: str
    expectation: str  # e.g. "expect_column_values_to_not_be_null(event_id)"
    success: bool
    unexpected_count: int
    sample_keys: tuple[str, ...]


@dataclass(slots=True)
class Validation:
    """The outcome of one table's suite over one batch."""

    table: str
    checks: list[CheckResult] = field(default_factory=list)
    bad_rows: dict[str, list[str]] = field(default_factory=dict)  # row key -> failed expectation names
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def failed(self) -> list[CheckResult]:
        return [c for c in self.checks if not c.success]

    def describe_failures(self) -> list[str]:
        """One line per failed check: suite, table, expectation, count and a few keys."""
        return [
            f"{self.table}_suite: {c.expectation} failed on {c.unexpected_count} row(s) of {self.table}"
            + (f", e.g. {', '.join(c.sample_keys[:3])}" if c.sample_keys else "")
            for c in self.failed
        ]


def derived_columns(table: Table, row: Mapping[str, Any], texts: Mapping[str, str], today: date) -> dict[str, bool]:
    """Boolean columns for the checks GX cannot state: spans, offsets, foreign keys, sane dates."""
    out: dict[str, bool] = {}
    if table.span_of:
        text = texts.get(row.get("article_id"))
        start, end = row.get("char_start"), row.get("char_end")
        ok_offsets = text is not None and isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
        out["offsets_inside_text"] = bool(ok_offsets)
        out["span_round_trips"] = bool(ok_offsets and text[start:end] == row.get(table.span_of))
        out["article_exists"] = text is not None
    if table.name == "events":
        d = row.get("event_date")
        out["event_date_sane"] = d is None or EARLIEST_DATE <= d <= today + timedelta(days=366)
    if table.name == "articles":
        p = row.get("published_at")
        out["published_at_sane"] = p is None or datetime(1900, 1, 1, tzinfo=timezone.utc) <= p <= datetime.now(timezone.utc) + timedelta(days=2)
        out["text_not_blank"] = bool((row.get("text") or "").strip())
        dup = row.get("duplicate_of")
        out["duplicate_points_to_article"] = dup is None or (dup in texts and dup != row.get("article_id"))
    return out


@cache
def gx_context():
    """One ephemeral GX context per process (GX objects need a live one), without progress bars."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def build_suite(table: Table, derived: Sequence[str]):
    """The table's ExpectationSuite: not-null, enumerations, unique key, derived boolean checks."""
    import great_expectations as gx

    gx_context()

    suite = gx.ExpectationSuite(name=f"{table.name}_suite")
    exp = gx.expectations
    if len(table.key) == 1:
        suite.add_expectation(exp.ExpectColumnValuesToBeUnique(column=table.key[0]))
    else:
        suite.add_expectation(exp.ExpectCompoundColumnsToBeUnique(column_list=list(table.key)))
    for col in table.columns:
        if not col.nullable:
            suite.add_expectation(exp.ExpectColumnValuesToNotBeNull(column=col.name, mostly=ROW_TOLERANCE))
        if col.allowed:
            suite.add_expectation(exp.ExpectColumnValuesToBeInSet(column=col.name, value_set=list(col.allowed), mostly=ROW_TOLERANCE))
    for name in derived:
        suite.add_expectation(exp.ExpectColumnValuesToBeInSet(column=name, value_set=[True], mostly=ROW_TOLERANCE))
    return suite


def _expectation_name(result) -> str:
    cfg = result.expectation_config
    kwargs = cfg.kwargs
    target = kwargs.get("column") or ",".join(kwargs.get("column_list", []))
    return f"{cfg.type}({target})"


class Validator:
    """Validates batches of rows table by table; its GX data source is made on first use."""

    def __init__(self, results_dir: Path | None = None) -> None:
        self._results_dir = results_dir
        self._source = None  # made on the first non-empty batch: a run with nothing new skips GX

    def _data_source(self):
        if self._source is None:
            self._source = gx_context().data_sources.add_pandas(f"newsfacts_{id(self)}")
        return self._source

    def validate(self, table_name: str, rows: Sequence[Mapping[str, Any]], texts: Mapping[str, str]) -> Validation:
        """Validate ``rows`` of a table; ``texts`` maps article_id -> text for span and key checks."""
        import pandas as pd

        table = BY_NAME[table_name]
        today = date.today()
        key_col = "_row_key"
        records = []
        for row in rows:
            rec = {c: row.get(c) for c in table.column_names}
            rec.update(derived_columns(table, row, texts, today))
            rec[key_col] = "|".join(str(row.get(k)) for k in table.key)
            records.append(rec)
        if not records:
            return Validation(table_name)
        frame = pd.DataFrame.from_records(records)
        derived = [c for c in frame.columns if c not in table.column_names and c != key_col]
        suite = build_suite(table, derived)
        source = self._data_source()
        asset = source.add_dataframe_asset(name=f"{table_name}_{len(source.assets)}")
        batch = asset.add_batch_definition_whole_dataframe("batch").get_batch(batch_parameters={"dataframe": frame})
        result = batch.validate(suite, result_format={"result_format": "COMPLETE", "unexpected_index_column_names": [key_col]})
        return self._collect(table_name, result, key_col)

    def _collect(self, table_name: str, result, key_col: str) -> Validation:
        out = Validation(table_name, raw=result.to_json_dict())
        for r in result.results:
            name = _expectation_name(r)
            keys = [str(item.get(key_col)) for item in (r.result.get("unexpected_index_list") or []) if isinstance(item, dict)]
            out.checks.append(CheckResult(table_name, name, bool(r.success), int(r.result.get("unexpected_count") or 0), tuple(keys[:5])))
            for key in keys:
                out.bad_rows.setdefault(key, []).append(name)
        return out

    def save(self, run_id: str, validations: Sequence[Validation]) -> Path | None:
        """Keep the run's GX results as JSON under the results folder; returns the file written."""
        validations = [v for v in validations if v.raw]  # empty batches were not validated
        if self._results_dir is None or not validations:
            return None
        self._results_dir.mkdir(parents=True, exist_ok=True)
        path = self._results_dir / f"{run_id}.json"
        payload = {v.table: v.raw for v in validations}
        path.write_text(json.dumps(payload, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        return path
