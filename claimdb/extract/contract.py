"""The claimdb-extract/1 JSON contract (see the evaluation kit's README)."""

from __future__ import annotations

from typing import Any

from claimdb.extract.model import Extraction

SCHEMA = "claimdb-extract/1"


def to_contract(document: str, extraction: Extraction) -> dict[str, Any]:
    """One document's extraction as a claimdb-extract/1 object."""
    return {
        "schema": SCHEMA,
        "document": document,
        "extractor": extraction.extractor_version,
        "actors": [
            {
                "name": a.name,
                "kind": a.kind,
                "aliases": list(a.aliases),
                **({"description": a.description} if a.description else {}),
            }
            for a in extraction.actors
        ],
        "claims": [
            {
                "speaker": c.speaker,
                "text": c.text,
                "start": c.start,
                "end": c.end,
                "direct": c.direct,
                "cue": c.cue,
                "topics": list(c.topics),
                "confidence": round(c.confidence, 3),
                **(
                    {
                        "speaker_mention": {
                            "text": c.speaker_mention.text,
                            "start": c.speaker_mention.start,
                            "end": c.speaker_mention.end,
                        }
                    }
                    if c.speaker_mention
                    else {}
                ),
            }
            for c in extraction.claims
        ],
        "demands": [
            {
                "demander": d.demander,
                "addressee": d.addressee,
                "text": d.text,
                "start": d.start,
                "end": d.end,
                "cue": d.cue,
                "topic": d.topic,
                "confidence": round(d.confidence, 3),
            }
            for d in extraction.demands
        ],
        "stances": [
            {
                "actor": s.actor,
                "topic": s.topic,
                "polarity": s.polarity,
                "evidence": {"kind": s.evidence_kind, "index": s.evidence},
                "confidence": round(s.confidence, 3),
            }
            for s in extraction.stances
        ],
    }
