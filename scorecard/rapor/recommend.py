"""One or two concrete recommendations in Indonesian for a unit's rapor: the components where
the unit loses most of its composite (weight x points below 100; the tone of coverage only when
it is negative) first, each with its numbers, the accounts or alerts it is about, and the target."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reporting import formatting as fmt

if TYPE_CHECKING:
    from scorecard.rapor.model import Rapor

PLATFORMS = {"facebook": "Facebook", "instagram": "Instagram", "tiktok": "TikTok", "youtube": "YouTube", "x": "X"}
MOST = 2


def _accounts(accounts: list) -> str:
    return fmt.series([f"{PLATFORMS.get(a.platform, a.platform)} @{a.account}" for a in accounts])


def _loss(r: Rapor, component: str) -> float:
    """Composite points the component costs: its weight times its points below 100; for the
    tone of coverage only what lies below neutral (50) counts, doubled: a positive tone needs
    no action."""
    score = r.row.get(f"score_{component}")
    weight = r.targets.get(f"weight_{component}") or 0
    if score is None:
        return 0.0
    return weight * (2 * max(0.0, 50 - score) if component == "sentiment" else 100 - score)


def _activity(r: Rapor) -> str:
    silent = r.silent_accounts
    if silent:
        return (
            f"Aktifkan kembali {_accounts(silent)}: tidak ada satu pun unggahan pada {fmt.month_name(r.month)}. "
            f"Susun jadwal konten mingguan; targetnya {fmt.number(r.row['posts_per_week_target'], 1)} unggahan "
            f"per minggu untuk semua akun (kini {fmt.number(r.row['posts_per_week'], 1)})."
        )
    return (
        f"Tambah frekuensi unggahan: {fmt.number(r.row['posts_per_week'], 1)} unggahan per minggu, targetnya "
        f"{fmt.number(r.row['posts_per_week_target'], 1)}. Susun jadwal konten mingguan per akun."
    )


def _response(r: Rapor) -> str:
    if r.open_alerts:
        names = fmt.series(list(dict.fromkeys(a.issue_name for a in r.open_alerts)))
        return (
            f"Jawab {len(r.open_alerts)} peringatan isu yang belum direspons ({names}) melalui akun resmi sendiri, "
            "dalam 1 × 24 jam sejak isu muncul, dengan informasi yang benar dan tautan sumbernya."
        )
    return (
        f"Percepat respons: baru {fmt.percent(r.row['answered_within_24h_share'])} peringatan dijawab dalam "
        f"24 jam (median {fmt.number(r.row['median_response_hours'], 1)} jam). Tetapkan petugas piket yang "
        "menyiapkan jawaban hari itu juga."
    )


def _engagement(r: Rapor) -> str:
    best = f" seperti unggahan terbaik bulan ini ({PLATFORMS.get(r.best_posts[0].platform)})" if r.best_posts else ""
    return (
        f"Perbaiki daya tarik konten: median interaksi per tayangan {fmt.percent(r.row['median_engagement_rate'], 2)}, "
        f"di bawah median provinsi {fmt.percent(r.row['province_median_engagement_rate'], 2)}. Perbanyak format "
        f"yang terbukti menarik{best}: video pendek, foto kegiatan dengan keterangan singkat, ajakan bertanya."
    )


def _amplification(r: Rapor) -> str:
    target = fmt.percent(r.targets.get("amplified_share_target"), 0)
    return (
        f"Ajak ASN membagikan unggahan resmi: baru {fmt.percent(r.row['official_posts_amplified_share'])} unggahan "
        f"yang dibagikan ASN (target {target}). Kirim tautan unggahan penting ke grup ASN instansi pada hari yang sama."
    )


def _sentiment(r: Rapor) -> str:
    return (
        f"Pemberitaan tentang {r.unit_name} cenderung negatif (indeks sentimen {fmt.index(r.row['net_sentiment'])} "
        f"dari {fmt.number(r.row['labelled_mentions'])} mention berlabel). Siapkan klarifikasi dan informasi yang "
        "benar di kanal resmi, dan perbanyak berita kegiatan pelayanan."
    )


WRITERS = {
    "activity": _activity,
    "response": _response,
    "engagement": _engagement,
    "amplification": _amplification,
    "sentiment": _sentiment,
}


def recommend(r: Rapor) -> list[str]:
    """At most two recommendations, the costliest first; what to do before anything can be scored."""
    if not r.has_accounts:
        who = "instansi ini" if r.unit_type == "agency" else "perangkat daerah di wilayah ini"
        return [
            f"Belum ada akun media sosial resmi {who} yang terdaftar di Citra. Kirim daftar akun resminya "
            "(platform dan nama akun) ke Diskominfo agar keaktifan, interaksi dan amplifikasinya ikut dinilai bulan depan."
        ]
    out = []
    missing = r.accounts_without_data
    if missing and len(missing) == len(r.accounts):
        out.append(
            f"Kirim ekspor insight bulanan {_accounts(missing)} ke Diskominfo: tanpa ekspor, keaktifan dan "
            "interaksinya bulan ini tidak dapat dinilai."
        )
    costs = sorted(((_loss(r, c), c) for c in WRITERS), reverse=True)
    out += [WRITERS[c](r) for loss, c in costs if loss > 0][: MOST - len(out)]
    if missing and len(out) < MOST and len(missing) < len(r.accounts):
        out.append(f"Kirim juga ekspor bulanan {_accounts(missing)}: akun itu belum dapat dinilai bulan ini.")
    if not out:
        out.append("Pertahankan: semua komponen yang dapat dinilai mencapai target bulan ini.")
    return out
