"""Quiet hours in the parents' and pupils' chats: one polite note a period to each who writes.

Cheap for every message: in the daytime the check is the clock against the config alone; only
when some chat kind is quiet now does it look up which kind this chat is (one indexed lookup, as
the channel guard does). Who has been told this period is kept in memory, one set per period,
dropped when the next period begins; a restart may tell someone once more — no harm.
The away replies are asked first: a message to an away teacher gets that answer instead.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.domain.chats import ChatKind
from bot.domain.grammar import NotACommand
from bot.domain.people import Role
from bot.domain.quiet import QuietPolicy, next_morning
from bot.services.away import AwayService
from bot.services.turns import Turn
from bot.storage.chat_repo import ChatRepo
from bot.texts import quiet as texts

STAFF_ROLES = frozenset({Role.ADMIN, Role.DIRECTOR, Role.DEPUTY, Role.CURATOR, Role.TEACHER})


def is_talk(turn: Turn) -> bool:
    """A person's chat message that asks nothing of the bot (words that merely read like a
    command, not addressed to the bot and not theirs to run, are talk too)."""
    incoming = turn.incoming
    if not incoming.is_chat or incoming.author_id <= 0 or incoming.action is not None:
        return False
    if isinstance(turn.parsed, NotACommand):
        return True
    return turn.command is not None and not turn.allowed and not turn.parsed.addressed


class QuietService:
    def __init__(
        self,
        chats: ChatRepo,
        away: AwayService,
        *,
        policy: QuietPolicy,
        clock: Callable[[], datetime],
    ) -> None:
        self._chats = chats
        self._away = away
        self._policy = policy
        self._clock = clock
        self._told: dict[datetime, set[tuple[int, int]]] = {}  # by the period's morning

    async def note_for(self, turn: Turn) -> str | None:
        """What the bot says to this message on its own: an away reply or the quiet-hours note."""
        if not is_talk(turn):
            return None
        away = await self._away.reply_for(turn.incoming)
        if away is not None:
            return away
        if turn.speaker.roles.roles & STAFF_ROLES:
            return None
        now = self._clock()
        if not self._policy.may_be_quiet(now):
            return None
        chat = await self._chats.by_peer(peer_id=turn.incoming.peer_id)
        rules = self._policy.quiet_rules(chat.kind, now) if chat is not None else None
        if rules is None:
            return None
        morning = next_morning(now, rules)
        if morning not in self._told:
            self._told = {m: told for m, told in self._told.items() if m > now}
        told = self._told.setdefault(morning, set())
        who = (turn.incoming.peer_id, turn.incoming.author_id)
        if who in told:
            return None
        told.add(who)
        return texts.quiet_note(rules, morning, now, parents=chat.kind is ChatKind.PARENTS)
