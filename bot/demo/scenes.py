"""The demo's scenes, one per feature, played in order in one world."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.demo.transcript import Transcript
from bot.demo.world import World
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


SCENES: list[Scene] = [scene_first_contact]
