"""Moderation's dry run, the pure parts: the command's words and the digest's text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.chats import ChatKind
from bot.domain.dry_run import Finding, summarize
from bot.domain.dry_run_words import SwitchError, parse_switch
from bot.texts.dry_run import render_digest

AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("родители вкл", (ChatKind.PARENTS, True)),
        ("ученики выкл", (ChatKind.PUPILS, False)),
        ("Родители ВКЛ!", (ChatKind.PARENTS, True)),
        ("канал сотрудников включить", (ChatKind.CHANNEL_STAFF, True)),
        ("учительская нет", (ChatKind.TEACHERS_ROOM, False)),
        ("родители", SwitchError.NO_SWITCH),
        ("вкл", SwitchError.UNKNOWN_KIND),
        ("родитили вкл", SwitchError.UNKNOWN_KIND),
        ("5А вкл", SwitchError.UNKNOWN_KIND),
    ],
)
def test_the_words_name_a_kind_and_a_switch(words, expected):
    assert parse_switch(words) == expected


def finding(n: int, *, title: str = "5А · родители", rule: str = "profanity", **kw) -> Finding:
    base = dict(
        at=AT + timedelta(minutes=n), peer_id=2_000_000_001, cmid=n, chat_kind=ChatKind.PARENTS,
        chat_title=title, author_vk_id=2001, rule=rule, would_delete=True,
        would_restrict_minutes=None, would_remove=False, masked_text=f"ну это п*** {n}",
    )  # fmt: skip
    return Finding(**{**base, **kw})


def test_the_digest_counts_actions_rules_and_chats_grammatically():
    findings = [
        finding(1),
        finding(2, rule="insult", would_restrict_minutes=60),
        finding(3, title="6Б · ученики", rule="insult", would_delete=False),
        finding(4, would_remove=True),
        finding(5),
        finding(6),
    ]
    text = render_digest(summarize(findings))
    assert text.startswith(
        "Пробный режим модерации: за 24 ч я бы вмешался 6 раз (ничего не сделано)"
    )
    assert "удалил 5 сообщений, предупредил 6 раз, ограничил 1 раз, исключил из чата 1 раз." in text
    assert "По правилам: нецензурная лексика — 4, оскорбление участников — 2." in text
    assert "По чатам: «5А · родители» — 5, «6Б · ученики» — 1." in text
    # The five latest, newest first, masked as alerts are.
    assert text.index("п*** 6") < text.index("п*** 2") and "п*** 1" not in text


def test_one_finding_and_none():
    one = render_digest(summarize([finding(1, would_delete=False)]))
    assert "я бы вмешался 1 раз" in one and "удалил" not in one and "предупредил 1 раз." in one
    two = render_digest(summarize([finding(1), finding(2)]))
    assert "вмешался 2 раза" in two and "удалил 2 сообщения" in two
    assert "нарушений не было" in render_digest(summarize([]))


def test_many_chats_are_cut_with_a_count_of_the_rest():
    findings = [finding(n, title=f"{n}А · родители", cmid=n) for n in range(1, 14)]
    text = render_digest(summarize(findings))
    assert "и ещё 3 чата." in text
