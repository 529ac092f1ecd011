"""The hoax tracing step at scale, against a baseline measured in the same command: one DuckDB
scan of the same mentions for every claim's words (what any search of them must read).

The tracing step re-traces every registered hoax on every build (a register row may claim last
month's mentions), over the newest export of each mention from the earliest hoax's window on:
``hoaxes`` hoaxes spread over the months, against ``mentions`` synthetic mentions over 12 months
(raw.media_mentions, SQL ``generate_series``), of which 0.1 % repeat a claim.
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from hoaxes.settings import HoaxSettings
from hoaxes.warehouse import trace_warehouse
from ingestion.schema import create_raw_schema
from ingestion.sqlfunctions import prepare_connection

START = datetime(2025, 1, 1, tzinfo=UTC)
CLAIMS = [
    "Pendaftaran bantuan korban banjir Rp 3,5 juta per KK lewat link bantuan-banjir-kalsel.blogspot.com",
    "Seluruh sekolah di Kalimantan Selatan diliburkan dua minggu karena wabah",
    "Jembatan Alalak retak parah dan ditutup permanen mulai pekan depan",
    "Pasar Terapung Lok Baintan ditutup permanen oleh pemerintah mulai bulan depan",
    "Air PDAM Bandarmasih tercemar bakteri E coli, warga dilarang minum air ledeng",
]
MENTIONS_SQL = """
    insert into raw.media_mentions (mention_id, source_file_id, source_row, vendor, profile, published_at, title,
                                    snippet, url, outlet, media_type, platform, author, reach, export_date, ingested_at)
    select 'm' || i, 'f', i, 'meltwater', 'meltwater', $start + to_seconds((i * 7919) % (365 * 86400)),
           case when i % 1000 = 7 then $claims[1 + (i // 1000) % 5]
                when i % 5 = 0 then 'Harga cabai di pasar Banjarmasin naik ' || (i % 97) || ' persen jelang akhir pekan'
                when i % 5 = 1 then 'Dinsos Kalsel salurkan bantuan beras untuk korban banjir di desa ' || (i % 300)
                when i % 5 = 2 then 'Sekolah di kecamatan ' || (i % 150) || ' gelar lomba kebersihan kelas'
                when i % 5 = 3 then 'Jembatan desa ' || (i % 400) || ' diperbaiki Dinas PUPR tahun ini'
                else 'Gubernur Kalsel resmikan pasar rakyat di kecamatan ' || (i % 150) end,
           null, 'https://example.invalid/' || i, 'Media ' || (i % 300), 'online', null, null, 1000 + i % 5000,
           date '2025-12-31', now()
    from generate_series(0, $rows - 1) as g(i)
"""


def main(mentions: int, hoaxes: int = 20) -> None:
    with tempfile.TemporaryDirectory(prefix="citra-bench-hoaxes-") as work:
        con = duckdb.connect(str(Path(work) / "warehouse.duckdb"))
        create_raw_schema(con)
        prepare_connection(con)
        con.execute(MENTIONS_SQL, {"rows": mentions, "start": START, "claims": CLAIMS})
        for n in range(hoaxes):
            con.execute(
                "insert into raw.hoax_register (hoax_id, claim, claim_key, first_seen, source_file_id, source_row, "
                "profile, ingested_at) values (?, ?, ?, ?, 'r', ?, 'hoax_register', now())",
                [f"HX-{n}", f"{CLAIMS[n % len(CLAIMS)]} ({n})", f"k{n}", START + timedelta(days=18 * n), n + 2],
            )
        started = time.perf_counter()
        words = " ".join(CLAIMS).lower().split()
        con.execute(
            "select count(*) from raw.media_mentions where list_has_any(string_split(lower(title), ' '), ?)", [words]
        ).fetchall()
        baseline = time.perf_counter() - started
        started = time.perf_counter()
        run = trace_warehouse(con, HoaxSettings())
        traced = time.perf_counter() - started
        con.close()
    print(f"Hoax tracing benchmark: {mentions:,} mentions over 12 months, {hoaxes} registered hoaxes")
    print(f"{'step':<58} {'seconds':>8}")
    print(f"{'baseline: one scan of the mentions for the claims words':<58} {baseline:>8.2f}")
    print(f"{'trace_warehouse (candidates, scores, roles, write)':<58} {traced:>8.2f}")
    accepted = sum(t.band == "accept" for t in run.mentions)
    print(f"traced {len(run.mentions):,} pairs ({accepted:,} accepted) of {run.hoaxes} hoaxes")
