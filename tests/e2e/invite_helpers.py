"""Helpers for the invitation tests: the curator's list of links, messages with buttons, presses."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from bot.demo.world import Person, World

LINE = re.compile(r"^\d+\. (.+?) → (https://vk\.me/school1\?ref=([A-Z0-9]+))$", re.M)


@dataclass(frozen=True)
class Issued:
    who: str  # «Иванова Елена Викторовна (родитель: …)»
    link: str
    code: str  # the bare code the link carries

    @property
    def display(self) -> str:
        """The code as a person reads it from a sheet: «K7QF-9XWM-2PR»."""
        return f"{self.code[:4]}-{self.code[4:8]}-{self.code[8:]}"


@dataclass
class Shown:
    """A message the bot sent with callback buttons."""

    text: str
    peer_id: int
    cmid: int
    payloads: dict[str, dict]  # label → payload


async def curator_ready(world: World, curator: Person) -> None:
    """The curator has written to the community once, so the bot may write to her."""
    await world.dm(curator, "кто я")


async def issue(world: World, who: Person, command: str) -> tuple[str, list[Issued]]:
    """`who` asks for invitations; returns the list message and the links in it, once the PDF
    of the same invitations has arrived too."""
    since = await world.mark()
    await world.control.write_dm(who.id, command)
    listing = await world.reply_starting(who.id, since, ("Готово:", "Новых приглашений"))
    found = [Issued(m.group(1), m.group(2), m.group(3)) for m in LINE.finditer(listing)]
    if found:
        await world.reply_starting(who.id, since, "Листовки для печати")
    return listing, found


def for_whom(issued: list[Issued], name: str) -> Issued:
    return next(i for i in issued if i.who.startswith(name))


async def claim(world: World, person: Person, link: str, **extra) -> dict:
    """`person` opens a personal link; returns the bot's answer (the messages.send call)."""
    since = await world.mark()
    await world.control.open_ref_link(person.id, link, **extra)
    while True:
        action = await world.control.wait_action(
            "messages.send", since=since, timeout=5, peer_ids=str(person.id)
        )
        if "error" not in action:
            return action
        since = action["seq"]


def join_link_from(action: dict) -> str:
    keyboard = json.loads(action["params"]["keyboard"])
    return keyboard["buttons"][0][0]["action"]["link"]


async def next_with_buttons(world: World, peer_id: int, since: int) -> Shown:
    """The bot's next message to `peer_id` after `since` that carries callback buttons."""
    while True:
        action = await world.control.wait_action(
            "messages.send", since=since, timeout=5, peer_ids=str(peer_id)
        )
        since = action["seq"]
        if "error" in action or "keyboard" not in action["params"]:
            continue
        keyboard = json.loads(action["params"]["keyboard"])
        payloads = {
            b["action"]["label"]: json.loads(b["action"]["payload"])
            for row in keyboard["buttons"]
            for b in row
            if b["action"]["type"] == "callback"
        }
        if payloads:
            cmid = int(action["response"][0]["conversation_message_id"])
            return Shown(action["params"]["message"], peer_id, cmid, payloads)


async def press(world: World, who: Person, shown: Shown, label: str) -> str:
    """`who` presses a button under `shown`; returns the bot's pop-up note."""
    since = await world.mark()
    await world.control.press_button(who.id, shown.peer_id, shown.cmid, shown.payloads[label])
    answer = await world.control.wait_action("messages.sendMessageEventAnswer", since=since)
    return json.loads(answer["params"]["event_data"])["text"]


def forged_press(number: int, user_id: int, peer_id: int, payload) -> dict:
    """A `message_event` as a tampered client could make VK deliver it."""
    return {
        "type": "message_event",
        "group_id": 1,
        "event_id": f"forged-inv-{number}",
        "v": "5.199",
        "object": {
            "user_id": user_id,
            "peer_id": peer_id,
            "event_id": f"press-inv-{number}",
            "payload": payload,
            "conversation_message_id": 1,
        },
    }
