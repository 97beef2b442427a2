"""Accounts whose names pose as the school's staff: reported when they join or first speak.

Cheap on the message path: a speaker is looked at once per process and day (a set lookup after
that; a name changed later in the day waits for the next day or a join), verified staff (the
speaker's roles are known already) cost nothing, and the rest are looked at in the background:
the message is moderated without waiting for VK, and the names of everyone who spoke meanwhile
are read in one `users.get` (up to 1,000 a request), so a morning's first messages cost a few
requests instead of one each. One report per person and chat, ever: the incident is keyed by the
chat and `cmid = -vk_id` (no real message has a negative id), so a restart or a second message
does not report again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import date, datetime

from bot.domain.chats import SchoolChat
from bot.domain.impersonation import Pose, StaffMember, poses_as_staff
from bot.domain.incidents import Incident, Source
from bot.domain.people import Role, Roles
from bot.services.alerts import AlertService, decision_keyboard
from bot.services.ports import Messenger, MessengerError
from bot.storage.incident_repo import IncidentRepo
from bot.storage.school_repo import SchoolRepo
from bot.texts import moderation as texts

log = logging.getLogger(__name__)

IMPERSONATION = "impersonation"  # the incident's rule
STAFF_ROLES = (Role.ADMIN, Role.DIRECTOR, Role.DEPUTY, Role.CURATOR, Role.TEACHER)
NAMES_PER_REQUEST = 1000  # users.get takes up to 1,000 ids
# The first speaker's name waits this long for others': a morning's first messages (thousands of
# people) then cost a request a second, not one each, out of VK's 20 a second shared with
# moderation's actions.
GATHER_SECONDS = 1.0


def is_verified_staff(roles: Roles) -> bool:
    return any(roles.has(role) for role in STAFF_ROLES)


class ImpostorWatch:
    def __init__(
        self,
        *,
        enabled: bool,
        school: SchoolRepo,
        incidents: IncidentRepo,
        messenger: Messenger,
        alerts: AlertService,
        clock: Callable[[], datetime],
        gather_seconds: float = GATHER_SECONDS,
    ) -> None:
        self._enabled = enabled
        self._gather_seconds = gather_seconds
        self._school = school
        self._incidents = incidents
        self._messenger = messenger
        self._alerts = alerts
        self._clock = clock
        self._day: date | None = None
        self._seen: set[int] = set()  # the speakers looked at today
        self._waiting: dict[int, SchoolChat] = {}  # speakers whose names are to be read
        self._worker: asyncio.Task | None = None

    async def on_message(self, chat: SchoolChat, vk_id: int, roles: Roles) -> None:
        """A person speaks in a school chat (every message: a set lookup after the first). Returns
        at once: the name is read and judged in the background."""
        if not self._first_today(vk_id) or is_verified_staff(roles):
            return
        self._waiting.setdefault(vk_id, chat)
        if self._worker is None or self._worker.done():
            self._worker = asyncio.create_task(self._look_at_speakers(), name="impostors")

    async def close(self) -> None:
        """At a clean stop: the speakers already waiting are looked at first."""
        if self._worker is not None:
            await asyncio.gather(self._worker, return_exceptions=True)

    async def _look_at_speakers(self) -> None:
        while self._waiting:
            await asyncio.sleep(self._gather_seconds)
            batch = dict(list(self._waiting.items())[:NAMES_PER_REQUEST])
            for vk_id in batch:
                del self._waiting[vk_id]
            try:
                try:
                    names = await self._messenger.user_names(list(batch))
                except MessengerError as error:
                    log.warning("could not read the names of %d speakers: %s", len(batch), error)
                    continue
                staff = await self._staff()
                for vk_id, chat in batch.items():
                    await self._judge(chat, vk_id, names.get(vk_id), staff)
            except Exception:  # a side check: it must never disturb anything else
                log.exception("impostor check of %d speakers failed", len(batch))

    async def on_join(self, chat: SchoolChat, vk_id: int) -> None:
        """Every join is looked at (joins are rare); one report per person and chat."""
        if not self._enabled or vk_id <= 0:
            return
        person = await self._school.person_by_vk(vk_id=vk_id)
        if person is not None and is_verified_staff(
            await self._school.roles_of(person_id=person.id)
        ):
            return
        await self._check(chat, vk_id)

    def _first_today(self, vk_id: int) -> bool:
        if not self._enabled or (vk_id in self._seen and self._clock().date() == self._day):
            return False
        today = self._clock().date()
        if today != self._day:
            self._day, self._seen = today, set()
        self._seen.add(vk_id)
        return True

    async def _check(self, chat: SchoolChat, vk_id: int) -> None:
        try:
            name = (await self._messenger.user_names([vk_id])).get(vk_id)
        except MessengerError as error:
            log.warning("could not read the name of %s: %s", vk_id, error)
            return
        await self._judge(chat, vk_id, name, await self._staff())

    async def _judge(
        self, chat: SchoolChat, vk_id: int, name: str | None, staff: list[StaffMember]
    ) -> None:
        if not name:
            return
        pose = poses_as_staff(name, staff)
        if pose is not None and (pose.member is None or pose.member.vk_id != vk_id):
            await self._report(chat, vk_id, name, pose)

    async def _staff(self) -> list[StaffMember]:
        found: dict[int, StaffMember] = {}
        for role in STAFF_ROLES:
            for person in await self._school.people_with_role(role=role):
                found.setdefault(person.id, StaffMember(person.vk_id, person.full_name))
        return list(found.values())

    async def _report(self, chat: SchoolChat, vk_id: int, name: str, pose: Pose) -> None:
        incident_id = await self._incidents.add(
            incident=Incident(
                at=self._clock(), source=Source.MESSAGE, peer_id=chat.peer_id, cmid=-vk_id,
                author_vk_id=vk_id, rule=IMPERSONATION, clause="4.6", masked_text=name,
                chat_id=chat.id, kind="title" if pose.member is None else "name",
            )
        )  # fmt: skip
        if incident_id is None:
            return  # reported before
        text = texts.impostor_alert(
            chat=chat.title or str(chat.peer_id),
            who=texts.mention(vk_id, name),
            title=pose.title,
            member=pose.member.full_name if pose.member else None,
        )
        keyboard = decision_keyboard(incident_id, forgive=False)
        await self._alerts.deliver(incident_id, chat, text, keyboard)
        await self._incidents.complete(incident_id=incident_id, at=self._clock())
