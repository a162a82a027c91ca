"""Errors users can act on. Each message says what went wrong, where, and what to do.

The library raises these; the CLI turns them into a one-line message on stderr and exit
code 1 in one place (``claimdb.cli.app``). Nothing in the library exits the process.
"""

from __future__ import annotations


class ClaimDBError(Exception):
    """Base class: a problem the user can fix; ``str(err)`` is the message to show."""


class InputError(ClaimDBError):
    """An input file, line or option value cannot be read as an article."""


class DatabaseError(ClaimDBError):
    """The database cannot be opened, migrated or queried."""


class SchemaTooNewError(DatabaseError):
    """The database was written by a newer claimdb; we never migrate downwards silently."""


class ModelError(ClaimDBError):
    """The spaCy pipeline named in the settings cannot be loaded."""


class TopicsError(ClaimDBError):
    """A topics taxonomy file is missing or malformed."""


class InvalidExtractionError(ClaimDBError):
    """An extraction contradicts its article (a span that is not the text it claims to be, an
    evidence index out of range); nothing is stored for that article. An extractor bug."""


class NotFoundError(ClaimDBError):
    """A record asked for by id (or name, or hash prefix) is not in the database."""
