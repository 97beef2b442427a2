"""When a post goes out: «завтра 9:00», «сегодня в 18:30», «25.12 18:30», «25.12.2026 9:00».

`take_when(words, now)` reads a moment from the start of a list of words, in the school's time zone
(`now` carries it), and says how many words it used. Words that do not start like a moment are
not one («Завтра уроки отменены» is a text, not a time); words that start like one but are wrong
(«завтра 25:00», «31.02 10:00») are an error the reply explains — never silently a text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

_DAY_WORDS = {"сегодня": 0, "завтра": 1, "послезавтра": 2}
_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4}))?\.?", re.ASCII)
_LOOKS_LIKE_DATE = re.compile(r"\d{1,2}\.\d{1,2}", re.ASCII)
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})", re.ASCII)
_HOUR = re.compile(r"(\d{1,2})", re.ASCII)
_TRAIL = ",;:!?"


class WhenProblem(StrEnum):
    NO_TIME = "no_time"  # «завтра» and then no time
    BAD_TIME = "bad_time"  # «25:00», «9:75»
    BAD_DATE = "bad_date"  # «31.02», «29.02» in a year without it
    PAST = "past"  # the moment has passed already
    TOO_FAR = "too_far"  # more than a year ahead


class WhenError(ValueError):
    def __init__(self, problem: WhenProblem, text: str, moment: datetime | None = None) -> None:
        super().__init__(f"{problem.value}: {text!r}")
        self.problem = problem
        self.text = text
        self.moment = moment


@dataclass(frozen=True, slots=True)
class When:
    at: datetime  # aware, in the school's time zone
    words: int  # how many words it took


MAX_AHEAD = timedelta(days=366)
NEXT_YEAR_AFTER = timedelta(days=180)


def _norm(word: str) -> str:
    return word.casefold().replace("ё", "е").strip(_TRAIL)


def _clock(word: str, *, after_v: bool) -> time | None:
    """«9:00», «18.30»; a bare hour only after «в» («в 9»)."""
    w = word.strip(_TRAIL)
    m = _TIME.fullmatch(w) or (_HOUR.fullmatch(w) if after_v else None)
    if m is None:
        return None
    hour, minute = int(m.group(1)), int(m.group(2)) if m.lastindex == 2 else 0
    if hour > 23 or minute > 59:
        raise WhenError(WhenProblem.BAD_TIME, w)
    return time(hour, minute)


def _looks_like_clock(word: str) -> bool:
    return word[:1].isdigit()


def _day(word: str, today: date) -> date | None:
    w = _norm(word)
    if w in _DAY_WORDS:
        return today + timedelta(days=_DAY_WORDS[w])
    m = _DATE.fullmatch(w)
    if m is None:
        if _LOOKS_LIKE_DATE.match(w):
            raise WhenError(WhenProblem.BAD_DATE, word.strip(_TRAIL))
        return None
    day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
    if year is None:
        # «10.01» written in December means next January; «01.03» written on 05.03 is a date
        # that has just passed — a mistake to point out, not a post for next year.
        try:
            candidate = date(today.year, month, day)
        except ValueError:
            if (day, month) != (29, 2):
                raise WhenError(WhenProblem.BAD_DATE, word.strip(_TRAIL)) from None
            candidate = None
        if candidate is not None and candidate >= today - timedelta(days=1):
            return candidate
        if candidate is not None and today - candidate < NEXT_YEAR_AFTER:
            return candidate  # in the past: take_when says so
        return _next_year(day, month, today, word)
    number = int(year) + (2000 if len(year) == 2 else 0)
    try:
        return date(number, month, day)
    except ValueError:
        raise WhenError(WhenProblem.BAD_DATE, word.strip(_TRAIL)) from None


def _next_year(day: int, month: int, today: date, word: str) -> date:
    try:
        return date(today.year + 1, month, day)
    except ValueError:  # 29.02 next year does not exist
        raise WhenError(WhenProblem.BAD_DATE, word.strip(_TRAIL)) from None


def take_when(words: list[str], now: datetime) -> When | None:
    """A moment at the start of `words`, or None if they do not start with one.

    `now` is aware; the result is in its time zone. Raises `WhenError` for a moment that is
    wrong, already past, or more than a year ahead."""
    if not words:
        return None
    first = words[0]
    w0 = _norm(first)
    looks_dated = w0 in _DAY_WORDS or bool(_LOOKS_LIKE_DATE.match(w0))
    if not looks_dated:
        return None
    i = 1
    after_v = False
    if i < len(words) and _norm(words[i]) == "в":
        i, after_v = i + 1, True
    if i >= len(words) or not _looks_like_clock(words[i]):
        if w0 in _DAY_WORDS and not after_v:
            return None  # «Завтра уроки отменены»: a text that starts with a day word
        raise WhenError(WhenProblem.NO_TIME, " ".join(words[: i + 1]).strip(_TRAIL))
    day = _day(first, now.date())
    if day is None:  # pragma: no cover - looks_dated guarantees a day
        return None
    clock = _clock(words[i], after_v=after_v)
    if clock is None:
        raise WhenError(WhenProblem.BAD_TIME, words[i].strip(_TRAIL))
    moment = datetime.combine(day, clock, tzinfo=now.tzinfo)
    said = " ".join(words[: i + 1]).strip(_TRAIL)
    if moment <= now:
        raise WhenError(WhenProblem.PAST, said, moment)
    if moment - now > MAX_AHEAD:
        raise WhenError(WhenProblem.TOO_FAR, said, moment)
    return When(moment, i + 1)


def parse_when(text: str, now: datetime) -> datetime:
    """The whole of `text` as one moment (for «перенести 12 завтра 10:00»)."""
    words = text.split()
    found = take_when(words, now)
    if found is None or found.words != len(words):
        raise WhenError(WhenProblem.BAD_TIME, text.strip())
    return found.at


def show(moment: datetime) -> str:
    """«25.12 в 18:30» (with the year when it is not this year's)."""
    return moment.strftime("%d.%m.%Y в %H:%M")
