"""Channels, posts, broadcasts and scheduled posts end to end, through the sandbox."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from bot.domain.events import ButtonPress
from tests.e2e.posts_setup import create_channel, posted, press, preview
from tests.e2e.school_setup import roster_doc, set_up_school

pytestmark = pytest.mark.e2e

TEXT = "Уважаемые родители!\nЗавтра субботник.\n\nАдминистрация"


def seconds_until(world, days: int, hour: int, minute: int = 0) -> float:
    """From the bot's now to `days` days ahead at hour:minute, school time."""
    now = world.clock().astimezone(world.config.school.tz)
    then = (now + timedelta(days=days)).replace(hour=hour, minute=minute, second=0, microsecond=0)
    return (then - now).total_seconds()


def posts_in_db(world) -> list[tuple]:
    conn = sqlite3.connect(world.config.storage.path)
    try:
        return conn.execute("SELECT id, status FROM posts ORDER BY id").fetchall()
    finally:
        conn.close()


async def test_a_channel_post_with_a_file_goes_out_once_after_the_preview(world):
    school = await set_up_school(world)
    admin = school.admin
    channel = await create_channel(world, admin)
    doc = roster_doc(b"date;event\n", title="plan.csv")
    shown = await preview(world, admin, f"опубликовать канал {TEXT}", attachments=[doc])
    assert shown.text.startswith("Публикация — предпросмотр.\nКуда: «Общий канал школы»")
    assert "Когда: сразу после подтверждения" in shown.text and TEXT in shown.text
    assert "Вложений: 1" in shown.text
    assert posted(await world.control.messages(channel), "субботник") == []  # nothing yet

    since = await world.mark()
    assert await press(world, admin, shown) == "Публикую…"
    report = await world.replies(admin.id, since)
    assert report[0] == f"Публикация №{shown.post_id} опубликована в «Общий канал школы»."
    sent = posted(await world.control.messages(channel), "субботник")
    assert len(sent) == 1 and sent[0]["text"] == TEXT
    assert sent[0]["attachments"][0]["doc"]["title"] == "plan.csv"

    # A second press, and a press by someone else, change nothing.
    assert await press(world, admin, shown) == "Эта публикация уже отправлена."
    note = await world.app.services.posts._decide(
        ButtonPress(
            "e1", school.director.id, school.director.id, 1, shown.payloads["Опубликовать"]
        ),
        await world.app.services.posts._repo.get(post_id=shown.post_id),
    )
    assert note[0] == "Эта кнопка — для автора публикации."
    await world.quiet(0, 0.2)
    assert len(posted(await world.control.messages(channel), "субботник")) == 1


async def test_cancel_sends_nothing(world):
    school = await set_up_school(world)
    channel = await create_channel(world, school.admin, "сотрудники")
    shown = await preview(world, school.director, "опубликовать сотрудники Педсовет в 15:00")
    assert "Куда: «Сотрудники»" in shown.text
    assert await press(world, school.director, shown, "Отмена") == "Отменено: ничего не отправлено."
    assert await press(world, school.director, shown) == "Эта публикация отменена."
    assert posted(await world.control.messages(channel), "Педсовет") == []


async def test_only_speakers_write_in_a_channel(world):
    school = await set_up_school(world)
    channel = await create_channel(world, school.admin)
    link = await world.app.services.messenger.invite_link(channel)
    for who in (school.parent, school.director):
        await world.control.join_by_link(who.id, link)
    since = await world.mark()
    cmid = await world.control.write_chat(school.parent.id, channel, "А когда каникулы?")
    notice = await world.replies(school.parent.id, since)
    assert "удалено: там пишет только администрация школы" in notice[0]
    deleted = [
        m for m in await world.control.messages(channel) if m["conversation_message_id"] == cmid
    ]
    assert deleted[0]["deleted"]
    since = await world.mark()
    cmid = await world.control.write_chat(school.director.id, channel, "Каникулы с 28 октября.")
    actions = await world.quiet(since, 0.3)
    assert not [a for a in actions if a["method"] == "messages.delete"]
    assert not [a for a in actions if a["params"].get("peer_ids") == str(school.director.id)]


async def test_a_broadcast_reports_where_it_arrived_and_why_not(world):
    school = await set_up_school(world)
    for cls in ("5А", "6Б"):
        assert "создан" in (await world.dm(school.admin, f"создать чат {cls} родители"))[0]
    shown = await preview(world, school.admin, "рассылка родителям 5А 6Б 7В: Экскурсия в пятницу")
    assert "Чатов: 2 — «5А · родители», «6Б · родители»" in shown.text
    assert "Нет чата у: 7В — туда не отправлю." in shown.text
    await world.control.inject_error("messages.send", code=917)  # 5А's chat is gone from VK
    since = await world.mark()
    await press(world, school.admin, shown)
    report = (await world.replies(school.admin.id, since))[0]
    assert report.startswith(f"Рассылка №{shown.post_id}: доставлено в 1 из 2.")
    assert "• «5А · родители» — бота нет в этом чате" in report
    assert "Доставлено: «6Б · родители»." in report
    assert len(await world.control.actions(since, method="execute")) == 1


async def test_a_scheduled_post_goes_out_on_time_once(world, clock):
    school = await set_up_school(world)
    channel = await create_channel(world, school.admin)
    shown = await preview(world, school.admin, "опубликовать канал завтра 9:00 Линейка в 9:30")
    assert "Когда: " in shown.text and " в 09:00" in shown.text
    since = await world.mark()
    assert await press(world, school.admin, shown) == "Запланировано."
    confirmation = (await world.replies(school.admin.id, since))[0]
    assert confirmation.startswith(f"Публикация №{shown.post_id} запланирована на ")
    listing = (await world.dm(school.admin, "запланировано"))[0]
    assert f"№{shown.post_id} " in listing and "Линейка в 9:30" in listing
    assert world.app.services.planner.planned().count(f"post:{shown.post_id}") == 1

    await world.advance(seconds=seconds_until(world, 1, 8, 59))
    assert posted(await world.control.messages(channel), "Линейка") == []
    since = await world.mark()
    await world.advance(minutes=2)
    await world.replies(school.admin.id, since)  # the report
    await world.advance(days=1)
    assert len(posted(await world.control.messages(channel), "Линейка")) == 1
    assert posts_in_db(world) == [(shown.post_id, "sent")]


async def test_move_and_cancel_a_scheduled_post(world):
    school = await set_up_school(world)
    await create_channel(world, school.admin)
    shown = await preview(world, school.admin, "опубликовать канал завтра 9:00 Линейка")
    since = await world.mark()
    await press(world, school.admin, shown)
    await world.reply_starting(school.admin.id, since, "Публикация")  # let it arrive first
    n = shown.post_id
    answer = (await world.dm(school.admin, f"перенести {n} послезавтра 10:00"))[0]
    assert answer.startswith(f"Готово: публикация №{n} перенесена на ") and "10:00" in answer
    answer = (await world.dm(school.admin, f"перенести {n} вчера"))[0]
    assert "Не понимаю время «вчера»" in answer and "Ничего не отправлено" in answer
    assert (await world.dm(school.curator, f"отменить публикацию {n}"))[0].startswith(
        "Извините, это чужая публикация"
    )
    answer = (await world.dm(school.admin, f"отменить публикацию {n}"))[0]
    assert answer == f"Готово: публикация №{n} отменена, ничего не отправлено."
    assert world.app.services.planner.planned().count(f"post:{n}") == 0
    assert (await world.dm(school.admin, "запланировано"))[0] == "Запланированных публикаций нет."


async def test_a_missed_post_within_grace_goes_out_after_a_restart(world):
    school = await set_up_school(world)
    channel = await create_channel(world, school.admin)
    late = await preview(world, school.admin, "опубликовать канал завтра 9:00 Сбор в 9:30")
    await press(world, school.admin, late)
    # Down from now until 20 minutes after the post's time: within the 30-minute grace.
    since = await world.mark()
    await world.restart(seconds=seconds_until(world, 1, 9, 20))
    report = (await world.replies(school.admin.id, since))[0]
    assert report == f"Публикация №{late.post_id} опубликована в «Общий канал школы»."
    assert len(posted(await world.control.messages(channel), "Сбор в 9:30")) == 1


async def test_a_post_missed_beyond_grace_is_reported_not_sent(world):
    school = await set_up_school(world)
    channel = await create_channel(world, school.admin)
    shown = await preview(world, school.admin, "опубликовать канал завтра 9:00 Сбор в 9:30")
    await press(world, school.admin, shown)
    since = await world.mark()
    await world.restart(days=2)
    note = (await world.replies(school.admin.id, since))[0]
    assert note.startswith(f"Публикация №{shown.post_id} не отправлена: бот не работал")
    assert posted(await world.control.messages(channel), "Сбор") == []
    assert posts_in_db(world) == [(shown.post_id, "missed")]


async def test_an_event_is_announced_and_reminded_once_each(world):
    school = await set_up_school(world)
    channel = await create_channel(world, school.admin)
    shown = await preview(
        world,
        school.admin,
        "событие канал послезавтра 18:00 Родительское собрание; напомнить за 1 день и за 1 час",
    )
    assert "Напоминание за 1 день:" in shown.text and "Напоминание за 1 час:" in shown.text
    since = await world.mark()
    await press(world, school.admin, shown)
    await world.replies(school.admin.id, since)
    assert len(posted(await world.control.messages(channel), "Родительское собрание")) == 1
    listing = (await world.dm(school.admin, "запланировано"))[0]
    assert listing.count("напоминание") == 2
    await world.advance(seconds=seconds_until(world, 1, 18, 0) + 30)
    await world.advance(seconds=seconds_until(world, 1, 17, 0) + 30)
    await world.quiet(0, 0.3)
    messages = await world.control.messages(channel)
    assert len(posted(messages, "Напоминание: Родительское собрание")) == 2
    assert len(posted(messages, "через 1 день")) == 1 and len(posted(messages, "через 1 час")) == 1


BAD = [
    ("опубликовать канал сегодня 0:00 Доброе утро", "уже прошло"),
    ("опубликовать канал завтра 25:00 Текст", "Не понимаю время «25:00»"),
    ("опубликовать канал 31.02 10:00 Текст", "Такой даты нет: «31.02»"),
    ("опубликовать канал завтра 9:00", "Текст пустой"),
    ("опубликовать канал " + "а" * 4100, "Текст слишком длинный"),
    ("опубликовать сотрудники Текст", "У меня нет чата"),
    ("опубликовать привет всем", "Не понимаю, куда публиковать"),
    ("рассылка всем Текст", "Укажите, кому рассылка"),
    ("рассылка родителям Текст", "Ни одного подходящего чата нет"),
    ("событие канал Собрание", "Укажите, когда событие"),
    ("событие канал завтра 18:00 Собрание; напомнить когда-нибудь", "Не понимаю напоминание"),
]


async def test_bad_input_gets_a_clear_answer_and_nothing_is_stored(world):
    school = await set_up_school(world)
    await create_channel(world, school.admin)
    for command, expected in BAD:
        answer = (await world.dm(school.admin, command))[0]
        assert expected in answer, (command, answer)
        assert any(s in answer for s in ("Пример:", "создать чат", "Ничего не отправлено")), answer
    assert posts_in_db(world) == []


async def test_a_channel_the_bot_left_is_refused_before_the_preview(world):
    school = await set_up_school(world)
    channel = await create_channel(world, school.admin)
    await world.app.services.messenger.remove_from_chat(channel, -world.config.vk.group_id)
    answer = (await world.dm(school.admin, "опубликовать канал Текст"))[0]
    assert answer.startswith("Не могу опубликовать в «Общий канал школы»: бота нет в этом чате")
    assert posts_in_db(world) == []


async def test_a_curator_posts_to_her_own_class_only(world):
    school = await set_up_school(world)
    await world.dm(school.curator, "кто я")
    await world.dm(school.curator, "создать чат 5А родители")
    shown = await preview(world, school.curator, "опубликовать 5А родители Собрание в пятницу")
    assert "Куда: «5А · родители»" in shown.text
    answer = (await world.dm(school.curator, "опубликовать 6Б родители Текст"))[0]
    assert answer.startswith("Извините, эту команду вы можете выполнять только для своего класса")
    answer = (await world.dm(school.curator, "опубликовать канал Текст"))[0]
    assert answer.startswith("Извините")
