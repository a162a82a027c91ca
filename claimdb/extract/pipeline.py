"""One parsed article in, one Extraction out: the order the rule modules run in."""

from __future__ import annotations

import datetime as dt
from typing import Any

from claimdb.extract.model import Extraction
from claimdb.topics import Taxonomy


def analyse(doc: Any, taxonomy: Taxonomy, *, published: dt.date | None, version: str) -> Extraction:
    # Work in progress: the rule modules land here next (actors, quotes, claims, demands, stance).
    return Extraction(extractor_version=version)
