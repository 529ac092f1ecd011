"""The rapor's recommendations: the one or two components that cost the unit most, with its own
numbers; nothing to recommend on a positive tone; what to do first when nothing can be scored."""

from __future__ import annotations

from datetime import date, datetime

from scorecard.rapor.model import AccountMonth, OpenAlert, Rapor
from scorecard.rapor.recommend import recommend

WEIGHTS = {"weight_activity": 0.25, "weight_engagement": 0.15, "weight_response": 0.25,
           "weight_amplification": 0.15, "weight_sentiment": 0.20, "amplified_share_target": 0.5}  # fmt: skip
ROW = {
    "accounts_registered": 2,
    "posts_per_week": 2.0,
    "posts_per_week_target": 10.0,
    "answered_within_24h_share": 0.5,
    "median_response_hours": 30.0,
    "official_posts_amplified_share": 0.25,
    "net_sentiment": 0.22,
    "labelled_mentions": 18,
    "median_engagement_rate": 0.03,
    "province_median_engagement_rate": 0.04,
}


def _rapor(scores: dict, accounts: list[AccountMonth] | None = None, alerts: list | None = None, **row) -> Rapor:
    return Rapor(
        month=date(2025, 2, 1),
        generated_at=datetime(2025, 3, 1),
        unit="dinkes_kalsel",
        unit_type="agency",
        unit_name="Dinkes Kalsel",
        unit_full_name="Dinas Kesehatan",
        contact_email=None,
        row={**ROW, **{f"score_{k}": v for k, v in scores.items()}, **row},
        typical={},
        targets=WEIGHTS,
        accounts=accounts or [AccountMonth("instagram", "dinkeskalsel", True, 8, 5.0)],
        trend=[],
        best_posts=[],
        weak_posts=[],
        open_alerts=alerts or [],
    )


def test_the_two_costliest_components_come_first_with_the_units_numbers() -> None:
    # losses: activity 0.25 x 80 = 20, response 0.25 x 50 = 12.5, amplification 0.15 x 50 = 7.5,
    # engagement 0.15 x 25 = 3.75; sentiment +22 (score 61) is positive: no loss
    texts = recommend(
        _rapor({"activity": 20.0, "response": 50.0, "amplification": 50.0, "engagement": 75.0, "sentiment": 61.0})
    )
    assert len(texts) == 2
    assert texts[0].startswith("Tambah frekuensi unggahan: 2,0 unggahan per minggu, targetnya 10,0")
    assert texts[1].startswith("Percepat respons: baru 50,0% peringatan dijawab dalam 24 jam (median 30,0 jam)")


def test_a_negative_tone_and_open_alerts_are_named_with_the_issues() -> None:
    alert = OpenAlert("a1", "negative_burst", "Banjir", None, datetime(2025, 2, 14, 4), 12, "open")
    texts = recommend(
        _rapor({"activity": 100.0, "response": 0.0, "sentiment": 20.0}, alerts=[alert], net_sentiment=-0.6)
    )
    # response 0.25 x 100 = 25 before sentiment 0.20 x 2 x 30 = 12
    assert texts[0].startswith("Jawab 1 peringatan isu yang belum direspons (Banjir)")
    assert texts[1].startswith("Pemberitaan tentang Dinkes Kalsel cenderung negatif (indeks sentimen −60")


def test_silent_accounts_are_named_and_a_unit_without_accounts_is_told_to_register_them() -> None:
    silent = AccountMonth("x", "dinkeskalsel", True, 0, 7.0)
    [text, _] = recommend(_rapor({"activity": 10.0, "response": 90.0}, accounts=[silent]))
    assert text.startswith("Aktifkan kembali X @dinkeskalsel: tidak ada satu pun unggahan pada Februari 2025")
    [only] = recommend(_rapor({}, accounts=[], accounts_registered=0))
    assert only.startswith("Belum ada akun media sosial resmi instansi ini yang terdaftar")
