"""One document of the site as HTML (Jinja2, autoescaped), with its charts as JSON inside the page
(no request for data) and its tables linked to their CSV files beside it.

Every number, share and date goes through ``reporting.formatting``, the report's module, so the
dashboard and the report write `18,2%` and `6 Oktober 2025` the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

import jinja2

from dashboard.tables import Table, cell, cell_link
from reporting import formatting as fmt
from reporting.render import PLATFORMS, web_url


@dataclass(frozen=True)
class NavItem:
    key: str
    title: str
    path: str


@dataclass(frozen=True)
class SiteInfo:
    """What every page of one site shows in its header and footer."""

    title: str  # e.g. "Provinsi Kalimantan Selatan" or "Kabupaten Banjar"
    is_region: bool
    province_name: str
    month: date | None
    nav: tuple[NavItem, ...]
    asset_version: str  # appended to the stylesheet's and scripts' URLs so browsers reload them


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("dashboard", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        number=fmt.number,
        percent=fmt.percent,
        points=fmt.points,
        signed_percent=fmt.signed_percent,
        index=fmt.index,
        index_change=fmt.index_change,
        month_name=fmt.month_name,
        day=fmt.day,
        post_time=fmt.post_time,
        wita_time=fmt.wita_time,
        trend=fmt.trend,
        direction=fmt.direction,
        platform=lambda p: PLATFORMS.get(p, p),
        web_url=web_url,
        alert_kind=lambda k: fmt.ALERT_KINDS.get(k, k),
        alert_status=lambda s: fmt.ALERT_STATUS.get(s, s),
    )
    env.globals.update(cell=cell, cell_link=cell_link)
    return env


def render(template: str, title: str, key: str, data: object, site: SiteInfo, charts: dict, tables: list[Table]) -> str:
    """The HTML of one document; ``charts`` maps a chart's name to its JSON (None: no data)."""
    return (
        environment()
        .get_template(template)
        .render(
            d=data,
            page_title=title,
            page_key=key,
            site=site,
            charts=charts,
            tables={t.name: t for t in tables},
        )
    )
