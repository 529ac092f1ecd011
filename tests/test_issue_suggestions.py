"""Issue suggestions: keywords from the seed, a classifier learned from the office's labelled
mentions when there are enough, accuracy on a time split, and the warehouse step."""

from __future__ import annotations

import hashlib
import random
from datetime import date
from pathlib import Path

import duckdb
import pytest

from issues import warehouse
from issues.classifier import train_classifier
from issues.evaluate import evaluate_time_split, split_by_time
from issues.keywords import KeywordMatcher
from issues.suggest import Suggester
from issues.taxonomy import issue_keywords
from issues.warehouse import suggest_for_warehouse

# words that are in no issue's keyword list: only a classifier can learn them
PLANTED = {
    "pendidikan": ["rapor", "wisuda", "madrasah", "ujian", "murid"],
    "kesehatan": ["pasien", "dokter", "obat", "bidan", "klinik"],
    "pariwisata": ["wisatawan", "hotel", "kuliner", "pelancong", "destinasi"],
}
FILLER = ["kabupaten", "warga", "hari", "ini", "kegiatan", "pemerintah", "kota", "baru", "tahun", "daerah"]


def _planted(n: int, seed: int = 0, months: int = 6) -> list[tuple[str, str, date]]:
    """(text, issue, month) with two planted words of the issue among filler words."""
    rng = random.Random(seed)
    rows = []
    for k in range(n):
        issue = sorted(PLANTED)[k % 3]
        words = rng.sample(PLANTED[issue], 2) + rng.sample(FILLER, 4)
        rng.shuffle(words)
        rows.append((" ".join(words), issue, date(2025, 1 + k * months // n, 1)))
    return rows


def test_keywords_match_whole_words_and_phrases_ignoring_case_and_accents() -> None:
    # bugs caught: "jalan" matching inside "jalanan"; a phrase counted word by word
    matcher = KeywordMatcher(issue_keywords())
    assert matcher.hits("Perbaikan JALAN di Tabalong") == {"infrastruktur": 1}
    assert matcher.hits("Jalanan ramai saat libur") == {}
    assert matcher.hits("Pasien RSUD dirujuk ke Rumah Sakit Ulin") == {"kesehatan": 2}
    assert matcher.hits("Festival Budaya Loksado dibuka") == {"pariwisata": 3}


def test_the_time_split_trains_on_earlier_months_and_tests_on_later_ones() -> None:
    # bug caught: shuffled splits that let a later month's wording leak into training
    rows = _planted(300)
    cut, train, test = split_by_time(rows)
    assert max(m for _, _, m in train) < cut <= min(m for _, _, m in test)
    assert len(test) >= 0.2 * len(rows) and len(train) + len(test) == len(rows)


def test_a_classifier_learns_the_offices_wording_where_keywords_see_nothing() -> None:
    # bug caught: the classifier not trained or not used, suggestions from keywords alone
    result = evaluate_time_split(_planted(600))
    assert result.classifier_issues == 3
    assert result.keyword_coverage == 0.0  # planted words are in no keyword list
    assert result.accuracy >= 0.95 and result.coverage == 1.0
    assert result.report()[-1] == f"accuracy={result.accuracy:.4f} coverage=1.0000 n={result.test} train={result.train}"


def test_too_few_labelled_mentions_means_keywords_only() -> None:
    # bug caught: a classifier trained on a handful of rows, confidently echoing them
    assert train_classifier([(t, i) for t, i, _ in _planted(90)]) is None
    suggestion = Suggester(KeywordMatcher(issue_keywords()), None).suggest(["Siswa SMA terima beasiswa", "rapor murid"])
    assert suggestion[0].issue == "pendidikan" and suggestion[0].method == "keywords"
    assert suggestion[0].confidence == 1.0
    assert suggestion[1] is None


def _warehouse(path: Path, rows: list[tuple[str, str | None, str]]) -> duckdb.DuckDBPyConnection:
    from ingestion.schema import create_raw_schema

    con = duckdb.connect(str(path))
    create_raw_schema(con)
    _add(con, rows)
    return con


def _add(con: duckdb.DuckDBPyConnection, rows: list[tuple[str, str | None, str]]) -> None:
    """Append mentions (title, vendor issue label, published_at), ids following the ones there."""
    first = con.execute("select count(*) from raw.media_mentions").fetchall()[0][0]
    for n, (title, label, published) in enumerate(rows, start=first):
        con.execute(
            """insert into raw.media_mentions (mention_id, source_file_id, source_row, vendor, profile,
                   published_at, title, issue_label, export_date, ingested_at)
               values (?, 'f', ?, 'manual', 'generic', ?::timestamptz, ?, ?, '2025-12-01', now())""",
            [f"m{n}", n, published, title, label],
        )


def test_the_build_step_suggests_only_for_mentions_outside_the_taxonomy_and_never_twice(tmp_path: Path) -> None:
    # bugs caught: suggestions for mentions that have an issue; every build suggesting again
    labelled = [(t, i.title(), f"{m:%Y-%m}-10 02:00:00+00") for t, i, m in _planted(600, months=5)]
    unlabeled = [
        ("ujian madrasah kota", None, "2025-06-10 02:00:00+00"),
        ("hotel kuliner baru", "", "2025-06-11 02:00:00+00"),
    ]
    con = _warehouse(
        tmp_path / "w.duckdb", [*labelled, *unlabeled, ("wisuda di madrasah", "Olahraga", "2025-06-12 02:00:00+00")]
    )
    run = suggest_for_warehouse(con)
    assert run.classifier_issues == 3 and run.suggested == 3
    rows = dict(con.execute("select issue, count(*) from raw.mention_issue_suggestions group by 1").fetchall())
    assert rows == {"pendidikan": 2, "pariwisata": 1}
    again = suggest_for_warehouse(con)
    assert (again.version, again.suggested) == (run.version, 0)


def _labelled(n: int, months: list[str], seed: int = 0) -> list[tuple[str, str | None, str]]:
    """n planted texts, labelled (vendor label: the issue's name), spread over `months` (YYYY-MM)."""
    return [
        (t, i.title(), f"{months[k % len(months)]}-10 02:00:00+00") for k, (t, i, _) in enumerate(_planted(n, seed))
    ]


def test_the_classifier_learns_from_the_twelve_months_before_the_newest_cut_in_wita(tmp_path: Path) -> None:
    # bugs caught: training on the whole history (or on the newest month), a window cut in UTC
    # instead of WITA, a version that does not follow the window's labels
    window = _labelled(300, ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"])
    rows = [
        *window,
        ("pasien dokter inside", "Kesehatan", "2025-06-30 16:30:00+00"),  # 2025-07-01 00:30 WITA: in
        ("pasien dokter outside", "Kesehatan", "2025-06-30 15:30:00+00"),  # 2025-06-30 23:30 WITA: out
        ("wisuda murid lama", "Pendidikan", "2024-03-10 02:00:00+00"),  # two years back: out
        ("hotel kuliner terbaru", "Pariwisata", "2026-07-03 02:00:00+00"),  # the newest month: out
        ("ujian madrasah kota", None, "2026-07-10 02:00:00+00"),
    ]
    con = _warehouse(tmp_path / "w.duckdb", rows)
    run = suggest_for_warehouse(con)
    assert run.window == (date(2025, 7, 1), date(2026, 7, 1))
    assert run.training_texts == len({t for t, _, _ in window}) + 1  # the window's texts and "inside"
    assert run.suggested == 1 and run.classifier_issues == 3

    def version() -> str:
        return suggest_for_warehouse(con).version

    con.execute("update raw.media_mentions set issue_label = 'Pariwisata' where title like '% outside'")
    con.execute("update raw.media_mentions set issue_label = 'Kesehatan' where title = 'wisuda murid lama'")
    assert version() == run.version  # labels outside the window do not change the classifier
    con.execute("update raw.media_mentions set issue_label = 'Pariwisata' where title like '% inside'")
    assert version() != run.version


def test_the_cached_classifier_is_reused_while_its_version_holds_and_retrained_when_labels_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # bugs caught: retraining on every build of a month; a stale cached classifier used after a
    # corrected label; a cached classifier that suggests otherwise than a freshly trained one
    history = _labelled(600, ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"])
    cache = tmp_path / "cache"
    con = _warehouse(tmp_path / "w.duckdb", [*history, ("ujian madrasah kota", None, "2025-06-10 02:00:00+00")])
    first = suggest_for_warehouse(con, cache)
    assert first.trained and first.suggested == 1
    assert [p.name for p in cache.iterdir()] == [f"issue_classifier_{first.version}.npz"]

    def no_training(examples: object) -> None:
        raise AssertionError("trained again")

    later = [("hotel kuliner baru", None, "2025-06-20 02:00:00+00"), ("obat klinik desa", "", "2025-06-21 02:00:00+00")]
    _add(con, later)
    with monkeypatch.context() as patched:
        patched.setattr(warehouse, "train_classifier", no_training)
        second = suggest_for_warehouse(con, cache)
    assert (second.version, second.trained, second.suggested) == (first.version, False, 2)
    incremental = con.execute(
        "select text_hash, issue, confidence, method from raw.mention_issue_suggestions where text_hash <> ?",
        [hashlib.sha256(b"ujian madrasah kota").hexdigest()],
    ).fetchall()
    # the same texts suggested in one run with a classifier trained from scratch
    full_con = _warehouse(tmp_path / "full.duckdb", [*history, *later])
    full = suggest_for_warehouse(full_con)
    assert full.trained and full.version == first.version
    expected = full_con.execute(
        "select text_hash, issue, confidence, method from raw.mention_issue_suggestions order by text_hash"
    ).fetchall()
    got = {r[0]: r[1:] for r in incremental}
    assert [r[0] for r in expected] == sorted(got) and len(expected) == 2
    for text_hash, issue, confidence, method in expected:
        assert got[text_hash][0] == issue and got[text_hash][2] == method
        assert got[text_hash][1] == pytest.approx(confidence, abs=1e-6)

    # an analyst corrects a labelled mention of the window (m0: kesehatan): a new version, trained again
    con.execute(
        """insert into raw.label_corrections (mention_id, matched_on, issue, corrected_by, corrected_at,
               source_file_id, source_row, ingested_at)
           values ('m0', 'mention_id', 'pariwisata', 'analis', now(), 'c', 1, now())"""
    )
    _add(con, [("wisuda rapor sekolah", None, "2025-06-25 02:00:00+00")])
    third = suggest_for_warehouse(con, cache)
    assert third.version != first.version and third.trained and third.suggested == 1
    assert [p.name for p in cache.iterdir()] == [f"issue_classifier_{third.version}.npz"]


def test_a_new_months_suggestions_equal_a_classifier_trained_on_the_window_alone(tmp_path: Path) -> None:
    # bugs caught: a classifier carried over from an earlier month (the cache or the version
    # not following the newest month), months older than the window leaking into training
    months = [f"{2024 + (k - 1) // 12}-{(k - 1) % 12 + 1:02d}" for k in range(1, 16)]  # 2024-01 .. 2025-03
    cache = tmp_path / "cache"
    con = _warehouse(tmp_path / "w.duckdb", [])
    # the first two months call the education words health: the office's labels drifted since
    drift = [(t, "Kesehatan" if i == "Pendidikan" else i, p) for t, i, p in _labelled(240, months[:2], seed=1)]
    recent = _labelled(600, months[2:14], seed=2)
    new = [
        ("rapor madrasah daerah", None, "2025-03-05 02:00:00+00"),
        ("ujian wisuda kota", None, "2025-03-06 02:00:00+00"),
    ]
    for month in months[:14]:
        _add(con, [r for r in [*drift, *recent] if r[2].startswith(month)])
        if month == "2025-02":  # February's build trains and caches its own classifier
            _add(con, [("obat pasien kota", None, "2025-02-15 02:00:00+00")])
        suggest_for_warehouse(con, cache)
    _add(con, new)
    run = suggest_for_warehouse(con, cache)
    assert run.window == (date(2024, 3, 1), date(2025, 3, 1)) and run.suggested == 2 and run.trained
    got = dict(
        con.execute(
            "select text_hash, (issue, confidence) from raw.mention_issue_suggestions where suggester_version = ?",
            [run.version],
        ).fetchall()
    )
    # the full computation: the window's labelled texts (none of the drifted months), in text-hash order
    examples = sorted(
        {t: (t, i.lower()) for t, i, _ in recent}.values(), key=lambda e: hashlib.sha256(e[0].encode()).hexdigest()
    )
    classifier = train_classifier(examples)
    expected = Suggester(KeywordMatcher(issue_keywords()), classifier).suggest([t for t, _, _ in new])
    for (text, _, _), suggestion in zip(new, expected):
        issue, confidence = got[hashlib.sha256(text.encode()).hexdigest()]
        assert issue == suggestion.issue == "pendidikan"
        assert confidence == pytest.approx(suggestion.confidence, abs=1e-6)
