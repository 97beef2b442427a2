"""Announcements answered by button and the answers, one row per person."""

from __future__ import annotations

import json
from datetime import datetime

from bot.domain.ack_records import Ack, AckStatus
from bot.domain.acks import AckKind, Answer
from bot.domain.chats import ChatKind
from bot.domain.classes import ClassName
from bot.storage.db import Database

_COLUMNS = (
    "kind, author_vk_id, grade, letter, chat_kind, peer_id, title, text, options, status, "
    "created_at, remind_at, nonce, source"
)


class AckRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, *, ack: Ack) -> Ack:
        a = ack
        new_id = await self._db.execute(
            f"INSERT INTO acks ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (source) DO NOTHING",
            (
                a.kind.value, a.author_vk_id, a.class_name.grade, a.class_name.letter,
                a.chat_kind.value, a.peer_id, a.title, a.text,
                json.dumps(list(a.options), ensure_ascii=False), a.status.value,
                a.created_at.isoformat(), a.remind_at.isoformat(), a.nonce, a.source,
            ),
        )  # fmt: skip
        found = await self.by_source(source=a.source) if a.source else None
        found = found or await self.get(ack_id=new_id)
        assert found is not None
        return found

    async def by_source(self, *, source: str) -> Ack | None:
        row = await self._db.fetch_one("SELECT * FROM acks WHERE source = ?", (source,))
        return None if row is None else _ack(row)

    async def get(self, *, ack_id: int) -> Ack | None:
        row = await self._db.fetch_one("SELECT * FROM acks WHERE id = ?", (ack_id,))
        return None if row is None else _ack(row)

    async def remove(self, *, ack_id: int) -> None:
        """An announcement that never reached its chat."""
        await self._db.execute("DELETE FROM acks WHERE id = ?", (ack_id,))

    async def set_cmid(self, *, ack_id: int, cmid: int) -> None:
        await self._db.execute("UPDATE acks SET cmid = ? WHERE id = ?", (cmid, ack_id))

    async def move(self, *, ack_id: int, to: AckStatus, only_from: AckStatus) -> bool:
        """Only from `only_from`: of two racers, one wins."""
        async with self._db.transaction() as tx:
            row = await tx.fetch_one(
                "UPDATE acks SET status = ? WHERE id = ? AND status = ? RETURNING id",
                (to.value, ack_id, only_from.value),
            )
        return row is not None

    async def with_status(self, *, status: AckStatus) -> list[Ack]:
        rows = await self._db.fetch_all(
            "SELECT * FROM acks WHERE status = ? ORDER BY remind_at, id", (status.value,)
        )
        return [_ack(r) for r in rows]

    async def created_since(self, *, since: datetime) -> list[Ack]:
        rows = await self._db.fetch_all(
            "SELECT * FROM acks WHERE created_at >= ? ORDER BY created_at, id",
            (since.isoformat(),),
        )
        return [_ack(r) for r in rows]

    async def answers(self, *, ack_id: int) -> dict[int, Answer]:
        rows = await self._db.fetch_all(
            "SELECT person_id, choice, at, seq FROM ack_answers WHERE ack_id = ?", (ack_id,)
        )
        return {
            r["person_id"]: Answer(
                r["person_id"], r["choice"], datetime.fromisoformat(r["at"]), r["seq"]
            )
            for r in rows
        }

    async def record(
        self, *, ack_id: int, person_id: int, vk_id: int, choice: int, at: datetime
    ) -> None:
        """A person's answer; a new one replaces their old one."""
        await self._db.execute(
            "INSERT INTO ack_answers (ack_id, person_id, vk_id, choice, at, seq) "
            "VALUES (?, ?, ?, ?, ?, (SELECT IFNULL(MAX(seq), 0) + 1 FROM ack_answers "
            "WHERE ack_id = ?)) ON CONFLICT (ack_id, person_id) DO UPDATE SET "
            "vk_id = excluded.vk_id, choice = excluded.choice, at = excluded.at, seq = excluded.seq",
            (ack_id, person_id, vk_id, choice, at.isoformat(), ack_id),
        )


def _ack(row) -> Ack:
    return Ack(
        kind=AckKind(row["kind"]),
        author_vk_id=row["author_vk_id"],
        class_name=ClassName(row["grade"], row["letter"]),
        chat_kind=ChatKind(row["chat_kind"]),
        peer_id=row["peer_id"],
        title=row["title"],
        text=row["text"],
        options=tuple(json.loads(row["options"])),
        created_at=datetime.fromisoformat(row["created_at"]),
        remind_at=datetime.fromisoformat(row["remind_at"]),
        nonce=row["nonce"],
        status=AckStatus(row["status"]),
        cmid=row["cmid"],
        source=row["source"],
        id=row["id"],
    )
