"""Open ZIP exports (and XLSX, which are ZIPs) only after checking they are not bombs.

The caps come from the environment so an office with huge exports can raise them:
``CITRA_MAX_UNZIPPED_MB`` (default 2048) and ``CITRA_MAX_ZIP_MEMBERS`` (default 200). A
compression ratio above 200:1 is refused too: real exports compress about 5-20 times.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from tempfile import TemporaryDirectory

from ingestion.errors import UnreadableFileError

DATA_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm"}
MAX_RATIO = 200


def _limits() -> tuple[int, int]:
    mb = int(os.environ.get("CITRA_MAX_UNZIPPED_MB", "2048"))
    members = int(os.environ.get("CITRA_MAX_ZIP_MEMBERS", "200"))
    return mb * 1024 * 1024, members


def check_zip(path: Path, name: str) -> list[zipfile.ZipInfo]:
    """The archive's members, or an error when it is corrupt or exceeds the caps."""
    max_bytes, max_members = _limits()
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError):  # their texts name temporary paths and library internals
        raise UnreadableFileError(
            f"{name}: not a readable ZIP/XLSX archive (damaged or cut off); download it again"
        ) from None
    if len(infos) > max_members:
        raise UnreadableFileError(
            f"{name}: {len(infos)} files inside, more than the cap of {max_members} (CITRA_MAX_ZIP_MEMBERS)"
        )
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > max_bytes:
        raise UnreadableFileError(
            f"{name}: unpacks to {total / 2**20:,.0f} MB, more than the cap of "
            f"{max_bytes / 2**20:,.0f} MB (CITRA_MAX_UNZIPPED_MB)"
        )
    if total / packed > MAX_RATIO and total > 10 * 2**20:
        raise UnreadableFileError(f"{name}: compression ratio {total / packed:,.0f}:1 looks like a ZIP bomb; refused")
    return infos


@contextmanager
def extracted_members(path: Path, name: str) -> Iterator[list[tuple[str, Path]]]:
    """Extract the data files of a ZIP to a private temp folder; yields (display name, path).

    Member names never become paths: each is written under a numbered safe name, so a
    ``../`` or absolute name inside the archive cannot escape the temp folder.
    """
    infos = check_zip(path, name)
    with TemporaryDirectory(prefix="citra-zip-") as tmp, zipfile.ZipFile(path) as archive:
        members: list[tuple[str, Path]] = []
        for index, info in enumerate(infos):
            member = PurePosixPath(info.filename)
            if info.is_dir() or member.name.startswith((".", "__MACOSX")) or "__MACOSX" in member.parts:
                continue
            if member.suffix.lower() not in DATA_SUFFIXES:
                continue
            target = Path(tmp) / f"{index:04d}{member.suffix.lower()}"
            with archive.open(info) as src, target.open("wb") as dst:
                while chunk := src.read(1 << 20):
                    dst.write(chunk)
            members.append((f"{name}/{member.name}", target))
        yield members
