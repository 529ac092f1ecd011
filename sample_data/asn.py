"""ASN amplification in the sample: rosters (``asn_roster``) and the civil servants' posts that
carry official content, as a monthly Brandwatch export (``landing/media/brandwatch_asn_*.csv``).

While on their agency's roster, a civil servant shares official posts (mostly their agency's
and Diskominfo's most viewed ones of the last two weeks, in every link form, a few through a
bit.ly link whose expansion the export carries), retweets or thanks an official account, or
uses a campaign hashtag of the seed ``campaigns``; now and then they post something else. The
public uses the campaign hashtags too, and the official accounts post them. Deterministic for
a seed.
"""

from __future__ import annotations

import csv
import io
import os
from bisect import bisect_left, bisect_right
from datetime import date, datetime, time, timedelta
from pathlib import Path

import numpy as np

from .asn_links import OfficialPost, link_forms, official_posts, own_post_url, token
from .asn_roster import WITA, Person, write_rosters
from .reference import SEEDS_DIR

HEADER = (
    "Query Id, Query Name, Date, Title, Snippet, Full Text, Url, Expanded URLs, Domain, Sentiment, Page Type, "
    "Language, Country, City, Author, Full Name, Category Details, Impressions, Reach (new), Engagement, Resource Id"
).split(", ")
DOMAINS = {"x": "twitter.com", "instagram": "instagram.com", "tiktok": "tiktok.com", "facebook": "facebook.com"}
ISSUE_OF = {"dinkes_kalsel": "Kesehatan", "disdik_kalsel": "Pendidikan", "bpbd_kalsel": "Banjir",
            "dispar_kalsel": "Pariwisata", "dpupr_kalsel": "Infrastruktur", "dlh_kalsel": "Lingkungan & Tambang"}  # fmt: skip
SHARE = [
    "Info penting dari {agency}: {link}",
    "Yuk simak! {link}",
    "Sudah tahu belum? {link}",
    "Mari dukung {agency} {link}",
]
MENTION = ["RT @{account}: Informasi resmi hari ini", "Terima kasih @{account} atas informasinya",
           "Simak info terbaru dari @{account}"]  # fmt: skip
TAGGED = ["Cek dulu sebelum sebar! {tag}", "{tag} Jangan mudah percaya kabar yang belum jelas", "Ayo dukung {tag}"]
OTHER = ["Selamat pagi, semangat bekerja", "Hujan deras sore ini", "Makan siang dulu"]
PUBLIC = [f"warga.{w}{n}" for w in ("banua", "bungas", "kalsel") for n in range(1, 41)]


def _accounts() -> tuple[dict[str, list[tuple[str, str]]], dict[str, tuple[str, str]]]:
    """agency -> its official (platform, account)s; agency -> its short name and region code."""
    with (SEEDS_DIR / "accounts.csv").open(encoding="utf-8") as fh:
        accounts: dict[str, list[tuple[str, str]]] = {}
        for r in csv.DictReader(fh):
            accounts.setdefault(r["agency_code"], []).append((r["platform"], r["account"]))
    with (SEEDS_DIR / "agencies.csv").open(encoding="utf-8") as fh:
        agencies = {r["agency_code"]: (r["agency_short"], r["region_code"]) for r in csv.DictReader(fh)}
    return accounts, agencies


def _campaigns() -> list[tuple[list[str], date, date | None, str]]:
    with (SEEDS_DIR / "campaigns.csv").open(encoding="utf-8") as fh:
        return [
            (r["hashtags"].split(), date.fromisoformat(r["start_date"]),
             date.fromisoformat(r["end_date"]) if r["end_date"] else None, r["agency_code"])
            for r in csv.DictReader(fh)
        ]  # fmt: skip


class Drafts:
    """The export's rows, built one mention at a time."""

    def __init__(self, rng: np.random.Generator, month: date) -> None:
        self.rng, self.rows, self.prefix = rng, [], f"bw-asn-{month:%Y%m}-"

    def add(self, day: date, platform: str, author: str, text: str, issue: str, url: str, expanded: str = "") -> None:
        minute = int(self.rng.integers(6 * 60, 23 * 60))
        reach = int(self.rng.lognormal(np.log(600), 0.9))
        self.rows.append({
            "Query Id": "2001", "Query Name": issue, "Date": f"{datetime.combine(day, time()) + timedelta(minutes=minute):%Y-%m-%d %H:%M:%S}",
            "Title": text, "Snippet": text, "Full Text": text, "Url": url, "Expanded URLs": expanded,
            "Domain": DOMAINS[platform], "Sentiment": "positive" if self.rng.random() < 0.8 else "neutral",
            "Page Type": "twitter" if platform == "x" else platform, "Language": "id", "Country": "Indonesia",
            "Author": author, "Impressions": str(reach * 2), "Reach (new)": str(reach),
            "Engagement": str(int(reach * self.rng.uniform(0.01, 0.05))), "Resource Id": f"{self.prefix}{len(self.rows) + 1:05d}",
        })  # fmt: skip


def _share(
    drafts: Drafts, p: Person, day: date, posts: list[OfficialPost], names: dict, rng: np.random.Generator
) -> bool:
    """A share of a recent official post, weighted to the agency's and Diskominfo's most viewed."""
    days = names["post_days"]
    recent = posts[bisect_left(days, day - timedelta(days=14)) : bisect_right(days, day)]
    if not recent:
        return False
    boost = {p.agency: 40.0, "diskominfo_kalsel": 10.0}
    weights = np.array([o.views**1.5 * boost.get(names["agency_of"].get(o.account), 1.0) for o in recent])
    post = recent[int(rng.choice(len(recent), p=weights / weights.sum()))]
    forms = link_forms(post, rng)
    link = forms[int(rng.integers(len(forms)))]
    platform = p.platforms[int(rng.integers(len(p.platforms)))]
    text = SHARE[int(rng.integers(len(SHARE)))]
    short = platform == "x" and rng.random() < 0.05
    shown = f"https://bit.ly/{token(rng, 7)}" if short else link
    agency = names["short"][names["agency_of"][post.account]]
    drafts.add(day, platform, p.handle, text.format(agency=agency, link=shown), ISSUE_OF.get(p.agency, "Pemerintahan"),
               own_post_url(platform, p.handle, rng), link if short else "")  # fmt: skip
    return True


def _post(
    drafts: Drafts, p: Person, day: date, posts: list[OfficialPost], names: dict, rng: np.random.Generator
) -> None:
    """One post of a civil servant on ``day``: mostly amplification, sometimes not."""
    platform = p.platforms[int(rng.integers(len(p.platforms)))]
    tags = [c for c in names["campaigns"] if c[1] <= day and (c[2] is None or day <= c[2])]
    kind = rng.random()
    if kind < 0.08:
        text, issue = OTHER[int(rng.integers(len(OTHER)))], "Pemerintahan"
    elif kind < 0.72 and _share(drafts, p, day, posts, names, rng):
        return
    elif kind < 0.86 or not tags:
        own = [a for pl, a in names["accounts_of"].get(p.agency, []) if pl == platform] or ["diskominfokalsel"]
        text = MENTION[int(rng.integers(len(MENTION)))].format(account=own[int(rng.integers(len(own)))])
        issue = ISSUE_OF.get(p.agency, "Pemerintahan")
    else:
        hashtags = tags[int(rng.integers(len(tags)))][0]
        text = TAGGED[int(rng.integers(len(TAGGED)))].format(tag=hashtags[int(rng.integers(len(hashtags)))])
        issue = "Pemerintahan"
    drafts.add(day, platform, p.handle, text, issue, own_post_url(platform, p.handle, rng))


def _campaign_voices(drafts: Drafts, day: date, names: dict, rng: np.random.Generator) -> None:
    """The public and the official accounts use the campaign hashtags too."""
    for hashtags, start, end, agency in names["campaigns"]:
        if not (start <= day and (end is None or day <= end)):
            continue
        for _ in range(int(rng.poisson(1.2))):
            handle = PUBLIC[int(rng.integers(len(PUBLIC)))]
            drafts.add(
                day,
                "x",
                handle,
                f"{hashtags[0]} info ini benar, jangan percaya hoaks",
                "Pemerintahan",
                own_post_url("x", handle, rng),
            )
        if day.weekday() == 0:
            platform, account = names["accounts_of"][agency][0]
            if platform in DOMAINS:
                drafts.add(day, platform, f"@{account}", f"{' '.join(hashtags)} Informasi resmi pekan ini", "Pemerintahan", own_post_url(platform, account, rng))  # fmt: skip


def _write_month(path: Path, rows: list[dict], first: date, last: date) -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for line in (["Report:", "Mentions"], ["Brand:", "Akun Resmi Pemprov Kalsel"], ["From:", str(first)],
                 ["To:", str(last)], ["Label:", "Amplifikasi ASN"], []):  # fmt: skip
        writer.writerow(line)
    writer.writerow(HEADER)
    writer.writerows([[r.get(h, "") for h in HEADER] for r in sorted(rows, key=lambda r: r["Date"])])
    path.write_bytes(buf.getvalue().encode("utf-8"))
    stamp = datetime.combine(last + timedelta(days=2), time(9), WITA).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def write_asn(home: Path, seed: int, month_starts: list[date]) -> dict:
    """Write the rosters and the monthly ASN exports; return what was planted."""
    people, roster_files = write_rosters(home, seed, month_starts)
    posts = official_posts(home)
    accounts, agencies = _accounts()
    names = {
        "post_days": [o.day for o in posts],
        "accounts_of": accounts,
        "agency_of": {a: agency for agency, pairs in accounts.items() for _, a in pairs},
        "short": {a: short for a, (short, _) in agencies.items()},
        "campaigns": _campaigns(),
    }
    out = Path(home) / "landing" / "media"
    out.mkdir(parents=True, exist_ok=True)
    files, rows = [], 0
    for m, first in enumerate(month_starts):
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        rng = np.random.default_rng([seed, 301, m])
        drafts = Drafts(rng, first)
        for p in people:
            start, end = max(p.start, first), min(p.end or last + timedelta(days=1), last + timedelta(days=1))
            if start >= end or rng.random() > p.propensity:
                continue
            for _ in range(1 + int(rng.poisson(0.3))):
                day = start + timedelta(days=int(rng.integers((end - start).days)))
                _post(drafts, p, day, posts, names, rng)
        for offset in range((last - first).days + 1):
            _campaign_voices(drafts, first + timedelta(days=offset), names, rng)
        files.append(_write_month(out / f"brandwatch_asn_{first:%Y-%m}.csv", drafts.rows, first, last))
        rows += len(drafts.rows)
    return {"roster_files": roster_files, "files": files, "people": len(people), "rows": rows}
