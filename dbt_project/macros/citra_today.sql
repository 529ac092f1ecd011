{#- The day Citra judges "now" at (a hoax's status): CITRA_TODAY (YYYY-MM-DD) when set, as
    ingestion/clock.py reads it, else today's date in WITA. -#}
{% macro citra_today() -%}
    {%- set pinned = env_var('CITRA_TODAY', '') | trim -%}
    {%- if pinned -%}
        cast('{{ pinned }}' as date)
    {%- else -%}
        cast({{ to_wita('current_timestamp') }} as date)
    {%- endif -%}
{%- endmacro %}
