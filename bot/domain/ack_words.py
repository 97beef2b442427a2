"""What an announcement command's words ask for (pure).

- «объявление с подтверждением 5А: текст» — one button, «Ознакомлен(а)»;
- «согласие 5А: текст» — «Согласен» / «Не согласен»;
- «опрос 5А: вопрос; вариант 1; вариант 2» — 2 to 6 choices.

«5А ученики: текст» sends to the pupils' chat; the parents' chat is the default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.acks import AckKind
from bot.domain.chats import ChatKind

MAX_ACK_TEXT = 3500  # room for the note under it within one message
MIN_OPTIONS, MAX_OPTIONS = 2, 6  # an inline keyboard carries six rows
MAX_LABEL = 40  # VK's limit on a button's label
_KIND_WORD = re.compile(
    r"^\s*(родители|родителям|ученики|ученикам)\s*:\s*", re.IGNORECASE | re.UNICODE
)
_KINDS = {
    "родители": ChatKind.PARENTS, "родителям": ChatKind.PARENTS,
    "ученики": ChatKind.PUPILS, "ученикам": ChatKind.PUPILS,
}  # fmt: skip
_SPLIT = re.compile(r"\s*(?:;|\n)\s*")


class AckProblem(StrEnum):
    NO_TEXT = "no_text"
    TOO_LONG = "too_long"
    FEW_OPTIONS = "few_options"
    MANY_OPTIONS = "many_options"
    LONG_OPTION = "long_option"
    SAME_OPTION = "same_option"


class AckWordsError(ValueError):
    def __init__(self, problem: AckProblem, value: str = "") -> None:
        super().__init__(f"{problem.value}: {value!r}")
        self.problem = problem
        self.value = value


@dataclass(frozen=True, slots=True)
class AckWording:
    chat_kind: ChatKind
    text: str
    options: tuple[str, ...] = ()  # a poll's own choices; fixed buttons come from the texts


def read_ack(kind: AckKind, what: str) -> AckWording:
    """The words after the class: «[родители|ученики:] текст», for a poll «вопрос; а; б»."""
    chat_kind = ChatKind.PARENTS
    what = what.strip().lstrip(":—–-").strip()
    if m := _KIND_WORD.match(what):
        chat_kind = _KINDS[m.group(1).casefold()]
        what = what[m.end() :].strip()
    if kind is not AckKind.POLL:
        return AckWording(chat_kind, _body(what))
    parts = _SPLIT.split(what)
    question, options = _body(parts[0]), [p for p in parts[1:] if p]
    if len(options) < MIN_OPTIONS:
        raise AckWordsError(AckProblem.FEW_OPTIONS, str(len(options)))
    if len(options) > MAX_OPTIONS:
        raise AckWordsError(AckProblem.MANY_OPTIONS, str(len(options)))
    seen: set[str] = set()
    for option in options:
        if len(option) > MAX_LABEL:
            raise AckWordsError(AckProblem.LONG_OPTION, option)
        folded = option.casefold().replace("ё", "е")
        if folded in seen:
            raise AckWordsError(AckProblem.SAME_OPTION, option)
        seen.add(folded)
    return AckWording(chat_kind, question, tuple(options))


def _body(text: str) -> str:
    text = text.strip()
    if not text:
        raise AckWordsError(AckProblem.NO_TEXT)
    if len(text) > MAX_ACK_TEXT:
        raise AckWordsError(AckProblem.TOO_LONG, str(len(text)))
    return text
