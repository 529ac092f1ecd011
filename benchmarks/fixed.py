"""`--only fixed`: what a small `citra build` costs on a warm home, this checkout beside another.

For each checkout (this one and, with `--against PATH`, another one with its own `.venv`, e.g.
main's worktree, used read-only): a home built once from a 1,000-row export (as the goal table's
warm homes, `goals.warm_home`), then `--repeats` rounds of two builds, the checkouts alternated in
each round so both see the same machine load:
- **small drop**: a 10,000-row Meltwater export of one month (December 2025) dropped into
  landing/media/ (new mentions: every mart of that month, the rapor's too, has to change);
- **no rapor input**: a one-row press-release sheet dropped into landing/releases/ (a build runs,
  and nothing the scorecard's models read changes; a hoax register would not do: each registered
  hoax raises an alert, which the rapor reads).
Each build prints its wall and CPU seconds and every step's seconds from its run summary.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.goals import STEP_LINE, relabel, steps
from benchmarks.ingest import write_export
from benchmarks.machine import Timed, load, machine, timed
from orchestration.settings import REPO_ROOT

KINDS = ("small drop", "no rapor input")


def build(checkout: Path, home: Path) -> Timed:
    """`citra build` of ``checkout`` (its own .venv and code) on ``home``, in its own process."""
    env = {**os.environ, "CITRA_HOME": str(home), "DAGSTER_HOME": str(home / "dagster")}
    env.pop("CITRA_WAREHOUSE", None)
    result = timed([str(checkout / ".venv" / "bin" / "citra"), "build"], env=env, cwd=checkout)
    if result.returncode != 0:
        raise RuntimeError(f"citra build of {checkout} failed in {home}:\n{result.output[-3000:]}")
    return result


def step_seconds(result: Timed, name: str) -> float | None:
    for line in result.output.splitlines():
        found = STEP_LINE.match(line)
        if found and found[1] == name:
            return float(found[2])
    return None


def main(against: Path | None = None, repeats: int = 3) -> None:
    work = Path(tempfile.mkdtemp(prefix="citra-fixed-"))
    print(f"Fixed-cost benchmark, {time.strftime('%Y-%m-%d %H:%M %Z')}: {machine()}", flush=True)
    export = work / "meltwater_10000.csv"
    write_export(export, 10_000, utf16=False)
    checkouts = {"this checkout": REPO_ROOT, **({f"{against}": against} if against else {})}
    homes: dict[str, Path] = {}
    for name, checkout in checkouts.items():
        home = work / f"home{len(homes)}"
        (home / "landing" / "media").mkdir(parents=True)
        relabel(export, home / "landing" / "media" / "warmup.csv", "wu", rows=1000)
        cold = build(checkout, home)
        print(f"  {name}: cold start {cold.seconds:.1f} s [{steps(cold)}]", flush=True)
        homes[name] = home
    results: dict[tuple[str, str], list[Timed]] = {}
    for round_ in range(repeats):
        for kind in KINDS:
            for name, checkout in checkouts.items():
                home = homes[name]
                if kind == "small drop":
                    target = home / "landing" / "media" / f"drop{round_}.csv"
                    relabel(export, target, f"d{round_}", month="Dec")
                else:
                    target = home / "landing" / "releases" / f"rilis_{round_}.csv"
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(
                        "published_at,title,lead,url,agency\n"
                        f"2025-12-0{round_ + 1} 10:00,Rilis nomor {round_},Layanan nomor {round_} dibuka,"
                        f"https://diskominfo.kalselprov.example/rilis-{round_},diskominfo_kalsel\n",
                        encoding="utf-8",
                    )
                result = build(checkout, home)
                results.setdefault((name, kind), []).append(result)
                print(
                    f"  round {round_ + 1}, {kind}, {name}: {result.seconds:.1f} s (cpu {result.cpu_seconds:.1f} s), "
                    f"{load()} [{steps(result)}]",
                    flush=True,
                )
    print("\n| build | checkout | wall s (median of runs) | CPU s | scorecard dbt step s | runs |")
    print("|---|---|---:|---:|---:|---|")
    for kind in KINDS:
        for name in checkouts:
            runs = results[(name, kind)]
            scorecard = [step_seconds(r, "citra_scorecard_models") for r in runs]
            print(
                f"| {kind} | {name} | {statistics.median(r.seconds for r in runs):.1f} | "
                f"{statistics.median(r.cpu_seconds for r in runs):.1f} | "
                f"{statistics.median(s for s in scorecard if s is not None):.1f} | "
                f"{', '.join(f'{r.seconds:.1f}' for r in runs)} |",
                flush=True,
            )
