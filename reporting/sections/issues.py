"""Isu utama: a short narrative per main issue, written from the data by fixed sentence
templates in Bahasa Indonesia (no outside service): volume and tone against last month, the
days that drove it, the top headlines with their outlets and links, and the regions, agencies
and officials involved. Main issues: those that need action first, then the largest, up to
``thresholds.main_issues`` (every issue that needs action is told).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reporting.assessment import IssueCall
from reporting.quotes import TABLE as QUOTES
from reporting.sections.base import MonthContext
from reporting.sections.issue_text import paragraphs

PEAK_FACTOR = 2.0  # a day with at least twice the issue's daily mean ...
PEAK_MIN = 5  # ... and at least this many mentions drove the month
PEAKS = 3
HEADLINES = 3
REGIONS = 3
NAMED = 4


@dataclass(frozen=True)
class DayPeak:
    day: date
    mentions: int
    negative: int
    burst: bool


@dataclass(frozen=True)
class StoryHeadline:
    title: str
    outlet: str | None
    url: str | None
    published_at: datetime
    reach: int | None
    sentiment: str | None


@dataclass(frozen=True)
class Named:
    """A region, agency or official with its mentions (and negative ones) for the issue."""

    name: str
    mentions: int
    negative: int


@dataclass(frozen=True)
class IssueStory:
    call: IssueCall
    peaks: list[DayPeak]
    headlines: list[StoryHeadline]
    regions: list[Named]
    province: Named | None
    agencies: list[Named]
    officials: list[Named]
    paragraphs: list[str]


def _peaks(ctx: MonthContext, call: IssueCall) -> list[DayPeak]:
    start, end = ctx.start, ctx.end
    rows = ctx.con.execute(
        """select mention_date, count(*), count(*) filter (where sentiment = 'negative') from marts.fct_mentions
           where issue = ? and mention_date >= ? and mention_date < ? group by all""",
        [call.issue.issue, start, end],
    ).fetchall()
    mean = call.issue.mentions / (end - start).days
    bursts = {b.day for b in call.bursts}
    peaks = [r for r in rows if (r[1] >= PEAK_FACTOR * mean and r[1] >= PEAK_MIN) or r[0] in bursts]
    peaks.sort(key=lambda r: (r[0] not in bursts, -r[1], r[0]))
    return sorted((DayPeak(d, n, neg, d in bursts) for d, n, neg in peaks[:PEAKS]), key=lambda p: p.day)


def _headlines(ctx: MonthContext, call: IssueCall) -> list[StoryHeadline]:
    """The widest-reaching news headlines (not social posts), negative ones when the issue needs action."""
    rows = ctx.con.execute(
        """select title, outlet, url, published_at, reach, sentiment from marts.fct_mentions
           where issue = ? and mention_date >= ? and mention_date < ? and title is not null
             and media_type is distinct from 'social' and (not ? or sentiment = 'negative')
           qualify row_number() over (partition by title order by reach desc nulls last, published_at, mention_id) = 1
           order by reach desc nulls last, published_at, title limit ?""",
        [call.issue.issue, ctx.start, ctx.end, call.needs_action, HEADLINES],
    ).fetchall()
    return [StoryHeadline(*r) for r in rows]


def _regions(ctx: MonthContext, issue: str) -> tuple[list[Named], Named | None]:
    rows = ctx.con.execute(
        """select r.region_name, r.region_type, count(*) as n, count(*) filter (where sentiment = 'negative')
           from marts.fct_mentions f join marts.dim_region r using (region_code)
           where f.issue = ? and f.mention_date >= ? and f.mention_date < ?
           group by all order by n desc, r.region_name""",
        [issue, ctx.start, ctx.end],
    ).fetchall()
    kabkota = [Named(name, n, neg) for name, kind, n, neg in rows if kind != "provinsi"][:REGIONS]
    province = next((Named(name, n, neg) for name, kind, n, neg in rows if kind == "provinsi"), None)
    return kabkota, province


def _agencies(ctx: MonthContext, issue: str) -> list[Named]:
    """Agencies named in the mentions' agency label, or whose head is quoted in them."""
    quoted = ""
    if ctx.has_table("reference", "officials"):
        quoted = f"""union select q.mention_id, o.agency_code, q.sentiment from {QUOTES} q
                     join reference.officials o using (official_code)
                     where q.issue = $issue and q.mention_date >= $start and q.mention_date < $end
                       and o.agency_code is not null"""
    names = (
        "coalesce(a.agency_short, a.agency_name, m.agency_code)"
        if ctx.has_table("marts", "dim_agency")
        else "m.agency_code"
    )
    join = "left join marts.dim_agency a using (agency_code)" if ctx.has_table("marts", "dim_agency") else ""
    rows = ctx.con.execute(
        f"""with m as (select mention_id, agency_code, sentiment from marts.fct_mentions
                       where issue = $issue and mention_date >= $start and mention_date < $end
                         and agency_code is not null
                       {quoted})
            select {names} as agency, count(distinct m.mention_id) as n,
                   count(distinct m.mention_id) filter (where m.sentiment = 'negative')
            from m {join} group by all order by n desc, agency limit $limit""",
        {"issue": issue, "start": ctx.start, "end": ctx.end, "limit": NAMED},
    ).fetchall()
    return [Named(*r) for r in rows]


def _officials(ctx: MonthContext, issue: str) -> list[Named]:
    if not ctx.has_table("reference", "officials"):
        return []
    rows = ctx.con.execute(
        f"""select o.office_title || ' ' || o.official_name as who, count(distinct q.mention_id) as n,
                   count(distinct q.mention_id) filter (where q.sentiment = 'negative')
            from {QUOTES} q join reference.officials o using (official_code)
            where q.issue = ? and q.mention_date >= ? and q.mention_date < ?
            group by all order by n desc, who limit ?""",
        [issue, ctx.start, ctx.end, NAMED],
    ).fetchall()
    return [Named(*r) for r in rows]


def main_issues(ctx: MonthContext) -> list[IssueCall]:
    """Issues that need action, then the largest others, up to ``main_issues``."""
    findings = ctx.data.findings
    chosen = list(findings.needs_action)
    for call in findings.calls:  # already largest first
        if len(chosen) >= ctx.data.settings.thresholds.main_issues:
            break
        if call not in chosen:
            chosen.append(call)
    return chosen


def build(ctx: MonthContext) -> list[IssueStory]:
    stories = []
    for call in main_issues(ctx):
        peaks = _peaks(ctx, call)
        regions, province = _regions(ctx, call.issue.issue)
        agencies, officials = _agencies(ctx, call.issue.issue), _officials(ctx, call.issue.issue)
        story = IssueStory(call, peaks, _headlines(ctx, call), regions, province, agencies, officials, [])
        text = paragraphs(story, ctx.before, ctx.data.settings.thresholds)
        stories.append(IssueStory(**{**story.__dict__, "paragraphs": text}))
    return stories
