"""Property: damage an export the way downloads and file shares do, in every media layout, and
nothing is silently lost or invented.

Each example writes a real-layout export (Meltwater UTF-16 and UTF-8, Brandwatch, Talkwalker,
NoLimit, generic EN and ID), then damages a few of its rows: flipped bytes, a stray NUL, a
stray quote, extra delimiters, a header line pasted in again, a cut-off last line. The oracle
knows every row's values and row number independently of Citra:

- every intact row loads, at its row number, with exactly its values;
- every damaged line is loaded (its untouched cells exact) or rejected with its row number;
- no row is loaded or rejected that the file does not hold, none is both.

Flips never create or destroy a line break (a line break is a new line, not damage to one);
rows whose cells span lines stay intact, so they test the row numbers around the damage.
"""

from __future__ import annotations

import codecs
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest
from exports import (
    BRANDWATCH_HEADER,
    BRANDWATCH_METADATA,
    GENERIC_HEADER,
    GENERIC_ID_HEADER,
    MELTWATER_HEADER,
    NOLIMIT_NEWS_HEADER,
    TALKWALKER_HEADER,
    csv_lines,
    csv_text,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.load import ingest_media

WITA = ZoneInfo("Asia/Makassar")
SENTIMENTS = ["positive", "neutral", "negative"]


@dataclass(frozen=True)
class Layout:
    """One vendor layout: how a row is written and which columns hold the checked values."""

    name: str
    header: list[str]
    delimiter: str
    encoding: str  # utf-8 | utf-8-sig | utf-16 (LE with BOM) | cp1252
    columns: dict[str, str]  # title, url, date, reach, sentiment -> column (url, reach may be absent)
    date_format: str  # strftime in WITA; "epoch_ms" for milliseconds since 1970
    sentiment_labels: tuple[str, str, str]  # positive, neutral, negative as the vendor writes them
    multiline: str  # the column a multi-line cell goes into
    fixed: dict[str, str]
    preamble: tuple[tuple[str, ...], ...] = ()

    def row(self, i: int) -> tuple[dict[str, str], dict[str, object]]:
        """Cells of row ``i`` and the values Citra must load from them."""
        when = datetime(2025, 1, 30, 20, 0, tzinfo=WITA) + timedelta(hours=7 * i)
        date = str(int(when.timestamp() * 1000)) if self.date_format == "epoch_ms" else when.strftime(self.date_format)
        c = self.columns
        cells = {**self.fixed, c["title"]: f"Berita {i} café", c["date"]: date}
        cells[c["sentiment"]] = self.sentiment_labels[i % 3]
        expected: dict[str, object] = {
            "title": f"Berita {i} café",
            "published_at": when,
            "sentiment": SENTIMENTS[i % 3],
            "url": None,
            "reach": None,
        }
        if "url" in c:
            cells[c["url"]] = expected["url"] = f"https://kalsel.antaranews.com/berita/{i}"
        if "reach" in c:
            cells[c["reach"]] = str(1000 + i)
            expected["reach"] = 1000 + i
        if i % 5 == 4:
            cells[self.multiline] = f"baris satu {i}\nbaris dua"
        return cells, expected


MELTWATER = dict(
    columns={"title": "Headline", "url": "URL", "date": "Date", "reach": "Reach", "sentiment": "Sentiment"},
    date_format="%d-%b-%Y %I:%M%p",
    sentiment_labels=("Positive", "Neutral", "Negative"),
    multiline="Hit Sentence",
    fixed={"Source": "Antara Kalsel", "Input Name": "Banjir"},
)
LAYOUTS = [
    Layout("meltwater_utf16", MELTWATER_HEADER, "\t", "utf-16", **MELTWATER),
    Layout("meltwater_utf8", MELTWATER_HEADER, ",", "utf-8", **MELTWATER),
    Layout(
        "brandwatch",
        BRANDWATCH_HEADER,
        ",",
        "utf-8-sig",
        {"title": "Title", "url": "Url", "date": "Date", "reach": "Reach (new)", "sentiment": "Sentiment"},
        "%Y-%m-%d %H:%M:%S",
        ("positive", "neutral", "negative"),
        "Snippet",
        {"Query Name": "Banjir", "Domain": "antaranews.com"},
        tuple(tuple(r) for r in BRANDWATCH_METADATA),
    ),
    Layout(
        "talkwalker",
        TALKWALKER_HEADER,
        ",",
        "utf-8",
        {"title": "title", "url": "url", "date": "published", "reach": "reach", "sentiment": "sentiment"},
        "epoch_ms",
        ("3", "0", "-2"),
        "content",
        {"matched_profile": "Banjir"},
    ),
    Layout(
        "nolimit_news",
        NOLIMIT_NEWS_HEADER,
        ";",
        "utf-8",
        {"title": "title", "url": "url", "date": "date_published", "sentiment": "sentiment"},
        "%d-%m-%Y %H.%M",
        ("positif", "netral", "negatif"),
        "body",
        {"label": "Banjir", "media_name": "Kanal Kalimantan"},
    ),
    Layout(
        "generic",
        GENERIC_HEADER,
        ",",
        "utf-8-sig",
        {"title": "title", "url": "url", "date": "date", "reach": "reach", "sentiment": "sentiment"},
        "%Y-%m-%d %H:%M",
        ("positif", "netral", "negatif"),
        "snippet",
        {"outlet": "Radar Banjarmasin", "issue": "Banjir"},
    ),
    Layout(
        "generic_id",
        GENERIC_ID_HEADER,
        ";",
        "cp1252",
        {"title": "judul", "date": "tanggal", "reach": "jangkauan", "sentiment": "sentimen"},
        "%d/%m/%Y %H:%M",
        ("Positif", "Netral", "Negatif"),
        "ringkasan",
        {"media": "Radar Banjarmasin", "isu": "Banjir"},
    ),
]


def encode(text: str, encoding: str, first: bool) -> bytes:
    if encoding == "utf-16":
        return (codecs.BOM_UTF16_LE if first else b"") + text.encode("utf-16-le")
    if encoding == "utf-8-sig":
        return (codecs.BOM_UTF8 if first else b"") + text.encode("utf-8")
    return text.encode(encoding)


@dataclass(frozen=True)
class Damage:
    kind: str  # flip | insert | header | truncate
    row: int  # index of the damaged row
    positions: tuple[int, ...] = ()  # code-unit offsets in the row's text (before its line break)
    values: tuple[int, ...] = ()  # flip: new byte; insert: index into INSERTS
    cut: int = 0  # truncate: bytes of the row that remain


INSERTS = ["\x00", '"', "DELIM"]


@st.composite
def damaged_exports(draw: st.DrawFn) -> tuple[Layout, int, list[Damage]]:
    layout = draw(st.sampled_from(LAYOUTS))
    n = draw(st.integers(min_value=4, max_value=16))
    single = [i for i in range(n) if i % 5 != 4]  # rows without a cell spanning lines
    targets = draw(st.lists(st.sampled_from(single), min_size=1, max_size=4, unique=True))
    damages = []
    for row in targets:
        kind = draw(st.sampled_from(["flip", "insert", "header"] + (["truncate"] * (row == n - 1))))
        k = draw(st.integers(min_value=1, max_value=3))
        positions = tuple(draw(st.lists(st.integers(0, 10_000), min_size=k, max_size=k)))
        values = tuple(draw(st.lists(st.integers(0, 255), min_size=k, max_size=k)))
        damages.append(Damage(kind, row, positions, values, draw(st.integers(0, 10_000))))
    return layout, n, damages


def cell_spans(layout: Layout, cells: dict[str, str]) -> list[tuple[int, int]]:
    """(start, end) code-unit offsets of every header column's cell in an unquoted row."""
    spans, at = [], 0
    for h in layout.header:
        spans.append((at, at + len(cells.get(h, ""))))
        at += len(cells.get(h, "")) + 1
    return spans


def apply(layout: Layout, text: str, damage: Damage) -> tuple[bytes, set[int]]:
    """The damaged row's bytes and the code-unit offsets the damage touched."""
    body = text[:-2]  # without \r\n
    unit = 2 if layout.encoding == "utf-16" else 1
    enc = "utf-16-le" if layout.encoding == "utf-16" else layout.encoding.replace("-sig", "")
    if damage.kind == "truncate":
        raw = body.encode(enc)
        cut = 1 + damage.cut % (len(raw) - 1)
        return raw[:cut], set(range(cut // unit, len(body)))
    if damage.kind == "insert":
        chars = list(body)
        touched = set()
        for pos, value in sorted(zip(damage.positions, damage.values, strict=True), reverse=True):
            at = pos % (len(body) + 1)
            insert = INSERTS[value % 3].replace("DELIM", layout.delimiter)
            chars.insert(at, insert)
            touched |= {at - 1, at}
        return ("".join(chars) + "\r\n").encode(enc), touched
    raw = bytearray(body.encode(enc))
    touched = set()
    for pos, value in zip(damage.positions, damage.values, strict=True):
        at = pos % len(raw)
        raw[at] = value
        unit_at = at - at % unit
        if raw[unit_at : unit_at + unit] in (b"\n", b"\r", b"\n\x00", b"\r\x00"):
            raw[unit_at : unit_at + unit] = b"x" * unit if unit == 1 else b"x\x00"
        touched.add(at // unit)
    return bytes(raw) + "\r\n".encode(enc), touched


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(example=damaged_exports())
def test_damaged_exports_lose_only_their_damaged_lines(
    monkeypatch: pytest.MonkeyPatch, example: tuple[Layout, int, list[Damage]]
) -> None:
    layout, n, damages = example
    monkeypatch.setenv("CITRA_TODAY", "2026-01-15")
    rows = [layout.row(i) for i in range(n)]
    texts = csv_lines(layout.header, [cells for cells, _ in rows], layout.delimiter)
    preamble = csv_text([], [], layout.delimiter, [list(r) for r in layout.preamble])[:-2] if layout.preamble else ""
    parts = [encode(preamble + texts[0], layout.encoding, first=True)]
    by_row = {d.row: d for d in damages}
    header_row = len(layout.preamble) + 1
    expected: dict[int, dict[str, object] | None] = {}  # file row -> values (None: the header again)
    damaged_cells: dict[int, set[str]] = {}  # file row -> columns the damage may have changed
    row_number = header_row
    for i, ((cells, values), text) in enumerate(zip(rows, texts[1:], strict=True)):
        damage = by_row.get(i)
        if damage and damage.kind == "header":
            row_number += 1
            parts.append(encode(texts[0], layout.encoding, first=False))
            expected[row_number] = None
            damage = None
        row_number += 1
        expected[row_number] = values
        if damage is None:
            parts.append(encode(text, layout.encoding, first=False))
            continue
        data, touched = apply(layout, text, damage)
        parts.append(data)
        spans = cell_spans(layout, cells)
        damaged_cells[row_number] = {
            h
            for h, (start, end) in zip(layout.header, spans, strict=True)
            if any(start - 1 <= t <= end for t in touched)
        }
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        (home / "landing").mkdir()
        (home / "landing" / f"{layout.name}.csv").write_bytes(b"".join(parts))
        outcome = ingest_media(home / "w.duckdb", home / "landing", home / "quarantine").outcomes[0]
        with duckdb.connect(str(home / "w.duckdb"), read_only=True) as con:
            rows = con.execute(
                "select source_row, title, url, published_at, reach, sentiment from raw.media_mentions"
            ).fetchall()
            rejected = {r[0] for r in con.execute("select source_row from raw.ingest_rejects").fetchall()}
    assert outcome.status == "loaded", outcome.message
    twice = sorted(row for row, n in Counter(r[0] for r in rows).items() if n > 1)
    assert twice == [], f"rows {twice} were loaded more than once"
    loaded = {r[0]: dict(zip(["title", "url", "published_at", "reach", "sentiment"], r[1:], strict=True)) for r in rows}
    assert set(loaded) | rejected == set(expected), "a row was lost or invented"
    assert not set(loaded) & rejected, "a row was both loaded and rejected"
    for row, values in expected.items():
        if values is None:
            assert row in rejected, f"the repeated header on row {row} was loaded"
        elif row not in damaged_cells:
            assert loaded.get(row) == values, f"intact row {row} did not load as written"
        elif row in loaded:
            columns = {field: layout.columns.get("date" if field == "published_at" else field) for field in values}
            kept = {f: v for f, v in values.items() if columns[f] is None or columns[f] not in damaged_cells[row]}
            got = {f: loaded[row][f] for f in kept}
            assert got == kept, f"damaged row {row} loaded with a cell its damage did not touch changed"
