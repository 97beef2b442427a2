"""Away mode words and who a chat message addresses."""

from datetime import date

import pytest

from bot.domain.away import AwayError, AwayProblem, addressed_ids, read_away
from bot.domain.events import IncomingMessage, ReplyTo

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "first", "last", "message"),
    [
        ("с 01.12 по 05.12: Я на курсах.", date(2026, 12, 1), date(2026, 12, 5), "Я на курсах."),
        ("с 01.12 по 05.12 Я на курсах", date(2026, 12, 1), date(2026, 12, 5), "Я на курсах"),
        ("по 27.11", TODAY, date(2026, 11, 27), ""),
        ("01.12–05.12 — болею", date(2026, 12, 1), date(2026, 12, 5), "болею"),
        ("30.11", date(2026, 11, 30), date(2026, 11, 30), ""),
        ("с 28.12 по 08.01: каникулы", date(2026, 12, 28), date(2027, 1, 8), "каникулы"),
        ("с 20.11 по 30.11", date(2026, 11, 20), date(2026, 11, 30), ""),  # already begun
        ("с 01.12.2026 по 05.12.26", date(2026, 12, 1), date(2026, 12, 5), ""),
    ],
)
def test_read(text, first, last, message):
    words = read_away(text, TODAY)
    assert (words.first, words.last, words.message) == (first, last, message)


def test_january_written_in_november_is_next_year():
    assert read_away("с 10.01 по 12.01", TODAY).first == date(2027, 1, 10)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("в понедельник", AwayProblem.NO_DATES),
        ("с 31.11 по 05.12", AwayProblem.BAD_DATE),
        ("с 05.12.2026 по 01.12.2026", AwayProblem.ENDS_BEFORE_START),
        ("с 10.11 по 20.11", AwayProblem.PAST),
        ("с 01.12 по 30.06", AwayProblem.TOO_LONG),
        ("по 05.12: " + "а" * 501, AwayProblem.MESSAGE_TOO_LONG),
    ],
)
def test_mistakes(text, problem):
    with pytest.raises(AwayError) as caught:
        read_away(text, TODAY)
    assert caught.value.problem is problem


def test_addressed_by_mention_or_reply_not_oneself():
    def msg(text, reply_author=None, author=2001):
        reply = ReplyTo(5, reply_author, "") if reply_author else None
        return IncomingMessage(2000000001, author, 7, text, reply_to=reply)

    assert addressed_ids(msg("[id3001|Ольга Николаевна], когда собрание?")) == {3001}
    assert addressed_ids(msg("@id3001 вопрос")) == {3001}
    assert addressed_ids(msg("Спасибо!", reply_author=3001)) == {3001}
    assert addressed_ids(msg("Всем привет")) == set()
    assert addressed_ids(msg("[id3001|я] сам", author=3001)) == set()
    assert addressed_ids(msg("ответ боту", reply_author=-1)) == set()
