"""The SQLite database: one aiosqlite connection, pragmas, numbered migrations.

Migrations are the files `migrations/NNNN_name.sql`, applied in order at start; the number of the
last one applied is kept in `PRAGMA user_version`, so a database is never migrated twice.
"""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import aiosqlite

PRIVATE = 0o600
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_WRITE = re.compile(
    r"\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)"
    r"\s+(\w+)",
    re.IGNORECASE,
)
_READ = re.compile(r"\s*(?:SELECT|PRAGMA\s+(?!user_version\s*=)\w+\s*(?:\(|$))", re.IGNORECASE)
ANY_TABLE = "*"
# How often a cached read asks whether another process (the command line) changed the file.
EXTERNAL_CHECK_SECONDS = 1.0


class SchemaTooNew(RuntimeError):
    """The database was written by a newer bot: this one must not touch it."""

    def __init__(self, path: Path, current: int, known: int) -> None:
        super().__init__(
            f"database {path} has schema version {current}, newer than this bot knows ({known}); "
            "update the bot"
        )
        self.path, self.current, self.known = path, current, known


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    sql: str


def bundled_migrations() -> list[Migration]:
    found = []
    for entry in resources.files("bot.storage.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda migration: migration.number)
    numbers = [migration.number for migration in found]
    # Numbers are handed out to work done in parallel, so one may land before a smaller one
    # (0013 before 0011): each number once, in order; the merged tree has them all.
    if len(set(numbers)) != len(numbers) or (numbers and numbers[0] != 1):
        raise RuntimeError(f"migrations must be numbered from 1, each number once, got {numbers}")
    return found


class Database:
    """An open database. Use `Database.open(path)`; close with `await db.close()`."""

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        # Handlers run concurrently on this one connection: a multi-statement change holds the
        # lock so another task's statements cannot land inside its transaction.
        self._write_lock = asyncio.Lock()
        self._versions: dict[str, int] = {}
        self._data_version: int | None = None
        self._external_checked = 0.0

    @classmethod
    async def open(cls, path: Path | str, migrations: list[Migration] | None = None) -> Database:
        path = Path(path)
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
            _create_private(path)
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        db = cls(conn, path)
        try:
            await conn.execute("PRAGMA journal_mode = WAL")
            await conn.execute("PRAGMA foreign_keys = ON")
            await conn.execute("PRAGMA synchronous = NORMAL")
            await conn.execute("PRAGMA busy_timeout = 5000")
            await db.migrate(bundled_migrations() if migrations is None else migrations)
            _restrict_companions(path)
        except BaseException:
            await conn.close()
            raise
        return db

    async def close(self) -> None:
        await self.conn.close()

    async def schema_version(self) -> int:
        async with self.conn.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0])

    async def migrate(self, migrations: list[Migration]) -> list[int]:
        """Apply the migrations newer than the database; return the numbers applied."""
        current = await self.schema_version()
        known = max((migration.number for migration in migrations), default=0)
        if current > known:
            raise SchemaTooNew(self.path, current, known)
        applied = []
        for migration in migrations:
            if migration.number <= current:
                continue
            async with self.transaction() as conn:
                await conn.executescript_in_tx(migration.sql)
                # PRAGMA takes no parameters; the number comes from the file name.
                await conn.execute(f"PRAGMA user_version = {migration.number:d}")
            applied.append(migration.number)
        return applied

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[_Tx]:
        async with self._write_lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            tx = _Tx(self.conn, self)
            try:
                yield tx
            except BaseException:
                await self.conn.execute("ROLLBACK")
                self.touch(*tx.touched)
                raise
            await self.conn.execute("COMMIT")
            # Again at the end: a read inside the transaction saw rows not yet committed.
            self.touch(*tx.touched)

    # Every hop to aiosqlite's thread costs a queue put, a wake-up and a GIL hand-over; a read
    # as one execute_fetchall is one hop instead of three (execute, fetch, close). The bot reads
    # the speaker and the chat for every message (see docs/performance.md).
    async def fetch_all(self, sql: str, params: tuple = ()) -> list[aiosqlite.Row]:
        self.touch_by(sql)
        return list(await self.conn.execute_fetchall(sql, params))

    async def fetch_one(self, sql: str, params: tuple = ()) -> aiosqlite.Row | None:
        self.touch_by(sql)
        rows = await self.conn.execute_fetchall(sql, params)
        return next(iter(rows), None)

    async def execute(self, sql: str, params: tuple = ()) -> int:
        """One self-contained write; returns the last row id."""
        self.touch_by(sql)
        try:
            async with self._write_lock, self.conn.execute(sql, params) as cursor:
                return cursor.lastrowid or 0
        finally:
            self.touch_by(sql)

    async def execute_many(self, sql: str, rows: list[tuple]) -> None:
        """One statement for many rows, in one transaction (one trip to the database thread)."""
        self.touch_by(sql)
        async with self._write_lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                await self.conn.executemany(sql, rows)
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            finally:
                self.touch_by(sql)
            await self.conn.execute("COMMIT")

    # --- what changed, for the read caches (`bot/storage/cache.py`) -------------------------
    def touch_by(self, sql: str) -> None:
        """Counts a change to the table `sql` writes (to every table when it cannot tell)."""
        tables = _written_tables(sql)
        if tables:
            self.touch(*tables)

    def touch(self, *tables: str) -> None:
        for table in tables:
            self._versions[table] = self._versions.get(table, 0) + 1

    def version(self, tables: tuple[str, ...]) -> tuple[int, ...]:
        """Changes so far to these tables; moves whenever any of them may have changed."""
        return (self._versions.get(ANY_TABLE, 0), *(self._versions.get(t, 0) for t in tables))

    async def check_external_changes(self) -> None:
        """Another process (`schoolbot roster import`) may write the file: at most once a
        second, ask SQLite whether it did, and if so count a change to every table."""
        now = time.monotonic()
        if now - self._external_checked < EXTERNAL_CHECK_SECONDS:
            return
        self._external_checked = now
        rows = await self.conn.execute_fetchall("PRAGMA data_version")
        current = int(next(iter(rows))[0])
        if self._data_version is not None and current != self._data_version:
            self.touch(ANY_TABLE)
        self._data_version = current

    async def optimize(self) -> None:
        """Refresh the planner's statistics and fold the write-ahead log back into the file."""
        async with self._write_lock:
            await self.conn.execute("PRAGMA optimize")
            # PASSIVE: copy what it can without waiting for readers, so it never stalls the bot.
            await self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    async def integrity_check(self) -> str:
        row = await self.fetch_one("PRAGMA integrity_check")
        return str(row[0]) if row else "no answer"


def _create_private(path: Path) -> None:
    """The database holds personal data: readable and writable by its owner only."""
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE))
    os.chmod(path, PRIVATE)


def _restrict_companions(path: Path) -> None:
    # SQLite creates the write-ahead log and shared-memory files with the database's mode at
    # best; make sure of it.
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.chmod(companion, PRIVATE)


class _Tx:
    """Statements inside one transaction (the write lock is held)."""

    def __init__(self, conn: aiosqlite.Connection, db: Database) -> None:
        self._conn = conn
        self._db = db
        self.touched: set[str] = set()

    def _touch(self, sql: str) -> None:
        tables = _written_tables(sql)
        if tables:
            self.touched.update(tables)
            self._db.touch(*tables)

    async def execute(self, sql: str, params: tuple = ()) -> int:
        self._touch(sql)
        async with self._conn.execute(sql, params) as cursor:
            return cursor.lastrowid or 0

    async def fetch_one(self, sql: str, params: tuple = ()) -> aiosqlite.Row | None:
        self._touch(sql)
        rows = await self._conn.execute_fetchall(sql, params)
        return next(iter(rows), None)

    async def fetch_all(self, sql: str, params: tuple = ()) -> list[aiosqlite.Row]:
        self._touch(sql)
        return list(await self._conn.execute_fetchall(sql, params))

    async def execute_many(self, sql: str, rows: list[tuple]) -> None:
        """One statement for many rows: one trip to the database thread."""
        if rows:
            self._touch(sql)
            await self._conn.executemany(sql, rows)

    async def executescript_in_tx(self, script: str) -> None:
        # sqlite3.executescript() would COMMIT first; run the statements one by one instead.
        for statement in _split_sql(script):
            self._touch(statement)
            await self._conn.execute(statement)


_written: dict[str, tuple[str, ...]] = {}


def _written_tables(sql: str) -> tuple[str, ...]:
    """The table a statement writes; () for a plain read; every table (ANY_TABLE) for anything
    else (schema changes, triggers' targets unknown). Memoised: the bot's SQL is a fixed set."""
    found = _written.get(sql)
    if found is None:
        if match := _WRITE.match(sql):
            found = (match.group(1).lower(),)
        elif _READ.match(sql):
            found = ()
        else:
            found = (ANY_TABLE,)
        if len(_written) < 10_000:
            _written[sql] = found
    return found


def _split_sql(script: str) -> list[str]:
    import sqlite3

    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement at the end of a migration: {buffer[:80]!r}")
    return statements
