"""The scorecard domain: the rapor's weights and contacts, its dbt models, the check on silent
accounts and the monthly rapor of every unit (docs/scorecard.md)."""

from __future__ import annotations

import dagster as dg

from orchestration.defs.scorecard.checks import silent_accounts_check
from orchestration.defs.scorecard.inputs import agency_contacts, scorecard_weights
from orchestration.defs.scorecard.models import scorecard_built, scorecard_models
from orchestration.defs.scorecard.rapor import rapor_asset


def defs() -> dg.Definitions:
    if not scorecard_built():  # Spark: the models are DuckDB-only; the rapor then finds no scorecard
        return dg.Definitions(assets=[scorecard_weights, agency_contacts, rapor_asset()])
    return dg.Definitions(
        assets=[scorecard_weights, agency_contacts, scorecard_models(), rapor_asset()],
        asset_checks=[silent_accounts_check()],
    )
