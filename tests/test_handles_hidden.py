"""A private person's handle is kept nowhere in clear text by ingestion: not in a damaged line set
aside (whatever cell the damage moved it to, inside links, as an @mention), not in the links and
texts of loaded rows, not in an official post's caption. The expected values are computed with
the standard library alone (``hmac``), not with ``ingestion.pseudonyms``."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from pathlib import Path

import duckdb
import pytest
from exports import GENERIC_HEADER, csv_lines, meltwater_row, write_meltwater

from ingestion.load import ingest_media

PRIVATE = "budi_warga99"
GOOD = {"date": "2025-03-01 07:45", "outlet": "X", "issue": "Infrastruktur", "sentiment": "negatif"}


def alias(handle: str) -> str:
    """The documented pseudonym: anon- and 16 hex digits of HMAC-SHA256(key, lower-case handle)."""
    key = os.environ["CITRA_PSEUDONYM_KEY"].encode("utf-8")
    return "anon-" + hmac.new(key, handle.lower().encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def hidden(text: str, handle: str = PRIVATE) -> str:
    return re.sub(re.escape(handle), alias(handle), text, flags=re.IGNORECASE)


def post(i: int, **values: str) -> dict[str, str]:
    """A post of the private person on X: his handle as author, in the link and in the text."""
    return {
        **GOOD,
        "title": f"Jalan rusak {i}",
        "url": f"https://x.com/Budi_Warga99/status/{i}",
        "snippet": f"kata @{PRIVATE}: banjir lagi",
        "media_type": "social",
        "platform": "x",
        "author": "@Budi_Warga99",
        "document_id": f"s-{i}",
        **values,
    }


def ingest(home: Path, name: str, data: bytes):
    (home / "landing" / "media" / name).write_bytes(data)
    report = ingest_media(home / "warehouse.duckdb", home / "landing" / "media", home / "quarantine")
    return report.outcomes[-1]


def damaged_lines(home: Path, name: str) -> list[str]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute(
            "select raw_values from raw.ingest_rejects where file_name = ? and column_name = 'line' order by source_row",
            [name],
        ).fetchall()
    return [json.loads(r[0])["line"] for r in rows]


def generic_file(damage: str) -> tuple[bytes, str]:
    """Three posts; the middle one damaged as ``damage`` says (the last one for a cut). Returns
    the file and the damaged line as written."""
    lines = csv_lines(GENERIC_HEADER, [post(1), post(2), post(3)])
    at = 3 if damage == "cut_off" else 2
    line = lines[at]
    if damage == "extra_comma_in_title":  # the author moves one cell right
        line = line.replace("Jalan rusak 2", "Jalan, rusak 2")
    elif damage == "lost_comma":  # outlet and media type run together: the author moves one cell left
        line = line.replace("X,social", "X social")
    elif damage == "stray_quote":  # a quote opens in the snippet and never closes
        line = line.replace(f"kata @{PRIVATE}", f'"kata @{PRIVATE}')
    elif damage == "nul_byte":
        line = line.replace("Jalan rusak 2", "Jalan\x00rusak 2")
    elif damage == "cut_off":  # the download stopped after the author cell
        line = line[: line.index("@Budi_Warga99") + len("@Budi_Warga99") + 6]
    lines[at] = line
    return "".join(lines).encode("utf-8"), line.rstrip("\r\n")


@pytest.mark.parametrize("damage", ["extra_comma_in_title", "lost_comma", "stray_quote", "nul_byte", "cut_off"])
def test_a_damaged_template_line_keeps_the_private_handle_only_as_its_pseudonym(citra_home: Path, damage: str) -> None:
    """Catches: only the cell at the author column's position pseudonymized (the damage moved the
    author elsewhere), the handle left in the post's link or in an @mention of the text."""
    data, line = generic_file(damage)
    outcome = ingest(citra_home, "sosmed.csv", data)
    assert (outcome.rows_loaded, outcome.rows_rejected) == (2, 1), outcome.message
    assert damaged_lines(citra_home, "sosmed.csv") == [hidden(line)]


def test_a_damaged_meltwater_line_hides_the_handle_in_author_links_screen_name_and_bio(citra_home: Path) -> None:
    """Catches: the cells a Meltwater line carries besides the author (Twitter Screen Name, User
    Profile Url, Hit Sentence) kept in clear text when a stray tab shifted the line."""

    def row(i: int) -> dict[str, str]:
        return meltwater_row(
            Date="06-Feb-2025 03:03PM",
            Headline=f"Kata @{PRIVATE.upper()} soal banjir {i}",
            URL=f"https://twitter.com/Budi_Warga99/status/{i}",
            Opening_Text="jalan rusak",
            Hit_Sentence=f"budi_warga99: jalan rusak {i}",
            Source="Twitter",
            Influencer="@Budi_Warga99",
            Sentiment="Negative",
            Input_Name="Banjir",
            Twitter_Screen_Name="Budi_Warga99",
            User_Profile_Url="https://twitter.com/Budi_Warga99",
            Twitter_Bio="Warga Banjarmasin, cc @diskominfokalsel",
            Document_ID=f"m-{i}",
        )

    path = write_meltwater(citra_home / "landing" / "media" / "mw.csv", [row(i) for i in range(3)], utf16=True)
    text = path.read_bytes().decode("utf-16")
    line = text.split("\r\n")[2]
    damaged = line.replace("soal banjir 1", "soal\tbanjir 1")
    path.write_bytes(("\ufeff" + text.lstrip("\ufeff").replace(line, damaged)).encode("utf-16-le"))
    outcome = ingest_media(citra_home / "warehouse.duckdb", path.parent, citra_home / "quarantine").outcomes[0]
    assert (outcome.rows_loaded, outcome.rows_rejected) == (2, 1), outcome.message
    assert "\thttps://twitter.com/Budi_Warga99\t" in damaged and "@diskominfokalsel" in damaged  # cells filled
    assert damaged_lines(citra_home, "mw.csv") == [hidden(damaged)]


def test_a_known_private_author_is_found_in_a_damaged_line_wherever_the_damage_put_him(citra_home: Path) -> None:
    """Catches: a handle missed when it is neither where the author column says nor where one
    shift would move it, nor in a link or an @mention: two extra commas (one before the author,
    one after) and an Instagram link that names no account. He posted before, so his pseudonym
    is a loaded author, and the line's words are looked up by pseudonym."""
    ingest(citra_home, "lama.csv", "".join(csv_lines(GENERIC_HEADER, [post(1)])).encode())
    row = post(2, url="https://www.instagram.com/p/CXyZ12/", snippet="banjir lagi", platform="instagram")
    row["author"] = PRIVATE
    line = csv_lines(GENERIC_HEADER, [row])[1].replace("Jalan rusak 2", "Jalan, rusak 2")
    line = line.replace("Infrastruktur", "Infra,struktur")
    outcome = ingest(citra_home, "baru.csv", ("".join(csv_lines(GENERIC_HEADER, [])) + line).encode())
    assert (outcome.rows_loaded, outcome.rows_rejected) == (0, 1), outcome.message
    [kept] = damaged_lines(citra_home, "baru.csv")
    assert PRIVATE not in kept.lower() and alias(PRIVATE) in kept
    assert "https://www.instagram.com/p/CXyZ12/" in kept and "banjir lagi" in kept


def test_an_official_accounts_damaged_line_is_kept_as_written(citra_home: Path) -> None:
    """Catches: an official account (or a word of the export's vocabularies next to the author,
    such as the platform) replaced by a pseudonym: staff could no longer read the line."""
    row = post(2, url="https://x.com/diskominfokalsel/status/2", author="@diskominfokalsel", snippet="info @bpbdkalsel")
    line = csv_lines(GENERIC_HEADER, [row])[1].replace("Jalan rusak 2", "Jalan, rusak 2")
    outcome = ingest(citra_home, "resmi.csv", ("".join(csv_lines(GENERIC_HEADER, [])) + line).encode())
    assert outcome.rows_rejected == 1
    assert damaged_lines(citra_home, "resmi.csv") == [line.rstrip("\r\n")]


def test_loaded_rows_hide_private_links_and_mentions_but_keep_journalists_officials_and_emails(
    citra_home: Path,
) -> None:
    """Catches: a private person's @mention in a news text, a news row's link to his post, or a
    social row without an author whose link names him, loaded in clear text; and the opposite
    mistake: a journalist, an official account or an e-mail address made unreadable."""
    news = {
        **GOOD,
        "title": "Warganet keluhkan jalan",
        "url": f"https://x.com/{PRIVATE}/status/9",
        "snippet": f"Warganet @{PRIVATE} mengeluh; hubungi humas@kalselprov.go.id atau @diskominfokalsel",
        "outlet": "Banjarmasin Post",
        "media_type": "online",
        "author": "Rina Wartawati",
        "document_id": "n-1",
    }
    unsigned = {
        **GOOD,
        "title": f"video {PRIVATE} viral",
        "url": f"https://www.tiktok.com/@{PRIVATE}/video/7",
        "outlet": "TikTok",
        "media_type": "social",
        "platform": "tiktok",
        "document_id": "t-1",
    }
    ingest(citra_home, "campur.csv", "".join(csv_lines(GENERIC_HEADER, [news, unsigned])).encode())
    with duckdb.connect(str(citra_home / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute(
            "select document_id, title, url, snippet, author from raw.media_mentions order by document_id"
        ).fetchall()
    assert rows == [
        ("n-1", news["title"], hidden(news["url"]), hidden(news["snippet"]), "Rina Wartawati"),
        ("t-1", hidden(unsigned["title"]), hidden(unsigned["url"]), None, None),
    ]


def test_an_official_posts_caption_hides_the_residents_it_mentions(citra_home: Path) -> None:
    """Catches: raw.platform_posts keeping the caption of an official post as written, with the
    handle of the resident it thanks; the post's own link and account stay readable."""
    from platform_exports import INSTAGRAM_HEADER, by_name, table_text, write

    from ingestion.platforms.load import ingest_platforms

    caption = f"Terima kasih @{PRIVATE} atas laporannya, cc @dinkeskalsel"
    row = by_name(
        INSTAGRAM_HEADER,
        Post_ID="p1",
        Account_ID="9",
        Account_username="diskominfokalsel",
        Description=caption,
        Publish_time="02/13/2025 07:00",
        Permalink="https://www.instagram.com/p/Cabc1/",
        Post_type="IG image",
        Reach="10",
        Likes="5",
    )
    landing = citra_home / "landing" / "platform"
    write(landing / "diskominfokalsel" / "ig.csv", table_text(INSTAGRAM_HEADER, [row]))
    outcome = ingest_platforms(citra_home / "warehouse.duckdb", landing, citra_home / "quarantine").outcomes[0]
    assert outcome.rows_loaded == 1, outcome.message
    with duckdb.connect(str(citra_home / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("select account, text, url from raw.platform_posts").fetchall() == [
            ("diskominfokalsel", hidden(caption), "https://www.instagram.com/p/Cabc1/")
        ]


@pytest.mark.parametrize(
    ("text", "accounts"),
    [
        ("https://x.com/Budi_99/status/1", ["Budi_99"]),
        ("twitter.com/budi_99 dan mobile.twitter.com/siti_w", ["budi_99", "siti_w"]),
        ("https://www.instagram.com/p/CXyZ12/ instagram.com/reel/abc", []),
        ("instagram.com/budi.w/ https://instagram.com/stories/siti.w/123", ["budi.w", "siti.w"]),
        ("https://www.tiktok.com/@budi99/video/7?lang=id tiktok.com/tag/banjir", ["budi99"]),
        ("https://m.facebook.com/budi.santoso/posts/1 facebook.com/groups/warga/", ["budi.santoso"]),
        ("facebook.com/profile.php?id=100012345 fb.com/people/Siti-W/1000", ["100012345", "Siti-W"]),
        ("youtube.com/@budichan youtube.com/watch?v=x youtube.com/c/SitiTV", ["budichan", "SitiTV"]),
        ("x.com/i/web/status/1 box.com/budi nx.com/budi https://kalsel.antaranews.com/berita/1", []),
        ("lihat x.com/budi.", ["budi"]),
    ],
)
def test_social_links_name_accounts_but_not_the_platforms_own_pages_or_other_sites(
    text: str, accounts: list[str]
) -> None:
    """Catches: a platform page (instagram.com/p/..., x.com/i/...) taken for an account and
    replaced (the link breaks), another site's path (box.com/budi) taken for one, or an account
    missed in a profile link, a subdomain, a story, a TikTok or YouTube @ path."""
    from ingestion.handles import link_accounts

    assert [h for _, _, h in link_accounts(text)] == accounts


@pytest.mark.parametrize(
    ("text", "handles"),
    [
        ("kata @budi_w: jalan rusak, cc @diskominfokalsel", ["budi_w", "diskominfokalsel"]),
        ("hubungi humas@kalselprov.go.id atau siti.w@gmail.com", []),
        ("=@SUM(A1:A9) dan @HYPERLINK(x)", []),
        ("(@budi.w) dan @budi-lah.", ["budi.w", "budi-lah"]),
    ],
)
def test_mentions_are_handles_after_an_at_sign_not_emails_or_spreadsheet_functions(
    text: str, handles: list[str]
) -> None:
    """Catches: an e-mail address or a formula kept as text (@SUM(...)) replaced by a pseudonym, or
    a mention in brackets or before a full stop missed."""
    from ingestion.handles import mentions

    assert [h for _, _, h in mentions(text)] == handles
