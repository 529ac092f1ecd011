"""Whose site a page belongs to: the province (every mention) or one kabupaten/kota.

A regional site shows that region's mentions, headlines, alerts and accounts in detail and the
rest of the province only as aggregates (counts, shares, trends). Every query of the pages takes
the scope as one named parameter, ``$region`` (null for the province), in a filter written once:
``($region is null or region_code = $region)``; a mention without a region never matches a region.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


class UnknownRegionError(ValueError):
    """A region code that is no kabupaten/kota of ``marts.dim_region``."""


@dataclass(frozen=True)
class Region:
    """A kabupaten/kota (or the province) as ``marts.dim_region`` holds it."""

    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class Scope:
    """The province (``region`` None) or one kabupaten/kota."""

    region: Region | None = None
    province_name: str = "Provinsi"

    @property
    def code(self) -> str | None:
        return self.region.code if self.region else None

    @property
    def is_region(self) -> bool:
        return self.region is not None

    @property
    def name(self) -> str:
        return self.region.name if self.region else self.province_name

    @property
    def params(self) -> dict[str, str | None]:
        """The named parameter every scoped query takes."""
        return {"region": self.code}

    @property
    def folder(self) -> str:
        """The site's folder under ``CITRA_HOME/dashboard``."""
        return f"region-{self.code}" if self.region else "site"


def regions(con: duckdb.DuckDBPyConnection) -> list[Region]:
    """The kabupaten/kota (not the province), by code."""
    rows = con.execute(
        "select region_code, region_name, region_type from marts.dim_region "
        "where region_type <> 'provinsi' order by region_code"
    ).fetchall()
    return [Region(*row) for row in rows]


def province_name(con: duckdb.DuckDBPyConnection) -> str:
    """The province's name (`Provinsi Kalimantan Selatan`), or `Provinsi` when the seed has none."""
    rows = con.execute("select min(region_name) from marts.dim_region where region_type = 'provinsi'").fetchall()
    return rows[0][0] or "Provinsi"


def scope_for(con: duckdb.DuckDBPyConnection, code: str | None) -> Scope:
    """The province's scope, or the region ``code``'s; an unknown code is an error naming the known ones."""
    province = province_name(con)
    if code is None:
        return Scope(None, province)
    known = regions(con)
    for region in known:
        if region.code == code:
            return Scope(region, province)
    listed = ", ".join(f"{r.code} ({r.name})" for r in known)
    raise UnknownRegionError(f"region {code!r} is not a kabupaten/kota of marts.dim_region; known: {listed}")
