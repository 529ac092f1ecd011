"""The ingestion domain: media and official-account exports into ``raw.*``, and the sensor
that starts a build when new exports land."""

from __future__ import annotations

import dagster as dg

from orchestration.defs.ingestion.media import raw_media
from orchestration.defs.ingestion.platforms import raw_platforms
from orchestration.defs.ingestion.sensors import landing_sensor


def defs() -> dg.Definitions:
    return dg.Definitions(assets=[raw_media, raw_platforms], sensors=[landing_sensor])
