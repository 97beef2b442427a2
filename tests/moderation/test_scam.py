"""The scam detector (kinds and spans) and how the policy holds such messages back."""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from bot.moderation.policy import PolicySettings, Standing, decide
from bot.moderation.types import Violation

MODERATOR = Moderator()


def scam(text: str) -> list[tuple[str | None, str]]:
    return [
        (v.kind, text[v.start : v.end])
        for v in MODERATOR.check(text, "parents")
        if v.rule == "scam"
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Скиньте по 500 на подарок", "money_request"),
        ("Сбор на подарок классной, по 300 р.", "money_request"),
        ("Собираем по 1000 р на подарок учителю", "money_request"),
        ("Оплатите 700 ₽ до пятницы", "money_request"),
        ("Деньги по номеру +7 916 000 11 22", "requisites"),
        ("кидайте на Сбер", "requisites"),
        ("БИК 044525225", "requisites"),
        ("продиктуйте код из смс", "code_request"),
        ("http://clck.ru/3AbCd", "short_link"),
        ("vk.cc/aBc", "short_link"),
        ("✅ Официальное сообщение школы — директор", "fake_mark"),
    ],
)
def test_kinds(text: str, kind: str) -> None:
    assert kind in {k for k, _ in scam(text)}, scam(text)


@pytest.mark.parametrize(
    "text",
    [
        "сколько стоит экскурсия?",
        "завтра принесу 200 рублей на тетради",  # a statement, not a request: documented
        "Кому переводить деньги за экскурсию?",
        "Не переводите деньги незнакомым!",
        "никому не сообщайте код из смс",
        "Сбор в 8:30 у школы",
        "Переведите текст на английский, упр. 5",
        "Посмотрите на карту Европы",
        "vk.com/school45",
        "Официально сообщаю: собрание в четверг",
    ],
)
def test_not_scam(text: str) -> None:
    assert scam(text) == []


def test_short_link_span_is_the_link() -> None:
    assert scam("вот: https://bit.ly/3xYz, голосуйте") == [("short_link", "https://bit.ly/3xYz")]


S = PolicySettings()
SCAM = Violation("scam", "4.6", 0, 8, "money_request")
CARD = Violation("personal_data", "4.6", 20, 39, "card")
PROF = Violation("profanity", "4.5", 40, 44, "obscene")


def plan(violations, standing, settings=S, warnings=0):
    return decide(
        "parents",
        violations,
        flood=False,
        standing=standing,
        active_warnings=warnings,
        settings=settings,
    )


def test_a_parents_collection_is_held_and_not_counted() -> None:
    got = plan([SCAM, CARD], Standing.PARENT, warnings=5)
    assert (got.rule, got.steps, got.counts) == ("scam", ("deleted", "warned"), False)


def test_a_collection_can_count_as_a_warning() -> None:
    got = plan([SCAM], Standing.OTHER, PolicySettings(scam_counts=True), warnings=1)
    assert (got.steps, got.counts) == (("deleted", "warned", "restricted"), True)


def test_staff_may_collect_money_with_their_card() -> None:
    assert plan([SCAM, CARD], Standing.STAFF) is None


def test_staff_card_without_a_collection_is_still_personal_data() -> None:
    assert plan([CARD], Standing.STAFF).rule == "personal_data"


def test_scam_with_profanity_counts() -> None:
    got = plan([SCAM, PROF], Standing.PARENT)
    assert (got.rule, got.counts) == ("scam", True)


def test_scam_can_be_warn_only() -> None:
    settings = PolicySettings(warn_only={"parents": frozenset({"scam"})})
    got = plan([SCAM], Standing.PARENT, settings)
    assert (got.delete, got.warn) == (False, True)
