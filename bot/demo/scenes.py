"""The demo's scenes, one per feature, played in order in one world."""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from importlib import resources

from bot.demo.transcript import Transcript
from bot.demo.world import World
from bot.domain.chats import ChatKind, SchoolChat
from bot.domain.classes import ClassName
from bot.storage.chat_repo import ChatRepo
from bot.texts import demo as texts

Scene = Callable[[World, Transcript], Awaitable[None]]


async def scene_first_contact(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_FIRST_CONTACT)
    parent = await world.person("Анна", "Петрова")
    out.note(texts.NOTE_START_BUTTON)
    answer = await world.dm(parent, "Начать", payload={"command": "start"})
    out.line(parent.name, texts.DM, "Начать")
    out.line(texts.BOT, texts.DM, answer[0])
    peer = await world.control.create_chat(
        "5А · родители", member_ids=[parent.id], owner_id=parent.id, bot_admin=True
    )
    mention = f"[club{world.config.vk.group_id}|@school1] помощь"
    answer = await world.say(parent, peer, mention)
    out.line(parent.name, texts.CHAT.format(title="5А · родители"), mention)
    out.line(texts.BOT, texts.CHAT.format(title="5А · родители"), answer[0])


async def scene_school_setup(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_SCHOOL_SETUP)
    admin = world.people[world.config.school.admins[0]]
    teacher = await world.person("Ольга", "Николаевна", user_id=3001)
    await world.person("Артём", "Смирнов", user_id=1003, screen_name="artem_smirnov")
    parent = await world.person("Елена", "Иванова", user_id=2001)
    roster = resources.files("bot.demo").joinpath("roster.csv").read_bytes()
    doc = {"type": "doc", "title": "roster.csv", "content_b64": base64.b64encode(roster).decode()}
    out.note(texts.NOTE_ROSTER)
    answer = await world.dm(admin, "", attachments=[doc])
    out.line(admin.name, texts.DM, texts.FILE.format(title="roster.csv"))
    out.line(texts.BOT, texts.DM, answer[0])
    for text in (
        f"назначить куратора 5А [id{teacher.id}|Ольга Николаевна]",
        f"добавить учителя [id{teacher.id}|Ольга Николаевна] математика 5А 6Б",
        "классы",
    ):
        answer = await world.dm(admin, text)
        out.line(admin.name, texts.DM, text)
        out.line(texts.BOT, texts.DM, answer[0])
    out.note(texts.NOTE_PARENT_TRIES)
    for text in ("добавить класс 7В", "кто я"):
        answer = await world.dm(parent, text)
        out.line(parent.name, texts.DM, text)
        out.line(texts.BOT, texts.DM, answer[0])


async def scene_moderation(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_MODERATION)
    curator, parent = world.people[3001], world.people[2001]
    pupil = await world.person("Пётр", "Иванов", user_id=1001)
    chats = ChatRepo(world.app.db)
    peers = {}
    for kind, title, member in (
        (ChatKind.PUPILS, "5А · ученики", pupil),
        (ChatKind.PARENTS, "5А · родители", parent),
    ):
        # The curator owns the chats: VK never lets anyone delete the owner's messages.
        peer = await world.control.create_chat(
            title, member_ids=[curator.id, member.id], owner_id=curator.id
        )
        await chats.add(
            chat=SchoolChat(peer, kind, ClassName(5, "А"), title=title), created_by_bot=False
        )
        peers[kind] = peer
    out.note(texts.NOTE_CHATS_BOUND)
    await world.control.allow_messages(curator.id)
    out.note(texts.NOTE_CURATOR_ALLOWS)
    for who, kind, text in (
        (pupil, ChatKind.PUPILS, "ну это п.и.з.д.е.ц какой-то"),
        (parent, ChatKind.PARENTS, "Переведите на карту 2200 7001 2345 6781, пожалуйста"),
    ):
        since = await world.mark()
        where = texts.CHAT.format(
            title="5А · ученики" if kind is ChatKind.PUPILS else "5А · родители"
        )
        warning = await world.say(who, peers[kind], text)
        out.line(who.name, where, text)
        out.note(texts.NOTE_DELETED)
        out.line(texts.BOT, where, warning[0])
        alert = await world.replies(curator.id, since)
        out.note(texts.NOTE_ALERT)
        out.line(texts.BOT, f"{texts.DM} ({curator.name})", alert[0])


SCENES: list[Scene] = [scene_first_contact, scene_school_setup, scene_moderation]
