"""Which kabupaten/kota sites every build writes besides the province's (``CITRA_DASHBOARD_REGIONS``)."""

from __future__ import annotations

import dagster as dg

from orchestration.resources import env_or


class DashboardSettings(dg.ConfigurableResource):
    """``regions``: empty (the province's site only, the default), ``all`` (every kabupaten/kota of
    dim_region), or region codes separated by commas (``6303,6371``)."""

    regions: str = ""

    @classmethod
    def from_env(cls) -> DashboardSettings:
        return cls(regions=env_or("CITRA_DASHBOARD_REGIONS"))

    def codes(self, known: list[str]) -> list[str]:
        """The region codes to build, checked against ``known``; an unknown code is an error."""
        text = self.regions.strip()
        if not text:
            return []
        if text.lower() == "all":
            return list(known)
        codes = [c.strip() for c in text.split(",") if c.strip()]
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise ValueError(
                f"CITRA_DASHBOARD_REGIONS names {', '.join(unknown)}, not kabupaten/kota of dim_region "
                f"(known: {', '.join(known)}); use 'all' or codes separated by commas"
            )
        return codes
