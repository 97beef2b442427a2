"""ImpostorWatch without a sandbox: once a day per speaker, staff never, failures harmless."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.domain.chats import ChatKind, SchoolChat
from bot.domain.classes import ClassName
from bot.domain.people import Person, Role, RoleGrant, Roles
from bot.services.impostors import ImpostorWatch

CHAT = SchoolChat(2_000_000_002, ChatKind.PARENTS, ClassName(5, "А"), title="5А", id=1)
CURATOR = Person(7, 3001, "Смирнова Ольга Николаевна")


class Messenger:
    def __init__(self, names: dict[int, str], fail: bool = False) -> None:
        self.names, self.fail, self.calls = names, fail, 0

    async def user_names(self, ids: list[int]) -> dict[int, str]:
        self.calls += 1
        if self.fail:
            raise RuntimeError("network down")
        return {i: self.names[i] for i in ids if i in self.names}


class School:
    async def people_with_role(self, *, role: Role) -> list[Person]:
        return [CURATOR] if role is Role.CURATOR else []


class Incidents:
    def __init__(self) -> None:
        self.added: list = []

    async def add(self, *, incident) -> int | None:
        key = (incident.peer_id, incident.cmid)
        if key in [(i.peer_id, i.cmid) for i in self.added]:
            return None
        self.added.append(incident)
        return len(self.added)

    async def complete(self, *, incident_id: int, at: datetime) -> None:
        return None


class Alerts:
    def __init__(self) -> None:
        self.texts: list[str] = []

    async def deliver(self, incident_id, chat, text, keyboard) -> None:
        self.texts.append(text)


def watch(messenger, clock):
    alerts, incidents = Alerts(), Incidents()
    found = ImpostorWatch(
        enabled=True, school=School(), incidents=incidents, messenger=messenger,
        alerts=alerts, clock=clock, gather_seconds=0,
    )  # fmt: skip
    return found, alerts, incidents


async def test_a_speaker_is_looked_at_once_a_day_and_reported_once():
    now = [datetime(2026, 11, 25, 10, tzinfo=UTC)]
    messenger = Messenger({9001: "Завуч Петрова", 2001: "Елена Иванова"})
    impostors, alerts, incidents = watch(messenger, lambda: now[0])
    for _ in range(3):
        await impostors.on_message(CHAT, 9001, Roles())
        await impostors.on_message(CHAT, 2001, Roles())
    await impostors.close()
    assert messenger.calls == 1  # both names in one request
    assert len(alerts.texts) == 1
    assert "«завуч»" in alerts.texts[0] and incidents.added[0].cmid == -9001
    now[0] += timedelta(days=1)
    await impostors.on_message(CHAT, 9001, Roles())
    await impostors.close()
    assert messenger.calls == 2 and len(alerts.texts) == 1  # the same chat: reported already


async def test_the_message_does_not_wait_for_the_name():
    release = asyncio.Event()

    class SlowMessenger(Messenger):
        async def user_names(self, ids: list[int]) -> dict[int, str]:
            await release.wait()
            return await super().user_names(ids)

    messenger = SlowMessenger({9001: "Директор Школы"})
    impostors, alerts, _ = watch(messenger, lambda: datetime(2026, 11, 25, tzinfo=UTC))
    await asyncio.wait_for(impostors.on_message(CHAT, 9001, Roles()), timeout=5)
    assert alerts.texts == []  # not yet: VK has not answered
    release.set()
    await impostors.close()
    assert len(alerts.texts) == 1


async def test_staff_cost_nothing_and_the_real_curator_is_not_reported():
    messenger = Messenger({3001: "Ольга Николаевна"})
    impostors, alerts, _ = watch(messenger, lambda: datetime(2026, 11, 25, tzinfo=UTC))
    await impostors.on_message(CHAT, 3001, Roles.of(RoleGrant(Role.CURATOR, ClassName(5, "А"))))
    await impostors.close()
    assert messenger.calls == 0 and alerts.texts == []


async def test_a_failing_name_lookup_is_harmless():
    messenger = Messenger({}, fail=True)
    impostors, alerts, _ = watch(messenger, lambda: datetime(2026, 11, 25, tzinfo=UTC))
    await impostors.on_message(CHAT, 9001, Roles())
    await impostors.close()
    assert messenger.calls == 1 and alerts.texts == []
