"""Builds the moderation services from the config (called by the composition root)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.config import Config
from bot.moderation import ModerationSettings, Moderator
from bot.services.alerts import AlertService
from bot.services.dry_run import DryRun
from bot.services.impostors import ImpostorWatch
from bot.services.incidents import IncidentDesk
from bot.services.moderation import ModerationService
from bot.services.notify import Notifier
from bot.services.ports import Community, Messenger
from bot.services.raids import RaidGuard, RaidListener
from bot.services.replies import ReplyService
from bot.services.speakers import SpeakerService
from bot.storage.chat_repo import ChatRepo
from bot.storage.db import Database
from bot.storage.dry_run_repo import DryRunRepo
from bot.storage.incident_repo import IncidentRepo
from bot.storage.school_repo import SchoolRepo


def moderator_for(config: Config) -> Moderator:
    mod = config.moderation
    return Moderator(
        ModerationSettings(
            disabled_by_chat_kind={kind.value: frozenset(k.off) for kind, k in mod.kinds.items()},
            extra_allowed_domains=tuple(mod.allowed_domains),
            flood_max_messages=mod.flood_messages,
            flood_per_seconds=float(mod.flood_seconds),
            raid_max_joins=mod.raid_joins,
            raid_per_seconds=float(mod.raid_seconds),
        )
    )


def build_moderation(
    config: Config,
    db: Database,
    messenger: Messenger,
    community: Community,
    *,
    speakers: SpeakerService,
    replies: ReplyService,
    clock: Callable[[], datetime],
    raid_listener: RaidListener | None = None,
    notify: Notifier | None = None,
) -> ModerationService:
    mod, moderator = config.moderation, moderator_for(config)
    chats, incidents = ChatRepo(db), IncidentRepo(db)
    alerts = AlertService(
        config=mod,
        school=SchoolRepo(db),
        incidents=incidents,
        replies=replies,
        messenger=messenger,
        community=community,
        clock=clock,
    )
    desk = IncidentDesk(
        config=mod,
        moderator=moderator,
        chats=chats,
        incidents=incidents,
        speakers=speakers,
        messenger=messenger,
        alerts=alerts,
        clock=clock,
        tz=config.school.tz,
    )
    raids = RaidGuard(
        config=mod,
        chats=chats,
        incidents=incidents,
        messenger=messenger,
        alerts=alerts,
        clock=clock,
        listener=raid_listener,
    )
    impostors = ImpostorWatch(
        enabled=mod.impersonation,
        school=SchoolRepo(db),
        incidents=incidents,
        messenger=messenger,
        alerts=alerts,
        clock=clock,
    )
    return ModerationService(
        config=mod,
        moderator=moderator,
        chats=chats,
        incidents=incidents,
        speakers=speakers,
        messenger=messenger,
        alerts=alerts,
        desk=desk,
        raids=raids,
        clock=clock,
        impostors=impostors,
        own_community=community.id,
        dry_run=DryRun(
            DryRunRepo(db),
            notify or Notifier(messenger, SchoolRepo(db)),
            configured=frozenset(kind for kind, k in mod.kinds.items() if k.report_only),
            clock=clock,
        ),
    )
