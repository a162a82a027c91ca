"""claimdb: a claims-and-stance fact-tracking database built from news articles."""

__version__ = "0.1.0"
