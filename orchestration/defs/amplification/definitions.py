"""The amplification domain: the ASN roster asset. The marts that measure amplification
(mart_amplification_monthly, mart_amplification_posts, mart_campaign) are dbt models and
arrive with the dbt domain."""

from __future__ import annotations

import dagster as dg

from orchestration.defs.amplification.assets import raw_asn_roster


def defs() -> dg.Definitions:
    return dg.Definitions(assets=[raw_asn_roster])
