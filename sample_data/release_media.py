"""The generator's release rewrites and decoys as rows of the monthly Meltwater exports.

A rewrite is an online news article of one of the outlets (or, for a link shared on social
media, a Facebook post), with the outlet's reach, a journalist, and the vendor's labels: the
release's issue mostly, sometimes another (a vendor files a governor's bridge under
*Pemerintahan*), a positive or neutral tone mostly. A decoy is a story on the same topic and
place, more often negative. The rows take the export's own column types.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from .meltwater import COLUMNS
from .outlets import ISSUE_LABELS, JOURNALISTS, NEWS_OUTLETS
from .releases import Release, Story

OTHER_LABEL_SHARE = 0.2
SENTIMENTS = {"pickup": ("Positive", "Neutral", "Negative"), "decoy": ("Negative", "Neutral", "Positive")}
TONE = (0.55, 0.38, 0.07)


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())[:70]


def story_rows(seed: int, stories: list[Story], releases: list[Release], schema: pl.Schema) -> pl.DataFrame:
    """The Meltwater rows of ``stories``, in the export's columns and types."""
    if not stories:
        return pl.DataFrame(schema={c: schema[c] for c in COLUMNS})
    rng = np.random.default_rng([seed, 24, 4])
    issues = {r.release_id: r.issue for r in releases}
    rows = []
    for n, story in enumerate(stories):
        issue = issues.get(story.carries) or issues.get(story.key.split("-")[0]) or "pemerintahan"
        if rng.random() < OTHER_LABEL_SHARE and story.carries:
            issue = "pemerintahan" if issue != "pemerintahan" else "pelayanan_publik"
        kind = "pickup" if story.carries or story.style == "late" else "decoy"
        tone = SENTIMENTS[kind][int(rng.choice(3, p=TONE))]
        ts = story.published_at.replace(tzinfo=None)
        if story.outlet < 0:  # a link shared on Facebook
            handle = f"warga.banua{int(rng.integers(1, 400))}"
            source, url, reach = (
                "Facebook",
                f"https://www.facebook.com/{handle}/posts/{910000 + n}",
                50 + int(rng.integers(0, 2000)),
            )
            author = handle
        else:
            outlet = NEWS_OUTLETS[story.outlet]
            prefix = f"https://{outlet[1]}/{outlet[2] + '/' if outlet[2] else ''}"
            source, reach = outlet[0], int(outlet[4] * float(np.exp(rng.normal(0, 0.25))))
            url = f"{prefix}{ts:%Y/%m/%d}/{_slug(story.title)}-{700000 + n}"
            author = JOURNALISTS[int(rng.integers(0, len(JOURNALISTS)))]
        rows.append(
            {
                "Date": ts.strftime("%d-%b-%Y %I:%M%p"),
                "Headline": story.title,
                "URL": url,
                "Opening Text": story.snippet or None,
                "Hit Sentence": story.snippet or None,
                "Source": source,
                "Influencer": author,
                "Country": "Indonesia",
                "Subregion": "South Kalimantan",
                "Language": "Indonesian",
                "Reach": reach,
                "Engagement": int(rng.integers(1, 300)),
                "AVE": round(reach * 0.0012, 2),
                "Sentiment": tone,
                "Input Name": ISSUE_LABELS[issue][0],
                "Alternate Date Format": ts.strftime("%b %d, %Y"),
                "Time": ts.strftime("%I:%M %p"),
                "Document ID": f"mw-rel-{story.key}",
            }
        )
    frame = pl.DataFrame(rows, schema={c: pl.String for c in rows[0]}, strict=False)
    return frame.select([(pl.col(c) if c in frame.columns else pl.lit(None)).cast(schema[c]).alias(c) for c in COLUMNS])
