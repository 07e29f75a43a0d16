"""Migrations match the models, and database URLs map to the right drivers."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from bot.storage.database import async_url, sync_url, upgrade
from bot.storage.models import Base


def test_migrations_create_exactly_the_models(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/m.db"
    upgrade(url)
    engine = create_engine(url)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert diff == []


def test_urls() -> None:
    assert async_url("sqlite:///bot.db") == "sqlite+aiosqlite:///bot.db"
    assert sync_url("sqlite+aiosqlite:///bot.db") == "sqlite:///bot.db"
    assert async_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert sync_url("postgres://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
