"""The demo's scenes of issue 15.1 and 17.2: a forwarded code refused to a stranger, and the
class join link a curator posts once and approves with one tap."""

from __future__ import annotations

import json
import re

from bot.demo.transcript import Transcript
from bot.demo.world import Person, World
from bot.texts import demo as texts


async def _with_buttons(world: World, peer_id: int, since: int) -> tuple[str, int, dict]:
    """The bot's next message to `peer_id` with callback buttons: text, cmid, label → payload."""
    while True:
        action = await world.control.wait_action(
            "messages.send", since=since, peer_ids=str(peer_id)
        )
        since = action["seq"]
        if "error" in action or "keyboard" not in action["params"]:
            continue
        buttons = json.loads(action["params"]["keyboard"])["buttons"]
        payloads = {
            b["action"]["label"]: json.loads(b["action"]["payload"])
            for row in buttons
            for b in row
            if b["action"]["type"] == "callback"
        }
        if payloads:
            cmid = int(action["response"][0]["conversation_message_id"])
            return action["params"]["message"], cmid, payloads


async def _press(world: World, who: Person, peer_id: int, cmid: int, payload: dict) -> str:
    since = await world.mark()
    await world.control.press_button(who.id, peer_id, cmid, payload)
    pressed = await world.control.wait_action("messages.sendMessageEventAnswer", since=since)
    return json.loads(pressed["params"]["event_data"])["text"]


async def _opens(world: World, who: Person, link: str, text: str = "Начать") -> dict:
    since = await world.mark()
    await world.control.open_ref_link(who.id, link, text=text)
    return await world.control.wait_action("messages.send", since=since, peer_ids=str(who.id))


async def scene_forwarded_code(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_FORWARDED)
    curator = world.people[3001]
    artem = world.people.get(1003) or await world.person("Артём", "Смирнов", user_id=1003)
    stranger = await world.person("Чужой", "Аккаунт")
    command = "пригласить 5А Смирнов Артём"
    since = await world.mark()
    await world.control.write_dm(curator.id, command)
    listing = await world.reply_starting(curator.id, since, "Готово:")
    out.line(curator.name, texts.DM, command)
    out.line(texts.BOT, texts.DM, listing)
    link = re.search(r"https://vk\.me/\S+", listing).group(0)
    out.note(texts.NOTE_FORWARDED)
    since = await world.mark()
    refused = await _opens(world, stranger, link)
    out.line(stranger.name, texts.DM, texts.OPENS_LINK)
    out.line(texts.BOT, texts.DM, refused["params"]["message"])
    notice, cmid, payloads = await _with_buttons(world, curator.id, since)
    out.line(texts.BOT, texts.DM_TO.format(name=curator.name), notice + texts.OWNER_BUTTONS)
    note = await _press(world, curator, curator.id, cmid, payloads["Не впускать"])
    out.line(curator.name, texts.DM, texts.PRESSED_DENY)
    out.note(texts.NOTE_BUTTON_ANSWER.format(note=note))
    out.note(texts.NOTE_OWNER_OPENS)
    accepted = await _opens(world, artem, link)
    out.line(artem.name, texts.DM, texts.OPENS_LINK)
    out.line(texts.BOT, texts.DM, accepted["params"]["message"] + texts.BUTTON)


async def scene_class_link(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_CLASS_LINK)
    admin = world.people[world.config.school.admins[0]]
    curator = world.people[3001]
    out.note(texts.NOTE_CLASS_LINK_SETUP)
    for who, text in (
        (admin, f"назначить куратора 6Б [id{curator.id}|Ольга Николаевна]"),
        (curator, "создать чат 6Б родители"),
    ):
        await world.dm(who, text)
    command = "ссылка для класса 6Б родители"
    answer = await world.dm(curator, command)
    out.line(curator.name, texts.DM, command)
    out.line(texts.BOT, texts.DM, answer[0])
    link = re.search(r"https://vk\.me/\S+", answer[0]).group(0)
    out.note(texts.NOTE_CLASS_LINK_POSTED)
    mother = await world.person("Ирина", "Попова")
    question = await _opens(world, mother, link)
    out.line(mother.name, texts.DM, texts.OPENED_CLASS_LINK)
    out.line(texts.BOT, texts.DM, question["params"]["message"])
    since = await world.mark()
    answer = await world.dm(mother, texts.WHOSE_PARENT)
    out.line(mother.name, texts.DM, texts.WHOSE_PARENT)
    out.line(texts.BOT, texts.DM, answer[0])
    request, cmid, payloads = await _with_buttons(world, curator.id, since)
    out.line(texts.BOT, texts.DM_TO.format(name=curator.name), request + texts.REQUEST_BUTTONS)
    since = await world.mark()
    note = await _press(world, curator, curator.id, cmid, payloads["Впустить"])
    out.line(curator.name, texts.DM, texts.PRESSED_ADMIT)
    out.note(texts.NOTE_BUTTON_ANSWER.format(note=note))
    approved = await world.control.wait_action(
        "messages.send", since=since, peer_ids=str(mother.id)
    )
    out.line(texts.BOT, texts.DM_TO.format(name=mother.name),
             approved["params"]["message"] + texts.BUTTON)  # fmt: skip
    join = json.loads(approved["params"]["keyboard"])["buttons"][0][0]["action"]["link"]
    peer = await world.control.join_by_link(mother.id, join)
    out.note(texts.NOTE_JOINED_AS.format(title=(await world.control.chat(peer))["title"]))
    out.note(texts.NOTE_CLASS_LINK_STRANGER)
    stranger = await world.person("Посторонний", "Гость")
    await _opens(world, stranger, link)
    out.line(stranger.name, texts.DM, texts.OPENED_CLASS_LINK)
    for guess in texts.STRANGER_GUESSES:
        answer = await world.dm(stranger, guess)
        out.line(stranger.name, texts.DM, guess)
        out.line(texts.BOT, texts.DM, answer[0])
    out.note(texts.NOTE_CURATOR_UNTROUBLED)
