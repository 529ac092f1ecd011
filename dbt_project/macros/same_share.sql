{#- True when two shares agree: both null, or within 1e-9 (they are divisions of counts). -#}
{% macro same_share(actual, expected) -%}
    coalesce(abs({{ actual }} - {{ expected }}) <= 1e-9, {{ actual }} is null and {{ expected }} is null)
{%- endmacro %}
