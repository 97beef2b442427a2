"""Works out once per message who is speaking and what they asked; rules only compare."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from vkbottle import BaseMiddleware
from vkbottle.bot import Message

from bot.handlers.convert import to_incoming

if TYPE_CHECKING:
    from bot.services.container import Services

log = logging.getLogger(__name__)


def context_middleware(services: Services) -> type[BaseMiddleware[Message]]:
    class EventContextMiddleware(BaseMiddleware[Message]):
        async def pre(self) -> None:
            # vkbottle swallows middleware exceptions silently; log them ourselves.
            try:
                incoming = to_incoming(self.event)
                turn = await services.turns.begin(incoming)
                # Once per message: the flood counter must see each message exactly once.
                turn = await services.moderation.assess(turn)
                await services.stats.count(incoming)
                if incoming.is_chat:
                    # A chat bound before the bot had rights: a message may mean they came.
                    services.rights_watch.noticed(incoming.peer_id)
                else:
                    # Someone the bot could not write to has written: what waited goes now.
                    services.held.contact(incoming.author_id)
            except Exception:
                log.exception("could not prepare message %s", getattr(self.event, "peer_id", "?"))
                self.stop("context failed")
                return
            self.send({"turn": turn})

    return EventContextMiddleware
