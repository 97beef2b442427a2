"""Quiet hours, directly: when a chat rests and when it wakes."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.domain.chats import ChatKind
from bot.domain.quiet import (
    QuietPolicy,
    QuietRules,
    expand_holidays,
    is_quiet,
    next_morning,
    parse_holiday,
    period_key,
)

MSK = ZoneInfo("Europe/Moscow")  # no DST since 2014
RULES = QuietRules(MSK)


def at(day: int, hour: int, minute: int = 0, month: int = 12, tz=MSK) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=tz)


# December 2026: the 1st is a Tuesday, the 5th and 6th a weekend.
@pytest.mark.parametrize(
    ("moment", "quiet"),
    [
        (at(1, 9), False),
        (at(1, 19, 59), False),
        (at(1, 20, 0), True),
        (at(1, 23, 59), True),
        (at(2, 0, 0), True),  # past midnight: still the same night
        (at(2, 7, 59), True),
        (at(2, 8, 0), False),
        (at(5, 12), True),  # Saturday noon
        (at(6, 12), True),  # Sunday noon
        (at(7, 7, 30), True),  # Monday before work
        (at(7, 8), False),
    ],
)
def test_nights_and_weekends(moment, quiet):
    assert is_quiet(moment, RULES) is quiet


def test_the_moment_is_read_in_the_schools_zone():
    # 17:30 UTC is 20:30 in Moscow: quiet there, whatever zone the moment came in.
    assert is_quiet(datetime(2026, 12, 1, 17, 30, tzinfo=ZoneInfo("UTC")), RULES)
    assert not is_quiet(datetime(2026, 12, 1, 16, 59, tzinfo=ZoneInfo("UTC")), RULES)


@pytest.mark.parametrize(
    ("moment", "wakes"),
    [
        (at(1, 21), at(2, 8)),  # Tuesday night → Wednesday morning
        (at(2, 1), at(2, 8)),  # after midnight → the same morning
        (at(4, 20, 30), at(7, 8)),  # Friday evening → Monday
        (at(5, 12), at(7, 8)),  # Saturday noon → Monday
        (at(1, 10), at(1, 10)),  # not quiet: the moment itself
    ],
)
def test_next_morning(moment, wakes):
    assert next_morning(moment, RULES) == wakes


def test_a_holiday_running_into_a_weekend_wakes_after_both():
    # Thursday 31.12 and Friday 01.01 are holidays, then the weekend, then the 4th–8th too.
    rules = QuietRules(MSK, holidays=expand_holidays([parse_holiday("2026-12-31..2027-01-08")]))
    assert is_quiet(at(30, 19), rules) is False
    assert next_morning(at(30, 21), rules) == datetime(2027, 1, 11, 8, tzinfo=MSK)
    assert period_key(at(30, 21), rules) == period_key(datetime(2027, 1, 3, 12, tzinfo=MSK), rules)


def test_one_period_one_key_across_midnight_and_the_weekend():
    assert period_key(at(1, 21), RULES) == period_key(at(2, 3), RULES)
    assert period_key(at(1, 21), RULES) != period_key(at(2, 21), RULES)
    assert period_key(at(4, 22), RULES) == period_key(at(6, 23), RULES)


def test_hours_that_do_not_cross_midnight_and_no_nights_at_all():
    lunch = QuietRules(MSK, start=time(13), end=time(14), weekends=False)
    assert is_quiet(at(1, 13, 30), lunch) and not is_quiet(at(1, 14), lunch)
    assert next_morning(at(1, 13, 30), lunch) == at(1, 14)
    days_off_only = QuietRules(MSK, start=time(8), end=time(8))
    assert not is_quiet(at(1, 23), days_off_only)
    assert next_morning(at(5, 12), days_off_only) == at(7, 0)


def test_other_zones_without_dst_and_one_with_it():
    ekb = ZoneInfo("Asia/Yekaterinburg")  # UTC+5, no DST
    rules = QuietRules(ekb)
    assert next_morning(at(1, 21, tz=ekb), rules) == at(2, 8, tz=ekb)
    berlin = ZoneInfo("Europe/Berlin")  # clocks go back on 25.10.2026
    rules = QuietRules(berlin, start=time(2, 30), end=time(3), weekends=False)
    moment = datetime(2026, 10, 25, 2, 45, tzinfo=berlin)
    assert is_quiet(moment, rules)
    assert next_morning(moment, rules).hour == 3


def test_policy_only_for_its_kinds():
    policy = QuietPolicy({ChatKind.PARENTS: RULES})
    assert policy.may_be_quiet(at(1, 21)) and not policy.may_be_quiet(at(1, 10))
    assert policy.quiet_rules(ChatKind.PARENTS, at(1, 21)) is RULES
    assert policy.quiet_rules(ChatKind.TEACHERS_ROOM, at(1, 21)) is None
    assert not QuietPolicy().may_be_quiet(at(1, 21))


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("2027-01-07", (date(2027, 1, 7), date(2027, 1, 7))),
        ("07.01.2027", (date(2027, 1, 7), date(2027, 1, 7))),
        ("30.12.2026–08.01.2027", (date(2026, 12, 30), date(2027, 1, 8))),
        ("2026-12-30..2027-01-08", (date(2026, 12, 30), date(2027, 1, 8))),
        (date(2027, 3, 8), (date(2027, 3, 8), date(2027, 3, 8))),
    ],
)
def test_holidays_read(text, span):
    assert parse_holiday(text) == span


@pytest.mark.parametrize("text", ["31.02.2027", "2027-01-08..2026-12-30", "завтра", "1.1"])
def test_bad_holidays(text):
    with pytest.raises(ValueError):
        parse_holiday(text)
