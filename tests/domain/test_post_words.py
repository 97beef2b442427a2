"""What post, broadcast and event commands ask for: targets, time, text, reminders."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.chats import ChatKind
from bot.domain.classes import ClassName
from bot.domain.posts import (
    Audience,
    ChatTarget,
    WordsError,
    WordsProblem,
    read_broadcast,
    read_event,
    read_post,
    read_reminders,
    reminder_label,
)
from bot.domain.when import WhenError

MSK = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 3, 5, 10, 0, tzinfo=MSK)
C5A, C6B = ClassName(5, "А"), ClassName(6, "Б")


def test_a_channel_post_keeps_its_lines():
    w = read_post(None, "канал Уважаемые родители!\nЗавтра — субботник.\n\nАдминистрация", NOW)
    assert w.target == ChatTarget(ChatKind.CHANNEL_GENERAL)
    assert w.text == "Уважаемые родители!\nЗавтра — субботник.\n\nАдминистрация"
    assert w.at is None


@pytest.mark.parametrize(
    ("what", "kind"),
    [("сотрудники Педсовет в 15:00", ChatKind.CHANNEL_STAFF),
     ("канал сотрудников: Педсовет в 15:00", ChatKind.CHANNEL_STAFF),
     ("общий канал Педсовет в 15:00", ChatKind.CHANNEL_GENERAL)],
)  # fmt: skip
def test_channel_names(what, kind):
    w = read_post(None, what, NOW)
    assert w.target == ChatTarget(kind) and w.text == "Педсовет в 15:00"


def test_a_class_chat_post_scheduled():
    w = read_post(C5A, "родители завтра 9:00 Не забудьте сменную обувь", NOW)
    assert w.target == ChatTarget(ChatKind.PARENTS, C5A)
    assert w.at == datetime(2026, 3, 6, 9, 0, tzinfo=MSK)
    assert w.text == "Не забудьте сменную обувь"


def test_a_text_starting_with_a_day_word_is_sent_at_once():
    w = read_post(None, "канал Завтра уроки отменены", NOW)
    assert w.at is None and w.text == "Завтра уроки отменены"


@pytest.mark.parametrize(
    ("cls", "what", "problem"),
    [(None, "привет всем", WordsProblem.NO_TARGET),
     (C5A, "привет всем", WordsProblem.NO_CLASS_CHAT),
     (None, "канал", WordsProblem.NO_TEXT),
     (None, "канал завтра 9:00", WordsProblem.NO_TEXT),
     (None, "канал " + "а" * 4097, WordsProblem.TOO_LONG)],
)  # fmt: skip
def test_post_problems(cls, what, problem):
    with pytest.raises(WordsError) as caught:
        read_post(cls, what, NOW)
    assert caught.value.problem is problem


def test_a_past_time_is_an_error_not_a_text():
    with pytest.raises(WhenError):
        read_post(None, "канал сегодня 7:00 Доброе утро", NOW)


@pytest.mark.parametrize(
    ("what", "audience", "text"),
    [("родителям Собрание в пятницу", Audience(ChatKind.PARENTS), "Собрание в пятницу"),
     ("родителям все 5-е Экскурсия", Audience(ChatKind.PARENTS, grades=(5,)), "Экскурсия"),
     ("родителям 5е, 6-х: Экскурсия", Audience(ChatKind.PARENTS, grades=(5, 6)), "Экскурсия"),
     ("родителям 5А 6Б Экскурсия", Audience(ChatKind.PARENTS, classes=(C5A, C6B)), "Экскурсия"),
     ("родителям 5 А, 6Б: Экскурсия", Audience(ChatKind.PARENTS, classes=(C5A, C6B)), "Экскурсия"),
     ("родителям 10 апреля экскурсия", Audience(ChatKind.PARENTS), "10 апреля экскурсия"),
     ("ученикам 5-е Олимпиада", Audience(ChatKind.PUPILS, grades=(5,)), "Олимпиада")],
)  # fmt: skip
def test_broadcast_audiences(what, audience, text):
    w = read_broadcast(what, NOW)
    assert w.target == audience and w.text == text and w.at is None


def test_a_scheduled_broadcast():
    w = read_broadcast("родителям 5-е 25.12 18:30 С наступающим!", NOW)
    assert w.target == Audience(ChatKind.PARENTS, grades=(5,))
    assert w.at == datetime(2026, 12, 25, 18, 30, tzinfo=MSK) and w.text == "С наступающим!"


@pytest.mark.parametrize(
    ("what", "problem"),
    [("всем привет", WordsProblem.NO_AUDIENCE),
     ("родителям 5А", WordsProblem.NO_TEXT),
     ("родителям 12Я Текст", WordsProblem.BAD_CLASS)],
)  # fmt: skip
def test_broadcast_problems(what, problem):
    with pytest.raises(WordsError) as caught:
        read_broadcast(what, NOW)
    assert caught.value.problem is problem


def test_an_event_with_reminders():
    w = read_event(
        None, "канал 25.12 18:00 Родительское собрание; напомнить за 1 день и за 1 час", NOW
    )
    assert w.target == ChatTarget(ChatKind.CHANNEL_GENERAL)
    assert w.at == datetime(2026, 12, 25, 18, 0, tzinfo=MSK)
    assert w.text == "Родительское собрание"
    assert w.reminders == (timedelta(days=1), timedelta(hours=1))


def test_an_event_for_the_parents_of_a_grade_without_reminders():
    w = read_event(None, "родителям 5-е завтра 18:00 Собрание", NOW)
    assert w.target == Audience(ChatKind.PARENTS, grades=(5,)) and w.reminders == ()


def test_an_event_needs_its_time():
    with pytest.raises(WordsError) as caught:
        read_event(None, "канал Собрание", NOW)
    assert caught.value.problem is WordsProblem.NO_WHEN


@pytest.mark.parametrize(
    ("text", "offsets"),
    [("за 1 день и за 1 час", (timedelta(days=1), timedelta(hours=1))),
     ("за час", (timedelta(hours=1),)),
     ("за 30 минут, за 2 часа", (timedelta(hours=2), timedelta(minutes=30))),
     ("за неделю", (timedelta(weeks=1),))],
)  # fmt: skip
def test_reminders(text, offsets):
    assert read_reminders(text) == offsets


@pytest.mark.parametrize("text", ["", "завтра", "за 1 год", "за 1 минуту", "за 1 день и потом"])
def test_bad_reminders(text):
    with pytest.raises(WordsError):
        read_reminders(text)


def test_reminder_labels():
    assert [reminder_label(timedelta(days=1)), reminder_label(timedelta(hours=2))] == ["1d", "2h"]
    assert reminder_label(timedelta(minutes=30)) == "30m"
