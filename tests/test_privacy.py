"""Private social-media authors are pseudonymized at ingestion: after a full `citra build`
(serving published, report written) no private handle is in clear text anywhere the build
writes (``surfaces``: every schema of the warehouse, raw included, and of the serving copy, the
Parquet files, the report's HTML and PDF text, Dagster's event log and run storage, compute
logs, dbt's logs, Citra's logs), though it was planted in author cells, links and texts, in good
and damaged lines of a generic template and a Meltwater export, in a correction and an official
post's caption (``planted_privacy``). Only landing/ and quarantine/ hold it. Outlets, official
accounts and journalists stay readable."""

from __future__ import annotations

import io
import json
import stat
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

import duckdb
import pytest
from exports import GENERIC_HEADER, csv_text
from planted_privacy import DAMAGED, MELTWATER_FILE, PRIVATE, write_planted
from surfaces import build_surfaces, leaks

from ingestion.pseudonyms import key_path, pseudonym_key, pseudonymize
from orchestration.cli import main
from sample_data.generate import generate

TODAY = "2025-04-10"  # the report is the one of March 2025, the month of the rows below
BASE = {"date": "2025-03-03 10:00", "issue": "Infrastruktur", "sentiment": "negatif", "reach": "120"}
# a burst of negative posts by one private person on 3 March, so that the report's burst table
# lists headlines that name him
BURST = [
    {
        **BASE,
        "date": f"2025-03-03 {8 + i // 6:02d}:{(i * 7) % 60:02d}",
        "title": f"kata @{PRIVATE}: jalan rusak parah ({i})",
        "url": f"https://www.tiktok.com/@{PRIVATE}/video/9{i:02d}",
        "outlet": "TikTok",
        "media_type": "social",
        "platform": "tiktok",
        "author": f"@{PRIVATE}",
    }
    for i in range(16)
]
ROWS = [
    {
        **BASE,
        "title": "Jalan rusak lagi",
        "url": f"https://www.tiktok.com/@{PRIVATE}/video/123",
        "outlet": "TikTok",
        "media_type": "social",
        "platform": "tiktok",
        "author": "@Budi_Warga99",
        "snippet": f"kata @{PRIVATE}: parah",
    },
    {
        **BASE,
        "title": "Perbaikan jalan dimulai",
        "url": "https://www.tiktok.com/@diskominfokalsel/video/5",
        "outlet": "TikTok",
        "media_type": "social",
        "platform": "tiktok",
        "author": "@diskominfokalsel",
        "sentiment": "netral",
    },
    {
        **BASE,
        "title": "Warga keluhkan jalan rusak",
        "url": "https://banjarmasinpost.co.id/berita/1",
        "outlet": "Banjarmasin Post",
        "media_type": "online",
        "author": "Rina Wartawati",
    },
    {
        **BASE,
        "title": "Baris rusak",
        "url": f"https://www.tiktok.com/@{PRIVATE}/video/124",
        "outlet": "TikTok",
        "media_type": "social",
        "platform": "tiktok",
        "author": "@budi_warga99",
        "sentiment": "sangat buruk",
    },
    *BURST,
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two months of sample exports with private social authors, plus the rows above, through
    `citra build` with the key in the key file (as an office runs it)."""
    home = tmp_path_factory.mktemp("privacy")
    output = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, redirect_stdout(output), redirect_stderr(output):
        mp.setenv("CITRA_TODAY", TODAY)
        generate(home, mentions=500, seed=5, last_month=date(2025, 3, 1), months=2)
        (home / "landing" / "media" / "kliping_privasi.csv").write_text(
            csv_text(GENERIC_HEADER, ROWS), encoding="utf-8"
        )
        write_planted(home)
        mp.setenv("CITRA_HOME", str(home))
        mp.delenv("CITRA_WAREHOUSE", raising=False)
        mp.delenv("CITRA_PSEUDONYM_KEY", raising=False)
        mp.setenv("DAGSTER_HOME", str(home / "dagster"))
        code = main(["build"])
    assert code == 0, output.getvalue()[-3000:]
    (home / "build_output.txt").write_text(output.getvalue(), encoding="utf-8")
    return home


@pytest.mark.slow
def test_no_private_handle_is_in_clear_text_anywhere_a_build_writes(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Catches a clear handle in any byte a build writes but the office's own files; and a scan
    that looked at nothing about him (his pseudonym must be where his mentions are)."""
    handles = {PRIVATE} | {h.lstrip("@").lower() for h in sample_private_handles(built / "landing" / "media")}
    output = (built / "build_output.txt").read_text(encoding="utf-8")
    surfaces = build_surfaces(built, "2025-03", monkeypatch, output)
    assert leaks(surfaces, handles) == {}
    assert {"file dagster/history/runs.db", "logs", "dagster events"} <= set(surfaces)
    assert any(name.startswith("dbt target/") and name.endswith("dbt.log") for name in surfaces)
    monkeypatch.delenv("CITRA_PSEUDONYM_KEY", raising=False)
    alias = pseudonymize(PRIVATE, pseudonym_key(built)).lower()
    holding = {name for name, text in surfaces.items() if alias in text}
    assert {"warehouse", "serving/citra.duckdb", "serving/parquet", "report html", "report pdf"} <= holding


@pytest.mark.slow
def test_the_planted_damaged_lines_correction_and_caption_are_kept_with_his_pseudonym(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Catches a planted file that never reached the warehouse (the scan above would pass for
    the wrong reason): each damaged line is set aside holding his pseudonym, the correction
    named by his post's link (typed in clear) matched his mention, the caption was loaded."""
    monkeypatch.delenv("CITRA_PSEUDONYM_KEY", raising=False)
    alias = pseudonymize(PRIVATE, pseudonym_key(built))
    with duckdb.connect(str(built / "warehouse.duckdb"), read_only=True) as con:
        damaged = con.execute(
            """select file_name, count(*), count(*) filter (where contains(raw_values, ?)) from raw.ingest_rejects
               where column_name = 'line' and file_name in (?, ?) group by file_name""",
            [alias, *DAMAGED],
        ).fetchall()
        corrections = con.execute(
            """select c.url, c.reason, m.document_id from raw.label_corrections c
               join raw.media_mentions m using (mention_id) where c.corrected_by = 'Rina'"""
        ).fetchall()
        caption = con.execute("select text from raw.platform_posts where post_id = 'privasi-1'").fetchall()
        melt = con.execute(
            "select count(*) from raw.media_mentions m join raw.ingest_files f on f.file_id = m.source_file_id"
            " where f.file_name = ?",
            [MELTWATER_FILE],
        ).fetchall()
    assert sorted(damaged) == sorted((name, n, n) for name, n in DAMAGED.items())
    assert corrections == [(f"https://x.com/{alias}/status/501", f"@{alias} hanya bertanya", "pv-1")]
    assert caption == [(f"Terima kasih @{alias} atas laporannya https://x.com/{alias}/status/501",)]
    assert melt == [(3,)]


def sample_private_handles(landing: Path) -> set[str]:
    """Handles of private authors in the generated Meltwater exports (their Influencer column)."""
    import polars as pl

    handles: set[str] = set()
    for path in landing.glob("meltwater_*.csv"):
        raw = path.read_bytes()
        text = raw.decode("utf-16") if raw[:2] == b"\xff\xfe" else raw.decode("utf-8-sig")
        frame = pl.read_csv(text.encode(), separator="\t" if raw[:2] == b"\xff\xfe" else ",", infer_schema=False)
        handles |= {h for h in frame["Influencer"].drop_nulls().to_list() if h.startswith("@")}
    assert handles
    return handles


@pytest.mark.slow
def test_private_author_becomes_a_stable_pseudonym_while_official_accounts_and_journalists_stay(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CITRA_PSEUDONYM_KEY", raising=False)  # the build used the key file
    expected = pseudonymize(PRIVATE, pseudonym_key(built))
    with duckdb.connect(str(built / "warehouse.duckdb"), read_only=True) as con:
        rows = dict(
            con.execute(
                "select title, author from marts.fct_mentions where title in "
                "('Jalan rusak lagi', 'Perbaikan jalan dimulai', 'Warga keluhkan jalan rusak')"
            ).fetchall()
        )
        url = con.execute("select url from marts.fct_mentions where title = 'Jalan rusak lagi'").fetchall()[0][0]
    assert rows == {
        "Jalan rusak lagi": expected,
        "Perbaikan jalan dimulai": "@diskominfokalsel",
        "Warga keluhkan jalan rusak": "Rina Wartawati",
    }
    assert url == f"https://www.tiktok.com/@{expected}/video/123"


@pytest.mark.slow
def test_rejected_rows_keep_no_private_handle_in_their_raw_values(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CITRA_PSEUDONYM_KEY", raising=False)  # the build used the key file
    with duckdb.connect(str(built / "warehouse.duckdb"), read_only=True) as con:
        raw = con.execute(
            "select raw_values from raw.ingest_rejects where file_name = 'kliping_privasi.csv'"
        ).fetchall()
    assert len(raw) == 1
    values = json.loads(raw[0][0])
    assert values["author"] == pseudonymize(PRIVATE, pseudonym_key(built))
    assert PRIVATE not in raw[0][0].lower() and values["title"] == "Baris rusak"


def test_the_key_file_is_created_once_readable_by_the_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CITRA_PSEUDONYM_KEY", raising=False)
    first = pseudonym_key(tmp_path)
    assert stat.S_IMODE(key_path(tmp_path).stat().st_mode) == 0o600
    assert pseudonym_key(tmp_path) == first and len(first) == 64
    monkeypatch.setenv("CITRA_PSEUDONYM_KEY", "kunci dari lingkungan")
    assert pseudonym_key(tmp_path) == b"kunci dari lingkungan"
    assert pseudonymize("@Budi", first) == pseudonymize("budi", first) != pseudonymize("budi", b"kunci lain")
