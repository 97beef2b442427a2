"""The composition root: opens storage, builds the VK gateway, services, bot and scheduler,
and starts and stops them in one place."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from vkbottle import Bot
from vkbottle.exception_factory import ErrorHandler

from bot.config import Config
from bot.handlers import build_labeler
from bot.handlers.dispatch import plan_handlers
from bot.handlers.middleware import context_middleware
from bot.intake.inbox import DurableInbox
from bot.intake.sealed import Sealer
from bot.jobs import register_jobs
from bot.ops.health import HealthMonitor
from bot.scheduling import make_scheduler
from bot.services.container import Services, build_services, utc_now
from bot.services.ledger import EventLedger
from bot.services.selfcheck import SelfCheckFailed, self_check
from bot.storage.db import Database
from bot.storage.event_repo import ProcessedEventRepo
from bot.storage.inbox_repo import InboxRepo
from bot.vk.api import GatewayAPI
from bot.vk.callback import CallbackEndpoint, CallbackGroup
from bot.vk.gateway import VkGateway
from bot.vk.longpoll import DurableLongPoll
from bot.vk.polling import PersistentPolling

log = logging.getLogger(__name__)

# SIGTERM must end the process within a few seconds; what is cut short is read again at start.
DRAIN_SECONDS = 5.0


@dataclass
class LongPollCounts:
    """What /health says of the long poll: events taken and how they ended."""

    poll: DurableLongPoll | None = None
    kind: str = "longpoll"
    received: int = 0
    repeats: int = 0
    handled: int = 0
    failed: int = 0
    last_received: datetime | None = None

    async def pending(self) -> int:
        return len(self.poll.inflight) if self.poll is not None else 0


@dataclass
class App:
    config: Config
    db: Database
    api: GatewayAPI
    services: Services
    bot: Bot
    scheduler: AsyncIOScheduler
    ledger: EventLedger
    clock: Callable[[], datetime] = utc_now
    sealer: Sealer | None = None
    confirmation: Callable[[], Awaitable[str]] | None = None
    poll: DurableLongPoll = field(init=False)
    inbox: DurableInbox | None = field(init=False, default=None)
    health: HealthMonitor = field(init=False)
    _counts: LongPollCounts = field(init=False)
    _consumer: asyncio.Task | None = None
    _pages: asyncio.Task | None = None
    _sites: list[web.AppRunner] = field(default_factory=list)
    callback_url: str | None = None
    endpoint: CallbackEndpoint | None = None
    health_url: str | None = None

    def __post_init__(self) -> None:
        self.poll = DurableLongPoll(self.bot.polling, self._handle)  # type: ignore[arg-type]
        self._counts = LongPollCounts(self.poll)
        if self.config.vk.intake == "callback" and self.sealer is not None:
            repo = InboxRepo(self.db)
            self.inbox = DurableInbox(
                repo, self.sealer, self._handle_stored, clock=self.clock,
                was_handled=self.ledger.was_handled,
            )  # fmt: skip
        self.health = HealthMonitor(
            school=str(self.config.vk.group_id),
            db=self.db,
            scheduler=self.scheduler,
            intake=self.inbox or self._counts,
            clock=self.clock,
        )

    @classmethod
    async def create(
        cls, config: Config, *, token: str, clock: Callable[[], datetime] = utc_now
    ) -> App:
        db = await Database.open(config.storage.path)
        api = GatewayAPI(
            token,
            api_url=config.vk.api_url,
            api_version=config.vk.api_version,
            requests_per_second=config.vk.requests_per_second,
            timeout=config.vk.request_timeout,
        )
        try:
            gateway = VkGateway(api, config.vk.group_id)
            community = await self_check(gateway, config)
            services = await build_services(config, db, gateway, community, clock=clock)
            bot = _build_bot(api, config, services)
        except BaseException:
            await api.close()
            await db.close()
            raise
        scheduler = make_scheduler(timezone=config.school.tz, clock=clock, system_clock=utc_now)
        register_jobs(scheduler, services)
        ledger = EventLedger(ProcessedEventRepo(db), clock=clock)
        fixed = config.vk.callback.confirmation

        async def confirmation() -> str:
            return fixed or await gateway.callback_confirmation()

        return cls(
            config, db, api, services, bot, scheduler, ledger, clock=clock,
            sealer=Sealer(token), confirmation=confirmation,
        )  # fmt: skip

    async def start(self) -> None:
        """Returns once the long poll is listening, so nothing said from then on is missed."""
        self.scheduler.start()
        await self.services.post_delivery.recover()
        await self.services.ack_reminders.recover()
        await self.services.join_digest.recover()
        await self.services.rights_watch.load()
        await self.services.held.load()
        await self.services.chat_setup.recover()
        self.health.start()
        if self.inbox is not None:
            await self.inbox.recover()
            self.callback_url = await self._serve_callback()
        else:
            await self._start_long_poll()
        if self.config.health.port:
            self.health_url = await self._serve(
                self.health.routes(), self.config.health.host, self.config.health.port
            )
        # Short names a roster kept while VK could not be asked (17.4): resolved now, aside.
        self._pages = asyncio.create_task(self._resolve_pages(), name="roster-pages")

    async def _start_long_poll(self) -> None:
        self._consumer = asyncio.create_task(self.poll.run(), name="long-poll")
        ready = asyncio.create_task(self.poll.ready.wait())
        await asyncio.wait({ready, self._consumer}, return_when=asyncio.FIRST_COMPLETED)
        if not ready.done():
            ready.cancel()
            await self._consumer  # it ended before listening: let its error surface

    async def _serve_callback(self) -> str:
        settings = self.config.vk.callback
        secret = settings.secret.get_secret_value() if settings.secret else None
        if not secret:
            log.warning("the Callback API has no secret key: anyone may post events to it")
        assert self.inbox is not None and self.confirmation is not None
        endpoint = CallbackEndpoint(
            self.inbox, [CallbackGroup(self.config.vk.group_id, secret, self.confirmation)]
        )
        self.endpoint = endpoint
        routes = [web.post(settings.path, endpoint.handle), *self.health.routes()]
        base = await self._serve(routes, settings.host, settings.port)
        return base + settings.path

    async def _serve(self, routes: list[web.RouteDef], host: str, port: int) -> str:
        app = web.Application(client_max_size=2 * 1024 * 1024)
        app.add_routes(routes)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        await web.TCPSite(runner, host, port).start()
        self._sites.append(runner)
        bound = runner.addresses[0][1]
        return f"http://{host}:{bound}"

    async def _handle_stored(self, update: dict) -> None:
        await self.ledger.once(update.get("event_id"), lambda: self.bot.process_event(update))

    async def _resolve_pages(self) -> None:
        try:
            await self.services.roster.resolve_pending()
        except Exception:
            log.exception("could not resolve the roster's VK pages")

    async def _handle(self, update: dict) -> None:
        counts = self._counts
        counts.received += 1
        counts.last_received = self.clock()
        try:
            await self.ledger.once(update.get("event_id"), lambda: self.bot.process_event(update))
        except Exception:
            counts.failed += 1
            raise
        counts.handled += 1

    async def stop(self, *, drain_seconds: float = DRAIN_SECONDS) -> None:
        """Stop taking new events, let in-flight handlers finish, then close everything."""
        self.poll.stop()
        if self.inbox is not None:
            self.inbox.stop()
        for runner in self._sites:
            await runner.cleanup()  # no new events from VK from here on
        self._sites.clear()
        if self._pages is not None:
            self._pages.cancel()
            await asyncio.gather(self._pages, return_exceptions=True)
        if self._consumer is not None:
            self._consumer.cancel()
            await asyncio.gather(self._consumer, return_exceptions=True)
        cut_short = await self.poll.drain(drain_seconds)
        if self.inbox is not None:
            cut_short += await self.inbox.drain(drain_seconds)
        if cut_short:
            log.warning(
                "%d events were cut short; they are handled after the next start", cut_short
            )
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        await self.health.close()
        await self.services.moderation.close()
        await self.services.join_digest.close()
        await self.services.rights_watch.close()
        await self.services.chat_setup.close()
        await self.services.held.close()
        await self.ledger.close()
        await self.services.stats.flush()
        await self.api.close()
        await self.db.close()

    @property
    def polling_task(self) -> asyncio.Task | None:
        return self._consumer


def _build_bot(api: GatewayAPI, config: Config, services: Services) -> Bot:
    polling = PersistentPolling(
        api,
        group_id=config.vk.group_id,
        wait=config.vk.long_poll_wait,
        state_dir=config.storage.path.parent,
    )
    errors = ErrorHandler()

    @errors.register_undefined_error_handler
    async def _log_error(error: Exception) -> None:
        log.error("handler failed: %s", error, exc_info=error)

    bot = Bot(api=api, polling=polling, error_handler=errors, skip_old_events=False)
    bot.labeler.load(build_labeler(services))
    plan_handlers(bot.labeler.message_view.handlers)
    bot.labeler.message_view.register_middleware(context_middleware(services))
    return bot


__all__ = ["App", "SelfCheckFailed"]
