"""Pejabat dan media: how often and in what tone named officials were quoted (the seed
`officials`, public office holders only), and the top outlets and journalists by media type.

Journalists are the `author` of news, print, TV and radio mentions, who publish in a
professional role. Social-media authors are never listed: private persons are pseudonymized
(`anon-...`) and stay out of the report (UU 27/2022).
"""

from __future__ import annotations

from dataclasses import dataclass

from reporting.model import SentimentShares
from reporting.quotes import TABLE as QUOTES
from reporting.sections.base import MonthContext

TOP = 5
MEDIA_TYPES = {
    "online": "Media daring",
    "print": "Media cetak",
    "tv": "Televisi",
    "radio": "Radio",
    "social": "Media sosial",
}


@dataclass(frozen=True)
class OfficialRow(SentimentShares):
    official_code: str
    name: str
    title: str
    mentions: int
    positive: int
    neutral: int
    negative: int
    previous_mentions: int
    top_issue: str | None


@dataclass(frozen=True)
class SourceRow(SentimentShares):
    """An outlet or a journalist within one media type."""

    media_type: str
    name: str
    outlet: str | None
    mentions: int
    positive: int
    neutral: int
    negative: int


@dataclass(frozen=True)
class Officials:
    known: bool  # the warehouse has the officials seed
    officials: list[OfficialRow]
    outlets: dict[str, list[SourceRow]]
    journalists: dict[str, list[SourceRow]]


COUNTS = """count(*) filter (where sentiment = 'positive'), count(*) filter (where sentiment = 'neutral'),
            count(*) filter (where sentiment = 'negative')"""


def official_rows(ctx: MonthContext) -> list[OfficialRow]:
    rows = ctx.con.execute(
        f"""with this_month as (select * from {QUOTES} where mention_date >= $start and mention_date < $end),
            top_issue as (
              select official_code, arg_max(issue_name, n) as issue_name from (
                select q.official_code, coalesce(d.issue_name, q.issue) as issue_name, count(*) as n
                from this_month q left join marts.dim_issue d using (issue) group by all) group by all),
            counts as (
              select official_code, count(*) filter (where mention_date >= $start) as mentions,
                     count(*) filter (where mention_date >= $start and sentiment = 'positive') as positive,
                     count(*) filter (where mention_date >= $start and sentiment = 'neutral') as neutral,
                     count(*) filter (where mention_date >= $start and sentiment = 'negative') as negative,
                     count(*) filter (where mention_date < $start) as previous_mentions
              from {QUOTES} where mention_date >= $before and mention_date < $end group by all)
            select o.official_code, o.official_name, o.office_title, c.mentions, c.positive, c.neutral,
                   c.negative, c.previous_mentions, t.issue_name
            from counts c join reference.officials o using (official_code)
            left join top_issue t using (official_code)
            where c.mentions > 0 order by c.mentions desc, o.official_code""",
        {"start": ctx.start, "end": ctx.end, "before": ctx.before},
    ).fetchall()
    return [OfficialRow(*r) for r in rows]


def _top(ctx: MonthContext, column: str, where: str) -> dict[str, list[SourceRow]]:
    """Top ``column`` values (outlet or author, a fixed allow-list) per media type."""
    if column not in ("outlet", "author"):
        raise ValueError(f"not a source column: {column}")
    rows = ctx.con.execute(
        f"""select media_type, {column} as name, mode(outlet) as outlet, count(*) as n, {COUNTS}
            from marts.fct_mentions
            where mention_date >= ? and mention_date < ? and {column} is not null and {where}
            group by media_type, name
            qualify row_number() over (partition by media_type order by n desc, name) <= ?
            order by media_type, n desc, name""",
        [ctx.start, ctx.end, TOP],
    ).fetchall()
    out: dict[str, list[SourceRow]] = {}
    for r in rows:
        out.setdefault(r[0], []).append(SourceRow(*r))
    return dict(sorted(out.items(), key=lambda kv: list(MEDIA_TYPES).index(kv[0]) if kv[0] in MEDIA_TYPES else 99))


def build(ctx: MonthContext) -> Officials:
    known = ctx.has_table("reference", "officials")
    return Officials(
        known=known,
        officials=official_rows(ctx) if known else [],
        outlets=_top(ctx, "outlet", "true"),
        # never social authors (private persons, pseudonymized), whatever the media type says
        journalists=_top(
            ctx, "author", "media_type is distinct from 'social' and author not like 'anon-%' and author not like '@%'"
        ),
    )
