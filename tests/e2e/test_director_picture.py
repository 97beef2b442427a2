"""The director's picture leads with outcomes: an announcement read by families, a question the
bot answered, an incident decided — counted from what really happened in the chats."""

from __future__ import annotations

import pytest

from tests.e2e.test_acks import ANNOUNCE, answer_to, press, set_up, shown

pytestmark = pytest.mark.e2e


async def test_the_statistics_show_what_came_of_the_week(world):
    five_a = await set_up(world)
    school, chat = five_a.school, five_a.chat
    since = await world.mark()
    await world.control.write_dm(school.curator.id, ANNOUNCE)
    await answer_to(world, school.curator, since, "Объявление №")
    posted = await shown(world, chat, "сокращены")
    await press(world, five_a.mother, chat, posted, "Ознакомлен(а)")

    await world.dm(school.curator, "ответ 5А: что задали = Домашние задания — в дневнике")
    since = await world.mark()
    await world.control.write_chat(five_a.sokolov.id, chat, "Подскажите, что задали на завтра?")
    assert (await world.replies(chat, since))[0].startswith("💡 Домашние задания")

    picture = (await world.dm(school.director, "статистика"))[0]
    lines = picture.splitlines()
    assert lines[0].startswith("Итоги «")
    # One announcement; one of the four families of 5А has read it.
    assert lines[1] == "Объявления: объявлений с подтверждением: 1, ознакомились 1 из 4 (25 %)"
    assert lines[2] == "Нарушения: нарушений не было"
    assert lines[3] == "Вопросы в чатах, на которые бот ответил сам: 1"
    assert "5А: объявлений с подтверждением: 1, ознакомились 1 из 4 (25 %)" in picture
    assert "ответов бота на вопросы: 1" in picture
    # Activity comes last, for reference, and nobody is ranked by it.
    assert lines.index(next(x for x in lines if x.startswith("Сообщений в чатах:"))) > 3
    assert "Самые активные" not in picture
