"""Night-time upkeep of the database file."""

from __future__ import annotations

import logging
import sqlite3

from bot.storage.db import Database

log = logging.getLogger(__name__)


class MaintenanceService:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def tidy_database(self) -> None:
        try:
            await self._db.optimize()
        except sqlite3.OperationalError as error:
            # Upkeep can wait for the next night; the bot's own work must not.
            log.warning("database upkeep skipped: %s", error)
