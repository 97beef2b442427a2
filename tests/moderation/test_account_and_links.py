from __future__ import annotations

import pytest

from bot.moderation import ModerationSettings, Moderator
from bot.moderation.rules import ACCOUNT_SHARING, EXTERNAL_LINK

MOD = Moderator()


def rule_hits(text: str, rule: str, mod: Moderator = MOD) -> list[tuple[str | None, str]]:
    return [(v.kind, text[v.start : v.end]) for v in mod.check(text) if v.rule == rule]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("пароль: Qwerty12", "password", "Qwerty12"),
        ("логин ivanova, пароль 1234abcd", "password", "1234abcd"),
        ("код из смс 4821", "code", "4821"),
        ("код подтверждения: 123456", "code", "123456"),
        ("скиньте код который придёт", "request", "скиньте код"),
        ("дай свой пароль от госуслуг", "request", "дай свой пароль"),
        ("продиктуйте код из смс", "request", "продиктуйте код"),
        ("зайди под моим логином", "account_use", "зайди под моим логином"),
        ("войду с маминого аккаунта", "account_use", "войду с маминого аккаунта"),
        ("продам аккаунт", "account_use", "продам аккаунт"),
    ],
)
def test_account_sharing(text: str, kind: str, value: str) -> None:
    assert rule_hits(text, ACCOUNT_SHARING) == [(kind, value)]


@pytest.mark.parametrize(
    "text",
    [
        "никому не сообщайте код из смс",
        "как восстановить пароль от дневника?",
        "пароль должен содержать 8 символов",
        "напишите код программы на питоне",
        "скажите, пожалуйста, как восстановить пароль",
        "зайдите в свой аккаунт в Сферуме",
        "код урока 4521",
        "дайте доступ к таблице",
    ],
)
def test_not_account_sharing(text: str) -> None:
    assert rule_hits(text, ACCOUNT_SHARING) == []


def test_posted_secret_is_masked() -> None:
    text = "пароль: Qwerty12, код из смс 4821"
    assert MOD.mask(text, MOD.check(text)) == "пароль: ***, код из смс ***"


@pytest.mark.parametrize(
    "text",
    [
        "https://sferum.ru/?p=1",
        "vk.com/club1",
        "https://m.vk.com/wall",
        "vk.me/join/abc",
        "https://fg.resh.edu.ru/",
        "resh.edu.ru",
        "https://apkpro.guppros.ru/navigator/",
        "https://education.apkpro.ru/courses/",
        "https://urok.apkpro.ru/",
        "fipi.ru",
        "https://razgovor.edsoo.ru/",
        "https://online.edu.ru/",
        "https://myschool.edu.ru/",
        "bvbinfo.ru",
        "пишите на ivanova@mail.ru",
        "файл задание.docx",
        "т.е. и т.д.",
    ],
)
def test_allowed_or_not_links(text: str) -> None:
    assert rule_hits(text, EXTERNAL_LINK) == []


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("зайдите на sferum-login.ru", "sferum-login.ru"),
        ("https://sferum.ru.example.com/login", "https://sferum.ru.example.com/login"),
        ("sfеrum.ru", "sfеrum.ru"),  # Cyrillic «е»
        ("http://xn--80ak6aa92e.com", "http://xn--80ak6aa92e.com"),
        ("https://sferum.ru@evil.io/x", "https://sferum.ru@evil.io/x"),
        ("сайт school123.ru.", "school123.ru"),
        ("vk.cc/abc", "vk.cc/abc"),
        ("www.google.com", "www.google.com"),
    ],
)
def test_external_links(text: str, link: str) -> None:
    assert rule_hits(text, EXTERNAL_LINK) == [("link", link)]


def test_settings_extend_the_allow_list_and_disable_rules() -> None:
    mod = Moderator(
        ModerationSettings(
            extra_allowed_domains=("school45.ru",),
            disabled_by_chat_kind={"teachers": frozenset({EXTERNAL_LINK})},
        )
    )
    assert rule_hits("https://school45.ru/news", EXTERNAL_LINK, mod) == []
    assert rule_hits("https://lk.school45.ru", EXTERNAL_LINK, mod) == []
    assert rule_hits("https://school45.ru.evil.com", EXTERNAL_LINK, mod)
    assert mod.check("https://zoom.us/j/1", "teachers") == []
    assert mod.check("https://zoom.us/j/1", "parents")


def test_unknown_rule_in_settings_fails() -> None:
    with pytest.raises(ValueError, match="unknown"):
        ModerationSettings(enabled_rules=frozenset({"swearing"}))
