{#- The raw sources on each engine. DuckDB: ingestion's tables raw.* in the warehouse, nothing to
    do. Spark: views raw.<table> over the lake's Parquet folders (lake/raw.py: the tables written
    per file and the derived tables copied whole), partitions office and month found from the
    folder names; called by on-run-start, so every dbt run sees the files written since the last
    one. -#}
{% macro register_raw_sources() -%}
    {{ return(adapter.dispatch('register_raw_sources', 'citra')()) }}
{%- endmacro %}

{% macro default__register_raw_sources() -%}
    select 1
{%- endmacro %}

{% macro spark__register_raw_sources() -%}
    {%- set lake = env_var('CITRA_LAKE', env_var('CITRA_HOME', 'data') ~ '/lake') -%}
    {%- if execute -%}
        {%- do run_query('create database if not exists raw') -%}
        {%- for table in ['media_mentions', 'platform_posts', 'platform_account_daily', 'mention_sentiment',
                          'sentiment_settings', 'label_corrections', 'mention_issue_suggestions'] -%}
            {%- do run_query(
                'create or replace view raw.' ~ table ~ ' as select * from parquet.`'
                ~ lake ~ '/raw/' ~ table ~ '`'
            ) -%}
        {%- endfor -%}
    {%- endif -%}
    select 1
{%- endmacro %}
