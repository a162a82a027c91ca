"""Extraction throughput against its limit: bare ``nlp.pipe`` and the full pipeline, one run.

    python bench/extraction.py [--repeats 5] [--scale 0.25] [--json out.json]

Over the PolNEAR dev texts (``../shared/eval/polnear-dev/*.txt``, read at run time; the
script says so and exits 0 when they are absent), with ONE loaded pipeline
(``claimdb.extract.nlp.load_pipeline``, through ``Extractor.load``), it times:

- bare-1   ``nlp.pipe(texts)``: parsing only, one process: the limit;
- full-1   what ``claimdb extract --format jsonl`` does, minus start-up: read the files,
           ``extract_articles`` (parse + rules), the claimdb-extract/1 object, ``json.dumps``;
- bare-2   ``nlp.pipe(texts, n_process=2)`` (spaCy's own workers, which ship Docs back);
- full-2   the full pipeline with ``workers=2`` (claimdb's workers, which ship back results).

Method: one untimed warm-up pass of each kind, then ``--repeats`` rounds, each round timing
the four in the same order (so slow spells on a shared machine hit them alike); the figures
are the median of the rounds, the best round alongside. Ratios are of throughput (texts/s).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from machine import DEV_TEXTS, cpu_seconds, describe, dev_texts, parallel_efficiency  # bench/ is on sys.path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--texts", type=Path, default=DEV_TEXTS, help=f"folder of .txt files (default {DEV_TEXTS})"
    )
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=16, help="as claimdb extract/ingest use (16)")
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of the texts, for a quick run")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)

    files = dev_texts(args.texts, args.scale)
    if not files:
        return 0

    from claimdb.extract import Extractor
    from claimdb.extract.contract import to_contract
    from claimdb.ingest import extract_articles
    from claimdb.sources import read_inputs

    t0 = time.perf_counter()
    extractor = Extractor.load()  # the pipeline from claimdb.extract.nlp.load_pipeline
    load_s = time.perf_counter() - t0
    nlp = extractor.nlp
    paths = [str(f) for f in files]
    texts = [f.read_text(encoding="utf-8") for f in files]
    chars = sum(map(len, texts))
    tokens = sum(len(doc) for doc in nlp.pipe(texts[:3]))  # also warms the pipeline

    def bare(n: int) -> None:
        for _ in nlp.pipe(texts, batch_size=args.batch_size, n_process=n):
            pass

    def full(n: int) -> None:
        sink = 0
        for result in extract_articles(extractor, read_inputs(paths), workers=n, batch_size=args.batch_size):
            if isinstance(result, tuple):
                article, extraction = result
                sink += len(json.dumps(to_contract(article.origin, extraction)))
            else:
                raise SystemExit(f"cannot read {result}")

    runs: dict[str, Callable[[], None]] = {
        "bare-1": lambda: bare(1),
        "full-1": lambda: full(1),
        f"bare-{args.workers}": lambda: bare(args.workers),
        f"full-{args.workers}": lambda: full(args.workers),
    }
    for name, run in runs.items():  # warm-up: caches, lazy imports, first fork
        print(f"warm-up {name}", file=sys.stderr)
        run()
    probes = [parallel_efficiency()]
    times: dict[str, list[float]] = {name: [] for name in runs}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    for r in range(args.repeats):
        for name, run in runs.items():
            c, t = cpu_seconds(), time.perf_counter()
            run()
            times[name].append(time.perf_counter() - t)
            cpu[name].append(cpu_seconds() - c)
        print(
            f"round {r + 1}: " + ", ".join(f"{n} {ts[-1]:.2f} s" for n, ts in times.items()),
            file=sys.stderr,
        )
    probes.append(parallel_efficiency())

    n = len(texts)
    med = {name: statistics.median(ts) for name, ts in times.items()}
    best = {name: min(ts) for name, ts in times.items()}
    med_cpu = {name: statistics.median(ts) for name, ts in cpu.items()}
    w = args.workers
    ratios = {
        "full-1 / bare-1 (target >= 0.8)": med["bare-1"] / med["full-1"],
        "time full-1 / time bare-1 (target <= 1.25)": med["full-1"] / med["bare-1"],
        f"full-{w} speed-up over full-1 (target >= 1.7)": med["full-1"] / med[f"full-{w}"],
        f"full-{w} / bare-{w}": med[f"bare-{w}"] / med[f"full-{w}"],
        f"bare-{w} speed-up over bare-1": med["bare-1"] / med[f"bare-{w}"],
        "best rounds: full-1 / bare-1": best["bare-1"] / best["full-1"],
        f"best rounds: full-{w} speed-up over full-1": best["full-1"] / best[f"full-{w}"],
        "CPU time: full-1 / bare-1": med_cpu["bare-1"] / med_cpu["full-1"],
        # What w free cores would give if the workers' CPU time split evenly: a figure that
        # other processes on the machine cannot distort, beside the wall-clock one they do.
        f"CPU time: full-{w} speed-up bound (full-1 CPU / (full-{w} CPU / {w}))": med_cpu["full-1"]
        / (med_cpu[f"full-{w}"] / w),
    }
    info = describe()
    print(
        f"\n{n} texts, {chars:,} characters; model loaded in {load_s:.1f} s; {info['cpu']}, "
        f"{info['cores']} cores; load average at the end {info['load_average']}; parallel-efficiency "
        f"probe {probes[0]:.2f} before, {probes[1]:.2f} after (1.0 = two free cores)"
    )
    print("| run | median s | best s | texts/s (median) | chars/s (median) | CPU s, all processes |")
    print("|---|---|---|---|---|---|")
    for name in runs:
        print(
            f"| {name} | {med[name]:.2f} | {best[name]:.2f} | {n / med[name]:.2f} "
            f"| {chars / med[name]:,.0f} | {med_cpu[name]:.2f} |"
        )
    print()
    for label, value in ratios.items():
        print(f"{label}: {value:.2f}")
    if args.json:
        out = {
            "texts": n,
            "chars": chars,
            "sample_tokens": tokens,
            "times": times,
            "cpu": cpu,
            "parallel_efficiency": probes,
            "median": med,
            "best": best,
            "ratios": ratios,
            "machine": info,
            "repeats": args.repeats,
            "batch_size": args.batch_size,
        }
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
