"""Bots Long Poll: holding, ts resume, failed 1/2/3."""

from __future__ import annotations

import asyncio
import time

import pytest

from vksandbox import Sandbox
from vksandbox.events import EventLog


async def test_empty_poll_returns_same_ts(vk):
    server = await vk.lp_server()
    resp = await vk.longpoll(server, wait=0)
    assert resp == {"ts": server["ts"], "updates": []}


async def test_poll_holds_until_an_event_arrives(vk, user, sandbox_client):
    server = await vk.lp_server()
    started = time.monotonic()

    async def write_later():
        await asyncio.sleep(0.3)
        await sandbox_client.write_dm(user, "привет")

    task = asyncio.create_task(write_later())
    resp = await vk.longpoll(server, wait=10)
    await task
    elapsed = time.monotonic() - started
    assert 0.25 < elapsed < 5
    assert [u["object"]["message"]["text"] for u in resp["updates"]] == ["привет"]
    assert int(resp["ts"]) == int(server["ts"]) + 1


async def test_poll_waits_the_full_wait_when_idle(vk):
    server = await vk.lp_server()
    started = time.monotonic()
    resp = await vk.longpoll(server, wait=1)
    assert resp["updates"] == [] and 0.9 < time.monotonic() - started < 3


async def test_resume_with_old_ts_gets_missed_events(vk, user, sandbox_client):
    server = await vk.lp_server()
    for text in ("a", "b", "c"):
        await sandbox_client.write_dm(user, text)
    first = await vk.longpoll(server)
    assert [u["object"]["message"]["text"] for u in first["updates"]] == ["a", "b", "c"]
    again = await vk.longpoll(server, ts=int(server["ts"]) + 1)
    assert [u["object"]["message"]["text"] for u in again["updates"]] == ["b", "c"]
    assert again["ts"] == first["ts"]
    assert (await vk.longpoll(server, ts=first["ts"]))["updates"] == []
    event_ids = {u["event_id"] for u in first["updates"]}
    assert len(event_ids) == 3


@pytest.fixture
def short_history_sandbox(sandbox: Sandbox) -> Sandbox:
    sandbox.world.events = EventLog(sandbox.group_id, history=3)
    return sandbox


async def test_failed_1_when_ts_is_in_the_future_or_too_old(short_history_sandbox, vk,
                                                            sandbox_client):
    server = await vk.lp_server()
    assert await vk.longpoll(server, ts=999) == {"failed": 1, "ts": server["ts"]}
    uid = await sandbox_client.create_user("А", "Б")
    for i in range(5):
        await sandbox_client.write_dm(uid, str(i))
    old = await vk.longpoll(server, ts=1)
    assert old == {"failed": 1, "ts": "6"}
    resp = await vk.longpoll(server, ts=old["ts"])
    assert resp == {"ts": "6", "updates": []}
    tail = await vk.longpoll(server, ts=3)
    assert [u["object"]["message"]["text"] for u in tail["updates"]] == ["2", "3", "4"]


async def test_failed_2_for_wrong_key(vk):
    server = await vk.lp_server()
    assert await vk.longpoll(server, key="wrong") == {"failed": 2}
    foreign = {**server, "server": server["server"].rsplit("/", 1)[0] + "/2"}
    assert await vk.longpoll(foreign) == {"failed": 2}
    newer = await vk.lp_server()
    assert (await vk.longpoll(newer))["updates"] == []
    assert "updates" in await vk.longpoll(server)  # an older key stays valid for a while


async def test_injected_failed_codes(vk, sandbox_client):
    server = await vk.lp_server()
    await sandbox_client.inject_longpoll_failed(1)
    await sandbox_client.inject_longpoll_failed(2)
    await sandbox_client.inject_longpoll_failed(3, count=2)
    assert await vk.longpoll(server) == {"failed": 1, "ts": server["ts"]}
    assert await vk.longpoll(server) == {"failed": 2}
    assert await vk.longpoll(server) == {"failed": 3}
    assert await vk.longpoll(server) == {"failed": 3}
    assert "updates" in await vk.longpoll(server)


async def test_stop_releases_held_polls(vk, sandbox):
    server = await vk.lp_server()
    task = asyncio.create_task(vk.longpoll(server, wait=60))
    await asyncio.sleep(0.1)
    started = time.monotonic()
    await sandbox.stop()
    await asyncio.gather(task, return_exceptions=True)
    assert time.monotonic() - started < 3
