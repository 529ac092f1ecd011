"""The line-break counts that decide whether a fast read can be trusted agree with a plain
character-by-character reading, however the file falls into chunks."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingestion import integrity
from ingestion.sources import ScannedText


def by_hand(text: str, ncols: int) -> tuple[int, bool]:
    """Line breaks inside quotes; a quoted stretch (closed, or left open at the end of the text: a
    stray quote that swallowed the lines after it) with a break and >= ncols - 1 commas."""
    inside, breaks, wide, delims, had_break = False, 0, False, 0, False
    for ch in text:
        if ch == '"':
            if inside and had_break and delims >= ncols - 1:
                wide = True
            inside, delims, had_break = not inside, 0, False
        elif inside and ch == "\n":
            breaks, had_break = breaks + 1, True
        elif inside and ch == ",":
            delims += 1
    if inside and had_break and delims >= ncols - 1:
        wide = True
    return breaks, wide


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    text=st.text(alphabet='ab,"\n', max_size=300),
    chunk=st.integers(min_value=1, max_value=40),
    ncols=st.integers(min_value=2, max_value=6),
    utf16=st.booleans(),
)
def test_quoted_breaks_match_a_reading_by_hand_across_chunk_boundaries(
    text: str, chunk: int, ncols: int, utf16: bool
) -> None:
    """Catches: a quoted stretch that spans two chunks losing its delimiters or its line break,
    so a swallowed row goes unseen (or a clean file is sent to the slow reader)."""
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        mp.setattr(integrity, "CHUNK", chunk * (2 if utf16 else 1))
        path = Path(tmp) / "t.csv"
        path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le") if utf16 else text.encode())
        scanned = ScannedText(path, "utf-16" if utf16 else "utf-8", 1, 0)
        assert integrity.quoted_breaks(scanned, ",", ncols) == by_hand(text, ncols)
