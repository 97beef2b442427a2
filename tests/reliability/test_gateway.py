"""The VK gateway against the sandbox: the rate it keeps, what it retries and what it never
does, and sends that reach a person once however often they are tried."""

from __future__ import annotations

import asyncio

import pytest

from bot.services.ports import (
    MessengerError,
    MessengerUnavailable,
    NotChatAdmin,
    RecipientUnreachable,
)
from bot.vk.gateway import VkGateway
from bot.vk.retry import RETRYABLE_CODES
from tests.reliability.conftest import make_api

pytestmark = pytest.mark.reliability


@pytest.fixture
def gateway(api) -> VkGateway:
    return VkGateway(api, group_id=1)


async def calls_of(control, method: str) -> list[dict]:
    return [a for a in await control.actions() if a["method"] == method]


@pytest.mark.parametrize("rps", [5, 20])
async def test_never_more_requests_in_any_second_than_configured(sandbox, control, rps):
    api = make_api(sandbox, rps=rps)
    try:
        gateway = VkGateway(api, group_id=1)
        await asyncio.gather(*(gateway.user_names([100001]) for _ in range(2 * rps + 5)))
    finally:
        await api.close()
    stats = await control.stats()
    assert stats["calls"] == 2 * rps + 5
    assert stats["rate_limited"] == 0
    assert stats["max_calls_in_any_second"] <= rps


async def test_an_error_6_burst_is_waited_out(gateway, control):
    user = await control.create_user("Анна", "Петрова")
    await control.inject_error("users.get", code=6, count=3)
    assert await gateway.user_names([user]) == {user: "Анна Петрова"}
    answers = await calls_of(control, "users.get")
    assert [a.get("error", {}).get("error_code") for a in answers] == [6, 6, 6, None]


@pytest.mark.parametrize("code", sorted(RETRYABLE_CODES))
async def test_passing_errors_are_retried(gateway, control, code):
    user = await control.create_user("Анна", "Петрова")
    await control.inject_error("users.get", code=code, count=1)
    assert await gateway.user_names([user]) == {user: "Анна Петрова"}
    assert len(await calls_of(control, "users.get")) == 2


@pytest.mark.parametrize(
    ("code", "error"),
    [
        (5, MessengerUnavailable),
        (15, MessengerUnavailable),
        (100, MessengerError),
        (901, RecipientUnreachable),
        (917, NotChatAdmin),
        (925, NotChatAdmin),
    ],
)
async def test_what_cannot_succeed_is_never_retried(gateway, control, code, error):
    user = await control.create_user("Анна", "Петрова")
    await control.write_dm(user, "привет")
    await control.inject_error("messages.send", code=code, count=None)
    with pytest.raises(error) as raised:
        await gateway.send(user, "ответ", dedup_key="k")
    assert raised.value.code == code
    assert len(await calls_of(control, "messages.send")) == 1


async def test_a_timeout_is_retried(sandbox, control):
    user = await control.create_user("Анна", "Петрова")
    api = make_api(sandbox, timeout=0.3)
    try:
        await control.inject_latency(1.0, method="users.get", count=1)
        assert await VkGateway(api, 1).user_names([user]) == {user: "Анна Петрова"}
    finally:
        await api.close()


@pytest.mark.parametrize("status", [500, 502])
async def test_an_http_error_page_is_retried(gateway, control, status):
    user = await control.create_user("Анна", "Петрова")
    await control.inject_http_status(status, method="users.get", count=2)
    assert await gateway.user_names([user]) == {user: "Анна Петрова"}


@pytest.mark.parametrize("executed", [False, True])
async def test_a_dropped_send_reaches_the_person_once(gateway, control, executed):
    user = await control.create_user("Анна", "Петрова")
    await control.write_dm(user, "привет")
    await control.inject_drop("messages.send", executed=executed)
    await gateway.send(user, "ответ", dedup_key="reply:1")
    await gateway.send(user, "ответ", dedup_key="reply:1")  # a replayed event
    bot_messages = [m for m in await control.messages(user) if m["from_id"] < 0]
    assert [m["text"] for m in bot_messages] == ["ответ"]


async def test_sends_carry_a_deterministic_random_id(gateway, control):
    user = await control.create_user("Анна", "Петрова")
    await control.write_dm(user, "привет")
    await gateway.send(user, "раз", dedup_key="a")
    await gateway.send(user, "два", dedup_key="b")
    await gateway.send(user, "раз", dedup_key="a")
    ids = [a["params"]["random_id"] for a in await calls_of(control, "messages.send")]
    assert ids[0] == ids[2] != ids[1] and "0" not in ids
