"""Alerts about incidents: to the chat's curator and the administrators, with decision buttons.

Where they go: `alert_to = "log_chat"` sends one alert into the moderation chat; `"dm"` sends
each recipient a private message, and those who have not allowed the community to write to them
(VK error 901) are named in the moderation chat instead and told once how to allow messages.
Every send carries a key made of the incident and the recipient, so a re-delivered event does
not alert twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from bot.config import ModerationConfig
from bot.domain.chats import SchoolChat
from bot.domain.people import Person, Role
from bot.services.ports import (
    Button,
    Community,
    Keyboard,
    Messenger,
    MessengerError,
    RecipientUnreachable,
)
from bot.services.replies import ReplyService
from bot.storage.incident_repo import IncidentRepo
from bot.storage.school_repo import SchoolRepo
from bot.texts import moderation as texts

log = logging.getLogger(__name__)

FORGIVE, REMOVE, OK = "forgive", "remove", "ok"
PAYLOAD_KEY = "mod"  # callback payloads of moderation buttons: {"mod": <decision>, "i": <id>}


def decision_keyboard(incident_id: int, *, forgive: bool = True) -> Keyboard:
    def button(label: str, decision: str, color: str) -> Button:
        return Button(label, {PAYLOAD_KEY: decision, "i": incident_id}, color=color)

    row = [button(texts.BUTTON_FORGIVE, FORGIVE, "positive")] if forgive else []
    row += [
        button(texts.BUTTON_REMOVE, REMOVE, "negative"),
        button(texts.BUTTON_OK, OK, "secondary"),
    ]
    return Keyboard(rows=[row], inline=True)


class AlertService:
    def __init__(
        self,
        *,
        config: ModerationConfig,
        school: SchoolRepo,
        incidents: IncidentRepo,
        replies: ReplyService,
        messenger: Messenger,
        community: Community,
        clock: Callable[[], datetime],
    ) -> None:
        self._config = config
        self._school = school
        self._incidents = incidents
        self._replies = replies
        self._messenger = messenger
        self._community = community
        self._clock = clock

    async def recipients(self, chat: SchoolChat) -> list[Person]:
        """The chat's curator (for a class chat), then the administrators; each once."""
        people: list[Person] = []
        if chat.class_name is not None:
            curator = await self._school.curator_of(name=chat.class_name)
            if curator is not None:
                people.append(curator)
        people += await self._school.people_with_role(role=Role.ADMIN)
        seen: set[int] = set()
        unique = []
        for person in people:
            if person.vk_id and person.vk_id not in seen:
                seen.add(person.vk_id)
                unique.append(person)
        return unique

    async def deliver(
        self, incident_id: int, chat: SchoolChat, text: str, keyboard: Keyboard | None
    ) -> None:
        log_chat = self._config.log_chat_peer_id
        if self._config.alert_to == "log_chat" and log_chat is not None:
            await self._send(log_chat, text, f"alert:{incident_id}:log", keyboard)
            return
        unreachable: list[Person] = []
        for person in await self.recipients(chat):
            assert person.vk_id is not None
            try:
                await self._replies.send(
                    person.vk_id, text, key=f"alert:{incident_id}:{person.vk_id}", keyboard=keyboard
                )
            except RecipientUnreachable:
                unreachable.append(person)
            except MessengerError as error:
                log.warning("alert %s to %s failed: %s", incident_id, person.vk_id, error)
        if unreachable and log_chat is not None:
            await self._to_log_chat(incident_id, unreachable, text, keyboard, log_chat)
        elif unreachable:
            log.warning(
                "alert %s reached nobody of %s", incident_id, [p.vk_id for p in unreachable]
            )

    async def _to_log_chat(
        self,
        incident_id: int,
        people: list[Person],
        text: str,
        keyboard: Keyboard | None,
        log_chat: int,
    ) -> None:
        mentions = ", ".join(texts.mention(p.vk_id or 0, p.full_name) for p in people)
        body = texts.for_unreachable(mentions) + text
        now = self._clock()
        new = [p for p in people if await self._incidents.first_notice(vk_id=p.vk_id or 0, at=now)]
        if new:
            body += texts.how_to_allow(f"vk.me/{self._community.screen_name}")
        await self._send(log_chat, body, f"alert:{incident_id}:log", keyboard)

    async def _send(self, peer_id: int, text: str, key: str, keyboard: Keyboard | None) -> None:
        try:
            await self._replies.send(peer_id, text, key=key, keyboard=keyboard)
        except MessengerError as error:
            log.warning("alert to the moderation chat %s failed: %s", peer_id, error)
