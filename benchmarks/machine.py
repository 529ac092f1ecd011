"""What the benchmarks run on, and a timed child process with its CPU time and peak memory.

Peak memory is the largest sum of the resident memory of the child and all its descendants
(`citra build` and the dbt process it starts), sampled every 0.1 s from /proc.
"""

from __future__ import annotations

import os
import platform
import resource
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


def machine() -> str:
    """`2 cores (nproc), AMD EPYC ..., 23.4 GiB RAM, load 1.20 0.90 0.80`."""
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores (nproc), {model}, {ram:.1f} GiB RAM, {load()}"


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def _tree_rss(pid: int) -> tuple[int, int]:
    """Resident bytes of ``pid`` and its descendants, and of the largest one (0 once gone)."""
    total, largest, todo = 0, 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            rss = next(int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmRSS:"))
            total, largest = total + rss, max(largest, rss)
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total, largest


@dataclass(frozen=True)
class Timed:
    seconds: float
    cpu_seconds: float  # user + system of the child and its descendants
    peak_mb: float  # the process tree together
    returncode: int
    output: str
    largest_process_mb: float = 0.0  # the largest single process


def timed(args: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Timed:
    """Run ``args`` to completion; wall seconds, CPU seconds, peak memory of the process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(
        args, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True
    )
    peak = [0, 0]

    def sample() -> None:
        while proc.poll() is None:
            total, largest = _tree_rss(proc.pid)
            peak[0], peak[1] = max(peak[0], total), max(peak[1], largest)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = proc.communicate()[0]
    seconds = time.perf_counter() - started
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timed(seconds, cpu, peak[0] / 2**20, proc.returncode, output, peak[1] / 2**20)


def free_gb(path: Path) -> float:
    return shutil.disk_usage(path).free / 1e9
