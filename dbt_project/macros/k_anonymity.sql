{#- The k of the marts' k-anonymity rule: a value that describes fewer than k distinct people
    (zero included) is published as null with suppressed = true. dbt var `k_anonymity`
    (dbt_project.yml, default 5); below 5 is refused, as UU 27/2022 asks that no report single
    anyone out. See docs/amplification.md. -#}
{% macro k_anonymity() %}
    {%- set value = var('k_anonymity', 5) -%}
    {%- set text = value | string | trim -%}
    {%- if not text.isdigit() or text | int < 5 -%}
        {{ exceptions.raise_compiler_error(
            "dbt var k_anonymity is '" ~ value ~ "' (dbt_project.yml, vars): it must be a whole number of at least 5, "
            ~ "so that no published value describes fewer than 5 people (UU 27/2022); see docs/amplification.md") }}
    {%- endif -%}
    {{ return(text | int) }}
{% endmacro %}
