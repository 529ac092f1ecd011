-- The alerts as the alerts step published them (marts.issue_alerts), the columns the rapor
-- reads. Before the first alerts step (a plain `dbt build` on a new warehouse) the table
-- does not exist yet: then this view is empty, with the same columns.
{%- set issue_alerts = source('marts', 'issue_alerts') %}
{%- set published = execute and load_relation(issue_alerts) is not none %}

with alerts as (
    {%- if published %}
        select
            alert_id,
            kind,
            issue,
            region_code,
            term,
            window_start,
            window_end,
            negative_mentions,
            severity,
            status,
            still_detected,
            first_response_at,
            response_hours,
            response_post_url,
            response_account
        from {{ issue_alerts }}
    {%- else %}
        select
            cast(null as varchar) as alert_id,
            cast(null as varchar) as kind,
            cast(null as varchar) as issue,
            cast(null as varchar) as region_code,
            cast(null as varchar) as term,
            cast(null as timestamptz) as window_start,
            cast(null as timestamptz) as window_end,
            cast(null as bigint) as negative_mentions,
            cast(null as varchar) as severity,
            cast(null as varchar) as status,
            cast(null as boolean) as still_detected,
            cast(null as timestamptz) as first_response_at,
            cast(null as double) as response_hours,
            cast(null as varchar) as response_post_url,
            cast(null as varchar) as response_account
        where false
    {%- endif %}
)

select * from alerts
