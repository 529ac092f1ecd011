#!/usr/bin/env bash
# Open the published serving file with a DuckDB 1.x client, as BI drivers (Metabase, DBeaver
# JDBC, older duckdb_engine installs) still ship one. Uses a throwaway venv, never .venv.
#   scripts/check_serving_compat.sh [SERVING_FILE] [DUCKDB_VERSION]
# SERVING_FILE defaults to $CITRA_HOME/serving/citra.duckdb (CITRA_HOME defaults to ./data).
set -euo pipefail

file="${1:-${CITRA_HOME:-data}/serving/citra.duckdb}"
version="${2:-1.1.3}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
venv="$(mktemp -d)/duckdb-${version}"
trap 'rm -rf "$(dirname "$venv")"' EXIT

test -f "$file" || { echo "no serving file at $file: run citra build first" >&2; exit 2; }
if [ -x "$repo/.venv/bin/uv" ]; then
  "$repo/.venv/bin/uv" venv --quiet --python "$repo/.venv/bin/python" "$venv"
  "$repo/.venv/bin/uv" pip install --quiet --python "$venv/bin/python" "duckdb==${version}"
else
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet "duckdb==${version}"
fi

"$venv/bin/python" - "$file" <<'PY'
import sys

import duckdb

con = duckdb.connect(sys.argv[1], read_only=True)
tables = con.execute(
    "select table_name, estimated_size from duckdb_tables() where schema_name = 'marts' order by table_name"
).fetchall()
commented = con.execute(
    "select count(*) from duckdb_columns() where schema_name = 'marts' and comment is not null"
).fetchall()[0][0]
shares = con.execute(
    """select month, issue, share_of_voice from marts.mart_issue_sentiment_monthly
       where month >= (select max(month) from marts.mart_issue_sentiment_monthly) - interval 11 month
       order by month, issue limit 3"""
).fetchall()
print(f"duckdb {duckdb.__version__} opened {sys.argv[1]}: {len(tables)} marts tables, {commented} column comments")
for name, rows in tables:
    print(f"  marts.{name}: ~{rows} rows")
print(f"  sample dashboard rows: {shares}")
PY
