with source as (
    select * from {{ source('raw', 'release_matches') }}
),

renamed as (
    select
        release_id,
        mention_id,
        matched_on,
        match_score,
        band,
        document_coverage,
        mention_coverage,
        shared_terms,
        matcher_version,
        cast(matched_at as {{ instant_type() }}) as matched_at
    from source
)

select * from renamed
