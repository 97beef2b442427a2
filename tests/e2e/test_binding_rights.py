"""Binding a chat where the bot is not an administrator yet (issue 15, item 9).

VK answers `messages.getConversationsById` for such a chat with `count: 0` (the sandbox does the
same): the bot must read that as "no rights yet", remember the chat, and finish the job — the
chat's real title, the pinned welcome — once the rights come, however it learns of them.
"""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from tests.e2e.school_setup import set_up_school

pytestmark = pytest.mark.e2e

OLD_TITLE = "Родители 5А (старый)"


def chat_row(world, peer: int) -> tuple[str, str | None, int | None]:
    db = sqlite3.connect(world.config.storage.path)
    try:
        return db.execute(
            "SELECT title, rights_pending_since, welcome_cmid FROM chats WHERE peer_id = ?",
            (peer,),
        ).fetchone()
    finally:
        db.close()


async def settled_row(world, peer: int) -> tuple[str, str | None, int | None]:
    """The chat's row once the bot has written down that the binding is complete."""
    for _ in range(100):
        row = chat_row(world, peer)
        if row[1] is None:
            return row
        await asyncio.sleep(0.02)
    return row


async def bound_without_rights(world, school, title: str = OLD_TITLE, what="5А родители"):
    peer = await world.control.create_chat(
        title, [school.curator.id, school.parent.id], owner_id=school.curator.id, bot_admin=False
    )
    answer = (await world.say(school.curator, peer, f"[club1|@school1] привязать {what}"))[0]
    return peer, answer


async def test_the_bot_asks_for_rights_and_finishes_on_the_next_message(world):
    school = await set_up_school(world)
    peer, answer = await bound_without_rights(world, school)
    assert "теперь чат родителей 5А" in answer
    assert "сделайте меня администратором чата" in answer
    assert "Меня нет в чате" not in answer  # count 0 is not "not a member"
    assert "Как только права появятся, я сам возьму название чата" in answer
    assert answer.endswith("написать здесь снова: @school1 привязать 5А родители")
    title, pending, welcome = chat_row(world, peer)
    assert title == "5А · родители" and pending is not None and welcome is None
    assert (await world.control.chat(peer))["pinned_cmid"] is None
    status = (await world.dm(school.curator, "статус 5А"))[0]
    assert "я не администратор" in status and "меня нет в этом чате" not in status

    await world.control.set_bot_admin(peer, True)  # VK sends no event for this
    since = await world.mark()
    await world.control.write_chat(school.parent.id, peer, "Всем добрый вечер!")
    pin = await world.control.wait_action("messages.pin", since=since, peer_id=str(peer))
    welcome_text = next(
        m["text"]
        for m in await world.control.messages(peer)
        if m["conversation_message_id"] == int(pin["params"]["cmid"])
    )
    assert welcome_text.startswith("Школа") and "Правила:" in welcome_text
    assert (await world.control.chat(peer))["pinned_cmid"] == int(pin["params"]["cmid"])
    title, pending, welcome = await settled_row(world, peer)
    assert (title, pending, welcome) == (OLD_TITLE, None, int(pin["params"]["cmid"]))
    # Done once: more talk asks VK nothing more about the chat.
    since = await world.mark()
    await world.control.write_chat(school.parent.id, peer, "Как дела?")
    calls = [a["method"] for a in await world.quiet(since)]
    assert "messages.getConversationsById" not in calls and "messages.pin" not in calls


async def test_the_periodic_check_finishes_a_quiet_chat_even_after_a_restart(world):
    school = await set_up_school(world)
    peer, _ = await bound_without_rights(world, school)
    await world.restart()  # the chat is remembered in the database, not only in memory
    since = await world.mark()
    await world.advance(minutes=10)
    assert [a for a in await world.quiet(since) if a["method"] == "messages.pin"] == []
    await world.control.set_bot_admin(peer, True)
    since = await world.mark()
    await world.advance(minutes=10)  # nobody writes; the job asks VK
    await world.control.wait_action("messages.pin", since=since, peer_id=str(peer))
    assert (await settled_row(world, peer))[:2] == (OLD_TITLE, None)


async def test_writing_the_command_again_finishes_the_binding(world):
    school = await set_up_school(world)
    peer, _ = await bound_without_rights(world, school, "Наш класс", "5А ученики")
    # Without the rights VK shows the bot only what mentions it.
    again = (await world.say(school.curator, peer, "@school1 привязать 5А ученики"))[0]
    assert "уже привязан" in again and "сделайте меня администратором" in again
    await world.control.set_bot_admin(peer, True)
    since = await world.mark()
    await world.control.write_chat(school.curator.id, peer, "/привязать 5А ученики")
    replies = await world.replies(peer, since, count=2)
    done = next(r for r in replies if r.startswith("Спасибо, права администратора у меня есть"))
    assert "«Наш класс»" in done
    assert (await settled_row(world, peer))[:2] == ("Наш класс", None)
