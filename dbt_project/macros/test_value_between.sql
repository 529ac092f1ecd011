{#- Fails with every row whose column lies outside [min_value, max_value]; nulls pass. -#}
{% test value_between(model, column_name, min_value, max_value) %}
with out_of_range as (
    select * from {{ model }}
    where {{ column_name }} < {{ min_value }}
       or {{ column_name }} > {{ max_value }}
)

select * from out_of_range
{% endtest %}
