"""«Чаты всем классам» end to end (issue 17, item 1): preview, confirmation, every class's two
chats by the school's pattern, the curators' links, VK's daily cap, and exactly once."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3

import pytest

from bot.demo.world import running_world
from bot.sandbox_mode import embedded_config
from tests.e2e.school_setup import set_up_school

pytestmark = pytest.mark.e2e

LINK = re.compile(r"https://vk\.me/join/\S+")


async def preview(world, admin) -> tuple[str, int, dict | None]:
    """The admin asks; returns the preview, its cmid and the «Создать» payload."""
    since = await world.mark()
    await world.control.write_dm(admin.id, "чаты всем классам")
    action = await world.control.wait_action("messages.send", since=since, peer_ids=str(admin.id))
    text = action["params"]["message"]
    cmid = (await world.control.messages(admin.id))[-1]["conversation_message_id"]
    keyboard = action["params"].get("keyboard")
    payload = None
    if keyboard:
        buttons = json.loads(keyboard)["buttons"][0]
        payload = json.loads(buttons[0]["action"]["payload"])
        assert [b["action"]["label"] for b in buttons] == ["Создать", "Отмена"]
    return text, cmid, payload


async def press_go(world, admin) -> int:
    text, cmid, payload = await preview(world, admin)
    assert payload is not None, text
    since = await world.mark()
    await world.control.press_button(admin.id, admin.id, cmid, payload)
    return since


def sandbox_titles(world) -> list[str]:
    return sorted(chat.title for chat in world.sandbox.world.chats.values())


def items(world) -> list[tuple]:
    db = sqlite3.connect(world.config.storage.path)
    try:
        return db.execute(
            "SELECT title, state, peer_id FROM chat_setup_items ORDER BY id"
        ).fetchall()
    finally:
        db.close()


async def test_one_command_makes_every_class_chat_and_a_second_run_changes_nothing(world):
    school = await set_up_school(world)
    await world.dm(school.curator, "кто я")  # she has written to the community
    text, _, payload = await preview(world, school.admin)
    assert text.startswith("Чаты для всех классов — предпросмотр.")
    assert "Создам 4 чата для 2 классов" in text and "«5А · ученики»" in text
    assert "• 5А: чат учеников и родителей; куратор Ольга Николаевна" in text
    assert "• 6Б: чат учеников и родителей; куратора нет — ссылки получите вы" in text
    assert "продолжу сам на следующий день" in text
    assert sandbox_titles(world) == []  # a preview makes nothing

    since = await press_go(world, school.admin)
    summary = await world.reply_starting(school.admin.id, since, "Готово: чаты для всех классов")
    assert "Создано: 4 чата; уже были: 0 чатов." in summary
    assert "Ссылки для входа отправлены кураторам: 1." in summary
    assert "«6Б · ученики» (6Б): https://vk.me/join/" in summary
    assert sandbox_titles(world) == [
        "5А · родители",
        "5А · ученики",
        "6Б · родители",
        "6Б · ученики",
    ]
    links = await world.reply_starting(school.curator.id, since, "Здравствуйте! Для ваших классов")
    real = {c.title: c.invite_link for c in world.sandbox.world.chats.values()}
    assert f"«5А · ученики» (5А): {real['5А · ученики']}" in links
    assert f"«5А · родители» (5А): {real['5А · родители']}" in links
    assert "6Б" not in links
    assert all(c.pinned_cmid for c in world.sandbox.world.chats.values())  # the welcome
    # The curator can go in by the link she got.
    peer = await world.control.join_by_link(school.curator.id, LINK.findall(links)[0])
    assert school.curator.id in (await world.control.chat(peer))["members"]

    since = await world.mark()
    again, _, payload = await preview(world, school.admin)
    assert payload is None and "создавать нечего" in again
    # A class added later gets its chats on the next run, and only it.
    await world.dm(school.admin, "добавить класс 7В")
    text, _, _ = await preview(world, school.admin)
    assert "Создам 2 чата для 1 класса" in text and "Уже есть и останутся как есть: 4 чата." in text
    since = await press_go(world, school.admin)
    summary = await world.reply_starting(school.admin.id, since, "Готово: чаты для всех классов")
    assert "Создано: 2 чата; уже были: 4 чата." in summary
    creates = await world.control.actions(since=0, method="messages.createChat")
    assert len(creates) == 6 and len(set(sandbox_titles(world))) == 6


async def test_a_press_on_an_old_preview_or_by_another_changes_nothing(world):
    school = await set_up_school(world)
    _, cmid, payload = await preview(world, school.admin)
    await world.dm(school.admin, "добавить класс 7В")  # the plan is not the one shown
    since = await world.mark()
    await world.control.press_button(school.admin.id, school.admin.id, cmid, payload)
    stale = await world.reply_starting(school.admin.id, since, "Классы или чаты изменились")
    assert "ничего не создано" in stale
    assert sandbox_titles(world) == []
    refused = (await world.dm(school.curator, "чаты всем классам"))[0]
    assert refused.startswith("Извините, у вас нет прав")


async def test_the_daily_limit_resumes_the_next_day_across_a_restart(world):
    school = await set_up_school(world)
    await world.control.set_chats_per_day(3)
    since = await press_go(world, school.admin)
    waiting = await world.reply_starting(school.admin.id, since, "ВКонтакте больше не даёт")
    assert "Создано 3 из 4; остался 1 чат. Продолжу сам " in waiting
    assert "ничего делать не нужно" in waiting
    assert len(sandbox_titles(world)) == 3
    await world.restart()  # the run waits in the database, not in memory
    text, _, payload = await preview(world, school.admin)
    assert payload is None and text.startswith("Чаты для всех классов уже создаются: готово 3 из 4")
    await world.control.next_day()
    since = await world.mark()
    await world.advance(days=1)
    assert (await world.reply_starting(school.admin.id, since, "Продолжаю")).endswith(
        "остался 1 чат."
    )
    summary = await world.reply_starting(school.admin.id, since, "Готово")
    assert "Создано: 4 чата" in summary
    assert sandbox_titles(world) == [
        "5А · родители",
        "5А · ученики",
        "6Б · родители",
        "6Б · ученики",
    ]


async def test_a_curator_who_never_wrote_is_named_and_gets_the_links_on_writing(world):
    school = await set_up_school(world)
    since = await press_go(world, school.admin)
    summary = await world.reply_starting(school.admin.id, since, "Готово")
    assert "Не могу написать кураторам — они ещё не писали сообществу: Ольга Николаевна (5А)." in (
        summary
    )
    assert "Попросите их открыть https://vk.me/school1 и нажать «Начать»" in summary
    since = await world.mark()
    await world.control.write_dm(school.curator.id, "Начать", payload={"command": "start"})
    links = await world.reply_starting(school.curator.id, since, "Здравствуйте! Для ваших классов")
    assert len(LINK.findall(links)) == 2
    # Delivered once: writing again brings nothing more.
    since = await world.mark()
    await world.dm(school.curator, "кто я")
    await world.quiet(since, 0.3)
    sent = [
        a["params"]["message"]
        for a in await world.control.actions(since=since, method="messages.send")
        if a["params"].get("peer_ids") == str(school.curator.id)
    ]
    assert not any(m.startswith("Здравствуйте! Для ваших классов") for m in sent)


@pytest.fixture
async def quick_world(tmp_path, monkeypatch, clock):
    """VK's answers may be lost here: a short request timeout keeps the wait for them short."""
    monkeypatch.chdir(tmp_path)
    config = embedded_config(tmp_path / "schoolbot.sqlite3")
    config = config.model_copy(update={"vk": config.vk.model_copy(update={"request_timeout": 2.0})})
    async with running_world(tmp_path, config=config, clock=clock) as world:
        yield world


ALL_FOUR = ["5А · родители", "5А · ученики", "6Б · родители", "6Б · ученики"]


async def test_a_lost_answer_makes_no_chat_twice(quick_world):
    world = quick_world
    school = await set_up_school(world)
    # VK makes the first chat, but its answer never comes back.
    await world.control.inject_drop("messages.createChat", count=1, executed=True)
    since = await press_go(world, school.admin)
    summary = await world.reply_starting(school.admin.id, since, "Готово")
    assert "Создано: 4 чата" in summary
    assert sandbox_titles(world) == ALL_FOUR  # the lost one was found, not made again
    assert await world.control.actions(since=since, method="messages.searchConversations")
    assert [row[1] for row in items(world)] == ["created"] * 4


async def test_a_crash_while_a_chat_is_being_made_resumes_without_a_duplicate(quick_world):
    world = quick_world
    school = await set_up_school(world)
    await world.control.inject_latency(1.0, "messages.createChat", count=1)
    since = await press_go(world, school.admin)
    for _ in range(200):  # until the first createChat is on its way
        if [row for row in items(world) if row[1] == "creating"]:
            break
        await asyncio.sleep(0.02)
    # A crash: the run dies mid-call, with no orderly stop between two chats.
    world.app.services.chat_setup._task.cancel()
    await world.restart()
    summary = await world.reply_starting(school.admin.id, since, "Готово")
    assert "Создано: 4 чата" in summary
    assert sandbox_titles(world) == ALL_FOUR
    peers = [row[2] for row in items(world)]
    assert [row[1] for row in items(world)] == ["created"] * 4 and len(set(peers)) == 4
    # Every chat VK has is one the school runs: none was left behind by the crash. VK made
    # the first one although nobody heard the answer; after the restart it was found, not remade.
    assert sorted(p - 2_000_000_000 for p in peers) == sorted(world.sandbox.world.chats)
    calls = [
        a["method"]
        for a in await world.control.actions(since=since)
        if a["method"] in ("messages.createChat", "messages.searchConversations")
    ]
    assert (
        calls
        == ["messages.createChat", "messages.searchConversations"] + ["messages.createChat"] * 3
    )


async def test_one_create_chat_whose_answer_is_lost_makes_one_chat(quick_world):
    world = quick_world
    school = await set_up_school(world)
    await world.dm(school.curator, "кто я")
    await world.control.inject_drop("messages.createChat", count=1, executed=True)
    answer = (await world.dm(school.curator, "создать чат 5А родители"))[0]
    assert answer.startswith("Чат «5А · родители» создан")
    assert sandbox_titles(world) == ["5А · родители"]
    again = (await world.dm(school.curator, "создать чат 5А родители"))[0]
    assert again.startswith("Такой чат уже есть") and sandbox_titles(world) == ["5А · родители"]


async def test_progress_is_reported_on_the_way_within_vks_rate(world):
    school = await set_up_school(world)
    for name in ("7А", "7Б", "8А", "8Б"):
        await world.dm(school.admin, f"добавить класс {name}")
    since = await press_go(world, school.admin)
    notes = []
    while not notes or not notes[-1].startswith("Готово"):
        action = await world.control.wait_action(
            "messages.send", since=since, peer_ids=str(school.admin.id)
        )
        since = action["seq"]
        notes.append(action["params"]["message"])
    assert notes[0].startswith("Начинаю: 12 чатов.")
    assert [n for n in notes if n.startswith("Создано ")] == [
        "Создано 10 из 12 (последний — «8А · родители»)…"
    ]
    assert "Создано: 12 чатов" in notes[-1]
    stats = await world.control.stats()
    assert stats["rate_limited"] == 0 and stats["max_calls_in_any_second"] <= 20
