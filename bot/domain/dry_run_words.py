"""«пробный режим родители вкл»: which chat kind, and on or off. Pure: tested directly."""

from __future__ import annotations

from enum import StrEnum

from bot.domain.chats import ChatKind, parse_chat_kind

_ON = {"вкл", "включить", "включи", "да", "on"}
_OFF = {"выкл", "выключить", "выключи", "нет", "off"}


class SwitchError(StrEnum):
    NO_SWITCH = "no_switch"  # neither «вкл» nor «выкл» at the end
    UNKNOWN_KIND = "unknown_kind"  # the words name no kind of chat


def parse_switch(words: str) -> tuple[ChatKind, bool] | SwitchError:
    parts = words.replace("ё", "е").lower().split()
    last = parts[-1].strip(".,!") if parts else ""
    if last not in _ON | _OFF:
        return SwitchError.NO_SWITCH
    choice = parse_chat_kind(" ".join(parts[:-1])) if len(parts) > 1 else None
    if choice is None:
        return SwitchError.UNKNOWN_KIND
    return choice.kind, last in _ON
