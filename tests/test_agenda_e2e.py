"""Agenda setting end to end: the sample's press releases and the Meltwater exports that rewrite
them, through `citra build` (ingestion, the matcher, dbt, the report): the planted pickups are
found, no decoy counts, a release nobody carried has 0 pickups, mart_agenda_monthly equals a
computation from the facts cell by cell, and staff decisions move pairs in and out."""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from contextlib import redirect_stdout
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pytest

from matching.urls import url_key
from orchestration.cli import main
from sample_data.generate import generate
from sample_data.releases import Story, plan_releases, write_stories

pytestmark = pytest.mark.slow
TODAY, FIRST, LAST, MONTHS, SEED = "2026-01-15", date(2025, 10, 1), date(2025, 12, 1), 3, 5


@dataclass
class Built:
    home: Path
    stories: dict[str, Story]  # Meltwater document id -> the planted story
    release_of: dict[str, str]  # planted release id -> warehouse release_id (by URL)


def _env(mp: pytest.MonkeyPatch, home: Path) -> None:
    mp.setenv("CITRA_TODAY", TODAY)
    mp.setenv("CITRA_HOME", str(home))
    mp.setenv("CITRA_WAREHOUSE", str(home / "warehouse.duckdb"))
    mp.setenv("DAGSTER_HOME", str(home / "dagster"))


def _query(home: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    home = tmp_path_factory.mktemp("agenda") / "citra"
    with pytest.MonkeyPatch.context() as mp:
        _env(mp, home)
        generate(home, mentions=1500, seed=SEED, last_month=LAST, months=MONTHS, releases=True)
        with redirect_stdout(io.StringIO()):
            assert main(["build"]) == 0
    releases = plan_releases(SEED, FIRST, MONTHS)
    by_url = dict(_query(home, "select url_key, release_id from raw.releases"))
    stories = {f"mw-rel-{s.key}": s for s in write_stories(SEED, releases)}
    return Built(home, stories, {r.release_id: by_url.get(url_key(r.url), "") for r in releases})


def test_planted_pickups_are_found_with_precision_and_recall_of_0_9_and_no_decoy_counts(built: Built) -> None:
    found = _query(
        built.home,
        """select distinct p.release_id, m.document_id from marts.fct_release_pickups p
           join raw.media_mentions m using (mention_id)""",
    )
    planted = {doc: built.release_of[s.carries] for doc, s in built.stories.items() if s.carries}
    in_warehouse = {r[0] for r in _query(built.home, "select document_id from raw.media_mentions")}
    planted = {doc: rel for doc, rel in planted.items() if doc in in_warehouse}
    right = sum(1 for rel, doc in found if planted.get(doc) == rel)
    decoys = [doc for _, doc in found if doc in built.stories and not built.stories[doc].carries]
    assert len(planted) > 50
    assert right / len(found) >= 0.9 and right / len(planted) >= 0.9, (right, len(found), len(planted))
    assert decoys == []


def test_a_release_nobody_carried_shows_zero_pickups(built: Built) -> None:
    carried = {built.release_of[s.carries] for s in built.stories.values() if s.carries}
    rows = _query(built.home, "select release_id, pickups, first_pickup_at from marts.mart_release_pickup")
    uncarried = [(r, n, first) for r, n, first in rows if r not in carried]
    assert uncarried and all(n == 0 and first is None for _, n, first in uncarried)


def test_the_monthly_agenda_mart_equals_a_computation_from_the_facts_cell_by_cell(built: Built) -> None:
    releases = _query(built.home, "select release_id, month, agency_code, issue from marts.dim_release")
    pickups = _query(
        built.home,
        "select release_id, mention_id, month, agency_code, issue, reach, hours_after_release from marts.fct_release_pickups",
    )
    mentions = _query(built.home, "select mention_id, month, issue from marts.fct_mentions")
    first_pickup: dict[str, float] = {}
    for release, _, _, _, _, _, hours in pickups:
        first_pickup[release] = min(hours, first_pickup.get(release, hours))
    cells: dict[tuple, dict] = defaultdict(lambda: {"releases": 0, "picked": 0, "pickups": 0, "reach": 0, "hours": []})
    for release, month, agency, issue in releases:
        cell = cells[(month, agency, issue)]
        cell["releases"] += 1
        if release in first_pickup:
            cell["picked"] += 1
            cell["hours"].append(first_pickup[release])
    for _, _, month, agency, issue, reach, _ in pickups:
        cells[(month, agency, issue)]["pickups"] += 1
        cells[(month, agency, issue)]["reach"] += reach or 0
    conversation = defaultdict(set)
    for mention, month, issue in mentions:
        conversation[(month, issue)].add(mention)
    for _, mention, month, _, issue, _, _ in pickups:
        conversation[(month, issue)].add(mention)

    def median(values: list[float]) -> float | None:
        values = sorted(values)
        if not values:
            return None
        middle = len(values) // 2
        return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2

    expected = {
        key: (c["releases"], c["picked"], c["pickups"], c["reach"], median(c["hours"]),
              c["pickups"] / len(conversation[(key[0], key[2])]) if conversation[(key[0], key[2])] else None)
        for key, c in cells.items()
    }  # fmt: skip
    actual = {
        r[:3]: r[3:]
        for r in _query(
            built.home,
            """select month, agency_code, issue, releases, releases_picked_up, pickups, pickup_reach,
                      median_hours_to_first_pickup, agenda_share from marts.mart_agenda_monthly""",
        )
    }
    assert set(actual) == set(expected)
    assert {k: v for k, v in actual.items() if v != pytest.approx(expected[k])} == {}
    assert sum(v[2] for v in actual.values()) == len(pickups) > 0


def test_staff_decisions_confirm_a_pair_from_the_queue_and_reject_a_pickup(built: Built) -> None:
    [(queued_release, queued_mention)] = _query(
        built.home, "select release_id, mention_id from marts.release_review_queue order by review_rank limit 1"
    )
    [(picked_release, picked_mention)] = _query(
        built.home,
        "select release_id, mention_id from marts.fct_release_pickups order by match_score, mention_id limit 1",
    )
    decisions = built.home / "landing" / "decisions" / "keputusan_rilis.csv"
    decisions.parent.mkdir(parents=True, exist_ok=True)
    decisions.write_text(
        "jenis,rilis,mention_id,keputusan,oleh,alasan\n"
        f"release_pickup,{queued_release},{queued_mention},ya,Rina,memuat isi rilis\n"
        f"release_pickup,{picked_release},{picked_mention},tidak,Rina,berita lain\n",
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as mp:
        _env(mp, built.home)
        with redirect_stdout(io.StringIO()):
            assert main(["build"]) == 0
    pickups = dict(_query(built.home, "select mention_id, release_id from marts.fct_release_pickups"))
    assert pickups.get(queued_mention) == queued_release
    assert picked_mention not in pickups
    assert _query(
        built.home, f"select count(*) from marts.release_review_queue where mention_id = '{queued_mention}'"
    ) == [(0,)]
    decided = _query(
        built.home, f"select decided_by from marts.fct_release_pickups where mention_id = '{queued_mention}'"
    )
    assert decided == [("Rina",)]


def test_the_report_carries_the_agenda_section(built: Built) -> None:
    html = (built.home / "reports" / "2025-12" / "laporan_2025-12.html").read_text(encoding="utf-8")
    assert "Agenda pemberitaan" in html and "Porsi agenda per isu" in html
    [(title,)] = _query(
        built.home,
        "select title from marts.mart_release_pickup where month = date '2025-12-01' order by pickups desc, reach desc, published_at limit 1",
    )
    assert title in html
    outlets = Counter(
        r[0] for r in _query(built.home, "select outlet from marts.fct_release_pickups where month = date '2025-12-01'")
    )
    assert outlets.most_common(1)[0][0] in html
