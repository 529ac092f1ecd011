"""The agenda domain: the releases, the decisions and the matcher's pairs (assets), a warn
check on the pickup mart, and the agenda.yml resource. The pickup marts (fct_release_pickups,
mart_release_pickup, mart_agenda_monthly, release_review_queue) are dbt models and arrive with
the dbt domain."""

from __future__ import annotations

import dagster as dg

from orchestration.defs.agenda.assets import raw_release_matches, raw_releases, raw_review_decisions
from orchestration.defs.agenda.checks import releases_without_pickups_check
from orchestration.defs.agenda.resources import AgendaSettingsResource


def defs() -> dg.Definitions:
    return dg.Definitions(
        assets=[raw_releases, raw_review_decisions, raw_release_matches],
        asset_checks=[releases_without_pickups_check()],
        resources={"agenda_settings": AgendaSettingsResource.from_env()},
    )
