"""The memory cap every DuckDB connection of a build gets (ingestion/memory.py).

A 10M-row build peaked at 2.4 GB because the gap rules and the alerts opened the warehouse
without a cap (DuckDB's default is 80% of the machine's memory), while the writer and dbt had
one: these tests hold that every connection is capped, with one value, checked before use."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import duckdb
import pytest

from ingestion.load import connect
from ingestion.memory import DEFAULT_MEMORY_LIMIT, ENV, memory_limit, open_read_only

REPO = Path(__file__).resolve().parents[1]
# benchmarks open DuckDB bare on purpose: the baseline they compare a build with
PACKAGES = [
    p for p in REPO.iterdir() if p.is_dir() and (p / "__init__.py").exists() and p.name not in ("tests", "benchmarks")
]


def _mib(con: duckdb.DuckDBPyConnection) -> float:
    """DuckDB's own reading of its cap, in MiB (it prints `286.1 MiB`)."""
    value = con.execute("select current_setting('memory_limit')").fetchall()[0][0]
    number, unit = value.split()
    return float(number) * {"KiB": 1 / 1024, "MiB": 1, "GiB": 1024}[unit]


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table t as select 1 as a")
    return path


def test_read_only_connection_is_capped(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "300MB")
    with open_read_only(warehouse) as con:
        assert _mib(con) == pytest.approx(300e6 / 2**20, abs=0.1)
        assert con.execute("select a from t").fetchall() == [(1,)]


def test_writer_is_capped(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "250MB")
    con = connect(warehouse)
    try:
        assert _mib(con) == pytest.approx(250e6 / 2**20, abs=0.1)
    finally:
        con.close()


@pytest.mark.parametrize("value", ["lots", "1GB'; drop table t; --", "700", "-1GB"])
def test_a_value_that_is_not_a_size_is_refused_by_name(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, value)
    with pytest.raises(ValueError, match=ENV):
        memory_limit()


def test_dbt_profile_default_is_the_same_cap() -> None:
    """dbt's connection reads the same variable; its fallback must be the same number, or a
    build without the variable gives dbt a budget the rest of the build does not count on."""
    profile = (REPO / "profiles.yml").read_text()
    defaults = re.findall(rf"env_var\('{ENV}', '([^']+)'\)", profile)
    assert defaults == [DEFAULT_MEMORY_LIMIT]


def _uncapped_connects(source: str) -> list[int]:
    """Lines of `duckdb.connect(...)` calls neither wrapped in cap_memory(...) nor given a
    memory_limit in their config."""
    tree = ast.parse(source)
    wrapped = {
        id(arg)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "cap_memory"
        for arg in node.args
    }
    lines = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if not (node.func.attr == "connect" and getattr(node.func.value, "id", None) == "duckdb"):
            continue
        configured = any(k.arg == "config" and "memory_limit" in ast.unparse(k.value) for k in node.keywords)
        if id(node) not in wrapped and not configured:
            lines.append(node.lineno)
    return lines


def test_the_check_finds_an_uncapped_connect() -> None:
    assert _uncapped_connects("import duckdb\ncon = duckdb.connect('w.duckdb', read_only=True)\n") == [2]
    assert _uncapped_connects("con = cap_memory(duckdb.connect('w.duckdb'))\n") == []


def test_no_package_opens_duckdb_without_the_cap() -> None:
    found = {
        str(path.relative_to(REPO)): lines
        for package in PACKAGES
        for path in package.rglob("*.py")
        if path.name != "memory.py" and (lines := _uncapped_connects(path.read_text()))
    }
    # ingestion/memory.py's open_read_only is the one place that wraps a bare connect itself
    assert found == {}, f"uncapped duckdb.connect (use ingestion.memory.open_read_only or cap_memory): {found}"
