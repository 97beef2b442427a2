"""The Callback API scene: VK brings events to the bot's address; a repeat is done once; /health."""

from __future__ import annotations

import asyncio
import socket
import tempfile
from pathlib import Path

import aiohttp

from bot.config import config_from_mapping
from bot.demo.transcript import Transcript
from bot.demo.world import World, running_world
from bot.sandbox_mode import SANDBOX_ADMIN_ID
from bot.texts import demo as texts

SECRET = "demo-callback-secret"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _settled(world: World) -> list[dict]:
    """The message's deliveries, once VK's repeat is answered and nothing waits in the inbox."""
    mine: list[dict] = []
    for _ in range(100):
        deliveries = await world.control.callback_deliveries()
        mine = [d for d in deliveries if d["type"] == "message_new"]
        inbox = world.app.inbox
        if len(mine) >= 2 and inbox is not None and await inbox.pending() == 0:
            break
        await asyncio.sleep(0.05)
    return mine


async def scene_callback_intake(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_CALLBACK)
    with tempfile.TemporaryDirectory() as tmp:
        config = config_from_mapping(
            {
                "vk": {"group_id": 1, "intake": "callback",
                       "callback": {"port": _free_port(), "secret": SECRET}},
                "school": {"name": world.config.school.name, "admins": [SANDBOX_ADMIN_ID]},
                "storage": {"path": str(Path(tmp) / "callback.sqlite3")},
            },
            environ={},
        )  # fmt: skip
        async with running_world(Path(tmp), config=config, clock=world.clock) as district:
            out.note(texts.NOTE_CALLBACK_CONFIRMED.format(url=district.app.callback_url))
            parent = await district.person("Анна", "Петрова")
            await district.control.repeat_next_callbacks(1)
            answer = await district.dm(parent, "помощь")
            out.line(parent.name, texts.DM, "помощь")
            out.line(texts.BOT, texts.DM, answer[0].split("\n")[0])
            mine = await _settled(district)
            out.note(texts.render_callback_deliveries(
                [(d["retry"], d["status"], d["answer"]) for d in mine]
            ))  # fmt: skip
            base = district.app.callback_url.rsplit("/", 2)[0]
            async with aiohttp.ClientSession() as http, http.get(f"{base}/health") as reply:
                health = await reply.json()
            out.note(texts.render_callback_health(
                reply.status, health["intake"]["handled"], health["intake"]["repeats"],
                health["intake"]["pending"],
            ))  # fmt: skip
