"""The services of one running bot, built once by the composition root and handed to handlers."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.config import Config
from bot.services.ack_reminders import AckReminders
from bot.services.acks import AckService
from bot.services.alerts import AlertService
from bot.services.appeals import AppealService
from bot.services.audit_setup import build_audit_services
from bot.services.audits import AuditService
from bot.services.away import AwayService
from bot.services.channels import ChannelGuard
from bot.services.chat_setup import ChatSetupService
from bot.services.chats import ChatService
from bot.services.class_links import ClassLinkService
from bot.services.delivery import DeliveryService
from bot.services.dm_menu import DmMenuService
from bot.services.faq import FaqService
from bot.services.gate import GateService
from bot.services.held import HeldMessages
from bot.services.invite_owners import InviteOwners
from bot.services.invites import InviteService
from bot.services.join_digest import JoinDigest
from bot.services.maintenance import MaintenanceService
from bot.services.moderation import ModerationService
from bot.services.moderation_setup import build_moderation
from bot.services.movement import MovementService
from bot.services.notify import Notifier
from bot.services.official import OfficialMarks
from bot.services.planner import Planner
from bot.services.ports import Community, Messenger, MessengerError
from bot.services.post_delivery import PostDelivery
from bot.services.posts import PostService
from bot.services.quiet import QuietService
from bot.services.replies import ReplyService
from bot.services.rights_watch import RightsWatch
from bot.services.roster import RosterService
from bot.services.school import SchoolService
from bot.services.school_year import SchoolYearService
from bot.services.speakers import SpeakerService
from bot.services.stats import StatsService
from bot.services.status import StatusService
from bot.services.turns import TurnService
from bot.storage.ack_repo import AckRepo
from bot.storage.appeal_repo import AppealRepo
from bot.storage.away_repo import AwayRepo
from bot.storage.chat_repo import ChatRepo
from bot.storage.chat_setup_repo import ChatSetupRepo
from bot.storage.class_link_repo import ClassLinkRepo
from bot.storage.db import Database
from bot.storage.digest_repo import DigestRepo
from bot.storage.faq_repo import FaqRepo
from bot.storage.held_repo import HeldRepo
from bot.storage.incident_repo import IncidentRepo
from bot.storage.invite_repo import InviteRepo
from bot.storage.post_repo import PostRepo
from bot.storage.roster_repo import RosterRepo
from bot.storage.school_repo import SchoolRepo
from bot.storage.trail_repo import TrailRepo
from bot.texts import core as texts

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Services:
    config: Config
    community: Community
    messenger: Messenger
    turns: TurnService
    replies: ReplyService
    school: SchoolService
    roster: RosterService
    chats: ChatService
    invites: InviteService
    gate: GateService
    status: StatusService
    delivery: DeliveryService
    notify: Notifier
    maintenance: MaintenanceService
    moderation: ModerationService
    audits: AuditService
    stats: StatsService
    movement: MovementService
    school_year: SchoolYearService
    planner: Planner
    post_delivery: PostDelivery
    posts: PostService
    channels: ChannelGuard
    acks: AckService
    ack_reminders: AckReminders
    faq: FaqService
    appeals: AppealService
    away: AwayService
    quiet: QuietService
    official: OfficialMarks
    join_digest: JoinDigest
    rights_watch: RightsWatch
    held: HeldMessages
    chat_setup: ChatSetupService
    dm_menu: DmMenuService
    invite_owners: InviteOwners
    class_links: ClassLinkService


async def build_services(
    config: Config,
    db: Database,
    messenger: Messenger,
    community: Community,
    *,
    clock: Callable[[], datetime] = utc_now,
) -> Services:
    school_repo = SchoolRepo(db)
    speakers = SpeakerService(school_repo)
    await speakers.bootstrap_admins(await _admin_names(messenger, config.school.admins))
    school = SchoolService(
        school_repo,
        TrailRepo(db),
        messenger,
        config_admins=frozenset(config.school.admins),
        clock=clock,
    )
    chat_repo, invite_repo = ChatRepo(db), InviteRepo(db)
    replies = ReplyService(messenger)
    chats = ChatService(
        chat_repo,
        school_repo,
        school,
        messenger,
        titles=config.chats.titles.templates(),
        school_name=config.school.name,
        clock=clock,
        settle_seconds=config.vk.request_timeout,
    )
    digest = JoinDigest(
        DigestRepo(db),
        chat_repo,
        school_repo,
        messenger,
        AlertService(
            config=config.moderation,
            school=school_repo,
            incidents=IncidentRepo(db),
            replies=replies,
            messenger=messenger,
            community=community,
            clock=clock,
        ),
        window=config.chats.digest_seconds,
        longest=config.chats.digest_longest_seconds,
        raid_joins=config.moderation.raid_joins,
        raid_seconds=config.moderation.raid_seconds,
        clock=clock,
    )
    gate = GateService(
        chat_repo,
        invite_repo,
        school_repo,
        messenger,
        digest,
        policy=config.chats.gate_policy,
        clock=clock,
    )
    invites = InviteService(
        invite_repo,
        chat_repo,
        school_repo,
        chats,
        screen_name=community.screen_name,
        valid_days=config.chats.invite_days,
        clock=clock,
        class_links=ClassLinkRepo(db),
        messenger=messenger,
    )
    notify = Notifier(messenger, school_repo)
    planner, post_repo = Planner(), PostRepo(db)
    post_delivery = PostDelivery(
        post_repo,
        messenger,
        replies,
        planner,
        grace=timedelta(minutes=config.posts.grace_minutes),
        tz=config.school.tz,
        clock=clock,
    )
    ack_repo = AckRepo(db)
    acks = AckService(
        ack_repo,
        chat_repo,
        school_repo,
        messenger,
        remind_after=timedelta(hours=config.acks.remind_after_hours),
        tz=config.school.tz,
        clock=clock,
    )
    held = HeldMessages(HeldRepo(db), messenger, clock=clock)
    fix_link = f"https://vk.me/{community.screen_name}"
    quiet_policy = config.quiet.policy(config.school.tz)
    away = AwayService(AwayRepo(db), tz=config.school.tz, clock=clock)
    return Services(
        config=config,
        community=community,
        messenger=messenger,
        turns=TurnService(community, speakers),
        replies=replies,
        school=school,
        roster=RosterService(RosterRepo(db), school_repo, school, messenger, notify=notify),
        chats=chats,
        invites=invites,
        gate=gate,
        status=StatusService(chat_repo, invite_repo, school_repo, messenger, clock=clock),
        delivery=DeliveryService(
            messenger,
            replies,
            invite_repo,
            school_repo,
            school_name=config.school.name,
            clock=clock,
        ),
        notify=notify,
        maintenance=MaintenanceService(db),
        moderation=build_moderation(
            config,
            db,
            messenger,
            community,
            speakers=speakers,
            replies=replies,
            clock=clock,
            raid_listener=digest,
            notify=notify,
        ),
        **build_audit_services(
            config,
            db,
            messenger,
            gate=gate,
            invites=invites,
            notify=notify,
            clock=clock,
            ack_rates=acks.rates,
        ),
        planner=planner,
        post_delivery=post_delivery,
        posts=PostService(
            post_repo,
            chat_repo,
            messenger,
            post_delivery,
            tz=config.school.tz,
            clock=clock,
            quiet=quiet_policy,
        ),
        channels=ChannelGuard(chat_repo, messenger, replies, speakers=config.posts.speakers),
        acks=acks,
        ack_reminders=AckReminders(ack_repo, acks, messenger, replies, planner),
        faq=FaqService(FaqRepo(db), messenger, clock=clock),
        appeals=AppealService(
            AppealRepo(db), school_repo, messenger, config=config.confidential, clock=clock
        ),
        away=away,
        quiet=QuietService(chat_repo, away, policy=quiet_policy, clock=clock),
        official=OfficialMarks(messenger),
        join_digest=digest,
        rights_watch=RightsWatch(chat_repo, chats, messenger),
        held=held,
        chat_setup=ChatSetupService(
            ChatSetupRepo(db),
            chat_repo,
            chats,
            school_repo,
            school,
            messenger,
            held,
            planner,
            community=community,
            templates=config.chats.titles.templates(),
            school_name=config.school.name,
            request_timeout=config.vk.request_timeout,
            tz=config.school.tz,
            clock=clock,
        ),
        dm_menu=DmMenuService(
            school_repo,
            messenger,
            held,
            notify,
            school_name=config.school.name,
            fix_link=fix_link,
            has_psychologist=config.confidential.psychologist is not None,
            tz=config.school.tz,
            clock=clock,
        ),
        invite_owners=InviteOwners(
            invite_repo, chat_repo, school_repo, chats, messenger, clock=clock
        ),
        class_links=ClassLinkService(
            ClassLinkRepo(db),
            chat_repo,
            school_repo,
            invite_repo,
            chats,
            messenger,
            replies,
            screen_name=community.screen_name,
            valid_days=config.chats.invite_days,
            clock=clock,
        ),
    )


async def _admin_names(messenger: Messenger, admins: list[int]) -> dict[int, str]:
    try:
        names = await messenger.user_names(list(admins))
    except MessengerError as error:
        log.warning("could not read the administrators' names: %s", error)
        names = {}
    return {vk_id: names.get(vk_id, texts.UNNAMED_ADMIN.format(id=vk_id)) for vk_id in admins}
