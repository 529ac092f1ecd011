{#- How the month-incremental models (fct_mentions, mart_issue_sentiment_monthly) replace the
    months a run rebuilds: DuckDB deletes those months and inserts them again; Spark writes a
    Parquet table partitioned by month and overwrites the partitions of the run (no Delta Lake,
    nothing to download). Either way a rerun of a month is idempotent. -#}
{% macro month_incremental_config() -%}
    {{ return(adapter.dispatch('month_incremental_config', 'citra')()) }}
{%- endmacro %}

{% macro duckdb__month_incremental_config() -%}
    {{ return({'incremental_strategy': 'delete+insert', 'unique_key': 'month'}) }}
{%- endmacro %}

{% macro spark__month_incremental_config() -%}
    {{ return({'incremental_strategy': 'insert_overwrite', 'partition_by': ['month'], 'file_format': 'parquet'}) }}
{%- endmacro %}
