"""The trail of administrators' changes."""

from __future__ import annotations

import json
from datetime import datetime

from bot.domain.trail import TrailEntry
from bot.storage.db import Database


class TrailRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def record(self, *, entry: TrailEntry) -> int:
        return await self._db.execute(
            "INSERT INTO trail (at, actor_id, action, details) VALUES (?, ?, ?, ?)",
            (
                entry.at.isoformat(),
                entry.actor_person_id,
                entry.action,
                json.dumps(dict(entry.details), ensure_ascii=False, sort_keys=True),
            ),
        )

    async def latest(self, *, count: int) -> list[TrailEntry]:
        rows = await self._db.fetch_all(
            "SELECT id, at, actor_id, action, details FROM trail ORDER BY id DESC LIMIT ?",
            (count,),
        )
        return [
            TrailEntry(
                id=row["id"],
                actor_person_id=row["actor_id"],
                action=row["action"],
                at=datetime.fromisoformat(row["at"]),
                details=json.loads(row["details"]),
            )
            for row in rows
        ]
