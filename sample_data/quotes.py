"""Officials quoted in the news: a sentence naming a public office holder, added to some news
snippets, so the report's "who is quoted" section has something real to count.

Names and titles come from ``dbt_project/seeds/officials.csv`` (fictional sample officials
with real titles) and the issue's agency from ``issue_agencies.csv``: the head of the
responsible agency speaks most, the governor, vice-governor and regional secretary sometimes;
on the 6 October burst the governor and the head of DLH answer. Social posts (private
persons) are never touched. Draws use their own random stream, so every other planted fact
(counts, burst, holes, titles) stays exactly as before.
"""

from __future__ import annotations

import csv

import numpy as np
import polars as pl

from .bank import Core
from .reference import SEEDS_DIR, Reference
from .text import categorical_by_row

QUOTE_SHARE = 0.35
BURST_QUOTE_SHARE = 0.6
# Words that are region aliases (Banjar, Tanjung, ...) stay out: titles alone name the region.
QUOTES: dict[int, list[str]] = {
    0: [
        'mengatakan, "Capaian ini hasil kerja bersama dan akan kami pertahankan."',
        'menyampaikan, "Kami berterima kasih atas dukungan masyarakat."',
    ],
    1: [
        'menjelaskan, "Kami terus memantau perkembangan di lapangan."',
        'mengatakan, "Program ini berjalan sesuai jadwal dan akan dievaluasi."',
    ],
    2: [
        'mengatakan, "Kami sudah menurunkan tim dan akan segera menindaklanjuti keluhan warga."',
        'menegaskan, "Kami minta semua pihak bertanggung jawab dan masalah ini segera diselesaikan."',
    ],
}
SENIOR = {"gubernur": 0.20, "wakil_gubernur": 0.10, "sekda": 0.10, "kadis_kominfo": 0.05}
BURST_SPEAKERS = {"gubernur": 0.4, "wakil_gubernur": 0.25}  # plus the head of the burst issue's agency


def _read(name: str) -> list[dict[str, str]]:
    with (SEEDS_DIR / name).open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def _speakers(ref: Reference) -> tuple[list[str], np.ndarray]:
    """Display names ("<office> <name>") and a [issue (+1 for the burst), official] weight matrix."""
    officials = _read("officials.csv")
    codes = [o["official_code"] for o in officials]
    display = [f"{o['office_title']} {o['official_name']}" for o in officials]
    head_of = {o["agency_code"]: i for i, o in enumerate(officials) if o["agency_code"]}
    lead = {r["issue_code"]: r["agency_code"] for r in _read("issue_agencies.csv") if r["role"] == "utama"}
    weights = np.zeros((len(ref.issue_codes) + 1, len(codes)))
    for j, issue in enumerate(ref.issue_codes):
        for code, w in SENIOR.items():
            if code in codes:
                weights[j, codes.index(code)] = w
        head = head_of.get(lead.get(issue, ""))
        if head is not None:
            weights[j, head] += 1.0 - sum(SENIOR.values())
    for code, w in BURST_SPEAKERS.items():
        if code in codes:
            weights[-1, codes.index(code)] = w
    burst_head = head_of.get(lead.get("lingkungan_tambang", ""))
    if burst_head is not None:
        weights[-1, burst_head] += 1.0 - sum(BURST_SPEAKERS.values())
    empty = weights.sum(axis=1) == 0
    weights[empty] = 1.0
    return display, weights


def add_quotes(rng: np.random.Generator, frame: pl.DataFrame, core: Core, ref: Reference, column: str) -> pl.DataFrame:
    """``frame`` (rows aligned with ``core``) with a quote appended to ``column`` in some news rows."""
    n = len(core.ts)
    if n == 0:
        return frame
    display, weights = _speakers(ref)
    key = np.where(core.burst, len(ref.issue_codes), core.issue)
    probs = weights[key]
    speaker = categorical_by_row(rng, probs / probs.sum(axis=1, keepdims=True))
    variant = rng.integers(0, 2, n)
    quoted = (~core.social) & (rng.random(n) < np.where(core.burst, BURST_QUOTE_SHARE, QUOTE_SHARE))
    texts = pl.Series([f"{who} {QUOTES[s][v]}" for who in display for s in (0, 1, 2) for v in (0, 1)], dtype=pl.String)
    sentence = texts.gather((speaker * 3 + np.clip(core.sentiment, 0, 2)) * 2 + variant)
    return frame.with_columns(
        pl.when(pl.lit(pl.Series(quoted)))
        .then(pl.concat_str([pl.col(column), pl.lit(" "), pl.lit(sentence)], ignore_nulls=True))
        .otherwise(pl.col(column))
        .alias(column)
    )
