"""A burst of actions behind VK's rate limit goes out 25 to an `execute`, within the limit; a
call on its own goes out at once, by itself; one refused call does not fail the others."""

from __future__ import annotations

import asyncio

from bot.services.ports import RecipientUnreachable
from vksandbox import SandboxClient


async def test_a_burst_of_deletions_goes_out_in_few_requests_within_the_limit(vk):
    gateway, control = vk
    owner, author = await people(control)
    peers = [await control.create_chat(f"Чат {n}", [owner, author], owner) for n in range(10)]
    sent = [
        {"user_id": author, "peer_id": peer, "text": f"плохо {n}"}
        for peer in peers
        for n in range(20)
    ]
    written = await control.write_chat_many(sent)
    targets = [
        (item["peer_id"], answer["cmid"]) for item, answer in zip(sent, written, strict=True)
    ]
    before = (await control.stats())["calls"]

    deleted = await asyncio.gather(
        *(gateway.delete_messages(peer, [cmid]) for peer, cmid in targets)
    )

    assert all(result == {cmid} for result, (_, cmid) in zip(deleted, targets, strict=True))
    stats = await control.stats()
    assert stats["max_calls_in_any_second"] <= 20
    assert stats["rate_limited"] == 0
    requests = stats["calls"] - before
    assert requests <= 200 // 25 + 4  # the first few go alone while the queue builds up
    executes = await control.actions(method="execute")
    assert max(len(e["params"]["code"].split("API.")) - 1 for e in executes) == 25
    for peer in peers:
        assert all(
            m.get("deleted") for m in await control.messages(peer) if m["text"].startswith("плохо")
        )


async def test_a_lone_call_goes_out_by_itself(vk):
    gateway, control = vk
    owner, author = await people(control)
    peer = await control.create_chat("Чат", [owner, author], owner)
    cmid = await control.write_chat(author, peer, "плохо")
    assert await gateway.delete_messages(peer, [cmid]) == {cmid}
    assert [a["method"] for a in await control.actions()][-1] == "messages.delete"
    assert not await control.actions(method="execute")


async def test_a_refused_call_in_a_batch_fails_alone(vk):
    gateway, control = vk
    owner, author = await people(control)
    ours = await control.create_chat("Чат", [owner, author], owner)
    stranger = await control.create_user("Пётр", "Незнакомов")  # never wrote to us: 901
    cmids = [await control.write_chat(author, ours, f"плохо {n}") for n in range(5)]

    results = await asyncio.gather(
        *(gateway.delete_messages(ours, [cmid]) for cmid in cmids),
        gateway.send(stranger, "Предупреждение", dedup_key="warn:1"),
        return_exceptions=True,
    )

    assert results[:5] == [{cmid} for cmid in cmids]
    assert isinstance(results[5], RecipientUnreachable)
    assert await control.actions(method="execute")


async def people(control: SandboxClient) -> tuple[int, int]:
    """A chat's owner (whose messages VK never lets the bot delete) and a member who writes."""
    return await control.create_user("Анна", "Петрова"), await control.create_user(
        "Иван", "Сидоров"
    )
