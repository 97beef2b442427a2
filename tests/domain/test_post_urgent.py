"""«срочно» in a post command: a mark that quiet hours do not hold the post, never its text."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.classes import ClassName
from bot.domain.posts import read_broadcast, read_event, read_post

MSK = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 3, 5, 10, 0, tzinfo=MSK)
C5A = ClassName(5, "А")


@pytest.mark.parametrize(
    "what",
    [
        "родители срочно сегодня в 22:00 Сбор у школы",
        "родители сегодня в 22:00 срочно Сбор у школы",
        "родители срочно: Сбор у школы",
        "родители Срочно, Сбор у школы",
    ],
)
def test_urgent_is_a_mark(what):
    wording = read_post(C5A, what, NOW)
    assert wording.urgent and wording.text == "Сбор у школы"


@pytest.mark.parametrize(
    "what",
    ["родители Сбор у школы срочно", "родители Срочно! Сбор у школы", "родители Сбор у школы"],
)
def test_otherwise_not_urgent_and_the_text_is_whole(what):
    wording = read_post(C5A, what, NOW)
    assert not wording.urgent
    assert wording.text == what.removeprefix("родители ")


def test_broadcasts_and_events_take_it_too():
    wording = read_broadcast("родителям 5А 6Б срочно сегодня в 22:00: Завтра нет уроков", NOW)
    assert (
        wording.urgent and wording.text == "Завтра нет уроков" and len(wording.target.classes) == 2
    )
    event = read_event(C5A, "родители срочно завтра 18:00 Собрание", NOW)
    assert event.urgent and event.text == "Собрание"
