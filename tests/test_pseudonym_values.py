"""Pseudonyms are keyed HMAC-SHA256 values that must never change: an author's old and new rows
only match while every ingestion computes the same ``anon-`` value. The expected values here
come from the standard library alone (``hmac``, ``re``), not from ``ingestion.pseudonyms``."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from pathlib import Path

import duckdb
from exports import meltwater_row, write_meltwater

from ingestion.load import ingest_media

# handle forms as exports write them: case, a leading @, spaces and a tab around it, regex
# characters, letters beyond ASCII, and one too short to be searched for in texts
SPECIAL = ["\t@Budi.Santoso", "si+kuat", "Café_Ümit", "ab", "  @Ratna (Banua) "]
ROWS = 5000  # more than two of DuckDB's 2,048-row vectors, and more authors than re's 512-pattern cache


def handle_of(i: int) -> str | None:
    """Every third row is a news article without an author; the others are X posts."""
    if i % 3 == 0:
        return None
    if i % 50 == 1:
        return SPECIAL[(i // 50) % len(SPECIAL)]
    j = i % 900
    return [f"@Warga{j}", f"  warga{j} ", f"WARGA{j}"][i % 3 - 1] if i % 2 else f"warga{j}"


def row(i: int) -> dict[str, str]:
    handle = handle_of(i)
    if handle is None:
        return meltwater_row(
            Date="06-Feb-2025 03:03PM",
            Headline=f"Berita {i}",
            URL=f"https://kalsel.antaranews.com/berita/{i}",
            Opening_Text="Banjarmasin (ANTARA) - warga1 dan WARGA2 melapor",
            Source="Antara Kalsel",
            Sentiment="Neutral",
            Input_Name="Banjir",
            Document_ID=f"d-{i}",
        )
    shown = handle.strip().lstrip("@")
    return meltwater_row(
        Date="06-Feb-2025 03:03PM",
        Headline=f"Kata @{shown.upper()} soal banjir {i}",
        URL=f"https://x.com/{shown}/status/{i}",
        Opening_Text=f"{shown.swapcase()}: jalan rusak, kata {shown}",
        Source="X",
        Influencer=handle,
        Sentiment="Negative",
        Input_Name="Banjir",
        Document_ID=f"d-{i}",
    )


def expected(i: int) -> tuple[str | None, str, str, str]:
    """(author, title, url, snippet) by the documented rule, computed with the stdlib only."""
    key = os.environ["CITRA_PSEUDONYM_KEY"].encode("utf-8")
    original = row(i)
    title, url, snippet = original["Headline"], original["URL"], original["Opening Text"]
    handle = handle_of(i)
    if handle is None:
        return None, title, url, snippet
    clean = handle.strip().lstrip("@").strip().lower()
    alias = "anon-" + hmac.new(key, clean.encode("utf-8"), hashlib.sha256).hexdigest()[:16]
    if len(clean) < 3:
        return alias, title, url, snippet
    return alias, *(re.sub(re.escape(clean), alias, text, flags=re.IGNORECASE) for text in (title, url, snippet))


def test_pseudonyms_and_redacted_texts_equal_a_stdlib_hmac_of_each_handle(citra_home: Path) -> None:
    """Catches: a pseudonym computed another way (another normalization, a vectorized HMAC that
    hashes other bytes), a vector's pseudonyms put on the wrong rows, a news row given an author,
    and a handle left in clear text in a title, URL or snippet."""
    write_meltwater(citra_home / "landing" / "media" / "x.csv", [row(i) for i in range(ROWS)])
    report = ingest_media(citra_home / "warehouse.duckdb", citra_home / "landing" / "media", citra_home / "q")
    assert (report.rows_loaded, report.rows_rejected) == (ROWS, 0)
    with duckdb.connect(str(citra_home / "warehouse.duckdb"), read_only=True) as con:
        loaded = con.execute(
            "select document_id, author, title, url, snippet from raw.media_mentions order by source_row"
        ).fetchall()
    assert [r[0] for r in loaded] == [f"d-{i}" for i in range(ROWS)]
    mismatches = [(i, r[1:], expected(i)) for i, r in enumerate(loaded) if r[1:] != expected(i)]
    assert mismatches == []
    authors = {r[1] for r in loaded if r[1]}
    special = {expected(i)[0] for i in range(ROWS) if handle_of(i) in SPECIAL}
    assert len(authors) > 512 and len(special) == len(SPECIAL) and special <= authors
