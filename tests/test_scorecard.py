"""The rapor kehumasan end to end on a held-out planted landing zone (tests/planted_scorecard.py):
`citra build`, then the alerts and their answers planted in marts.issue_alerts and the
scorecard's own dbt run; every component against values worked out by hand, the unit ranked on
the components it has, the 3-person amplification cell suppressed, silent and unknown accounts,
contacts, the one-page rapor and its once-only delivery, the report's league, and weights that
never re-score a published month."""

from __future__ import annotations

import io
import shutil
from contextlib import redirect_stderr, redirect_stdout
from datetime import date, datetime
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from alert_servers import smtp_inbox
from dbt_runner import run_dbt
from exports import GENERIC_HEADER, write_table
from planted_scorecard import ALERTS, COLUMNS, EXPECTED, FEB, TODAY, _mention, write_landing

from orchestration.cli import main
from reporting.data import read_report_data
from reporting.delivery import SmtpSettings
from scorecard.run import send_rapors, write_rapors

pytestmark = pytest.mark.slow
WITA_NOW = datetime(2025, 3, 10, 9, 0).astimezone()
PLANT_ALERTS = """
    insert into marts.issue_alerts by name
    select alert_id, 'negative_burst' as kind, issue, region_code, null::varchar as term,
           timezone('Asia/Makassar', start::timestamp) as window_start,
           timezone('Asia/Makassar', start::timestamp) + interval 6 hour as window_end,
           12::bigint as negative_mentions, 'medium' as severity,
           case when hours is null then 'open' else 'answered' end as status, true as still_detected,
           timezone('Asia/Makassar', start::timestamp) + to_seconds(cast(hours * 3600 as bigint)) as first_response_at,
           hours as response_hours, account as response_account
    from (select unnest(?::varchar[]) as alert_id, unnest(?::varchar[]) as issue, unnest(?::varchar[]) as region_code,
                 unnest(?::varchar[]) as start, unnest(?::double[]) as hours, unnest(?::varchar[]) as account)
"""


def _build(home: Path) -> str:
    """`citra build` on ``home`` (today 10 March 2025); its output."""
    output = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, redirect_stdout(output), redirect_stderr(output):
        mp.setenv("CITRA_HOME", str(home))
        mp.setenv("CITRA_TODAY", TODAY)
        mp.delenv("CITRA_WAREHOUSE", raising=False)
        mp.setenv("DAGSTER_HOME", str(home / "dagster"))
        code = main(["build"])
    assert code == 0, output.getvalue()[-3000:]
    return output.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The planted landing zone through `citra build` (today 10 March 2025), then the planted
    alerts in marts.issue_alerts and the scorecard's dbt run that reads them."""
    home = tmp_path_factory.mktemp("scorecard")
    write_landing(home)
    output = _build(home)
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute(PLANT_ALERTS, [list(column) for column in zip(*ALERTS)])
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CITRA_TODAY", TODAY)
        mp.setenv("DAGSTER_HOME", str(home / "dagster"))
        run_dbt(home, mp, "build", "--selector", "scorecard_build")
    (home / "build_output.txt").write_text(output, encoding="utf-8")
    return home


def _query(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _approx(row: tuple) -> tuple:
    return tuple(pytest.approx(v, abs=1e-9) if isinstance(v, float) else v for v in row)


def test_every_component_of_the_planted_units_matches_the_hand_count(built: Path) -> None:
    """Catches any miscount: posts of a month cut in UTC (Dinkes' post of 07:00 WITA on 1 February),
    a month without export counted as 0 posts (BPBD's Instagram) or a covered quiet month as null
    (its X), a median over accounts instead of posts, a province median over regions, an alert
    cut in UTC (a6), a pendukung agency credited, an answer by another agency counted as the
    unit's own, a withheld amplification cell shown, a null component counted as zero, weights
    not re-normalized, a rank across agencies and regions, a rank change against the wrong month."""
    rows = _query(
        built / "warehouse.duckdb",
        f"select month, unit, {COLUMNS} from marts.mart_humas_scorecard where list_contains(?, unit)",
        [sorted({unit for _, unit in EXPECTED})],
    )
    actual = {(r[0], r[1]): r[2:] for r in rows if (r[0], r[1]) in EXPECTED}
    assert actual.keys() == EXPECTED.keys()
    for key, expected in EXPECTED.items():
        assert actual[key] == _approx(expected), key


def test_a_unit_without_data_in_some_components_is_ranked_on_the_others(built: Path) -> None:
    """DLH has no alert, a withheld amplification cell and too few mentions: ranked first on
    activity 40 and engagement 100 alone, (0.25 x 40 + 0.15 x 100) / 0.40 = 62.5; agencies
    without any composite are unranked, and agencies and regions are ranked apart."""
    rows = dict(
        (unit, (composite, rank, ranked))
        for unit, composite, rank, ranked in _query(
            built / "warehouse.duckdb",
            """select unit, composite_score, rank, units_ranked from marts.mart_humas_scorecard
               where month = ? and unit_type = 'agency'""",
            [FEB],
        )
    )
    assert rows["dlh_kalsel"] == (62.5, 1, 4)
    assert [u for u, (_, rank, _) in sorted(rows.items(), key=lambda kv: kv[1][1] or 99) if rank] == [
        "dlh_kalsel",
        "dinkes_kalsel",
        "diskominfo_banjarbaru",
        "bpbd_kalsel",
    ]
    assert rows["bappeda_kalsel"] == (None, None, 4)  # no account, no mention: nothing to rank on


def test_the_three_person_amplification_cell_stays_suppressed_everywhere(built: Path) -> None:
    """Catches a withheld cell published as a share, or given back by the region's total: DLH's
    posts were shared by 3 civil servants, so DLH and the province that contains it show no share,
    in the warehouse and in the serving copy that BI tools read, and DLH's rapor says withheld."""
    for path in (built / "warehouse.duckdb", built / "serving" / "citra.duckdb"):
        rows = _query(
            path,
            """select unit, official_posts_amplified, official_posts_amplified_share, amplification_suppressed
               from marts.mart_humas_scorecard where month = ? and unit in ('dlh_kalsel', '63') order by unit""",
            [FEB],
        )
        assert rows == [("63", None, None, True), ("dlh_kalsel", None, None, True)]
    run = write_rapors(built / "warehouse.duckdb", built / "reports", FEB, ["dlh_kalsel"])
    html = run.rendered[0].html_path.read_text(encoding="utf-8")
    assert "disamarkan" in html and "kurang dari 5 ASN" in html


def test_a_covered_quiet_account_is_silent_and_an_account_without_export_is_unknown(built: Path) -> None:
    """BPBD's X export covers February with no post: 0 posts, not active, and the warn check of
    the build names it; its Instagram has no export: null posts, not judged silent."""
    rows = _query(
        built / "warehouse.duckdb",
        """select platform, has_data, posts, active from intermediate.int_scorecard_account_months
           where month = ? and account = 'bpbdkalsel' order by platform""",
        [FEB],
    )
    assert rows == [("instagram", False, None, None), ("x", True, 0, False)]
    instance = dg.DagsterInstance.from_config(str(built / "dagster"))
    key = dg.AssetCheckKey(dg.AssetKey(["marts", "mart_humas_scorecard"]), "silent_accounts")
    [record] = instance.event_log_storage.get_asset_check_execution_history(key, limit=1)
    evaluation = record.event.dagster_event.event_specific_data
    assert not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.WARN
    assert evaluation.metadata["month"].value == "2025-02"
    table = evaluation.metadata["accounts"].value
    assert "bpbdkalsel" in table and "dinkeskalsel" not in table and "instagram" not in table


def test_a_contacts_file_overrides_the_seed_and_its_bad_rows_are_set_aside(built: Path) -> None:
    warehouse = built / "warehouse.duckdb"
    contacts = dict(
        _query(warehouse, "select unit, contact_email from intermediate.int_scorecard_units where unit_type = 'agency'")
    )
    assert contacts["dinkes_kalsel"] == "humas.dinkes@contoh.example"  # the file wins over the seed
    assert contacts["bpbd_kalsel"] == "humas.bpbd.kalsel@kalselprov.example"  # its file row was bad: the seed
    rejects = _query(
        warehouse,
        "select source_row, column_name, reason from raw.ingest_rejects where file_name like '%kontak_rapor.csv' order by 1",
    )
    assert [(row, column) for row, column, _ in rejects] == [(3, "unit"), (4, "contact_email")]
    assert rejects[0][2].startswith("kontak_rapor.csv row 3: unit 'dinas_tidak_ada' is not an agency code")


def test_every_rapor_is_one_page_and_tells_the_unit_its_own_numbers(built: Path) -> None:
    run = write_rapors(built / "warehouse.duckdb", built / "reports", FEB)
    assert len(run.rendered) == 16 + 14  # every agency of the seed, the 13 kabupaten/kota and the province
    assert {r.pages for r in run.rendered} == {1}
    pages = {r.unit: r.html_path.read_text(encoding="utf-8") for r in run.rendered}
    dinkes = pages["dinkes_kalsel"]
    assert "60,2" in dinkes and "Peringkat <b>2</b> dari 4 perangkat daerah" in dinkes
    assert "humas.dinkes@contoh.example" not in dinkes  # an address is for the envelope, not the page
    # its best post (48 likes on 1000 views) and weakest (10 likes)
    assert "4,80%" in dinkes and "1,00%" in dinkes
    bpbd = pages["bpbd_kalsel"]
    assert "14 Februari 2025 12.00 WITA" in bpbd and "tidak aktif" in bpbd and "tanpa ekspor" in bpbd
    assert "Belum ada akun media sosial resmi" in pages["bappeda_kalsel"]
    assert (built / "reports" / "2025-02" / "rapor" / "6372.pdf").exists()


def test_each_rapor_is_sent_once_to_its_contact_whatever_the_reruns(built: Path, tmp_path: Path) -> None:
    """Catches a rerun sending again, a unit without a contact mailed anyway, and the seed's
    address used where landing/contacts/ gives another."""
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(built / "warehouse.duckdb", home / "warehouse.duckdb")
    run = write_rapors(home / "warehouse.duckdb", home / "reports", FEB, ["dinkes_kalsel", "63", "6307"])
    with smtp_inbox() as (inbox, port):
        settings = SmtpSettings("127.0.0.1", port, "citra@kalselprov.example", ("x@y.example",), starttls=False)
        first = send_rapors(home / "warehouse.duckdb", run, settings, WITA_NOW, "run-1")
        again = send_rapors(home / "warehouse.duckdb", run, settings, WITA_NOW, "run-2")
        messages = list(inbox.messages)
    # the province has several agencies and no row of its own: no address; Kabupaten HST has no agency
    assert [(d.unit, d.outcome) for d in first] == [("dinkes_kalsel", "sent")]
    assert again == []
    [(envelope_to, message)] = messages
    assert envelope_to == ["humas.dinkes@contoh.example"] and message["To"] == "humas.dinkes@contoh.example"
    assert message["Subject"] == "Rapor Kehumasan Dinkes Kalsel – Februari 2025"
    [attachment] = [part for part in message.iter_attachments()]
    assert attachment.get_filename() == "rapor_dinkes_kalsel_2025-02.pdf"


def test_the_monthly_report_shows_the_league_the_movers_and_units_without_an_active_account(built: Path) -> None:
    data = read_report_data(built / "warehouse.duckdb", FEB)
    league = data.sections["rapor"]
    assert [r.unit for r in league.agencies if r.rank] == [
        "dlh_kalsel",
        "dinkes_kalsel",
        "diskominfo_banjarbaru",
        "bpbd_kalsel",
    ]
    assert [(r.unit, r.rank_change) for r in league.fallers] == [("bpbd_kalsel", -3)]
    assert league.risers == []
    assert [r.unit for r in league.no_active_account] == ["bpbd_kalsel"]
    assert {r.unit for r in league.no_account} == {
        "dinsos_kalsel",
        "bappeda_kalsel",
        "dpmptsp_kalsel",
        "disdukcapil_kalsel",
    }


def test_a_new_weight_version_never_rescores_a_published_month(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Catches a mart that scores every month with the newest weights: a version from March with
    every weight on activity leaves January and February cell for cell as they were; editing the
    recorded version in place, or starting a new one in February, is refused."""
    from ingestion.load import connect
    from scorecard.config import ScorecardConfigError, load_versions
    from scorecard.weights import record_versions

    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(built / "warehouse.duckdb", home / "warehouse.duckdb")
    before = _query(home / "warehouse.duckdb", "select * from marts.mart_humas_scorecard order by month, unit")
    shipped = (Path(__file__).resolve().parents[1] / "scorecard.yml").read_text(encoding="utf-8")
    new = shipped + (
        '  - version: "2025.2"\n    effective_from: {start}\n'
        "    weights: {{activity: 1, engagement: 0, response: 0, amplification: 0, sentiment: 0}}\n"
        "    targets:\n      posts_per_week: {{instagram: 5, facebook: 5, tiktok: 3, youtube: 1, x: 7}}\n"
        "      engagement_ratio: 1.0\n      answered_within_24h_share: 1.0\n      amplified_share: 0.5\n"
        "    rules: {{min_labelled_mentions: 10, min_components: 1}}\n"
    )
    config = tmp_path / "scorecard.yml"
    today = date(2025, 3, 10)
    con = connect(home / "warehouse.duckdb")
    try:
        config.write_text(new.format(start="2025-02"), encoding="utf-8")
        with pytest.raises(ScorecardConfigError, match="starts 2025-02, before the current month 2025-03"):
            record_versions(con, load_versions(config), config, today, WITA_NOW)
        config.write_text(shipped.replace("activity: 0.25", "activity: 0.30"), encoding="utf-8")
        with pytest.raises(ScorecardConfigError, match="version 2025.1 differs from the one builds have already used"):
            record_versions(con, load_versions(config), config, today, WITA_NOW)
        config.write_text(new.format(start="2025-03"), encoding="utf-8")
        assert [v.version for v in record_versions(con, load_versions(config), config, today, WITA_NOW)] == ["2025.2"]
    finally:
        con.close()
    run_dbt(home, monkeypatch, "build", "--selector", "scorecard_build")
    after = _query(home / "warehouse.duckdb", "select * from marts.mart_humas_scorecard order by month, unit")
    assert after == before
    assert {
        r[0] for r in _query(home / "warehouse.duckdb", "select weights_version from marts.mart_humas_scorecard")
    } == {"2025.1"}


def test_citra_rapor_renders_one_unit_on_demand_and_names_an_unknown_unit(
    built: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CITRA_HOME", str(built))
    monkeypatch.setenv("CITRA_WAREHOUSE", str(built / "warehouse.duckdb"))
    assert main(["rapor", "2025-02", "--unit", "6372"]) == 0
    assert "2025-02/rapor/6372.pdf" in capsys.readouterr().out
    assert main(["rapor", "2025-02", "--unit", "dinkes"]) == 2
    assert "no rapor for dinkes in 2025-02" in capsys.readouterr().err


def test_a_build_runs_the_scorecard_again_only_when_what_it_reads_changed(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Catches a stale rapor (new February mentions of BPBD, and the scorecard's dbt run skipped:
    its February row keeps 10 mentions) and a wasted run (a build whose only new file is a press
    release, which no scorecard model reads, running the scorecard's dbt all the same)."""
    from orchestration.defs.dbt.invocation import CitraDbtCli

    runs: list[str] = []
    original = CitraDbtCli.cli

    def recording_cli(self, args, *, context=None, **kwargs):  # noqa: ANN001, ANN202 - dagster-dbt's signature
        runs.append(context.op_def.name if context is not None else "?")
        return original(self, args, context=context, **kwargs)

    monkeypatch.setattr(CitraDbtCli, "cli", recording_cli)
    home = tmp_path / "home"
    shutil.copytree(built, home)
    warehouse = home / "warehouse.duckdb"
    feb = "select mentions, labelled_mentions from marts.mart_humas_scorecard where month = ? and unit = 'bpbd_kalsel'"
    assert _query(warehouse, feb, [FEB]) == [(10, 10)]

    # five more positive mentions of BPBD in February, in a new clipping file
    extra = [_mention(200 + n, date(2025, 2, 25), "positif", "BPBD Kalsel", "", "Banjir") for n in range(5)]
    write_table(home / "landing" / "media" / "kliping_2025_susulan.csv", GENERIC_HEADER, extra)
    _build(home)
    assert runs == ["citra_dbt_models", "citra_scorecard_models"]
    assert _query(warehouse, feb, [FEB]) == [(15, 15)]
    recorded = _query(warehouse, "select run_id, inputs from raw.scorecard_runs order by recorded_at")
    assert '"marts.fct_mentions"' in recorded[-1][1]

    # a press release: the main dbt run builds it, the scorecard reads nothing it changes
    runs.clear()
    release = home / "landing" / "releases" / "rilis_2025-03.csv"
    release.parent.mkdir(parents=True, exist_ok=True)
    release.write_text(
        "published_at,title,lead,url,agency\n2025-03-05 10:00,Layanan kesehatan keliling dibuka,"
        "Dinkes membuka layanan keliling,https://dinkes.kalselprov.example/rilis-1,dinkes_kalsel\n",
        encoding="utf-8",
    )
    before = _query(warehouse, "select * from marts.mart_humas_scorecard order by month, unit")
    output = _build(home)
    assert runs == ["citra_dbt_models"], output[-3000:]
    assert _query(warehouse, "select count(*) from raw.scorecard_runs") == [(len(recorded),)]
    assert _query(warehouse, "select * from marts.mart_humas_scorecard order by month, unit") == before
    assert _query(home / "serving" / "citra.duckdb", "select count(*) from marts.mart_humas_scorecard") == [
        (len(before),)
    ]
