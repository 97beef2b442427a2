"""The Callback API inbox: an event is a row from before VK hears «ok» until it is handled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.db import Database


@dataclass(frozen=True)
class StoredEvent:
    event_id: str
    group_id: int
    body: bytes


class InboxRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def put(self, *, event_id: str, group_id: int, body: bytes, at: datetime) -> bool:
        """Stores the event; False when it was already there (a repeat of a stored event)."""
        async with self._db.transaction() as tx:
            added = await tx.fetch_one(
                "INSERT INTO callback_inbox (event_id, group_id, body, received_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING RETURNING seq",
                (event_id, group_id, body, at.isoformat()),
            )
            if added is None:
                await tx.execute(
                    "UPDATE callback_inbox SET repeats = repeats + 1 WHERE event_id = ?",
                    (event_id,),
                )
        return added is not None

    async def pending(self) -> list[StoredEvent]:
        """Everything stored and not yet handled, oldest first."""
        rows = await self._db.fetch_all(
            "SELECT event_id, group_id, body FROM callback_inbox ORDER BY seq"
        )
        return [StoredEvent(str(r["event_id"]), int(r["group_id"]), bytes(r["body"])) for r in rows]

    async def done(self, *, event_id: str) -> None:
        await self._db.execute("DELETE FROM callback_inbox WHERE event_id = ?", (event_id,))

    async def count(self) -> int:
        row = await self._db.fetch_one("SELECT COUNT(*) FROM callback_inbox")
        return int(row[0]) if row else 0
