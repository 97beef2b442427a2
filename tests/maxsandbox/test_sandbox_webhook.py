"""Webhooks as MAX runs them: the secret header, retries until 200, giving up, and long polling
switched off while a subscription is active."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web

SECRET = "school_secret_1"


class Receiver:
    """The bot's webhook endpoint: answers from a script of statuses, then 200."""

    def __init__(self) -> None:
        self.got: list[tuple[str | None, dict[str, Any]]] = []
        self.failures: dict[str, int] = {}  # update_type -> how many times to answer 500
        self.changed = asyncio.Event()
        self.url = ""

    async def handle(self, request: web.Request) -> web.Response:
        update = await request.json()
        self.got.append((request.headers.get("X-Max-Bot-Api-Secret"), update))
        self.changed.set()
        status = 200
        if self.failures.get(update["update_type"], 0) > 0:
            self.failures[update["update_type"]] -= 1
            status = 500
        return web.json_response({"ok": status == 200}, status=status)

    async def wait_for(self, count: int) -> None:
        while len(self.got) < count:
            self.changed.clear()
            await asyncio.wait_for(self.changed.wait(), 5)


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    rec = Receiver()
    app = web.Application()
    app.router.add_post("/max", rec.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    rec.url = f"http://127.0.0.1:{runner.addresses[0][1]}/max"
    yield rec
    await runner.cleanup()


async def test_subscription_checks_the_url_and_the_secret(api):
    async def code(body: dict) -> int:
        return (await api.request("POST", "/subscriptions", json=body))[0]

    assert await code({"url": "http://bot.example/max"}) == 400  # https only
    assert await code({"url": "https://bot.example/max", "secret": "abc"}) == 400  # 5..256
    assert await code({"url": "https://bot.example/max", "secret": "has space"}) == 400
    assert await code({"url": "https://bot.example/max", "update_types": ["nope"]}) == 400
    assert await code({"url": "https://bot.example/max", "secret": "a" * 256}) == 200
    subs = (await api.ok("GET", "/subscriptions"))["subscriptions"]
    assert [s["url"] for s in subs] == ["https://bot.example/max"] and subs[0]["time"] > 0


async def test_updates_are_posted_with_the_secret_and_long_polling_is_off(
    api, control, receiver, parent
):
    await api.ok("POST", "/subscriptions", json={"url": receiver.url, "secret": SECRET})
    assert await api.error("GET", "/updates") == (405, "method.not.allowed")
    await control.start_bot(parent, payload="inv_1")
    await control.write_dm(parent, "привет")
    await receiver.wait_for(2)
    assert [(s, u["update_type"]) for s, u in receiver.got] == [
        (SECRET, "bot_started"),
        (SECRET, "message_created"),
    ]
    await api.ok("DELETE", "/subscriptions", params={"url": receiver.url})
    await control.write_dm(parent, "снова поллинг")
    assert [u["message"]["body"]["text"] for u in (await api.updates())["updates"]] == [
        "снова поллинг"
    ]


async def test_a_non_200_answer_is_retried_and_others_keep_flowing(api, control, receiver, parent):
    await api.ok("POST", "/subscriptions", json={"url": receiver.url})
    receiver.failures = {"bot_started": 2}
    await control.start_bot(parent)
    await receiver.wait_for(1)
    await control.write_dm(parent, "второе")
    await receiver.wait_for(4)
    order = [u["update_type"] for _, u in receiver.got]
    # Refused twice, bot_started came a third time, after the later message: the bot must
    # not rely on the order of webhook updates.
    assert order == ["bot_started", "message_created", "bot_started", "bot_started"]
    statuses = [d["status"] for d in await control.webhook_deliveries()]
    assert statuses == [500, 200, 500, 200]


async def test_update_types_filter_and_permission_changes_by_webhook(
    api, control, receiver, teacher
):
    await api.ok(
        "POST",
        "/subscriptions",
        json={"url": receiver.url, "update_types": ["bot_added", "bot_admin_permissions_changed"]},
    )
    chat = await control.create_chat("5А", teacher, with_bot=True)
    await control.rename_chat(teacher, chat, "5А класс")
    await control.set_bot_permissions(chat, teacher, ["read_all_messages"])
    await receiver.wait_for(2)
    changed = receiver.got[1][1]
    assert changed["update_type"] == "bot_admin_permissions_changed"
    assert changed["is_admin"] and changed["permissions"] == ["read_all_messages"]


@pytest.fixture
def sandbox_options() -> dict[str, Any]:
    # The first retry comes well after the next update was delivered.
    return {"webhook_retry_base": 0.3, "rps_limit": 1000, "per_chat_limit": 1000}


async def test_a_bot_that_never_answers_200_is_unsubscribed(
    api, control, sandbox, receiver, parent
):
    sandbox.webhooks.give_up, sandbox.webhooks.retry_base = 0.2, 0.02  # MAX: 8 hours
    await api.ok("POST", "/subscriptions", json={"url": receiver.url})
    receiver.failures = {"bot_started": 10_000}
    await control.start_bot(parent)
    for _ in range(100):
        if not (await api.ok("GET", "/subscriptions"))["subscriptions"]:
            break
        await asyncio.sleep(0.05)
    assert (await api.ok("GET", "/subscriptions"))["subscriptions"] == []
    assert (await api.updates())["updates"] == []  # polling works again (the lost one is lost)
