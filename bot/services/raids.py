"""Join raids: a burst of joins by link makes the bot annul the chat's invite link and alert."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from bot.config import ModerationConfig
from bot.domain.chats import SchoolChat
from bot.domain.events import is_chat_peer
from bot.domain.incidents import Incident, Source
from bot.moderation import RaidTracker
from bot.moderation.rules import RAID
from bot.services.alerts import AlertService
from bot.services.ports import Messenger, MessengerError
from bot.storage.chat_repo import ChatRepo
from bot.storage.incident_repo import IncidentRepo
from bot.texts import moderation as texts

log = logging.getLogger(__name__)


class RaidListener(Protocol):
    def raid_started(self, peer_id: int) -> None:
        """A raid is found in the chat; `raid` follows once the link is replaced."""

    async def raid(self, chat: SchoolChat, incident_id: int | None, *, link_reset: bool) -> None:
        """The raid's incident (None: a repeated event) and whether the link was replaced."""


class RaidGuard:
    def __init__(
        self,
        *,
        config: ModerationConfig,
        chats: ChatRepo,
        incidents: IncidentRepo,
        messenger: Messenger,
        alerts: AlertService,
        clock: Callable[[], datetime],
        monotonic: Callable[[], float] = time.monotonic,
        listener: RaidListener | None = None,
    ) -> None:
        # The listener takes the alert over: the gate's summary of the same burst carries it,
        # so the curator gets one message about the raid, not two.
        self._listener = listener
        self._config = config
        self._chats = chats
        self._incidents = incidents
        self._messenger = messenger
        self._alerts = alerts
        self._clock = clock
        self._monotonic = monotonic
        self._raid = RaidTracker(config.raid_joins, config.raid_seconds)
        self._raid_until: dict[int, float] = {}

    # --- joins --------------------------------------------------------------------------------
    async def on_join(self, peer_id: int, vk_id: int, *, message_id: int) -> bool:
        """Someone joined by link. True if the chat is being raided: the first time in a burst
        the bot annuls the chat's invite link and alerts."""
        if not self._config.enabled or not is_chat_peer(peer_id):
            return False
        chat = await self._chats.by_peer(peer_id=peer_id)
        if chat is None or RAID in self._config.for_kind(chat.kind).off:
            return False
        now = self._monotonic()
        if not self._raid.join(peer_id, vk_id, now):
            return False
        if self._raid_until.get(peer_id, float("-inf")) > now:
            return True  # the same burst: the link is already new
        self._raid_until[peer_id] = now + self._config.raid_seconds
        if self._listener is not None:
            self._listener.raid_started(peer_id)
        try:
            await self._messenger.reset_invite_link(peer_id)
            reset = True
        except MessengerError as error:
            log.warning("could not reset the invite link of %s: %s", peer_id, error)
            reset = False
        incident_id = await self._incidents.add(
            incident=Incident(
                at=self._clock(), source=Source.RAID, peer_id=peer_id, cmid=message_id,
                author_vk_id=vk_id, rule=RAID, clause="4.6", masked_text="", chat_id=chat.id,
                actions=("link_reset",) if reset else (),
            )
        )  # fmt: skip
        if self._listener is not None:
            await self._listener.raid(chat, incident_id, link_reset=reset)
        elif incident_id is not None:
            text = texts.raid_alert(
                chat=chat.title or str(peer_id),
                joins=self._config.raid_joins,
                seconds=self._config.raid_seconds,
                link_reset=reset,
            )
            await self._alerts.deliver(incident_id, chat, text, None)
        return True
