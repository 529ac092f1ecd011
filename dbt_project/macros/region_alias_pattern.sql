{#-
  One regular expression that matches any region alias as a whole word, longest alias first:
  \b(hulu sungai selatan|...|hss)\b. A regex with a constant pattern is compiled once per query;
  a pattern that comes from a subquery is recompiled per row (minutes at 10M rows), so in a
  real run the pattern is read from the alias table up front and inlined as a literal.
  Unit tests, --empty runs and a not-yet-seeded warehouse fall back to the (slow) subquery.
  DuckDB's regexes are RE2 (\b is an ASCII word boundary), Spark's are Java's (\b also counts
  non-ASCII letters as word characters): Spark spells the ASCII boundary out with lookarounds
  and quotes each alias with \Q...\E, so both engines find the same aliases.
-#}
{% macro region_alias_pattern_sql(alias_relation) -%}
    {{ return(adapter.dispatch('region_alias_pattern_sql', 'citra')(alias_relation)) }}
{%- endmacro %}

{% macro duckdb__region_alias_pattern_sql(alias_relation) -%}
    select '\b(' || string_agg(
        regexp_replace(alias, '([.*+?^${}()|\[\]\\])', '\\\1', 'g'), '|'
        order by length(alias) desc, alias
    ) || ')\b'
    from (select distinct lower(trim(alias)) as alias from {{ alias_relation }}) as aliases
    where alias <> ''
{%- endmacro %}

{% macro spark__region_alias_pattern_sql(alias_relation) -%}
    select concat(
        '(?<![A-Za-z0-9_])(',
        listagg(concat('\\Q', alias, '\\E'), '|') within group (order by length(alias) desc, alias),
        ')(?![A-Za-z0-9_])'
    )
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
        {{ string_literal(pattern) }}
    {%- else -%}
        ({{ pattern_sql }})
    {%- endif -%}
{%- endmacro %}

{#- A string as an SQL literal: DuckDB doubles quotes; Spark also escapes backslashes. -#}
{% macro string_literal(text) -%}
    {{ return(adapter.dispatch('string_literal', 'citra')(text)) }}
{%- endmacro %}

{% macro duckdb__string_literal(text) -%}
    '{{ text | replace("'", "''") }}'
{%- endmacro %}

{% macro spark__string_literal(text) -%}
    '{{ text | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}

{#- Rank of the best region alias found in `text` (lower rank = better), null when none. -#}
{% macro best_region_alias_rank(text, pattern, rank_by_alias) -%}
    {{ return(adapter.dispatch('best_region_alias_rank', 'citra')(text, pattern, rank_by_alias)) }}
{%- endmacro %}

{% macro duckdb__best_region_alias_rank(text, pattern, rank_by_alias) -%}
    list_min(list_transform(
        regexp_extract_all(lower({{ text }}), {{ pattern }}, 1),
        lambda found_alias: {{ rank_by_alias }}[found_alias]
    ))
{%- endmacro %}

{% macro spark__best_region_alias_rank(text, pattern, rank_by_alias) -%}
    array_min(transform(
        regexp_extract_all(lower({{ text }}), {{ pattern }}, 1),
        found_alias -> {{ rank_by_alias }}[found_alias]
    ))
{%- endmacro %}
