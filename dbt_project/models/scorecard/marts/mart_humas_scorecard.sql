-- Rapor kehumasan: every agency and every kabupaten/kota (and the province) per WITA month,
-- with each component as a value a person can check, a 0-100 score per component, the composite
-- over the components with data, and the rank among units of the same type (docs/scorecard.md).
-- Targets and weights: the month's version of scorecard.yml (int_scorecard_month_weights).
{%- set k = k_anonymity() %}

with months as (
    select * from {{ ref('int_scorecard_month_weights') }}
),

units as (
    select * from {{ ref('int_scorecard_units') }}
),

unit_accounts as (
    select * from {{ ref('int_scorecard_unit_accounts') }}
),

account_months as (
    select * from {{ ref('int_scorecard_account_months') }}
),

unit_alerts as (
    select * from {{ ref('int_scorecard_unit_alerts') }}
),

posts as (
    select * from {{ ref('int_platform_posts_latest') }}
    where month is not null
),

mentions as (
    select * from {{ ref('fct_mentions') }}
),

amplification as (
    select * from {{ ref('mart_amplification_monthly') }}
),

agencies as (
    select * from {{ ref('agencies') }}
),

grid as (
    select
        months.*,
        units.unit,
        units.unit_type,
        units.unit_name,
        units.region_code
    from months
    cross join units
),

platform as (
    select
        unit_accounts.unit,
        account_months.month,
        count(*) as accounts_registered,
        count(*) filter (where account_months.has_data) as accounts_with_data,
        count(*) filter (where account_months.active) as accounts_active,
        cast(sum(account_months.posts) as bigint) as posts,
        sum(account_months.posts_per_week_target) filter (where account_months.has_data) as posts_per_week_target,
        avg(account_months.target_attainment) filter (where account_months.has_data) as activity_attainment
    from unit_accounts
    inner join account_months
        on unit_accounts.platform = account_months.platform
        and unit_accounts.account = account_months.account
    group by unit_accounts.unit, account_months.month
),

-- one measure every platform reports: interactions per view of each post (as the monthly
-- report's official-accounts section compares them)
post_rates as (
    select
        unit_accounts.unit,
        posts.month,
        posts.engagements / posts.views as engagement_rate
    from posts
    inner join unit_accounts
        on posts.platform = unit_accounts.platform
        and posts.account = unit_accounts.account
    where posts.views > 0
),

engagement as (
    select
        unit,
        month,
        median(engagement_rate) as median_engagement_rate
    from post_rates
    group by unit, month
),

province_engagement as (
    select
        engagement.month,
        median(engagement.median_engagement_rate) as province_median_engagement_rate
    from engagement
    inner join units on engagement.unit = units.unit
    where units.unit_type = 'agency'
    group by engagement.month
),

responses as (
    select
        unit,
        month,
        count(*) as alerts_on_its_issues,
        count(*) filter (where answered) as alerts_answered,
        count(*) filter (where answered_within_24h) as answered_within_24h,
        count(*) filter (where answered_by_own) as answered_by_own,
        median(response_hours) as median_response_hours
    from unit_alerts
    group by unit, month
),

unit_mentions as (
    select
        agency_code as unit,
        month,
        sentiment
    from mentions
    where agency_code is not null
    union all
    select
        region_code as unit,
        month,
        sentiment
    from mentions
    where region_code is not null
),

tone as (
    select
        unit,
        month,
        count(*) as mentions,
        count(sentiment) as labelled_mentions,
        count(*) filter (where sentiment = 'positive') as positive,
        count(*) filter (where sentiment = 'negative') as negative
    from unit_mentions
    group by unit, month
),

-- a withheld cell (fewer than k people shared the agency's posts) stays withheld; a region
-- shows its total only when none of its agencies' cells is withheld, so no hidden cell can be
-- had back by subtracting the shown ones from the region's total
agency_cells as (
    select
        amplification.month,
        amplification.agency_code,
        agencies.region_code,
        amplification.official_posts,
        case when amplification.official_posts = 0 then 0 else amplification.official_posts_amplified end
            as official_posts_amplified,
        amplification.official_posts > 0 and amplification.official_posts_amplified is null as withheld
    from amplification
    inner join agencies on amplification.agency_code = agencies.agency_code
),

amplified as (
    select
        agency_code as unit,
        month,
        official_posts,
        official_posts_amplified,
        withheld
    from agency_cells
    union all
    select
        region_code as unit,
        month,
        cast(sum(official_posts) as bigint) as official_posts,
        cast(case when not bool_or(withheld) then sum(official_posts_amplified) end as bigint) as official_posts_amplified,
        bool_or(withheld) as withheld
    from agency_cells
    group by region_code, month
),

components as (
    select
        grid.month,
        grid.unit,
        grid.unit_type,
        grid.unit_name,
        grid.region_code,
        coalesce(platform.accounts_registered, 0) as accounts_registered,
        coalesce(platform.accounts_with_data, 0) as accounts_with_data,
        coalesce(platform.accounts_registered, 0) - coalesce(platform.accounts_with_data, 0) as accounts_without_data,
        coalesce(platform.accounts_active, 0) as accounts_active,
        platform.posts,
        platform.posts / (grid.days_in_month / 7.0) as posts_per_week,
        platform.posts_per_week_target,
        platform.activity_attainment,
        engagement.median_engagement_rate,
        province_engagement.province_median_engagement_rate,
        engagement.median_engagement_rate
        / nullif(province_engagement.province_median_engagement_rate, 0) as engagement_ratio,
        coalesce(responses.alerts_on_its_issues, 0) as alerts_on_its_issues,
        coalesce(responses.alerts_answered, 0) as alerts_answered,
        responses.answered_within_24h / responses.alerts_on_its_issues as answered_within_24h_share,
        responses.median_response_hours,
        responses.answered_by_own / responses.alerts_on_its_issues as answered_by_own_share,
        amplified.official_posts_amplified,
        case
            when amplified.official_posts > 0 and not amplified.withheld
                then amplified.official_posts_amplified / amplified.official_posts
        end as official_posts_amplified_share,
        coalesce(amplified.withheld, false) as amplification_suppressed,
        coalesce(tone.mentions, 0) as mentions,
        coalesce(tone.labelled_mentions, 0) as labelled_mentions,
        (tone.positive - tone.negative) / nullif(tone.labelled_mentions, 0) as net_sentiment,
        grid.weights_version,
        grid.weight_activity,
        grid.weight_engagement,
        grid.weight_response,
        grid.weight_amplification,
        grid.weight_sentiment,
        grid.engagement_ratio_target,
        grid.answered_within_24h_share_target,
        grid.amplified_share_target,
        grid.min_labelled_mentions,
        grid.min_components
    from grid
    left join platform on grid.unit = platform.unit and grid.month = platform.month
    left join engagement on grid.unit = engagement.unit and grid.month = engagement.month
    left join province_engagement on grid.month = province_engagement.month
    left join responses on grid.unit = responses.unit and grid.month = responses.month
    left join amplified on grid.unit = amplified.unit and grid.month = amplified.month
    left join tone on grid.unit = tone.unit and grid.month = tone.month
),

scored as (
    select
        *,
        -- least() skips nulls in DuckDB: each score is null when its value is
        100 * activity_attainment as score_activity,
        case
            when engagement_ratio is not null then least(100, 100 * engagement_ratio / engagement_ratio_target)
        end as score_engagement,
        case
            when answered_within_24h_share is not null
                then least(100, 100 * answered_within_24h_share / answered_within_24h_share_target)
        end as score_response,
        case
            when official_posts_amplified_share is not null
                then least(100, 100 * official_posts_amplified_share / amplified_share_target)
        end as score_amplification,
        case when labelled_mentions >= min_labelled_mentions then 50 * (1 + net_sentiment) end as score_sentiment
    from components
),

weighed as (
    select
        *,
        (case when score_activity is not null and weight_activity > 0 then 1 else 0 end)
        + (case when score_engagement is not null and weight_engagement > 0 then 1 else 0 end)
        + (case when score_response is not null and weight_response > 0 then 1 else 0 end)
        + (case when score_amplification is not null and weight_amplification > 0 then 1 else 0 end)
        + (case when score_sentiment is not null and weight_sentiment > 0 then 1 else 0 end) as components_scored,
        coalesce(weight_activity * score_activity, 0)
        + coalesce(weight_engagement * score_engagement, 0)
        + coalesce(weight_response * score_response, 0)
        + coalesce(weight_amplification * score_amplification, 0)
        + coalesce(weight_sentiment * score_sentiment, 0) as weighted_sum,
        coalesce(case when score_activity is not null then weight_activity end, 0)
        + coalesce(case when score_engagement is not null then weight_engagement end, 0)
        + coalesce(case when score_response is not null then weight_response end, 0)
        + coalesce(case when score_amplification is not null then weight_amplification end, 0)
        + coalesce(case when score_sentiment is not null then weight_sentiment end, 0) as weight_present
    from scored
),

composed as (
    select
        *,
        case
            when components_scored >= min_components and weight_present > 0
                then round(weighted_sum / weight_present, 1)
        end as composite_score
    from weighed
),

ranked as (
    select
        *,
        case
            when composite_score is not null
                then rank() over (
                        partition by month, unit_type, composite_score is null order by composite_score desc
                    )
        end as rank,
        count(composite_score) over (partition by month, unit_type) as units_ranked
    from composed
),

final as (
    select
        month,
        unit,
        unit_type,
        unit_name,
        region_code,
        accounts_registered,
        accounts_with_data,
        accounts_without_data,
        accounts_active,
        posts,
        posts_per_week,
        posts_per_week_target,
        median_engagement_rate,
        province_median_engagement_rate,
        engagement_ratio,
        alerts_on_its_issues,
        alerts_answered,
        answered_within_24h_share,
        median_response_hours,
        answered_by_own_share,
        official_posts_amplified,
        official_posts_amplified_share,
        amplification_suppressed,
        cast({{ k }} as integer) as suppression_k,
        mentions,
        labelled_mentions,
        net_sentiment,
        round(score_activity, 1) as score_activity,
        round(score_engagement, 1) as score_engagement,
        round(score_response, 1) as score_response,
        round(score_amplification, 1) as score_amplification,
        round(score_sentiment, 1) as score_sentiment,
        cast(components_scored as integer) as components_scored,
        composite_score,
        rank,
        units_ranked,
        lag(rank) over (partition by unit order by month) - rank as rank_change,
        weights_version
    from ranked
)

select * from final
