"""«нарушения» filters: words in any order, each understood or named back."""

from __future__ import annotations

import pytest

from bot.domain.chats import ChatKind
from bot.domain.classes import ClassName
from bot.domain.grammar import Parsed, ParseError, ParseErrorKind, parse_command
from bot.domain.person_ref import ById
from bot.texts.commands import render_parse_error


def parse(text, in_chat=False):
    return parse_command(text, community_id=1, in_chat=in_chat)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("нарушения", {}),
        ("нарушения 5а", {"class_name": ClassName(5, "А")}),
        ("нарушения за неделю", {"days": 7}),
        ("нарушения @id5 (Иван Петров) ссылки", {"person": ById(5), "rule": "external_link"}),
        ("нарушения жалобы сегодня 3", {"rule": "report", "days": 1, "count": 3}),
        ("нарушения 6Б ученики", {"class_name": ClassName(6, "Б"), "chat_kind": ChatKind.PUPILS}),
    ],
)
def test_filters(text, expected):
    result = parse(text)
    assert isinstance(result, Parsed) and result.key == "incidents"
    assert dict(result.args) == expected


def test_unknown_word_is_named_with_what_is_possible():
    result = parse("нарушения абракадабра")
    assert isinstance(result, ParseError) and result.kind is ParseErrorKind.BAD_FILTER
    text = render_parse_error(result)
    assert "«абракадабра»" in text and "мат" in text and "Пример" in text


def test_count_is_bounded():
    result = parse("нарушения 500")
    assert isinstance(result, ParseError) and result.kind is ParseErrorKind.BAD_NUMBER


def test_talk_in_a_chat_is_not_a_command():
    assert not isinstance(parse("нарушения бывают разные", in_chat=True), ParseError)


def test_report_takes_an_optional_reason():
    assert dict(parse("жалоба", in_chat=True).args) == {"reason": None}
    assert dict(parse("жалоба оскорбляет", in_chat=True).args) == {"reason": "оскорбляет"}
