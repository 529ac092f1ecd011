"""Find export files in ``landing/`` safely and fingerprint them.

Only regular files that really live under the landing folder are considered: symlinks and
anything that resolves outside it are refused, so a dropped link cannot make Citra read
arbitrary files of the server.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

log = logging.getLogger(__name__)

EXPORT_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".zip", ".xml"}  # .xml: release feeds
WITA = ZoneInfo("Asia/Makassar")


@dataclass(frozen=True)
class LandedFile:
    path: Path
    name: str  # path relative to the landing folder, for messages and the registry
    size_bytes: int
    mtime: float


def list_landing_files(landing: Path) -> list[LandedFile]:
    """Regular export files under ``landing`` (recursively), oldest file time first, then by
    name; links skipped. Ingestion loads them in this order, so of two exports of a mention with
    the same export date the later download is ingested last and wins (int_mentions_deduplicated)."""
    if not landing.exists():
        return []
    root = landing.resolve()
    found: list[LandedFile] = []
    for path in sorted(landing.rglob("*")):
        if path.is_symlink():
            log.warning("skipping %s: symbolic links are never followed", path)
            continue
        if not path.is_file() or path.name.startswith((".", "~$")):
            continue
        if path.suffix.lower() not in EXPORT_SUFFIXES:
            continue
        resolved = path.resolve()
        if not resolved.is_relative_to(root):
            log.warning("skipping %s: it resolves outside the landing folder", path)
            continue
        stat = path.stat()
        found.append(LandedFile(path, str(path.relative_to(landing)), stat.st_size, stat.st_mtime))
    return sorted(found, key=lambda f: (f.mtime, f.name))


def content_hash(path: Path) -> str:
    """SHA-256 of the bytes: the file's identity, so a renamed copy is recognised."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


def export_date_of(file: LandedFile) -> date:
    """The export date: the file's modification date in WITA.

    A browser sets it when the export is downloaded, so it tells which of two overlapping
    exports holds the newer numbers. Copy files with their times (``cp -p``, ``rsync -t``).
    """
    return datetime.fromtimestamp(file.mtime, WITA).date()
