"""Every table BI tools read is a dbt contract: enforced, every column typed and described.

Catches a new mart (or a new column) that ships without a contract, so a later rename or
retype would break dashboards silently instead of failing the build.
"""

from __future__ import annotations

import json

import pytest

from alerts.columns import ISSUE_ALERTS_COLUMNS, RESPONSE_MONTHLY_COLUMNS
from orchestration.defs.dbt.project import prepared_manifest
from orchestration.defs.serving.assets import PYTHON_TABLE_DOCS
from quality.gaps import DQ_GAPS_COLUMNS

# the marts BI tools read (docs/bi.md); dq_gaps is written by Python with its own column list
BI_MODELS = {
    "fct_mentions",
    "dim_issue",
    "dim_region",
    "dim_agency",
    "dim_account",
    "dim_date",
    "mart_issue_sentiment_monthly",
    "mart_platform_monthly",
    "mart_platform_posts",
    "mart_amplification_monthly",
    "mart_amplification_posts",
    "mart_campaign",
    "mart_sentiment_agreement",
    "sentiment_review_queue",
    "dim_sentiment_model",
    "mart_humas_scorecard",
    "dim_release",
    "fct_release_pickups",
    "mart_release_pickup",
    "mart_agenda_monthly",
    "release_review_queue",
    "dim_hoax",
    "fct_hoax_mentions",
    "mart_hoax_daily",
    "mart_hoax",
    "hoax_review_queue",
}
BI_FRIENDLY_TYPES = {"varchar", "string", "bigint", "integer", "double", "date", "timestamp", "timestamptz", "boolean"}


@pytest.fixture(scope="module")
def marts() -> dict[str, dict]:
    manifest = json.loads(prepared_manifest().read_text(encoding="utf-8"))
    return {
        node["name"]: node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["config"].get("schema") == "marts"
    }


def test_every_mart_is_a_bi_contract(marts: dict[str, dict]) -> None:
    assert set(marts) == BI_MODELS
    assert {name for name, node in marts.items() if not node["config"]["contract"]["enforced"]} == set()


def test_every_contract_column_has_a_bi_friendly_type_and_a_description(marts: dict[str, dict]) -> None:
    problems = [
        f"{name}.{column}"
        for name, node in marts.items()
        for column, spec in node["columns"].items()
        if spec.get("data_type") not in BI_FRIENDLY_TYPES or not spec.get("description", "").strip()
    ]
    assert problems == []


# the marts written by Python: their columns are fixed in code, not in a dbt yml
PYTHON_MARTS = {
    "dq_gaps": DQ_GAPS_COLUMNS,
    "issue_alerts": ISSUE_ALERTS_COLUMNS,
    "mart_response_monthly": RESPONSE_MONTHLY_COLUMNS,
}


def test_python_written_marts_have_typed_described_columns_and_serving_docs() -> None:
    # catches: a new column of issue_alerts without a type BI drivers read or without a description,
    # and a Python mart that the serving copy would publish without its comments
    problems = [
        f"{table}.{column}"
        for table, columns in PYTHON_MARTS.items()
        for column, (kind, doc) in columns.items()
        if kind not in BI_FRIENDLY_TYPES or not doc.strip()
    ]
    assert problems == []
    assert set(PYTHON_TABLE_DOCS) == set(PYTHON_MARTS)
    assert all(set(PYTHON_TABLE_DOCS[t].columns) == set(c) for t, c in PYTHON_MARTS.items())
