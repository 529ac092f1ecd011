"""ASN (asn.html): how far each agency's civil servants carried official messages
(``mart_amplification_monthly``), the active share over 12 months, and the official posts they
carried furthest (``mart_amplification_posts``).

Per agency, never per person (UU 27/2022): a value the marts withhold (it describes fewer than k
people) stays withheld: shown as *disamarkan*, left out of the charts (a gap, not a zero), never
summed into a total that would give it back. A regional site lists the agencies of its region.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dashboard import figures
from dashboard.pages.base import Document, PageContext
from dashboard.queries import HISTORY_MONTHS
from dashboard.tables import Column, Table
from reporting import formatting as fmt
from reporting.periods import months_back
from reporting.render import PLATFORMS
from reporting.sections.amplification import AgencyAmplification, TravelledPost

TOP_POSTS = 10
HIDDEN = "disamarkan"
IN_SCOPE = "($region is null or a.region_code = $region)"


@dataclass(frozen=True)
class AmplificationData:
    scope_name: str
    month: date
    k: int | None  # None: no roster loaded yet
    agencies: tuple[AgencyAmplification, ...]
    months: tuple[date, ...]
    active_share: tuple[tuple[str, tuple[float | None, ...]], ...]  # agency -> share per month (None: withheld)
    posts: tuple[TravelledPost, ...]


def amplification_data(ctx: PageContext) -> AmplificationData:
    con, params, month = ctx.con, ctx.params, ctx.month
    k = con.execute("select max(suppression_k) from marts.mart_amplification_monthly").fetchall()[0][0]
    joined = "marts.mart_amplification_monthly m left join marts.dim_agency a using (agency_code)"
    agencies = con.execute(
        f"""select m.agency_code, coalesce(a.agency_short, m.agency_code), m.roster_accounts, m.active_amplifiers,
                   m.active_share, m.amplification_posts, m.amplified_reach, m.official_posts,
                   m.official_posts_amplified, m.suppressed
            from {joined} where m.month = $month and {IN_SCOPE}
            order by m.active_share desc nulls last, 2""",
        {"month": month, **params},
    ).fetchall()
    window = months_back(month, HISTORY_MONTHS)
    trend = con.execute(
        f"""select coalesce(a.agency_short, m.agency_code), m.month, m.active_share from {joined}
            where m.month >= $first and m.month <= $month and {IN_SCOPE}""",
        {"first": window[0], "month": month, **params},
    ).fetchall()
    shares: dict[str, dict[date, float | None]] = {}
    for name, m, share in trend:
        shares.setdefault(name, {})[m] = share
    posts = []
    if ctx.has("mart_amplification_posts"):
        posts = con.execute(
            f"""select a.agency_short, p.platform, p.account, p.published_at, p.url, p.asn_sharers, p.asn_shares,
                       p.asn_reach
                from marts.mart_amplification_posts p left join marts.dim_agency a using (agency_code)
                where p.month = $month and not p.suppressed and {IN_SCOPE}
                order by p.asn_reach desc, p.asn_shares desc, p.platform, p.post_id limit $limit""",
            {"month": month, "limit": TOP_POSTS, **params},
        ).fetchall()
    return AmplificationData(
        ctx.scope.name,
        month,
        k,
        tuple(AgencyAmplification(*r) for r in agencies),
        tuple(window),
        tuple((name, tuple(v.get(m) for m in window)) for name, v in sorted(shares.items())),
        tuple(TravelledPost(*r) for r in posts),
    )


def tables(d: AmplificationData) -> list[Table]:
    hidden = f"{HIDDEN} (< {d.k} orang)" if d.k else HIDDEN
    agency_columns = [
        Column("agency_name", "Instansi"),
        Column("roster_accounts", "ASN terdaftar", "int", none_text=hidden),
        Column("active_amplifiers", "ASN aktif", "int", none_text=HIDDEN),
        Column("active_share", "Porsi aktif", "share", none_text=HIDDEN),
        Column("amplification_posts", "Unggahan amplifikasi", "int", none_text=HIDDEN),
        Column("amplified_reach", "Jangkauan amplifikasi", "int", none_text=HIDDEN),
        Column("official_posts", "Unggahan akun resmi", "int"),
        Column("official_posts_amplified", "Dibagikan ASN", "int", none_text=HIDDEN),
        Column("suppressed", "Ada yang disamarkan"),
    ]
    agencies = [{**a.__dict__, "suppressed": "ya" if a.suppressed else "tidak"} for a in d.agencies]
    post_columns = [
        Column("agency_name", "Instansi"),
        Column("platform_name", "Platform"),
        Column("account", "Akun", "link", link_key="url"),
        Column("published_at", "Waktu (WITA)", "datetime"),
        Column("asn_sharers", "ASN yang membagikan", "int"),
        Column("asn_shares", "Unggahan ASN", "int"),
        Column("asn_reach", "Jangkauan ASN", "int"),
    ]
    posts = [{**p.__dict__, "platform_name": PLATFORMS.get(p.platform, p.platform)} for p in d.posts]
    return [
        Table("instansi-bulan-ini", f"Amplifikasi per instansi, {fmt.month_name(d.month)}", agency_columns, agencies),
        Table("unggahan-terjauh", "Unggahan akun resmi yang paling jauh dibawa ASN", post_columns, posts),
    ]


def charts(d: AmplificationData) -> dict[str, dict | None]:
    return {
        "active_share": figures.lines(d.months, dict(d.active_share), kind="share"),
        "agencies": figures.bars([a.agency_name for a in d.agencies], [a.active_share for a in d.agencies], "share"),
    }


def build(ctx: PageContext) -> list[Document]:
    if ctx.month is None:
        return []
    return [Document("asn.html", "ASN", "amplification.html.j2", amplification_data(ctx), charts, tables, "asn")]
