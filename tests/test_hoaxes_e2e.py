"""The hoax desk end to end: a planted register and mentions (tests/planted_hoaxes.py) through
`citra build`; the marts against numbers worked out by hand, the register's later row, the
roles of every planted mention, the review queue, the report section, and no private spreader's
handle in clear text anywhere the build writes."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest
from planted_hoaxes import CLAIM_1, CLAIM_2, HKS_02, LINK, PRIVATE, write_landing
from surfaces import build_surfaces

from orchestration.cli import main

WITA_OFFSET = 8


def _utc(day: int, hour: int, minute: int = 0) -> datetime:
    """A January 2025 WITA wall-clock time as an instant."""
    return datetime(2025, 1, day, hour - WITA_OFFSET if hour >= WITA_OFFSET else hour + 24 - WITA_OFFSET, minute,
                    tzinfo=UTC).replace(day=day if hour >= WITA_OFFSET else day - 1)  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("hoaxes")
    write_landing(home)
    output = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, redirect_stdout(output), redirect_stderr(output):
        mp.setenv("CITRA_HOME", str(home))
        mp.setenv("CITRA_TODAY", "2025-02-03")  # the report due is January's
        mp.delenv("CITRA_WAREHOUSE", raising=False)
        mp.delenv("CITRA_HOAXES", raising=False)
        mp.setenv("DAGSTER_HOME", str(home / "dagster"))
        code = main(["build"])
    assert code == 0, output.getvalue()[-3000:]
    (home / "build_output.txt").write_text(output.getvalue(), encoding="utf-8")
    return home


def _query(home: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.mark.slow
def test_hours_to_klarifikasi_and_debunk_reach_share_are_the_hand_counts(built: Path) -> None:
    """Catches a clarification time taken from the first register row (none) instead of the later
    one, hours counted from first_seen instead of the first spread, a mention without reach
    dropped instead of counted 0, official posts or the review queue counted as debunk mentions,
    status judged at the wrong day or quiet days off by one."""
    rows = _query(
        built,
        """select hoax_id, claim, first_spread_at, klarifikasi_at, hours_to_klarifikasi, spread_mentions, spread_reach,
                  debunk_mentions, debunk_reach, debunk_reach_share, spread_before_klarifikasi, spread_after_klarifikasi,
                  spread_reach_before_klarifikasi, spread_reach_after_klarifikasi, mentions_without_reach,
                  official_debunk_posts, official_debunk_reach, peak_day, status
           from marts.mart_hoax order by hoax_id""",
    )
    assert rows == [
        ("HKS-01", CLAIM_1, _utc(15, 22), _utc(16, 20), 22.0, 4, 6000, 2, 6000, 0.5, 3, 1, 5000, 1000, 2, 1, 9000,
         date(2025, 1, 16), "mereda"),
        (HKS_02, CLAIM_2, _utc(24, 8), None, None, 3, 1500, 0, 0, 0.0, 3, 0, 1500, 0, 0, 0, 0, date(2025, 1, 24),
         "aktif"),
    ]  # fmt: skip


@pytest.mark.slow
def test_every_planted_mention_has_its_hoax_and_role_and_no_true_story_is_taken(built: Path) -> None:
    """Catches a debunk counted as spread (the clarification link, the denial words), a true story
    on the same topic taken for the hoax, a mention counted for both hoaxes, and the unclear post
    accepted instead of waiting for a person."""
    roles = _query(
        built,
        """select r.document_id, f.hoax_id, f.role from marts.fct_hoax_mentions f
           join (select distinct mention_id, document_id from raw.media_mentions) r using (mention_id)
           order by r.document_id""",
    )
    assert sorted(roles) == sorted(
        [("x1", "HKS-01", "spread"), ("x2", "HKS-01", "spread"), ("x3", "HKS-01", "spread"),
         ("x4", "HKS-01", "spread"), ("n5", "HKS-01", "debunk"), ("x6", "HKS-01", "debunk"),
         ("x8", HKS_02, "spread"), ("x9", HKS_02, "spread"), ("x10", HKS_02, "spread")]
    )  # fmt: skip
    queue = _query(
        built,
        """select r.document_id, q.hoax_id, q.role_sure from marts.hoax_review_queue q
           join (select distinct mention_id, document_id from raw.media_mentions) r using (mention_id)""",
    )
    assert queue == [("x7", "HKS-01", False)]


@pytest.mark.slow
def test_a_later_register_row_updates_the_hoax_and_keeps_its_claim(built: Path) -> None:
    """Catches the update row creating a second hoax, erasing the claim with its empty cells, or an
    id typed in lower case naming another hoax; and the daily mart not adding up to the totals."""
    assert _query(built, "select hoax_id, claim, klarifikasi_url, register_rows, category from marts.dim_hoax "
                         "order by hoax_id") == [
        ("HKS-01", CLAIM_1, LINK, 2, "hoaks"),
        (HKS_02, CLAIM_2, None, 1, "hoaks"),
    ]  # fmt: skip
    sums = _query(
        built,
        """select d.hoax_id, sum(d.spread_mentions) = any_value(h.spread_mentions),
                  sum(d.spread_reach) = any_value(h.spread_reach), sum(d.debunk_reach) = any_value(h.debunk_reach)
           from marts.mart_hoax_daily d join marts.mart_hoax h using (hoax_id) group by d.hoax_id order by 1""",
    )
    assert sums == [("HKS-01", True, True, True), (HKS_02, True, True, True)]


@pytest.mark.slow
def test_the_report_shows_the_hoaxes_of_the_month_and_the_one_without_clarification(built: Path) -> None:
    html = (built / "reports" / "2025-01" / "laporan_2025-01.html").read_text(encoding="utf-8")
    section = html.split('id="hoaks"')[1].split("</section>")[0]
    assert "Hoaks dan klarifikasi" in section and "2 hoaks terdaftar menyebar" in section
    assert "22,0" in section and "50,0%" in section  # hours to clarification, debunk share of HKS-01
    without = section.split("Hoaks yang belum diklarifikasi")[1]
    assert CLAIM_2 in without and CLAIM_1 not in without
    assert "<img" in section  # the spread-against-debunk chart


@pytest.mark.slow
def test_no_private_spreader_is_in_clear_text_anywhere_a_build_writes(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Catches a handle in the hoax marts (author, outlet, title, url), the review queue, the
    tracer's raw table, the serving copy, the report or Dagster's metadata."""
    surfaces = build_surfaces(built, "2025-01", monkeypatch, (built / "build_output.txt").read_text(encoding="utf-8"))
    leaked = {name: sorted(h for h in PRIVATE if h in text) for name, text in surfaces.items()}
    assert leaked == dict.fromkeys(surfaces, [])
    authors = _query(built, "select distinct author from marts.fct_hoax_mentions where author is not null")
    assert authors and all(a.startswith("anon-") for (a,) in authors)
