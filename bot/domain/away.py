"""A teacher's away mode: «отсутствую с 01.12 по 05.12: текст» read into dates (pure; no I/O).

Dates are days in the school's time zone, both ends included. A date without a year is the
nearest sensible one: «с 28.12 по 08.01» spans the new year; a start already past is fine (the
teacher is away from today), an end already past is a mistake to point out.

Who is addressed (`addressed_ids`): a mention of a person in the text («[id3001|Ольга
Николаевна]», «@id3001») or the author of the message being answered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.domain.events import IncomingMessage

MAX_AWAY_DAYS = 180
MAX_AWAY_MESSAGE = 500
_DATE = r"\d{1,2}\.\d{1,2}(?:\.\d{2}(?:\d{2})?)?"
_SPAN = re.compile(
    rf"^\s*(?:(?:с\s+(?P<first>{_DATE})\s+)?(?:по|до)\s+(?P<last>{_DATE})"
    rf"|(?P<first2>{_DATE})(?:\s*(?:-|–|—|\.\.)\s*(?P<last2>{_DATE}))?)\.?(?=[\s:,—–-]|$)",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"^[\s:,—–-]*")
_MENTION = re.compile(r"\[id(\d+)\|[^\]\n]*\]|@id(\d+)\b", re.ASCII)


class AwayProblem(StrEnum):
    NO_DATES = "no_dates"
    BAD_DATE = "bad_date"
    ENDS_BEFORE_START = "ends_before_start"
    PAST = "past"
    TOO_LONG = "too_long"
    TOO_FAR = "too_far"
    MESSAGE_TOO_LONG = "message_too_long"


class AwayError(ValueError):
    def __init__(self, problem: AwayProblem, value: str = "") -> None:
        super().__init__(f"{problem.value}: {value!r}")
        self.problem = problem
        self.value = value


@dataclass(frozen=True, slots=True)
class Away:
    vk_id: int
    name: str
    first: date
    last: date
    message: str

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True, slots=True)
class AwayWords:
    first: date
    last: date
    message: str  # "" when the teacher gave none


def _day(text: str, near: date) -> date:
    """A date; without a year, the one not more than half a year before `near`."""
    parts = text.split(".")
    try:
        day, month = int(parts[0]), int(parts[1])
        if len(parts) > 2 and parts[2]:
            year = int(parts[2])
            return date(year + 2000 if year < 100 else year, month, day)
        found = date(near.year, month, day)
        if near - found > timedelta(days=MAX_AWAY_DAYS):
            found = date(near.year + 1, month, day)
        return found
    except ValueError:
        raise AwayError(AwayProblem.BAD_DATE, text) from None


def read_away(text: str, today: date) -> AwayWords:
    m = _SPAN.match(text)
    if m is None:
        raise AwayError(AwayProblem.NO_DATES, text.strip()[:40])
    first_text = m.group("first") or m.group("first2")
    last_text = m.group("last") or m.group("last2") or first_text
    first = _day(first_text, today) if first_text else today
    last = _day(last_text, first)
    if last < first and len(last_text.split(".")) == 2:
        last = date(last.year + 1, last.month, last.day)
    message = _SEPARATOR.sub("", text[m.end() :], count=1).strip()
    if last < first:
        raise AwayError(AwayProblem.ENDS_BEFORE_START)
    if last < today:
        raise AwayError(AwayProblem.PAST)
    if (last - first).days >= MAX_AWAY_DAYS:
        raise AwayError(AwayProblem.TOO_LONG)
    if first - today > timedelta(days=366):
        raise AwayError(AwayProblem.TOO_FAR)
    if len(message) > MAX_AWAY_MESSAGE:
        raise AwayError(AwayProblem.MESSAGE_TOO_LONG, str(MAX_AWAY_MESSAGE))
    return AwayWords(first, last, message)


def addressed_ids(incoming: IncomingMessage) -> set[int]:
    """Whom a chat message speaks to: people it mentions and the author of the message it answers."""
    found = (
        {int(a or b) for a, b in _MENTION.findall(incoming.text)}
        if "id" in incoming.text
        else set()
    )
    if incoming.reply_to is not None and incoming.reply_to.author_id > 0:
        found.add(incoming.reply_to.author_id)
    found.discard(incoming.author_id)
    return found
