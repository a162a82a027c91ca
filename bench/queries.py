"""Query benchmarks on a (synthetic) database: lists with each filter, search, show, export.

    python bench/queries.py --db /tmp/bench.sqlite [--samples 40] [--json out.json]

Times the core functions the CLI calls (``claimdb.db.queries``, ``claimdb.db.search``,
``claimdb.db.export``), each in its own read-only session as the CLI opens it, rows fully
fetched; then a few real ``claimdb`` invocations (start-up included). Filter values are
sampled from the database: actors at log-spaced popularity ranks (the most quoted actor,
the 2nd, 4th, ... down to the rarest), every topic, random articles, random 30-day windows,
and search words across the frequency range. Caches are warm (one untimed run of each
query first), and each value's time is the median of three calls. Prints a Markdown table;
``--json`` also saves every figure.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session
from synthetic import vocabulary  # bench/ is on sys.path when run as a script

from claimdb.db import queries
from claimdb.db.engine import open_database, session_scope
from claimdb.db.export import export_table
from claimdb.db.search import search
from claimdb.settings import database_url

LISTS: dict[str, Callable[[Session, queries.Filters], Any]] = {
    "claims": queries.list_claims,
    "demands": queries.list_demands,
    "stances": queries.list_stances,
    "articles": queries.list_articles,
    "actors": queries.list_actors,
}


def pct(values: Sequence[float], q: float) -> float:
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(q * (len(s) - 1))))
    return s[k]


REPEATS = 3


def timed(engine: Engine, fn: Callable[[Session], Any]) -> float:
    """Milliseconds for one call, as the median of REPEATS: on a shared machine one stray
    pause would otherwise be the p95 of a 40-value sample."""
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        with session_scope(engine, read_only=True) as s:
            result = fn(s)
            if hasattr(result, "rows"):
                list(result.rows)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def sample_values(engine: Engine, n: int, rng: random.Random) -> dict[str, list[Any]]:
    with engine.connect() as conn:
        by_claims = [
            r[0]
            for r in conn.execute(
                text(
                    "SELECT speaker_id FROM claims WHERE speaker_id IS NOT NULL GROUP BY speaker_id "
                    "ORDER BY count(*) DESC, speaker_id"
                )
            )
        ]
        topics = [r[0] for r in conn.execute(text("SELECT id FROM topics ORDER BY id"))]
        max_article = conn.execute(text("SELECT max(id) FROM articles")).scalar_one()
        dates = conn.execute(text("SELECT min(published), max(published) FROM articles")).one()
        max_ids = {
            t: conn.execute(text(f"SELECT max(id) FROM {t}")).scalar_one() for t in ("claims", "demands")
        }
        names = {r[0]: r[1] for r in conn.execute(text("SELECT id, name FROM actors"))}
    # Log-spaced popularity ranks: 1, 2, 4, ... so the p95 includes the most quoted actors.
    ranks = sorted({min(len(by_claims), round(len(by_claims) ** (i / max(1, n - 1)))) for i in range(n)})
    actors = [names[by_claims[r - 1]] for r in ranks]
    lo, hi = (d if not isinstance(d, str) else __import__("datetime").date.fromisoformat(d) for d in dates)
    span = (hi - lo).days - 30
    windows = []
    for _ in range(n):
        since = lo + timedelta(days=rng.randrange(max(1, span)))
        windows.append((since, since + timedelta(days=30)))
    return {
        "actor": actors,
        "topic": topics,
        "article": [str(rng.randint(1, max_article)) for _ in range(n)],
        "date": windows,
        "claim": [str(rng.randint(1, max_ids["claims"])) for _ in range(n)],
        "demand": [str(rng.randint(1, max_ids["demands"])) for _ in range(n)],
        "article_show": [str(rng.randint(1, max_article)) for _ in range(n)],
    }


def filters_for(kind: str, value: Any, limit: int | None) -> queries.Filters:
    if kind == "none":
        return queries.Filters(limit=limit)
    if kind == "date":
        return queries.Filters(since=value[0], until=value[1], limit=limit)
    return queries.Filters(limit=limit, **{kind: value})


def search_terms(n: int) -> list[str]:
    """Words of the synthetic text at log-spaced frequency ranks (every other query two
    adjacent-rank words), from the 20th most common word down to the rarest. The top 20
    are function words ("the", "said") that nobody searches for alone."""
    words = [w for w in vocabulary() if len(w) >= 4]
    top = len(words) - 2
    ranks = sorted({round(20 * (top / 20) ** (i / max(1, n - 1))) for i in range(n)})
    return [words[r] if i % 2 == 0 else f"{words[r]} {words[r + 1]}" for i, r in enumerate(ranks)]


def run(engine: Engine, url: str, *, samples: int, limit: int, cli_runs: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    values = sample_values(engine, samples, rng)
    out: dict[str, Any] = {"lists": {}, "search": {}, "show": {}, "export": {}, "cli": {}}

    for name, lister in LISTS.items():
        for kind in ("none", "actor", "topic", "article", "date"):
            vals = [None] * min(samples, 10) if kind == "none" else values[kind]

            def one(s: Session, v: Any, k: str = kind, f: Any = lister) -> Any:
                return f(s, filters_for(k, v, limit))

            timed(engine, lambda s, v=vals[0]: one(s, v))  # warm-up
            times = [timed(engine, lambda s, v=v: one(s, v)) for v in vals]
            out["lists"][f"{name} --{kind}"] = summary(times)
            print(
                f"  {name:8} --{kind:8} p50 {pct(times, 0.5):7.1f} ms  p95 {pct(times, 0.95):7.1f} ms",
                file=sys.stderr,
            )

    words = search_terms(samples)
    out["search_terms"] = words
    for kind in ("claims", "demands", "articles"):
        timed(engine, lambda s, k=kind: search(s, words[0], kind=k))  # type: ignore[arg-type]
        times = [timed(engine, lambda s, w=w, k=kind: search(s, w, kind=k)) for w in words]  # type: ignore[misc]
        out["search"][kind] = summary(times)
        print(
            f"  search {kind:9} p50 {pct(times, 0.5):7.1f} ms  p95 {pct(times, 0.95):7.1f} ms",
            file=sys.stderr,
        )

    shows: dict[str, tuple[Callable[[Session, str], Any], list[Any]]] = {
        "claim": (queries.show_claim, values["claim"]),
        "demand": (queries.show_demand, values["demand"]),
        "article": (queries.show_article, values["article_show"]),
        "actor": (queries.show_actor, values["actor"]),
    }
    for kind, (fn, vals) in shows.items():
        timed(engine, lambda s, f=fn, v=vals[0]: f(s, v))
        times = [timed(engine, lambda s, f=fn, v=v: f(s, v)) for v in vals]
        out["show"][kind] = summary(times)
        print(
            f"  show {kind:8} p50 {pct(times, 0.5):7.1f} ms  p95 {pct(times, 0.95):7.1f} ms", file=sys.stderr
        )

    for table in ("claims_view", "claims"):
        sink = _Sink()
        t0 = time.perf_counter()
        with session_scope(engine, read_only=True) as s:
            n = export_table(s, table, "csv", sink)
        secs = time.perf_counter() - t0
        out["export"][table] = {"rows": n, "seconds": secs, "rows_per_s": n / secs, "mb": sink.size / 1e6}
        print(f"  export {table}: {n:,} rows in {secs:.1f} s = {n / secs:,.0f} rows/s", file=sys.stderr)

    claimdb = shutil.which("claimdb") or str(Path(sys.executable).with_name("claimdb"))
    actor = values["actor"][len(values["actor"]) // 2]
    commands = {
        "claimdb claims --actor A --limit 100": ["claims", "--actor", actor, "--limit", str(limit)],
        "claimdb search WORD": ["search", "sanctions"],
        "claimdb show claim ID": ["show", "claim", values["claim"][0], "--format", "json"],
        "claimdb --help": ["--help"],
    }
    for label, args in commands.items():
        fmt = [] if "--format" in args else ["--format", "csv"]
        argv = [claimdb, *args] + ([] if args == ["--help"] else ["--db", url, *fmt])
        times = []
        for _ in range(cli_runs):
            t0 = time.perf_counter()
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
            times.append((time.perf_counter() - t0) * 1000)
        out["cli"][label] = summary(times)
        print(f"  {label}: median {statistics.median(times):.0f} ms", file=sys.stderr)
    return out


class _Sink(io.TextIOBase):
    """A text file that keeps nothing: export speed without the disk."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, s: str) -> int:
        self.size += len(s)
        return len(s)


def summary(times: Sequence[float]) -> dict[str, float]:
    return {"n": len(times), "p50_ms": pct(times, 0.5), "p95_ms": pct(times, 0.95), "max_ms": max(times)}


def markdown(results: dict[str, dict[str, Any]]) -> str:
    names = list(results)
    lines = [
        "| query | " + " | ".join(f"{n} p50 / p95 (ms)" for n in names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for section in ("lists", "search", "show"):
        for key in results[names[0]][section]:
            label = {"lists": f"`{key}`", "search": f"`search -k {key}`", "show": f"`show {key}`"}[section]
            cells = [
                f"{results[n][section][key]['p50_ms']:.1f} / {results[n][section][key]['p95_ms']:.1f}"
                for n in names
            ]
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    for table in results[names[0]]["export"]:
        cells = [f"{results[n]['export'][table]['rows_per_s']:,.0f} rows/s" for n in names]
        lines.append(f"| export {table} csv | " + " | ".join(cells) + " |")
    for label in results[names[0]]["cli"]:
        cells = [f"{results[n]['cli'][label]['p50_ms']:.0f} (median)" for n in names]
        lines.append(f"| `{label}` (process) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--db",
        action="append",
        required=True,
        metavar="NAME=URL",
        help="database to measure, e.g. sqlite=/tmp/b.sqlite (repeatable)",
    )
    ap.add_argument("--samples", type=int, default=40, help="filter values per query (default 40)")
    ap.add_argument("--limit", type=int, default=100, help="--limit for the lists (default 100)")
    ap.add_argument("--cli-runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    results = {}
    for spec in args.db:
        name, _, url = spec.partition("=")
        if not url:
            name, url = Path(spec).suffix.lstrip(".") or "db", spec
        print(f"{name}: {url}", file=sys.stderr)
        engine = open_database(database_url(url), create=False)
        results[name] = run(
            engine,
            database_url(url),
            samples=args.samples,
            limit=args.limit,
            cli_runs=args.cli_runs,
            seed=args.seed,
        )
        engine.dispose()
    print(markdown(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("COLUMNS", "120")
    raise SystemExit(main())
