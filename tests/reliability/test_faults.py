"""The bot through VK's bad days: every fault the sandbox can inject, one after another, in one
school. After each: the moderated message was acted on, the command answered, nothing sent
twice, and the bot still polls."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from bot.config import VkConfig
from bot.demo.world import running_world
from bot.domain.chats import ChatKind
from bot.sandbox_mode import embedded_config
from tests.e2e.moderation_setup import register
from tests.e2e.school_setup import set_up_school

pytestmark = [pytest.mark.e2e, pytest.mark.reliability]

OBSCENE = "ну это п.и.з.д.е.ц какой-то"
TIMEOUT = 1.0  # the bot's request timeout here; the "slow VK" fault waits longer than this


async def _inject(control, name: str) -> None:
    match name:
        case "longpoll failed 1" | "longpoll failed 2" | "longpoll failed 3":
            await control.inject_longpoll_failed(int(name[-1]))
        case "HTTP 500" | "HTTP 502":
            await control.inject_http_status(int(name[-3:]), count=3)
        case "dropped before the call":
            await control.inject_drop("messages.send", count=1)
            await control.inject_drop("longpoll", count=1)
        case "dropped after the call":
            await control.inject_drop("messages.send", count=2, executed=True)
        case "slower than the timeout":
            await control.inject_latency(TIMEOUT + 0.5, method="messages.send", count=1)
            await control.inject_latency(TIMEOUT + 0.5, method="messages.delete", count=1)
        case "error 6 burst":
            for method in ("messages.send", "messages.delete", "users.get"):
                await control.inject_error(method, code=6, count=3)
        case "error 10 on sends":
            await control.inject_error("messages.send", code=10, count=2)
        case _:
            raise AssertionError(name)


FAULTS = [
    "longpoll failed 1",
    "longpoll failed 2",
    "longpoll failed 3",
    "HTTP 500",
    "HTTP 502",
    "dropped before the call",
    "dropped after the call",
    "slower than the timeout",
    "error 6 burst",
    "error 10 on sends",
]


async def _warned(world, chat: int, author, since: int) -> None:
    """The warning about `author`'s message reached the chat (a retried send of an earlier
    warning may come in between: VK drops it, its `random_id` being the same)."""
    while True:
        action = await world.control.wait_action(
            "messages.send", since=since, timeout=10, peer_ids=str(chat)
        )
        since = action["seq"]
        if "error" not in action and f"id{author.id}|" in action["params"]["message"]:
            return


@pytest.fixture
async def world(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = embedded_config(tmp_path / "schoolbot.sqlite3")
    vk = VkConfig(**{**config.vk.model_dump(), "request_timeout": TIMEOUT})
    async with running_world(tmp_path, config=config.model_copy(update={"vk": vk})) as world:
        yield world


async def test_every_fault_is_survived(world):
    school = await set_up_school(world)
    authors = [await world.person("Ученик", f"№{n}") for n in range(len(FAULTS))]
    chat = await world.control.create_chat(
        "5А · ученики", member_ids=[school.curator.id] + [a.id for a in authors],
        owner_id=school.curator.id,
    )  # fmt: skip
    await register(world, chat, ChatKind.PUPILS, "5А · ученики")
    for fault, author in zip(FAULTS, authors, strict=True):
        await _inject(world.control, fault)
        if "longpoll" in fault or "before" in fault:
            # A long-poll fault hits the next poll request; a harmless message ends the one
            # being held, so the fault is met before the test's messages are written (failed=1
            # may, as on VK, skip what comes in the instant between).
            await world.control.write_chat(school.curator.id, chat, "Добрый день!")
            await asyncio.sleep(0.3)
        since = await world.mark()
        cmid = await world.control.write_chat(author.id, chat, OBSCENE)
        answer = await world.dm(school.stranger, "помощь")
        assert answer and "Здравствуйте" in answer[0], fault
        await world.control.wait_action(
            "messages.delete", since=since, timeout=10, peer_id=str(chat), cmids=str(cmid)
        )
        await _warned(world, chat, author, since)
        await world.control.reset_faults()

    # Still polling, and nobody got anything twice.
    assert "Здравствуйте" in (await world.dm(school.parent, "помощь"))[0]
    for peer in (chat, school.stranger.id, school.admin.id, school.curator.id):
        sent = [m for m in await world.control.messages(peer) if m["from_id"] < 0]
        repeats = Counter(m["random_id"] for m in sent)
        assert max(repeats.values(), default=1) == 1, peer
    deleted = [m for m in await world.control.messages(chat) if m["deleted"]]
    assert len(deleted) == len(FAULTS)
    warnings = [m for m in await world.control.messages(chat) if m["from_id"] < 0]
    assert len(warnings) == len(FAULTS)
