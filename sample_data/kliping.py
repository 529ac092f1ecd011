"""Turns a month of drawn mentions into rows of the manual clipping feed (the generic template).

This is what an office without a vendor types in by hand: print, TV and radio clippings with
the 16 English template columns, lower-case sentiment and official region names.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from . import outlets
from .bank import Bank, Core, pick_in
from .reference import PROVINCE_CODE

COLUMNS: list[str] = [
    "date",
    "title",
    "url",
    "snippet",
    "outlet",
    "media_type",
    "platform",
    "author",
    "issue",
    "sentiment",
    "reach",
    "engagement",
    "region",
    "agency",
    "language",
    "document_id",
]
SENTIMENTS = ["positive", "neutral", "negative", ""]
DISKOMINFO_OF_REGION = {
    "6371": "diskominfo_banjarmasin",
    "6372": "diskominfo_banjarbaru",
    "6303": "diskominfo_banjar",
    "6310": "diskominfo_tanbu",
}


def _agency_options(bank: Bank) -> tuple[pl.Series, np.ndarray]:
    """Per (issue, region): the issue's agency, the regional Diskominfo, the province's, blank."""
    ref = bank.ref
    short = ref.agencies
    labels: list[str] = []
    for issue in ref.issue_codes:
        for code in ref.region_codes:
            local = DISKOMINFO_OF_REGION.get(code, "diskominfo_kalsel")
            labels += [
                short.get(outlets.ISSUE_AGENCY.get(issue, ""), ""),
                short.get(local, ""),
                short.get("diskominfo_kalsel", ""),
                "",
            ]
    return pl.Series(labels, dtype=pl.String), np.array([0.55, 0.15, 0.05, 0.25])


def kliping_frame(rng: np.random.Generator, core: Core, bank: Bank, month_key: str) -> pl.DataFrame:
    """Rows of one monthly clipping sheet, in template column order."""
    n = len(core.ts)
    ref = bank.ref
    weights = np.array([o[2] for o in outlets.KLIPING_OUTLETS])
    cum = np.cumsum(weights) / weights.sum()
    outlet = np.minimum(np.searchsorted(cum, rng.random(n), side="right"), len(cum) - 1)
    news_idx = bank.news.index(core.text_group, rng.random(n), core.name)
    lead_idx = bank.leads.index(core.text_group, rng.random(n), core.name)
    reach = (np.array([o[3] for o in outlets.KLIPING_OUTLETS])[outlet] * np.exp(rng.normal(0, 0.3, n))).astype(np.int64)
    online = np.array([o[1] == "online" for o in outlets.KLIPING_OUTLETS])[outlet]
    engagement = np.exp(rng.normal(1.5, 1.0, n)).astype(np.int64)
    sentiment = np.where(rng.random(n) < 0.04, 3, core.sentiment)
    is_province = np.array([c == PROVINCE_CODE for c in ref.region_codes])[core.region]
    region_blank = np.where(is_province, rng.random(n) < 0.5, rng.random(n) < 0.05)
    agency_labels, agency_w = _agency_options(bank)
    agency_choice = np.searchsorted(np.cumsum(agency_w), rng.random(n), side="right").clip(0, 3)
    agency_idx = (core.issue * len(ref.region_codes) + core.region) * 4 + agency_choice
    journalist = pl.Series(outlets.JOURNALISTS + [""]).gather(
        np.where(rng.random(n) < 0.6, rng.integers(0, len(outlets.JOURNALISTS), n), len(outlets.JOURNALISTS))
    )
    domains = pl.Series([o[4] for o in outlets.KLIPING_OUTLETS])
    region_names = pl.Series([ref.region_names[c] for c in ref.region_codes], dtype=pl.String)

    df = pl.DataFrame(
        {
            "ts": pl.Series(core.ts.astype("datetime64[ms]")),
            "title": bank.news.take(news_idx),
            "slug": bank.news.slugs().gather(news_idx),
            "snippet": bank.leads.take(lead_idx),
            "outlet": pl.Series([o[0] for o in outlets.KLIPING_OUTLETS]).gather(outlet),
            "media_type": pl.Series([o[1] for o in outlets.KLIPING_OUTLETS]).gather(outlet),
            "domain": domains.gather(outlet),
            "online": online,
            "author": journalist,
            "issue": pick_in(rng, core.issue, bank.labels, weights=(0.72, 0.18, 0.10)),
            "sentiment": pl.Series(SENTIMENTS).gather(sentiment),
            "reach": pl.Series(reach),
            "reach_blank": rng.random(n) < 0.1,
            "engagement": pl.Series(engagement),
            "region": region_names.gather(core.region),
            "region_blank": region_blank,
            "agency": agency_labels.gather(agency_idx),
            "seq": pl.Series(np.arange(1, n + 1)),
        }
    )
    blank = pl.lit(None, dtype=pl.String)
    return df.select(
        pl.col("ts").dt.strftime("%Y-%m-%d %H:%M").alias("date"),
        pl.col("title"),
        pl.when("online")
        .then(pl.concat_str([pl.lit("https://"), "domain", pl.lit("/berita/"), "slug"]))
        .otherwise(blank)
        .alias("url"),
        pl.col("snippet"),
        pl.col("outlet"),
        pl.col("media_type"),
        blank.alias("platform"),
        pl.col("author").replace("", None),
        pl.col("issue"),
        pl.col("sentiment").replace("", None),
        pl.when("reach_blank").then(None).otherwise("reach").alias("reach"),
        pl.when("online").then("engagement").otherwise(None).alias("engagement"),
        pl.when("region_blank").then(blank).otherwise("region").alias("region"),
        pl.col("agency").replace("", None),
        pl.lit("id").alias("language"),
        pl.format(f"kliping-{month_key}-{{}}", pl.col("seq").cast(pl.String).str.zfill(4)).alias("document_id"),
    )
