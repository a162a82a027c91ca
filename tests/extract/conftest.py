"""Fixtures for the extraction tests: the real pipeline, loaded once per session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimdb.extract import Extraction, Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor.load()


@pytest.fixture(scope="session")
def extract(extractor: Extractor) -> Callable[[str], Extraction]:
    """Extract from ``text`` and check the span invariant on everything returned."""

    def run(text: str) -> Extraction:
        result = extractor.extract(text)
        for item in (*result.claims, *result.demands):
            assert text[item.start : item.end] == item.text
        for actor in result.actors:
            for m in actor.mentions:
                assert text[m.start : m.end] == m.text
        return result

    return run
