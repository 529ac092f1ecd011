{#- Dialect differences of time, dispatched per adapter (duckdb__ and spark__). Both sessions
    run in UTC (profiles.yml); the Spark forms do not rely on it: they convert from the
    session's own zone (current_timezone()). Days and months are cut in WITA. -#}

{#- An instant (timestamptz) as wall-clock time in Asia/Makassar (a naive timestamp). -#}
{% macro to_wita(instant) -%}
    {{ return(adapter.dispatch('to_wita', 'citra')(instant)) }}
{%- endmacro %}

{% macro duckdb__to_wita(instant) -%}
    timezone('Asia/Makassar', {{ instant }})
{%- endmacro %}

{% macro spark__to_wita(instant) -%}
    convert_timezone(current_timezone(), 'Asia/Makassar', cast({{ instant }} as timestamp_ntz))
{%- endmacro %}

{#- A wall-clock literal 'YYYY-MM-DD HH:MM:SS' in Asia/Makassar as an instant. -#}
{% macro wita_instant(wall_clock) -%}
    {{ return(adapter.dispatch('wita_instant', 'citra')(wall_clock)) }}
{%- endmacro %}

{% macro duckdb__wita_instant(wall_clock) -%}
    timezone('Asia/Makassar', timestamp '{{ wall_clock }}')
{%- endmacro %}

{% macro spark__wita_instant(wall_clock) -%}
    cast(convert_timezone('Asia/Makassar', current_timezone(), timestamp_ntz '{{ wall_clock }}') as timestamp)
{%- endmacro %}

{#- The first day of the month of a date or a wall-clock timestamp, as a date. -#}
{% macro month_of(expression) -%}
    {{ return(adapter.dispatch('month_of', 'citra')(expression)) }}
{%- endmacro %}

{% macro duckdb__month_of(expression) -%}
    cast(date_trunc('month', {{ expression }}) as date)
{%- endmacro %}

{% macro spark__month_of(expression) -%}
    trunc(cast({{ expression }} as date), 'MM')
{%- endmacro %}

{#- One row per date from `first` to `last` (dates, inclusive) in steps of one `unit` (day or
    month): a set-returning expression for the select list. -#}
{% macro date_series(first, last, unit) -%}
    {{ return(adapter.dispatch('date_series', 'citra')(first, last, unit)) }}
{%- endmacro %}

{% macro duckdb__date_series(first, last, unit) -%}
    cast(unnest(generate_series(cast({{ first }} as timestamp), cast({{ last }} as timestamp), interval 1 {{ unit }})) as date)
{%- endmacro %}

{% macro spark__date_series(first, last, unit) -%}
    explode(sequence(cast({{ first }} as date), cast({{ last }} as date), interval 1 {{ unit }}))
{%- endmacro %}

{#- ISO day of the week (Monday 1 to Sunday 7) as a bigint. -#}
{% macro iso_day_of_week(day) -%}
    {{ return(adapter.dispatch('iso_day_of_week', 'citra')(day)) }}
{%- endmacro %}

{% macro duckdb__iso_day_of_week(day) -%}
    isodow({{ day }})
{%- endmacro %}

{% macro spark__iso_day_of_week(day) -%}
    cast(extract(dayofweek_iso from {{ day }}) as bigint)
{%- endmacro %}

{#- The type of an instant (UTC-based, shown in the session's zone). -#}
{% macro instant_type() -%}
    {{ return(adapter.dispatch('instant_type', 'citra')()) }}
{%- endmacro %}

{% macro duckdb__instant_type() -%}
    timestamptz
{%- endmacro %}

{% macro spark__instant_type() -%}
    timestamp
{%- endmacro %}
