"""Decisions on incidents (the alert buttons), people's reports, and the incident list."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo

from bot.config import ModerationConfig
from bot.domain.events import ButtonPress
from bot.domain.incidents import (
    DEFAULT_INCIDENTS,
    REPORT_RULE,
    Incident,
    IncidentFilter,
    Resolution,
    Source,
)
from bot.domain.person_ref import ById, PersonRef
from bot.moderation import Moderator
from bot.services.alerts import FORGIVE, OK, PAYLOAD_KEY, REMOVE, AlertService, decision_keyboard
from bot.services.ports import Messenger, MessengerError
from bot.services.speakers import SpeakerService
from bot.services.turns import Turn
from bot.storage.chat_repo import ChatRepo
from bot.storage.incident_repo import IncidentRepo
from bot.texts import moderation as texts

log = logging.getLogger(__name__)

REPORT_WINDOW = timedelta(hours=1)


class IncidentDesk:
    def __init__(
        self,
        *,
        config: ModerationConfig,
        moderator: Moderator,
        chats: ChatRepo,
        incidents: IncidentRepo,
        speakers: SpeakerService,
        messenger: Messenger,
        alerts: AlertService,
        clock: Callable[[], datetime],
        tz: tzinfo = UTC,
    ) -> None:
        self._tz = tz
        self._config = config
        self._moderator = moderator
        self._chats = chats
        self._incidents = incidents
        self._speakers = speakers
        self._messenger = messenger
        self._alerts = alerts
        self._clock = clock

    # --- buttons ------------------------------------------------------------------------------
    @staticmethod
    def is_ours(payload: dict) -> bool:
        number = payload.get("i")
        # A forged payload may carry anything: only a plausible row id reaches the database.
        return (
            payload.get(PAYLOAD_KEY) in (FORGIVE, REMOVE, OK)
            and type(number) is int
            and 0 < number < 2**63
        )

    async def on_button(self, press: ButtonPress) -> str:
        """Carry out «Простить», «Исключить» or «Ок»; the pop-up note is answered and returned."""
        note = await self._decide(press)
        try:
            await self._messenger.answer_button(press.event_id, press.user_id, press.peer_id, note)
        except MessengerError as error:
            log.warning("could not answer button %s: %s", press.event_id, error)
        return note

    async def _decide(self, press: ButtonPress) -> str:
        incident = await self._incidents.get(incident_id=int(press.payload.get("i", 0)))
        if incident is None or incident.id is None:
            return texts.PRESS_UNKNOWN
        if not await self._may_decide(press.user_id, incident):
            return texts.PRESS_REFUSED
        decision = press.payload[PAYLOAD_KEY]
        resolution = {FORGIVE: Resolution.FORGIVEN, REMOVE: Resolution.REMOVED}.get(
            decision, Resolution.OK
        )
        if resolution is Resolution.REMOVED:
            try:
                await self._messenger.remove_from_chat(incident.peer_id, incident.author_vk_id)
            except MessengerError as error:
                if error.code != 935:  # already gone from the chat: the wish is fulfilled
                    return texts.PRESS_REMOVE_FAILED
        now = self._clock()
        if not await self._incidents.resolve(
            incident_id=incident.id, by_vk_id=press.user_id, at=now, resolution=resolution
        ):
            return texts.PRESS_ALREADY
        if resolution is Resolution.FORGIVEN:
            await self._incidents.cancel_warning(incident_id=incident.id, at=now)
            if "removed" in incident.actions:
                return texts.PRESS_FORGIVEN_REMOVED
            if "restricted" in incident.actions:
                try:
                    await self._messenger.unrestrict(incident.peer_id, [incident.author_vk_id])
                except MessengerError as error:
                    log.warning("could not lift the restriction of %s: %s", incident.id, error)
            return texts.PRESS_FORGIVEN
        return texts.PRESS_REMOVED if resolution is Resolution.REMOVED else texts.PRESS_OK

    async def _may_decide(self, vk_id: int, incident: Incident) -> bool:
        """Administrators, the director, deputies, and the curator of the incident's class."""
        _, roles = await self._speakers.identify(vk_id)
        if roles.is_staff:
            return True
        class_name = await self._incidents.class_of(incident_id=incident.id or 0)
        return class_name is not None and class_name in roles.curated_classes

    # --- reports ------------------------------------------------------------------------------
    async def report(self, turn: Turn) -> str | None:
        """`жалоба` in answer to a message: what to tell the reporter privately, or None to
        stay silent (talk that only looks like the command, or a chat the bot does not run)."""
        incoming = turn.incoming
        addressed = bool(getattr(turn.parsed, "addressed", True))
        if not incoming.is_chat:
            return texts.REPORT_ONLY_IN_CHAT
        replied = incoming.reply_to
        if replied is None:
            return texts.REPORT_NEEDS_REPLY if addressed else None
        chat = await self._chats.by_peer(peer_id=incoming.peer_id)
        if chat is None or replied.author_id <= 0:
            return None
        reporter, now = incoming.author_id, self._clock()
        recent = await self._incidents.reports_since(
            reporter_vk_id=reporter, since=now - REPORT_WINDOW
        )
        if recent >= self._config.reports_per_hour:
            return texts.REPORT_LIMIT
        await self._hide(incoming.peer_id, incoming.message_id)
        if not await self._incidents.add_report(
            reporter_vk_id=reporter, peer_id=chat.peer_id, cmid=replied.message_id, at=now
        ):
            return texts.REPORT_SENT  # the same person, the same message: once is enough
        found = self._moderator.check(replied.text, chat.kind.value)
        masked = self._moderator.mask(replied.text, found)
        reason = turn.args.get("reason")
        if reason:
            reason = self._moderator.mask(reason, self._moderator.check(reason, chat.kind.value))
        incident_id = await self._incidents.add(
            incident=Incident(
                at=now, source=Source.REPORT, peer_id=chat.peer_id, cmid=replied.message_id,
                author_vk_id=replied.author_id, rule=REPORT_RULE,
                clause=found[0].clause if found else "", kind=found[0].rule if found else None,
                masked_text=masked, chat_id=chat.id, reporter_vk_id=reporter, reason=reason,
            )
        )  # fmt: skip
        if incident_id is not None:  # another person reported it first: already alerted
            names = await self._names([reporter, replied.author_id])
            text = texts.report_alert(
                chat=chat.title or str(chat.peer_id),
                reporter=texts.mention(reporter, names[reporter]),
                author=texts.mention(replied.author_id, names[replied.author_id]),
                masked=masked,
                reason=reason,
            )
            keyboard = decision_keyboard(incident_id, forgive=False)
            await self._alerts.deliver(incident_id, chat, text, keyboard)
        return texts.REPORT_SENT

    async def _hide(self, peer_id: int, cmid: int) -> None:
        """The «жалоба» itself is removed from the chat, so nobody learns who reported."""
        try:
            await self._messenger.delete_messages(peer_id, [cmid])
        except MessengerError as error:
            log.info("could not hide report %s/%s: %s", peer_id, cmid, error)

    async def _names(self, vk_ids: list[int]) -> dict[int, str]:
        try:
            names = await self._messenger.user_names(vk_ids)
        except MessengerError:
            names = {}
        return {vk_id: names.get(vk_id, f"id{vk_id}") for vk_id in vk_ids}

    # --- the record ---------------------------------------------------------------------------
    async def find(self, where: IncidentFilter) -> list[Incident]:
        return await self._incidents.find(where=where)

    async def list(self, turn: Turn) -> str:
        args = turn.args
        person: PersonRef | None = args.get("person")
        author = None
        if isinstance(person, ById):
            author = person.vk_id
        elif person is not None:
            try:
                author = await self._messenger.resolve_screen_name(person.screen_name) or -1
            except MessengerError:
                author = -1
        days = args.get("days")
        where = IncidentFilter(
            class_name=args.get("class_name"),
            chat_kind=args.get("chat_kind"),
            author_vk_id=author,
            rule=args.get("rule"),
            since=self._clock() - timedelta(days=days) if days else None,
            limit=args.get("count") or DEFAULT_INCIDENTS,
        )
        found = await self.find(where)
        if not found:
            return texts.NO_INCIDENTS
        names = await self._names(sorted({i.author_vk_id for i in found}))
        titles: dict[int, str] = {}
        for i in found:
            if i.chat_id is not None and i.chat_id not in titles:
                chat = await self._chats.by_id(chat_id=i.chat_id)
                titles[i.chat_id] = chat.title if chat and chat.title else str(i.peer_id)
        return texts.incident_list(
            [
                texts.incident_line(
                    when=i.at.astimezone(self._tz).strftime("%d.%m %H:%M"),
                    chat=titles.get(i.chat_id or 0, str(i.peer_id)),
                    author=names[i.author_vk_id],
                    rule=i.rule,
                    clause=i.clause,
                    steps=list(i.actions),
                    masked=i.masked_text,
                    resolution=i.resolution.value if i.resolution else None,
                )
                for i in found
            ]
        )
