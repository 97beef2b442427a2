"""The demo school in the sandbox, for the page's «Заполнить демо-школой» button.

It is built the way a school builds itself: the administrator sends the roster and names the
curator, the curator asks the bot for the class's chats, and the families and pupils join them.
Everything goes through the bot over the sandbox, so the database and the sandbox agree.
"""

from __future__ import annotations

import base64
from importlib import resources

from bot.demo.world import Person, World
from bot.domain.chats import ChatKind
from bot.domain.classes import ClassName
from bot.storage.chat_repo import ChatRepo
from bot.texts import sandbox as texts

CURATOR_ID = 3001
CLASS = ClassName(5, "А")


async def fill_demo_school(world: World) -> str:
    """Fills the sandbox with a small school; returns what to tell the person who asked."""
    known = {user["id"] for user in await world.control.users()}
    if CURATOR_ID in known:
        return texts.DEMO_ALREADY
    try:
        await _build(world)
    except TimeoutError as error:
        raise RuntimeError(texts.DEMO_FAILED.format(error=str(error)[:200])) from None
    return texts.DEMO_READY


async def _build(world: World) -> None:
    admin_id = world.config.school.admins[0]
    admin = world.people.get(admin_id) or Person(admin_id, "Администратор 1")
    await world.control.set_note(admin.id, texts.NOTE_ADMIN)
    curator = await world.person("Ольга", "Николаевна", user_id=CURATOR_ID, note=texts.NOTE_CURATOR)
    mother = await world.person("Елена", "Иванова", user_id=2001, note=texts.NOTE_MOTHER)
    kuznetsova = await world.person("Наталья", "Кузнецова", user_id=2003, note=texts.NOTE_PARENT)
    pupils = [
        await world.person("Пётр", "Иванов", user_id=1001, note=texts.NOTE_PUPIL),
        await world.person(
            "Артём", "Смирнов", user_id=1003, screen_name="artem_smirnov", note=texts.NOTE_PUPIL
        ),
    ]
    await world.person("Случайный", "Прохожий", note=texts.NOTE_STRANGER)

    roster = resources.files("bot.demo").joinpath("roster.csv").read_bytes()
    doc = {"type": "doc", "title": "roster.csv", "content_b64": base64.b64encode(roster).decode()}
    await world.dm(admin, "", attachments=[doc])
    link = f"[id{curator.id}|Ольга Николаевна]"
    await world.dm(admin, f"назначить куратора 5А {link}")
    await world.dm(admin, f"добавить учителя {link} математика 5А 6Б")

    chats = ChatRepo(world.app.db)
    for word, kind, members in (
        ("родители", ChatKind.PARENTS, [mother, kuznetsova]),
        ("ученики", ChatKind.PUPILS, pupils),
    ):
        await world.dm(curator, f"создать чат 5А {word}")
        chat = await chats.find(kind=kind, class_name=CLASS)
        if chat is None:
            raise RuntimeError(f"the bot did not create the chat «5А {word}»")
        join = await world.app.services.messenger.invite_link(chat.peer_id)
        for who in (curator, *members):
            await world.control.join_by_link(who.id, join)
