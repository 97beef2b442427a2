"""The Sandbox: one community, its HTTP server on loopback and its control surface."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .actions import ActionLog, RateLimiter
from .api import Dispatcher
from .control import Control
from .documents import UPLOAD_MAX_BYTES
from .faults import Faults
from .longpoll import handle_longpoll
from .state import DEFAULT_CHATS_PER_DAY, World
from .upload_server import handle_photo_upload, handle_upload


class Sandbox:
    def __init__(
        self,
        group_id: int = 1,
        screen_name: str = "school1",
        group_name: str = "Школа №1",
        token: str = "sandbox-token",
        rps_limit: int = 20,
        *,
        message_event_ttl: float = 60.0,
        event_history: int = 10000,
        upload_max_bytes: int = UPLOAD_MAX_BYTES,
        chats_per_day: int | None = DEFAULT_CHATS_PER_DAY,
    ) -> None:
        self.token = token
        self.world = World(group_id, screen_name, group_name, event_history=event_history)
        self.world.message_event_ttl = message_event_ttl
        self.world.uploads.max_bytes = upload_max_bytes
        self.world.chat_quota.per_day = chats_per_day
        self.faults = Faults()
        self.actions = ActionLog()
        self.limiter = RateLimiter(rps_limit)
        self._dispatcher = Dispatcher(self)
        self._control = Control(self)
        self._runner: web.AppRunner | None = None
        self.url = ""

    @property
    def group_id(self) -> int:
        return self.world.group_id

    @property
    def api_url(self) -> str:
        return self.url + "/method/"

    def build_app(self) -> web.Application:
        app = web.Application(client_max_size=32 * 1024 * 1024)
        for verb in ("GET", "POST"):
            app.router.add_route(verb, "/method/{name}", self._dispatcher.handle)
            app.router.add_route(verb, "/lp/{group_id}", self._longpoll)
        app.router.add_post("/_upload/doc/{token}", self._upload)
        app.router.add_post("/_upload/photo/{token}", self._upload_photo)
        self._control.register(app.router)
        return app

    async def _longpoll(self, request: web.Request) -> web.Response:
        return await handle_longpoll(self, request)

    async def _upload(self, request: web.Request) -> web.Response:
        return await handle_upload(self, request)

    async def _upload_photo(self, request: web.Request) -> web.Response:
        return await handle_photo_upload(self, request)

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._runner = web.AppRunner(self.build_app(), access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound_port = self._runner.addresses[0][1]
        self.url = f"http://{host}:{bound_port}"
        self.world.base_url = self.url

    async def stop(self) -> None:
        self.world.events.close()
        await self.world.callback_api.close()
        self.actions.wake()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Sandbox:
        await self.start()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.stop()
