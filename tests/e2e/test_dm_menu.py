"""Help in the community's dialog for everyone (issue 17, item 6): a menu by roles instead of
«не знаю команды», a parent's question to the curator in one tap, the psychologist for anyone,
and a curator the bot cannot write to yet named to the administrator and served on writing."""

from __future__ import annotations

import json
import sqlite3

import pytest

from bot.config import ConfidentialConfig
from bot.demo.world import running_world
from bot.sandbox_mode import embedded_config
from tests.e2e.school_setup import set_up_school

pytestmark = pytest.mark.e2e

PSYCHOLOGIST_ID = 4001
QUESTION = "Подскажите, пожалуйста, когда родительское собрание?"


@pytest.fixture
async def world(tmp_path, monkeypatch, clock):
    monkeypatch.chdir(tmp_path)
    config = embedded_config(tmp_path / "schoolbot.sqlite3")
    confidential = ConfidentialConfig(psychologist=PSYCHOLOGIST_ID, psychologist_title="психолог")
    config = config.model_copy(update={"confidential": confidential})
    async with running_world(tmp_path, config=config, clock=clock) as world:
        yield world


def database_text(world) -> str:
    conn = sqlite3.connect(world.config.storage.path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


async def menu_of(world, who, text: str) -> tuple[str, list[dict], int]:
    """What `who` gets for `text`: the menu, its buttons' payloads and its cmid."""
    since = await world.mark()
    cmid = await world.control.write_dm(who.id, text)
    action = await world.control.wait_action("messages.send", since=since, peer_ids=str(who.id))
    keyboard = action["params"].get("keyboard")
    payloads = []
    if keyboard:
        for row in json.loads(keyboard)["buttons"]:
            payloads += [json.loads(b["action"]["payload"]) for b in row]
    menu_cmid = (await world.control.messages(who.id))[-1]["conversation_message_id"]
    assert cmid < menu_cmid
    return action["params"]["message"], payloads, menu_cmid


async def press(world, who, cmid: int, payload: dict) -> str:
    since = await world.mark()
    event_id = await world.control.press_button(who.id, who.id, cmid, payload)
    action = await world.control.wait_action(
        "messages.sendMessageEventAnswer", since=since, event_id=event_id
    )
    return json.loads(action["params"]["event_data"])["text"]


async def test_a_parent_greeting_gets_a_menu_not_an_error(world):
    school = await set_up_school(world)
    text, payloads, _ = await menu_of(world, school.parent, "Добрый день")
    assert text.startswith("Здравствуйте! Я помощник школы")
    assert "не знаю команды" not in text
    assert "вопрос куратору 5А (Ольга Николаевна) — напишите его сюда одним сообщением" in text
    assert "«психологу: ваш текст»" in text and "«администрации: ваш текст»" in text
    assert payloads == []  # nothing to pass on yet
    other, _, _ = await menu_of(world, school.parent, "Сын заболел, завтра его не будет")
    assert "нажмите кнопку «Передать куратору»" in other


async def test_a_parents_question_reaches_the_curator_with_one_tap_once(world):
    school = await set_up_school(world)
    await world.dm(school.curator, "кто я")  # the curator can get messages
    text, payloads, cmid = await menu_of(world, school.parent, QUESTION)
    assert "нажмите кнопку «Передать куратору»" in text
    assert payloads == [{"ask": "curator", "c": payloads[0]["c"], "k": "5А"}]
    since = await world.mark()
    assert await press(world, school.parent, cmid, payloads[0]) == "Передал куратору"
    question = await world.reply_starting(school.curator.id, since, "Вопрос родителя (5А)")
    assert "От: [id2001|Иванова Елена Викторовна], родитель: Иванов Пётр Сергеевич (5А), " in (
        question
    )
    assert QUESTION in question
    told = await world.reply_starting(school.parent.id, since, "Передал ваш вопрос куратору 5А")
    assert "Ольга Николаевна" in told
    await press(world, school.parent, cmid, payloads[0])  # a second tap
    await world.quiet(since, 0.3)
    received = [
        m["text"]
        for m in await world.control.messages(school.curator.id)
        if m["text"].startswith("Вопрос родителя")
    ]
    assert len(received) == 1  # the repeat carried the same random_id: VK dropped it
    # Nothing of the question is kept by the bot.
    assert "родительское собрание" not in database_text(world)


async def test_a_curator_who_never_wrote_is_named_to_the_admin_and_served_on_writing(world):
    school = await set_up_school(world)
    _, payloads, cmid = await menu_of(world, school.parent, QUESTION)
    since = await world.mark()
    assert (await press(world, school.parent, cmid, payloads[0])).startswith("Передам, как только")
    note = await world.reply_starting(school.admin.id, since, "Куратор 5А — ")
    assert "[id3001|Ольга Николаевна] — ещё не писал сообществу" in note
    assert "передать вопрос родителя я не могу" in note and "https://vk.me/school1" in note
    parent = await world.reply_starting(school.parent.id, since, "Куратор 5А — ")
    assert "передам ваш вопрос, как только куратор напишет нам" in parent
    since = await world.mark()
    await world.control.write_dm(school.curator.id, "Добрый день")
    held = await world.reply_starting(school.curator.id, since, "Этот вопрос ждал")
    assert QUESTION in held and "[id2001|Иванова Елена Викторовна]" in held
    menu = await world.reply_starting(school.curator.id, since, "Здравствуйте! Я помощник")
    assert "«статус 5А»" in menu and "«пригласить 5А родители»" in menu


async def test_a_pupil_and_a_stranger_can_reach_the_psychologist(world):
    school = await set_up_school(world)
    text, payloads, _ = await menu_of(world, school.pupil, "Привет")
    assert "«психологу: ваш текст»" in text and "вопрос куратору" not in text and not payloads
    text, _, _ = await menu_of(world, school.stranger, "Здравствуйте, я из 5А")
    assert "Вас пока нет в списках школы" in text and "«психологу: ваш текст»" in text
    await world.person("Анна", "Психолог", user_id=PSYCHOLOGIST_ID)
    await world.control.allow_messages(PSYCHOLOGIST_ID)
    since = await world.mark()
    answer = (await world.dm(school.stranger, "психологу: мне не с кем поговорить"))[0]
    assert answer.startswith("Спасибо, что написали. Ваше обращение №1 передано")
    appeal = await world.reply_starting(PSYCHOLOGIST_ID, since, "Обращение №1")
    assert "нет в списках школы" in appeal and "мне не с кем поговорить" in appeal


async def test_staff_keep_their_command_errors_and_get_a_menu_for_a_greeting(world):
    school = await set_up_school(world)
    wrong = (await world.dm(school.curator, "пригласит 5А родители"))[0]
    assert wrong.startswith("Извините, я не знаю команды") and "пригласить" in wrong
    text, _, _ = await menu_of(world, school.admin, "Добрый день!")
    assert "«чаты всем классам»" in text and "«импорт»" in text
    text, _, _ = await menu_of(world, school.teacher, "Здравствуйте")
    assert "«официально»" in text
