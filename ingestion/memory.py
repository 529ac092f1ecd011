"""How much memory a build's DuckDB connections may use, and giving back what a step freed.

Every connection a build opens to the warehouse (the writer, the read-only ones of the checks,
alerts and gap rules, the publication's in-memory database, and dbt's through profiles.yml)
is capped at ``CITRA_DUCKDB_MEMORY_LIMIT``; DuckDB spills to disk beyond it. The cap is set
with ``SET memory_limit`` after connecting rather than as a connect option: DuckDB refuses a
second connection to a file already open in the process with other options.

The default leaves room for two processes at once: while dbt runs, the `citra build`
process (Dagster, the definitions, what its Python steps kept) waits beside it. A 10M-row build
measured 2.4 GB with 1 GB per connection and the read-only connections uncapped
(docs/benchmarks.md).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import re
from pathlib import Path

import duckdb

ENV = "CITRA_DUCKDB_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "600MB"  # profiles.yml repeats it for dbt's connection
_SIZE = re.compile(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)", re.IGNORECASE)


def memory_limit() -> str:
    """The cap from ``CITRA_DUCKDB_MEMORY_LIMIT`` (default 600MB), checked to be a size."""
    value = os.environ.get(ENV, DEFAULT_MEMORY_LIMIT).strip()
    if not _SIZE.fullmatch(value):
        raise ValueError(f"{ENV}={value!r} is not a size DuckDB understands, such as 700MB or 1GB")
    return value


def cap_memory(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Apply the cap to ``con``'s database (all its connections in this process); returns ``con``."""
    # SET takes no parameters; the value was checked against _SIZE, so it holds no quote
    con.execute(f"set memory_limit = '{memory_limit()}'")
    return con


def open_read_only(warehouse: Path | str) -> duckdb.DuckDBPyConnection:
    """A read-only connection to ``warehouse``, capped like every connection of a build."""
    return cap_memory(duckdb.connect(str(warehouse), read_only=True))


def release_memory() -> None:
    """Give the operating system back what finished steps freed but the allocators kept.

    Called before dbt starts its own process: Python's and glibc's heaps and Arrow's pool keep
    freed pages, and the `citra build` process waits beside dbt for the whole of its run."""
    gc.collect()
    try:
        import pyarrow as pa

        pa.default_memory_pool().release_unused()
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        pass
    libc = ctypes.util.find_library("c")
    trim = getattr(ctypes.CDLL(libc), "malloc_trim", None) if libc else None  # glibc only
    if trim is not None:
        trim(0)
