"""The office's report settings come from report.yml (or CITRA_REPORT_CONFIG), with documented
defaults, and a value the report cannot use is named with its file and key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reporting.config import DEFAULTS, ReportConfigError, load_settings, settings_from


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "laporan.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_that_sets_one_key_keeps_every_other_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "document:\n  classification: Rahasia\nthresholds:\n  min_negative: 50\n")
    monkeypatch.setenv("CITRA_REPORT_CONFIG", str(path))
    settings = load_settings()
    assert settings.classification == "Rahasia" and settings.thresholds.min_negative == 50
    assert settings.thresholds.min_labelled == DEFAULTS["thresholds"]["min_labelled"]
    assert settings.actions["jawab"].deadline == DEFAULTS["actions"]["jawab"]["deadline"]
    assert settings.source == str(path)


def test_the_document_number_follows_the_office_pattern() -> None:
    settings = settings_from({"document": {"number": "000.5/{month}/Diskominfo/{month_roman}/{year}"}})
    assert settings.document_number(date(2025, 10, 1)) == "000.5/10/Diskominfo/X/2025"


def test_the_shipped_report_yml_is_valid_and_sets_objectives() -> None:
    settings = load_settings(Path(__file__).resolve().parents[1] / "report.yml")
    assert settings.objectives and settings.approved_by.name
    assert set(settings.actions) == {"jawab", "klarifikasi", "tindak_lanjut", "koordinasi_wilayah"}


@pytest.mark.parametrize(
    "text, message",
    [
        ("document:\n  number: '{nomor}/{year}'\n", "document.number uses {nomor}"),
        ("actions:\n  telepon: {label: x, deadline: y}\n", "actions telepon are not known"),
        ("thresholds:\n  min_negative: banyak\n", "thresholds.min_negative 'banyak' is not a number"),
        ("thresholds:\n  min_negatif: 3\n", "thresholds has unknown keys min_negatif"),
        ("first_month: Oktober\n", "first_month 'Oktober' is not a month"),
        ("objectives:\n  - {name: x, metric: negative_share, comparison: below, target: 0.2}\n", "comparison 'below'"),
        ("- a\n- b\n", "expected keys such as office"),
    ],
)
def test_an_unusable_value_is_named_with_the_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ReportConfigError) as error:
        load_settings(path)
    assert message in str(error.value) and str(path) in str(error.value)


def test_a_missing_settings_file_says_which_variable_to_set(tmp_path: Path) -> None:
    with pytest.raises(ReportConfigError, match="CITRA_REPORT_CONFIG"):
        load_settings(tmp_path / "missing.yml")
