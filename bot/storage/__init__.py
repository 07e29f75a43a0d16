"""Persistence: SQLAlchemy 2 tables, repositories (which never commit) and migrations."""
