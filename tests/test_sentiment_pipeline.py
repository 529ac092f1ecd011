"""Citra's own labels through the warehouse: ingestion, the scoring step, dbt. Unlabeled mentions
get the model's label, a correction wins and changes the marts on the next build (its history
kept), and the policy switch changes exactly the rows it should."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from dbt_runner import run_dbt
from exports import GENERIC_HEADER, csv_text
from small_sentiment import small_model_path

from ingestion.corrections import ingest_corrections
from ingestion.load import connect, ingest_media
from sentiment.model import load_model
from sentiment.scoring import score_new_texts
from sentiment.settings import LabelSettings

pytestmark = pytest.mark.slow

MENTIONS = [
    # vendor-labelled
    (
        "2025-10-01 08:00",
        "Warga kecewa jalan rusak tak kunjung diperbaiki",
        "Infrastruktur",
        "positif",
        "https://x.id/1",
    ),
    ("2025-10-02 08:00", "Warga senang, jembatan baru bagus dan nyaman", "Infrastruktur", "negatif", "https://x.id/2"),
    ("2025-10-03 08:00", "Rapat koordinasi digelar di kantor gubernur", "Pemerintahan", "netral", "https://x.id/3"),
    # no vendor label: the model labels them under fill_missing
    (
        "2025-10-04 08:00",
        "Pelayanan buruk sekali, petugas kasar dan mengecewakan",
        "Pelayanan Publik",
        "",
        "https://x.id/4",
    ),
    ("2025-10-05 08:00", "Acara festival budaya seru, makanannya enak dan murah", "Pariwisata", "", "https://x.id/5"),
    ("2025-09-20 08:00", "Harga cabai mahal sekali, pedagang kecewa dan rugi", "Ekonomi", "", "https://x.id/6"),
]
# What the test model says of each title (each with a confidence of 0.87 or more), written out
# rather than asked of the model, so that a label joined to the wrong mention cannot match itself
MODEL_LABEL = {
    "https://x.id/1": "negative",
    "https://x.id/2": "positive",
    "https://x.id/3": "neutral",
    "https://x.id/4": "negative",
    "https://x.id/5": "positive",
    "https://x.id/6": "negative",
}


def _fct(warehouse: Path) -> dict[str, dict]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cursor = con.execute("select * from marts.fct_mentions")
        names = [d[0] for d in cursor.description]
        return {row["url"]: row for row in (dict(zip(names, r)) for r in cursor.fetchall())}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    home = tmp_path_factory.mktemp("labels")
    (home / "landing" / "media").mkdir(parents=True)
    rows = [
        dict(date=d, title=t, issue=i, sentiment=s, url=u, outlet="Antara Kalsel", media_type="online")
        for d, t, i, s, u in MENTIONS
    ]
    (home / "landing" / "media" / "kliping.csv").write_text(csv_text(GENERIC_HEADER, rows), encoding="utf-8")
    warehouse = home / "warehouse.duckdb"
    ingest_media(warehouse, home / "landing" / "media", home / "quarantine")
    con = connect(warehouse)
    score_new_texts(con, load_model(small_model_path()), LabelSettings())
    con.close()
    out = {"home": home, "warehouse": warehouse}
    with pytest.MonkeyPatch.context() as monkeypatch:
        run_dbt(home, monkeypatch, "build")
        out["first"] = _fct(warehouse)
        with duckdb.connect(str(warehouse), read_only=True) as c:
            out["first_mart"] = c.execute(
                "select month, sum(labelled_by_vendor), sum(labelled_by_model), sum(labelled_by_analyst) "
                "from marts.mart_issue_sentiment_monthly group by 1 order by 1"
            ).fetchall()
        # two corrections of mention 1, the later one wins; one issue correction of mention 5
        folder = home / "landing" / "corrections"
        folder.mkdir(parents=True)
        (folder / "koreksi.csv").write_text(
            "url,sentimen,isu,oleh,alasan,waktu\n"
            "https://x.id/1,netral,,Rina,salah baca,2025-10-10 09:00\n"
            "https://x.id/1,negatif,,Budi,warga mengeluh,2025-10-11 09:00\n"
            "https://x.id/5,,Sosial,Sari,acara warga,2025-10-11 10:00\n",
            encoding="utf-8",
        )
        ingest_corrections(warehouse, folder, home / "quarantine")
        run_dbt(home, monkeypatch, "run")  # models only: the first build ran every test
        out["corrected"] = _fct(warehouse)
        # a build, so that the unit tests also run under a hand-set policy var
        run_dbt(home, monkeypatch, "build", "--vars", '{"sentiment_policy": "model_everywhere"}')
        out["model_everywhere"] = _fct(warehouse)
    return out


def test_unlabeled_mentions_get_the_models_label_and_vendor_labels_stay(built: dict) -> None:
    # bugs caught: the model overwriting vendor labels under fill_missing, or leaving gaps; a
    # model label joined to another mention's text
    fct = built["first"]
    vendor_label = {"positif": "positive", "netral": "neutral", "negatif": "negative"}
    for _, _, _, vendor, url in MENTIONS:
        row = fct[url]
        assert row["sentiment_model"] == MODEL_LABEL[url]
        if vendor:
            assert (row["sentiment_source"], row["sentiment"], row["sentiment_vendor"]) == (
                "vendor",
                vendor_label[vendor],
                vendor_label[vendor],
            )
        else:
            assert (row["sentiment_source"], row["sentiment"], row["sentiment_vendor"]) == (
                "model",
                MODEL_LABEL[url],
                None,
            )
    assert built["first_mart"] == [
        (fct["https://x.id/6"]["month"], 0, 1, 0),
        (fct["https://x.id/1"]["month"], 3, 2, 0),
    ]


def test_the_newest_correction_wins_on_the_next_build_and_its_history_is_kept(built: dict) -> None:
    # bugs caught: a correction ignored until a full refresh; an earlier correction winning
    row = built["corrected"]["https://x.id/1"]
    assert (row["sentiment"], row["sentiment_source"], row["sentiment_vendor"]) == ("negative", "analyst", "positive")
    assert built["corrected"]["https://x.id/5"]["issue"] == "sosial"  # corrected issue over the vendor's
    with duckdb.connect(str(built["warehouse"]), read_only=True) as con:
        history = con.execute(
            "select sentiment, corrected_by from raw.label_corrections order by corrected_at"
        ).fetchall()
        analyst = con.execute("select sum(labelled_by_analyst) from marts.mart_issue_sentiment_monthly").fetchall()
    assert history == [("neutral", "Rina"), ("negative", "Budi"), (None, "Sari")]
    assert analyst == [(1,)]


def test_policy_model_everywhere_changes_exactly_the_vendor_labelled_uncorrected_rows(built: dict) -> None:
    # bug caught: the policy switch touching corrected rows, or not reaching vendor-labelled ones
    before, after = built["corrected"], built["model_everywhere"]
    changed = {url for url in before if before[url]["sentiment_source"] != after[url]["sentiment_source"]}
    assert changed == {"https://x.id/2", "https://x.id/3"}
    assert {url: (after[url]["sentiment_source"], after[url]["sentiment"]) for url in changed} == {
        "https://x.id/2": ("model", "positive"),
        "https://x.id/3": ("model", "neutral"),
    }
    assert after["https://x.id/1"]["sentiment_source"] == "analyst"
