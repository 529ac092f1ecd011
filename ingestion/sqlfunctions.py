"""DuckDB macros and lookup tables that the normalizing query relies on.

They live in the connection (temp objects), so the warehouse holds no Citra-specific
functions that a BI tool would trip over.
"""

from __future__ import annotations

import duckdb

from ingestion.dates import MACROS as DATE_MACROS
from ingestion.profiles import media_types, platform_domains, sentiment_labels

NULL_TOKENS = ["", "-", "--", "undefined", "n/a", "na", "null", "none", "#n/a"]

# Counts as vendors write them: 1,234 | 1.234 (id) | 1.234,5 | 3423.0 | 1.2K | 2,5 rb | 3 jt.
# citra_count returns NULL for blanks and null tokens, NaN for text that is not a number
# (the row is then rejected). Split into small macros because DuckDB macros have no locals.
MACROS = [
    r"""create or replace temp macro citra_num_clean(raw) as
        lower(replace(replace(trim(raw), ' ', ''), chr(160), ''))""",
    r"""create or replace temp macro citra_num_mult(v) as
        case regexp_extract(v, '^[+-]?[0-9.,]+([a-z]*)$', 1)
          when '' then 1 when 'k' then 1e3 when 'rb' then 1e3 when 'ribu' then 1e3
          when 'm' then 1e6 when 'jt' then 1e6 when 'juta' then 1e6 when 'mn' then 1e6
          when 'b' then 1e9 when 'bn' then 1e9 when 'miliar' then 1e9 end""",
    r"""create or replace temp macro citra_num_decimal(m, locale) as try_cast(
        case
          when regexp_matches(m, '^[+-]?[0-9]{1,3}([.][0-9]{3})+,[0-9]+$') then replace(replace(m, '.', ''), ',', '.')
          when regexp_matches(m, '^[+-]?[0-9]{1,3}(,[0-9]{3})+[.][0-9]+$') then replace(m, ',', '')
          when regexp_matches(m, '^[+-]?[0-9]{1,3}(,[0-9]{3}){2,}$') then replace(m, ',', '')
          when regexp_matches(m, '^[+-]?[0-9]{1,3}([.][0-9]{3}){2,}$') then replace(m, '.', '')
          when locale = 'en' and regexp_matches(m, '^[+-]?[0-9]{1,3}(,[0-9]{3})+$') then replace(m, ',', '')
          when locale = 'id' and regexp_matches(m, '^[+-]?[0-9]{1,3}([.][0-9]{3})+$') then replace(m, '.', '')
          else replace(m, ',', '.')
        end as double)""",
    r"""create or replace temp macro citra_count(raw, locale) as
        case
          when regexp_full_match(raw, '[0-9]{1,18}') then raw::bigint::double
          when raw is null or list_contains(getvariable('citra_null_tokens'), lower(trim(raw))) then null
          else coalesce(
            citra_num_decimal(regexp_extract(citra_num_clean(raw), '^([+-]?[0-9.,]+)[a-z]*$', 1), locale)
              * citra_num_mult(citra_num_clean(raw)),
            'NaN'::double)
        end""",
    # Indonesian month names and abbreviations to English, so strptime's %b / %B read them.
    r"""create or replace temp macro citra_month_en(s) as
        regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        regexp_replace(regexp_replace(s,
          '\bjanuari\b', 'January', 'gi'), '\bfebruari\b', 'February', 'gi'),
          '\bmaret\b', 'March', 'gi'), '\bmei\b', 'May', 'gi'),
          '\bjuni\b', 'June', 'gi'), '\bjuli\b', 'July', 'gi'),
          '\bagustus\b', 'August', 'gi'), '\boktober\b', 'October', 'gi'),
          '\bdesember\b', 'December', 'gi'), '\bokt\b', 'Oct', 'gi'),
          '\b(agu|agt|ags)\b', 'Aug', 'gi'), '\bdes\b', 'Dec', 'gi')""",
]


def prepare_connection(con: duckdb.DuckDBPyConnection) -> None:
    """Install the macros and lookup tables used by ``ingestion.normalize``."""
    con.execute("set variable citra_null_tokens = ?::varchar[]", [NULL_TOKENS])
    for macro in MACROS + DATE_MACROS:
        con.execute(macro)
    lookups = {
        "_sentiment_map": ("label", "sentiment", sentiment_labels()),
        "_platform_domains": ("domain", "platform", platform_domains()),
        "_media_types": ("label", "media_type", media_types()),
    }
    for table, (key, value, mapping) in lookups.items():
        con.execute(f"create or replace temp table {table} ({key} varchar, {value} varchar)")
        con.executemany(f"insert into {table} values (?, ?)", list(mapping.items()))
