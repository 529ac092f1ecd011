"""Akun resmi (akun.html): how the official accounts performed. Per account in the month
(``mart_platform_monthly``), per platform over 12 months, and the month's most engaging posts
(``mart_platform_posts``).

Platforms define their own engagement rate, so accounts are compared on one measure every
platform reports, as in the report: interactions per view (engagements / views). A regional site
lists the accounts registered to the region (``dim_account.region_code``) and the province's
accounts only as totals per platform.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dashboard import figures
from dashboard.pages.base import Document, PageContext
from dashboard.queries import HISTORY_MONTHS
from dashboard.tables import Column, Table
from reporting import formatting as fmt
from reporting.periods import months_back
from reporting.render import PLATFORMS

TOP_POSTS = 10
IN_SCOPE = "($region is null or a.region_code = $region)"


@dataclass(frozen=True)
class AccountMonth:
    platform: str
    account: str
    account_name: str
    posts: int
    views: int | None
    reach: int | None
    engagements: int
    followers_end: int | None
    follower_growth: int | None

    @property
    def engagements_per_view(self) -> float | None:
        return self.engagements / self.views if self.views else None


@dataclass(frozen=True)
class PlatformTotal:
    platform: str
    accounts: int
    posts: int
    views: int
    engagements: int


@dataclass(frozen=True)
class Post:
    platform: str
    account: str
    published_at: datetime | None
    post_type: str | None
    url: str | None
    views: int | None
    engagements: int


@dataclass(frozen=True)
class AccountsData:
    scope_name: str
    is_region: bool
    month: date
    accounts: tuple[AccountMonth, ...]
    months: tuple[date, ...]
    engagements: tuple[tuple[str, tuple[int, ...]], ...]  # platform -> engagements per month (scope)
    province: tuple[PlatformTotal, ...]  # a regional site: the province's accounts as totals
    posts: tuple[Post, ...]


def accounts_data(ctx: PageContext) -> AccountsData:
    con, params, month = ctx.con, ctx.params, ctx.month
    joined = "marts.mart_platform_monthly m left join marts.dim_account a using (platform, account)"
    accounts = con.execute(
        f"""select m.platform, m.account, coalesce(a.account_name, m.account), m.posts, m.views, m.reach,
                   m.engagements, m.followers_end, m.follower_growth
            from {joined} where m.month = $month and {IN_SCOPE}
            order by m.engagements desc, m.platform, m.account""",
        {"month": month, **params},
    ).fetchall()
    window = months_back(month, HISTORY_MONTHS)
    trend = con.execute(
        f"""select m.platform, m.month, sum(m.engagements) from {joined}
            where m.month >= $first and m.month <= $month and {IN_SCOPE} group by all""",
        {"first": window[0], "month": month, **params},
    ).fetchall()
    by_platform: dict[str, dict[date, int]] = {}
    for platform, m, engagements in trend:
        by_platform.setdefault(platform, {})[m] = int(engagements)
    province = []
    if ctx.scope.is_region:
        province = con.execute(
            """select platform, count(*), sum(posts), coalesce(sum(views), 0), sum(engagements)
               from marts.mart_platform_monthly where month = ? group by platform order by platform""",
            [month],
        ).fetchall()
    posts = []
    if ctx.has("mart_platform_posts"):
        posts = con.execute(
            f"""select p.platform, p.account, p.published_at, p.post_type, p.url, p.views, p.engagements
                from marts.mart_platform_posts p left join marts.dim_account a using (platform, account)
                where p.month = $month and {IN_SCOPE}
                order by p.engagements desc, p.views desc nulls last, p.post_id limit $limit""",
            {"month": month, "limit": TOP_POSTS, **params},
        ).fetchall()
    return AccountsData(
        ctx.scope.name,
        ctx.scope.is_region,
        month,
        tuple(AccountMonth(*r) for r in accounts),
        tuple(window),
        tuple((p, tuple(v.get(m, 0) for m in window)) for p, v in sorted(by_platform.items())),
        tuple(PlatformTotal(*(int(v) if i else v for i, v in enumerate(r))) for r in province),
        tuple(Post(*r) for r in posts),
    )


def tables(d: AccountsData) -> list[Table]:
    account_columns = [
        Column("platform_name", "Platform"),
        Column("account_name", "Akun"),
        Column("posts", "Unggahan", "int"),
        Column("views", "Tayangan", "int"),
        Column("engagements", "Interaksi", "int"),
        Column("engagements_per_view", "Interaksi per tayangan", "share"),
        Column("followers_end", "Pengikut", "int"),
        Column("follower_growth", "Pertumbuhan pengikut", "int"),
    ]
    accounts = [
        {
            **a.__dict__,
            "platform_name": PLATFORMS.get(a.platform, a.platform),
            "engagements_per_view": a.engagements_per_view,
        }
        for a in d.accounts
    ]
    post_columns = [
        Column("platform_name", "Platform"),
        Column("published_at", "Waktu (WITA)", "datetime"),
        Column("account", "Akun", "link", link_key="url"),
        Column("post_type", "Jenis"),
        Column("views", "Tayangan", "int"),
        Column("engagements", "Interaksi", "int"),
    ]
    posts = [{**p.__dict__, "platform_name": PLATFORMS.get(p.platform, p.platform)} for p in d.posts]
    found = [
        Table("akun-bulan-ini", f"Akun resmi pada {fmt.month_name(d.month)}", account_columns, accounts),
        Table("unggahan-teratas", "Unggahan dengan interaksi terbanyak", post_columns, posts),
    ]
    if d.is_region:
        province_columns = [
            Column("platform_name", "Platform"),
            Column("accounts", "Akun", "int"),
            Column("posts", "Unggahan", "int"),
            Column("views", "Tayangan", "int"),
            Column("engagements", "Interaksi", "int"),
        ]
        rows = [{**p.__dict__, "platform_name": PLATFORMS.get(p.platform, p.platform)} for p in d.province]
        found.append(
            Table("provinsi-per-platform", "Seluruh akun resmi provinsi, per platform", province_columns, rows)
        )
    return found


def per_view_by_platform(accounts: tuple[AccountMonth, ...]) -> dict[str, float | None]:
    """Interactions per view of each platform's accounts together (accounts without views left out)."""
    sums: dict[str, list[int]] = {}
    for a in accounts:
        if a.views:
            totals = sums.setdefault(PLATFORMS.get(a.platform, a.platform), [0, 0])
            totals[0] += a.engagements
            totals[1] += a.views
    return {platform: engagements / views for platform, (engagements, views) in sorted(sums.items())}


def charts(d: AccountsData) -> dict[str, dict | None]:
    series = {PLATFORMS.get(p, p): values for p, values in d.engagements}
    per_view = per_view_by_platform(d.accounts)
    return {
        "engagements": figures.lines(d.months, series),
        "per_view": figures.bars(list(per_view), list(per_view.values()), kind="share"),
    }


def build(ctx: PageContext) -> list[Document]:
    if ctx.month is None:
        return []
    return [Document("akun.html", "Akun resmi", "accounts.html.j2", accounts_data(ctx), charts, tables, "akun")]
