"""Moderation through the sandbox: delete, warn, restrict, alert, decide, report, record."""

from __future__ import annotations

import asyncio
import json

import pytest

from bot.config import ModerationConfig
from bot.demo.world import running_world
from bot.sandbox_mode import embedded_config
from tests.e2e.moderation_setup import LOG_CHAT, dump, rows, set_up_chats
from tests.e2e.school_setup import set_up_school
from vksandbox import SandboxError

pytestmark = pytest.mark.e2e

OBSCENE = "ну это п.и.з.д.е.ц какой-то"
# (a request to pay to it would be a money collection: tests/e2e/test_scam.py)
CARD = "В классе нашли карту 2200 7001 2345 6781, чья она?"


@pytest.fixture
async def world(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = embedded_config(tmp_path / "schoolbot.sqlite3")
    moderation = ModerationConfig(
        log_chat_peer_id=LOG_CHAT,
        flood_messages=4,
        flood_seconds=60,
        reports_per_hour=2,
        raid_joins=2,
    )
    config = config.model_copy(update={"moderation": moderation})
    async with running_world(tmp_path, config=config) as world:
        yield world


@pytest.fixture
async def school(world):
    school = await set_up_school(world)
    school.chats = await set_up_chats(world, school)
    return school


def incident_ids(world) -> list[int]:
    return [row[0] for row in rows(world, "SELECT id FROM incidents ORDER BY id")]


async def violate(world, who, peer, text=OBSCENE) -> tuple[int, str]:
    """`who` breaks a rule; returns the message's cmid and the bot's warning in the chat, once
    the alert has reached the administrator (the last thing the bot does)."""
    since = await world.mark()
    cmid = await world.control.write_chat(who.id, peer, text)
    await world.control.wait_action(
        "messages.delete", since=since, peer_id=str(peer), cmids=str(cmid), delete_for_all="1"
    )
    warning = (await world.replies(peer, since))[0]
    await world.replies(world.config.school.admins[0], since)
    return cmid, warning


async def press(world, who, peer, cmid, payload) -> str:
    since = await world.mark()
    event_id = await world.control.press_button(who.id, peer, cmid, payload)
    action = await world.control.wait_action(
        "messages.sendMessageEventAnswer", since=since, event_id=event_id
    )
    return json.loads(action["params"]["event_data"])["text"]


async def alert_in(world, peer, incident: int) -> int:
    """The cmid of the bot's alert about `incident` in `peer`, once it has arrived."""
    for _ in range(100):
        for message in await world.control.messages(peer):
            buttons = (message.get("keyboard") or {}).get("buttons", [])
            payloads = [json.loads(b["action"]["payload"]) for row in buttons for b in row]
            if message["from_id"] < 0 and any(p.get("i") == incident for p in payloads):
                return message["conversation_message_id"]
        await asyncio.sleep(0.05)
    raise AssertionError(f"no alert about incident {incident} in {peer}")


async def test_disguised_obscenity_in_pupils_chat_is_deleted_and_curator_alerted(world, school):
    await world.control.allow_messages(school.curator.id)
    since = await world.mark()
    cmid, warning = await violate(world, school.pupil, school.chats.pupils)
    assert "п. 4.5" in warning and "нецензурная лексика" in warning
    assert "п.и.з.д" not in warning and "[id1001|" in warning  # names the author, not the words
    stored = {
        m["conversation_message_id"]: m for m in await world.control.messages(school.chats.pupils)
    }
    assert stored[cmid]["deleted"]
    alert = (await world.replies(school.curator.id, since))[0]
    assert "Нарушение в чате «5А · ученики»" in alert and "п. 4.5" in alert
    assert "«ну это п********** какой-то»" in alert and "сообщение удалено" in alert
    admin_alert = (await world.replies(school.admin.id, since))[0]
    assert admin_alert == alert


async def test_card_number_in_parents_chat_is_deleted_and_masked_in_the_alert(world, school):
    since = await world.mark()
    _, warning = await violate(world, school.parent, school.chats.parents, CARD)
    assert "номер банковской карты" in warning and "2200" not in warning
    alert = (await world.replies(school.admin.id, since))[0]
    assert "**** **** **** 6781" in alert and "2200 7001" not in alert
    # The record holds the masked text only: no raw digits anywhere in the database.
    everything = dump(world)
    assert "2200 7001 2345 6781" not in everything and "2200700123456781" not in everything
    assert rows(world, "SELECT masked_text, rule, actions FROM incidents") == [
        ("В классе нашли карту **** **** **** 6781, чья она?", "personal_data", "deleted,warned")
    ]


async def test_a_parents_own_phone_in_the_parents_chat_is_only_warned(world, school):
    since = await world.mark()
    cmid = await world.control.write_chat(
        school.parent.id, school.chats.parents, "Мой телефон +7 912 345-67-89, звоните"
    )
    warning = (await world.replies(school.chats.parents, since))[0]
    assert "личные данные" in warning and "+7" not in warning
    stored = {
        m["conversation_message_id"]: m for m in await world.control.messages(school.chats.parents)
    }
    assert not stored[cmid]["deleted"]


async def test_forgive_from_an_administrator_works_and_from_a_parent_is_refused(world, school):
    pupils = school.chats.pupils
    await violate(world, school.pupil, pupils)
    since = await world.mark()
    await violate(world, school.pupil, pupils)  # the second warning: no writing for a while
    await world.control.wait_action(
        "messages.changeConversationMemberRestrictions", since=since, action="ro",
        member_ids=str(school.pupil.id), peer_id=str(pupils), **{"for": "3600"},
    )  # fmt: skip
    assert school.pupil.id in (await world.control.chat(pupils))["restricted"]
    incident = incident_ids(world)[-1]
    payload = {"mod": "forgive", "i": incident}
    # The curator has not allowed messages: the alert reached the moderation chat, where the
    # parent is a member too — and may not decide.
    in_log = await alert_in(world, LOG_CHAT, incident)
    note = await press(world, school.parent, LOG_CHAT, in_log, payload)
    assert note == "Это решают куратор класса и администраторы."
    assert school.pupil.id in (await world.control.chat(pupils))["restricted"]
    in_dm = await alert_in(world, school.admin.id, incident)
    note = await press(world, school.admin, school.admin.id, in_dm, payload)
    assert note.startswith("Прощено")
    assert school.pupil.id not in (await world.control.chat(pupils))["restricted"]
    assert rows(
        world, "SELECT resolution, resolved_by FROM incidents WHERE id = ?", (incident,)
    ) == [("forgiven", school.admin.id)]
    again = await press(world, school.admin, school.admin.id, in_dm, payload)
    assert again == "Решение по этому нарушению уже принято."
    await world.control.write_chat(school.pupil.id, pupils, "Извините, больше не буду")


async def test_remove_button_removes_the_author(world, school):
    await world.control.allow_messages(school.curator.id)
    await violate(world, school.stranger, school.chats.pupils)
    incident = incident_ids(world)[-1]
    alert = await alert_in(world, school.curator.id, incident)
    note = await press(
        world, school.curator, school.curator.id, alert, {"mod": "remove", "i": incident}
    )
    assert note == "Автор исключён из чата."
    assert school.stranger.id not in (await world.control.chat(school.chats.pupils))["members"]


async def test_a_flood_gets_the_author_restricted(world, school):
    pupils = school.chats.pupils
    since = await world.mark()
    for number in range(5):  # more than 4 in a minute
        await world.control.write_chat(school.pupil.id, pupils, f"сообщение {number}")
    await world.control.wait_action(
        "messages.changeConversationMemberRestrictions", since=since, action="ro",
        member_ids=str(school.pupil.id),
    )  # fmt: skip
    warning = (await world.replies(pupils, since))[0]
    assert "слишком много сообщений" in warning and "флуд" in warning
    with pytest.raises(SandboxError):
        await world.control.write_chat(school.pupil.id, pupils, "ещё одно")


async def test_an_edited_message_is_checked_again(world, school):
    pupils = school.chats.pupils
    cmid = await world.control.write_chat(school.pupil.id, pupils, "Всем привет")
    # (a first message of the day: the bot reads the speaker's VK name once, to spot impostors)
    done = await world.quiet(await world.mark())
    assert [a["method"] for a in done if a["method"] != "users.get"] == []
    since = await world.mark()
    await world.control.edit_message(school.pupil.id, pupils, cmid, "привет, бл@ть")
    await world.control.wait_action(
        "messages.delete", since=since, peer_id=str(pupils), cmids=str(cmid)
    )
    assert "п. 4.5" in (await world.replies(pupils, since))[0]


async def test_an_unreachable_curator_is_named_in_the_moderation_chat_and_told_once(world, school):
    since = await world.mark()
    await violate(world, school.pupil, school.chats.pupils)
    first = (await world.replies(LOG_CHAT, since))[0]
    assert first.startswith("[id3001|Ольга Николаевна]: не могу написать вам")
    assert "Нарушение в чате «5А · ученики»" in first and "vk.me/school1" in first
    since = await world.mark()
    await violate(world, school.stranger, school.chats.pupils)
    second = (await world.replies(LOG_CHAT, since))[0]
    assert second.startswith("[id3001|") and "vk.me/school1" not in second


async def test_a_report_reaches_the_admins_and_is_limited(world, school):
    parents = school.chats.parents
    await world.control.allow_messages(school.parent.id)
    rude = await world.control.write_chat(school.stranger.id, parents, "Вы все тут бездельники")
    since = await world.mark()
    report = await world.control.write_chat(
        school.parent.id, parents, "жалоба хамит", reply_to_cmid=rude
    )
    alert = (await world.replies(school.admin.id, since))[0]
    assert alert.startswith("Жалоба из чата «5А · родители»")
    assert "«Вы все тут бездельники»" in alert and "Причина: хамит" in alert
    assert "[id9001|Незнакомец Прохожий]" in alert
    ack = (await world.replies(school.parent.id, since))[0]
    assert ack.startswith("Спасибо! Жалоба передана")
    stored = {m["conversation_message_id"]: m for m in await world.control.messages(parents)}
    assert stored[report]["deleted"] and not stored[rude]["deleted"]
    for text in ("ещё одно", "и ещё"):
        other = await world.control.write_chat(school.stranger.id, parents, text)
        since = await world.mark()
        await world.control.write_chat(school.parent.id, parents, "жалоба", reply_to_cmid=other)
        ack = (await world.replies(school.parent.id, since))[0]
    assert ack.startswith("Вы отправили много жалоб")
    assert len(rows(world, "SELECT id FROM incidents WHERE source = 'report'")) == 2


async def test_administrators_list_incidents_and_a_curator_only_their_class(world, school):
    await violate(world, school.parent, school.chats.parents, CARD)
    await violate(world, school.pupil, school.chats.pupils)
    answer = (await world.dm(school.admin, "нарушения 5А"))[0]
    assert answer.startswith("Нарушения (2)")
    assert "«5А · родители»" in answer and "**** **** **** 6781" in answer
    assert "2200 7001" not in answer
    answer = (await world.dm(school.admin, "нарушения мат"))[0]
    assert answer.startswith("Нарушения (1)") and "нецензурная лексика" in answer
    answer = (await world.dm(school.admin, f"нарушения [id{school.parent.id}|Елена] за неделю"))[0]
    assert answer.startswith("Нарушения (1)")
    await world.control.allow_messages(school.curator.id)
    assert (await world.dm(school.curator, "нарушения 5А родители"))[0].startswith("Нарушения (1)")
    refused = (await world.dm(school.curator, "нарушения 6Б"))[0]
    assert refused.startswith("Извините, эту команду вы можете выполнять только")


async def test_unknown_chats_and_the_bots_own_messages_are_not_moderated(world, school):
    other = await world.control.create_chat(
        "Чужой чат", member_ids=[school.pupil.id], owner_id=school.curator.id
    )
    since = await world.mark()
    await world.control.write_chat(school.pupil.id, other, OBSCENE)
    assert [a["method"] for a in await world.quiet(since)] == []


async def test_a_raid_of_joins_annuls_the_invite_link_and_alerts(world, school):
    pupils = school.chats.pupils
    link = await world.app.services.messenger.reset_invite_link(pupils)
    strangers = [await world.person("Гость", str(n)) for n in range(3)]
    since = await world.mark()
    for guest in strangers:  # more than 2 joins in a minute
        await world.control.join_by_link(guest.id, link)
    await world.control.wait_action(
        "messages.getInviteLink", since=since, peer_id=str(pupils), reset="1"
    )
    alert = (await world.replies(school.admin.id, since))[0]
    assert "«5А · ученики»" in alert and "Ссылка-приглашение заменена" in alert
    late = await world.person("Опоздавший", "Гость")
    with pytest.raises(SandboxError):
        await world.control.join_by_link(late.id, link)
    assert rows(world, "SELECT rule, actions FROM incidents") == [("raid", "link_reset")]
