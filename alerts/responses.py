"""When did the office answer an alert? Only a post that is an answer counts.

An alert is **answered** by the first post (``marts.mart_platform_posts``) published at or after
its ``window_start``, within ``response.max_hours`` (alerts.yml), that meets all of:

1. **who**: an account (``marts.dim_account``) of an agency responsible for the alert's issue
   (seed ``issue_agencies``, role ``utama`` or ``pendukung``), or of a coordinating agency of
   alerts.yml: ``response.coordinators`` (the provincial Diskominfo and Biro Adpim) answer every
   alert; ``response.regional_coordinators`` (a kabupaten/kota's own Diskominfo) answer the
   alerts of their own region (the account's ``region_code``);
2. **what**: its text holds one of the issue's keywords (seed ``issue_keywords``; a watchlist
   alert also its term), as whole words (alerts/text.py);
3. **where**: for a kabupaten/kota alert, its text names that region: its name (``dim_region``,
   also without 'Kabupaten'/'Kota') or an alias (seed ``region_aliases``: 'Tanbu', 'Batulicin'),
   as whole words, so 'Banjar' is not found in 'Banjarmasin'. A province-wide alert needs no
   region.

Every other post after ``window_start`` (within the same horizon) that holds the keywords is
counted as ``other_posts_after``, so staff can judge what the rule did not accept: a routine
post of an agency that is not responsible, a post about floods in another kabupaten.
"""

from __future__ import annotations

from typing import Any

import duckdb

from alerts.text import install_macros

# reads temp table _alert_keys (alert_id, issue, term, region_code, window_start) and the
# lists $coordinators, $regional; writes temp table _responses
RESPONSES_SQL = """
    create or replace temp table _responses as
    with needles as (
      select a.alert_id, citra_fold(k.keyword) as needle
      from _alert_keys a join reference.issue_keywords k on k.issue_code = a.issue
      union
      select alert_id, citra_fold(term) from _alert_keys where term is not null
    ), region_needles as (
      select a.alert_id, citra_fold(x.alias) as needle
      from _alert_keys a join {region_aliases} x on x.region_code = a.region_code
      union
      select a.alert_id, citra_fold(r.region_name) from _alert_keys a join {regions} r on r.region_code = a.region_code
      union
      -- the name without 'Kabupaten' / 'Kota': 'Kota Banjarmasin' is mostly written 'Banjarmasin'
      select a.alert_id, citra_fold(regexp_replace(lower(r.region_name), '^(kabupaten|kab[.]?|kota) +', ''))
      from _alert_keys a join {regions} r on r.region_code = a.region_code
    ), posts as (
      select p.platform, p.account, p.post_id, p.published_at, p.url, citra_fold(p.post_text) as folded,
             d.agency_code, d.region_code as account_region
      from marts.mart_platform_posts p
      left join marts.dim_account d on d.platform = p.platform and d.account = p.account
      where p.published_at is not null and p.post_text is not null
    ), matches as (
      -- on topic: a keyword of the issue (or the term), in the response horizon
      select distinct a.alert_id, a.issue, a.region_code, a.window_start, p.*
      from _alert_keys a
      join needles n using (alert_id)
      join posts p on p.published_at >= a.window_start
                  and ($max_hours is null or p.published_at < a.window_start + to_seconds(cast($max_hours * 3600 as bigint)))
                  and contains(p.folded, n.needle)
    ), judged as (
      select m.*,
             (list_contains($coordinators::varchar[], m.agency_code)
              or (m.region_code is not null and m.account_region = m.region_code
                  and list_contains($regional::varchar[], m.agency_code))
              or exists (select 1 from {issue_agencies} ia
                         where ia.issue_code = m.issue and ia.agency_code = m.agency_code))
             and (m.region_code is null
                  or exists (select 1 from region_needles r
                             where r.alert_id = m.alert_id and contains(m.folded, r.needle))) as answers
      from matches m
    ), firsts as (
      select alert_id, published_at as first_response_at,
             epoch(published_at - window_start) / 3600.0 as response_hours,
             url as response_post_url, platform || '/' || account as response_account
      from judged where answers
      qualify row_number() over (partition by alert_id order by published_at, platform, post_id) = 1
    ), others as (
      select alert_id, count(*) filter (where not answers) as other_posts_after from judged group by all
    )
    select alert_id, f.first_response_at, f.response_hours, f.response_post_url, f.response_account,
           coalesce(o.other_posts_after, 0) as other_posts_after
    from others o left join firsts f using (alert_id)
"""
EMPTY = """create or replace temp table _responses (alert_id varchar, first_response_at timestamptz,
           response_hours double, response_post_url varchar, response_account varchar, other_posts_after bigint)"""
# tables the rule can do without (then: no responsible agency, no alias, no region name), with
# their empty stand-ins
OPTIONAL = {
    "issue_agencies": (
        "reference.issue_agencies",
        "(select null::varchar as issue_code, null::varchar as agency_code)",
    ),
    "region_aliases": ("reference.region_aliases", "(select null::varchar as alias, null::varchar as region_code)"),
    "regions": ("marts.dim_region", "(select null::varchar as region_code, null::varchar as region_name)"),
}


def _has(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?", [schema, table]
        ).fetchall()[0][0]
    )


def match_responses(con: duckdb.DuckDBPyConnection, cfg: dict[str, Any]) -> None:
    """Fill temp table ``_responses`` (alert_id, first_response_at, response_hours,
    response_post_url, response_account, other_posts_after) for the alerts in temp table
    ``_alert_keys``; empty while the warehouse has no official posts, accounts or keywords yet.
    ``cfg`` is alerts.yml's ``response`` section."""
    needed = [("marts", "mart_platform_posts"), ("marts", "dim_account"), ("reference", "issue_keywords")]
    if not all(_has(con, schema, table) for schema, table in needed):
        con.execute(EMPTY)
        return
    sources = {name: table if _has(con, *table.split(".")) else empty for name, (table, empty) in OPTIONAL.items()}
    install_macros(con)
    con.execute(
        RESPONSES_SQL.format(**sources),
        {"max_hours": cfg["max_hours"], "coordinators": cfg["coordinators"], "regional": cfg["regional_coordinators"]},
    )


def unknown_agencies(con: duckdb.DuckDBPyConnection, cfg: dict[str, Any]) -> list[str]:
    """Coordinating agencies of alerts.yml that the seed ``agencies`` does not know (a typo there
    would silently leave alerts unanswered)."""
    named = sorted(set(cfg["coordinators"]) | set(cfg["regional_coordinators"]))
    if not named or not _has(con, "reference", "agencies"):
        return []
    known = {r[0] for r in con.execute("select agency_code from reference.agencies").fetchall()}
    return [code for code in named if code not in known]
