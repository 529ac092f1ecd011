"""The lake: raw data as Parquet partitioned by office and month, for a distributed engine (Spark).

DuckDB stays the default engine; ``CITRA_ENGINE=spark`` makes ingestion also write the lake
(``raw.py``) and dbt build the models on Spark from it, after which the marts are copied into
the DuckDB warehouse (``marts.py``) so quality rules, the report and serving read them as always.
See docs/scale.md.
"""
