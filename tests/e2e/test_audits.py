"""Audits end to end: on schedule with a hand-moved clock, by command, safely."""

from __future__ import annotations

import asyncio
import re

import pytest

from bot.domain.chats import ChatKind, SchoolChat
from bot.domain.classes import ClassName
from bot.storage.chat_repo import ChatRepo
from tests.e2e.school_setup import set_up_school

pytestmark = pytest.mark.e2e

C5A = ClassName(5, "А")
LINK = re.compile(r"https://vk\.me/school1\?ref=[A-Z0-9]+")


async def bind(world, peer_id: int, kind: ChatKind, title: str, cls=C5A) -> None:
    await ChatRepo(world.app.db).add(
        chat=SchoolChat(peer_id, kind, cls, title=title), created_by_bot=False
    )


async def sent_to(world, peer_id: int, since: int = 0) -> list[str]:
    return [
        a["params"].get("message", "")
        for a in await world.control.actions(since=since, method="messages.send")
        if a["params"].get("peer_ids") == str(peer_id) and "error" not in a
    ]


async def wait_for(world, peer_id: int, needle: str, since: int = 0, tries: int = 100):
    for _ in range(tries):
        found = [t for t in await sent_to(world, peer_id, since) if needle in t]
        if found:
            return found
        await asyncio.sleep(0.05)
    raise AssertionError(f"{needle!r} never reached {peer_id}: {await sent_to(world, peer_id)}")


async def claim_and_join(world, person, invitation: str) -> int:
    since = await world.mark()
    await world.control.open_ref_link(person.id, LINK.search(invitation).group(0))
    action = await world.control.wait_action("messages.send", since=since, peer_ids=str(person.id))
    import json

    link = json.loads(action["params"]["keyboard"])["buttons"][0][0]["action"]["link"]
    return await world.control.join_by_link(person.id, link), link


async def test_a_missed_invites_audit_runs_once_after_downtime(world):
    school = await set_up_school(world)
    await world.dm(school.curator, "кто я")
    await world.dm(school.curator, "создать чат 5А родители")
    since = await world.mark()
    await world.control.write_dm(school.curator.id, "пригласить 5А родители")
    texts = await world.replies(school.curator.id, since, count=2)  # the list, the PDF
    mother = next(line for line in texts[0].splitlines() if "Иванова Елена" in line)
    _peer, join_link = await claim_and_join(world, school.parent, mother)
    await world.quiet(0, 0.2)

    since = await world.mark()
    await world.advance(days=15)  # the bot was «down» for two weeks: many runs were missed
    report = (await wait_for(world, school.admin.id, "Приглашения:", since))[0]
    assert "аннулировано просроченных приглашений: 2" in report
    assert "ссылка-приглашение заменена" in report
    await world.quiet(since, 0.5)
    reports = [t for t in await sent_to(world, school.admin.id, since) if "Приглашения:" in t]
    assert len(reports) == 1  # coalesced: one run, not fifteen
    curator = await wait_for(world, school.curator.id, "аннулированы приглашения", since)
    assert curator[0].startswith("Аудит чатов класса 5А")
    resets = await world.control.actions(since=since, method="messages.getInviteLink")
    assert any(a["params"].get("reset") == "1" for a in resets)
    stranger_joins = world.control.join_by_link(school.stranger.id, join_link)
    with pytest.raises(Exception, match="annulled"):
        await stranger_joins


async def test_members_audit_finds_a_stranger_and_who_is_missing(world):
    school = await set_up_school(world)
    await world.dm(school.curator, "кто я")
    peer = await world.control.create_chat(
        "5А · ученики",
        member_ids=[school.curator.id, school.pupil.id, school.stranger.id],
        owner_id=school.curator.id,
    )
    await bind(world, peer, ChatKind.PUPILS, "5А · ученики")
    since = await world.mark()
    report = (await world.dm(school.admin, "аудит участники"))[0]
    assert report.startswith("Аудит завершён.")
    assert "посторонний Незнакомец Прохожий — удалён из чата" in report
    assert "ещё не вступили (3)" in report and "Кузнецова Алиса" in report
    assert "Иванов Пётр Сергеевич" not in report.split("ещё не вступили")[1]
    removed = await world.control.actions(since=since, method="messages.removeChatUser")
    assert [a["params"]["member_id"] for a in removed] == [str(school.stranger.id)]
    assert school.stranger.id not in (await world.control.chat(peer))["members"]
    curator = await wait_for(world, school.curator.id, "Аудит чатов класса 5А", since)
    assert "посторонний" in curator[0]
    # Who left is noticed on the next run.
    await world.control.leave_chat(school.pupil.id, peer)
    await world.quiet(0, 0.2)
    report = (await world.dm(school.admin, "аудит участники"))[0]
    assert "вышли: 0" in report  # the bot saw the leave as it happened


async def test_rights_and_warnings_audits_and_bad_words(world):
    school = await set_up_school(world)
    peer = await world.control.create_chat(
        "5А · родители",
        member_ids=[school.curator.id],
        owner_id=school.curator.id,
        bot_admin=False,
    )
    await bind(world, peer, ChatKind.PARENTS, "5А · родители")
    report = (await world.dm(school.admin, "аудит права предупреждения"))[0]
    assert "«5А · родители»: бот не администратор" in report
    assert "6Б: у класса нет куратора" in report
    assert "5А: нет чата учеников («создать чат 5А ученики»)" in report
    assert "снято истёкших предупреждений: 0" in report
    wrong = (await world.dm(school.admin, "аудит всякое"))[0]
    assert wrong.startswith("Не понял, какой аудит") and "«аудит все»" in wrong
    since = await world.mark()
    await world.control.write_dm(school.curator.id, "аудит все")
    # The curator may first get their class's report from the administrator's audit above.
    refused = await wait_for(world, school.curator.id, "Извините", since)
    assert refused[0].startswith("Извините")


async def test_a_failing_job_is_reported_and_the_next_run_still_happens(world):
    school = await set_up_school(world)
    peer = await world.control.create_chat(
        "5А · ученики", member_ids=[school.curator.id], owner_id=school.curator.id
    )
    await bind(world, peer, ChatKind.PUPILS, "5А · ученики")
    await world.control.inject_error("messages.getConversationMembers", 8, count=1)
    since = await world.mark()
    await world.advance(days=1)
    failed = await wait_for(world, school.admin.id, "аудит участников чатов", since)
    assert failed[0].startswith("Не удалось выполнить по расписанию")
    since = await world.mark()
    await world.advance(days=1)
    await wait_for(world, school.admin.id, "Участники чатов:", since)


async def test_two_runs_of_one_audit_never_overlap(world):
    school = await set_up_school(world)
    peer = await world.control.create_chat(
        "5А · ученики", member_ids=[school.curator.id], owner_id=school.curator.id
    )
    await bind(world, peer, ChatKind.PUPILS, "5А · ученики")
    await world.control.inject_latency(1.0, method="messages.getConversationMembers", count=1)
    since = await world.mark()
    await world.advance(days=1)  # the scheduled members audit starts and is slow
    busy = (await world.dm(school.admin, "аудит участники"))[0]
    assert busy == "Этот аудит уже идёт. Отчёт придёт, когда он закончится."
    await world.advance(days=1)  # the next scheduled run while the first is still going
    await wait_for(world, school.admin.id, "Участники чатов:", since)
    await world.quiet(since, 1.2)
    calls = await world.control.actions(since=since, method="messages.getConversationMembers")
    reports = [t for t in await sent_to(world, school.admin.id, since) if "Участники чатов" in t]
    assert len(calls) == len(reports)  # every run that started finished alone
