"""Counts for the director's statistics: messages, incidents, invitations, over a period."""

from __future__ import annotations

import time
from datetime import datetime

from bot.domain.classes import ClassName
from bot.storage.db import Database


def _class(row) -> ClassName | None:
    return ClassName(row["grade"], row["letter"]) if row["grade"] is not None else None


# Messages are counted in memory and written at most this often: a write for every message
# was a database round trip per message (docs/performance.md). A crash loses at most these
# seconds of counts; every read and `App.stop` write them first.
FLUSH_SECONDS = 5.0


class StatsRepo:
    def __init__(self, db: Database, *, flush_seconds: float = FLUSH_SECONDS) -> None:
        self._db = db
        self._flush_seconds = flush_seconds
        self._pending: dict[tuple[int, str], int] = {}
        self._flushed_at = time.monotonic()

    async def count_message(self, *, peer_id: int, day: str) -> None:
        """One more message in the chat that day (only chats the bot runs are counted)."""
        key = (peer_id, day)
        self._pending[key] = self._pending.get(key, 0) + 1
        if time.monotonic() - self._flushed_at >= self._flush_seconds:
            await self.flush()

    async def flush(self) -> None:
        self._flushed_at = time.monotonic()
        if not self._pending:
            return
        rows = [(day, n, peer_id) for (peer_id, day), n in self._pending.items()]
        self._pending = {}
        await self._db.execute_many(
            "INSERT INTO message_counts (chat_id, day, messages) "
            "SELECT id, ?, ? FROM chats WHERE peer_id = ? AND archived_at IS NULL "
            "ON CONFLICT (chat_id, day) DO UPDATE SET messages = messages + excluded.messages",
            rows,
        )

    async def messages_by_chat(
        self, *, since_day: str, until_day: str
    ) -> list[tuple[str, ClassName | None, int]]:
        """(chat title, its class, messages) for every live chat, busiest first."""
        await self.flush()
        rows = await self._db.fetch_all(
            "SELECT ch.title, c.grade, c.letter, IFNULL(SUM(m.messages), 0) AS n FROM chats ch "
            "LEFT JOIN classes c ON c.id = ch.class_id LEFT JOIN message_counts m "
            "ON m.chat_id = ch.id AND m.day >= ? AND m.day <= ? WHERE ch.archived_at IS NULL "
            "GROUP BY ch.id ORDER BY n DESC, ch.title",
            (since_day, until_day),
        )
        return [(row["title"], _class(row), int(row["n"])) for row in rows]

    async def incidents(
        self, *, since: datetime, until: datetime
    ) -> list[tuple[ClassName | None, str, int, int]]:
        """(class, rule, incidents, of them decided by a person) in the period."""
        rows = await self._db.fetch_all(
            "SELECT c.grade, c.letter, i.rule, COUNT(*) AS n, "
            "SUM(CASE WHEN i.resolved_at IS NOT NULL THEN 1 ELSE 0 END) AS handled "
            "FROM incidents i LEFT JOIN chats ch ON ch.id = i.chat_id "
            "LEFT JOIN classes c ON c.id = ch.class_id WHERE i.at >= ? AND i.at <= ? "
            "GROUP BY c.grade, c.letter, i.rule ORDER BY i.rule",
            (since.isoformat(), until.isoformat()),
        )
        return [(_class(row), row["rule"], int(row["n"]), int(row["handled"])) for row in rows]

    async def questions_answered(
        self, *, since: datetime, until: datetime
    ) -> list[tuple[ClassName | None, int]]:
        """(class, chat questions the bot answered from the curator's answers in the period)."""
        rows = await self._db.fetch_all(
            "SELECT c.grade, c.letter, COUNT(*) AS n FROM faq_hits h "
            "LEFT JOIN chats ch ON ch.peer_id = h.peer_id AND ch.archived_at IS NULL "
            "LEFT JOIN classes c ON c.id = ch.class_id WHERE h.at >= ? AND h.at <= ? "
            "GROUP BY c.grade, c.letter",
            (since.isoformat(), until.isoformat()),
        )
        return [(_class(row), int(row["n"])) for row in rows]

    async def invitations(
        self, *, since: datetime, until: datetime
    ) -> list[tuple[ClassName | None, int, int]]:
        """(class, issued in the period, claimed in the period)."""
        s, u = since.isoformat(), until.isoformat()
        rows = await self._db.fetch_all(
            "SELECT c.grade, c.letter, "
            "SUM(CASE WHEN i.issued_at >= ? AND i.issued_at <= ? THEN 1 ELSE 0 END) AS issued, "
            "SUM(CASE WHEN i.claimed_at >= ? AND i.claimed_at <= ? THEN 1 ELSE 0 END) AS claimed "
            "FROM invitations i JOIN chats ch ON ch.id = i.chat_id "
            "LEFT JOIN classes c ON c.id = ch.class_id GROUP BY c.grade, c.letter",
            (s, u, s, u),
        )
        return [(_class(row), int(row["issued"] or 0), int(row["claimed"] or 0)) for row in rows]

    async def joined(self) -> list[tuple[ClassName, str, int, int]]:
        """(class, 'pupil' | 'parent', on the roster, in the class's chat of that kind)."""
        rows = await self._db.fetch_all(
            "SELECT c.grade, c.letter, 'pupil' AS role, COUNT(DISTINCT r.person_id) AS total, "
            "COUNT(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM chats ch JOIN chat_members cm "
            "  ON cm.chat_id = ch.id JOIN people p ON p.id = r.person_id "
            "  WHERE ch.class_id = c.id AND ch.kind = 'pupils' AND ch.archived_at IS NULL "
            "  AND cm.left_at IS NULL AND cm.vk_id = p.vk_id) THEN r.person_id END) AS joined "
            "FROM classes c JOIN roles r ON r.class_id = c.id AND r.role = 'pupil' "
            "GROUP BY c.id "
            "UNION ALL "
            "SELECT c.grade, c.letter, 'parent', COUNT(DISTINCT pr.person_id), "
            "COUNT(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM chats ch JOIN chat_members cm "
            "  ON cm.chat_id = ch.id JOIN people p ON p.id = pr.person_id "
            "  WHERE ch.class_id = c.id AND ch.kind = 'parents' AND ch.archived_at IS NULL "
            "  AND cm.left_at IS NULL AND cm.vk_id = p.vk_id) THEN pr.person_id END) "
            "FROM classes c JOIN roles r ON r.class_id = c.id AND r.role = 'pupil' "
            "JOIN roles pr ON pr.role = 'parent' AND pr.pupil_id = r.person_id "
            "GROUP BY c.id ORDER BY 1, 2",
        )
        return [
            (ClassName(row["grade"], row["letter"]), row["role"], int(row["total"]),
             int(row["joined"]))
            for row in rows
        ]  # fmt: skip
