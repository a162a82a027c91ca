"""Fixtures for the reliability tests: the shared database and CLI fixtures (tests/testkit.py),
a folder another user can enter, and a way to run code as that user."""

from __future__ import annotations

import multiprocessing
import os
import pwd
import shutil
import tempfile
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from testkit import cli, db_url, engine, fake_extractor, plain_terminal, sql_url, sqlite_template

import claimdb

__all__ = ["cli", "db_url", "engine", "fake_extractor", "plain_terminal", "sql_url", "sqlite_template"]

T = TypeVar("T")


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A fresh folder under the system temporary folder that every user may enter (pytest's
    tmp_path sits in a folder private to the user running the tests)."""
    path = Path(tempfile.mkdtemp(prefix="claimdb-test-"))
    path.chmod(0o755)
    yield path
    for sub in [path, *path.rglob("*")]:  # let rmtree into folders a test made read-only
        if sub.is_dir() and not sub.is_symlink():
            sub.chmod(0o755)
    shutil.rmtree(path)


def _as_nobody(fn: Callable[[], T], conn: multiprocessing.connection.Connection) -> None:
    nobody = pwd.getpwnam("nobody")
    os.setgroups([])
    os.setresgid(nobody.pw_gid, nobody.pw_gid, nobody.pw_gid)
    os.setresuid(nobody.pw_uid, nobody.pw_uid, nobody.pw_uid)
    try:
        conn.send(("ok", fn()))
    except BaseException:  # the parent re-raises it; a child must not die silently
        conn.send(("error", traceback.format_exc()))


def _others_can_read(package: Path) -> bool:
    """Whether a user with no rights of its own can reach the installed package (imports
    and its migrations): every folder above it enterable, the package readable."""
    folders = [package, *package.parents]
    return all(f.stat().st_mode & 0o001 for f in folders) and bool(package.stat().st_mode & 0o004)


@pytest.fixture
def unprivileged() -> Callable[[Callable[[], T]], T]:
    """Run a function as a user that file permissions apply to.

    Root ignores permissions, so as root the function runs in a forked child that has become
    ``nobody`` (the test's fixtures and monkeypatches come along with the fork); otherwise
    it simply runs here.
    """

    def run(fn: Callable[[], T]) -> T:
        if os.geteuid() != 0:
            return fn()
        if not _others_can_read(Path(claimdb.__file__).parent):
            pytest.skip(
                "running as root from a checkout user nobody cannot read (a private temporary"
                " folder?): clone into a world-readable folder, or run as another user"
            )
        ctx = multiprocessing.get_context("fork")
        parent, child = ctx.Pipe(duplex=False)
        process = ctx.Process(target=_as_nobody, args=(fn, child))
        process.start()
        child.close()
        if not parent.poll(60):
            process.kill()
            raise TimeoutError("the unprivileged child did not answer within 60 s")
        status, value = parent.recv()
        process.join(10)
        if status != "ok":
            raise AssertionError(f"the unprivileged child failed: {value}")
        result: T = value
        return result

    return run
