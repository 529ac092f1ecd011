"""The sentiment domain: Citra's own labels (model sentiment per text, analysts' corrections,
issue suggestions) between ingestion and dbt, and warn-only checks on the label audit marts."""

from __future__ import annotations

import dagster as dg

from orchestration.defs.sentiment.assets import raw_issue_suggestions, raw_label_corrections, raw_mention_sentiment
from orchestration.defs.sentiment.checks import review_queue_check, vendor_agreement_check
from orchestration.defs.sentiment.resources import LabelSettingsResource


def defs() -> dg.Definitions:
    return dg.Definitions(
        assets=[raw_mention_sentiment, raw_label_corrections, raw_issue_suggestions],
        asset_checks=[vendor_agreement_check(), review_queue_check()],
        resources={"label_settings": LabelSettingsResource.from_env()},
    )
