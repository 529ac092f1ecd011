-- The hoax register as it stands: one row per hoax with its current values and names.
with hoaxes as (
    select * from {{ ref('int_hoaxes_current') }}
),

issues as (
    select * from {{ ref('dim_issue') }}
),

regions as (
    select * from {{ ref('dim_region') }}
),

final as (
    select
        hoaxes.hoax_id,
        hoaxes.claim,
        array_to_string(hoaxes.keywords, '; ') as keywords,
        hoaxes.category,
        hoaxes.issue,
        issues.issue_name,
        hoaxes.region_code,
        regions.region_name,
        hoaxes.first_seen,
        hoaxes.klarifikasi_url,
        hoaxes.klarifikasi_at,
        hoaxes.registered_by,
        hoaxes.registered_at,
        hoaxes.updated_at,
        hoaxes.register_rows
    from hoaxes
    left join issues on hoaxes.issue = issues.issue
    left join regions on hoaxes.region_code = regions.region_code
)

select * from final
