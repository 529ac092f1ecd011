"""The text matcher (package matching/): Indonesian rewrites meet, decoys do not, one release
per mention, the candidate search in DuckDB finds what the scorer would accept."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import duckdb

from matching import Document, MatchSettings, Mention, best_per_mention, match_documents, mentions_table, score
from matching.normalize import strip_headline, terms
from matching.numbers import replace_numbers
from matching.stem import stem
from matching.urls import url_key

WITA = ZoneInfo("Asia/Makassar")
T0 = datetime(2025, 3, 4, 10, 0, tzinfo=WITA)
BRIDGE = Document(
    "bridge",
    "Gubernur Kalimantan Selatan Resmikan Jembatan Sungai Alalak Senilai Rp 1,5 Miliar",
    T0,
    T0 + timedelta(days=14),
    body="Gubernur Kalimantan Selatan meresmikan jembatan sepanjang 240 meter di Kabupaten Barito Kuala.",
    url="https://dpupr.kalselprov.go.id/2025/03/04/jembatan-alalak/",
)
SCHOOL = Document(
    "school",
    "Gubernur Kalsel Resmikan Gedung SMA Negeri 2 Marabahan",
    T0 + timedelta(days=2),
    T0 + timedelta(days=16),
    body="Gedung baru berlantai tiga itu dibangun dengan anggaran Rp 12 miliar.",
)


def mention(mid: str, title: str, hours: float = 5, snippet: str = "", url: str | None = None) -> Mention:
    return Mention(mid, T0 + timedelta(hours=hours), title, snippet, url)


def test_active_passive_and_noun_forms_share_one_key() -> None:
    for forms in (
        ["meresmikan", "diresmikan", "peresmian", "resmikan"],
        ["menyalurkan", "disalurkan", "penyaluran"],
        ["menanam", "ditanam", "penanaman", "tanam"],
        ["mengunjungi", "dikunjungi", "kunjungan"],
        ["melantik", "dilantik", "pelantikan"],
    ):
        assert len({stem(w) for w in forms}) == 1, forms


def test_amounts_written_differently_are_one_number() -> None:
    same = {replace_numbers(t).split()[-1] for t in ("rp 1,5 miliar", "rp1.500.000.000", "rp1,5 m", "rp 1.500 juta")}
    assert same == {"n1500000000"}
    assert replace_numbers("412.000 anak").split()[0] == replace_numbers("412 ribu anak").split()[0] == "n412000"
    assert "n180" in replace_numbers("180 m") and "n180000000000" not in replace_numbers("180 m")
    assert "n2025" not in replace_numbers("selasa (4/3/2025)")
    # decimals are exact: 32,3 miliar is not 32299999999.999996
    assert replace_numbers("rp 32,3 miliar").split() == replace_numbers("rp32.300.000.000").split()


def test_outlet_tags_and_datelines_are_dropped_from_headlines() -> None:
    for title in (
        "VIDEO: Jembatan Alalak Resmi Dibuka",
        "[FOTO] Jembatan Alalak Resmi Dibuka",
        "BANJARMASIN - Jembatan Alalak Resmi Dibuka",
        "BANJARMASIN, KOMPAS.com - Jembatan Alalak Resmi Dibuka",
        "Banjarmasin (ANTARA) - Jembatan Alalak Resmi Dibuka",
        "Jembatan Alalak Resmi Dibuka | Kalsel Pos",
    ):
        assert strip_headline(title) == "Jembatan Alalak Resmi Dibuka", title


def test_short_and_long_forms_of_offices_titles_and_places_meet() -> None:
    assert terms("Gubernur Kalsel") == terms("Gubernur Kalimantan Selatan") == terms("Rusdiansyah")
    assert terms("Pemprov Kalsel") == terms("Pemerintah Provinsi Kalimantan Selatan")
    assert terms("Kab. Banjar") == terms("Kabupaten Banjar") == terms("Martapura")
    assert terms("Dinkes Kalsel") == terms("Dinas Kesehatan Provinsi Kalimantan Selatan")


def test_a_rewritten_pickup_is_accepted_and_a_story_on_the_same_topic_is_not() -> None:
    settings = MatchSettings()
    rewritten = mention("a", "BATOLA - Jembatan Sungai Alalak Senilai Rp1,5 M Diresmikan Gubernur Kalsel")
    other_story = mention("b", "Warga Keluhkan Jembatan Rusak di Sungai Alalak, Gubernur Diminta Turun Tangan")
    assert settings.band(score(BRIDGE, rewritten).value) == "accept"
    assert settings.band(score(BRIDGE, other_story).value) != "accept"


def test_a_link_to_the_release_matches_whatever_the_text_and_the_release_page_itself_does_not() -> None:
    shared = mention("a", "baca ya https://www.dpupr.kalselprov.go.id/2025/03/04/jembatan-alalak?utm_source=fb")
    itself = mention("b", BRIDGE.title, url="https://dpupr.kalselprov.go.id/2025/03/04/jembatan-alalak")
    assert (score(BRIDGE, shared).value, score(BRIDGE, shared).matched_on) == (1.0, "url")
    assert score(BRIDGE, itself).matched_on == "self"
    assert url_key("HTTP://m.Example.go.id/a/b/?x=1#y") == url_key("https://example.go.id/a/b") == "example.go.id/a/b"


def _run(documents: list[Document], mentions: list[Mention]) -> dict[str, str]:
    con = duckdb.connect()
    con.register(
        "m",
        mentions_table(mentions),
    )
    pairs = match_documents(con, documents, "select * from m")
    return {mid: match.doc_id for mid, match in best_per_mention(pairs).items()}


def test_two_releases_in_one_week_keep_their_own_pickups_and_windows_are_half_open() -> None:
    found = _run(
        [BRIDGE, SCHOOL],
        [
            mention("bridge-1", "Jembatan Sungai Alalak Rp 1,5 Miliar Diresmikan Gubernur Kalimantan Selatan"),
            mention("school-1", "Gedung SMA Negeri 2 Marabahan Diresmikan Gubernur Kalsel", hours=60),
            mention("school-2", "Rusdiansyah Resmikan Gedung Baru SMA Negeri 2 Marabahan", hours=70),
            mention("before", "Gubernur Kalsel Akan Resmikan Jembatan Sungai Alalak Rp 1,5 Miliar", hours=-3),
            mention("late", "Jembatan Sungai Alalak Rp 1,5 Miliar Diresmikan Gubernur Kalsel", hours=14 * 24),
            mention("decoy", "Warga Marabahan Keluhkan Atap Sekolah Bocor", hours=50),
        ],
    )
    assert found == {"bridge-1": "bridge", "school-1": "school", "school-2": "school"}


def test_a_mention_that_fits_two_releases_counts_for_the_better_one_only() -> None:
    twin = Document(
        "twin",
        "Gubernur Kalsel Resmikan Jembatan Sungai Alalak",
        T0 + timedelta(hours=1),
        T0 + timedelta(days=14),
    )
    found = _run([BRIDGE, twin], [mention("m", "Jembatan Sungai Alalak Senilai Rp 1,5 Miliar Diresmikan Gubernur")])
    assert found == {"m": "bridge"}
