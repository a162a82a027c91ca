"""Every command teaches: --help works, names its options, and shows an example."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimdb import __version__
from claimdb.cli import app

COMMANDS = [
    ["ingest"], ["extract"], ["articles"], ["actors"], ["claims"], ["demands"], ["stances"],
    ["export"], ["import"], ["sql"], ["search"], ["topics"], ["check"],
    ["show", "article"], ["show", "actor"], ["show", "claim"], ["show", "demand"],
    ["db", "current"], ["db", "upgrade"], ["db", "downgrade"],
]  # fmt: skip
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(command: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: claimdb " + " ".join(command) in result.stdout
    assert "Example" in result.stdout


@pytest.mark.parametrize("group", [[], ["show"], ["db"]])
def test_groups_list_their_commands(group: list[str]) -> None:
    result = CliRunner().invoke(app, [*group, "--help"])
    assert result.exit_code == 0
    assert "Commands" in result.stdout


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"claimdb {__version__}\n")


def test_database_commands_take_db() -> None:
    for command in COMMANDS:
        if command[0] not in ("extract", "topics"):
            assert "--db" in CliRunner().invoke(app, [*command, "--help"]).stdout, command


@pytest.mark.slow
def test_help_does_not_import_spacy() -> None:
    code = (
        "import sys; from claimdb.cli import app; app(['--help'], standalone_mode=False); "
        "print('spacy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60, env=_env()
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("False")


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": str(ROOT)}
