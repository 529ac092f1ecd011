"""One decisions folder and one file layout for every review queue (landing/decisions/,
ingestion/decisions.py): hoax decisions beside release-pickup ones, bad rows set aside naming
file, row and problem while the good rows land, the kind respected from ingestion to the marts,
the newest decision per pair winning, an older warehouse's raw.hoax_decisions moved once, and
files still dropped into the old landing/hoax_decisions/ read rather than lost."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb
import pytest
import yaml
from dbt_runner import run_dbt
from platform_exports import table_text, write

from ingestion.decisions import ingest_decisions
from ingestion.hoaxes.load import ingest_hoaxes
from ingestion.load import connect, ingest_media
from ingestion.releases.load import ingest_releases
from ingestion.schema import migrate_hoax_decisions
from orchestration.defs.agenda.assets import raw_review_decisions
from orchestration.resources import CitraHome

REPO = Path(__file__).resolve().parents[1]
REGISTER = ["hoax_id", "first_seen", "claim"]
ID_HEADER = ["jenis", "subjek", "id_mention", "keputusan", "peran", "oleh", "alasan", "waktu"]
EN_HEADER = ["kind", "hoax_id", "mention_id", "decision", "role", "by", "why", "at"]
# the raw.hoax_decisions of an older Citra (landing/hoax_decisions/), as it created the table
OLD_HOAX_DECISIONS = """create table raw.hoax_decisions (mention_id varchar not null, hoax_id varchar not null,
    decision varchar not null, decided_by varchar not null, reason varchar, decided_at timestamptz not null,
    source_file_id varchar not null, source_row integer not null, ingested_at timestamptz not null)"""


def _rows(home: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _subjects(home: Path) -> tuple[dict[str, str], str]:
    """Five mentions (d1..d5), hoaxes HKS-1 and HKS-2, one release: (document_id -> mention_id, release_id)."""
    write(
        home / "landing" / "media" / "generic.csv",
        table_text(
            ["date", "title", "outlet", "issue", "sentiment", "document_id"],
            [
                [f"2025-01-{15 + n} 10:00", f"Berita {n}", "Kalsel Pos", "Banjir", "neutral", f"d{n}"]
                for n in range(1, 6)
            ],
        ),
    )
    ingest_media(home / "warehouse.duckdb", home / "landing" / "media", home / "quarantine")
    write(
        home / "landing" / "hoaxes" / "register.csv",
        table_text(
            REGISTER, [["HKS-1", "2025-01-16", "sekolah libur sebulan"], ["HKS-2", "2025-01-16", "jembatan ambruk"]]
        ),
    )
    ingest_hoaxes(home / "warehouse.duckdb", home / "landing" / "hoaxes", home / "quarantine")
    write(
        home / "landing" / "releases" / "rilis.csv",
        "tanggal,judul,tautan,instansi\n15/01/2025 09:00,Jembatan Baru Dibuka,https://kalselprov.go.id/jembatan,"
        "diskominfo_kalsel\n",
    )
    ingest_releases(home / "warehouse.duckdb", home / "landing" / "releases", home / "quarantine")
    mentions = dict(_rows(home, "select document_id, mention_id from raw.media_mentions"))
    [(release,)] = _rows(home, "select release_id from raw.releases")
    return mentions, release


def _decide(home: Path, name: str, header: list[str], rows: list[list[str]], exported: str = "2025-01-25") -> None:
    write(home / "landing" / "decisions" / name, table_text(header, rows), exported=exported)


def _ingest_decisions(home: Path, folder: str = "decisions", default_kind: str | None = None):
    return ingest_decisions(
        home / "warehouse.duckdb", home / "landing" / folder, home / "quarantine" / "decisions", default_kind
    )


def test_a_bad_row_is_set_aside_naming_file_row_and_problem_and_the_good_rows_of_the_file_land(
    tmp_path: Path,
) -> None:
    # bugs caught: one bad row failing the whole file (or quarantining it); a bad row loaded
    # anyway; a hoax confirm without its role loaded as a pair of no role; a role word accepted
    # on the release queue, which has none; a lower-case hoax_id not matching the register; an
    # Indonesian or English header of the hoax queue not read
    m, release = _subjects(tmp_path)
    _decide(
        tmp_path,
        "keputusan.csv",
        ID_HEADER,
        [
            ["hoax", "hks-1", m["d1"], "Sebar", "", "Rina", "mengulang klaim", "2025-01-20 09:00"],  # 2 ok
            ["hoaks", "HKS-1", m["d2"], "tolak", "", "Budi", "", ""],  # 3 ok
            ["hoax", "HKS-1", m["d3"], "ya", "bantah", "Sari", "", ""],  # 4 ok
            ["hoax", "HKS-1", m["d3"], "ya", "", "Sari", "", ""],  # 5 a confirm without its role
            ["rilis", release, m["d4"], "ya", "", "Rina", "memuat isi rilis", ""],  # 6 ok
            ["hoax", "HKS-1", m["d4"], "mungkin", "", "Rina", "", ""],  # 7 not a decision
            ["sentimen", "HKS-1", m["d1"], "sebar", "", "Rina", "", ""],  # 8 no such queue
            ["hoax", "HKS-9", "nope", "sebar", "", "", "", "kemarin"],  # 9 four problems
            ["rilis", release, m["d5"], "sebar", "", "Rina", "", ""],  # 10 the release queue has no roles
        ],
    )
    _decide(
        tmp_path,
        "decisions.csv",
        EN_HEADER,
        [["hoax", "HKS-2", m["d5"], "yes", "debunk", "Rina", "", "2025-01-21 10:00"]],
    )
    outcomes = {o.name: o for o in _ingest_decisions(tmp_path).outcomes}
    assert (outcomes["keputusan.csv"].status, outcomes["keputusan.csv"].rows_loaded) == ("loaded", 4)
    assert outcomes["keputusan.csv"].rows_rejected == 5
    assert outcomes["keputusan.csv"].message.startswith("keputusan.csv row 5: ")
    assert (outcomes["decisions.csv"].rows_loaded, outcomes["decisions.csv"].rows_rejected) == (1, 0)
    assert _rows(
        tmp_path,
        """select source_row, kind, subject_id, mention_id, decision, label, decided_by from raw.review_decisions
           order by source_file_id = (select file_id from raw.ingest_files where file_name = 'decisions.csv'), source_row""",
    ) == [
        (2, "hoax", "HKS-1", m["d1"], "confirm", "spread", "Rina"),
        (3, "hoax", "HKS-1", m["d2"], "reject", None, "Budi"),
        (4, "hoax", "HKS-1", m["d3"], "confirm", "debunk", "Sari"),
        (6, "release_pickup", release, m["d4"], "confirm", None, "Rina"),
        (2, "hoax", "HKS-2", m["d5"], "confirm", "debunk", "Rina"),
    ]
    assert _rows(
        tmp_path,
        "select source_row, column_name from raw.ingest_rejects where file_name = 'keputusan.csv' order by 1, 2",
    ) == [
        (5, "label"),
        (7, "decision"),
        (8, "decision"),
        (8, "kind"),
        (9, "decided_at"),
        (9, "decided_by"),
        (9, "mention_id"),
        (9, "subject"),
        (10, "decision"),
    ]
    [(reason,)] = _rows(
        tmp_path, "select reason from raw.ingest_rejects where file_name = 'keputusan.csv' and source_row = 5"
    )
    assert "spread (sebar) or debunk (bantah)" in reason


def test_an_old_warehouse_s_hoax_decisions_are_moved_to_the_shared_table_exactly_once(tmp_path: Path) -> None:
    # bugs caught: old decisions lost in the move (table dropped, rows not copied); copied again
    # on every connection (each would count twice); spread/debunk/reject not mapped to a confirm
    # in that role or a reject; raw.hoax_decisions recreated by the schema and left behind
    warehouse = tmp_path / "warehouse.duckdb"
    old = [
        ("m1", "HKS-1", "spread", "Rina", "sama", "2025-01-20 01:00:00+00", "f1", 2, "2025-01-21 00:00:00+00"),
        ("m2", "HKS-1", "debunk", "Budi", None, "2025-01-20 02:00:00+00", "f1", 3, "2025-01-21 00:00:00+00"),
        ("m3", "HKS-2", "reject", "Sari", "lain", "2025-01-20 03:00:00+00", "f2", 2, "2025-01-22 00:00:00+00"),
    ]
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema raw")
        con.execute(OLD_HOAX_DECISIONS)
        con.executemany("insert into raw.hoax_decisions values (?, ?, ?, ?, ?, ?, ?, ?, ?)", old)
    expected = [
        ("hoax", "HKS-1", "m1", "confirm", "spread", "Rina", "sama", "f1", 2),
        ("hoax", "HKS-1", "m2", "confirm", "debunk", "Budi", None, "f1", 3),
        ("hoax", "HKS-2", "m3", "reject", None, "Sari", "lain", "f2", 2),
    ]
    sql = """select kind, subject_id, mention_id, decision, label, decided_by, reason, source_file_id, source_row
             from raw.review_decisions order by mention_id"""
    tables = "select count(*) from duckdb_tables() where schema_name = 'raw' and table_name = 'hoax_decisions'"
    for _ in range(2):  # every writing connection runs the schema; the second finds nothing to move
        connect(warehouse).close()
        assert _rows(tmp_path, sql) == expected
        assert _rows(tmp_path, tables) == [(0,)]
    assert _rows(
        tmp_path, "select min(decided_at) = timestamptz '2025-01-20 01:00:00+00' from raw.review_decisions"
    ) == [(True,)]
    con = connect(warehouse)
    try:  # the old table back with the same rows (a restored backup): nothing copied twice
        con.execute(OLD_HOAX_DECISIONS)
        con.executemany("insert into raw.hoax_decisions values (?, ?, ?, ?, ?, ?, ?, ?, ?)", old)
        assert migrate_hoax_decisions(con) == 0
        assert migrate_hoax_decisions(con) == 0
    finally:
        con.close()
    assert _rows(tmp_path, sql) == expected
    assert _rows(tmp_path, tables) == [(0,)]


def test_a_file_still_dropped_into_the_old_hoax_folder_is_read_as_hoax_decisions_and_staff_are_told(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # bugs caught: a decision in landing/hoax_decisions/ silently ignored since the folder moved
    # (lost); its rows, which have no kind column, rejected; a release decision slipped into
    # the hoax folder taken as one; staff not told to use landing/decisions/
    m, release = _subjects(tmp_path)
    write(
        tmp_path / "landing" / "hoax_decisions" / "lama.csv",
        table_text(
            ["id_hoaks", "id_mention", "keputusan", "oleh"],
            [["HKS-1", m["d1"], "bantah", "Rina"], [release, m["d2"], "ya", "Rina"]],
        ),
    )
    _decide(tmp_path, "baru.csv", ID_HEADER, [["rilis", release, m["d3"], "tidak", "", "Budi", "", ""]])
    result = dg.materialize(
        [raw_review_decisions],
        resources={"citra": CitraHome(home=str(tmp_path), warehouse_path=str(tmp_path / "warehouse.duckdb"))},
    )
    assert result.success
    assert _rows(
        tmp_path, "select kind, subject_id, mention_id, decision, label from raw.review_decisions order by 1"
    ) == [
        ("hoax", "HKS-1", m["d1"], "confirm", "debunk"),
        ("release_pickup", release, m["d3"], "reject", None),
    ]
    assert _rows(
        tmp_path, "select source_row, column_name from raw.ingest_rejects where file_name = 'lama.csv' order by 1, 2"
    ) == [
        (3, "label"),
        (3, "subject"),
    ]
    told = [
        line for line in capfd.readouterr().err.splitlines() if "landing/hoax_decisions/ tidak dipakai lagi" in line
    ]
    assert len(told) == 1 and "lama.csv" in told[0] and "landing/decisions/" in told[0]
    [event] = result.get_asset_materialization_events()
    assert event.materialization.metadata["decisions_hoax"].value == 1


def test_every_unit_test_is_at_the_top_level_where_dbt_runs_it() -> None:
    # bug caught: unit_tests nested under a model (as the agenda models' were): dbt ignores
    # them without a word and the test never runs
    nested = []
    for path in sorted((REPO / "dbt_project" / "models").rglob("*.yml")):
        for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models") or []:
            if "unit_tests" in model:
                nested.append(f"{path.name}: {model['name']}")
    assert nested == []


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], str]:
    """The subjects, the tracer's and the matcher's pairs written as they would, two decision
    files (the second ingested later) and the agenda and hoax models built by dbt."""
    home = tmp_path_factory.mktemp("decisions")
    m, release = _subjects(home)
    traced = [("HKS-1", "d1", "review", "debunk"), ("HKS-1", "d2", "accept", "spread"), ("HKS-2", "d3", "accept", "spread"),
              ("HKS-2", "d5", "review", "spread")]  # fmt: skip
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        for hoax, doc, band, role in traced:
            con.execute(
                """insert into raw.hoax_matches (hoax_id, mention_id, published_at, score, band, role, role_sure,
                       matched_on, traced_at) values (?, ?, timestamptz '2025-01-17 02:00:00+00', 0.5, ?, ?, true, 'text', now())""",
                [hoax, m[doc], band, role],
            )
        for doc, band in (("d3", "accept"), ("d4", "review"), ("d5", "review")):
            con.execute(
                """insert into raw.release_matches (release_id, mention_id, matched_on, match_score, band, release_hash,
                       matcher_version, matched_at) values (?, ?, 'text', 0.5, ?, 'h', 'v', now())""",
                [release, m[doc], band],
            )
    _decide(
        home,
        "pertama.csv",
        ID_HEADER,
        [
            ["hoax", "HKS-1", m["d1"], "sebar", "", "Rina", "", "2025-01-20 09:00"],
            ["hoax", "HKS-1", m["d2"], "sebar", "", "Rina", "", "2025-01-22 09:00"],
            ["rilis", release, m["d4"], "ya", "", "Rina", "", "2025-01-20 09:00"],
            ["hoax", "HKS-1", m["d4"], "sebar", "", "Rina", "", "2025-01-21 09:00"],
            ["rilis", release, m["d5"], "ya", "", "Rina", "", "2025-01-20 09:00"],
        ],
        exported="2025-01-22",
    )
    _decide(
        home,
        "kedua.csv",
        ID_HEADER,
        [
            ["hoax", "HKS-1", m["d1"], "bantah", "", "Budi", "", "2025-01-21 09:00"],
            ["hoax", "HKS-1", m["d2"], "tolak", "", "Budi", "", "2025-01-21 09:00"],
            ["hoax", "HKS-2", m["d3"], "tolak", "", "Budi", "", "2025-01-21 09:00"],
        ],
        exported="2025-01-23",
    )
    assert [o.rows_rejected for o in _ingest_decisions(home).outcomes] == [0, 0]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CITRA_TODAY", "2025-02-03")
        run_dbt(home, mp, "build", "--select", "+fct_hoax_mentions", "+hoax_review_queue", "+fct_release_pickups",
                "+release_review_queue", "--resource-type", "model", "--resource-type", "seed")  # fmt: skip
    return home, m, release


@pytest.mark.slow
def test_a_hoax_decision_in_the_decisions_folder_changes_role_and_acceptance_in_the_marts(built) -> None:
    # bugs caught: the hoax marts not reading hoax decisions from the shared table (the review
    # pair d1 stays in the queue, the rejected d3 stays a spread); a confirm's role not taken
    # from the decision (sebar/bantah); a pair only a person made (d4) left out
    home, m, _ = built
    facts = {
        mention: (hoax, role, who)
        for hoax, mention, role, who in _rows(
            home, "select hoax_id, mention_id, role, decided_by from marts.fct_hoax_mentions"
        )
    }
    assert facts[m["d1"]] == ("HKS-1", "debunk", "Budi")
    assert m["d3"] not in facts
    assert facts[m["d4"]] == ("HKS-1", "spread", "Rina")
    assert [r[0] for r in _rows(home, "select mention_id from marts.hoax_review_queue")] == [m["d5"]]


@pytest.mark.slow
def test_the_newer_decision_on_a_pair_wins_not_the_file_ingested_last(built) -> None:
    # bugs caught: the older decision winning; the file ingested last winning over a decision
    # taken later (d2: spread on 22 January in the first file, reject on 21 January in the second)
    home, m, _ = built
    facts = dict(_rows(home, "select mention_id, role || ' ' || coalesce(decided_by, '') from marts.fct_hoax_mentions"))
    assert facts[m["d1"]] == "debunk Budi"  # sebar on 20 January, bantah on 21 January
    assert facts[m["d2"]] == "spread Rina"


@pytest.mark.slow
def test_each_queue_reads_its_own_kind_of_decision(built) -> None:
    # bugs caught: the hoax models reading release decisions (d5's confirmed pickup would take it
    # out of the hoax queue) or the agenda models reading hoax ones; one decision per mention
    # across queues (d4's hoax decision, newer, would undo its confirmed pickup)
    home, m, release = built
    pickups = dict(_rows(home, "select mention_id, decided_by from marts.fct_release_pickups"))
    assert pickups == {m["d3"]: None, m["d4"]: "Rina", m["d5"]: "Rina"}
    assert _rows(home, "select count(*) from marts.release_review_queue") == [(0,)]
    assert _rows(
        home, "select mention_id, band from intermediate.int_hoax_mentions_decided where mention_id = ?", [m["d5"]]
    ) == [(m["d5"], "review")]
    assert _rows(
        home, "select count(*) from intermediate.int_review_decisions_latest where subject_id = ?", [release]
    ) == [(2,)]
