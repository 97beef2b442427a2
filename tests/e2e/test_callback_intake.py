"""VK's Callback API as the intake, through the sandbox playing VK's side: confirmation, the
secret, «ok» only once stored, repeats with X-Retry-Counter handled once, nothing lost while the
bot is down; /health and /metrics beside it."""

from __future__ import annotations

import asyncio
import socket

import aiohttp
import pytest

from bot.config import config_from_mapping
from bot.demo.world import running_world
from bot.sandbox_mode import SANDBOX_ADMIN_ID
from tests.e2e.moderation_setup import set_up_chats
from tests.e2e.school_setup import set_up_school
from tests.e2e.test_moderation import OBSCENE

pytestmark = pytest.mark.e2e

SECRET = "s3cr3t-of-the-school"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
async def world(tmp_path, monkeypatch, clock):
    monkeypatch.chdir(tmp_path)
    config = config_from_mapping(
        {
            "vk": {
                "group_id": 1,
                "intake": "callback",
                "callback": {"port": free_port(), "path": "/vk/events"},
            },
            "school": {"name": "Школа № 1", "admins": [SANDBOX_ADMIN_ID]},
            "storage": {"path": str(tmp_path / "bot.sqlite3")},
            "health": {"port": free_port()},
        },
        environ={"SCHOOLBOT_VK_CALLBACK_SECRET": SECRET},
    )
    async with running_world(tmp_path, config=config, clock=clock) as world:
        yield world


async def post(url: str, body: object, **headers: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as http, http.post(url, json=body, headers=headers) as r:
        return r.status, await r.text()


async def answered(world, event_ids: set[str]) -> list[dict]:
    """VK's deliveries of these events, once each has been answered «ok»."""
    for _ in range(100):
        deliveries = await world.control.callback_deliveries()
        ok = {d["event_id"] for d in deliveries if d["status"] == 200 and d["answer"] == "ok"}
        if event_ids <= ok:
            return [d for d in deliveries if d["event_id"] in event_ids]
        await asyncio.sleep(0.05)
    raise AssertionError(f"not answered: {event_ids - ok}")


async def test_a_school_works_through_the_callback_api(world):
    assert world.app.callback_url.endswith("/vk/events")
    servers = await world.control._op("add_callback_server", url=world.app.callback_url,
                                      secret=SECRET, title="второй")  # fmt: skip
    assert servers["status"] == "ok"  # the confirmation string was asked of VK and matched
    school = await set_up_school(world)
    chats = await set_up_chats(world, school)
    since = await world.mark()
    await world.control.write_chat(school.parent.id, chats.parents, OBSCENE)
    deleted = await world.control.wait_action("messages.delete", since=since, timeout=10)
    assert deleted["params"]["delete_for_all"] in ("1", 1, True, "true")
    answer = await world.dm(school.curator, "помощь")
    assert answer and answer[0]
    # Two servers got every event (VK allows ten); each was handled once.
    await asyncio.sleep(0.3)
    deletes = await world.control.actions(since=since, method="messages.delete")
    assert len(deletes) == 1
    events = {e["event_id"] for e in await world.control.events()}
    deliveries = await answered(world, events)
    assert {d["server_id"] for d in deliveries} == {1, 2}
    assert await world.app.inbox.pending() == 0


async def test_a_forged_or_broken_request_is_refused_and_does_nothing(world):
    url = world.app.callback_url
    admin = SANDBOX_ADMIN_ID
    since = await world.mark()
    forged = {
        "type": "message_new", "group_id": 1, "event_id": "f" * 40, "v": "5.199",
        "object": {"message": {"from_id": admin, "peer_id": admin, "text": "помощь",
                               "conversation_message_id": 9, "date": 0, "id": 9}},
    }  # fmt: skip
    assert await post(url, {**forged, "secret": "guess"}) == (403, "Bad Secret")
    assert await post(url, forged) == (403, "Bad Secret")
    assert (await post(url, {**forged, "group_id": 2, "secret": SECRET}))[0] == 403
    async with aiohttp.ClientSession() as http, http.post(url, data=b"\xff{not json") as r:
        assert r.status == 400
    code = (await world.control._op("add_callback_server", url=url, secret=SECRET))["status"]
    assert code == "ok"
    confirmed = await post(url, {"type": "confirmation", "group_id": 1})
    assert confirmed == (200, world.sandbox.world.callback_api.code)  # asked of VK each time
    done = [a["method"] for a in await world.quiet(since, 0.5)]
    assert set(done) == {"groups.getCallbackConfirmationCode"}  # nobody answered, nothing done
    assert world.app.endpoint.refused == 4


async def test_a_repeated_event_is_answered_ok_and_handled_once(world):
    school = await set_up_school(world)
    chats = await set_up_chats(world, school)
    await world.control.repeat_next_callbacks(2)
    since = await world.mark()
    await world.control.write_chat(school.pupil.id, chats.pupils, OBSCENE)
    await world.control.write_dm(school.curator.id, "помощь")
    await world.control.wait_action("messages.delete", since=since, timeout=10)
    await world.control.wait_action("messages.send", since=since, timeout=10,
                                    peer_ids=str(school.curator.id))  # fmt: skip
    await asyncio.sleep(0.5)
    deliveries = await world.control.callback_deliveries()
    repeats = [d for d in deliveries if d["retry"] > 0]
    assert len(repeats) == 2 and all(d["answer"] == "ok" for d in repeats)
    assert len(await world.control.actions(since=since, method="messages.delete")) == 1
    replies = await world.control.actions(since=since, method="messages.send")
    texts = [a["params"]["message"] for a in replies]
    assert len([t for t in texts if t.startswith("Здравствуйте")]) == 1  # the reply, once
    assert len([t for t in texts if t.startswith("Нарушение в чате")]) == 2  # curator + admin
    assert world.app.inbox.repeats == 2


async def test_events_sent_while_the_bot_is_down_arrive_when_it_is_back(world):
    school = await set_up_school(world)
    chats = await set_up_chats(world, school)
    await world.app.stop()
    since = await world.mark()
    await world.control.write_chat(school.parent.id, chats.parents, OBSCENE)
    await world.control.write_dm(school.curator.id, "помощь")
    await asyncio.sleep(0.5)  # VK tries, gets no answer, and tries again
    await world.restart()
    await world.control.wait_action("messages.delete", since=since, timeout=15)
    await world.control.wait_action("messages.send", since=since, timeout=15,
                                    peer_ids=str(school.curator.id))  # fmt: skip
    deliveries = await world.control.callback_deliveries()
    failed = [d for d in deliveries if d["status"] == 0]
    assert failed, "VK should have met a closed door"
    late = [d for d in deliveries if d["retry"] > 0 and d["answer"] == "ok"]
    assert {d["event_id"] for d in late} >= {d["event_id"] for d in failed}


async def test_health_and_metrics_say_what_the_bot_is_doing(world):
    school = await set_up_school(world)
    await world.dm(school.curator, "помощь")
    base = world.app.health_url
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{base}/health") as r:
            assert r.status == 200
            health = await r.json()
        async with http.get(f"{base}/metrics") as r:
            metrics = await r.text()
    assert health["status"] == "ok" and health["database"] == "ok"
    assert health["intake"]["kind"] == "callback" and health["intake"]["handled"] >= 1
    assert health["intake"]["pending"] == 0 and health["scheduler"]["running"] is True
    assert 'schoolbot_intake_events_total{outcome="handled",school="1"}' in metrics
    assert 'schoolbot_up{school="1"} 1.0' in metrics
    # The callback address answers /health too: one port for a load balancer to watch.
    async with aiohttp.ClientSession() as http:
        root = world.app.callback_url.rsplit("/vk/", 1)[0]
        async with http.get(f"{root}/health") as r:
            assert r.status == 200


async def test_health_fails_when_the_database_does_not_answer(tmp_path):
    from bot.ops.health import HealthMonitor
    from bot.scheduling import make_scheduler
    from bot.storage.db import Database

    db = await Database.open(tmp_path / "x.sqlite3")
    await db.close()
    scheduler = make_scheduler(timezone=None, clock=None, system_clock=None)
    scheduler.start()

    class Quiet:
        kind, received, repeats, handled, failed, last_received = "longpoll", 0, 0, 0, 0, None

        async def pending(self) -> int:
            return 0

    monitor = HealthMonitor(school="1", db=db, scheduler=scheduler, intake=Quiet(),
                            clock=lambda: None)  # fmt: skip
    reading = await monitor.read()
    scheduler.shutdown(wait=False)
    assert not reading.healthy and reading.body["database"].startswith("error")
