"""A private person's handle planted everywhere an office's files can carry it, for the scan of
everything a build writes (``surfaces.build_surfaces``): author cells, post links (X, Twitter,
TikTok, profile links), headlines, snippets, Meltwater's screen-name, profile-link and keyword
cells, @mentions in other people's posts and in news, in good lines and in lines a download
damaged (an extra delimiter, a lost one, a stray quote, a NUL, a cut-off end), in a generic
template and in a Meltwater export; an analyst's correction naming his post by its link, with
an @mention in the reason; an official post thanking him. All in March 2025."""

from __future__ import annotations

from pathlib import Path

from exports import GENERIC_HEADER, csv_lines, meltwater_row, write_meltwater
from platform_exports import INSTAGRAM_HEADER, by_name, table_text, write

PRIVATE = "budi_warga99"
SHOWN = "Budi_Warga99"  # as the platforms show it: handles compare in lower case
GENERIC_FILE, MELTWATER_FILE = "kliping_rusak.csv", "mw_privasi.csv"
DAMAGED = {GENERIC_FILE: 5, MELTWATER_FILE: 2}  # damaged lines of each file, set aside
POST_URL = f"https://x.com/{SHOWN}/status/501"


def _post(i: int, **values: str) -> dict[str, str]:
    return {
        "date": f"2025-03-{10 + i:02d} 09:{i:02d}",
        "title": f"@{SHOWN} lapor drainase tersumbat {i}",
        "url": f"https://x.com/{SHOWN}/status/50{i}",
        "snippet": f"kata {PRIVATE}: air setinggi lutut",
        "outlet": "X",
        "media_type": "social",
        "platform": "x",
        "author": f"@{SHOWN}",
        "issue": "Infrastruktur",
        "sentiment": "negatif",
        "reach": "300",
        "document_id": f"pv-{i}",
        **values,
    }


def generic_lines() -> list[str]:
    """Header, three good lines (his post, a news article and another resident naming him) and
    five damaged copies of his posts, the last one cut off."""
    news = _post(
        2,
        title="Keluhan warganet soal drainase",
        url="https://banjarmasinpost.co.id/berita/77",
        snippet=f"Akun @{PRIVATE} mengunggah video https://www.tiktok.com/@{SHOWN}/video/77",
        outlet="Banjarmasin Post",
        media_type="online",
        platform="",
        author="Rina Wartawati",
    )
    reply = _post(3, title="Setuju", url="https://x.com/warga_lain/status/9", snippet=f"setuju @{PRIVATE}")
    reply["author"] = "@warga_lain"
    lines = csv_lines(GENERIC_HEADER, [_post(1), _post(4), news, _post(5), reply, _post(6), _post(7), _post(8)])
    lines[2] = lines[2].replace("drainase tersumbat 4", "drainase, tersumbat 4")  # lost its quotes
    lines[4] = lines[4].replace(f"kata {PRIVATE}", f'"kata {PRIVATE}')  # a quote that never closes
    lines[6] = lines[6].replace("drainase tersumbat 6", "drainase\x00tersumbat 6")
    lines[7] = lines[7].replace("X,social", "X social")  # a comma lost
    lines[8] = lines[8][: lines[8].index(f"@{SHOWN},") + len(SHOWN) + 8]  # the download stopped
    return lines


def meltwater_rows() -> list[dict[str, str]]:
    def tweet(i: int) -> dict[str, str]:
        return meltwater_row(
            Date=f"{10 + i:02d}-Mar-2025 09:15AM",
            Headline=f"Kata @{PRIVATE.upper()} soal banjir {i}",
            URL=f"https://twitter.com/{SHOWN}/status/60{i}",
            Opening_Text="banjir lagi di Kayu Tangi",
            Hit_Sentence=f"{SHOWN}: banjir lagi {i}",
            Source="Twitter",
            Influencer=f"@{SHOWN}",
            Reach="500",
            Sentiment="Negative",
            Input_Name="Banjir",
            Keywords=f"banjir, @{PRIVATE}",
            Twitter_Screen_Name=SHOWN,
            User_Profile_Url=f"https://twitter.com/{SHOWN}",
            Twitter_Bio="Warga Banjarmasin",
            Document_ID=f"mw-{i}",
        )

    news = meltwater_row(
        Date="12-Mar-2025 10:00AM",
        Headline="Banjir rendam Kayu Tangi",
        URL="https://kalsel.antaranews.com/berita/88",
        Opening_Text=f"warganet @{PRIVATE} melaporkan genangan",
        Source="Antara Kalsel",
        Influencer="Hasan Reporter",
        Sentiment="Negative",
        Input_Name="Banjir",
        Document_ID="mw-news",
    )
    return [tweet(1), tweet(2), news, tweet(3), tweet(4)]


def write_planted(home: Path) -> None:
    """The files above into ``home/landing``."""
    media = home / "landing" / "media"
    media.mkdir(parents=True, exist_ok=True)
    (media / GENERIC_FILE).write_bytes("".join(generic_lines()).encode("utf-8"))
    path = write_meltwater(media / MELTWATER_FILE, meltwater_rows(), utf16=True)
    text = path.read_bytes().decode("utf-16")
    lines = text.split("\r\n")
    lines[2] = lines[2].replace("soal banjir 2", "soal\tbanjir 2")  # an extra tab
    lines[4] = lines[4].replace("banjir lagi 3", "banjir\x00lagi 3")
    path.write_bytes("\r\n".join(lines).encode("utf-16"))
    corrections = home / "landing" / "corrections"
    corrections.mkdir(parents=True, exist_ok=True)
    (corrections / "koreksi_privasi.csv").write_text(
        "tautan,sentimen,oleh,alasan\n"
        f"{POST_URL},netral,Rina,@{PRIVATE} hanya bertanya\n"
        f"https://x.com/{SHOWN}/status/999,negatif,Rina,tidak ada di data\n",
        encoding="utf-8",
    )
    caption = f"Terima kasih @{PRIVATE} atas laporannya https://x.com/{SHOWN}/status/501"
    post = by_name(
        INSTAGRAM_HEADER,
        Post_ID="privasi-1",
        Account_ID="9",
        Account_username="diskominfokalsel",
        Description=caption,
        Publish_time="03/12/2025 07:00",
        Permalink="https://www.instagram.com/p/Cprivasi1/",
        Post_type="IG image",
        Reach="10",
        Likes="5",
    )
    write(home / "landing" / "platform" / "diskominfokalsel" / "ig_privasi.csv", table_text(INSTAGRAM_HEADER, [post]))
