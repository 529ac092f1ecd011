{#- The text Citra's sentiment model labels, and its key: title and snippet joined by a space.
    The same expressions as sentiment/scoring.py (TEXT_SQL, TEXT_HASH_SQL): change both together. -#}
{% macro mention_text(title, snippet) -%}
    trim(concat_ws(' ', nullif(trim({{ title }}), ''), nullif(trim({{ snippet }}), '')))
{%- endmacro %}

{% macro mention_text_hash(title, snippet) -%}
    {{ sha256_hex(mention_text(title, snippet)) }}
{%- endmacro %}

{#- The labelling policy of a hand-run build: dbt var sentiment_policy when set (checked against
    the allowed values), else null, and the models use the policy recorded by the last scoring
    step in raw.sentiment_settings (from sentiment.yml), else fill_missing. -#}
{% macro sentiment_policy_override() -%}
    {%- set policy = var('sentiment_policy', none) -%}
    {%- if policy is none or policy == '' -%}
        cast(null as string)
    {%- elif policy in ['fill_missing', 'model_everywhere', 'vendor_only'] -%}
        '{{ policy }}'
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "var sentiment_policy must be fill_missing, model_everywhere or vendor_only, got " ~ policy) }}
    {%- endif -%}
{%- endmacro %}
