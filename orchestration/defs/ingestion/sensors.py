"""Landing sensor: start a build when new exports have finished arriving in ``landing/``.

A file counts as arrived when its size and modification time did not change between two
ticks (a browser or a file share may still be writing it), or, at first sight, when it was last
written ``SETTLE_SECONDS`` ago or more (a finished ``cp -p`` or a file moved in whole). Its content hash is then looked up
in the warehouse's registry (``raw.ingest_files``): an export already ingested, under this name
or another, starts nothing, so opening the UI after ``make demo`` starts no run. The run key is
the hash of the new files, so the same drop never starts a second run either.
"""

import hashlib
import json
import time
from pathlib import Path

import dagster as dg
import duckdb

from ingestion.landing import content_hash, list_landing_files
from ingestion.memory import open_read_only
from orchestration.jobs import BUILD_JOB_NAME
from orchestration.resources import CitraHome

# How often the daemon looks at landing/. A file still being written is requested on the first
# tick after it stopped changing (at most 2 ticks after its last write); a file that arrives
# whole (its last write SETTLE_SECONDS or more ago) on the tick that first sees it. With the
# run's own start-up (a few seconds) and a small export's build, an export reaches serving/
# within a minute of its drop (docs/benchmarks.md measures it).
TICK_SECONDS = 5
SETTLE_SECONDS = 5.0


def plan_tick(
    previous: dict[str, list], current: dict[str, list], now: float, settle_seconds: float = SETTLE_SECONDS
) -> tuple[dict[str, list], list[str]]:
    """Pure core of the sensor: the new cursor and the names of files that just became stable.

    ``current`` maps names to ``[size, mtime]`` and ``now`` is the tick's time (epoch seconds).
    A file is stable when its size and mtime are those of the previous tick, or when it is new
    or changed but was last written ``settle_seconds`` before ``now``. Cursor entries are
    ``name -> [size, mtime, hash or None]``; a hash is filled in once the file is stable and
    settled (new, or known to the registry), and a file with a hash is never requested again
    until it changes.
    """
    cursor: dict[str, list] = {}
    stable: list[str] = []
    for name, (size, mtime) in current.items():
        before = previous.get(name)
        if before and before[:2] == [size, mtime]:
            cursor[name] = before
            if before[2] is None:
                stable.append(name)
        else:
            cursor[name] = [size, mtime, None]
            if now - mtime >= settle_seconds:
                stable.append(name)
    return cursor, stable


def ingested_hashes(warehouse: Path, hashes: list[str]) -> set[str] | None:
    """Which of ``hashes`` the registry already holds (loaded or quarantined); None while a
    build holds the warehouse, so the files are looked at again on the next tick."""
    if not hashes or not warehouse.exists():
        return set()
    try:
        with open_read_only(warehouse) as con:
            if not con.execute(
                "select count(*) from duckdb_tables() where schema_name = 'raw' and table_name = 'ingest_files'"
            ).fetchall()[0][0]:
                return set()
            rows = con.execute("select file_id from raw.ingest_files where list_contains(?, file_id)", [hashes])
            return {row[0] for row in rows.fetchall()}
    except duckdb.IOException:
        return None


def run_key(hashes: list[str]) -> str:
    """One file: its hash (so a renamed copy maps to the same run); several: a hash of hashes."""
    return hashes[0] if len(hashes) == 1 else hashlib.sha256("".join(sorted(hashes)).encode()).hexdigest()


@dg.sensor(
    job_name=BUILD_JOB_NAME,
    minimum_interval_seconds=TICK_SECONDS,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Builds the warehouse when new exports in landing/ have stopped growing "
    "(files already in raw.ingest_files, under any name, start nothing).",
)
def landing_sensor(context: dg.SensorEvaluationContext, citra: CitraHome):
    files = {f.name: f for f in list_landing_files(citra.root / "landing")}
    previous = json.loads(context.cursor) if context.cursor else {}
    cursor, stable = plan_tick(previous, {n: [f.size_bytes, f.mtime] for n, f in files.items()}, time.time())
    hashes = {name: content_hash(files[name].path) for name in stable}
    known = ingested_hashes(citra.warehouse, sorted(set(hashes.values())))
    if known is None:
        context.update_cursor(json.dumps(cursor))
        return dg.SkipReason("a build holds the warehouse; new files are looked at on the next tick")
    for name, digest in hashes.items():
        cursor[name][2] = digest
    context.update_cursor(json.dumps(cursor))
    new = {name: digest for name, digest in hashes.items() if digest not in known}
    if not new:
        if hashes:
            return dg.SkipReason(f"{len(hashes)} file(s) stopped growing, all already in raw.ingest_files")
        return dg.SkipReason("no new or changed export has finished arriving in landing/")
    names = ", ".join(sorted(new))
    return dg.RunRequest(run_key=run_key(sorted(set(new.values()))), tags={"citra/new_files": names[:1000]})
