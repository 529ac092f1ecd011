"""The sample's label files (issue 14): radio clippings without labels and an analyst's
corrections, drawn from the clipping sheets, which also hold rows typed wrong on purpose."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from sample_data.generate import generate


def _rows(paths: list[Path]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in paths:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows += list(csv.DictReader(fh))
    return rows


def test_label_samples_are_drawn_from_good_clipping_rows_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Catches `make demo` crashing on the clipping row typed with month 13 (the label sample
    read every row's date), and corrections that point at rows Citra sets aside."""
    monkeypatch.setenv("CITRA_TODAY", "2026-01-15")
    summary = generate(tmp_path, mentions=12_000, seed=42, last_month=date(2025, 12, 1), months=6, labels=True)
    media = tmp_path / "landing" / "media"
    sheets = _rows(sorted(p for p in media.glob("kliping_*.csv") if p.name != summary.labels["radio_file"]))
    wrong = [r for r in sheets if r["document_id"].endswith("-salah")]
    assert any(r["date"][5:7] == "13" for r in wrong)  # the sample does hold the month-13 row
    good_urls = {r["url"] for r in sheets if not r["document_id"].endswith("-salah") and r["url"]}
    corrections = summary.labels["corrections"]
    assert corrections and all(c["url"] in good_urls for c in corrections)
    radio = _rows([media / summary.labels["radio_file"]])
    good_titles = {r["title"] for r in sheets if not r["document_id"].endswith("-salah")}
    assert radio and all(r["title"] in good_titles and r["date"][5:7] != "13" for r in radio)
