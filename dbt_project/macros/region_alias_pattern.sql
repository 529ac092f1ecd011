{#-
  One regular expression that matches any region alias as a whole word, longest alias first:
  \b(hulu sungai selatan|...|hss)\b. A regex with a constant pattern is compiled once per query;
  a pattern that comes from a subquery is recompiled per row (minutes at 10M rows), so in a
  real run the pattern is read from the alias table up front and inlined as a literal.
  Unit tests, --empty runs and a not-yet-seeded warehouse fall back to the (slow) subquery.
-#}
{% macro region_alias_pattern_sql(alias_relation) -%}
    select '\b(' || string_agg(
        regexp_replace(alias, '([.*+?^${}()|\[\]\\])', '\\\1', 'g'), '|'
        order by length(alias) desc, alias
    ) || ')\b'
    from (select distinct lower(trim(alias)) as alias from {{ alias_relation }}) as aliases
    where alias <> ''
{%- endmacro %}

{% macro region_alias_pattern(alias_relation) -%}
    {%- set pattern_sql = region_alias_pattern_sql(alias_relation) -%}
    {%- set pattern = none -%}
    {%- if execute and model.resource_type != 'unit_test' and load_relation(alias_relation) is not none -%}
        {%- set pattern = run_query(pattern_sql).columns[0].values()[0] -%}
    {%- endif -%}
    {%- if pattern is not none -%}
        '{{ pattern | replace("'", "''") }}'
    {%- else -%}
        ({{ pattern_sql }})
    {%- endif -%}
{%- endmacro %}

{#- Rank of the best region alias found in `text` (lower rank = better), null when none. -#}
{% macro best_region_alias_rank(text, pattern, rank_by_alias) -%}
    list_min(list_transform(
        regexp_extract_all(lower({{ text }}), {{ pattern }}, 1),
        lambda found_alias: {{ rank_by_alias }}[found_alias]
    ))
{%- endmacro %}
