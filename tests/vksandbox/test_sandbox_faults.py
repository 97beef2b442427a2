"""Fault injection: API errors, latency, dropped connections."""

from __future__ import annotations

import time

import aiohttp
import pytest


async def test_injected_error_for_next_n_calls(vk, chat, sandbox_client):
    await sandbox_client.inject_error("messages.send", code=10, count=2)
    body = await vk.raw("messages.send", peer_id=chat, random_id=0, message="x")
    assert body["error"]["error_code"] == 10
    assert body["error"]["error_msg"] == "Internal server error"
    assert await vk.error("messages.send", peer_id=chat, random_id=0, message="x") == 10
    assert await vk.call("messages.send", peer_id=chat, random_id=0, message="x") == 0
    assert await vk.call("groups.getById")
    sends = await sandbox_client.actions(method="messages.send")
    assert [("error" in a) for a in sends] == [True, True, False]


async def test_latency_for_one_method(vk, sandbox_client):
    await sandbox_client.inject_latency(0.3, method="users.get", count=1)
    started = time.monotonic()
    await vk.call("groups.getById")
    assert time.monotonic() - started < 0.25
    await vk.call("users.get", user_ids="1")
    assert time.monotonic() - started >= 0.3
    again = time.monotonic()
    await vk.call("users.get", user_ids="1")
    assert time.monotonic() - again < 0.25


async def test_latency_for_all_methods_until_reset(vk, sandbox_client):
    await sandbox_client.inject_latency(0.15)
    started = time.monotonic()
    await vk.call("groups.getById")
    await vk.call("users.get", user_ids="1")
    assert time.monotonic() - started >= 0.3
    await sandbox_client.reset_faults()
    started = time.monotonic()
    await vk.call("groups.getById")
    assert time.monotonic() - started < 0.15


async def test_drop_closes_connection_without_response(vk, chat, sandbox_client):
    await sandbox_client.inject_drop("messages.send")
    with pytest.raises(aiohttp.ClientError):
        await vk.raw("messages.send", peer_id=chat, random_id=0, message="x")
    assert await vk.call("messages.send", peer_id=chat, random_id=0, message="x") == 0


async def test_drop_after_execution_then_retry_is_deduplicated(vk, user, sandbox_client):
    await sandbox_client.write_dm(user, "hi")
    await sandbox_client.inject_drop("messages.send", executed=True)
    with pytest.raises(aiohttp.ClientError):
        await vk.raw("messages.send", peer_id=user, random_id=777, message="once")
    retried = await vk.call("messages.send", peer_id=user, random_id=777, message="once")
    msgs = await sandbox_client.messages(user)
    assert [m["text"] for m in msgs] == ["hi", "once"] and msgs[1]["id"] == retried


async def test_drop_long_poll(vk, sandbox_client):
    server = await vk.lp_server()
    await sandbox_client.inject_drop("longpoll")
    with pytest.raises(aiohttp.ClientError):
        await vk.longpoll(server)
    assert "updates" in await vk.longpoll(server)


async def test_reset_faults_clears_everything(vk, chat, sandbox_client):
    await sandbox_client.inject_error("messages.send", code=9, count=None)
    await sandbox_client.inject_drop("groups.getById", count=None)
    await sandbox_client.inject_longpoll_failed(2)
    await sandbox_client.reset_faults()
    assert await vk.call("messages.send", peer_id=chat, random_id=0, message="x") == 0
    assert await vk.call("groups.getById")
    server = await vk.lp_server()
    assert "updates" in await vk.longpoll(server)


async def test_http_error_page_for_one_method_then_normal(vk, sandbox_client):
    await sandbox_client.inject_http_status(502, method="users.get", count=1)
    query = {"v": "5.199", "access_token": "sandbox-token"}
    async with vk.session.post(vk.sandbox.api_url + "users.get", params=query) as resp:
        assert resp.status == 502
        assert "Bad Gateway" in await resp.text()
    assert await vk.call("users.get", user_ids="1") == []
    assert len(await sandbox_client.actions(method="users.get")) == 1  # the page never reached VK


async def test_http_error_page_on_the_long_poll(vk, sandbox_client):
    server = await vk.lp_server()
    await sandbox_client.inject_http_status(500, method="longpoll")
    query = {"act": "a_check", "key": server["key"], "ts": server["ts"], "wait": "0"}
    async with vk.session.post(server["server"], params=query) as resp:
        assert resp.status == 500
    assert "updates" in await vk.longpoll(server)
