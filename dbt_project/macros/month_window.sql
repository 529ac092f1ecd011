{#- The month window of an incremental run: dbt vars month_start and month_end, first days of
    WITA months, half-open [month_start, month_end). Without them every month is built.
    Dagster passes the window as environment variables CITRA_MONTH_START / CITRA_MONTH_END
    instead: a new --vars value makes dbt re-parse the whole project (several seconds). The
    variables are read only when dbt executes (`execute`), never while it parses: an environment
    variable read at parse time is recorded in the parse state, and a new value would make dbt
    re-parse every model that calls this macro on every build. What a model's SQL does at parse
    time does not matter: dbt only resolves ref() and config() then. -#}
{% macro month_window() %}
    {%- set start = var('month_start', none) -%}
    {%- set end = var('month_end', none) -%}
    {%- if execute and start is none and end is none -%}
        {%- set start = env_var('CITRA_MONTH_START', '') or none -%}
        {%- set end = env_var('CITRA_MONTH_END', '') or none -%}
    {%- endif -%}
    {%- if start is none and end is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- for value in [start, end] -%}
        {%- set text = value | string -%}
        {%- if value is none or text | length != 10 or text[4] != '-' or text[7:] != '-01'
              or not (text[:4] ~ text[5:7]).isdigit() -%}
            {{ exceptions.raise_compiler_error(
                "vars month_start and month_end must both be first days of a month (YYYY-MM-01), got "
                ~ start ~ " and " ~ end ~ "; e.g. --vars '{month_start: 2025-10-01, month_end: 2025-11-01}'") }}
        {%- endif -%}
    {%- endfor -%}
    {%- if start >= end -%}
        {{ exceptions.raise_compiler_error("month_start " ~ start ~ " must come before month_end " ~ end) }}
    {%- endif -%}
    {{ return({'start': start | string, 'end': end | string}) }}
{% endmacro %}

{#- Rows whose instant falls in the window, months cut in Asia/Makassar. -#}
{% macro in_month_window_instant(column) %}
    {%- set window = month_window() -%}
    {%- if window is none -%}
        true
    {%- else -%}
        {{ column }} >= {{ wita_instant(window.start ~ ' 00:00:00') }}
        and {{ column }} < {{ wita_instant(window.end ~ ' 00:00:00') }}
    {%- endif -%}
{% endmacro %}

{#- Rows whose month (a WITA month's first day) falls in the window, optionally starting
    `lookback` months earlier (month-over-month changes need the previous month). -#}
{% macro in_month_window(column, lookback=0) %}
    {%- set window = month_window() -%}
    {%- if window is none -%}
        true
    {%- else -%}
        {{ column }} >= cast(date '{{ window.start }}' - interval {{ lookback }} month as date)
        and {{ column }} < date '{{ window.end }}'
    {%- endif -%}
{% endmacro %}
