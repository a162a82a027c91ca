"""Small readers for assertions on an Extraction."""

from __future__ import annotations

from claimdb.extract import Claim, Demand, Extraction


def claim_with(result: Extraction, fragment: str) -> Claim:
    """The one claim whose text contains ``fragment``."""
    found = [c for c in result.claims if fragment in c.text]
    assert len(found) == 1, (
        f"expected one claim containing {fragment!r}, got {[c.text for c in result.claims]}"
    )
    return found[0]


def demand_with(result: Extraction, fragment: str) -> Demand:
    found = [d for d in result.demands if fragment in d.text]
    assert len(found) == 1, (
        f"expected one demand containing {fragment!r}, got {[d.text for d in result.demands]}"
    )
    return found[0]


def speakers(result: Extraction) -> list[tuple[str | None, str]]:
    return [(c.speaker, c.text) for c in result.claims]
