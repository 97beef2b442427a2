"""School chats for the moderation tests: a moderation chat, 5А pupils' and parents' chats."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from bot.demo.world import World
from bot.domain.chats import ChatKind, SchoolChat
from bot.domain.classes import ClassName
from bot.storage.chat_repo import ChatRepo
from tests.e2e.school_setup import School

C5A = ClassName(5, "А")
# The sandbox numbers chats from 1 and the moderation chat is created first.
LOG_CHAT = 2_000_000_001


@dataclass
class Chats:
    log: int
    pupils: int
    parents: int


async def register(world: World, peer_id: int, kind: ChatKind, title: str) -> None:
    """Through the real repository, as «привязать чат» will do."""
    chat = SchoolChat(peer_id, kind, C5A, title=title)
    await ChatRepo(world.app.db).add(chat=chat, created_by_bot=False)


async def set_up_chats(world: World, school: School) -> Chats:
    control = world.control
    log = await control.create_chat(
        "Модерация", member_ids=[school.admin.id, school.parent.id], owner_id=school.admin.id
    )
    assert log == LOG_CHAT
    # The curator owns the class chats: VK never lets anyone delete the owner's messages.
    pupils = await control.create_chat(
        "5А · ученики",
        member_ids=[school.curator.id, school.pupil.id, school.stranger.id],
        owner_id=school.curator.id,
    )
    parents = await control.create_chat(
        "5А · родители",
        member_ids=[school.curator.id, school.parent.id, school.stranger.id],
        owner_id=school.curator.id,
    )
    await register(world, pupils, ChatKind.PUPILS, "5А · ученики")
    await register(world, parents, ChatKind.PARENTS, "5А · родители")
    return Chats(log, pupils, parents)


def rows(world: World, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(world.config.storage.path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def dump(world: World) -> str:
    """The whole database as SQL text."""
    conn = sqlite3.connect(world.config.storage.path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()
