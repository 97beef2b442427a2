"""Which long-poll events were handled to the end (by VK's `event_id`)."""

from __future__ import annotations

from datetime import datetime

from bot.storage.db import Database


class ProcessedEventRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def is_processed(self, *, event_id: str) -> bool:
        row = await self._db.fetch_one(
            "SELECT 1 FROM processed_events WHERE event_id = ?", (event_id,)
        )
        return row is not None

    async def mark(self, *, event_id: str, at: datetime) -> None:
        await self._db.execute(
            "INSERT OR IGNORE INTO processed_events (event_id, at) VALUES (?, ?)",
            (event_id, at.isoformat()),
        )

    async def mark_many(self, events: list[tuple[str, str]]) -> None:
        """(event id, ISO time) pairs, in one transaction."""
        await self._db.execute_many(
            "INSERT OR IGNORE INTO processed_events (event_id, at) VALUES (?, ?)", events
        )

    async def recent(self, *, limit: int) -> list[str]:
        """The ids of the `limit` events handled last."""
        rows = await self._db.fetch_all(
            "SELECT event_id FROM processed_events ORDER BY seq DESC LIMIT ?", (limit,)
        )
        return [str(row["event_id"]) for row in rows]

    async def prune(self, *, keep: int) -> None:
        """Keeps only the `keep` most recent rows."""
        await self._db.execute(
            "DELETE FROM processed_events WHERE seq <= (SELECT MAX(seq) FROM processed_events) - ?",
            (keep,),
        )

    async def count(self) -> int:
        row = await self._db.fetch_one("SELECT COUNT(*) FROM processed_events")
        return int(row[0]) if row else 0
