"""VK's error codes → the messenger port's errors."""

from __future__ import annotations

from vkbottle.exception_factory import VKAPIError

from bot.services.ports import (
    MessengerError,
    MessengerUnavailable,
    NotChatAdmin,
    RecipientUnreachable,
)

_UNREACHABLE = {900, 901, 902}
_NOT_ADMIN = {917, 919, 925}
_UNAVAILABLE = {5, 15, 27, 28}


def to_messenger_error(error: VKAPIError, method: str) -> MessengerError:
    code, message = error.code, str(getattr(error, "error_msg", "") or "")
    if code in _UNREACHABLE:
        return RecipientUnreachable(code, message, method)
    if code in _NOT_ADMIN:
        return NotChatAdmin(code, message, method)
    if code in _UNAVAILABLE:
        return MessengerUnavailable(code, message, method)
    return MessengerError(code, message, method)
