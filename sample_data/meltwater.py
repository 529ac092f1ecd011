"""Turns a month of drawn mentions into rows of a Meltwater export (its exact 38 columns).

Also makes the vendor re-export: the same documents with grown reach and engagement.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from . import outlets, social
from .bank import Bank, Core, pick_in
from .text import categorical, encode, scramble

COLUMNS: list[str] = [
    "Date",
    "Headline",
    "URL",
    "Opening Text",
    "Hit Sentence",
    "Source",
    "Influencer",
    "Country",
    "Subregion",
    "Language",
    "Reach",
    "Desktop Reach",
    "Mobile Reach",
    "Twitter Social Echo",
    "Facebook Social Echo",
    "Reddit Social Echo",
    "National Viewership",
    "Engagement",
    "AVE",
    "Sentiment",
    "Key Phrases",
    "Input Name",
    "Keywords",
    "Twitter Authority",
    "Tweet Id",
    "Twitter Id",
    "Twitter Client",
    "Twitter Screen Name",
    "User Profile Url",
    "Twitter Bio",
    "Twitter Followers",
    "Twitter Following",
    "Alternate Date Format",
    "Time",
    "State",
    "City",
    "Document Tags",
    "Document ID",
]
SENTIMENT_LABELS = ["Positive", "Neutral", "Negative", "Not Rated"]
NOT_RATED_SHARE = 0.05
BLANK_REACH_SHARE = 0.06
N_OUTLETS = len(outlets.NEWS_OUTLETS)
# URL prefix per platform (index into social.PLATFORMS), the handle goes in between for some.
SOCIAL_URL = {
    "TikTok": ("https://www.tiktok.com/@", "/video/"),
    "Twitter": ("https://x.com/", "/status/"),
    "Facebook": ("https://www.facebook.com/", "/posts/"),
    "Instagram": ("https://www.instagram.com/p/", ""),
    "YouTube": ("https://www.youtube.com/watch?v=", ""),
}


def _handles() -> pl.Series:
    return pl.Series(
        [f"{stem}{k}" for stem in social.HANDLE_STEMS for k in range(1, social.HANDLE_COUNT_PER_STEM + 1)],
        dtype=pl.String,
    )


HANDLES: pl.Series = _handles()


def _blank_where(values: pl.Series, mask: np.ndarray) -> pl.Series:
    return pl.select(pl.when(pl.lit(pl.Series(mask))).then(None).otherwise(pl.lit(values))).to_series()


def meltwater_frame(rng: np.random.Generator, core: Core, bank: Bank, serial0: int, salt: int) -> pl.DataFrame:
    """Rows of one monthly Meltwater export, in export column order."""
    n = len(core.ts)
    soc = core.social
    serial = np.arange(serial0, serial0 + n, dtype=np.uint64)
    outlet = categorical(rng, n, [o[3] for o in outlets.NEWS_OUTLETS])
    platform = categorical(rng, n, [p[1] for p in social.PLATFORMS])
    source_i = np.where(soc, N_OUTLETS + platform, outlet)
    sources = pl.Series([o[0] for o in outlets.NEWS_OUTLETS] + [p[0] for p in social.PLATFORMS])

    text_u = rng.random(n)
    news_idx = bank.news.index(core.text_group, text_u, core.name)
    post_idx = bank.posts.index(core.text_group, text_u, core.name)
    headline = bank.news.take(news_idx)
    post = bank.posts.take(post_idx)
    lead = bank.leads.take(bank.leads.index(core.text_group, rng.random(n), core.name))
    follow = pick_in(rng, core.issue, bank.follow)
    towns = bank.towns.gather(core.region)
    handle = HANDLES.gather(rng.integers(0, len(HANDLES), n))
    tail = rng.random(n) < 0.03
    doc = scramble(serial, salt)
    long_id = scramble(serial, salt, mult=0xD1B54A32D192ED03).astype(np.uint64)

    raw_reach = np.where(
        soc,
        np.array([p[2] for p in social.PLATFORMS])[platform]
        * np.exp(rng.normal(0, 1.5, n))
        * np.where(core.burst, 4, 1),
        np.array([o[4] for o in outlets.NEWS_OUTLETS])[outlet] * np.exp(rng.normal(0, 0.25, n)),
    )
    reach = np.maximum(raw_reach, 20).astype(np.int64)
    engagement = np.where(soc, reach * np.exp(rng.normal(-3.3, 0.9, n)), np.exp(rng.normal(2.0, 1.3, n)))
    engagement = (engagement * np.where(core.burst, 5, 1)).astype(np.int64)
    ave = np.round(reach * np.where(soc, 0.0004, 0.0012), 2)
    no_reach = rng.random(n) < BLANK_REACH_SHARE
    sentiment = np.where(rng.random(n) < NOT_RATED_SHARE, 3, core.sentiment)
    tags = pl.Series([""] + outlets.DOCUMENT_TAGS).gather(
        np.where(rng.random(n) < 0.12, 1 + rng.integers(0, len(outlets.DOCUMENT_TAGS), n), 0)
    )
    journalist = pl.Series(outlets.JOURNALISTS + [""]).gather(
        np.where(rng.random(n) < 0.8, rng.integers(0, len(outlets.JOURNALISTS), n), len(outlets.JOURNALISTS))
    )
    prefixes = pl.Series([f"https://{o[1]}/{o[2] + '/' if o[2] else ''}" for o in outlets.NEWS_OUTLETS])
    plat_names = [p[0] for p in social.PLATFORMS]

    df = pl.DataFrame(
        {
            "ts": pl.Series(core.ts.astype("datetime64[ms]")),
            "soc": soc,
            "platform": pl.Series([plat_names[i] for i in range(len(plat_names))]).gather(platform),
            "headline": headline,
            "post": post,
            "lead": lead,
            "follow": follow,
            "town": towns,
            "handle": handle,
            "tail": tail,
            "slug": bank.news.slugs().gather(news_idx),
            "prefix": prefixes.gather(outlet),
            "doc": encode(doc, 10),
            "num": pl.Series(long_id % np.uint64(10**9)).cast(pl.String),
            "code": encode(
                long_id * np.uint64(0x9E3779B97F4A7C15),
                11,
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
            ),
            "tweet": pl.Series(np.uint64(1_840_000_000_000_000_000) + long_id * np.uint64(1_000_003)).cast(pl.String),
            "reach": _blank_where(pl.Series(reach), no_reach),
            "engagement": _blank_where(pl.Series(engagement), no_reach & ~soc),
            "ave": _blank_where(pl.Series(ave), no_reach),
            "source": sources.gather(source_i),
            "sentiment": pl.Series(SENTIMENT_LABELS).gather(sentiment),
            "label": pick_in(rng, core.issue, bank.labels, weights=(0.72, 0.18, 0.10)),
            "phrases": pick_in(rng, core.issue, bank.phrases),
            "name": bank.names.series.gather(core.name),
            "journalist": journalist,
            "tags": tags,
            "city_blank": rng.random(n) < 0.25,
            "subregion_blank": rng.random(n) < 0.1,
        }
    )
    text = pl.when(pl.col("tail")).then(pl.col("post") + social.HASHTAG_TAIL).otherwise(pl.col("post"))
    is_tw = pl.col("soc") & (pl.col("platform") == "Twitter")
    social_url = pl.lit(None, dtype=pl.String)
    for plat, (head, mid) in SOCIAL_URL.items():
        ident = (
            pl.col("code")
            if plat in ("Instagram", "YouTube")
            else pl.col("num")
            if plat == "Facebook"
            else pl.col("tweet")
        )
        url = (
            pl.concat_str([pl.lit(head), pl.col("handle"), pl.lit(mid), ident])
            if mid
            else pl.concat_str([pl.lit(head), ident])
        )
        social_url = pl.when(pl.col("platform") == plat).then(url).otherwise(social_url)
    news_url = pl.concat_str(
        [pl.col("prefix"), pl.col("ts").dt.strftime("%Y/%m/%d/"), pl.col("slug"), pl.lit("-"), pl.col("num")]
    )
    dateline = pl.when(pl.col("town") == "").then(pl.lit("")).otherwise(pl.col("town").str.to_uppercase() + " - ")
    blank = pl.lit(None, dtype=pl.String)
    out = df.select(
        pl.col("ts").dt.strftime("%d-%b-%Y %I:%M%p").alias("Date"),
        pl.when("soc").then(text).otherwise("headline").alias("Headline"),
        pl.when("soc").then(social_url).otherwise(news_url).alias("URL"),
        pl.when("soc")
        .then(text)
        .otherwise(pl.concat_str([dateline, "lead", pl.lit(" "), "follow"]))
        .alias("Opening Text"),
        pl.when("soc").then(text).otherwise("lead").alias("Hit Sentence"),
        pl.col("source").alias("Source"),
        pl.when("soc")
        .then("@" + pl.col("handle"))
        .otherwise(pl.col("journalist").replace("", None))
        .alias("Influencer"),
        pl.lit("Indonesia").alias("Country"),
        pl.when("subregion_blank").then(blank).otherwise(pl.lit("South Kalimantan")).alias("Subregion"),
        pl.lit("Indonesian").alias("Language"),
        pl.col("reach").alias("Reach"),
        *[blank.alias(c) for c in COLUMNS[11:17]],
        pl.col("engagement").alias("Engagement"),
        pl.col("ave").alias("AVE"),
        pl.col("sentiment").alias("Sentiment"),
        pl.col("phrases").alias("Key Phrases"),
        pl.col("label").alias("Input Name"),
        pl.concat_str([pl.col("name"), pl.lit(", "), pl.col("phrases").str.split(", ").list.first()]).alias("Keywords"),
        blank.alias("Twitter Authority"),
        pl.when(is_tw).then("tweet").otherwise(blank).alias("Tweet Id"),
        pl.when(is_tw).then("num").otherwise(blank).alias("Twitter Id"),
        blank.alias("Twitter Client"),
        pl.when(is_tw).then("handle").otherwise(blank).alias("Twitter Screen Name"),
        pl.when(is_tw).then("https://x.com/" + pl.col("handle")).otherwise(blank).alias("User Profile Url"),
        blank.alias("Twitter Bio"),
        pl.when(is_tw).then("reach").otherwise(None).alias("Twitter Followers"),
        blank.alias("Twitter Following"),
        pl.col("ts").dt.strftime("%b %d, %Y").alias("Alternate Date Format"),
        pl.col("ts").dt.strftime("%I:%M %p").alias("Time"),
        blank.alias("State"),
        pl.when(pl.col("city_blank") | (pl.col("town") == "")).then(blank).otherwise("town").alias("City"),
        pl.col("tags").replace("", None).alias("Document Tags"),
        ("mw-" + pl.col("doc")).alias("Document ID"),
    )
    return out


def reexport_frame(rng: np.random.Generator, original: pl.DataFrame) -> pl.DataFrame:
    """The same documents, re-exported later: reach and engagement only ever grew."""
    n = original.height
    grow = pl.Series(1.0 + rng.random(n) * 0.6)
    extra = pl.Series(rng.integers(1, 40, n))
    return original.with_columns(
        (pl.col("Reach") * grow).ceil().cast(pl.Int64).alias("Reach"),
        ((pl.col("Engagement") * grow).ceil().cast(pl.Int64) + extra).alias("Engagement"),
        (pl.col("AVE") * grow).round(2).alias("AVE"),
    )
