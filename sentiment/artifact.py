"""The model file: an uncompressed ZIP of plain arrays and text (no pickle), written so that
the same model always gives the same bytes, hence the same SHA-256 and version string."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import numpy as np

from sentiment.features import Featurizer

FORMAT = 1
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class ModelFileError(ValueError):
    """A model file is missing, damaged or not a sentiment model."""


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write(path: Path, featurizer: Featurizer, coef: np.ndarray, intercept: np.ndarray, manifest: dict) -> str:
    """Write the model atomically (temp file + rename, so a reader never sees half a file); return its SHA-256."""
    members = {
        "manifest.json": json.dumps({"format": FORMAT, **manifest}, indent=1, sort_keys=True).encode(),
        "word_vocab.txt": "\n".join(featurizer.word_vocab).encode(),
        "char_vocab.txt": "\n".join(featurizer.char_vocab).encode(),
        "lexicon.tsv": "\n".join(f"{b}\t{i}" for b, i in sorted(featurizer.lexicon.items())).encode(),
        "word_idf.f32": featurizer.word_idf.astype("<f4").tobytes(),
        "char_idf.f32": featurizer.char_idf.astype("<f4").tobytes(),
        "coef.f32": np.ascontiguousarray(coef, dtype="<f4").tobytes(),
        "intercept.f32": np.ascontiguousarray(intercept, dtype="<f4").tobytes(),
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


def read(path: Path) -> tuple[Featurizer, np.ndarray, np.ndarray, dict]:
    """Featurizer, coefficients (classes x features), intercepts and manifest of a model file."""
    try:
        with zipfile.ZipFile(path) as archive:
            data = {name: archive.read(name) for name in archive.namelist()}
        manifest = json.loads(data["manifest.json"])
    except FileNotFoundError:
        raise ModelFileError(f"{path}: no such model file") from None
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise ModelFileError(f"{path.name}: not a Citra sentiment model (damaged or another file)") from None
    if manifest.get("format") != FORMAT:
        raise ModelFileError(f"{path.name}: model format {manifest.get('format')}, this Citra reads format {FORMAT}")

    def words(name: str) -> list[str]:
        text = data[name].decode()
        return text.split("\n") if text else []

    lexicon = dict(line.split("\t") for line in words("lexicon.tsv"))
    featurizer = Featurizer(
        words("word_vocab.txt"),
        words("char_vocab.txt"),
        np.frombuffer(data["word_idf.f32"], dtype="<f4").astype(np.float32),
        np.frombuffer(data["char_idf.f32"], dtype="<f4").astype(np.float32),
        lexicon,
    )
    coef = np.frombuffer(data["coef.f32"], dtype="<f4").astype(np.float32).reshape(-1, featurizer.n_features)
    intercept = np.frombuffer(data["intercept.f32"], dtype="<f4").astype(np.float32)
    return featurizer, coef, intercept, manifest
