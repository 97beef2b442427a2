"""Answers to recurring questions end to end: a curator keeps them, the class's chat gets them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.demo.world import World
from bot.domain.chats import ChatKind, SchoolChat
from bot.domain.classes import ClassName
from bot.storage.chat_repo import ChatRepo
from tests.e2e.school_setup import School, set_up_school

pytestmark = pytest.mark.e2e

C5A, C6B = ClassName(5, "А"), ClassName(6, "Б")
HOMEWORK = "Домашние задания — в электронном дневнике: https://dnevnik.example/5a"


async def parents_chat(world: World, school: School, class_name: ClassName) -> int:
    title = f"{class_name} · родители"
    peer = await world.control.create_chat(
        title, member_ids=[school.curator.id, school.parent.id], owner_id=school.curator.id
    )
    chat = SchoolChat(peer, ChatKind.PARENTS, class_name, title=title)
    await ChatRepo(world.app.db).add(chat=chat, created_by_bot=False)
    return peer


async def silent_in(world: World, who, peer: int, text: str) -> bool:
    """`who` writes in the chat; True if the bot sent nothing there."""
    since = await world.mark()
    await world.control.write_chat(who.id, peer, text)
    actions = await world.quiet(since, 0.4)
    return not [
        a
        for a in actions
        if a["method"] == "messages.send" and a["params"]["peer_ids"] == str(peer)
    ]


async def last_bot_message(world: World, peer: int) -> dict:
    return [m for m in await world.control.messages(peer) if m["from_id"] < 0][-1]


async def test_a_question_gets_the_curators_answer_as_a_reply(world, clock):
    school = await set_up_school(world)
    peer = await parents_chat(world, school, C5A)
    answer = await world.dm(school.curator, f"ответ 5А: что задали; домашнее задание = {HOMEWORK}")
    assert answer[0].startswith("Готово: ответ №1 класса 5А.")
    assert "«что задали»; «домашнее задание»" in answer[0]

    question = "Подскажите, пожалуйста, что задали по математике?"
    since = await world.mark()
    cmid = await world.control.write_chat(school.parent.id, peer, question)
    reply = await world.replies(peer, since)
    assert reply == [f"💡 {HOMEWORK}"]
    assert (await last_bot_message(world, peer))["reply_to_cmid"] == cmid

    # Unrelated questions and plain talk are left alone; so are the staff's own questions.
    for text in ("что за шум?", "Спасибо!", "когда собрание в 7Б?"):
        assert await silent_in(world, school.parent, peer, text), text
    assert await silent_in(world, school.curator, peer, "Кто знает, что задали?")
    # The same question again within ten minutes: the answer is still on the screen.
    assert await silent_in(world, school.parent, peer, "А что задали?")
    clock.advance(minutes=11)
    assert await world.say(school.parent, peer, "Какое домашнее задание?") == [f"💡 {HOMEWORK}"]
    assert await world.app.services.faq.answered(clock() - timedelta(days=1)) == 2


async def test_only_the_chats_own_class_and_the_school_answers_are_used(world, clock):
    school = await set_up_school(world)
    peer_5a = await parents_chat(world, school, C5A)
    peer_6b = await parents_chat(world, school, C6B)
    assert (await world.dm(school.curator, "ответ 5А: когда собрание = закреп"))[0].startswith(
        "Готово: ответ №1 класса 5А."
    )
    assert (await world.dm(school.admin, "ответ 6Б: когда экскурсия = В пятницу в 9:00"))[
        0
    ].startswith("Готово: ответ №2 класса 6Б.")
    assert (await world.dm(school.admin, "ответ: когда каникулы = С 27 октября"))[0].startswith(
        "Готово: ответ №3 для всей школы."
    )

    assert await silent_in(world, school.parent, peer_5a, "Когда экскурсия?")  # 6Б's answer
    assert await silent_in(world, school.parent, peer_6b, "Когда собрание?")  # 5А's answer
    pointer = await world.say(school.parent, peer_5a, "Добрый день! Когда будет собрание?")
    assert pointer == ["📌 Ответ на этот вопрос — в закреплённом сообщении вверху чата."]
    assert await world.say(school.parent, peer_6b, "во сколько экскурсия?") == [
        "💡 В пятницу в 9:00"
    ]
    assert await world.say(school.parent, peer_6b, "когда каникулы?") == ["💡 С 27 октября"]
    assert await world.say(school.parent, peer_5a, "когда каникулы?") == ["💡 С 27 октября"]
    # A renamed class keeps its answers (within minutes: the bot reloads them now and then).
    assert "переименован в 6В" in (await world.dm(school.admin, "переименовать класс 6Б 6В"))[0]
    clock.advance(minutes=11)
    assert await world.say(school.parent, peer_6b, "Когда экскурсия?") == ["💡 В пятницу в 9:00"]


async def test_keeping_the_answers(world):
    school = await set_up_school(world)
    curator, parent = school.curator, school.parent
    answer = (await world.dm(parent, f"ответ 5А: что задали = {HOMEWORK}"))[0]
    assert answer.startswith("Извините, у вас нет прав на эту команду.")
    answer = (await world.dm(curator, "ответ 6Б: что задали = В дневнике"))[0]
    assert answer.startswith("Извините, эту команду вы можете выполнять только для своего класса")
    answer = (await world.dm(curator, "ответ 5А: что задали в дневнике"))[0]
    assert answer.startswith(
        "Не получилось сохранить ответ: между вопросом и ответом нужен знак «=»"
    )
    assert "Пример: ответ 5А: что задали; домашнее задание = " in answer
    answer = (await world.dm(curator, "ответ 5А: когда? = завтра"))[0]
    assert "нет ни одного значимого слова" in answer
    answer = (await world.dm(curator, "ответ 5А"))[0]
    assert answer.startswith("Пожалуйста, укажите вопрос = ответ.") and "Пример: ответ 5А" in answer

    await world.dm(curator, f"ответ 5А: что задали = {HOMEWORK}")
    await world.dm(school.admin, "ответ 6Б: когда экскурсия = В пятницу")
    listing = (await world.dm(curator, "ответы 5А"))[0]
    assert f"№1: что задали = {HOMEWORK}" in listing and "экскурсия" not in listing
    assert (await world.dm(curator, "удалить ответ 2"))[0].startswith(
        "Ответ №2 относится к другому классу"
    )
    assert (await world.dm(curator, "удалить ответ 9"))[0].startswith("Ответа №9 нет.")
    assert (await world.dm(curator, "удалить ответ 1"))[0] == "Готово: ответ №1 удалён."
    peer = await parents_chat(world, school, C5A)
    assert await silent_in(world, parent, peer, "что задали?")
    assert "пока нет" in (await world.dm(curator, "ответы 5А"))[0]
