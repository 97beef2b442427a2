"""The [quiet] section: defaults, per-kind hours, and mistakes explained."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.config import ConfigError, config_from_mapping
from bot.domain.chats import ChatKind

BASE = {"vk": {"group_id": 1}, "school": {"name": "Школа", "admins": [1]}}
MSK = ZoneInfo("Europe/Moscow")


def config(quiet: dict):
    return config_from_mapping({**BASE, "quiet": quiet}, environ={})


def test_defaults_are_the_parents_and_pupils_chats_from_eight_to_eight():
    policy = config_from_mapping(BASE, environ={}).quiet.policy(MSK)
    assert set(policy.kinds) == {ChatKind.PARENTS, ChatKind.PUPILS}
    rules = policy.rules_for(ChatKind.PARENTS)
    assert (rules.start, rules.end, rules.weekends) == (time(20), time(8), True)
    assert policy.rules_for(ChatKind.TEACHERS_ROOM) is None


def test_per_kind_hours_and_holidays():
    quiet = config(
        {
            "holidays": ["2027-01-07", "30.12.2026..31.12.2026"],
            "chats": ["parents", "pupils", "subject"],
            "kinds": {"pupils": {"start": "21:30"}},
        }
    ).quiet
    policy = quiet.policy(MSK)
    assert policy.rules_for(ChatKind.PUPILS).start == time(21, 30)
    assert policy.rules_for(ChatKind.PUPILS).end == time(8)
    assert policy.quiet_rules(ChatKind.SUBJECT, datetime(2026, 12, 30, 12, tzinfo=MSK))


def test_disabled_means_never_quiet():
    policy = config({"enabled": False}).quiet.policy(MSK)
    assert not policy.may_be_quiet(datetime(2026, 12, 5, 23, tzinfo=MSK))


@pytest.mark.parametrize(
    ("quiet", "says"),
    [
        ({"start": "25:00"}, "[quiet].start"),
        ({"end": "8"}, "нужно время ЧЧ:ММ"),
        ({"holidays": ["31.02.2027"]}, "не понимаю дату '31.02.2027'"),
        ({"chats": ["kitchen"]}, "[quiet].chats"),
        ({"kinds": {"subject": {"start": "21:00"}}}, "нет в [quiet].chats"),
    ],
)
def test_mistakes_are_named(quiet, says):
    with pytest.raises(ConfigError) as caught:
        config(quiet)
    assert says in str(caught.value)
