{#- Dialect differences of lists, maps, joins and text, dispatched per adapter. -#}

{#- The `index`-th (1-based) of a fixed list of string literals. -#}
{% macro nth_literal(values, index) -%}
    {{ return(adapter.dispatch('nth_literal', 'citra')(values, index)) }}
{%- endmacro %}

{% macro duckdb__nth_literal(values, index) -%}
    ['{{ values | join("', '") }}'][{{ index }}]
{%- endmacro %}

{% macro spark__nth_literal(values, index) -%}
    element_at(array('{{ values | join("', '") }}'), cast({{ index }} as int))
{%- endmacro %}

{#- An aggregate: a map from `key` to `value` over the group's rows. -#}
{% macro map_agg(key, value) -%}
    {{ return(adapter.dispatch('map_agg', 'citra')(key, value)) }}
{%- endmacro %}

{% macro duckdb__map_agg(key, value) -%}
    map_from_entries(list(struct_pack(k := {{ key }}, v := {{ value }})))
{%- endmacro %}

{% macro spark__map_agg(key, value) -%}
    map_from_entries(collect_list(struct({{ key }} as k, {{ value }} as v)))
{%- endmacro %}

{#- The keyword of an anti join (rows of the left side without a match on the right). -#}
{% macro anti_join() -%}
    {{ return(adapter.dispatch('anti_join', 'citra')()) }}
{%- endmacro %}

{% macro duckdb__anti_join() -%}
    anti join
{%- endmacro %}

{% macro spark__anti_join() -%}
    left anti join
{%- endmacro %}

{#- Every run of whitespace in `text` replaced by one space. RE2's \s is [\t\n\f\r ]; Java's also
    takes \x0B, so Spark spells the class out to match DuckDB exactly. -#}
{% macro collapse_whitespace(text) -%}
    {{ return(adapter.dispatch('collapse_whitespace', 'citra')(text)) }}
{%- endmacro %}

{% macro duckdb__collapse_whitespace(text) -%}
    regexp_replace({{ text }}, '\s+', ' ', 'g')
{%- endmacro %}

{% macro spark__collapse_whitespace(text) -%}
    regexp_replace({{ text }}, '[\\t\\n\\f\\r ]+', ' ')
{%- endmacro %}

{#- Every column of `relation` (a CTE or table alias, or all of the from clause) but `columns`. -#}
{% macro star_except(columns, relation=none) -%}
    {{ return(adapter.dispatch('star_except', 'citra')(columns, relation)) }}
{%- endmacro %}

{% macro duckdb__star_except(columns, relation) -%}
    {{ relation ~ '.' if relation }}* exclude ({{ columns | join(', ') }})
{%- endmacro %}

{% macro spark__star_except(columns, relation) -%}
    {{ relation ~ '.' if relation }}* except ({{ columns | join(', ') }})
{%- endmacro %}

{#- The SHA-256 of a text as 64 lowercase hex digits (null for null). -#}
{% macro sha256_hex(text) -%}
    {{ return(adapter.dispatch('sha256_hex', 'citra')(text)) }}
{%- endmacro %}

{% macro duckdb__sha256_hex(text) -%}
    sha256({{ text }})
{%- endmacro %}

{% macro spark__sha256_hex(text) -%}
    sha2({{ text }}, 256)
{%- endmacro %}

{#- The text at a JSON path (`$.key`) of a JSON text, null when absent. -#}
{% macro json_text(json, path) -%}
    {{ return(adapter.dispatch('json_text', 'citra')(json, path)) }}
{%- endmacro %}

{% macro duckdb__json_text(json, path) -%}
    json_extract_string({{ json }}, '{{ path }}')
{%- endmacro %}

{% macro spark__json_text(json, path) -%}
    get_json_object({{ json }}, '{{ path }}')
{%- endmacro %}
