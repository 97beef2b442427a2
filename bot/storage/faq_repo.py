"""Answers to recurring questions and the count of questions answered."""

from __future__ import annotations

from datetime import datetime

from bot.domain.classes import ClassName
from bot.domain.faq import FaqEntry
from bot.storage.db import Database

# Only a class's own chats get its answers; staff chats and channels get none.
_CLASS_CHAT_KINDS = ("pupils", "parents", "subject")


class FaqRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def all(self) -> list[FaqEntry]:
        rows = await self._db.fetch_all(
            "SELECT f.id, f.questions, f.answer, c.grade, c.letter FROM faq_answers f "
            "LEFT JOIN classes c ON c.id = f.class_id ORDER BY f.id"
        )
        return [
            FaqEntry.of(
                int(r["id"]),
                ClassName(r["grade"], r["letter"]) if r["grade"] is not None else None,
                str(r["questions"]).split("\n"),
                str(r["answer"]),
            )
            for r in rows
        ]

    async def add(
        self,
        *,
        class_name: ClassName | None,
        questions: tuple[str, ...],
        answer: str,
        author_vk_id: int,
        at: datetime,
    ) -> int | None:
        """The new answer's number, or None when the class does not exist."""
        async with self._db.transaction() as tx:
            class_id = None
            if class_name is not None:
                row = await tx.fetch_one(
                    "SELECT id FROM classes WHERE grade = ? AND letter = ?",
                    (class_name.grade, class_name.letter),
                )
                if row is None:
                    return None
                class_id = int(row["id"])
            return await tx.execute(
                "INSERT INTO faq_answers (class_id, questions, answer, author_vk_id, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (class_id, "\n".join(questions), answer, author_vk_id, at.isoformat()),
            )

    async def remove(self, *, answer_id: int) -> None:
        await self._db.execute("DELETE FROM faq_answers WHERE id = ?", (answer_id,))

    async def class_of_chat(self, *, peer_id: int) -> ClassName | None:
        """The class whose pupils', parents' or subject chat this is."""
        marks = ", ".join("?" for _ in _CLASS_CHAT_KINDS)
        row = await self._db.fetch_one(
            "SELECT c.grade, c.letter FROM chats ch JOIN classes c ON c.id = ch.class_id "
            f"WHERE ch.peer_id = ? AND ch.archived_at IS NULL AND ch.kind IN ({marks})",
            (peer_id, *_CLASS_CHAT_KINDS),
        )
        return None if row is None else ClassName(row["grade"], row["letter"])

    async def record_hit(self, *, answer_id: int, peer_id: int, cmid: int, at: datetime) -> None:
        await self._db.execute(
            "INSERT INTO faq_hits (answer_id, peer_id, cmid, at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            (answer_id, peer_id, cmid, at.isoformat()),
        )

    async def hits_since(self, *, since: datetime) -> int:
        row = await self._db.fetch_one(
            "SELECT COUNT(*) AS n FROM faq_hits WHERE at >= ?", (since.isoformat(),)
        )
        return int(row["n"]) if row else 0
