"""`dashboard/site`: the office's dashboard, written from the serving copy after each publication."""

from __future__ import annotations

import dagster as dg

from orchestration.constants import DASHBOARD_GROUP
from orchestration.defs.dashboard.resources import DashboardSettings
from orchestration.defs.serving.assets import SERVING
from orchestration.resources import CitraHome

DASHBOARD = dg.AssetKey(["dashboard", "site"])


def dashboard_asset() -> dg.AssetsDefinition:
    """`dashboard/site`, downstream of the serving snapshot."""

    @dg.asset(key=DASHBOARD, deps=[SERVING], group_name=DASHBOARD_GROUP, kinds={"html", "plotly"})
    def dashboard_site(citra: CitraHome, dashboard: DashboardSettings) -> dg.MaterializeResult:
        """The office's dashboard: static pages in Bahasa Indonesia (Ringkasan, Isu, Wilayah, Akun
        resmi, ASN) in `dashboard/site/`, read from `serving/citra.duckdb` (read-only) after every
        build that published it. Only the pages whose data changed are written again; a page whose
        mart is missing is left out. With `CITRA_DASHBOARD_REGIONS` (`all` or codes) it also writes
        each kabupaten/kota's own site, `dashboard/region-<CODE>/`, holding only that region's
        mentions, headlines, alerts and accounts. Serve the folder behind the office's web server with
        a login (docs/dashboard.md), or look at it with `citra dashboard serve`."""
        from dashboard.site import build_sites, region_codes

        serving = citra.root / "serving" / "citra.duckdb"
        codes = dashboard.codes(region_codes(serving)) if dashboard.regions.strip() else []
        results = build_sites(serving, citra.root / "dashboard", codes)
        province = results[0]
        rows = ["| site | written | unchanged | seconds |", "|---|---|---|---|"] + [
            f"| {r.scope.name} (`{r.folder.name}`) | {len(r.written)} | {len(r.skipped)} | {r.seconds:.2f} |"
            for r in results
        ]
        return dg.MaterializeResult(
            metadata={
                "path": dg.MetadataValue.path(str(province.folder / "index.html")),
                "month": dg.MetadataValue.text(f"{province.month:%Y-%m}" if province.month else "no data"),
                "pages_written": dg.MetadataValue.int(sum(len(r.written) for r in results)),
                "pages_unchanged": dg.MetadataValue.int(sum(len(r.skipped) for r in results)),
                "pages_left_out": dg.MetadataValue.text(", ".join(province.left_out) or "none"),
                "regions": dg.MetadataValue.int(len(codes)),
                "seconds": dg.MetadataValue.float(round(sum(r.seconds for r in results), 2)),
                "sites": dg.MetadataValue.md("\n".join(rows)),
            }
        )

    return dashboard_site
