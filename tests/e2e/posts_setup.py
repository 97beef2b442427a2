"""Helpers for the channel and post tests: a preview with its buttons, and pressing them."""

from __future__ import annotations

import json
from dataclasses import dataclass

from bot.demo.world import Person, World

CHAT_BASE = 2_000_000_000


@dataclass
class Preview:
    text: str
    cmid: int
    payloads: dict[str, dict]  # button label → payload
    post_id: int


async def preview(world: World, who: Person, command: str, **extra) -> Preview:
    """`who` writes a post command to the community; the bot answers with a preview."""
    since = await world.mark()
    await world.control.write_dm(who.id, command, **extra)
    while True:
        action = await world.control.wait_action(
            "messages.send", since=since, timeout=5, peer_ids=str(who.id)
        )
        since = action["seq"]
        if "error" not in action and "keyboard" in action["params"]:
            break
        if "error" not in action:
            raise AssertionError(f"no preview, the bot said: {action['params']['message']}")
    keyboard = json.loads(action["params"]["keyboard"])
    payloads = {
        b["action"]["label"]: json.loads(b["action"]["payload"])
        for row in keyboard["buttons"]
        for b in row
    }
    return Preview(
        action["params"]["message"],
        int(action["response"][0]["conversation_message_id"]),
        payloads,
        payloads["Опубликовать"]["post"],
    )


async def press(world: World, who: Person, shown: Preview, label: str = "Опубликовать") -> str:
    """Press a button under the preview; returns the pop-up note the bot answered with."""
    since = await world.mark()
    await world.control.press_button(who.id, who.id, shown.cmid, shown.payloads[label])
    answer = await world.control.wait_action("messages.sendMessageEventAnswer", since=since)
    return json.loads(answer["params"]["event_data"])["text"]


async def create_channel(world: World, admin: Person, what: str = "канал") -> int:
    answer = (await world.dm(admin, f"создать чат {what}"))[0]
    assert "создан" in answer, answer
    return await _last_chat(world)


async def _last_chat(world: World) -> int:
    created = [a for a in await world.control.actions(0) if a["method"] == "messages.createChat"]
    return CHAT_BASE + int(created[-1]["response"]["chat_id"])


def posted(messages: list[dict], text: str) -> list[dict]:
    """The bot's messages in a conversation that carry `text`."""
    return [m for m in messages if m["from_id"] < 0 and text in (m["text"] or "")]
