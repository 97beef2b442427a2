"""`send_many` through the real gateway and sandbox: batches of 25 in one `execute`, one failure
does not stop the others, and a repeat with the same keys delivers nothing new."""

from __future__ import annotations

from bot.services.ports import NotChatAdmin, Outgoing, RecipientUnreachable


async def test_thirty_chats_in_two_requests_with_failures_reported(vk):
    gateway, control = vk
    owner = await control.create_user("Анна", "Петрова")
    peers = [await control.create_chat(f"Чат {n}", [owner], owner) for n in range(30)]
    stranger = await control.create_user("Иван", "Иванов")  # never wrote: 901
    messages = [Outgoing(p, f"Объявление\nстрока {p}", f"k:{p}") for p in peers]
    messages.append(Outgoing(stranger, "Объявление", f"k:{stranger}"))
    results = await gateway.send_many(messages)
    assert [r.peer_id for r in results] == [m.peer_id for m in messages]
    assert all(r.ok and r.message_id for r in results[:30])
    assert isinstance(results[30].error, RecipientUnreachable)
    executes = await control.actions(method="execute")
    assert len(executes) == 2
    assert (await control.messages(peers[0]))[-1]["text"] == f"Объявление\nстрока {peers[0]}"

    again = await gateway.send_many(messages)
    assert [r.message_id for r in again[:30]] == [r.message_id for r in results[:30]]
    for peer in peers:
        assert sum(m["text"].startswith("Объявление") for m in await control.messages(peer)) == 1


async def test_a_chat_the_bot_left_is_reported_not_raised(vk):
    gateway, control = vk
    owner = await control.create_user("Анна", "Петрова")
    gone = await control.create_chat("Старый чат", [owner], owner)
    kept = await control.create_chat("Чат", [owner], owner)
    await control.inject_error("messages.send", code=917)
    results = await gateway.send_many([Outgoing(gone, "Текст", "a"), Outgoing(kept, "Текст", "b")])
    assert isinstance(results[0].error, NotChatAdmin) and results[0].error.code == 917
    assert results[1].ok
