"""Load-test helpers: many chat messages in one control call, and when events became available."""

from __future__ import annotations

import time


async def test_write_chat_many_flows_through_the_long_poll(vk, sandbox_client, user, chat):
    server = await vk.lp_server()
    before = time.time()
    results = await sandbox_client.write_chat_many(
        [{"user_id": user, "peer_id": chat, "text": f"сообщение {n}"} for n in range(3)]
        + [{"user_id": 424242, "peer_id": chat, "text": "чужой"}]
    )
    assert [r.get("cmid") for r in results[:3]] == [2, 3, 4]
    assert "unknown user 424242" in results[3]["error"]
    resp = await vk.longpoll(server, wait=1)
    texts = [u["object"]["message"]["text"] for u in resp["updates"]]
    assert texts == ["сообщение 0", "сообщение 1", "сообщение 2"]
    times = await sandbox_client.event_times(since=int(server["ts"]))
    assert [(t["peer_id"], t["cmid"]) for t in times] == [(chat, 2), (chat, 3), (chat, 4)]
    assert all(before <= t["time"] <= time.time() for t in times)


async def test_event_times_follow_the_kept_history(sandbox_client, user):
    await sandbox_client.write_dm(user, "привет")
    times = await sandbox_client.event_times()
    assert times[-1]["type"] == "message_new"
    assert times[-1]["peer_id"] == user
