"""A throwaway PostgreSQL cluster for benchmarks, as .ci/run starts one for the tests.

    python bench/pg.py python bench/ingest.py ...   # runs the command with
                                                    # CLAIMDB_BENCH_POSTGRES_URL set, then
                                                    # stops and deletes the cluster

or, from Python, ``with throwaway_cluster() as url: ...``. Needs Debian's ``postgresql``
package (initdb/pg_ctl); as root the server runs as the ``postgres`` user, since PostgreSQL
refuses to run as root. If CLAIMDB_BENCH_POSTGRES_URL is already set, that server is used
and nothing is started.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV = "CLAIMDB_BENCH_POSTGRES_URL"


def _bin_dir() -> Path:
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    # Debian keeps the server programs off PATH, one directory per major version.
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(d, "initdb").exists():
            return Path(d)
    raise SystemExit("PostgreSQL is not installed: apt-get install postgresql (or set " + ENV + ")")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def throwaway_cluster(db: str = "claimdb_bench") -> Iterator[str]:
    """Start a cluster in a temporary folder; yield its SQLAlchemy URL; stop and delete it."""
    if os.environ.get(ENV):
        yield os.environ[ENV]
        return
    bindir = _bin_dir()
    tmp = Path(tempfile.mkdtemp(prefix="claimdb-bench-pg."))
    tmp.chmod(0o755)
    user: str | None = None
    if os.geteuid() == 0:
        user = "postgres"
        pwd.getpwnam(user)  # KeyError if the package did not create it
        shutil.chown(tmp, user)

    def run(*cmd: str) -> None:
        full = ["runuser", "-u", user, "--", *cmd] if user else list(cmd)
        subprocess.run(full, check=True, cwd=tmp, stdout=subprocess.DEVNULL)

    port = _free_port()
    data = tmp / "data"
    try:
        run(
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-locale",
        )
        # Benchmark settings: durability off (the cluster is deleted afterwards) and a
        # shared_buffers big enough to hold the synthetic database's hot indexes, as a
        # server tuned for a 24 GB machine would.
        opts = (
            f"-p {port} -c listen_addresses=127.0.0.1 -k {tmp} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c shared_buffers=2GB -c maintenance_work_mem=1GB -c work_mem=64MB "
            "-c max_wal_size=8GB"
        )
        run(
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(tmp / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
            "-o",
            opts,
        )
        subprocess.run(
            [str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", db], check=True
        )
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/{db}"
    finally:
        if (data / "postmaster.pid").exists():
            run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    with throwaway_cluster() as url:
        print(f"PostgreSQL: {url}", file=sys.stderr)
        return subprocess.run(sys.argv[1:], env={**os.environ, ENV: url}).returncode


if __name__ == "__main__":
    raise SystemExit(main())
