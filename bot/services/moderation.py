"""Moderation of the school's chats: check each message once, act by the policy, alert, record.

Only chats registered in ChatRepo are moderated; the bot's own messages and service messages
never are. Decisions on alerts, people's reports and the incident list are in `IncidentDesk`
(bot/services/incidents.py), join raids in `RaidGuard` (bot/services/raids.py); this service
exposes them too, so handlers talk to one place.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from bot.config import ModerationConfig
from bot.domain.chats import ChatKind
from bot.domain.events import IncomingMessage
from bot.domain.incidents import ContentVerdict, Incident, Source, Verdict
from bot.domain.people import Person, Role, Roles
from bot.moderation import FloodTracker, Moderator
from bot.moderation.content import ContentLimits, StickerCounter, check_content
from bot.moderation.policy import PolicySettings, Standing, decide
from bot.moderation.rules import CLAUSES, FLOOD, SCAM
from bot.moderation.types import Violation
from bot.services.alerts import AlertService, decision_keyboard
from bot.services.dry_run import DryRun
from bot.services.impostors import ImpostorWatch
from bot.services.incidents import IncidentDesk
from bot.services.photo_codes import PhotoCodes
from bot.services.ports import Messenger, MessengerError
from bot.services.raids import RaidGuard
from bot.services.speakers import SpeakerService
from bot.services.turns import Turn
from bot.storage.chat_repo import ChatRepo
from bot.storage.incident_repo import IncidentRepo
from bot.texts import content as content_texts
from bot.texts import moderation as texts

log = logging.getLogger(__name__)


def standing(roles: Roles) -> Standing:
    if roles.is_staff or roles.has(Role.CURATOR) or roles.has(Role.TEACHER):
        return Standing.STAFF
    if roles.has(Role.PARENT):
        return Standing.PARENT
    return Standing.PUPIL if roles.has(Role.PUPIL) else Standing.OTHER


def policy_settings(config: ModerationConfig) -> PolicySettings:
    return PolicySettings(
        warning_days=config.warning_days,
        restrict_after=config.restrict_after,
        restrict_seconds=config.restrict_minutes * 60,
        remove_after=config.remove_after,
        exempt_staff_rules=frozenset(config.exempt_staff_rules),
        warn_only={kind.value: frozenset(k.warn_only) for kind, k in config.kinds.items()},
        scam_counts=config.scam_counts,
    )


class ModerationService:
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
        desk: IncidentDesk,
        raids: RaidGuard,
        clock: Callable[[], datetime],
        monotonic: Callable[[], float] = time.monotonic,
        impostors: ImpostorWatch | None = None,
        dry_run: DryRun | None = None,
        own_community: int = 0,
    ) -> None:
        self._impostors = impostors
        self.dry_run = dry_run
        self._qr = PhotoCodes(messenger)
        self._config = config
        self._moderator = moderator
        self._chats = chats
        self._incidents = incidents
        self._speakers = speakers
        self._messenger = messenger
        self._alerts = alerts
        self._clock = clock
        self._monotonic = monotonic
        self._policy = policy_settings(config)
        self._flood = FloodTracker(config.flood_messages, config.flood_seconds)
        self._content_limits: dict[ChatKind, ContentLimits] = {}
        self._stickers = StickerCounter()
        self._own_community = own_community
        self.on_join = raids.on_join
        self.on_button, self.report, self.list_incidents = desk.on_button, desk.report, desk.list
        self.find_incidents = desk.find

    # --- messages -----------------------------------------------------------------------------
    async def assess(self, turn: Turn) -> Turn:
        """The turn, with a verdict when its message must be acted on. Counts the message for
        flood, so call it once per message (the middleware does)."""
        verdict = await self._verdict(turn.incoming, turn.speaker.roles, count_flood=True)
        if verdict is not None:
            return replace(turn, verdict=verdict)
        content = await self._content_verdict(turn.incoming, turn.speaker.roles)
        return replace(turn, content=content) if content is not None else turn

    async def on_message(self, turn: Turn) -> bool:
        """Act on the turn's verdict; True if the message was handled and must go no further."""
        if turn.content is not None:
            await self._act_on_content(turn.content, turn.incoming, turn.speaker.person)
            return True
        if turn.verdict is None:
            return False
        await self._act(turn.verdict, turn.incoming, turn.speaker.person)
        return True

    async def on_edit(self, incoming: IncomingMessage) -> bool:
        """An edited message is checked again (flood does not count edits)."""
        if not self._moderated(incoming):
            return False
        person, roles = await self._speakers.identify(incoming.author_id)
        verdict = await self._verdict(incoming, roles, count_flood=False)
        if verdict is None:
            return False
        await self._act(verdict, incoming, person)
        return True

    async def close(self) -> None:
        """At a clean stop: side checks already started are finished."""
        if self._impostors is not None:
            await self._impostors.close()

    async def on_member_joined(self, peer_id: int, vk_id: int) -> None:
        """Someone joined a school chat: a name posing as staff is reported at once."""
        if self._impostors is None or not self._config.enabled or vk_id <= 0:
            return
        chat = await self._chats.by_peer(peer_id=peer_id)
        if chat is not None:
            await self._impostors.on_join(chat, vk_id)

    def _moderated(self, incoming: IncomingMessage) -> bool:
        return (
            self._config.enabled
            and incoming.is_chat
            and incoming.action is None
            and incoming.author_id > 0
        )

    async def _verdict(
        self, incoming: IncomingMessage, roles: Roles, *, count_flood: bool
    ) -> Verdict | None:
        if not self._moderated(incoming):
            return None
        chat = await self._chats.by_peer(peer_id=incoming.peer_id)
        if chat is None:
            return None
        if count_flood and self._impostors is not None:
            await self._impostors.on_message(chat, incoming.author_id, roles)
        kind = chat.kind.value
        violations = self._moderator.check(incoming.text, kind)
        qr_notes: list[str] = []
        if (
            self._config.qr_codes
            and count_flood
            and any(a.kind == "photo" and a.url for a in incoming.attachments)
            and standing(roles) is not Standing.STAFF
            and SCAM in self._moderator.rules_for(kind)
        ):
            qr_notes = await self._qr.read(incoming)
            if qr_notes:
                violations.append(Violation(SCAM, CLAUSES[SCAM], 0, 0, "qr"))
        flood = (
            count_flood
            and FLOOD not in self._config.for_kind(chat.kind).off
            and self._flood.hit(chat.peer_id, incoming.author_id, self._monotonic())
        )
        if not violations and not flood:
            return None
        active = await self._incidents.active_warnings(vk_id=incoming.author_id, now=self._clock())
        plan = decide(
            kind,
            violations,
            flood=flood,
            standing=standing(roles),
            active_warnings=active,
            settings=self._policy,
        )
        if plan is None:
            return None
        masked = self._moderator.mask(incoming.text, violations)
        for note in qr_notes:
            found = self._moderator.check(note)
            masked += " " + texts.qr_note(self._moderator.mask(note, found))
        return Verdict(chat, tuple(violations), plan, masked.strip())

    async def _content_verdict(
        self, incoming: IncomingMessage, roles: Roles
    ) -> ContentVerdict | None:
        if not self._moderated(incoming) or standing(roles) is Standing.STAFF:
            return None
        chat = await self._chats.by_peer(peer_id=incoming.peer_id)
        if chat is None:
            return None
        limits = self._content_limits.get(chat.kind)
        if limits is None:
            limits = self._content_limits[chat.kind] = self._config.for_kind(chat.kind).content(
                chat.kind
            )
        if not limits.checks_anything:
            return None
        breach = check_content(
            incoming, limits, own_community=self._own_community, stickers=self._stickers,
            now=self._monotonic(),
        )  # fmt: skip
        return ContentVerdict(chat, breach) if breach is not None else None

    async def _act_on_content(
        self, verdict: ContentVerdict, incoming: IncomingMessage, person: Person | None
    ) -> None:
        chat, author = verdict.chat, incoming.author_id
        if self.dry_run is not None and self.dry_run.is_on(chat.kind):
            await self.dry_run.record_content(chat, incoming, verdict.breach)
            return
        await self._delete(chat.peer_id, incoming.message_id)
        name = person.full_name if person else await self._name(author)
        note = content_texts.content_note(texts.mention(author, name), verdict.breach)
        await self._send(chat.peer_id, note, f"content:{chat.peer_id}:{incoming.message_id}")

    async def _act(
        self, verdict: Verdict, incoming: IncomingMessage, person: Person | None
    ) -> None:
        chat, plan, author = verdict.chat, verdict.plan, incoming.author_id
        if self.dry_run is not None and self.dry_run.is_on(chat.kind):
            await self.dry_run.record(chat, incoming, plan, verdict.masked)
            return
        now = self._clock()
        incident_id = await self._incidents.add(
            incident=Incident(
                at=now, source=Source.MESSAGE, peer_id=chat.peer_id, cmid=incoming.message_id,
                author_vk_id=author, rule=plan.rule, clause=plan.clause, kind=plan.kind,
                masked_text=verdict.masked, chat_id=chat.id,
                author_person_id=person.id if person else None,
            )
        )  # fmt: skip
        if incident_id is None:
            # A re-delivered event: dealt with already, or cut short by a crash — then every
            # step is taken again (each is safe to repeat: sends carry the same keys).
            incident_id = await self._incidents.unfinished(
                peer_id=chat.peer_id, cmid=incoming.message_id, source=Source.MESSAGE.value
            )
            if incident_id is None:
                return
        steps: list[str] = []
        if plan.delete:
            steps.append(await self._delete(chat.peer_id, incoming.message_id))
        name = person.full_name if person else await self._name(author)
        minutes = plan.restrict_seconds // 60 if plan.restrict_seconds else None
        warning = texts.warning(
            texts.mention(author, name), plan.rule, plan.clause, plan.kind,
            deleted=plan.delete, restrict_minutes=minutes, removed=plan.remove,
        )  # fmt: skip
        await self._send(chat.peer_id, warning, f"warn:{incident_id}")
        steps.append("warned")
        warnings = None
        if plan.counts:
            expires = now + timedelta(days=self._config.warning_days)
            await self._incidents.add_warning(
                incident_id=incident_id, vk_id=author, at=now, expires=expires
            )
            warnings = await self._incidents.active_warnings(vk_id=author, now=now)
        if plan.restrict_seconds:
            steps.append(await self._restrict(chat.peer_id, author, plan.restrict_seconds))
        if plan.remove:
            steps.append(await self._remove(chat.peer_id, author))
        await self._incidents.set_actions(incident_id=incident_id, actions=steps)
        text = texts.alert(
            chat=chat.title or str(chat.peer_id), author=texts.mention(author, name),
            rule=plan.rule, clause=plan.clause, masked=verdict.masked, steps=steps,
            warnings=warnings, days=self._config.warning_days, restrict_minutes=minutes,
        )  # fmt: skip
        # A held-back scam counts no warning by default: there is nothing to forgive.
        forgive = plan.counts or plan.rule != SCAM
        keyboard = decision_keyboard(incident_id, forgive=forgive)
        await self._alerts.deliver(incident_id, chat, text, keyboard)
        await self._incidents.complete(incident_id=incident_id, at=now)

    async def _delete(self, peer_id: int, cmid: int) -> str:
        try:
            deleted = await self._messenger.delete_messages(peer_id, [cmid])
        except MessengerError as error:
            log.warning("could not delete %s/%s: %s", peer_id, cmid, error)
            deleted = set()
        return "deleted" if cmid in deleted else "delete_failed"

    async def _restrict(self, peer_id: int, vk_id: int, seconds: int) -> str:
        try:
            failed = await self._messenger.restrict(peer_id, [vk_id], seconds)
        except MessengerError as error:
            log.warning("could not restrict %s in %s: %s", vk_id, peer_id, error)
            failed = [vk_id]
        return "restrict_failed" if vk_id in failed else "restricted"

    async def _remove(self, peer_id: int, vk_id: int) -> str:
        try:
            await self._messenger.remove_from_chat(peer_id, vk_id)
        except MessengerError as error:
            log.warning("could not remove %s from %s: %s", vk_id, peer_id, error)
            return "remove_failed"
        return "removed"

    async def _send(self, peer_id: int, text: str, key: str) -> None:
        try:
            await self._messenger.send(peer_id, text, dedup_key=key)
        except MessengerError as error:
            log.warning("could not send to %s: %s", peer_id, error)

    async def _name(self, vk_id: int) -> str:
        try:
            names = await self._messenger.user_names([vk_id])
        except MessengerError:
            names = {}
        return names.get(vk_id, f"id{vk_id}")
