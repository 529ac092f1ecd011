"""The office's report settings, from ``report.yml`` at the repository root (or CITRA_REPORT_CONFIG).

Office name, document number, classification, who compiles and approves, when an issue is
called out, the deadline of each recommended action and the objectives: what differs from one
Diskominfo to the next lives in that file, not in code. Every key has a default (``DEFAULTS``,
the same values as the shipped report.yml), so a file may set only what it changes.
"""

from __future__ import annotations

import copy
import os
import string
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

CONFIG_ENV = "CITRA_REPORT_CONFIG"
DEFAULT_PATH = Path(__file__).resolve().parents[1] / "report.yml"
ACTIONS = ("jawab", "klarifikasi", "tindak_lanjut", "koordinasi_wilayah")
NUMBER_FIELDS = {"year", "month", "month_roman"}
LEVELS = ("output", "outtake", "outcome")
COMPARISONS = ("at_most", "at_least")
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

DEFAULTS: dict[str, Any] = {
    "office": {
        "name": "Dinas Komunikasi dan Informatika",
        "region": "Provinsi Kalimantan Selatan",
        "short": "Diskominfo Kalsel",
        "place": "Banjarbaru",
    },
    "document": {
        "number": "LAP-PM/{month}/Diskominfo/{month_roman}/{year}",
        "classification": "Terbatas",
        "compiled_by": {"name": "Tim Pemantauan Media", "title": "Bidang Informasi dan Komunikasi Publik"},
        "approved_by": {"name": "", "title": "Kepala Dinas Komunikasi dan Informatika", "nip": ""},
    },
    "first_month": None,
    "thresholds": {
        "min_labelled": 30,
        "min_negative": 20,
        "attention_share": 0.30,
        "change_points": 5.0,
        "stable_points": 1.0,
        "persistent_months": 3,
        "region_focus_share": 0.35,
        "main_issues": 4,
    },
    "actions": {
        "jawab": {"label": "Jawab dan luruskan pemberitaan", "deadline": "1 × 24 jam setelah laporan diterima"},
        "klarifikasi": {
            "label": "Siapkan klarifikasi dan informasi yang benar di kanal resmi",
            "deadline": "3 hari kerja",
        },
        "tindak_lanjut": {
            "label": "Bahas penyelesaian masalahnya bersama perangkat daerah penanggung jawab",
            "deadline": "14 hari kerja",
        },
        "koordinasi_wilayah": {
            "label": "Koordinasikan respons dengan pemerintah kabupaten/kota",
            "deadline": "7 hari kerja",
        },
    },
    "objective_months": 6,
    "objectives": [],
}


class ReportConfigError(ValueError):
    """A report.yml value the report cannot use; the message names the file and the key."""


@dataclass(frozen=True)
class Person:
    name: str
    title: str
    nip: str = ""


@dataclass(frozen=True)
class Action:
    key: str
    label: str
    deadline: str


@dataclass(frozen=True)
class Objective:
    """A target of the office: ``metric`` (of all issues, or of ``issue``) at most/at least ``target``."""

    name: str
    metric: str
    target: float
    comparison: str
    level: str
    issue: str | None = None

    def met(self, value: float | None) -> bool | None:
        if value is None:
            return None
        return value <= self.target if self.comparison == "at_most" else value >= self.target


@dataclass(frozen=True)
class Thresholds:
    min_labelled: int
    min_negative: int
    attention_share: float
    change_points: float
    stable_points: float
    persistent_months: int
    region_focus_share: float
    main_issues: int


@dataclass(frozen=True)
class ReportSettings:
    office: str
    office_region: str
    office_short: str
    place: str
    number_pattern: str
    classification: str
    compiled_by: Person
    approved_by: Person
    first_month: date | None
    thresholds: Thresholds
    actions: dict[str, Action]
    objectives: list[Objective]
    objective_months: int
    source: str

    def document_number(self, month: date) -> str:
        """The report's number for ``month``, from the office's pattern."""
        return self.number_pattern.format(
            year=month.year, month=f"{month.month:02d}", month_roman=ROMAN[month.month - 1]
        )


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in override.items():
        out[key] = _merge(out[key], value) if isinstance(out.get(key), dict) and isinstance(value, dict) else value
    return out


def _first_month(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    text = value.isoformat()[:7] if isinstance(value, date) else str(value).strip()
    try:
        return date.fromisoformat(f"{text}-01")
    except ValueError:
        raise ReportConfigError(
            f"{where}: first_month {value!r} is not a month; expected YYYY-MM, e.g. 2022-01"
        ) from None


def _known(mapping: dict[str, Any], allowed: set[str], where: str, key: str) -> dict[str, Any]:
    unknown = set(mapping) - allowed
    if unknown:
        raise ReportConfigError(
            f"{where}: {key} has unknown keys {', '.join(sorted(unknown))}; known: {', '.join(sorted(allowed))}"
        )
    return mapping


def _number(raw: Any, where: str, key: str, kind: type) -> Any:
    try:
        return kind(raw)
    except (TypeError, ValueError):
        raise ReportConfigError(f"{where}: {key} {raw!r} is not a number") from None


def _objective(raw: dict[str, Any], where: str, n: int) -> Objective:
    key = f"objectives[{n}]"
    if not isinstance(raw, dict) or not raw.get("name") or not raw.get("metric"):
        raise ReportConfigError(f"{where}: {key} needs at least name, metric, comparison and target")
    comparison, level = raw.get("comparison", "at_most"), raw.get("level", "outcome")
    if comparison not in COMPARISONS:
        raise ReportConfigError(f"{where}: {key}.comparison {comparison!r} must be one of {', '.join(COMPARISONS)}")
    if level not in LEVELS:
        raise ReportConfigError(f"{where}: {key}.level {level!r} must be one of {', '.join(LEVELS)}")
    target = _number(raw.get("target"), where, f"{key}.target", float)
    return Objective(str(raw["name"]), str(raw["metric"]), target, comparison, level, raw.get("issue") or None)


def settings_from(raw: dict[str, Any], where: str = "report.yml") -> ReportSettings:
    """Validate ``raw`` (report.yml's content) over the defaults."""
    unknown_actions = set(raw.get("actions") or {}) - set(ACTIONS)
    if unknown_actions:
        raise ReportConfigError(
            f"{where}: actions {', '.join(sorted(unknown_actions))} are not known; use {', '.join(ACTIONS)}"
        )
    cfg = _merge(DEFAULTS, raw)
    doc, office, th = cfg["document"], cfg["office"], cfg["thresholds"]
    fields = {name for _, name, _, _ in string.Formatter().parse(str(doc["number"])) if name is not None}
    if fields - NUMBER_FIELDS:
        raise ReportConfigError(
            f"{where}: document.number uses {{{', '.join(sorted(fields - NUMBER_FIELDS))}}}; "
            "only {year}, {month} and {month_roman} are filled in"
        )
    _known(th, set(DEFAULTS["thresholds"]), where, "thresholds")
    people = {"name", "title", "nip"}
    _known(doc["compiled_by"], people, where, "document.compiled_by")
    _known(doc["approved_by"], people, where, "document.approved_by")
    ints = {"min_labelled", "min_negative", "persistent_months", "main_issues"}
    thresholds = Thresholds(
        **{k: _number(v, where, f"thresholds.{k}", int if k in ints else float) for k, v in th.items()}
    )
    return ReportSettings(
        office=str(office["name"]),
        office_region=str(office["region"]),
        office_short=str(office["short"]),
        place=str(office["place"]),
        number_pattern=str(doc["number"]),
        classification=str(doc["classification"]),
        compiled_by=Person(**{k: str(v or "") for k, v in doc["compiled_by"].items()}),
        approved_by=Person(**{k: str(v or "") for k, v in doc["approved_by"].items()}),
        first_month=_first_month(cfg["first_month"], where),
        thresholds=thresholds,
        actions={k: Action(k, str(a["label"]), str(a["deadline"])) for k, a in cfg["actions"].items()},
        objectives=[_objective(o, where, n) for n, o in enumerate(cfg["objectives"] or [])],
        objective_months=_number(cfg["objective_months"], where, "objective_months", int),
        source=where,
    )


def config_path() -> Path:
    """report.yml at the repository root, or the file named by CITRA_REPORT_CONFIG."""
    return Path(os.environ.get(CONFIG_ENV) or DEFAULT_PATH)


def load_settings(path: Path | None = None) -> ReportSettings:
    """Read and validate the office's report settings."""
    path = path or config_path()
    if not path.is_file():
        raise ReportConfigError(f"report settings {path} not found; set {CONFIG_ENV} or restore report.yml")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise ReportConfigError(f"{path} is not valid YAML: {error}") from None
    if not isinstance(raw, dict):
        raise ReportConfigError(f"{path}: expected keys such as office, document and thresholds at the top")
    return settings_from(raw, str(path))
