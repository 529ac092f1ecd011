"""Ingestion speed and memory against DuckDB's bare ``read_csv`` of the same file.

Each step runs in its own child process so its peak memory (max RSS) is its own.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = (
    "Date, Headline, URL, Opening Text, Hit Sentence, Source, Influencer, Country, Subregion, "
    "Language, Reach, Desktop Reach, Mobile Reach, Twitter Social Echo, Facebook Social Echo, "
    "Reddit Social Echo, National Viewership, Engagement, AVE, Sentiment, Key Phrases, Input Name, "
    "Keywords, Twitter Authority, Tweet Id, Twitter Id, Twitter Client, Twitter Screen Name, "
    "User Profile Url, Twitter Bio, Twitter Followers, Twitter Following, Alternate Date Format, "
    "Time, State, City, Document Tags, Document ID"
).split(", ")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
SENTIMENTS = ["Positive", "Neutral", "Negative", "Not Rated"]
ISSUES = ["Pendidikan", "Ekonomi & UMKM", "Banjir", "Lingkungan/Tambang", "Kesehatan"]
SOCIAL_IN_20 = 7  # 35 % of the rows are posts of private social authors, as in the sample data


def write_export(path: Path, rows: int, utf16: bool) -> None:
    """A Meltwater-layout export of ``rows`` synthetic mentions, written in 100k-row chunks; 35 %
    are X posts of 5,000 private authors (their handles pseudonymized and redacted on ingestion)."""
    delimiter = "\t" if utf16 else ","
    encoding = "utf-16" if utf16 else "utf-8"
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(HEADER)
        for start in range(0, rows, 100_000):
            buf = io.StringIO()
            chunk = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
            for i in range(start, min(rows, start + 100_000)):
                row = dict.fromkeys(HEADER, "")
                row.update(
                    {
                        "Date": f"{1 + i % 28:02d}-{MONTHS[i % 12]}-2025 {1 + i % 12:02d}:{i % 60:02d}{'AM' if i % 2 else 'PM'}",
                        "Headline": f"Pemprov Kalsel bahas isu nomor {i} di Banjarmasin",
                        "URL": f"https://kalsel.antaranews.com/berita/{i}",
                        "Opening Text": "Banjarmasin (ANTARA) - Pemerintah provinsi menggelar rapat koordinasi.",
                        "Source": "Antara Kalsel",
                        "Country": "Indonesia",
                        "Language": "Indonesian",
                        "Reach": str(1000 + i % 50_000),
                        "Engagement": str(i % 300),
                        "AVE": "12.5",
                        "Sentiment": SENTIMENTS[i % 4],
                        "Input Name": ISSUES[i % 5],
                        "Document ID": f"mw-{i}",
                    }
                )
                if i % 20 < SOCIAL_IN_20:  # a post by a private person: pseudonymized and redacted
                    handle = f"Warga_Banua{i % 5000}"
                    row.update(
                        {
                            "URL": f"https://x.com/{handle}/status/{10**15 + i}",
                            "Source": "X",
                            "Influencer": f"@{handle}",
                            "Opening Text": f"@{handle}: jalan di Banjarbaru rusak lagi, mohon ditindak",
                        }
                    )
                chunk.writerow(row.values())
            fh.write(buf.getvalue())


CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import duckdb
step, path, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
start, cpu = time.perf_counter(), time.process_time()
if step == "duckdb_read_csv":
    enc = "utf-16" if "utf16" in path.name else "utf-8"
    con = duckdb.connect(str(work / "bare.duckdb"))
    con.execute("create or replace table t as select * from read_csv(?, encoding = ?, header = true, all_varchar = true)", [str(path), enc])
    rows = con.execute("select count(*) from t").fetchall()[0][0]
    con.close()
else:
    from ingestion.landing import list_landing_files
    from ingestion.load import connect, ingest_file
    from ingestion.sqlfunctions import prepare_connection
    con = connect(work / "citra.duckdb")
    prepare_connection(con)
    [landed] = [f for f in list_landing_files(path.parent) if f.path == path]
    rows = ingest_file(con, landed, work / "quarantine").rows_loaded
    con.close()
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"rows": rows, "seconds": seconds, "cpu": time.process_time() - cpu, "peak_mb": usage.ru_maxrss / 1024}))
"""


def run_step(step: str, path: Path, work: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, step, str(path), str(work)], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(rows: int) -> None:
    print(f"Ingestion benchmark: {rows:,} Meltwater-layout rows per file")
    print(f"{'file':<12} {'step':<18} {'seconds':>8} {'CPU s':>7} {'rows/s':>11} {'peak MB':>8} {'vs bare':>8}")
    with tempfile.TemporaryDirectory(prefix="citra-bench-") as tmp:
        for label, utf16 in (("utf8.csv", False), ("utf16.csv", True)):
            work = Path(tmp) / label.replace(".", "_")
            landing = work / "landing"
            landing.mkdir(parents=True)
            path = landing / f"export_{label}"
            t0 = time.perf_counter()
            write_export(path, rows, utf16)
            size_mb = path.stat().st_size / 2**20
            bare = run_step("duckdb_read_csv", path, work)
            ours = run_step("citra_ingest", path, work)
            for name, result in (("duckdb read_csv", bare), ("citra ingest", ours)):
                ratio = (result["rows"] / result["seconds"]) / (bare["rows"] / bare["seconds"])
                print(
                    f"{label:<12} {name:<18} {result['seconds']:>8.2f} {result['cpu']:>7.2f}"
                    f" {result['rows'] / result['seconds']:>11,.0f}"
                    f" {result['peak_mb']:>8.0f} {ratio:>8.2f}"
                )
            print(f"{'':<12} (file {size_mb:,.0f} MB, written in {time.perf_counter() - t0:.0f} s)")
