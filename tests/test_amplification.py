"""ASN amplification end to end: planted rosters, mentions and official posts (tests/planted_amplification.py)
through `citra build`; every mart cell against values worked out by hand, the 3-person cell
suppressed in the mart, the serving copy and the report, roster history, the k setting, and no
roster handle in clear text anywhere the build writes."""

from __future__ import annotations

import io
import re
import shutil
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

import duckdb
import pytest
from dbt.adapters.duckdb.connections import DuckDBConnectionManager
from dbt.cli.main import dbtRunner
from planted_amplification import CAMPAIGN, DINKES, FEB, IG1, JAN, MONTHLY, POSTS, ROSTER_HANDLES, write_landing
from surfaces import build_surfaces

from ingestion.pseudonyms import pseudonym_key, pseudonymize
from orchestration.cli import main

REPO = Path(__file__).resolve().parents[1]
MONTHLY_COLUMNS = """roster_accounts, active_amplifiers, active_share, amplification_posts, amplified_reach,
    amplified_engagement, official_posts, official_posts_amplified, suppressed"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The planted landing zone through `citra build`, with the key in the key file (as an office runs it)."""
    home = tmp_path_factory.mktemp("amplification")
    write_landing(home)
    output = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, redirect_stdout(output), redirect_stderr(output):
        mp.setenv("CITRA_HOME", str(home))
        # the planted data runs to late February 2025: the report due is January's
        mp.setenv("CITRA_TODAY", "2025-02-28")
        mp.delenv("CITRA_WAREHOUSE", raising=False)
        mp.delenv("CITRA_PSEUDONYM_KEY", raising=False)
        mp.setenv("DAGSTER_HOME", str(home / "dagster"))
        code = main(["build"])
    assert code == 0, output.getvalue()[-3000:]
    (home / "build_output.txt").write_text(output.getvalue(), encoding="utf-8")
    return home


def _query(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _approx(row: tuple) -> tuple:
    return tuple(pytest.approx(v) if isinstance(v, float) else v for v in row)


@pytest.mark.slow
def test_every_cell_of_the_monthly_mart_matches_the_hand_count(built: Path) -> None:
    """Catches any miscount: a roster that is not replaced (asn11 in February), active_to ignored
    (asn13's post of 20 Feb), a person on two platforms counted twice, a URL form or a share
    missed, a shortened link that does not count through its expansion (IG2) or counts without
    one (asn07), a non-amplifying post counted (asn07), a suppression rule off by one."""
    rows = _query(
        built / "warehouse.duckdb",
        f"select month, agency_code, {MONTHLY_COLUMNS}, suppression_k from marts.mart_amplification_monthly",
    )
    actual = {(r[0], r[1]): r[2:-1] for r in rows}
    assert actual == {key: _approx(value) for key, value in MONTHLY.items()}
    assert {r[-1] for r in rows} == {5}


@pytest.mark.slow
def test_every_official_post_shows_its_asn_shares_only_from_five_people(built: Path) -> None:
    """Catches a post matched under another URL form being missed (IG1 is linked five ways), a
    mention counted twice for one post, and a post shared by one to three people shown."""
    rows = _query(
        built / "warehouse.duckdb",
        """select platform, post_id, account, agency_code, month, asn_sharers, asn_shares, asn_reach,
                  asn_engagement, suppressed from marts.mart_amplification_posts""",
    )
    assert {(r[0], r[1]): r[2:] for r in rows} == POSTS


@pytest.mark.slow
def test_every_week_of_the_campaign_matches_the_hand_count(built: Path) -> None:
    """Catches a hashtag missed in another case or with punctuation after it, an official
    account counted as public, a roster period ignored (asn13 on 20 Feb is public), and an ASN
    or public split shown beside fewer than five people."""
    rows = _query(
        built / "warehouse.duckdb",
        """select week, mentions, reach, official_mentions, official_reach, asn_mentions, asn_reach, asn_share,
                  public_mentions, public_reach, public_share, suppressed
           from marts.mart_campaign where campaign_code = 'kalsel_cek_fakta'""",
    )
    assert {r[0]: r[1:] for r in rows} == {week: _approx(v) for week, v in CAMPAIGN.items()}
    assert _query(built / "warehouse.duckdb", "select distinct campaign_code from marts.mart_campaign") == [
        ("kalsel_cek_fakta",)
    ]


@pytest.mark.slow
def test_the_three_person_cell_is_hidden_in_the_mart_the_serving_copy_and_the_report(built: Path) -> None:
    """Catches a suppression applied in one place only: BPBD's January (3 of 10 active) must be
    null in the warehouse, the serving file and its Parquet, and read `disamarkan` in the report."""
    sql = """select roster_accounts, active_amplifiers, active_share, amplification_posts, amplified_reach,
                    amplified_engagement, suppressed
             from {} where month = ? and agency_code = 'bpbd_kalsel'"""
    hidden = [(10, None, None, None, None, None, True)]
    assert _query(built / "warehouse.duckdb", sql.format("marts.mart_amplification_monthly"), [JAN]) == hidden
    assert _query(built / "serving" / "citra.duckdb", sql.format("marts.mart_amplification_monthly"), [JAN]) == hidden
    parquet = built / "serving" / "parquet" / "mart_amplification_monthly.parquet"
    with duckdb.connect() as con:
        assert con.execute(sql.format("read_parquet(?)"), [str(parquet), JAN]).fetchall() == hidden
    html = (built / "reports" / "2025-01" / "laporan_2025-01.html").read_text(encoding="utf-8")
    section = html[html.index('id="amplifikasi"') : html.index("</section>", html.index('id="amplifikasi"'))]
    cells = [
        re.sub(r"<[^>]+>", "", c)
        for c in re.findall(r"<td[^>]*>(.*?)</td>", section[section.index("BPBD Kalsel") :].split("</tr>")[0])
    ]
    assert cells == ["10", "disamarkan", "disamarkan", "disamarkan", "disamarkan", "0", "disamarkan"]


@pytest.mark.slow
def test_the_report_shows_agencies_and_the_post_that_travelled_furthest_never_a_person(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Catches a section that lists people, shows a withheld value, or a total that would give it
    back (Dinkes' 9 posts and a total would reveal BPBD's 3)."""
    html = (built / "reports" / "2025-01" / "laporan_2025-01.html").read_text(encoding="utf-8")
    start = html.index('id="amplifikasi"')
    section = html[start : html.index("</section>", start)]
    rows = [
        [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", section)
        if "<td" in row
    ]
    assert rows == [
        ["Dinkes Kalsel", "12", "6", "50,0%", "9", "2.225", "3", "3"],
        ["BPBD Kalsel", "10", "disamarkan", "disamarkan", "disamarkan", "disamarkan", "0", "disamarkan"],
        ["Dinkes Kalsel", "Instagram", "dinkeskalsel", "6 Januari 2025 10.00 WITA", "5", "5", "1.020"],
    ]
    assert f"https://www.instagram.com/p/{IG1}/" in section
    monkeypatch.delenv("CITRA_PSEUDONYM_KEY", raising=False)
    key = pseudonym_key(built)
    assert [h for h in ROSTER_HANDLES if pseudonymize(h, key) in html] == []


@pytest.mark.slow
def test_a_roster_file_replaces_the_agency_roster_from_its_date_and_history_is_kept(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Catches a new roster file that overwrites the old one (January would lose asn11-12) or
    that does not end it (February would count 15 people)."""
    monkeypatch.delenv("CITRA_PSEUDONYM_KEY", raising=False)
    key = pseudonym_key(built)
    name = {pseudonymize(h, key): h for h in DINKES}
    rows = _query(
        built / "warehouse.duckdb",
        """select r.author, r.valid_from, r.valid_to, f.file_name
           from intermediate.int_asn_roster_dated r join raw.ingest_files f on f.file_id = r.source_file_id
           where r.agency_code = 'dinkes_kalsel'""",
    )
    periods = {(name[a], f): (start, end) for a, start, end, f in rows}
    jan, feb = "roster_dinkes_2025-01-01.csv", "daftar_asn_dinkes_2025-02-01.xlsx"
    assert {h for h, f in periods if f == jan} == set(DINKES[:12])
    assert {h for h, f in periods if f == feb} == set(DINKES[:10] + DINKES[12:15])
    assert {periods[(h, jan)] for h in DINKES[:12]} == {(JAN, FEB)}
    assert periods[("dinkes.asn13", feb)] == (FEB, date(2025, 2, 15))
    assert periods[("dinkes.asn14", feb)] == (FEB, None)


@pytest.mark.slow
def test_no_roster_handle_is_in_clear_text_anywhere_a_build_writes(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Catches a clear handle in any schema (raw, rejects, registry), the serving copy, Parquet,
    the report, Dagster's events or the logs; and a scan that looked at nothing about them."""
    surfaces = build_surfaces(built, "2025-01", monkeypatch, (built / "build_output.txt").read_text(encoding="utf-8"))
    leaked = {name: sorted(h for h in ROSTER_HANDLES if h in text) for name, text in surfaces.items()}
    assert leaked == dict.fromkeys(surfaces, [])
    monkeypatch.delenv("CITRA_PSEUDONYM_KEY", raising=False)
    alias = pseudonymize("dinkes.asn01", pseudonym_key(built))
    holding = {name for name, text in surfaces.items() if alias in text}
    assert {"warehouse", "serving/citra.duckdb", "serving/parquet"} <= holding  # his mentions, pseudonymous
    assert "dinkes.asn99" not in surfaces["warehouse"]  # the row typed into the wrong columns, set aside
    rejected = "select column_name from raw.ingest_rejects where file_name = 'roster_dinkes_2025-01-01.csv'"
    assert sorted(_query(built / "warehouse.duckdb", rejected)) == [("agency_code",), ("handle",)]


@pytest.mark.slow
def test_k_is_configurable_upwards_and_refused_below_five(built: Path, tmp_path: Path) -> None:
    """Catches a k that cannot be raised (Dinkes' 6 active people must hide at k = 7) or that an
    office can lower below 5."""
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(built / "warehouse.duckdb", copy)

    def dbt(*args: str):
        result = dbtRunner().invoke(
            [*args, "--project-dir", str(REPO), "--profiles-dir", str(REPO), "--target-path", str(tmp_path / "target"),
             "--log-path", str(tmp_path / "logs")]
        )  # fmt: skip
        DuckDBConnectionManager.close_all_connections()
        return result

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CITRA_HOME", str(tmp_path))
        mp.setenv("CITRA_WAREHOUSE", str(copy))
        mp.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
        raised = dbt("run", "--select", "mart_amplification_monthly", "--vars", "{k_anonymity: 7}")
        assert raised.success, raised.exception
        lowered = dbt("run", "--select", "mart_amplification_monthly", "--vars", "{k_anonymity: 3}")
    assert not lowered.success
    assert "k_anonymity is '3'" in str(lowered.exception) and "at least 5" in str(lowered.exception)
    assert _query(
        copy,
        "select active_amplifiers, suppressed, suppression_k from marts.mart_amplification_monthly "
        "where month = ? and agency_code = 'dinkes_kalsel'",
        [JAN],
    ) == [(None, True, 7)]
