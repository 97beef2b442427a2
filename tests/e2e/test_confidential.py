"""The confidential line end to end: only the addressee sees an appeal; the text is not kept."""

from __future__ import annotations

import logging
import sqlite3

import pytest

from bot.config import ConfidentialConfig
from bot.demo.world import World, running_world
from bot.domain.chats import ChatKind, SchoolChat
from bot.domain.classes import ClassName
from bot.sandbox_mode import embedded_config
from bot.storage.chat_repo import ChatRepo
from tests.e2e.school_setup import School, set_up_school

pytestmark = pytest.mark.e2e

PSYCHOLOGIST_ID = 4001
TITLE = "педагог-психолог Анна Сергеевна"
SECRET = "Меня обижают на переменах, не знаю, что делать"


@pytest.fixture
async def line(tmp_path, monkeypatch, clock):
    """A world whose config names the school psychologist."""
    monkeypatch.chdir(tmp_path)
    config = embedded_config(tmp_path / "schoolbot.sqlite3")
    confidential = ConfidentialConfig(
        psychologist=PSYCHOLOGIST_ID, psychologist_title=TITLE, appeals_per_day=2
    )
    config = config.model_copy(update={"confidential": confidential})
    async with running_world(tmp_path, config=config, clock=clock) as world:
        yield world


async def class_chat(world: World, school: School) -> int:
    peer = await world.control.create_chat(
        "5А · ученики",
        member_ids=[school.curator.id, school.pupil.id],
        owner_id=school.curator.id,
    )
    chat = SchoolChat(peer, ChatKind.PUPILS, ClassName(5, "А"), title="5А · ученики")
    await ChatRepo(world.app.db).add(chat=chat, created_by_bot=False)
    return peer


def sent_to(actions: list[dict], peer: int) -> list[str]:
    return [
        a["params"]["message"]
        for a in actions
        if a["method"] == "messages.send"
        and a["params"]["peer_ids"] == str(peer)
        and "error" not in a
    ]


def database_text(world: World) -> str:
    conn = sqlite3.connect(world.config.storage.path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


async def test_a_pupil_reaches_the_psychologist_and_no_one_else(line, caplog):
    caplog.set_level(logging.INFO)  # the level the bot runs at (bot/logs.py)
    world = line
    school = await set_up_school(world)
    psychologist = await world.person("Анна", "Сергеевна", user_id=PSYCHOLOGIST_ID)
    await world.control.allow_messages(psychologist.id)
    chat = await class_chat(world, school)
    since = await world.mark()

    answer = await world.dm(school.pupil, f"психологу: {SECRET}")
    assert answer[0].startswith(f"Спасибо, что написали. Ваше обращение №1 передано: {TITLE}.")
    actions = await world.quiet(since)
    [delivered] = sent_to(actions, psychologist.id)
    assert delivered.startswith(f"Обращение №1 ({TITLE})")
    assert f"От: [id{school.pupil.id}|" in delivered and "ученик(ца) 5А" in delivered
    assert SECRET in delivered and "ответить обращению 1: ваш ответ" in delivered
    assert sent_to(actions, chat) == [] and sent_to(actions, school.curator.id) == []
    assert sent_to(actions, school.director.id) == []
    assert SECRET not in database_text(world) and SECRET not in caplog.text

    # The psychologist answers through the bot; only the pupil gets it.
    reply = "Давай встретимся завтра после уроков в кабинете 21"
    since = await world.mark()
    done = await world.dm(psychologist, f"ответить обращению 1: {reply}")
    assert done == ["Готово: ответ на обращение №1 отправлен."]
    [got] = sent_to(await world.quiet(since), school.pupil.id)
    assert got == f"Ответ на ваше обращение №1 ({TITLE}):\n\n{reply}"
    assert reply not in database_text(world)
    state = (
        sqlite3.connect(world.config.storage.path).execute("SELECT state FROM appeals").fetchall()
    )
    assert state == [("answered",)]
    # Nobody else may answer it, the curator included.
    refused = await world.dm(school.curator, "ответить обращению 1: Я всё знаю")
    assert refused[0].startswith("Обращения №1 нет среди адресованных вам.")


async def test_the_administration_gets_it_over_the_curators_head(line):
    world = line
    school = await set_up_school(world)
    for boss in (school.director, school.deputy, school.curator):
        await world.control.allow_messages(boss.id)
    since = await world.mark()
    text = "Классный руководитель кричит на детей, прошу разобраться"
    answer = await world.dm(school.parent, f"администрации: {text}")
    assert answer[0].startswith("Спасибо, что написали. Ваше обращение №1 передано: администрация")
    actions = await world.quiet(since)
    for boss in (school.director, school.deputy):
        [got] = sent_to(actions, boss.id)
        assert text in got and "родитель: Иванов Пётр" in got
    assert sent_to(actions, school.curator.id) == []
    # The director answers; the parent sees who did.
    await world.dm(school.director, "ответить обращению 1: Разберусь сегодня же.")
    actions = await world.quiet(since)
    assert any(
        m.startswith("Ответ на ваше обращение №1 (администрация школы, ")
        for m in sent_to(actions, school.parent.id)
    )


async def test_limits_and_wrong_places(line):
    world = line
    school = await set_up_school(world)
    chat = await class_chat(world, school)
    pupil = school.pupil
    assert (await world.dm(pupil, "психологу"))[0].startswith(
        "Пожалуйста, укажите текст обращения."
    )
    # Anyone may write to the psychologist (a pupil missing from the roster too), but
    # «администрации:» stays the roster's pupils' and parents'.
    refused = (await world.dm(school.stranger, "администрации: помогите"))[0]
    assert refused.startswith("Извините, у вас нет прав") and "ученики, родители" in refused
    # In the class chat: addressed to the bot → a hint in the pupil's dialog only; unaddressed
    # words that merely start so are talk.
    since = await world.mark()
    await world.control.write_chat(pupil.id, chat, "[club1|@school1] психологу: мне плохо")
    await world.control.write_chat(pupil.id, chat, "Психологу надо сказать спасибо")
    actions = await world.quiet(since)
    assert sent_to(actions, chat) == [] and sent_to(actions, PSYCHOLOGIST_ID) == []
    [hint] = sent_to(actions, pupil.id)
    assert hint.startswith("Обращения к психологу и администрации я принимаю только в личных")
    # The psychologist has not opened messages from the community: the pupil is told so.
    answer = (await world.dm(pupil, "психологу: первое"))[0]
    assert answer.startswith("Извините, сейчас не получается передать ваше сообщение")
    assert "8-800-2000-122" in answer
    await world.dm(pupil, "психологу: второе")
    answer = (await world.dm(pupil, "психологу: третье"))[0]
    assert answer.startswith("Вы уже отправили 2 обращения за сутки")


async def test_without_a_psychologist_the_administration_is_used(world):
    school = await set_up_school(world)
    await world.control.allow_messages(school.director.id)
    since = await world.mark()
    answer = (await world.dm(school.pupil, f"психологу: {SECRET}"))[0]
    assert answer.startswith("В боте пока не указан школьный психолог")
    assert "Ваше обращение №1 передано: администрация школы." in answer
    actions = await world.quiet(since)
    assert any(SECRET in m for m in sent_to(actions, school.director.id))
    assert sent_to(actions, school.curator.id) == []
