{#- Fails with every row for which the boolean SQL expression is false or null. -#}
{% test expression_is_true(model, expression) %}
with violations as (
    select * from {{ model }}
    where not coalesce({{ expression }}, false)
)

select * from violations
{% endtest %}
