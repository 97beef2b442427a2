"""Official marks: a verified staff member answers their own chat message with «официально», and
the bot confirms it as the school's in a reply from the community.

Why this cannot be forged by a parent: the mark is a message from the community itself, which no
member can post as; only a person whose VK id the roster gives a staff role may ask for it, and
only for a message of their own; a hand-typed copy of the mark text from anyone else is held back
by moderation (the `scam` rule, kind `fake_mark`).
"""

from __future__ import annotations

import logging

from bot.services.ports import Messenger, MessengerError
from bot.services.turns import Turn
from bot.texts import moderation as moderation_texts
from bot.texts import official as texts

log = logging.getLogger(__name__)


class OfficialMarks:
    def __init__(self, messenger: Messenger) -> None:
        self._messenger = messenger

    async def mark(self, turn: Turn) -> None:
        """«официально» in a chat: mark the replied-to message, or say why not."""
        incoming, speaker = turn.incoming, turn.speaker
        name = speaker.person.full_name if speaker.person else f"id{speaker.vk_id}"
        who = moderation_texts.mention(speaker.vk_id, name)
        reply = incoming.reply_to
        if not turn.allowed or speaker.person is None:
            text, target = texts.REFUSED.format(who=who), incoming.message_id
        elif reply is None:
            text, target = texts.NOT_A_REPLY.format(who=who), incoming.message_id
        elif reply.author_id != speaker.vk_id:
            text, target = texts.NOT_OWN.format(who=who), incoming.message_id
        else:
            position = texts.position(speaker.roles)
            text = texts.MARK.format(name=speaker.person.full_name, position=position)
            target = reply.message_id
        try:
            await self._messenger.send(
                incoming.peer_id,
                text,
                dedup_key=incoming.reply_key("official"),
                reply_to=target,
            )
        except MessengerError as error:
            log.warning("could not answer «официально» in %s: %s", incoming.peer_id, error)
