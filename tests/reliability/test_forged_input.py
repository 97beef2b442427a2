"""Forged button payloads and SQL-looking names through the real bot: refused or ignored
politely, and nothing in the database changes that should not."""

from __future__ import annotations

import asyncio
import json

import pytest

from tests.e2e.moderation_setup import dump, rows
from tests.e2e.school_setup import roster_doc
from tests.e2e.test_moderation import incident_ids, school, violate, world  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.reliability]


def state(w) -> str:
    """The whole database but the ledger of handled events (which records every event)."""
    return "\n".join(line for line in dump(w).splitlines() if "processed_events" not in line)


def button_event(number: int, user_id: int, peer_id: int, payload) -> dict:
    """A `message_event` as a tampered client could make VK deliver it."""
    return {
        "type": "message_event",
        "group_id": 1,
        "event_id": f"forged-{number}",
        "v": "5.199",
        "object": {
            "user_id": user_id,
            "peer_id": peer_id,
            "event_id": f"press-{number}",
            "payload": payload,
            "conversation_message_id": 1,
        },
    }


async def test_forged_button_presses_change_nothing(world, school):  # noqa: F811
    await violate(world, school.pupil, school.chats.pupils)
    (incident,) = incident_ids(world)
    for _ in range(100):  # the incident is complete once every alert is out
        if rows(world, "SELECT completed_at FROM incidents") != [(None,)]:
            break
        await asyncio.sleep(0.05)
    before = state(world)
    forged = [
        (school.pupil, school.pupil.id, {"mod": "forgive", "i": incident}),  # the author himself
        (school.stranger, school.chats.parents, {"mod": "remove", "i": incident}),  # other chat
        (school.parent, school.admin.id, {"mod": "forgive", "i": incident}),  # another's dialog
        (school.stranger, school.stranger.id, {"mod": "forgive", "i": 10**30}),
        (school.stranger, school.stranger.id, {"mod": "forgive", "i": -1}),
        (school.stranger, school.stranger.id, {"mod": "forgive", "i": "1 OR 1=1"}),
        (school.stranger, school.stranger.id, {"mod": "'; DROP TABLE incidents; --", "i": 1}),
        (school.stranger, school.stranger.id, '{"mod": "forgive", "i": '),  # malformed JSON
        (school.stranger, school.stranger.id, "[1, 2, 3]"),
        (school.stranger, school.stranger.id, None),
    ]
    since = await world.mark()
    for number, (who, peer, payload) in enumerate(forged):
        await world.app._handle(button_event(number, who.id, peer, payload))
    assert state(world) == before
    notes = [
        json.loads(a["params"]["event_data"])["text"]
        for a in await world.control.actions(since=since, method="messages.sendMessageEventAnswer")
    ]
    refusals = {"Это решают куратор класса и администраторы.", "Это нарушение не найдено."}
    assert set(notes) <= refusals and len(notes) >= 3, notes
    assert rows(world, "SELECT resolution FROM incidents") == [(None,)]


async def test_sql_looking_names_are_refused_and_change_nothing(world, school):  # noqa: F811
    before = state(world)
    roster = (
        "класс;роль;фамилия;имя;отчество;vk;ребёнок\n"
        "5А;ученик;Robert'); DROP TABLE people;--;Иван;;;\n"
        '5А;ученик;Петров\u202e;" OR 1=1 --;;;\n'
    ).encode()
    answer = await world.dm(school.admin, "", attachments=[roster_doc(roster, "more.csv")])
    assert answer[0].startswith("Файл не загружен"), answer
    assert "Строка 2" in answer[0] and "Строка 3" in answer[0]
    assert state(world) == before
    assert rows(world, "PRAGMA integrity_check") == [("ok",)]
