"""The sample's hoax desk (issue 25): its register in ``landing/hoaxes/`` and the mentions that
spread and debunk the claims, as the office's Meltwater search for hoaxes exports them
(``landing/media/meltwater_pantauan_hoaks_<month>.csv``), with the official accounts'
clarifications under ``landing/platform/<account>/``. Deterministic for a seed and a day.

Planted, relative to the last complete month L (``hoax_bank``):

- the fake flood-aid link spreads on social media from day 8 of the month before L, 20:10
  WITA; Diskominfo clarifies it at 10:30 the next morning (the register gets the clarification
  in a later row, an English-header update file); after a quiet spell it spreads again from
  day 12 of L, 19:00, and is debunked again the day after;
- the false school closure spreads from day 3 of L, 21:00, and Disdikbud denies it at 09:00;
- the bridge closure spreads from day 20 of L, 07:15, to the month's last days, and nobody
  clarifies it.

Beside them, a few true stories on the same topics that the hoax search also caught (real aid,
real school news, bridge maintenance): they carry no hoax.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import numpy as np
from openpyxl import Workbook

from .hoax_bank import HOAXES, HoaxTemplate
from .meltwater import HANDLES
from .outlets import ISSUE_LABELS
from .platforms import WITA, _csv, _rows, _save

SEARCH = "Pantauan Hoaks"
LOCAL_OUTLETS = (("Antara Kalsel", 650_000), ("Kalsel Pos", 120_000), ("Jejakrekam.com", 210_000))
TOWNS = ("Barabai", "Martapura", "Amuntai", "Kandangan", "Banjarmasin")
DECOYS: tuple[tuple[int, int, str, str], ...] = (  # (hoax index, day offset, headline, issue)
    (0, 1, "Dinsos Kalsel Salurkan 25 Ton Beras untuk Korban Banjir Hulu Sungai Tengah", "banjir"),
    (0, 3, "Pendaftaran Bantuan Perbaikan Rumah Korban Banjir Dibuka di Kantor Kecamatan", "banjir"),
    (1, 1, "Libur Semester Usai, Siswa SMA di Banjarmasin Kembali Masuk Sekolah", "pendidikan"),
    (2, 2, "Perawatan Lampu Jembatan Alalak Dikebut Jelang Akhir Tahun", "infrastruktur"),
)
HEADER = ["Date", "Headline", "URL", "Opening Text", "Hit Sentence", "Source", "Influencer", "Country",
          "Language", "Reach", "Engagement", "Sentiment", "Input Name", "City", "Document ID"]  # fmt: skip
REGISTER_ID = ["id_hoaks", "pertama_terlihat", "klaim", "kata_kunci", "kategori", "isu", "wilayah",
               "tautan_klarifikasi", "waktu_klarifikasi", "sumber"]  # fmt: skip
REGISTER_EN = ["hoax_id", "first_seen", "claim", "keywords", "category", "issue", "region",
               "klarifikasi_url", "klarifikasi_at", "source"]  # fmt: skip


@dataclass(frozen=True)
class Planted:
    """One planted hoax and its episodes, as tests read them."""

    key: str
    hoax_id: str | None  # None: registered without an id (Citra makes one from the claim)
    first_spread_at: datetime
    klarifikasi_at: datetime | None
    klarifikasi_url: str | None
    spread: int
    debunk: int


def _month(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), WITA)


def _times(rng: np.random.Generator, start: datetime, hours: float, n: int) -> list[datetime]:
    """``n`` times from ``start`` over ``hours``, the first at ``start``, denser early on."""
    later = sorted(float(h) for h in rng.exponential(hours / 3, n - 1) % hours) if n > 1 else []
    return [start] + [start + timedelta(hours=h, minutes=1) for h in later]


def _social(rng: np.random.Generator, when: datetime, text: str, serial: int, reach_scale: float) -> dict:
    handle = HANDLES[int(rng.integers(0, len(HANDLES)))]
    platform = ("TikTok", "Facebook", "Twitter", "Instagram")[int(rng.integers(0, 4))]
    url = {
        "TikTok": f"https://www.tiktok.com/@{handle}/video/{7_400_000_000_000 + serial}",
        "Facebook": f"https://www.facebook.com/{handle}/posts/{9_100_000 + serial}",
        "Twitter": f"https://x.com/{handle}/status/{1_850_000_000_000_000_000 + serial}",
        "Instagram": f"https://www.instagram.com/p/HX{serial:07d}",
    }[platform]
    reach = int(rng.lognormal(np.log(reach_scale), 1.1))
    return {"at": when, "text": text, "url": url, "source": platform, "author": f"@{handle}",
            "reach": None if rng.random() < 0.1 else reach, "news": False}  # fmt: skip


def _news(rng: np.random.Generator, when: datetime, title: str, serial: int, town: str) -> dict:
    outlet, scale = LOCAL_OUTLETS[int(rng.integers(0, len(LOCAL_OUTLETS)))]
    slug = "-".join(title.lower().replace("[", "").replace("]", "").replace(":", "").replace(",", "").split()[:8])
    return {"at": when, "text": title, "url": f"https://{outlet.lower().replace(' ', '')}.example/{when:%Y/%m/%d}/{slug}-{serial}",
            "source": outlet, "author": "", "reach": int(scale * rng.lognormal(0, 0.25)), "news": True,
            "lead": f"{town.upper()} - {title}."}  # fmt: skip


def _episode(rng, t: HoaxTemplate, start: datetime, hours: float, n_spread: int, clar: datetime | None,
             n_news: int, n_social: int, klar_url: str | None, serial: int) -> list[dict]:  # fmt: skip
    """The mentions of one episode: spreads from ``start``, debunks from ``clar``."""
    rows = []
    for k, when in enumerate(_times(rng, start, hours, n_spread)):
        text = t.spread[k % len(t.spread)].format(link=t.link, town=TOWNS[k % len(TOWNS)])
        rows.append(_social(rng, when, text, serial + k, 2500 if k % 7 else 40_000) | {"role": "spread"})
    if clar is not None:
        for k in range(n_news):
            title = t.debunk_news[k % len(t.debunk_news)]
            rows.append(
                _news(rng, clar + timedelta(minutes=40 + 95 * k), title, serial + 100 + k, TOWNS[k % 5])
                | {"role": "debunk"}
            )
        for k in range(n_social):
            text = t.debunk_social[k % len(t.debunk_social)].format(klarifikasi=klar_url)
            rows.append(
                _social(rng, clar + timedelta(hours=2 + 5 * k), text, serial + 200 + k, 900) | {"role": "debunk"}
            )
        official = t.official_post.format(klarifikasi=klar_url)
        rows.append({"at": clar + timedelta(minutes=5), "text": official, "source": "Instagram", "news": False,
                     "url": f"https://www.instagram.com/p/OF{serial:07d}", "author": f"@{t.official}",
                     "reach": 9_000, "role": "debunk"})  # fmt: skip
    return rows


def _export_rows(mentions: list[dict], issue_label: str) -> list[list[object]]:
    out = []
    for m in sorted(mentions, key=lambda m: (m["at"], m["url"])):
        snippet = m.get("lead") or m["text"]
        out.append([m["at"].strftime("%d-%b-%Y %I:%M%p"), m["text"], m["url"], snippet, m["text"], m["source"],
                    m["author"], "Indonesia", "Indonesian", "" if m["reach"] is None else m["reach"],
                    "" if m["reach"] is None else max(1, m["reach"] // 40), "Neutral", issue_label, "",
                    "HX" + hashlib.sha1(m["url"].encode()).hexdigest()[:12]])  # fmt: skip
    return out


def _save_csv(path: Path, header: list[str], rows: list[list[object]], exported: date, files: list[Path]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    _save(path, buf.getvalue().encode("utf-8"), exported, files)


def _save_xlsx(path: Path, header: list[str], rows: list[list[object]], exported: date, files: list[Path]) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("hoaks")
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    _save(path, buffer.getvalue(), exported, files)  # openpyxl stamps no time in write-only workbooks' data


def plan(last_month: date, today: date, seed: int = 42) -> tuple[list[Planted], dict[date, list[dict]], list[dict]]:
    """The planted hoaxes, their mentions by export month, and the official posts."""
    rng = np.random.default_rng([seed, 25, 1])
    before = _month(last_month, -1)
    banjir, sekolah, jembatan = HOAXES
    by_month: dict[date, list[dict]] = {}
    posts: list[dict] = []
    planted: list[Planted] = []

    def add(t: HoaxTemplate, rows: list[dict]) -> None:
        for row in rows:
            row["issue"], row["hoax"] = ISSUE_LABELS[t.issue.lower()][0], t.key
            if row["at"].date() < today:
                by_month.setdefault(row["at"].date().replace(day=1), []).append(row)
                if row["author"] == f"@{t.official}":
                    posts.append({**row, "account": t.official})

    def url(t: HoaxTemplate, day: date) -> str | None:
        return t.klarifikasi_path.format(y=day.year, m=day.month, d=day.day) if t.klarifikasi_path else None

    start, clar = _at(before.replace(day=8), 20, 10), _at(before.replace(day=9), 10, 30)
    first = _episode(rng, banjir, start, 40, 18, clar, 4, 3, url(banjir, clar.date()), 1000)
    again_at = _at(last_month.replace(day=12), 19)
    again = _episode(rng, banjir, again_at, 30, 8, again_at + timedelta(hours=16), 0, 2, url(banjir, clar.date()), 2000)
    add(banjir, first + again)
    planted.append(Planted(banjir.key, "HKS-001", start, clar, url(banjir, clar.date()), 26, 10))
    start, clar = _at(last_month.replace(day=3), 21), _at(last_month.replace(day=4), 9)
    add(sekolah, _episode(rng, sekolah, start, 36, 14, clar, 3, 2, url(sekolah, clar.date()), 3000))
    planted.append(Planted(sekolah.key, None, start, clar, url(sekolah, clar.date()), 14, 6))
    start = _at(last_month.replace(day=20), 7, 15)
    hours = (datetime.combine(_month(last_month, 1), time(), WITA) - start).total_seconds() / 3600 - 12
    n = 16
    add(jembatan, _episode(rng, jembatan, start, hours, n, None, 0, 0, None, 4000))
    planted.append(Planted(jembatan.key, "HKS-003", start, None, None, n, 0))
    for index, offset, title, issue in DECOYS:
        day = [before.replace(day=9), last_month.replace(day=4), last_month.replace(day=21)][index]
        row = _news(rng, _at(day + timedelta(days=offset), 11), title, 5000 + offset, "Banjarmasin")
        row["issue"], row["hoax"], row["role"] = ISSUE_LABELS[issue][0], "", ""
        by_month.setdefault(row["at"].date().replace(day=1), []).append(row)
    return planted, by_month, posts


def write_hoaxes(home: Path, last_month: date, today: date, platforms: bool, seed: int = 42) -> dict:
    """Write the register, the hoax search exports and (with ``platforms``) the official posts."""
    planted, by_month, posts = plan(last_month, today, seed)
    files: list[Path] = []
    media = Path(home) / "landing" / "media"
    for month, rows in sorted(by_month.items()):
        exported = min(_month(month, 1) + timedelta(days=1), today)
        lines = [_export_rows([r], r["issue"])[0] for r in sorted(rows, key=lambda r: (r["at"], r["url"]))]
        _save_csv(media / f"meltwater_{SEARCH.lower().replace(' ', '_')}_{month:%Y-%m}.csv", HEADER, lines,
                  exported, files)  # fmt: skip
    register = Path(home) / "landing" / "hoaxes"
    banjir, sekolah, jembatan = (p for p in planted)
    tb, ts, tj = HOAXES
    wita = "%d/%m/%Y %H:%M"
    _save_xlsx(register / f"daftar_hoaks_{banjir.first_spread_at:%Y-%m}.xlsx", REGISTER_ID,
               [[banjir.hoax_id, (banjir.first_spread_at + timedelta(hours=11)).strftime(wita), tb.claim, tb.keywords,
                 tb.category, tb.issue, tb.region, "", "", tb.registered_by]],
               banjir.first_spread_at.date() + timedelta(days=1), files)  # fmt: skip
    _save_csv(register / f"hoax_register_update_{banjir.klarifikasi_at:%Y-%m-%d}.csv", REGISTER_EN,
              [[banjir.hoax_id, "", "", "", "", "", "", banjir.klarifikasi_url,
                banjir.klarifikasi_at.isoformat(timespec="minutes"), ""]],
              banjir.klarifikasi_at.date() + timedelta(days=1), files)  # fmt: skip
    _save_xlsx(register / f"daftar_hoaks_{sekolah.first_spread_at:%Y-%m}.xlsx", REGISTER_ID,
               [["", sekolah.first_spread_at.strftime("%d %B %Y"), ts.claim, ts.keywords, ts.category, ts.issue,
                 ts.region, sekolah.klarifikasi_url, sekolah.klarifikasi_at.strftime(wita), ts.registered_by],
                [jembatan.hoax_id, (jembatan.first_spread_at + timedelta(hours=3)).strftime(wita), tj.claim,
                 tj.keywords, tj.category, tj.issue, tj.region, "", "", tj.registered_by]],
               min(jembatan.first_spread_at.date() + timedelta(days=1), today), files)  # fmt: skip
    if platforms:
        for post in posts:
            row = {"day": post["at"].date(), "minute": post["at"].hour * 60 + post["at"].minute, "views": 12_000,
                   "reach": post["reach"], "likes": 700, "comments": 90, "shares": 300, "saves": 40,
                   "id": 8_000_000_000_000_000 + int(post["at"].timestamp()) % 10**9, "topic": post["text"]}  # fmt: skip
            header, rows = _rows("instagram", post["account"], [row])
            path = (
                Path(home)
                / "landing"
                / "platform"
                / post["account"]
                / f"instagram_posts_hoaks_{post['at']:%Y-%m-%d}.csv"
            )
            _save(
                path, ("\ufeff" + _csv(header, rows)).encode(), min(post["at"].date() + timedelta(days=1), today), files
            )
    return {"files": files, "planted": planted}
