"""Strangers who come in together: one note in the chat, one alert each (issue 15, item 10)."""

from __future__ import annotations

import asyncio

import pytest

from bot.domain.chats import ChatKind
from bot.domain.classes import ClassName
from tests.e2e.school_setup import set_up_school

pytestmark = pytest.mark.e2e


async def parents_chat(world, school) -> tuple[int, str]:
    """The parents' chat of 5А, made by the bot (so it is the chat's owner), and its link."""
    await world.dm(school.curator, "кто я")  # the curator has written: alerts can reach her
    await world.dm(school.curator, "создать чат 5А родители")
    chat = await world.app.services.chats.of_kind(ChatKind.PARENTS, ClassName(5, "А"))
    return chat.peer_id, await world.app.services.messenger.invite_link(chat.peer_id)


async def bot_messages(world, peer: int, since: int) -> list[str]:
    return [
        a["params"].get("message", "")
        for a in await world.control.actions(since=since, method="messages.send")
        if a["params"].get("peer_ids") == str(peer) and "error" not in a
    ]


async def until(world, since: int, method: str, count: int) -> list[dict]:
    for _ in range(200):
        found = await world.control.actions(since=since, method=method)
        if len(found) >= count:
            return found
        await asyncio.sleep(0.05)
    raise AssertionError(f"{method}: {len(found)} of {count}")


async def test_fifteen_strangers_give_one_note_and_one_alert(world):
    school = await set_up_school(world)
    peer, link = await parents_chat(world, school)
    strangers = [await world.person("Гость", f"Номер{n}") for n in range(15)]
    # All fifteen are in before the bot replaces the link, as when a link leaks to a crowd.
    await world.control.inject_latency(2.0, "messages.getInviteLink", count=1)
    since = await world.mark()
    for guest in strangers:  # more than raid_joins (10) within raid_seconds (60)
        await world.control.join_by_link(guest.id, link)
    removed = await until(world, since, "messages.removeChatUser", 15)
    assert sorted(int(a["params"]["member_id"]) for a in removed) == [g.id for g in strangers]
    await world.reply_starting(school.admin.id, since, "В чат «5А · родители»")
    await world.quiet(since, 0.5)
    notes = await bot_messages(world, peer, since)
    assert len(notes) == 1, notes
    assert "удаляю из него 15 человек, вошедших без приглашения" in notes[0]
    assert all(f"[id{g.id}|Гость Номер" in notes[0] for g in strangers)
    for who in (school.curator, school.admin):
        alerts = await bot_messages(world, who.id, since)
        assert len(alerts) == 1, (who, alerts)
        alert = alerts[0]
        assert "похоже на наплыв посторонних" in alert
        assert "Ссылка-приглашение заменена новой" in alert
        assert "Я удалил из чата «5А · родители» 15 человек без приглашения" in alert
    # Each was made read-only on arrival, so a raid cannot post while the summary waits.
    restricted = await world.control.actions(
        since=since, method="messages.changeConversationMemberRestrictions"
    )
    assert sorted(int(a["params"]["member_ids"]) for a in restricted) == [g.id for g in strangers]
    assert (await world.control.chat(peer))["members"] == []
    resets = await world.control.actions(since=since, method="messages.getInviteLink")
    assert [a["params"].get("reset") for a in resets] == ["1"]


async def test_two_strangers_below_a_raid_are_told_about_together(world):
    school = await set_up_school(world)
    peer, link = await parents_chat(world, school)
    one, two = await world.person("Анна", "Чужая"), await world.person("Борис", "Чужой")
    since = await world.mark()
    await world.control.join_by_link(one.id, link)
    restricted = await world.control.wait_action(
        "messages.changeConversationMemberRestrictions", since=since, member_ids=str(one.id)
    )
    assert restricted["params"]["action"] == "ro"
    with pytest.raises(Exception, match="read-only"):
        await world.control.write_chat(one.id, peer, "Продаю гараж недорого")
    await world.control.join_by_link(two.id, link)
    await until(world, since, "messages.removeChatUser", 2)
    alert = await world.reply_starting(school.curator.id, since, "Я удалил")
    assert alert.startswith("Я удалил из чата «5А · родители» 2 человека без приглашения")
    assert f"[id{one.id}|Анна Чужая], [id{two.id}|Борис Чужой]" in alert
    assert f"впустить vk.com/id{one.id} 5А родители" in alert
    await world.quiet(since, 0.3)
    assert len(await bot_messages(world, school.curator.id, since)) == 1
    [note] = await bot_messages(world, peer, since)
    assert "удаляю из него 2 человека" in note
    assert await bot_messages(world, school.admin.id, since) == []  # not a raid


async def test_a_restart_before_the_summary_still_removes_and_tells(world):
    school = await set_up_school(world)
    peer, link = await parents_chat(world, school)
    guests = [await world.person("Гость", f"Рестарт{n}") for n in range(3)]
    since = await world.mark()
    for guest in guests:
        await world.control.join_by_link(guest.id, link)
    await until(world, since, "messages.changeConversationMemberRestrictions", 3)
    await world.restart()  # within the few seconds the summary waits
    await until(world, since, "messages.removeChatUser", 3)
    alert = await world.reply_starting(school.curator.id, since, "Я удалил")
    assert "3 человека без приглашения" in alert
    await world.quiet(since, 0.3)
    assert len(await bot_messages(world, peer, since)) == 1
    assert (await world.control.chat(peer))["members"] == []
