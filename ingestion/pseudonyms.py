"""Pseudonyms for private persons: social-media authors who are not official accounts.

UU 27/2022 (personal data protection) asks that data about private citizens go no further
than needed. Coverage analysis needs to count and group authors, not to know who they are,
so during ingestion a private author's handle or name becomes ``anon-<16 hex>``: a keyed
HMAC-SHA256 of the normalized handle. The same person gets the same pseudonym in every export
(so dedup and "top authors" still work), and without the key nobody can test a guess.

Who is private: the author of a ``social`` mention whose handle is not an official account
of ``dbt_project/seeds/accounts.csv``, and any other account a text names by a social link or
an @mention (``ingestion.handles``; damaged lines: ``ingestion.damaged_privacy``). Outlets,
official accounts and the journalists of news, print, TV and radio mentions stay readable: they
publish in a professional role. The rules: docs/security.md, "Handles outside the author cell".

The key is ``CITRA_PSEUDONYM_KEY`` (any string) or, when unset, the file
``CITRA_HOME/secrets/pseudonym.key``, created on first use with mode 0600. Back it up with
the warehouse: a new key gives new pseudonyms, so old and new rows of one author no longer
match. It never leaves the server and is never committed (``data/`` is ignored by git).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from ingestion.handles import MIN_HANDLE_LENGTH, hide, link_accounts, normalize_handle
from ingestion.platforms.accounts import registered_accounts

__all__ = [
    "MIN_HANDLE_LENGTH",
    "connection_key",
    "ensure_pseudonyms",
    "hidden_texts",
    "install_pseudonym_functions",
    "normalize_handle",
    "pseudonym_key",
    "pseudonymize",
]

KEY_ENV = "CITRA_PSEUDONYM_KEY"
PREFIX = "anon-"


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


def connection_key(con: duckdb.DuckDBPyConnection) -> bytes:
    """The key for the warehouse ``con`` writes: CITRA_HOME's (else the one beside the warehouse)."""
    path = con.execute("select path from duckdb_databases() where database_name = current_database()").fetchall()[0][0]
    return pseudonym_key(Path(os.environ.get("CITRA_HOME") or Path(path).parent))


def ensure_pseudonyms(con: duckdb.DuckDBPyConnection) -> None:
    """Install the pseudonym functions once per connection (``install_pseudonym_functions``)."""
    installed = con.execute(
        "select count(*) from duckdb_tables() where temporary and table_name = '_official_accounts'"
    ).fetchall()[0][0]
    if not installed:
        install_pseudonym_functions(con, connection_key(con))


def hidden_texts(con: duckdb.DuckDBPyConnection, texts: Iterable[str]) -> dict[str, str]:
    """Texts typed by hand (an analyst's URL or note) -> their form with private handles hidden:
    ``citra_hide`` with the text's own links as the row's links."""
    ensure_pseudonyms(con)
    asked = sorted({t for t in texts if t})
    if not asked:
        return {}
    query = "select t, citra_hide(t, null, t, null) from (select unnest($texts::varchar[]) as t)"
    return dict(con.execute(query, {"texts": asked}).fetchall())


def pseudonymize(value: str, key: bytes) -> str:
    """``anon-`` and the first 16 hex digits of HMAC-SHA256(key, normalized handle)."""
    digest = hmac.new(key, normalize_handle(value).encode("utf-8"), hashlib.sha256).hexdigest()
    return PREFIX + digest[:16]


def official_handles() -> list[str]:
    """Handles of the office's own accounts (any platform): never pseudonymized."""
    return sorted({account for _, account in registered_accounts()})


def install_pseudonym_functions(con: duckdb.DuckDBPyConnection, key: bytes) -> None:
    """Add ``citra_pseudonym(handle)``, ``citra_hide(text, handle, links, keep)`` and ``_official_accounts``.

    ``citra_hide`` applies ``ingestion.handles.hide`` to a text: ``handle`` (the row's private
    author) and the accounts named in ``links`` (the row's URLs) are replaced wherever they occur
    in the text, case-insensitively, then every other account of a social link and every
    @mention; official accounts and ``keep`` (the account a platform export belongs to) stay.
    ``citra_hide_author(text, handle, links)`` is the same for a row whose links name no account
    but its author (the caller checked): the links are not parsed again, which is most of the cost.

    Both are vectorized: DuckDB hands them a vector of rows (Arrow) at a time, pseudonyms are
    computed once per distinct handle (an LRU cache), and the pattern of a row's own handles is
    compiled once (``ingestion.handles``: with more authors than ``re``'s 512-pattern cache, a
    call per row recompiled its pattern every time, 20 us a row). The values are those of
    ``pseudonymize``.
    """
    pseudonym = lru_cache(maxsize=65536)(lambda handle: pseudonymize(handle, key))
    officials = frozenset(official_handles())

    links_of = lru_cache(maxsize=4096)(lambda links: tuple(h for _, _, h in link_accounts(links)))
    readable_with = lru_cache(maxsize=1024)(lambda keep: officials | {normalize_handle(keep)})

    def hidden(text: str | None, handle: str | None, links: str | None, keep: str | None) -> str | None:
        if text is None:
            return None
        own = ((handle,) if handle else ()) + (links_of(links) if links else ())
        readable = readable_with(keep) if keep else officials
        return hide(text, own, pseudonym, readable, links_in_own=bool(links) and text in links)

    def hidden_author(text: str | None, handle: str | None, links: str | None) -> str | None:
        if text is None:
            return None
        own = (handle,) if handle else ()
        return hide(text, own, pseudonym, officials, links_in_own=bool(links) and text in links)

    def pseudonyms(handles: pa.Array) -> pa.Array:
        if isinstance(handles, pa.ChunkedArray):
            handles = handles.combine_chunks()
        encoded = pc.dictionary_encode(handles)  # nulls stay null (null indices)
        values = pa.array([pseudonym(h) for h in encoded.dictionary.to_pylist()], pa.string())
        return pc.take(values, encoded.indices)

    def hides(texts: pa.Array, handles: pa.Array, links: pa.Array, keeps: pa.Array) -> pa.Array:
        columns = (texts.to_pylist(), handles.to_pylist(), links.to_pylist(), keeps.to_pylist())
        return pa.array([hidden(*row) for row in zip(*columns, strict=True)], pa.string())

    def hides_author(texts: pa.Array, handles: pa.Array, links: pa.Array) -> pa.Array:
        columns = (texts.to_pylist(), handles.to_pylist(), links.to_pylist())
        return pa.array([hidden_author(*row) for row in zip(*columns, strict=True)], pa.string())

    for name in ("citra_pseudonym", "citra_hide", "citra_hide_author"):
        try:
            con.remove_function(name)
        except duckdb.InvalidInputException:
            pass
    arrow = {"type": "arrow", "side_effects": False, "null_handling": "special"}
    con.create_function("citra_pseudonym", pseudonyms, ["VARCHAR"], "VARCHAR", type="arrow", side_effects=False)
    con.create_function("citra_hide", hides, ["VARCHAR"] * 4, "VARCHAR", **arrow)
    con.create_function("citra_hide_author", hides_author, ["VARCHAR"] * 3, "VARCHAR", **arrow)
    con.execute("create or replace temp table _official_accounts (account varchar)")
    con.executemany("insert into _official_accounts values (?)", [[h] for h in sorted(officials)])
