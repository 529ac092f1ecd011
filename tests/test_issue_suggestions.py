"""Issue suggestions: keywords from the seed, a classifier learned from the office's labelled
mentions when there are enough, accuracy on a time split, and the warehouse step."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import duckdb

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
    for n, (title, label, published) in enumerate(rows):
        con.execute(
            """insert into raw.media_mentions (mention_id, source_file_id, source_row, vendor, profile,
                   published_at, title, issue_label, export_date, ingested_at)
               values (?, 'f', ?, 'manual', 'generic', ?::timestamptz, ?, ?, '2025-12-01', now())""",
            [f"m{n}", n, published, title, label],
        )
    return con


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
