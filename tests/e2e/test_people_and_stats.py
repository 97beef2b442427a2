"""The movement of people, the new school year and the statistics, end to end."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import sqlite3

import pytest
from PIL import Image

from bot.cli import main
from bot.domain.chats import ChatKind
from bot.domain.classes import ClassName
from bot.printing.chart import WIDTH_PX, height_px
from tests.e2e.school_setup import set_up_school
from tests.e2e.test_audits import bind, wait_for

pytestmark = pytest.mark.e2e

C5A, C6B = ClassName(5, "А"), ClassName(6, "Б")


def rows(world, sql: str) -> list[tuple]:
    conn = sqlite3.connect(world.config.storage.path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


async def test_a_pupil_moves_to_another_class_and_later_leaves(world):
    school = await set_up_school(world)
    old = await world.control.create_chat(
        "5А · ученики", member_ids=[school.curator.id, school.pupil.id], owner_id=school.curator.id
    )
    await bind(world, old, ChatKind.PUPILS, "5А · ученики")
    new = await world.control.create_chat("6Б · ученики", member_ids=[], owner_id=school.admin.id)
    await bind(world, new, ChatKind.PUPILS, "6Б · ученики", C6B)
    since = await world.mark()
    await world.control.write_dm(school.admin.id, "перевести Иванов Пётр Сергеевич 5А 6Б")
    answer = (await wait_for(world, school.admin.id, "Готово: Иванов", since))[0]
    assert answer.startswith("Готово: Иванов Пётр Сергеевич переведён(а) из 5А в 6Б")
    assert "Удалены из чатов 5А: 1" in answer
    assert school.pupil.id not in (await world.control.chat(old))["members"]
    # 6Б has no curator: the invitation goes to the administrator who asked.
    invitation = await wait_for(world, school.admin.id, "https://vk.me/school1?ref=", since)
    assert "6Б · ученики" in invitation[0]
    people = (await world.dm(school.admin, "класс 6Б"))[0]
    assert "Иванов Пётр Сергеевич" in people
    bad = (await world.dm(school.admin, "перевести Никто 5А 6Б"))[0]
    assert bad.startswith("Не нашёл такого человека")
    howto = (await world.dm(school.admin, "перевести 5А"))[0]
    assert "перевести Иванов Пётр 5А 6Б" in howto

    answer = (await world.dm(school.admin, f"выбыл [id{school.pupil.id}|Пётр]"))[0]
    assert answer.startswith("Готово: Иванов Пётр Сергеевич выбыл(а)")
    assert "Иванов Пётр Сергеевич" not in (await world.dm(school.admin, "класс 6Б"))[0]
    kinds = rows(world, "SELECT kind FROM departures ORDER BY id")
    assert kinds == [("moved",), ("left",)]
    assert rows(world, "SELECT full_name FROM people WHERE vk_id = 1001") == [
        ("Иванов Пётр Сергеевич",)
    ]  # the record of the person is kept
    open_invites = rows(
        world, "SELECT COUNT(*) FROM invitations WHERE claimed_at IS NULL AND revoked_at IS NULL"
    )
    assert open_invites == [(0,)]


async def test_the_new_school_year_preview_then_run(world):
    school = await set_up_school(world)
    for text in ("добавить класс 11А", "добавить класс 6А"):
        assert (await world.dm(school.admin, text))[0].startswith("Класс")
    parents = await world.control.create_chat(
        "5А · родители",
        member_ids=[school.curator.id, school.parent.id],
        owner_id=school.curator.id,
    )
    await bind(world, parents, ChatKind.PARENTS, "5А · родители")
    leavers = await world.control.create_chat(
        "11А · ученики", member_ids=[school.newcomer.id], owner_id=school.admin.id
    )
    await bind(world, leavers, ChatKind.PUPILS, "11А · ученики", ClassName(11, "А"))
    since = await world.mark()
    await world.control.write_dm(school.admin.id, "новый учебный год")
    action = await world.control.wait_action(
        "messages.send", since=since, peer_ids=str(school.admin.id)
    )
    preview = action["params"]["message"]
    assert "• 6А → 7А" in preview and "• 5А → 6А" in preview and "• 11А — выпуск" in preview
    assert "«5А · родители» → «6А · родители»" in preview
    assert "«11А · ученики»" in preview
    assert preview.index("6А → 7А") < preview.index("5А → 6А")  # the top grade first
    buttons = json.loads(action["params"]["keyboard"])["buttons"][0]
    go = json.loads(buttons[0]["action"]["payload"])
    cmid = action["response"][0]["conversation_message_id"]
    since = await world.mark()
    await world.control.press_button(school.admin.id, school.admin.id, cmid, go)
    done = await wait_for(world, school.admin.id, "новый учебный год начат", since)
    assert "Переведено классов: 3, выпущено: 1" in done[0]
    classes = (await world.dm(school.admin, "классы"))[0]
    assert "6А" in classes and "7Б" in classes and "7А" in classes and "11А" not in classes
    assert (await world.control.chat(parents))["title"] == "6А · родители"
    assert school.newcomer.id in (await world.control.chat(leavers))["restricted"]
    assert rows(world, "SELECT COUNT(*) FROM school_years") == [(1,)]
    snapshot = json.loads(rows(world, "SELECT snapshot FROM school_years")[0][0])
    assert {(c["grade"], c["letter"]) for c in snapshot["classes"]} >= {(5, "А"), (11, "А")}
    assert rows(world, "SELECT archived_label FROM chats WHERE archived_at IS NOT NULL")[0][
        0
    ].startswith("11А · ")


async def test_statistics_as_message_picture_and_csv(world, tmp_path):
    school = await set_up_school(world)
    peer = await world.control.create_chat(
        "5А · ученики", member_ids=[school.curator.id, school.pupil.id], owner_id=school.curator.id
    )
    await bind(world, peer, ChatKind.PUPILS, "5А · ученики")
    await world.dm(school.admin, "аудит участники")  # records who is in the chat
    for text in ("Доброе утро!", "Завтра контрольная?", "Да, по математике"):
        await world.control.write_chat(school.pupil.id, peer, text)
    await world.quiet(0, 0.3)
    await world.dm(school.director, "кто я")
    since = await world.mark()
    message = (await world.dm(school.director, "статистика"))[0]
    assert message.startswith("Итоги «")
    # Outcomes lead; activity comes last and ranks nobody.
    assert (
        message.index("Объявления:")
        < message.index("Нарушения:")
        < message.index("Сообщений в чатах: 3")
    )
    assert "Самые активные" not in message
    assert "5А: объявлений с подтверждением не было" in message
    assert "ученики 1 из 4 (25 %)" in message
    await world.control.wait_action(
        "messages.send", since=since + 1, peer_ids=str(school.director.id)
    )
    (photo,) = await world.control.sent_photos(school.director.id)
    image = Image.open(io.BytesIO(base64.b64decode(photo["content_b64"])))
    assert image.format == "PNG" and image.size == (WIDTH_PX, height_px(2))  # 5А and 6Б
    one = (await world.dm(school.curator, "статистика 5А"))[0]
    assert one.startswith("Итоги класса 5А") and "сообщений: 3" in one
    assert (await world.dm(school.curator, "статистика 6Б"))[0].startswith("Извините")

    out = tmp_path / "stats.csv"
    config = tmp_path / "config.toml"
    config.write_text(
        f'[vk]\ngroup_id = 1\n[school]\nname = "Школа"\nadmins = [1]\n'
        f'[storage]\npath = "{world.config.storage.path}"\n',
        encoding="utf-8",
    )
    args = ["stats", "export", "--config", str(config), "-o", str(out)]
    assert await asyncio.to_thread(main, args) == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("class;pupils;pupils_joined")
    assert lines[1].startswith("5А;4;1;25;") and lines[-1].startswith("school;")
