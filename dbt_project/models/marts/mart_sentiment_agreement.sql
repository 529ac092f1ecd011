-- How far each vendor's labels agree with Citra's model, per month, vendor and issue: the
-- mentions both labelled, the share where they agree, Cohen's kappa (agreement beyond what
-- the two label mixes would give by chance) and the 3x3 confusion counts.
--   kappa = (p_o - p_e) / (1 - p_e), p_o = agreements / n,
--   p_e = sum over labels of (vendor's share of the label) x (model's share of the label);
-- null when p_e = 1 (both gave one and the same label to everything: kappa is undefined).
-- Computed on counts, kappa = (n * agreements - e) / (n^2 - e) with e = sum of vendor count x
-- model count per label: the same value, without rounding the shares first.
with mentions as (
    select * from {{ ref('fct_mentions') }}
    where sentiment_vendor is not null and sentiment_model is not null
),

cells as (
    select
        month,
        vendor,
        issue,
        count(*) as labelled_by_both,
        count(*) filter (where sentiment_vendor = sentiment_model) as agreements,
        count(*) filter (where sentiment_vendor = 'positive' and sentiment_model = 'positive') as vendor_positive_model_positive,
        count(*) filter (where sentiment_vendor = 'positive' and sentiment_model = 'neutral') as vendor_positive_model_neutral,
        count(*) filter (where sentiment_vendor = 'positive' and sentiment_model = 'negative') as vendor_positive_model_negative,
        count(*) filter (where sentiment_vendor = 'neutral' and sentiment_model = 'positive') as vendor_neutral_model_positive,
        count(*) filter (where sentiment_vendor = 'neutral' and sentiment_model = 'neutral') as vendor_neutral_model_neutral,
        count(*) filter (where sentiment_vendor = 'neutral' and sentiment_model = 'negative') as vendor_neutral_model_negative,
        count(*) filter (where sentiment_vendor = 'negative' and sentiment_model = 'positive') as vendor_negative_model_positive,
        count(*) filter (where sentiment_vendor = 'negative' and sentiment_model = 'neutral') as vendor_negative_model_neutral,
        count(*) filter (where sentiment_vendor = 'negative' and sentiment_model = 'negative') as vendor_negative_model_negative,
        count(*) filter (where sentiment_vendor = 'positive') as vendor_positive,
        count(*) filter (where sentiment_vendor = 'neutral') as vendor_neutral,
        count(*) filter (where sentiment_vendor = 'negative') as vendor_negative,
        count(*) filter (where sentiment_model = 'positive') as model_positive,
        count(*) filter (where sentiment_model = 'neutral') as model_neutral,
        count(*) filter (where sentiment_model = 'negative') as model_negative
    from mentions
    group by month, vendor, issue
),

chance as (
    select
        *,
        agreements / labelled_by_both as agreement_rate,
        vendor_positive * model_positive
        + vendor_neutral * model_neutral
        + vendor_negative * model_negative as chance_products
    from cells
),

final as (
    select
        month,
        vendor,
        issue,
        labelled_by_both,
        agreements,
        agreement_rate,
        case
            when chance_products < labelled_by_both * labelled_by_both
                then
                    (labelled_by_both * agreements - chance_products)
                    / (labelled_by_both * labelled_by_both - chance_products)
        end as cohens_kappa,
        vendor_positive_model_positive,
        vendor_positive_model_neutral,
        vendor_positive_model_negative,
        vendor_neutral_model_positive,
        vendor_neutral_model_neutral,
        vendor_neutral_model_negative,
        vendor_negative_model_positive,
        vendor_negative_model_neutral,
        vendor_negative_model_negative
    from chance
)

select * from final
