"""Fixtures shared with the other test folders live in tests/testkit.py."""

from testkit import db_url, engine, sql_url, sqlite_template

__all__ = ["db_url", "engine", "sql_url", "sqlite_template"]
