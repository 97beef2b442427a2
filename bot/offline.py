"""The bot's services without VK, for the command line: the same use cases on the same database."""

from __future__ import annotations

from bot.config import Config
from bot.domain.people import Person
from bot.services.chats import ChatService
from bot.services.container import utc_now
from bot.services.invites import InviteService
from bot.services.ports import MessengerError
from bot.services.roster import RosterService
from bot.services.school import SchoolService
from bot.storage.chat_repo import ChatRepo
from bot.storage.db import Database
from bot.storage.invite_repo import InviteRepo
from bot.storage.roster_repo import RosterRepo
from bot.storage.school_repo import SchoolRepo
from bot.storage.trail_repo import TrailRepo

# The trail's actor for changes made from the command line, not by a person in VK.
COMMAND_LINE = Person(id=0, vk_id=None, full_name="командная строка")


class OfflineMessenger:
    """Without a token nothing can be asked of VK: short names stay unresolved."""

    async def resolve_screen_name(self, screen_name: str) -> int | None:
        raise MessengerError(0, "offline", "utils.resolveScreenName")

    async def resolve_screen_names(self, screen_names: list[str]) -> dict[str, int | None]:
        raise MessengerError(0, "offline", "users.get")

    async def user_names(self, user_ids: list[int]) -> dict[int, str]:
        return {}


class OfflineServices:
    def __init__(self, config: Config, db: Database) -> None:
        school_repo = SchoolRepo(db)
        messenger = OfflineMessenger()
        self.school = SchoolService(
            school_repo, TrailRepo(db), messenger, config_admins=frozenset(), clock=utc_now
        )
        self.roster = RosterService(RosterRepo(db), school_repo, self.school, messenger)  # type: ignore[arg-type]
        chats = ChatService(
            ChatRepo(db),
            school_repo,
            self.school,
            messenger,  # type: ignore[arg-type]
            titles=config.chats.titles.templates(),
            school_name=config.school.name,
        )
        self.invites = InviteService(
            InviteRepo(db),
            ChatRepo(db),
            school_repo,
            chats,
            screen_name=config.vk.community_address,
            valid_days=config.chats.invite_days,
            clock=utc_now,
        )
