"""A landing zone with two registered hoaxes and every number the hoax marts must give, worked
out by hand (January 2025, times WITA; the build runs with today pinned to 3 February 2025).

HKS-01, the fake flood-aid link, registered on 16 Jan 09:00 (Indonesian headers, day-first
dates) without a clarification; an English-header file adds its clarification (20:00 on
16 Jan) in a later row. It spreads from 15 Jan 22:00:
    s1 15 Jan 22:00 reach 2000 | s2 16 Jan 06:15 reach 3000 | s3 16 Jan 08:30 no reach
    s4 17 Jan 19:00 reach 1000 (after the clarification)
and is debunked by d1 (news, 16 Jan 21:00, reach 6000) and d2 (a private account linking the
clarification, 17 Jan 10:00, no reach). Diskominfo's Instagram clarifies it at 20:05 (reach 9000).
    hours_to_klarifikasi = 20:00 16 Jan - 22:00 15 Jan = 22.0
    spread reach 2000 + 3000 + 0 + 1000 = 6000; debunk reach 6000 + 0 = 6000 -> share 0.5
    spread before / after the clarification 3 / 1 (reach 5000 / 1000), 2 mentions without reach
    last spread 17 Jan: more than 7 days before 3 Feb -> mereda; peak day 16 Jan (2 spreads)
HKS-02 (no id in the register: HX- and its claim's hash), the false school closure, first seen
24 Jan 07:00, never clarified, spreads on 24 Jan 08:00 (500), 25 Jan 09:00 (700) and 29 Jan
10:00 (300): 1500 reach, no debunk -> share 0.0, hours null, aktif (29 Jan is within 7 days).
One post both supports and cites a denial ("bukan hoaks ... dibantah"): it waits in the review
queue. Around them, true stories on the same topics that carry no hoax.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from exports import MELTWATER_HEADER, csv_text, write_xlsx
from platform_exports import INSTAGRAM_HEADER, by_name, table_text, write

CLAIM_1 = "Pendaftaran bantuan korban banjir Rp 3,5 juta per KK dari Pemprov Kalsel lewat link bantuan-banjir-kalsel.blogspot.com"
CLAIM_2 = "Seluruh sekolah di Kalimantan Selatan diliburkan dua minggu karena wabah"
HKS_02 = "HX-3C2E5073"  # generated_id of CLAIM_2's normalized form, written out: ids must stay stable
LINK = "https://diskominfo.kalselprov.go.id/hoaks-bantuan-banjir"
PRIVATE = ["acil_banua77", "julak_hst", "galuh_barabai", "utuh_kandangan", "sasirangan_27", "nanang_alabio",
           "ading_martapura", "soto_bawang", "lanting_bjm"]  # fmt: skip


def _row(when: str, text: str, url: str, source: str, author: str, reach: str, issue: str, doc: str) -> dict:
    return {
        "Date": when,
        "Headline": text,
        "URL": url,
        "Opening Text": text,
        "Hit Sentence": text,
        "Source": source,
        "Influencer": author,
        "Country": "Indonesia",
        "Reach": reach,
        "Sentiment": "Neutral",
        "Input Name": issue,
        "Document ID": doc,
    }


def _social(when: str, handle: str, text: str, reach: str, n: int, issue: str = "Banjir") -> dict:
    return _row(when, text, f"https://x.com/{handle}/status/19000000000000000{n:02d}", "Twitter", f"@{handle}",
                reach, issue, f"x{n}")  # fmt: skip


def _news(when: str, title: str, outlet: str, reach: str, n: int, issue: str) -> dict:
    return _row(when, title, f"https://{outlet.lower().replace(' ', '')}.example/berita/{n}", outlet, "", reach,
                issue, f"n{n}")  # fmt: skip


MENTIONS = [
    # HKS-01 spreads
    _social("15-Jan-2025 10:00PM", "acil_banua77",
            "Alhamdulillah ada bantuan banjir Rp 3,5 juta per KK dari Pemprov, daftar di bantuan-banjir-kalsel.blogspot.com",
            "2000", 1),
    _social("16-Jan-2025 06:15AM", "julak_hst",
            "Dulur yang rumahnya kebanjiran buruan daftar bantuan 3,5 juta per KK, linknya bantuan-banjir-kalsel.blogspot.com",
            "3000", 2),
    _social("16-Jan-2025 08:30AM", "galuh_barabai",
            "Info dari grup RT: pendaftaran bantuan korban banjir Rp3.500.000/KK lewat bantuan-banjir-kalsel.blogspot.com",
            "", 3),
    _social("17-Jan-2025 07:00PM", "utuh_kandangan",
            "Bantuan banjir dari Pemprov Kalsel 3,5 juta per kepala keluarga, daftar online di bantuan-banjir-kalsel.blogspot.com",
            "1000", 4),
    # HKS-01 debunks
    _news("16-Jan-2025 09:00PM", "Diskominfo Kalsel Pastikan Link Pendaftaran Bantuan Banjir Rp 3,5 Juta Hoaks",
          "Antara Kalsel", "6000", 5, "Banjir"),
    _social("17-Jan-2025 10:00AM", "sasirangan_27",
            f"Hati-hati dulur, link bantuan banjir 3,5 juta itu penipuan, sudah diklarifikasi Diskominfo {LINK}", "", 6),
    # HKS-01: support and denial together, for a person to decide
    _social("18-Jan-2025 08:00AM", "nanang_alabio",
            "Ini bukan hoaks dulur, bantuan banjir 3,5 juta per KK beneran, walau katanya sudah dibantah Pemprov", "400", 7),
    # HKS-02 spreads
    _social("24-Jan-2025 08:00AM", "ading_martapura",
            "INFO: seluruh sekolah se-Kalimantan Selatan diliburkan dua minggu karena wabah, anak belajar di rumah",
            "500", 8, "Pendidikan"),
    _social("25-Jan-2025 09:00AM", "soto_bawang",
            "Alhamdulillah sekolah di Kalsel libur dua minggu karena wabah, jaga anak-anak dulur", "700", 9, "Pendidikan"),
    _social("29-Jan-2025 10:00AM", "lanting_bjm",
            "Surat edaran: seluruh sekolah di Kalimantan Selatan diliburkan dua minggu karena wabah", "300", 10,
            "Pendidikan"),
    # true stories on the same topics
    _news("16-Jan-2025 10:00AM", "Dinsos Kalsel Salurkan 25 Ton Beras untuk Korban Banjir Hulu Sungai Tengah",
          "Kalsel Pos", "5000", 11, "Banjir"),
    _news("17-Jan-2025 02:00PM", "Posko Banjir Barabai Butuh Relawan Dapur Umum", "Jejakrekam.com", "4000", 12,
          "Banjir"),
    _news("24-Jan-2025 11:00AM", "SDN Alalak Utara 3 Diliburkan Sementara karena Banjir Rendam Ruang Kelas",
          "Kalsel Pos", "3000", 13, "Pendidikan"),
    _news("27-Jan-2025 09:00AM", "Disdikbud Kalsel Rehabilitasi 214 Ruang Kelas SMA Tahun Ini", "Antara Kalsel",
          "2000", 14, "Pendidikan"),
] + [
    _news(f"{d:02d}-Jan-2025 0{h}:00AM", title, "Kalsel Pos", "1000", 20 + 10 * d + h, issue)
    for d in range(2, 30, 3)
    for h, (title, issue) in enumerate(
        [("Harga Cabai di Pasar Banjarmasin Naik Jelang Akhir Pekan", "Ekonomi"),
         ("Pemprov Kalsel Gelar Rapat Koordinasi Pengendalian Inflasi Daerah", "Ekonomi"),
         ("Puskesmas Banjarbaru Layani Imunisasi Anak Setiap Kamis", "Kesehatan")],
        start=1,
    )
]  # fmt: skip


def write_landing(home: Path) -> None:
    """The register, the update, the media export and Diskominfo's Instagram clarification."""
    landing = home / "landing"
    write(landing / "media" / "meltwater_pantauan_hoaks_2025-01.csv", csv_text(MELTWATER_HEADER, MENTIONS),
          exported="2025-02-01")  # fmt: skip
    register = write_xlsx(
        landing / "hoaxes" / "daftar_hoaks_2025-01.xlsx",
        [
            "id_hoaks",
            "pertama_terlihat",
            "klaim",
            "kata_kunci",
            "kategori",
            "isu",
            "wilayah",
            "tautan_klarifikasi",
            "waktu_klarifikasi",
            "sumber",
        ],  # fmt: skip
        [
            {
                "id_hoaks": "hks-01",
                "pertama_terlihat": "16/01/2025 09:00",
                "klaim": CLAIM_1,
                "kata_kunci": "bantuan-banjir-kalsel",
                "kategori": "Hoaks",
                "isu": "Banjir",
                "sumber": "Diskominfo Kalsel",
            },
            {
                "pertama_terlihat": "24/01/2025 07:00",
                "klaim": CLAIM_2,
                "kata_kunci": "sekolah libur dua minggu",
                "kategori": "hoax",
                "isu": "pendidikan",
                "sumber": "Disdikbud Kalsel",
            },
        ],  # fmt: skip
    )
    stamp = datetime(2025, 1, 16, 9, tzinfo=ZoneInfo("Asia/Makassar")).timestamp()
    os.utime(register, (stamp, stamp))  # saved before the update below: ingested first
    write(
        landing / "hoaxes" / "hoax_register_update_2025-01-17.csv",
        table_text(
            [
                "hoax_id",
                "first_seen",
                "claim",
                "keywords",
                "category",
                "issue",
                "region",
                "klarifikasi_url",
                "klarifikasi_at",
                "source",
            ],  # fmt: skip
            [["HKS-01", "", "", "", "", "", "", LINK, "2025-01-16T20:00:00+08:00", ""]],
        ),
        exported="2025-01-17",
    )
    write(
        landing / "platform" / "diskominfokalsel" / "instagram_posts_2025-01.csv",
        "\ufeff"
        + table_text(
            INSTAGRAM_HEADER,
            [
                by_name(
                    INSTAGRAM_HEADER,
                    Post_ID="17900000000000091",
                    Account_ID="7",
                    Account_username="diskominfokalsel",
                    Description="[HOAKS] Link pendaftaran bantuan korban banjir Rp3,5 juta per KK mengatasnamakan "
                    f"Pemprov Kalsel. Pemprov tidak membuka pendaftaran lewat blogspot. Penjelasan: {LINK}",
                    Publish_time="01/16/2025 20:05",
                    Permalink="https://www.instagram.com/p/HOAKS01/",
                    Post_type="IG image",
                    Views="12000",
                    Reach="9000",
                    Likes="700",
                    Comments="90",
                    Shares="300",
                    Saves="40",
                )
            ],
        ),
        exported="2025-02-01",
    )
