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
    known = {user["id"] for user in await world.control.users()}

    async def person(first: str, last: str, user_id: int, note: str, **extra: str) -> Person:
        # `schoolbot run` already has the example roster's people on VK: they play themselves.
        if user_id not in known:
            return await world.person(first, last, user_id=user_id, note=note, **extra)
        await world.control.set_note(user_id, note)
        who = world.people[user_id] = Person(user_id, f"{first} {last}")
        return who

    curator = await person("Ольга", "Николаевна", CURATOR_ID, texts.NOTE_CURATOR)
    mother = await person("Елена", "Иванова", 2001, texts.NOTE_MOTHER)
    kuznetsova = await person("Наталья", "Кузнецова", 2003, texts.NOTE_PARENT)
    pupils = [
        await person("Пётр", "Иванов", 1001, texts.NOTE_PUPIL),
        await person("Артём", "Смирнов", 1003, texts.NOTE_PUPIL, screen_name="artem_smirnov"),
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
