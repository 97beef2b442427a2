from __future__ import annotations

import pytest

from bot.moderation import Moderator
from bot.moderation.rules import INSULT

MOD = Moderator()


def insults(text: str) -> list[str]:
    return [text[v.start : v.end] for v in MOD.check(text) if v.rule == INSULT]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("ты дебил", ["дебил"]),
        ("вы идиоты", ["идиоты"]),
        ("он тупой урод", ["тупой", "урод"]),
        ("Ты что, дурак?", ["дурак"]),
        ("дурак ты", ["дурак"]),
        ("ты дeбил", ["дeбил"]),
        ("ты дебииил", ["дебииил"]),
        ("вы мудаки", ["мудаки"]),
    ],
)
def test_insults(text: str, found: list[str]) -> None:
    assert insults(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "это глупая ошибка",
        "не будь дураком",  # decided: advice, not a label (docs/moderation.md)
        "ты не будь дураком",
        "тупой угол",
        "играли в дурака",
        "у детей нашли гниды",
        "какой же я идиот",
        "прочитать роман «Идиот»",
        "он не тупой",
        "вы не идиоты",
        "синдром Дауна",
        "ползучие гады",
        "козел в спортзале",
    ],
)
def test_not_insults(text: str) -> None:
    assert insults(text) == []
