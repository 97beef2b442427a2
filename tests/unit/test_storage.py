"""The database file: created on first start, migrated once, WAL and foreign keys on."""

import sqlite3

import pytest

from bot.storage.db import Database, Migration, bundled_migrations
from bot.storage.state_repo import StateRepo


async def test_first_start_creates_the_file_and_applies_every_migration(tmp_path):
    path = tmp_path / "nested" / "bot.sqlite3"
    db = await Database.open(path)
    try:
        assert path.exists()
        assert await db.schema_version() == bundled_migrations()[-1].number
        mode = await db.fetch_one("PRAGMA journal_mode")
        assert mode[0] == "wal"
        fk = await db.fetch_one("PRAGMA foreign_keys")
        assert fk[0] == 1
        assert await db.integrity_check() == "ok"
    finally:
        await db.close()


async def test_reopening_keeps_data_and_does_not_migrate_again(tmp_path):
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path)
    await StateRepo(db).put(key="started", value="1")
    await db.close()
    db = await Database.open(path)
    try:
        assert await db.migrate(bundled_migrations()) == []
        assert await StateRepo(db).get(key="started") == "1"
    finally:
        await db.close()


async def test_new_migrations_apply_in_order_and_are_recorded(tmp_path):
    path = tmp_path / "bot.sqlite3"
    first = [Migration(1, "0001_a.sql", "CREATE TABLE a (x INTEGER);")]
    db = await Database.open(path, migrations=first)
    await db.close()
    more = [
        *first,
        Migration(2, "0002_b.sql", "CREATE TABLE b (y INTEGER);\nINSERT INTO b VALUES (7);"),
    ]
    db = await Database.open(path, migrations=more)
    try:
        assert await db.schema_version() == 2
        row = await db.fetch_one("SELECT y FROM b")
        assert row[0] == 7
    finally:
        await db.close()


async def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path):
    path = tmp_path / "bot.sqlite3"
    good = [Migration(1, "0001_a.sql", "CREATE TABLE a (x INTEGER);")]
    db = await Database.open(path, migrations=good)
    await db.close()
    broken = [
        *good,
        Migration(2, "0002_b.sql", "CREATE TABLE b (y INTEGER);\nINSERT INTO nope VALUES (1);"),
    ]
    with pytest.raises(sqlite3.OperationalError):
        await Database.open(path, migrations=broken)
    db = await Database.open(path, migrations=good)
    try:
        assert await db.schema_version() == 1
        assert await db.fetch_one("SELECT name FROM sqlite_master WHERE name = 'b'") is None
    finally:
        await db.close()


async def test_a_database_newer_than_the_bot_is_refused(tmp_path):
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path)
    await db.conn.execute("PRAGMA user_version = 999")
    await db.close()
    with pytest.raises(RuntimeError, match="newer than this bot"):
        await Database.open(path)


async def test_state_repo_overwrites(tmp_path):
    db = await Database.open(tmp_path / "bot.sqlite3")
    try:
        repo = StateRepo(db)
        assert await repo.get(key="k") is None
        await repo.put(key="k", value="1")
        await repo.put(key="k", value="2")
        assert await repo.get(key="k") == "2"
    finally:
        await db.close()
