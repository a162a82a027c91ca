"""End-to-end ingestion: throughput against bare parsing, and peak memory of a large ingest.

    python bench/pg.py python bench/ingest.py throughput [--repeats 3]
    python bench/ingest.py rss [--scale 1] [--workers 2]        # 10,000 articles

``throughput`` ingests the PolNEAR dev texts (``../shared/eval/polnear-dev/*.txt``, read at
run time; skipped with a message when absent) into a fresh SQLite file and, when
CLAIMDB_BENCH_POSTGRES_URL names a server (``bench/pg.py`` starts one), a fresh PostgreSQL
database, with 1 and 2 workers, in the same process as a bare ``nlp.pipe`` over the same
texts with the same loaded pipeline. Ingest here is ``claimdb.ingest.ingest`` exactly as
``claimdb ingest`` runs it (read, skip known texts, extract, one transaction per article,
statistics at the end), minus process start-up and model loading. Rounds are interleaved;
the median is reported.

``rss`` writes a JSONL file of generated articles (300-800 words each, assembled from the
sentences of data/samples, every article distinct) and runs the real ``claimdb ingest`` on
it as a subprocess, sampling the resident memory of the main process and of each worker
every 0.2 s from /proc. The peak of the sum over all the processes is the figure to read.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from machine import DEV_TEXTS, cpu_seconds, describe, dev_texts, parallel_efficiency  # bench/ is on sys.path

ROOT = Path(__file__).resolve().parent.parent
PG_ENV = "CLAIMDB_BENCH_POSTGRES_URL"


# --- throughput ------------------------------------------------------------------------------


def _fresh_postgres(server_url: str, name: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(make_url(server_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def throughput(args: argparse.Namespace) -> int:
    files = dev_texts(args.texts, args.scale)
    if not files:
        return 0

    from claimdb.db.engine import open_database
    from claimdb.extract import Extractor
    from claimdb.ingest import Added, Totals, ingest
    from claimdb.settings import database_url
    from claimdb.sources import read_inputs
    from claimdb.topics import load_taxonomy

    extractor = Extractor.load()
    taxonomy = load_taxonomy()
    texts = [f.read_text(encoding="utf-8") for f in files]
    paths = [str(f) for f in files]
    tmp = Path(tempfile.mkdtemp(prefix="claimdb-bench-ingest."))
    pg = os.environ.get(PG_ENV)
    backends = ["sqlite"] + (["postgresql"] if pg else [])
    counter = iter(range(10_000))

    def bare(n: int) -> None:
        for _ in extractor.nlp.pipe(texts, batch_size=16, n_process=n):
            pass

    def run_ingest(backend: str, workers: int) -> None:
        i = next(counter)
        url = (
            database_url(str(tmp / f"run{i}.sqlite"))
            if backend == "sqlite"
            else _fresh_postgres(pg or "", f"claimdb_bench_ingest_{i}")
        )
        engine = open_database(url)  # migrating the empty database is not timed
        c, t = cpu_seconds(), time.perf_counter()
        totals = Totals()
        for outcome in ingest(
            engine, read_inputs(paths), extractor=extractor, taxonomy=taxonomy, workers=workers
        ):
            totals.count(outcome)
        elapsed = time.perf_counter() - t
        cpu.setdefault(f"ingest {backend} w{workers}", []).append(cpu_seconds() - c)
        engine.dispose()
        if totals.added != len(paths) or not isinstance(outcome, Added):
            raise SystemExit(f"ingest stored {totals.added} of {len(paths)} articles")
        timings.setdefault(f"ingest {backend} w{workers}", []).append(elapsed)

    timings: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    for w in (1, args.workers):
        bare(w)  # warm-up
    probes = [parallel_efficiency()]
    for r in range(args.repeats):
        for w in (1, args.workers):
            c, t = cpu_seconds(), time.perf_counter()
            bare(w)
            timings.setdefault(f"bare nlp.pipe n_process={w}", []).append(time.perf_counter() - t)
            cpu.setdefault(f"bare nlp.pipe n_process={w}", []).append(cpu_seconds() - c)
            for backend in backends:
                run_ingest(backend, w)
        print(
            f"round {r + 1}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in timings.items()), file=sys.stderr
        )

    probes.append(parallel_efficiency())
    n = len(texts)
    med = {k: statistics.median(v) for k, v in timings.items()}
    best = {k: min(v) for k, v in timings.items()}
    med_cpu = {k: statistics.median(v) for k, v in cpu.items()}
    bare1 = "bare nlp.pipe n_process=1"
    print(
        f"\n{n} texts, {sum(map(len, texts)):,} characters, median of {args.repeats} rounds; load average "
        f"{os.getloadavg()}; parallel-efficiency probe {probes[0]:.2f} before, {probes[1]:.2f} after"
    )
    print(
        "| run | median s | best s | articles/s | vs bare parse, 1 process (best rounds) "
        "| vs bare parse, same processes | CPU s | CPU vs bare-1 CPU |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for k, v in med.items():
        same = f"bare nlp.pipe n_process={k[-1]}"
        print(
            f"| {k} | {v:.2f} | {best[k]:.2f} | {n / v:.2f} "
            f"| {med[bare1] / v:.2f} ({best[bare1] / best[k]:.2f}) "
            f"| {med[same] / v:.2f} | {med_cpu[k]:.1f} | {med_cpu[bare1] / med_cpu[k]:.2f} |"
        )
    if args.json:
        out = {
            "texts": n,
            "timings": timings,
            "cpu": cpu,
            "median": med,
            "parallel_efficiency": probes,
            "machine": describe(),
        }
        args.json.write_text(json.dumps(out, indent=2), "utf-8")
    return 0


# --- peak memory of a large ingest -------------------------------------------------------------


def sample_sentences() -> list[str]:
    sentences: list[str] = []
    for path in sorted((ROOT / "data" / "samples").glob("*.txt")):
        body = path.read_text(encoding="utf-8").split("\n\n", 1)[-1]
        for para in body.split("\n\n"):
            sentences += [s.strip() for s in re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", para) if s.strip()]
    return sentences


def generate_jsonl(path: Path, n: int, seed: int) -> int:
    """n distinct articles of 300-800 words; returns the total word count."""
    rng = random.Random(seed)
    sentences = sample_sentences()
    words = 0
    start = 738000  # 2021-07-27 as a proleptic ordinal; dates spread over the next five years
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            target = rng.randint(300, 800)
            paragraphs, count = [], 0
            while count < target:
                para = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))
                paragraphs.append(para)
                count += len(para.split())
            title = f"{rng.choice(sentences)[:80]} ({i + 1})"
            published = time.strftime("%Y-%m-%d", time.gmtime((start + rng.randrange(1800) - 719163) * 86400))
            text = title + "\n\n" + "\n\n".join(paragraphs)
            out.write(
                json.dumps({"title": title, "text": text, "source": "Bench Wire", "published": published})
            )
            out.write("\n")
            words += count
    return words


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="utf-8").split()
    except OSError:
        return []
    kids = [int(p) for p in found]
    return kids + [g for k in kids for g in _children(k)]


def rss(args: argparse.Namespace) -> int:
    n = max(10, round(10_000 * args.scale))
    tmp = Path(tempfile.mkdtemp(prefix="claimdb-bench-rss."))
    corpus = tmp / "articles.jsonl"
    words = generate_jsonl(corpus, n, args.seed)
    db = args.db or str(tmp / "rss.sqlite")
    print(
        f"{n:,} articles, {words:,} words ({corpus.stat().st_size / 1e6:.0f} MB) in {corpus}", file=sys.stderr
    )
    cmd = [
        str(Path(sys.executable).with_name("claimdb")),
        "ingest",
        str(corpus),
        "--db",
        db,
        "--workers",
        str(args.workers),
        "--no-progress",
    ]
    peaks: dict[str, int] = {"main": 0, "workers (largest)": 0, "all processes": 0}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            main_kb = _rss_kb(proc.pid)
            kids = [_rss_kb(k) for k in _children(proc.pid)]
            peaks["main"] = max(peaks["main"], main_kb)
            peaks["workers (largest)"] = max([peaks["workers (largest)"], *kids])
            peaks["all processes"] = max(peaks["all processes"], main_kb + sum(kids))
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, err = proc.communicate()
    done.set()
    watcher.join()
    elapsed = time.perf_counter() - t0
    print(err.strip().splitlines()[-1] if err.strip() else "(no summary)")
    print(
        f"{n:,} articles in {elapsed:.0f} s = {n / elapsed:.1f} articles/s with --workers {args.workers} "
        f"(model loading included); exit {proc.returncode}"
    )
    for k, kb in peaks.items():
        print(f"peak RSS {k}: {kb / 1024:.0f} MB")
    if args.json:
        out = {
            "articles": n,
            "words": words,
            "seconds": elapsed,
            "workers": args.workers,
            "peak_rss_mb": {k: v / 1024 for k, v in peaks.items()},
        }
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
    return proc.returncode


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    t = sub.add_parser("throughput", help="ingest articles/s vs bare parse rate, SQLite and PostgreSQL")
    t.add_argument("--texts", type=Path, default=DEV_TEXTS)
    t.add_argument("--repeats", type=int, default=3)
    t.add_argument("--workers", type=int, default=2)
    t.add_argument("--scale", type=float, default=1.0, help="fraction of the texts")
    t.add_argument("--json", type=Path)
    r = sub.add_parser("rss", help="peak memory of a claimdb ingest of generated articles")
    r.add_argument("--scale", type=float, default=1.0, help="1 = 10,000 articles")
    r.add_argument("--workers", type=int, default=2)
    r.add_argument("--db", help="database to ingest into (default: a new SQLite file)")
    r.add_argument("--seed", type=int, default=7)
    r.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    return throughput(args) if args.what == "throughput" else rss(args)


if __name__ == "__main__":
    raise SystemExit(main())
