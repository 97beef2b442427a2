"""Quiet hours and away mode end to end: people write in the sandbox, the clock moves on.

The world's clock starts on a Tuesday at 10:00 Moscow time (tests/conftest.py); a holiday is
set in this module's config for the Wednesday of the next week.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from bot.config import QuietConfig
from bot.demo.world import Person, World, running_world
from bot.domain.chats import ChatKind, SchoolChat
from bot.domain.classes import ClassName
from bot.sandbox_mode import embedded_config
from bot.storage.chat_repo import ChatRepo
from tests.e2e.posts_setup import posted, press, preview
from tests.e2e.school_setup import School, set_up_school

pytestmark = pytest.mark.e2e

C5A = ClassName(5, "А")


@pytest.fixture
async def world(tmp_path, monkeypatch, clock):
    monkeypatch.chdir(tmp_path)
    config = embedded_config(tmp_path / "schoolbot.sqlite3")
    holiday = (school_now(clock()) + timedelta(days=8)).date()  # the next week's Wednesday
    config = config.model_copy(update={"quiet": QuietConfig(holidays=[holiday])})
    async with running_world(tmp_path, config=config, clock=clock) as world:
        world.first_day = school_now(clock()).date()  # type: ignore[attr-defined]
        yield world


def school_now(moment: datetime) -> datetime:
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo("Europe/Moscow"))


async def go_to(world: World, days: int, hour: int, minute: int = 0) -> None:
    """Moves the clock to `days` days after the first day (a Tuesday), at hour:minute."""
    now = school_now(world.clock())
    first = datetime.combine(world.first_day, time(hour, minute), tzinfo=now.tzinfo)
    then = first + timedelta(days=days)
    assert then >= now
    await world.advance(seconds=(then - now).total_seconds())


async def parents_chat(world: World, school: School) -> int:
    peer = await world.control.create_chat(
        "5А · родители",
        member_ids=[school.curator.id, school.parent.id, school.teacher.id],
        owner_id=school.curator.id,
    )
    chat = SchoolChat(peer, ChatKind.PARENTS, C5A, title="5А · родители")
    await ChatRepo(world.app.db).add(chat=chat, created_by_bot=False)
    return peer


async def bot_says(world: World, who: Person, peer: int, text: str, **extra) -> list[str]:
    """What the bot writes in the chat in answer to `who`'s message (nothing: [])."""
    since = await world.mark()
    await world.control.write_chat(who.id, peer, text, **extra)
    actions = await world.quiet(since, 0.3)
    return [
        a["params"].get("message", "")
        for a in actions
        if a["method"] == "messages.send" and a["params"].get("peer_ids") == str(peer)
    ]


async def test_one_note_a_quiet_period_to_parents_and_none_to_staff(world):
    school = await set_up_school(world)
    peer = await parents_chat(world, school)
    assert await bot_says(world, school.parent, peer, "Добрый день! Когда экскурсия?") == []

    await go_to(world, 0, 21)
    notes = await bot_says(world, school.parent, peer, "Что задали по математике?")
    assert len(notes) == 1
    assert "тихие часы (с 20:00 до 08:00, а в выходные и праздники — весь день)" in notes[0]
    assert "Учитель ответит в рабочее время — завтра с 08:00" in notes[0]
    assert await bot_says(world, school.curator, peer, "Номер 5 на странице 12.") == []
    assert await bot_says(world, school.teacher, peer, "И ещё номер 6.") == []
    await go_to(world, 0, 21, 30)
    assert await bot_says(world, school.parent, peer, "Спасибо!") == []
    # Commands still work at night.
    answer = await bot_says(world, school.parent, peer, "[club1|@school1] кто я")
    assert len(answer) == 1 and "Тихие часы" not in answer[0] and "тихие часы" not in answer[0]

    await go_to(world, 1, 9)
    assert await bot_says(world, school.parent, peer, "Доброе утро!") == []
    await go_to(world, 4, 12)  # Saturday noon: a new quiet period, one more note
    notes = await bot_says(world, school.parent, peer, "А в понедельник форма парадная?")
    assert len(notes) == 1 and "с 08:00 понедельника" in notes[0]
    await go_to(world, 5, 12)  # Sunday: the same period as Saturday
    assert await bot_says(world, school.parent, peer, "Ау?") == []
    await go_to(world, 8, 11)  # the holiday (a Wednesday) from the config
    await world.quiet(await world.mark(), 0.5)  # the weekly report of the days skipped goes first
    await go_to(world, 8, 12)
    notes = await bot_says(world, school.parent, peer, "Завтра уроки по расписанию?")
    assert len(notes) == 1 and "завтра с 08:00" in notes[0]


async def test_posts_into_quiet_hours_wait_for_the_morning_unless_urgent(world):
    school = await set_up_school(world)
    peer = await parents_chat(world, school)
    await go_to(world, 0, 21)
    held = await preview(
        world, school.curator, "опубликовать 5А родители сегодня в 22:00 Завтра — в парадной форме"
    )
    assert "приходится на тихие часы в этих чатах, поэтому публикация уйдёт утром" in held.text
    assert " в 08:00" in held.text and "срочно" in held.text
    urgent = await preview(
        world, school.curator, "опубликовать 5А родители срочно сегодня в 22:00 Сбор в 7:30"
    )
    assert "тихие часы" not in urgent.text and "в 22:00" in urgent.text
    now = await preview(world, school.curator, "опубликовать 5А родители Форма — спортивная")
    assert "Сейчас в этих чатах тихие часы" in now.text
    for shown in (held, urgent):
        assert await press(world, school.curator, shown) == "Запланировано."
    since = await world.mark()
    assert await press(world, school.curator, now) == "Запланировано."
    told = await world.reply_starting(
        school.curator.id, since, "В этих чатах сейчас тихие часы, поэтому публикация"
    )
    assert f"Публикация №{now.post_id} запланирована на " in told and "в 08:00" in told

    await go_to(world, 0, 22, 1)
    messages = await world.control.messages(peer)
    assert len(posted(messages, "Сбор в 7:30")) == 1
    assert posted(messages, "парадной") == [] and posted(messages, "спортивная") == []
    await go_to(world, 1, 7, 59)
    assert posted(await world.control.messages(peer), "парадной") == []
    await go_to(world, 1, 8, 1)
    await world.quiet(0, 0.3)
    messages = await world.control.messages(peer)
    assert len(posted(messages, "парадной")) == 1 and len(posted(messages, "спортивная")) == 1


async def test_away_mode_answers_who_addresses_the_teacher(world):
    school = await set_up_school(world)
    peer = await parents_chat(world, school)
    curator = school.curator
    today = school_now(world.clock()).date()
    bad = (await world.dm(curator, "отсутствую с 31.02 по 05.03: На курсах"))[0]
    assert bad.startswith("Не понимаю дату «31.02».") and "отсутствую с 01.12 по 05.12" in bad
    span = f"с {today:%d.%m} по {today + timedelta(days=2):%d.%m}"
    answer = (await world.dm(curator, f"отсутствую {span}: На курсах, вопросы — завучу."))[0]
    assert answer.startswith("Готово: отсутствие с ")
    shown = (await world.dm(curator, "отсутствие"))[0]
    assert shown.startswith("Вы отсутствуете с ") and "На курсах, вопросы — завучу." in shown

    mention = f"[id{curator.id}|Ольга Николаевна], когда родительское собрание?"
    away = await bot_says(world, school.parent, peer, mention)
    assert len(away) == 1
    until = today + timedelta(days=2)
    assert away[0] == (
        f"Ольга Николаевна отсутствует с {today:%d.%m.%Y} по {until:%d.%m.%Y}. "
        "На курсах, вопросы — завучу."
    )
    assert "На курсах, вопросы — завучу." in away[0]
    assert await bot_says(world, school.parent, peer, mention) == []  # once a day
    assert await bot_says(world, school.parent, peer, "Всем добрый день!") == []
    await go_to(world, 1, 11)
    cmid = await world.control.write_chat(curator.id, peer, "Собрание в четверг.")
    again = await bot_says(world, school.parent, peer, "Во сколько?", reply_to_cmid=cmid)
    assert len(again) == 1 and "отсутствует" in again[0]

    assert (await world.dm(curator, "отсутствие отменить"))[0].startswith("Готово: отсутствие")
    await go_to(world, 2, 11)
    assert await bot_says(world, school.parent, peer, mention) == []


async def test_a_post_confirmed_after_the_quiet_hours_goes_at_once(world):
    school = await set_up_school(world)
    peer = await parents_chat(world, school)
    await go_to(world, 0, 23)
    shown = await preview(world, school.admin, "рассылка родителям 5А: Завтра — субботник")
    assert "Сейчас в этих чатах тихие часы: если подтвердить публикацию до их конца" in shown.text
    friday = f"{world.first_day + timedelta(days=3):%d.%m}"
    event = await preview(world, school.curator, f"событие 5А родители {friday} 18:00 Собрание")
    assert "Сейчас в этих чатах тихие часы" in event.text
    urgent = await preview(world, school.curator, f"событие 5А родители срочно {friday} 18:00 Сбор")
    assert "тихие часы" not in urgent.text
    await go_to(world, 1, 8, 30)  # the administrator presses in the morning: it goes at once
    assert await press(world, school.admin, shown) == "Публикую…"
    await world.quiet(0, 0.3)
    assert len(posted(await world.control.messages(peer), "субботник")) == 1
