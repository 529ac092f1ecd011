"""One set of mentions written through every media layout Citra reads, for the end-to-end test.

The same kind of mention (published instant, title, URL, outlet, issue label, sentiment, reach)
goes into Meltwater (UTF-16 and UTF-8), Brandwatch (CSV and XLSX, report rows above the header),
Talkwalker (CSV with epoch milliseconds, XLSX with UTC times, signed sentiment scores), a NoLimit
ZIP (news and social `;` CSVs with stray apostrophes) and the generic template (English and
Indonesian headers, CSV and XLSX). Every layout also gets rows it must reject, unlabeled rows
and rows without an issue; Meltwater gets a later re-export, the generic template two downloads
of one day (the later one named so that it sorts first) and a row corrected further down the
same file. Each layout writes values the way that vendor does; the test never shares a parser
with the product (tests/independent.py reads these files on its own).
"""

from __future__ import annotations

import os
import random
import zipfile
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from exports import (
    BRANDWATCH_HEADER,
    BRANDWATCH_METADATA,
    GENERIC_HEADER,
    GENERIC_ID_HEADER,
    MELTWATER_HEADER,
    NOLIMIT_NEWS_HEADER,
    NOLIMIT_SOCIAL_HEADER,
    TALKWALKER_HEADER,
    csv_text,
    write_xlsx,
)

WITA = ZoneInfo("Asia/Makassar")
TODAY = "2026-01-15"  # CITRA_TODAY of the test: the data's dates are fixed, so is the day
EXPORTED = datetime(2026, 1, 5, 9, 0, tzinfo=WITA)  # when the files were downloaded
LABELS = [  # issue labels as vendors and staff type them: aliases, codes, unknown, none
    "Pendidikan",
    "  ekonomi & UMKM ",
    "KESEHATAN",
    "Infrastruktur",
    "banjir",
    "Lingkungan/Tambang",
    "pelayanan publik",
    "Social",
    "tourism",
    "pemerintahan",
    "Pilkada  Serentak",  # outside the taxonomy: its own issue
    "",  # no issue: tanpa_isu
]
SENTIMENTS = ["positive", "neutral", "negative", None, "negative", "neutral"]
OUTLETS = [("Antara Kalsel", "kalsel.antaranews.com"), ("Banjarmasin Post", "banjarmasinpost.co.id")]
MONTHS = [(2025, 8), (2025, 9), (2025, 10), (2025, 12)]  # November has no mention at all
ID_MONTHS = {1: "Jan", 2: "Feb", 3: "Mar", 4: "Apr", 5: "Mei", 6: "Jun", 7: "Jul", 8: "Agu"}
ID_MONTHS |= {9: "Sep", 10: "Okt", 11: "Nov", 12: "Des"}


@dataclass(frozen=True)
class Mention:
    """A mention as the world knows it; ``raw`` overrides cells to make a row the product must reject."""

    doc: str
    at: datetime  # aware
    title: str
    url: str
    outlet: str
    label: str
    sentiment: str | None
    reach: int
    raw: dict[str, object] = field(default_factory=dict)


def _mentions(rng: random.Random, prefix: str, n: int) -> list[Mention]:
    out = []
    for i in range(n):
        year, month = MONTHS[i % len(MONTHS)]
        day, minute = rng.randint(1, 28), rng.randint(6 * 60, 22 * 60)
        at = datetime(year, month, day, tzinfo=WITA) + timedelta(minutes=minute)
        outlet, domain = OUTLETS[i % 2]
        out.append(
            Mention(
                doc=f"{prefix}-{i:03d}",
                at=at,
                title=f"Berita {prefix} {i} dari Banjarmasin",
                url=f"https://{domain}/berita/{prefix}-{i}",
                outlet=outlet,
                label=LABELS[rng.randrange(len(LABELS))],
                sentiment=SENTIMENTS[rng.randrange(len(SENTIMENTS))],
                reach=rng.randint(50, 90_000),
            )
        )
    # the edges of WITA months: 23:30 on 31 October stays in October, 00:30 on 1 September is
    # September although it is still 31 August in UTC
    out[0] = replace(out[0], at=datetime(2025, 10, 31, 23, 30, tzinfo=WITA))
    out[1] = replace(out[1], at=datetime(2025, 9, 1, 0, 30, tzinfo=WITA))
    return out


def _local(m: Mention, fmt: str) -> str:
    return m.at.astimezone(WITA).strftime(fmt)


def _labelled(sentiment: str | None, words: tuple[str, str, str, str]) -> str:
    return dict(zip(("positive", "neutral", "negative", None), words))[sentiment]


def meltwater_rows(mentions: list[Mention]) -> list[dict[str, str]]:
    return [
        {
            "Date": _local(m, "%d-%b-%Y %I:%M%p"),
            "Headline": m.title,
            "URL": m.url,
            "Source": m.outlet,
            "Reach": str(m.reach),
            "Sentiment": _labelled(m.sentiment, ("Positive", "Neutral", "Negative", "Not Rated")),
            "Input Name": m.label,
            "Country": "Indonesia",
            "Document ID": m.doc,
            **m.raw,
        }
        for m in mentions
    ]


def brandwatch_rows(mentions: list[Mention], *, cells: bool = False) -> list[dict[str, object]]:
    """Brandwatch's rows; ``cells``: dates as Excel datetime cells (WITA wall clock), as its XLSX has them."""
    return [
        {
            "Query Id": "2001",
            "Query Name": m.label,
            "Date": m.at.astimezone(WITA).replace(tzinfo=None) if cells else _local(m, "%Y-%m-%d %H:%M:%S"),
            "Title": m.title,
            "Url": m.url,
            "Domain": m.url.split("/")[2],
            "Sentiment": _labelled(m.sentiment, ("positive", "neutral", "negative", "")),
            "Page Type": "news",
            "Reach (new)": f"{m.reach:,}",
            "Resource Id": m.doc,
            **m.raw,
        }
        for m in mentions
    ]


def talkwalker_rows(mentions: list[Mention], *, epoch: bool) -> list[dict[str, str]]:
    def published(m: Mention) -> str:
        utc = m.at.astimezone(UTC)
        return str(int(utc.timestamp() * 1000)) if epoch else utc.strftime("%Y-%m-%dT%H:%M:%SZ")

    return [
        {
            "url": m.url,
            "published": published(m),
            "title": m.title,
            "content": m.title,
            "domain_url": m.url.split("/")[2],
            "lang": "id",
            "sentiment": _labelled(m.sentiment, ("3", "0", "-2", "")),
            "source_type": "ONLINENEWS",
            "reach": str(m.reach),
            "matched_profile": m.label,
            "extra_source_attributes.name": m.outlet,
            **m.raw,
        }
        for m in mentions
    ]


def nolimit_news_rows(mentions: list[Mention]) -> list[dict[str, str]]:
    return [
        {
            "title": "'" + m.title,
            "body": "'" + m.title,
            "url": m.url,
            "tier": "2",
            "sentiment": _labelled(m.sentiment, ("positif", "netral", "negatif", "")),
            "label": m.label,
            "date_published": _local(m, "%d-%m-%Y %H.%M"),
            "media_name": m.outlet,
            **m.raw,
        }
        for m in mentions
    ]


def nolimit_social_rows(mentions: list[Mention]) -> list[dict[str, str]]:
    return [
        {
            "content": "'" + m.title,
            "post_type": "tweet",
            "final_sentiment": _labelled(m.sentiment, ("positive", "neutral", "negative", "")),
            "link": f"https://x.com/diskominfokalsel/status/{1000 + i}",
            "date_created": _local(m, "%d-%m-%Y %H.%M"),
            "username": "'diskominfokalsel",
            "engagement": "12",
            "label": m.label,
            **m.raw,
        }
        for i, m in enumerate(mentions)
    ]


def generic_rows(mentions: list[Mention], *, offset: timezone | None = None) -> list[dict[str, object]]:
    """The generic template as staff type it (WITA wall-clock time), or as a scraper writes it
    (ISO 8601 with the ``offset`` of its server)."""

    def when(m: Mention) -> str:
        return m.at.astimezone(offset).isoformat(timespec="seconds") if offset else _local(m, "%Y-%m-%d %H:%M")

    return [
        {
            "date": when(m),
            "title": m.title,
            "url": m.url,
            "outlet": m.outlet,
            "media_type": "online",
            "issue": m.label,
            "sentiment": _labelled(m.sentiment, ("positif", "netral", "negatif", "")),
            "reach": m.reach,
            "region": "Kota Banjarmasin",
            "document_id": m.doc,
            **m.raw,
        }
        for m in mentions
    ]


def generic_id_rows(mentions: list[Mention], *, month_names: bool) -> list[dict[str, object]]:
    def tanggal(m: Mention) -> str:
        local = m.at.astimezone(WITA)
        if month_names:
            return f"{local.day} {ID_MONTHS[local.month]} {local.year} {local:%H:%M}"
        return local.strftime("%d/%m/%Y %H:%M")

    return [
        {
            "tanggal": tanggal(m),
            "judul": m.title,
            "tautan": m.url,
            "media": m.outlet,
            "jenis_media": "online",
            "isu": m.label,
            "sentimen": _labelled(m.sentiment, ("Positif", "Netral", "Negatif", "")),
            "jangkauan": m.reach,
            # every other row without an id: the mention is known by its URL and time
            "id_dokumen": m.doc if i % 2 else "",
            **m.raw,
        }
        for i, m in enumerate(mentions)
    ]


def _stamp(path: Path, when: datetime) -> Path:
    os.utime(path, (when.timestamp(), when.timestamp()))
    return path


def _csv(path: Path, header: list[str], rows: list[dict], *, encoding: str = "utf-8", **kw) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(csv_text(header, rows, **kw).encode(encoding))
    return path


def _reject(mentions: list[Mention], index: int, **raw: object) -> None:
    """Turn mention ``index`` into a row that must be rejected (a cell as typed wrongly)."""
    mentions[index] = replace(mentions[index], raw=raw)


def write_every_layout(landing: Path, seed: int = 11) -> list[Path]:
    """Write the landing folder (``landing/media``-like); returns the files, dated like downloads."""
    rng = random.Random(seed)
    files: list[Path] = []

    def add(path: Path, when: datetime = EXPORTED) -> None:
        files.append(_stamp(path, when))

    # Meltwater: a monthly export in UTF-16, and a later UTF-8 re-export of part of it with new labels
    mw = _mentions(rng, "mw", 60)
    _reject(mw, 5, Sentiment="Mixed")
    add(_csv(landing / "meltwater_e2e.csv", MELTWATER_HEADER, meltwater_rows(mw), encoding="utf-16", delimiter="\t"))
    again = [replace(m, sentiment="negative" if m.sentiment != "negative" else "positive") for m in mw[10:22]]
    more = _mentions(rng, "mwb", 30)
    _reject(more, 3, Date="31-Feb-2025 10:00AM")
    add(
        _csv(landing / "meltwater_e2e_reexport.csv", MELTWATER_HEADER, meltwater_rows(again + more)),
        EXPORTED + timedelta(days=3),
    )

    bw = _mentions(rng, "bw", 40)
    _reject(bw, 4, **{"Reach (new)": "-20"})
    add(
        _csv(
            landing / "brandwatch_e2e.csv",
            BRANDWATCH_HEADER,
            brandwatch_rows(bw),
            encoding="utf-8-sig",
            preamble=BRANDWATCH_METADATA,
        )
    )
    bwx = _mentions(rng, "bwx", 40)
    _reject(bwx, 6, Date=datetime(2099, 1, 1, 10, 0))
    add(
        write_xlsx(
            landing / "brandwatch_e2e.xlsx", BRANDWATCH_HEADER, brandwatch_rows(bwx), preamble=BRANDWATCH_METADATA
        )
    )

    tw = _mentions(rng, "tw", 40)
    _reject(tw, 7, sentiment="sangat buruk")
    # 16:30 UTC on 30 September is 00:30 on 1 October in WITA
    tw[8] = replace(tw[8], at=datetime(2025, 9, 30, 16, 30, tzinfo=UTC))
    add(_csv(landing / "talkwalker_e2e.csv", TALKWALKER_HEADER, talkwalker_rows(tw, epoch=True)))
    twx = _mentions(rng, "twx", 40)
    _reject(twx, 2, title="", url="", content="")
    add(write_xlsx(landing / "talkwalker_e2e.xlsx", TALKWALKER_HEADER, talkwalker_rows(twx, epoch=False)))

    news, social = _mentions(rng, "nln", 40), _mentions(rng, "nls", 30)
    _reject(news, 9, date_published="kemarin")
    zip_path = landing / "nolimit_e2e.zip"
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("export/news.csv", csv_text(NOLIMIT_NEWS_HEADER, nolimit_news_rows(news), delimiter=";"))
        zf.writestr("export/social.csv", csv_text(NOLIMIT_SOCIAL_HEADER, nolimit_social_rows(social), delimiter=";"))
    add(zip_path)

    # generic template: two downloads of one day; the later one ("(1)") corrects labels and sorts first
    kl = _mentions(rng, "kl", 50)
    _reject(kl, 11, date="1999-12-31 10:00")
    rows = generic_rows(kl)
    rows.append(
        {**rows[20], "sentiment": "negatif" if rows[20]["sentiment"] != "negatif" else "positif"}
    )  # corrected below
    add(_csv(landing / "kliping_e2e.csv", GENERIC_HEADER, rows, encoding="utf-8-sig"), EXPORTED)
    fixed = [replace(m, sentiment="positive" if m.sentiment != "positive" else "neutral") for m in kl[30:40]]
    add(
        _csv(landing / "kliping_e2e (1).csv", GENERIC_HEADER, generic_rows(fixed), encoding="utf-8-sig"),
        EXPORTED + timedelta(hours=6),
    )
    klx = _mentions(rng, "klx", 40)
    _reject(klx, 3, sentiment="sangat positif")
    # the office's scraper, on a server in WIB (+07:00): 00:30 WITA on the 1st is the day before there
    klx[1] = replace(klx[1], at=datetime(2025, 12, 1, 0, 30, tzinfo=WITA))
    add(
        write_xlsx(landing / "kliping_e2e.xlsx", GENERIC_HEADER, generic_rows(klx, offset=timezone(timedelta(hours=7))))
    )

    kid = _mentions(rng, "kid", 40)
    _reject(kid, 5, jangkauan="-5")
    add(_csv(landing / "kliping_id_e2e.csv", GENERIC_ID_HEADER, generic_id_rows(kid, month_names=False), delimiter=";"))
    kidx = _mentions(rng, "kidx", 40)
    _reject(kidx, 8, tanggal="2025-13-02 10:00")
    add(write_xlsx(landing / "kliping_id_e2e.xlsx", GENERIC_ID_HEADER, generic_id_rows(kidx, month_names=True)))
    return files


SAME_DAY_PAIR = ("kliping_e2e.csv", "kliping_e2e (1).csv")
