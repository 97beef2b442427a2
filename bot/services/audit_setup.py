"""Building the services of issue 7 (audits, statistics, movement, the school year)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from bot.config import Config
from bot.services.audit_checks import AuditChecks
from bot.services.audits import AuditService
from bot.services.gate import GateService
from bot.services.invites import InviteService
from bot.services.movement import MovementService
from bot.services.notify import Notifier
from bot.services.ports import Messenger
from bot.services.school_year import SchoolYearService
from bot.services.stats import AckRates, StatsService
from bot.storage.audit_repo import AuditRepo
from bot.storage.chat_repo import ChatRepo
from bot.storage.db import Database
from bot.storage.movement_repo import MovementRepo
from bot.storage.school_repo import SchoolRepo
from bot.storage.stats_repo import StatsRepo
from bot.storage.trail_repo import TrailRepo


def build_audit_services(
    config: Config,
    db: Database,
    messenger: Messenger,
    *,
    gate: GateService,
    invites: InviteService,
    notify: Notifier,
    clock: Callable[[], datetime],
    ack_rates: AckRates | None = None,
) -> dict[str, Any]:
    audit_repo, chats, school_repo = AuditRepo(db), ChatRepo(db), SchoolRepo(db)
    movement_repo, trail = MovementRepo(db), TrailRepo(db)
    tz, school_name = config.school.tz, config.school.name
    checks = AuditChecks(audit_repo, chats, school_repo, gate, messenger, clock=clock)
    return {
        "audits": AuditService(checks, school_repo, messenger, notify, clock=clock),
        "stats": StatsService(
            StatsRepo(db), audit_repo, school_repo, messenger,
            school_name=school_name, tz=tz, clock=clock, ack_rates=ack_rates,
        ),
        "movement": MovementService(
            movement_repo, school_repo, chats, invites, trail, messenger,
            school_name=school_name, clock=clock,
        ),
        "school_year": SchoolYearService(
            movement_repo, school_repo, chats, trail, messenger,
            templates=config.chats.titles.templates(), school_name=school_name,
            graduate_chats=config.school_year.graduate_chats, tz=tz, clock=clock,
        ),
    }  # fmt: skip
