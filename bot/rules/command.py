"""Rules that compare what the middleware already worked out about a message."""

from __future__ import annotations

from vkbottle.bot import Message
from vkbottle.dispatch.rules import ABCRule

from bot.domain.dm_talk import wants_menu
from bot.domain.grammar import NotACommand, ParseErrorKind
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


def is_menu_talk(turn: Turn | None) -> bool:
    """Words in the community's dialog that are no command and get the menu (dm_talk.py):
    «Добрый день», a question, a parent's free text. Not files, links' refs or buttons."""
    if turn is None:
        return False
    incoming = turn.incoming
    if incoming.is_chat or incoming.author_id <= 0 or incoming.attachments or incoming.ref:
        return False
    if incoming.payload or incoming.action is not None:
        return False
    error = turn.error
    if error is not None and error.kind is not ParseErrorKind.UNKNOWN_COMMAND:
        return False
    if error is None and not isinstance(turn.parsed, NotACommand):
        return False
    near = bool(error is not None and error.suggestions)
    return wants_menu(incoming.text, turn.speaker.roles, near_a_command=near)


class IsMisspelt(ABCRule[Message]):
    """A message addressed to the bot that is not a well-formed command (the dialog's menu
    answers plain words instead, see `is_menu_talk`)."""

    async def check(self, event: Message, turn: Turn | None = None) -> bool:
        # Words sent with a file to the dialog are its caption («лист Ученики»), not a command.
        return (
            turn is not None
            and turn.error is not None
            and not _is_file_in_dm(turn)
            and not is_menu_talk(turn)
        )


def _is_file_in_dm(turn: Turn) -> bool:
    return not turn.incoming.is_chat and any(a.kind == "doc" for a in turn.incoming.attachments)


class IsMenuTalk(ABCRule[Message]):
    async def check(self, event: Message, turn: Turn | None = None) -> bool:
        return is_menu_talk(turn)


class HasDocument(ABCRule[Message]):
    """A file sent to the community's dialog (with no command: a post may carry a file too)."""

    async def check(self, event: Message, turn: Turn | None = None) -> bool:
        return turn is not None and turn.command is None and _is_file_in_dm(turn)
