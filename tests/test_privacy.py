"""Private social-media authors are pseudonymized at ingestion: their handles never reach the
marts, the serving copy or the reject table; outlets, official accounts and journalists stay readable."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import duckdb
import pytest
from dbt.adapters.duckdb.connections import DuckDBConnectionManager
from dbt.cli.main import dbtRunner
from exports import GENERIC_HEADER, csv_text

from ingestion.load import ingest_media
from ingestion.normalize import quote_ident
from ingestion.pseudonyms import key_path, pseudonym_key, pseudonymize
from sample_data.generate import generate

ROOT = Path(__file__).resolve().parents[1]
PRIVATE = "budi_warga99"
BASE = {"date": "2025-03-03 10:00", "issue": "Infrastruktur", "sentiment": "negatif", "reach": "120"}
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
]


def _ingest(home: Path) -> None:
    ingest_media(home / "warehouse.duckdb", home / "landing" / "media", home / "quarantine")


def _text_cells(path: Path, schemas: tuple[str, ...]) -> list[str]:
    """Every text cell of every table in ``schemas``."""
    with duckdb.connect(str(path), read_only=True) as con:
        columns = con.execute(
            """select table_schema, table_name, column_name from information_schema.columns
               where table_schema in (select unnest($s::varchar[])) and data_type = 'VARCHAR'""",
            {"s": list(schemas)},
        ).fetchall()
        cells: list[str] = []
        for schema, table, column in columns:
            col = quote_ident(column)
            cells += [
                r[0]
                for r in con.execute(
                    f"select distinct {col} from {quote_ident(schema)}.{quote_ident(table)} where {col} is not null"
                ).fetchall()
            ]
    return cells


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("privacy")
    generate(home, mentions=400, months=1)
    (home / "landing" / "media" / "kliping_privasi.csv").write_text(csv_text(GENERIC_HEADER, ROWS), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CITRA_HOME", str(home))
        mp.delenv("CITRA_WAREHOUSE", raising=False)
        mp.delenv("CITRA_PSEUDONYM_KEY", raising=False)
        mp.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
        _ingest(home)
        result = dbtRunner().invoke(
            [
                "build",
                "--project-dir",
                str(ROOT),
                "--profiles-dir",
                str(ROOT),
                "--target-path",
                str(home / "target"),
                "--log-path",
                str(home / "logs"),
                "--quiet",
            ]
        )
        DuckDBConnectionManager.close_all_connections()
    assert result.success, f"dbt build failed: {result.exception or result.result}"
    return home


@pytest.mark.slow
def test_no_private_handle_reaches_the_marts_or_the_serving_copy(built: Path) -> None:
    sample_handles = {a.lstrip("@").lower() for a in sample_private_handles(built / "landing" / "media")}
    for path in [built / "warehouse.duckdb", built / "serving" / "citra.duckdb"]:
        if not path.exists():
            continue
        cells = [c.lower() for c in _text_cells(path, ("marts", "main_marts", "serving", "main"))]
        assert cells
        assert not [c for c in cells if PRIVATE in c]
        leaked = {h for h in sample_handles if any(h in c for c in cells)}
        assert leaked == set()


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
