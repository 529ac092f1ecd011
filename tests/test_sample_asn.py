"""The sample's ASN rosters and civil servants' posts (sample_data.asn): deterministic, loadable,
and enough for the demo's report to show amplification beside a hidden cell."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from dbt_runner import run_dbt
from openpyxl import load_workbook

from ingestion.load import ingest_media
from ingestion.platforms.load import ingest_platforms
from ingestion.roster.load import ingest_roster
from reporting.data import read_report_data
from sample_data.generate import GenerationSummary, generate

TODAY, LAST_MONTH = "2026-01-15", date(2025, 12, 1)
SEEDS = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, GenerationSummary]:
    home = tmp_path_factory.mktemp("asn")
    with pytest.MonkeyPatch.context() as mp:  # a fixed span: which link forms the draws give depends on the months
        mp.setenv("CITRA_TODAY", TODAY)
        return home, generate(home, mentions=600, seed=3, last_month=LAST_MONTH, months=3, platforms=True, asn=True)


def _brandwatch_rows(summary: GenerationSummary) -> list[dict[str, str]]:
    rows = []
    for path in summary.asn["files"]:
        lines = path.read_text(encoding="utf-8").splitlines()
        header = next(i for i, line in enumerate(lines) if line.startswith("Query Id,"))
        rows += list(csv.DictReader(io.StringIO("\n".join(lines[header:]))))
    return rows


def _roster_handles(summary: GenerationSummary) -> dict[str, set[str]]:
    """Agency as the file writes it -> handles, over all roster files (read without Citra)."""
    found: dict[str, set[str]] = {}
    for path in summary.asn["roster_files"]:
        if path.suffix == ".xlsx":
            values = list(load_workbook(path, read_only=True).active.iter_rows(values_only=True))
            rows = [dict(zip(values[0], r)) for r in values[1:]]
        else:
            rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        for r in rows:
            agency = r.get("agency_code") or r.get("kode_instansi")
            found.setdefault(agency, set()).add(r.get("handle") or r.get("akun"))
    return found


def test_the_same_seed_writes_the_same_rosters_and_posts(
    sample: tuple[Path, GenerationSummary], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Catches a generator that draws from an unseeded source (the demo would change run to run)."""
    _, summary = sample
    monkeypatch.setenv("CITRA_TODAY", TODAY)
    again = generate(tmp_path, mentions=600, seed=3, last_month=LAST_MONTH, months=3, platforms=True, asn=True)
    assert [p.read_bytes() for p in again.asn["files"] + again.asn["roster_files"]] == [
        p.read_bytes() for p in summary.asn["files"] + summary.asn["roster_files"]
    ]


def test_rosters_list_hundreds_of_civil_servants_and_one_agency_too_small_to_show(
    sample: tuple[Path, GenerationSummary],
) -> None:
    """Catches a roster too thin for the demo, an agency written in a form the seeds do not know,
    or no agency small enough to show the report's hidden cell."""
    _, summary = sample
    handles = _roster_handles(summary)
    with (SEEDS / "agencies.csv").open(encoding="utf-8") as fh:
        agencies = {
            v.lower(): r["agency_code"] for r in csv.DictReader(fh) for v in (r["agency_code"], r["agency_short"])
        }
    with (SEEDS / "accounts.csv").open(encoding="utf-8") as fh:
        with_accounts = {r["agency_code"] for r in csv.DictReader(fh)}
    by_code: dict[str, set[str]] = {}
    for written, people in handles.items():
        by_code.setdefault(agencies[written.lower()], set()).update(people)
    assert set(by_code) == with_accounts
    assert sum(len(p) for p in by_code.values()) >= 300
    assert min(len(p) for p in by_code.values()) < 10


def test_monthly_exports_never_reuse_a_document_id(sample: tuple[Path, GenerationSummary]) -> None:
    """Catches ids that restart every month: deduplication would keep one row per id and drop
    the rest of the months' posts."""
    ids = [r["Resource Id"] for r in _brandwatch_rows(sample[1])]
    assert len(ids) == len(set(ids)) > 500


def test_asn_posts_link_official_posts_in_many_forms_and_short_links_carry_their_expansion(
    sample: tuple[Path, GenerationSummary],
) -> None:
    """Catches a sample that only ever pastes one link form (the demo would not exercise the
    matching) or a shortened link without the expansion that makes it count."""
    rows = _brandwatch_rows(sample[1])
    texts = [r["Title"] for r in rows]
    forms = [
        "?igsh=",
        "/reel/",
        "youtu.be/",
        "m.tiktok.com/v/",
        "story_fbid=",
        "/i/web/status/",
        "?s=20&t=",
        "RT @",
        "#",
    ]
    assert {f: any(f in t for t in texts) for f in forms} == dict.fromkeys(forms, True)
    short = [r for r in rows if "bit.ly/" in r["Title"]]
    hosts = ("twitter.com/", "x.com/", "instagram.com/", "tiktok.com/", "facebook.com/", "youtu")
    assert short and all(any(h in r["Expanded URLs"] for h in hosts) for r in short)


@pytest.mark.slow
def test_the_sample_report_shows_amplification_beside_a_hidden_cell(
    sample: tuple[Path, GenerationSummary], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Catches a demo whose amplification section is empty, all hidden, or hides nothing."""
    home, summary = sample
    warehouse = home / "warehouse.duckdb"
    ingest_media(warehouse, home / "landing" / "media", home / "quarantine")
    ingest_platforms(warehouse, home / "landing" / "platform", home / "quarantine")
    ingest_roster(warehouse, home / "landing" / "roster", home / "quarantine")
    run_dbt(home, monkeypatch, "build")
    last = max(summary.asn["files"]).stem.rsplit("_", 1)[1]
    data = read_report_data(warehouse, date.fromisoformat(f"{last}-01"))
    section = data.sections["amplifikasi"]
    assert section.known and section.k == 5
    assert {a.suppressed for a in section.agencies} == {True, False}
    assert any(a.active_amplifiers is None for a in section.agencies)
    assert any(a.active_amplifiers is not None for a in section.agencies)
    assert section.top_posts
