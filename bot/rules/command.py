"""Rules that compare what the middleware already worked out about a message."""

from __future__ import annotations

from vkbottle.bot import Message
from vkbottle.dispatch.rules import ABCRule

from bot.services.turns import Turn


class IsCommand(ABCRule[Message]):
    """The message asks for one of these commands, and the speaker may run it."""

    def __init__(self, *keys: str) -> None:
        self.keys = frozenset(keys)

    async def check(self, event: Message, turn: Turn | None = None) -> bool:
        return turn is not None and turn.command in self.keys and turn.allowed


class IsRefused(ABCRule[Message]):
    """A command the speaker may not run, asked of the bot.

    In a chat, words that merely read like a command («рассылка родителям будет завтра?») and
    were not addressed to the bot (no mention, no «/» or «!») are talk: a refusal there would be
    noise in the parents' chat."""

    async def check(self, event: Message, turn: Turn | None = None) -> bool:
        if turn is None or turn.command is None or turn.allowed:
            return False
        return not turn.incoming.is_chat or turn.parsed.addressed


class IsMisspelt(ABCRule[Message]):
    """A message addressed to the bot that is not a well-formed command."""

    async def check(self, event: Message, turn: Turn | None = None) -> bool:
        # Words sent with a file to the dialog are its caption («лист Ученики»), not a command.
        return turn is not None and turn.error is not None and not _is_file_in_dm(turn)


def _is_file_in_dm(turn: Turn) -> bool:
    return not turn.incoming.is_chat and any(a.kind == "doc" for a in turn.incoming.attachments)


class HasDocument(ABCRule[Message]):
    """A file sent to the community's dialog (with no command: a post may carry a file too)."""

    async def check(self, event: Message, turn: Turn | None = None) -> bool:
        return turn is not None and turn.command is None and _is_file_in_dm(turn)
