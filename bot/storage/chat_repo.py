"""The chats the bot runs."""

from __future__ import annotations

from datetime import datetime

from bot.domain.chats import ChatKind, SchoolChat
from bot.domain.classes import ClassName
from bot.storage.cache import ReadCache
from bot.storage.db import Database

_SELECT = (
    "SELECT ch.id, ch.peer_id, ch.kind, c.grade, c.letter, ch.subject, ch.title FROM chats ch "
    "LEFT JOIN classes c ON c.id = ch.class_id "
)


class ChatRepo:
    def __init__(self, db: Database) -> None:
        self._db = db
        # Asked for every message (moderation, the channel guard); chats change rarely.
        self._by_peer: ReadCache[SchoolChat | None] = ReadCache(db, ("chats", "classes"))

    async def by_peer(self, *, peer_id: int) -> SchoolChat | None:
        return await self._by_peer.get(peer_id, lambda: self._load_by_peer(peer_id))

    async def _load_by_peer(self, peer_id: int) -> SchoolChat | None:
        # An archived chat (a graduated class's) is no longer the bot's to run.
        row = await self._db.fetch_one(
            _SELECT + "WHERE ch.peer_id = ? AND ch.archived_at IS NULL", (peer_id,)
        )
        return _chat(row)

    async def by_id(self, *, chat_id: int) -> SchoolChat | None:
        row = await self._db.fetch_one(
            _SELECT + "WHERE ch.id = ? AND ch.archived_at IS NULL", (chat_id,)
        )
        return _chat(row)

    async def find(
        self, *, kind: ChatKind, class_name: ClassName | None = None, subject: str | None = None
    ) -> SchoolChat | None:
        row = await self._db.fetch_one(
            _SELECT + "WHERE ch.archived_at IS NULL AND ch.kind = ? "
            "AND IFNULL(c.grade, 0) = ? AND IFNULL(c.letter, '') = ? AND IFNULL(ch.subject, '') = ?",
            (
                kind.value,
                class_name.grade if class_name else 0,
                class_name.letter if class_name else "",
                subject or "",
            ),
        )
        return _chat(row)

    async def of_class(self, *, class_name: ClassName) -> list[SchoolChat]:
        rows = await self._db.fetch_all(
            _SELECT + "WHERE ch.archived_at IS NULL AND c.grade = ? AND c.letter = ? "
            "ORDER BY ch.kind, ch.subject",
            (class_name.grade, class_name.letter),
        )
        return [_chat(row) for row in rows]  # type: ignore[misc]

    async def all_live(self) -> list[SchoolChat]:
        rows = await self._db.fetch_all(_SELECT + "WHERE ch.archived_at IS NULL ORDER BY ch.id")
        return [_chat(row) for row in rows]  # type: ignore[misc]

    async def add(self, *, chat: SchoolChat, created_by_bot: bool) -> SchoolChat:
        async with self._db.transaction() as tx:
            class_id = None
            if chat.class_name is not None:
                row = await tx.fetch_one(
                    "SELECT id FROM classes WHERE grade = ? AND letter = ?",
                    (chat.class_name.grade, chat.class_name.letter),
                )
                class_id = row["id"] if row else None
            # A chat bound again for another purpose keeps its row and takes the new purpose.
            await tx.execute("DELETE FROM chats WHERE peer_id = ?", (chat.peer_id,))
            new_id = await tx.execute(
                "INSERT INTO chats (peer_id, kind, class_id, subject, title, created_by_bot) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    chat.peer_id,
                    chat.kind.value,
                    class_id,
                    chat.subject,
                    chat.title,
                    int(created_by_bot),
                ),
            )
        return SchoolChat(
            chat.peer_id, chat.kind, chat.class_name, chat.subject, chat.title, id=new_id
        )

    async def set_welcome(self, *, chat_id: int, cmid: int) -> None:
        await self._db.execute("UPDATE chats SET welcome_cmid = ? WHERE id = ?", (cmid, chat_id))

    async def member_joined(
        self, *, chat_id: int, vk_id: int, person_id: int | None, reason: str, at: datetime
    ) -> None:
        await self._db.execute(
            "INSERT INTO chat_members (chat_id, vk_id, person_id, reason, joined_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id, vk_id) DO UPDATE SET "
            "person_id = excluded.person_id, reason = excluded.reason, "
            "joined_at = excluded.joined_at, left_at = NULL",
            (chat_id, vk_id, person_id, reason, at.isoformat()),
        )

    async def member_left(self, *, chat_id: int, vk_id: int, at: datetime) -> None:
        await self._db.execute(
            "UPDATE chat_members SET left_at = ? WHERE chat_id = ? AND vk_id = ?",
            (at.isoformat(), chat_id, vk_id),
        )

    async def allow(self, *, chat_id: int, vk_id: int, by: int, at: datetime) -> None:
        await self._db.execute(
            "INSERT OR REPLACE INTO gate_allowances (chat_id, vk_id, allowed_by, allowed_at) "
            "VALUES (?, ?, ?, ?)",
            (chat_id, vk_id, by, at.isoformat()),
        )

    async def is_allowed(self, *, chat_id: int, vk_id: int) -> bool:
        row = await self._db.fetch_one(
            "SELECT 1 FROM gate_allowances WHERE chat_id = ? AND vk_id = ?", (chat_id, vk_id)
        )
        return row is not None

    async def present_members(self, *, chat_id: int) -> dict[int, int | None]:
        """VK id → person id of everyone the bot has seen join and not leave."""
        rows = await self._db.fetch_all(
            "SELECT vk_id, person_id FROM chat_members WHERE chat_id = ? AND left_at IS NULL",
            (chat_id,),
        )
        return {row["vk_id"]: row["person_id"] for row in rows}

    # --- chats bound before the bot had administrator rights (issue 15, item 9) ------------
    async def set_rights_pending(self, *, chat_id: int, since: datetime | None) -> None:
        await self._db.execute(
            "UPDATE chats SET rights_pending_since = ? WHERE id = ?",
            (since.isoformat() if since else None, chat_id),
        )

    async def rights_pending(self) -> list[SchoolChat]:
        rows = await self._db.fetch_all(
            _SELECT + "WHERE ch.archived_at IS NULL AND ch.rights_pending_since IS NOT NULL "
            "ORDER BY ch.id"
        )
        return [_chat(row) for row in rows]  # type: ignore[misc]

    async def set_title(self, *, chat_id: int, title: str) -> None:
        await self._db.execute("UPDATE chats SET title = ? WHERE id = ?", (title, chat_id))

    async def known_peers(self) -> set[int]:
        """Every chat the bot has ever run, archived ones too."""
        rows = await self._db.fetch_all("SELECT peer_id FROM chats")
        return {row["peer_id"] for row in rows}


def _chat(row) -> SchoolChat | None:
    if row is None:
        return None
    class_name = ClassName(row["grade"], row["letter"]) if row["grade"] is not None else None
    return SchoolChat(
        peer_id=row["peer_id"],
        kind=ChatKind(row["kind"]),
        class_name=class_name,
        subject=row["subject"],
        title=row["title"],
        id=row["id"],
    )
