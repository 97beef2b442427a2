"""Reads of rarely written tables, kept in memory until one of those tables is written.

The bot reads the speaker (people, roles) and the chat (chats) for every message; they change a
few times a day. Every write goes through `Database`, which counts changes per table, so a read
kept here is exact for this process; another process writing the file is noticed within a
second (`Database.check_external_changes`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

from bot.storage.db import Database

V = TypeVar("V")

MAX_ENTRIES = 20_000


class ReadCache(Generic[V]):
    def __init__(
        self, db: Database, tables: tuple[str, ...], *, max_entries: int = MAX_ENTRIES
    ) -> None:
        self._db = db
        self._tables = tables
        self._max = max_entries
        self._entries: dict[Hashable, V] = {}
        self._version = db.version(tables)

    async def get(self, key: Hashable, load: Callable[[], Awaitable[V]]) -> V:
        await self._db.check_external_changes()
        version = self._db.version(self._tables)
        if version != self._version:
            self._entries.clear()
            self._version = version
        try:
            return self._entries[key]
        except KeyError:
            pass
        value = await load()
        # Kept only if nothing was written while it was read.
        if self._db.version(self._tables) == version:
            if len(self._entries) >= self._max:
                self._entries.clear()
            self._entries[key] = value
        return value
