"""The Callback API inbox on a real SQLite file: bodies sealed, repeats noticed, nothing left."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bot.intake.inbox import DurableInbox
from bot.intake.sealed import SealBroken, Sealer
from bot.storage.db import Database
from bot.storage.inbox_repo import InboxRepo

NOW = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
TEXT = "Мой телефон +7 912 345-67-89, пишите"


def test_a_sealed_body_opens_only_with_its_key_and_its_event_id():
    sealer = Sealer("vk1.a.token")
    sealed = sealer.seal(TEXT.encode(), event_id="e1")
    assert TEXT.encode() not in sealed and b"912" not in sealed
    assert sealer.open(sealed, event_id="e1").decode() == TEXT
    with pytest.raises(SealBroken):
        sealer.open(sealed, event_id="e2")  # moved under another event
    with pytest.raises(SealBroken):
        Sealer("another token").open(sealed, event_id="e1")
    assert sealer.seal(b"x", event_id="e1") != sealer.seal(b"x", event_id="e1")  # fresh nonce


async def test_stored_events_wait_sealed_and_are_handled_once_even_when_repeated(tmp_path):
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path)
    handled: list[dict] = []

    async def handle(update: dict) -> None:
        handled.append(update)

    inbox = DurableInbox(InboxRepo(db), Sealer("t"), handle, clock=lambda: NOW)
    update = {"type": "message_new", "event_id": "e1", "object": {"message": {"text": TEXT}}}
    assert await inbox.put("e1", 1, update) is True
    assert await inbox.put("e1", 1, update) is False  # VK's repeat of a stored event
    await inbox.drain(5)
    assert handled == [update]
    assert await inbox.pending() == 0 and inbox.repeats == 1 and inbox.handled == 1
    await db.close()
    assert b"912" not in path.read_bytes()


async def test_what_was_stored_before_a_crash_is_handled_at_the_next_start(tmp_path):
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path)
    repo = InboxRepo(db)
    sealer = Sealer("t")
    for n in range(3):  # stored by a process that died before handling them
        body = json.dumps({"type": "message_new", "event_id": f"e{n}", "n": n}).encode()
        await repo.put(event_id=f"e{n}", group_id=1, body=sealer.seal(body, event_id=f"e{n}"),
                       at=NOW)  # fmt: skip
    unreadable = sealer.seal(b"{}", event_id="other")
    await repo.put(event_id="lost", group_id=1, body=unreadable, at=NOW)
    handled: list[int] = []

    async def handle(update: dict) -> None:
        handled.append(update["n"])

    inbox = DurableInbox(repo, sealer, handle, clock=lambda: NOW)
    assert await inbox.recover() == 4
    await inbox.drain(5)
    assert sorted(handled) == [0, 1, 2]
    assert await inbox.pending() == 0  # the unreadable one is logged and dropped, not retried
    await db.close()
