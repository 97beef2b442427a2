"""Quiet hours: when a chat rests (evenings, weekends, holidays) and when it wakes (pure; no I/O).

A chat kind's `QuietRules` say when it is quiet: every night from `start` to `end` (20:00–08:00 by
default; `start == end` means no nightly quiet), whole days off (weekends when `weekends`, and the
`holidays`). `next_morning` is the end of the quiet period a moment falls in: Friday 21:00 wakes
on Monday at 08:00, the evening before a holiday wakes the morning after it. The period is named
by that end (`period_key`), so a note given on Friday night is not given again on Saturday.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from bot.domain.chats import ChatKind

MAX_SEARCH_DAYS = 400  # a year of holidays cannot keep a chat quiet for longer


@dataclass(frozen=True, slots=True)
class QuietRules:
    tz: tzinfo
    start: time = time(20, 0)
    end: time = time(8, 0)
    weekends: bool = True
    holidays: frozenset[date] = field(default_factory=frozenset)

    def is_day_off(self, day: date) -> bool:
        return (self.weekends and day.weekday() >= 5) or day in self.holidays

    def _in_night(self, clock: time) -> bool:
        if self.start == self.end:
            return False
        if self.start > self.end:  # crosses midnight: 20:00–08:00
            return clock >= self.start or clock < self.end
        return self.start <= clock < self.end


def is_quiet(moment: datetime, rules: QuietRules) -> bool:
    """Is `moment` (aware) inside the quiet hours, in the school's time zone?"""
    local = moment.astimezone(rules.tz)
    return rules.is_day_off(local.date()) or rules._in_night(local.time())


def next_morning(moment: datetime, rules: QuietRules) -> datetime:
    """The first moment at or after `moment` that is not quiet (the moment itself if it is not).

    Candidates are each day's midnight and each day's `end`, in the school's zone: a quiet period
    can only end at one of them."""
    local = moment.astimezone(rules.tz)
    if not is_quiet(local, rules):
        return local
    day = local.date()
    for offset in range(MAX_SEARCH_DAYS):
        current = day + timedelta(days=offset)
        for clock in sorted({time(0, 0), rules.end}):
            # Through UTC and back, so a wall time that a DST change skips is normalised.
            candidate = datetime.combine(current, clock, tzinfo=rules.tz)
            candidate = candidate.astimezone(rules.tz)
            if candidate > local and not is_quiet(candidate, rules):
                return candidate
    raise ValueError("quiet for more than a year")


def period_key(moment: datetime, rules: QuietRules) -> str:
    """Names the quiet period `moment` is in: the same key from Friday night to Monday morning."""
    return next_morning(moment, rules).isoformat()


@dataclass(frozen=True, slots=True)
class QuietPolicy:
    """The quiet rules of each chat kind that has them; kinds not here are never quiet."""

    kinds: Mapping[ChatKind, QuietRules] = field(default_factory=dict)

    def rules_for(self, kind: ChatKind) -> QuietRules | None:
        return self.kinds.get(kind)

    def may_be_quiet(self, moment: datetime) -> bool:
        """Cheap first look (no chat known yet): is it quiet for any kind at all?"""
        return any(is_quiet(moment, rules) for rules in self.kinds.values())

    def quiet_rules(self, kind: ChatKind, moment: datetime) -> QuietRules | None:
        """The kind's rules if `moment` is quiet for it, else None."""
        rules = self.kinds.get(kind)
        return rules if rules is not None and is_quiet(moment, rules) else None


def expand_holidays(spans: Iterable[tuple[date, date]]) -> frozenset[date]:
    days: set[date] = set()
    for first, last in spans:
        day = first
        while day <= last:
            days.add(day)
            day += timedelta(days=1)
    return frozenset(days)


_RANGE_SEPARATORS = ("..", "—", "–", " - ")


def parse_day(text: str) -> date:
    """«2026-12-31» or «31.12.2026»; raises ValueError."""
    text = text.strip()
    if "." in text:
        day, month, year = text.split(".")
        return date(int(year), int(month), int(day))
    return date.fromisoformat(text)


def parse_holiday(item: str | date) -> tuple[date, date]:
    """One holiday («2027-01-07») or a span of them («2026-12-30..2027-01-08»)."""
    if isinstance(item, date):
        return item, item
    for separator in _RANGE_SEPARATORS:
        if separator in item:
            first, last = item.split(separator, 1)
            span = parse_day(first), parse_day(last)
            if span[1] < span[0] or span[1] - span[0] > timedelta(days=366):
                raise ValueError(item)
            return span
    day = parse_day(item)
    return day, day
