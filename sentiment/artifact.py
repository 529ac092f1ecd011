"""The model file: an uncompressed ZIP of plain arrays and text (no pickle), written so that
the same model always gives the same bytes, hence the same SHA-256 and version string.

Format 2 (the hashed-n-gram scorer): `manifest.json`, the word map (`standard_words.tsv`:
informal spellings and Banjar words -> standard Indonesian), and per block (word, char) the
buckets in use (`*_buckets.i32`) with their rows (`*_rows.f32`: idf x weight per class, then
idf squared), and the intercepts. Little-endian throughout.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FORMAT = 2
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class ModelFileError(ValueError):
    """A model file is missing, damaged or not a sentiment model."""


@dataclass(frozen=True)
class Parts:
    """What a model file holds."""

    manifest: dict
    standard_words: dict[str, str]
    word_buckets: np.ndarray  # int32, sorted
    word_rows: np.ndarray  # float32, buckets x columns
    char_buckets: np.ndarray
    char_rows: np.ndarray
    intercept: np.ndarray  # float32, heads x classes


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write(path: Path, parts: Parts) -> str:
    """Write the model atomically (temp file + rename, so a reader never sees half a file); return its SHA-256."""
    members = {
        "manifest.json": json.dumps({"format": FORMAT, **parts.manifest}, indent=1, sort_keys=True).encode(),
        "standard_words.tsv": "\n".join(f"{w}\t{s}" for w, s in sorted(parts.standard_words.items())).encode(),
        "word_buckets.i32": np.ascontiguousarray(parts.word_buckets, dtype="<i4").tobytes(),
        "word_rows.f32": np.ascontiguousarray(parts.word_rows, dtype="<f4").tobytes(),
        "char_buckets.i32": np.ascontiguousarray(parts.char_buckets, dtype="<i4").tobytes(),
        "char_rows.f32": np.ascontiguousarray(parts.char_rows, dtype="<f4").tobytes(),
        "intercept.f32": np.ascontiguousarray(parts.intercept, dtype="<f4").tobytes(),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    partial.replace(path)
    return sha256_of(path)


def read(path: Path) -> Parts:
    """The parts of a model file; ModelFileError when it is not a model this Citra reads."""
    try:
        with zipfile.ZipFile(path) as archive:
            data = {name: archive.read(name) for name in archive.namelist()}
        manifest = json.loads(data["manifest.json"])
    except FileNotFoundError:
        raise ModelFileError(f"{path}: no such model file") from None
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise ModelFileError(f"{path.name}: not a Citra sentiment model (damaged or another file)") from None
    if manifest.get("format") != FORMAT:
        raise ModelFileError(
            f"{path.name}: model format {manifest.get('format')}, this Citra reads format {FORMAT}; "
            "train it again with `citra sentiment train` (add --with-corrections for the office's corrections)"
        )
    try:
        columns = int(manifest["columns"])
        text = data["standard_words.tsv"].decode()
        standard_words = dict(line.split("\t") for line in text.split("\n")) if text else {}

        def array(name: str, dtype: str, width: int = 1) -> np.ndarray:
            values = np.frombuffer(data[name], dtype=dtype).astype(dtype[1:])
            return values.reshape(-1, width) if width > 1 else values

        parts = Parts(
            manifest,
            standard_words,
            array("word_buckets.i32", "<i4"),
            array("word_rows.f32", "<f4", columns),
            array("char_buckets.i32", "<i4"),
            array("char_rows.f32", "<f4", columns),
            array("intercept.f32", "<f4", len(manifest["labels"])),
        )
    except (KeyError, ValueError):
        raise ModelFileError(f"{path.name}: damaged model file (a part is missing or the wrong size)") from None
    if len(parts.word_buckets) != len(parts.word_rows) or len(parts.char_buckets) != len(parts.char_rows):
        raise ModelFileError(f"{path.name}: damaged model file (buckets and rows differ in number)")
    return parts
