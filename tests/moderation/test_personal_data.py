from __future__ import annotations

import re

import pytest

from bot.moderation import Moderator
from bot.moderation.rules import PERSONAL_DATA

MOD = Moderator()


def found(text: str) -> list[tuple[str | None, str]]:
    return [(v.kind, text[v.start : v.end]) for v in MOD.check(text) if v.rule == PERSONAL_DATA]


PHONES = [
    "8 (912) 345-67-89",
    "+7 912 345 67 89",
    "89123456789",
    "+7(912)3456789",
    "8-912-345-67-89",
    "+79123456789",
    "8 495 123-45-67",
    "7 912 345 67 89",
    "8.912.345.67.89",
    "+7 (812) 555-12-34",
]


@pytest.mark.parametrize("phone", PHONES)
def test_phone_formats(phone: str) -> None:
    assert found(f"звоните {phone} вечером") == [("phone", phone)]


def test_toll_free_hotline_is_not_personal() -> None:
    assert found("Телефон доверия 8-800-2000-122") == []


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("почта ivanova.m@mail.ru", "email", "ivanova.m@mail.ru"),
        ("карта 2202 5260 1815 9083", "card", "2202 5260 1815 9083"),
        ("карта 2200561748338014", "card", "2200561748338014"),
        ("СНИЛС 112-233-445 95", "snils", "112-233-445 95"),
        ("снилс 11223344595", "snils", "11223344595"),
        ("ИНН 500100732259", "inn", "500100732259"),
        ("паспорт 4510 123456", "passport", "4510 123456"),
        ("Свидетельство о рождении II-АБ 123456", "birth_certificate", "II-АБ 123456"),
        ("полис ОМС 7197837805856732", "oms", "7197837805856732"),
        ("живём: ул. Ленина, д. 5, кв. 12", "address", "ул. Ленина, д. 5, кв. 12"),
    ],
)
def test_kinds(text: str, kind: str, value: str) -> None:
    assert found(text) == [(kind, value)]


@pytest.mark.parametrize(
    "text",
    [
        "карта 2202 5260 1815 9084",  # Luhn fails
        "СНИЛС 112-233-445 96",  # check digits fail
        "ИНН 500100732250",
        "номер 4510 123456",  # no passport context
        "Школа на ул. Ленина, 5",  # a street and house without a flat: a meeting place
        "В 2023–2024 учебном году, урок с 8:30 до 9:15, каб. 214",
        "Итого 14 500 рублей до 15.09",
    ],
)
def test_negatives(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "keep"),
    [
        ("карта 2202 5260 1815 9083 Ольга", 4),
        ("звоните +7 912 345 67 89", 2),
        ("звоните 8 (912) 345-67-89", 2),
        ("СНИЛС 112-233-445 95", 2),
        ("ИНН 500100732259", 2),
        ("паспорт 4510 123456", 2),
        ("полис ОМС 7197837805856732", 4),
    ],
)
def test_mask_never_leaks_more_than_last_digits(text: str, keep: int) -> None:
    [v] = [v for v in MOD.check(text) if v.rule == PERSONAL_DATA]
    masked = MOD.mask(text, MOD.check(text))
    shown = re.sub(r"\D", "", masked[v.start :])
    original = re.sub(r"\D", "", text[v.start : v.end])
    # Only the trunk prefix of a phone (7/8) and the last `keep` digits survive.
    assert shown.endswith(original[-keep:])
    leaked = shown[:-keep] if keep else shown
    assert leaked in ("", "7", "8"), masked
    assert len(masked) == len(text)


def test_mask_placeholders() -> None:
    text = "пишите ivanova@mail.ru, живём ул. Ленина, д. 5, кв. 12"
    assert MOD.mask(text, MOD.check(text)) == "пишите [e-mail скрыт], живём [адрес скрыт]"
