"""The database layer: schema, engine, migrations, and the functions that read and write it.

Knows nothing of spaCy or the command line. Every function takes a Session (or an Engine)
and never commits: the caller decides the transaction (``engine.session_scope``).
"""
