"""The class join link (issue 17.2), through the sandbox: posted once, matched against the roster,
approved by the curator with one tap; strangers refused without bothering the curator."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from tests.e2e.invite_helpers import (
    curator_ready,
    forged_press,
    join_link_from,
    next_with_buttons,
    press,
)
from tests.e2e.school_setup import set_up_school

pytestmark = pytest.mark.e2e
PARENTS = 2_000_000_001
LINK = re.compile(r"https://vk\.me/school1\?ref=([A-Z0-9]+)")


def rows(world, sql: str) -> list[tuple]:
    db = sqlite3.connect(world.config.storage.path)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


async def class_link(world, school) -> str:
    await curator_ready(world, school.curator)
    await world.dm(school.curator, "создать чат 5А родители")
    answer = (await world.dm(school.curator, "ссылка для класса 5А родители"))[0]
    assert answer.startswith("Общая ссылка в чат «5А · родители»: https://vk.me/school1?ref=")
    assert "Отменить ссылку: отозвать общую ссылку 5А родители" in answer
    return LINK.search(answer).group(0)


async def opens(world, who, link: str) -> str:
    since = await world.mark()
    await world.control.open_ref_link(who.id, link)
    return (await world.replies(who.id, since))[0]


async def test_a_parent_asks_the_curator_approves_with_one_tap(world):
    school = await set_up_school(world)
    link = await class_link(world, school)
    father = await world.person("Андрей", "Смирнов")  # on the roster, without a VK page

    question = await opens(world, father, link)
    assert question.startswith("Здравствуйте! Это вход в чат «5А · родители»")
    since = await world.mark()
    answer = (await world.dm(father, "Я папа Смирнова Тёмы"))[0]
    assert answer.startswith("Спасибо! Я передал запрос куратору класса — Ольга Николаевна")
    request = await next_with_buttons(world, school.curator.id, since)
    assert request.text.startswith("🙋 Запрос №1 на вход в чат «5А · родители» по общей ссылке.")
    assert f"Кто: Андрей Смирнов, vk.com/id{father.id}" in request.text
    assert "Смирнов Артём Андреевич — есть в списках ✅" in request.text
    assert (
        "• Смирнов Андрей Павлович — страница ВКонтакте в списках не указана, имя совпадает ✅"
        in request.text
    )
    assert list(request.payloads) == ["Впустить", "Отклонить"]

    # The father presses the curator's button for himself: refused, nothing changes.
    since = await world.mark()
    await world.app._handle(forged_press(2, father.id, father.id, request.payloads["Впустить"]))
    answered = await world.control.actions(since=since, method="messages.sendMessageEventAnswer")
    notes = [json.loads(a["params"]["event_data"])["text"] for a in answered]
    assert notes == ["Решать это могут только куратор класса и администраторы."]
    assert rows(world, "SELECT state FROM join_requests") == [("waiting",)]

    since = await world.mark()
    note = await press(world, school.curator, request, "Впустить")
    assert note == "Готово: впустил и записал страницу ВКонтакте."
    action = await world.control.wait_action(
        "messages.send", since=since, timeout=5, peer_ids=str(father.id)
    )
    assert action["params"]["message"].startswith("Куратор подтвердил ваш вход")
    since = await world.mark()
    assert await world.control.join_by_link(father.id, join_link_from(action)) == PARENTS
    actions = await world.quiet(since, 0.5)
    assert not any(a["method"] == "messages.removeChatUser" for a in actions)
    owner = "SELECT vk_id FROM people WHERE full_name = 'Смирнов Андрей Павлович'"
    assert rows(world, owner) == [(father.id,)]
    assert await press(world, school.curator, request, "Отклонить") == "Этот запрос уже решён."

    # A mother whose VK page the roster knows gets in at once, no request.
    since = await world.mark()
    known = await opens(world, school.parent, link)
    assert known.startswith("Вы есть в списках класса — добро пожаловать!")
    assert not [
        a for a in await world.quiet(since, 0.2) if "Запрос №" in a["params"].get("message", "")
    ]


async def test_strangers_are_refused_and_never_reach_the_curator(world):
    school = await set_up_school(world)
    link = await class_link(world, school)
    since = await world.mark()
    await opens(world, school.stranger, link)
    first = (await world.dm(school.stranger, "Сидоров Петя"))[0]
    assert first.startswith("Не нашёл ученика в списке 5А") and "Осталось: 2 попытки." in first
    assert "Осталось: 1 попытка." in (await world.dm(school.stranger, "Петров Вася"))[0]
    last = (await world.dm(school.stranger, "Кузнецов Иван"))[0]
    assert last.startswith("Не получилось найти такого ученика")
    assert "[id3001|Ольга Николаевна]" in last
    again = await opens(world, school.stranger, link)
    assert again.startswith("Недавно по вашему запросу уже было решение")
    sent = [a["params"].get("message", "") for a in await world.quiet(since, 0.2)]
    assert not any("Запрос №" in text for text in sent)
    # None of it was a wrong code: nobody was told of guessing, nothing locked.
    assert not any("неверный код" in text for text in sent)

    # Another stranger names a real pupil: the curator sees the pages do not match, declines.
    impostor = await world.person("Ирина", "Петрова")
    await opens(world, impostor, link)
    since = await world.mark()
    await world.dm(impostor, "Иванов Пётр")
    request = await next_with_buttons(world, school.curator.id, since)
    assert "Иванова Елена Викторовна — vk.com/id2001 — другая страница ⚠" in request.text
    assert "Иванов Пётр Сергеевич — есть в списках ✅" in request.text
    since = await world.mark()
    assert await press(world, school.curator, request, "Отклонить") == (
        "Хорошо, отклонил. Я вежливо ответил."
    )
    told = await world.replies(impostor.id, since)
    assert told[0].startswith("Куратор не подтвердил ваш вход в чат «5А · родители»")

    # The link revoked: whoever opens it now is told so.
    answer = (await world.dm(school.curator, "отозвать общую ссылку 5А родители"))[0]
    assert answer == "Общая ссылка в чат «5А · родители» отменена: по ней больше никто не войдёт."
    late = await world.person("Поздний", "Гость")
    assert (await opens(world, late, link)).startswith("Эта ссылка больше не действует")


async def test_a_new_class_link_replaces_the_old_and_only_the_curator_may_make_one(world):
    school = await set_up_school(world)
    old = await class_link(world, school)
    answer = (await world.dm(school.curator, "общая ссылка 5А"))[0]
    assert "Прежняя общая ссылка в этот чат отменена." in answer
    late = await world.person("Поздний", "Гость")
    assert (await opens(world, late, old)).startswith("Эта ссылка больше не действует")
    assert (await world.dm(school.parent, "ссылка для класса 5А"))[0].startswith(
        "Извините, у вас нет прав"
    )
    wrong = (await world.dm(school.curator, "ссылка для класса 5А предмет математика"))[0]
    assert wrong.startswith("Общая ссылка бывает только для чата родителей или чата учеников")
