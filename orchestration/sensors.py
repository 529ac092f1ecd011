"""Landing sensor: start a build when new exports have finished arriving in ``landing/``.

A file counts as arrived when its size and modification time did not change between two
ticks (a browser or a file share may still be writing it). The run key is the content hash,
so the same export, dropped again or renamed, never starts a second run.
"""

import hashlib
import json

import dagster as dg

from ingestion.landing import content_hash, list_landing_files
from orchestration.jobs import build_job
from orchestration.resources import CitraHome


def plan_tick(previous: dict[str, list], current: dict[str, list]) -> tuple[dict[str, list], list[str]]:
    """Pure core of the sensor: the new cursor and the names of files that just became stable.

    Cursor entries are ``name -> [size, mtime, hash or None]``; a hash is filled in once the
    file is stable, and a file with a hash is never requested again until it changes.
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
    return cursor, stable


@dg.sensor(
    job=build_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Builds the warehouse when new exports in landing/ have stopped growing.",
)
def landing_sensor(context: dg.SensorEvaluationContext, citra: CitraHome):
    files = {f.name: f for f in list_landing_files(citra.root / "landing")}
    previous = json.loads(context.cursor) if context.cursor else {}
    cursor, stable = plan_tick(previous, {n: [f.size_bytes, f.mtime] for n, f in files.items()})
    hashes = []
    for name in stable:
        cursor[name][2] = content_hash(files[name].path)
        hashes.append(cursor[name][2])
    context.update_cursor(json.dumps(cursor))
    if not hashes:
        return dg.SkipReason("no new or changed export has finished arriving in landing/")
    run_key = hashes[0] if len(hashes) == 1 else hashlib.sha256("".join(sorted(hashes)).encode()).hexdigest()
    names = ", ".join(sorted(stable))
    return dg.RunRequest(run_key=run_key, tags={"citra/new_files": names[:1000]})
