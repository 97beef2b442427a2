"""The incident record: one incident per message, warnings that expire, filters, first decision."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.chats import ChatKind, SchoolChat
from bot.domain.classes import ClassName
from bot.domain.incidents import Incident, IncidentFilter, Resolution, Source
from bot.storage.chat_repo import ChatRepo
from bot.storage.db import Database
from bot.storage.incident_repo import IncidentRepo
from bot.storage.school_repo import SchoolRepo

C5A = ClassName(5, "А")
T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
PEER = 2_000_000_001


@pytest.fixture
async def repo(tmp_path):
    db = await Database.open(tmp_path / "db.sqlite3")
    await SchoolRepo(db).add_class(name=C5A)
    await ChatRepo(db).add(chat=SchoolChat(PEER, ChatKind.PARENTS, C5A), created_by_bot=False)
    chat = await ChatRepo(db).by_peer(peer_id=PEER)
    yield IncidentRepo(db), chat.id
    await db.close()


def incident(chat_id, cmid=1, at=T0, rule="profanity", author=11, source=Source.MESSAGE):
    return Incident(
        at=at, source=source, peer_id=PEER, cmid=cmid, author_vk_id=author, rule=rule,
        clause="4.5", masked_text="п*****", chat_id=chat_id, actions=("deleted",),
    )  # fmt: skip


async def test_one_incident_per_message_and_source(repo):
    incidents, chat_id = repo
    first = await incidents.add(incident=incident(chat_id))
    assert first is not None
    assert await incidents.add(incident=incident(chat_id)) is None
    assert await incidents.add(incident=incident(chat_id, source=Source.REPORT)) is not None
    await incidents.add_action(incident_id=first, action="warned")
    got = await incidents.get(incident_id=first)
    assert got.actions == ("deleted", "warned") and got.masked_text == "п*****"
    assert await incidents.class_of(incident_id=first) == C5A


async def test_warnings_expire_and_can_be_cancelled(repo):
    incidents, chat_id = repo
    a = await incidents.add(incident=incident(chat_id, cmid=1))
    b = await incidents.add(incident=incident(chat_id, cmid=2))
    await incidents.add_warning(incident_id=a, vk_id=11, at=T0, expires=T0 + timedelta(days=30))
    await incidents.add_warning(incident_id=b, vk_id=11, at=T0, expires=T0 + timedelta(days=1))
    assert await incidents.active_warnings(vk_id=11, now=T0) == 2
    assert await incidents.active_warnings(vk_id=11, now=T0 + timedelta(days=2)) == 1
    await incidents.cancel_warning(incident_id=a, at=T0)
    assert await incidents.active_warnings(vk_id=11, now=T0) == 1


async def test_the_first_decision_stands(repo):
    incidents, chat_id = repo
    a = await incidents.add(incident=incident(chat_id))
    assert await incidents.resolve(incident_id=a, by_vk_id=1, at=T0, resolution=Resolution.OK)
    assert not await incidents.resolve(
        incident_id=a, by_vk_id=2, at=T0, resolution=Resolution.FORGIVEN
    )
    assert (await incidents.get(incident_id=a)).resolution is Resolution.OK


async def test_filters(repo):
    incidents, chat_id = repo
    await incidents.add(incident=incident(chat_id, cmid=1, at=T0 - timedelta(days=10)))
    await incidents.add(incident=incident(chat_id, cmid=2, rule="insult", author=12))
    await incidents.add(incident=incident(None, cmid=3))

    async def cmids(**kw):
        return [i.cmid for i in await incidents.find(where=IncidentFilter(**kw))]

    assert await cmids() == [3, 2, 1]
    assert await cmids(class_name=C5A) == [2, 1]
    assert await cmids(chat_kind=ChatKind.PUPILS) == []
    assert await cmids(author_vk_id=12) == [2]
    assert await cmids(rule="profanity") == [3, 1]
    assert await cmids(since=T0 - timedelta(days=1)) == [3, 2]
    assert await cmids(limit=1) == [3]


async def test_reports_and_notices(repo):
    incidents, _ = repo
    assert await incidents.add_report(reporter_vk_id=5, peer_id=PEER, cmid=1, at=T0)
    assert not await incidents.add_report(reporter_vk_id=5, peer_id=PEER, cmid=1, at=T0)
    assert await incidents.reports_since(reporter_vk_id=5, since=T0 - timedelta(hours=1)) == 1
    assert await incidents.first_notice(vk_id=5, at=T0)
    assert not await incidents.first_notice(vk_id=5, at=T0)
