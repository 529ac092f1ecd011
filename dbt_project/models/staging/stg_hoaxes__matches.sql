with source as (
    select * from {{ source('raw', 'hoax_matches') }}
),

renamed as (
    select
        hoax_id,
        mention_id,
        cast(published_at as {{ instant_type() }}) as published_at,
        cast(score as double) as match_score,
        band,
        role,
        role_sure,
        cue as role_cue,
        matched_on,
        claim_coverage,
        mention_coverage,
        keyword,
        shared_terms,
        cast(traced_at as {{ instant_type() }}) as traced_at
    from source
)

select * from renamed
