"""Reading «завтра 9:00», «25.12 18:30» in the school's time zone, and what is refused."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.when import WhenError, WhenProblem, parse_when, take_when

MSK = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 3, 5, 10, 0, tzinfo=MSK)


def at(*args):
    return datetime(*args, tzinfo=MSK)


@pytest.mark.parametrize(
    ("words", "moment", "used"),
    [
        ("завтра 9:00 Текст", at(2026, 3, 6, 9, 0), 2),
        ("Завтра в 9 Текст", at(2026, 3, 6, 9, 0), 3),
        ("сегодня 18.30 Текст", at(2026, 3, 5, 18, 30), 2),
        ("послезавтра 07:05", at(2026, 3, 7, 7, 5), 2),
        ("25.12 18:30 Ёлка", at(2026, 12, 25, 18, 30), 2),
        ("25.12.2026 18:30", at(2026, 12, 25, 18, 30), 2),
        ("10.01.27 9:00", at(2027, 1, 10, 9, 0), 2),
        ("05.03 в 11:00,", at(2026, 3, 5, 11, 0), 3),
    ],
)
def test_moments(words, moment, used):
    found = take_when(words.split(), NOW)
    assert found.at == moment and found.words == used
    assert found.at.utcoffset() == moment.utcoffset()


def test_december_dates_written_in_winter_mean_next_year():
    december = datetime(2026, 12, 20, 12, 0, tzinfo=MSK)
    assert take_when(["10.01", "9:00"], december).at == at(2027, 1, 10, 9, 0)


@pytest.mark.parametrize("words", ["Завтра уроки отменены", "Привет всем", "", "5А родители"])
def test_texts_are_not_moments(words):
    assert take_when(words.split(), NOW) is None


@pytest.mark.parametrize(
    ("words", "problem"),
    [
        ("сегодня 7:00 Текст", WhenProblem.PAST),  # already past at 10:00
        ("01.03 9:00", WhenProblem.PAST),
        ("01.03.2025 9:00", WhenProblem.PAST),
        ("завтра 25:00", WhenProblem.BAD_TIME),
        ("завтра 9:75", WhenProblem.BAD_TIME),
        ("завтра в утром", WhenProblem.NO_TIME),
        ("31.02 10:00", WhenProblem.BAD_DATE),
        ("29.02.2027 10:00", WhenProblem.BAD_DATE),  # 2027 is not a leap year
        ("29.02 10:00", WhenProblem.BAD_DATE),  # neither 2026 nor 2027 has it
        ("13.13 10:00", WhenProblem.BAD_DATE),
        ("25.12 Ёлка", WhenProblem.NO_TIME),
        ("25.12.2030 10:00", WhenProblem.TOO_FAR),
    ],
)
def test_wrong_moments_are_errors_not_texts(words, problem):
    with pytest.raises(WhenError) as caught:
        take_when(words.split(), NOW)
    assert caught.value.problem is problem


def test_parse_when_takes_the_whole_text():
    assert parse_when("завтра 10:00", NOW) == at(2026, 3, 6, 10, 0)
    with pytest.raises(WhenError):
        parse_when("завтра 10:00 и ещё", NOW)
    with pytest.raises(WhenError):
        parse_when("когда-нибудь", NOW)
