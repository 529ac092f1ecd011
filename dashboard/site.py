"""Build a site: read every page's data from the serving copy (read-only), then write only the
documents whose fingerprint changed, their CSV files, and the shared assets; documents of pages
that disappeared are removed. What every page shows (the header, the navigation, the month) is
part of each fingerprint, so it holds nothing that changes with every build: a daily build whose
new mentions fall after the month shown rewrites the Ringkasan only (it says how recent the data is).

The province's site goes to ``<root>/site/``, a kabupaten/kota's to ``<root>/region-<CODE>/``.
Each file is written to a temporary name and renamed, so a reader never gets half a page.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from dashboard import assets, figures
from dashboard.fingerprint import fingerprint, read_manifest, write_manifest
from dashboard.pages import PAGES, Document, Page, PageContext
from dashboard.queries import newest_mention_date, shown_month
from dashboard.render import NavItem, SiteInfo, render
from dashboard.scope import Scope, regions, scope_for
from dashboard.tables import to_csv
from ingestion.clock import last_complete_month, today
from ingestion.memory import open_read_only


class ServingCopyMissingError(FileNotFoundError):
    """The serving copy has not been published yet."""


@dataclass
class SiteResult:
    """What one build of a site did."""

    folder: Path
    scope: Scope
    month: date | None
    pages: list[str] = field(default_factory=list)  # keys of the pages in the site
    left_out: list[str] = field(default_factory=list)  # keys of pages left out: their marts are missing
    written: list[str] = field(default_factory=list)  # documents rendered this time
    skipped: list[str] = field(default_factory=list)  # documents unchanged since the last build
    removed: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    seconds: float = 0.0


def marts_tables(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    rows = con.execute("select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()
    return frozenset(r[0] for r in rows)


def read_documents(
    con: duckdb.DuckDBPyConnection, region: str | None, day: date
) -> tuple[PageContext, list[Page], list[Page], list[Document]]:
    """The scope's pages (those whose marts exist) and every document's data."""
    tables = marts_tables(con)
    scope = scope_for(con, region)
    month = shown_month(con, last_complete_month(day))
    ctx = PageContext(con, scope, month, newest_mention_date(con, scope), tables)
    present = [p for p in PAGES if ctx.has(*p.requires) or p.shown_without_data]
    missing = [p for p in PAGES if p not in present]
    documents = [doc for page in present for doc in page.build(ctx)]
    return ctx, present, missing, documents


def _site_info(ctx: PageContext, pages: list[Page], documents: list[Document]) -> SiteInfo:
    first = {}
    for doc in documents:
        first.setdefault(doc.nav_key, doc.path)
    nav = tuple(NavItem(p.key, p.title, first[p.key]) for p in pages if p.key in first)
    return SiteInfo(
        ctx.scope.name,
        ctx.scope.is_region,
        ctx.scope.province_name,
        ctx.month,
        nav,
        assets.version(),
    )


def _write(folder: Path, doc: Document, site: SiteInfo) -> list[str]:
    """Render one document and its CSV files; the files written, relative to ``folder``."""
    tables = doc.tables(doc.data) if doc.tables else []
    files = [doc.path]
    stem = doc.path.removesuffix(".html")
    for table in tables:
        table.csv_path = f"csv/{stem}-{table.name}.csv"
        assets.write_if_changed(folder / table.csv_path, to_csv(table))
        files.append(table.csv_path)
    charts = {name: figures.dumps(fig) for name, fig in (doc.figures(doc.data) if doc.figures else {}).items()}
    html = render(doc.template, doc.title, doc.nav_key, doc.data, site, charts, tables)
    assets.write_if_changed(folder / doc.path, html.encode("utf-8"))
    return files


def build_site(serving: Path, root: Path, region: str | None = None, day: date | None = None) -> SiteResult:
    """Build the province's site (``region`` None) or a kabupaten/kota's under ``root``."""
    began = time.perf_counter()
    if not serving.exists():
        raise ServingCopyMissingError(
            f"{serving} does not exist yet: run `citra build` first (it publishes the serving copy)"
        )
    with open_read_only(serving) as con:
        ctx, pages, missing, documents = read_documents(con, region, day or today())
    folder = root / ctx.scope.folder
    folder.mkdir(parents=True, exist_ok=True)
    result = SiteResult(folder, ctx.scope, ctx.month, [p.key for p in pages], [p.key for p in missing])
    result.assets = assets.write_assets(folder)
    site = _site_info(ctx, pages, documents)
    old, new = read_manifest(folder), {}
    for doc in documents:
        mark = fingerprint(doc.data, site)
        before = old.get(doc.path, {})
        if before.get("fingerprint") == mark and all((folder / f).exists() for f in before.get("files", [])):
            new[doc.path] = before
            result.skipped.append(doc.path)
            continue
        new[doc.path] = {"fingerprint": mark, "files": _write(folder, doc, site)}
        result.written.append(doc.path)
    kept = {f for entry in new.values() for f in entry["files"]}
    for entry in old.values():
        for name in entry.get("files", []):
            if name not in kept and (folder / name).exists():
                (folder / name).unlink()
                result.removed.append(name)
    write_manifest(folder, new)
    result.seconds = time.perf_counter() - began
    return result


def region_codes(serving: Path) -> list[str]:
    """Every kabupaten/kota code of the serving copy's ``dim_region``."""
    with open_read_only(serving) as con:
        return [r.code for r in regions(con)]


def build_sites(serving: Path, root: Path, codes: list[str], day: date | None = None) -> list[SiteResult]:
    """The province's site, then one per code in ``codes``."""
    return [build_site(serving, root, None, day), *(build_site(serving, root, code, day) for code in codes)]
