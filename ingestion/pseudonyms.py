"""Pseudonyms for private persons: social-media authors who are not official accounts.

UU 27/2022 (personal data protection) asks that data about private citizens go no further
than needed. Coverage analysis needs to count and group authors, not to know who they are,
so during ingestion a private author's handle or name becomes ``anon-<16 hex>``: a keyed
HMAC-SHA256 of the normalized handle. The same person gets the same pseudonym in every export
(so dedup and "top authors" still work), and without the key nobody can test a guess.

Who is private: the author of a ``social`` mention whose handle is not an official account
of ``dbt_project/seeds/accounts.csv``. Outlets, official accounts and the journalists of news,
print, TV and radio mentions stay readable: they publish in a professional role.

The key is ``CITRA_PSEUDONYM_KEY`` (any string) or, when unset, the file
``CITRA_HOME/secrets/pseudonym.key``, created on first use with mode 0600. Back it up with
the warehouse: a new key gives new pseudonyms, so old and new rows of one author no longer
match. It never leaves the server and is never committed (``data/`` is ignored by git).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from functools import lru_cache
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from ingestion.platforms.accounts import registered_accounts

KEY_ENV = "CITRA_PSEUDONYM_KEY"
PREFIX = "anon-"
MIN_HANDLE_LENGTH = 3  # shorter handles are not searched for inside URLs and texts


def key_path(home: Path) -> Path:
    return home / "secrets" / "pseudonym.key"


def pseudonym_key(home: Path) -> bytes:
    """The HMAC key: from the environment, else the key file (created once, mode 0600)."""
    if os.environ.get(KEY_ENV):
        return os.environ[KEY_ENV].encode("utf-8")
    path = key_path(home)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        draft = path.with_name(f".pseudonym.key.{os.getpid()}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secrets.token_hex(32) + "\n")
        try:
            os.link(draft, path)  # atomic and never overwrites: two first runs agree on one key
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    key = path.read_text(encoding="ascii").strip()
    if not key:
        raise ValueError(f"{path} is empty; delete it to create a new key, or set {KEY_ENV}")
    return key.encode("ascii")


def normalize_handle(value: str) -> str:
    """Handles compare as lower case without a leading @, as in the account registry."""
    return value.strip().lstrip("@").strip().lower()


def pseudonymize(value: str, key: bytes) -> str:
    """``anon-`` and the first 16 hex digits of HMAC-SHA256(key, normalized handle)."""
    digest = hmac.new(key, normalize_handle(value).encode("utf-8"), hashlib.sha256).hexdigest()
    return PREFIX + digest[:16]


def official_handles() -> list[str]:
    """Handles of the office's own accounts (any platform): never pseudonymized."""
    return sorted({account for _, account in registered_accounts()})


def install_pseudonym_functions(con: duckdb.DuckDBPyConnection, key: bytes) -> None:
    """Add ``citra_pseudonym(handle)``, ``citra_redact(text, handle)`` and ``_official_accounts``.

    ``citra_redact`` replaces the handle wherever it occurs in a text (a profile URL such as
    ``tiktok.com/@handle/video/1``, a page name), case-insensitively, by its pseudonym.

    Both are vectorized: DuckDB hands them a vector of rows (Arrow) at a time, pseudonyms are
    computed once per distinct handle of the vector, and each handle's pattern is compiled once
    per connection (``re``'s own cache holds 512 patterns: with more authors than that, a call per
    row recompiled its pattern every time, 20 us a row). The values are those of ``pseudonymize``.
    """
    pseudonym = lru_cache(maxsize=65536)(lambda handle: pseudonymize(handle, key))
    pattern = lru_cache(maxsize=65536)(lambda clean: re.compile(re.escape(clean), re.IGNORECASE))

    def redact(text: str | None, handle: str | None) -> str | None:
        if text is None or handle is None:
            return None
        clean = normalize_handle(handle)
        if len(clean) < MIN_HANDLE_LENGTH:
            return text
        return pattern(clean).sub(pseudonym(clean), text)

    def pseudonyms(handles: pa.Array) -> pa.Array:
        if isinstance(handles, pa.ChunkedArray):
            handles = handles.combine_chunks()
        encoded = pc.dictionary_encode(handles)  # nulls stay null (null indices)
        values = pa.array([pseudonym(h) for h in encoded.dictionary.to_pylist()], pa.string())
        return pc.take(values, encoded.indices)

    def redactions(texts: pa.Array, handles: pa.Array) -> pa.Array:
        return pa.array(
            [redact(t, h) for t, h in zip(texts.to_pylist(), handles.to_pylist(), strict=True)], pa.string()
        )

    for name in ("citra_pseudonym", "citra_redact"):
        try:
            con.remove_function(name)
        except duckdb.InvalidInputException:
            pass
    arrow = {"type": "arrow", "side_effects": False}
    con.create_function("citra_pseudonym", pseudonyms, ["VARCHAR"], "VARCHAR", **arrow)
    con.create_function("citra_redact", redactions, ["VARCHAR", "VARCHAR"], "VARCHAR", **arrow)
    con.execute("create or replace temp table _official_accounts (account varchar)")
    con.executemany("insert into _official_accounts values (?)", [[h] for h in official_handles()])
