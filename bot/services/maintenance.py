"""Night-time upkeep of the database file."""

from __future__ import annotations

from bot.storage.db import Database


class MaintenanceService:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def tidy_database(self) -> None:
        await self._db.optimize()
