"""The services of one running bot, built once by the composition root and handed to handlers."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Config
from bot.services.maintenance import MaintenanceService
from bot.services.ports import Community, Messenger
from bot.services.replies import ReplyService
from bot.services.turns import TurnService
from bot.storage.db import Database


@dataclass(frozen=True)
class Services:
    config: Config
    community: Community
    messenger: Messenger
    turns: TurnService
    replies: ReplyService
    maintenance: MaintenanceService


async def build_services(
    config: Config, db: Database, messenger: Messenger, community: Community
) -> Services:
    return Services(
        config=config,
        community=community,
        messenger=messenger,
        turns=TurnService(community),
        replies=ReplyService(messenger),
        maintenance=MaintenanceService(db),
    )
