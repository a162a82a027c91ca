"""Where the files that ship beside the code live: in a checkout or inside an installed wheel.

The checkout keeps ``migrations/`` and ``data/`` at the top level (where people look for
them); the wheel copies them into the package as ``_migrations`` and ``_data`` (see
``pyproject.toml``). Both layouts resolve here, so nothing else cares which one it runs from.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def _first_existing(*candidates: Path) -> Path:
    for path in candidates:
        if path.exists():
            return path
    return candidates[0]


def migrations_dir() -> Path:
    """The Alembic script directory (``env.py`` and ``versions/``)."""
    return _first_existing(_PACKAGE / "_migrations", _CHECKOUT / "migrations")


def data_file(name: str) -> Path:
    """A file shipped in ``data/``, e.g. ``topics.toml`` or ``lexicon/institutions.toml``."""
    return _first_existing(_PACKAGE / "_data" / name, _CHECKOUT / "data" / name)
