"""The Sandbox: one community, its HTTP server on loopback and its control surface."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from aiohttp import web

from .actions import ActionLog, RateLimiter
from .api import Dispatcher
from .control import Control
from .documents import UPLOAD_MAX_BYTES
from .faults import Faults
from .live import ChangeFeed
from .loaders import Load, Loaders
from .longpoll import handle_longpoll
from .page import Page
from .persist import load, restore, save, snapshot
from .state import DEFAULT_CHATS_PER_DAY, World
from .upload_server import handle_photo_upload, handle_upload

log = logging.getLogger(__name__)

# How long after a change the world is written to its state file: a burst of changes (a roster
# import, the demo school) is written once, and a crash loses at most this much.
AUTOSAVE_SECONDS = 1.0


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
        state_path: Path | str | None = None,
        chats_per_day: int | None = DEFAULT_CHATS_PER_DAY,
    ) -> None:
        self.token = token
        self.world = World(group_id, screen_name, group_name, event_history=event_history)
        self.world.message_event_ttl = message_event_ttl
        self.world.uploads.max_bytes = upload_max_bytes
        self.world.chat_quota.per_day = chats_per_day
        self.faults = Faults()
        self.changes = ChangeFeed()
        self.actions = ActionLog(on_add=self.changes.bump)
        self.limiter = RateLimiter(rps_limit)
        self.loaders = Loaders(self.changes.bump)
        # The world is kept in this file (loaded at start, written after changes and at stop).
        self.state_path = Path(state_path) if state_path is not None else None
        self.restored = False
        self._persisting = False  # only once the saved world was read: never overwrite it unread
        self._dispatcher = Dispatcher(self)
        self._control = Control(self)
        self._page = Page(self)
        self._runner: web.AppRunner | None = None
        self._autosave: asyncio.Task | None = None
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
        self._page.register(app.router)
        self._control.register(app.router)
        return app

    def add_loader(self, name: str, title: str, load: Load) -> None:
        """A button on the page that fills the sandbox (`load` plays people through the control
        API and returns what to tell the person who pressed it)."""
        self.loaders.add(name, title, load)

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
        if self.state_path is not None:
            try:
                saved = load(self.state_path)
                if saved is not None:
                    restore(self.world, saved)
                    self.restored = True
            except BaseException:
                await self._runner.cleanup()
                self._runner = None
                raise
            self._persisting = True
            self._autosave = asyncio.create_task(self._keep_saved(), name="sandbox-autosave")

    def save(self) -> None:
        """Write the world to its state file now (no-op without one)."""
        if self.state_path is not None and self._persisting:
            save(self.state_path, snapshot(self.world))

    async def _keep_saved(self) -> None:
        seen = self.changes.version
        while not self.changes.closed:
            version = await self.changes.wait_beyond(seen, 3600.0)
            if version == seen:
                continue
            await asyncio.sleep(AUTOSAVE_SECONDS)
            seen = self.changes.version
            data = snapshot(self.world)
            try:
                await asyncio.to_thread(save, self.state_path, data)
            except OSError as error:  # the next change (or the stop) tries again
                log.warning(
                    "the sandbox world could not be saved to %s: %s", self.state_path, error
                )

    async def stop(self) -> None:
        await self.loaders.stop()
        self.world.events.close()
        self.changes.close()
        await self.world.callback_api.close()
        self.actions.wake()
        if self._autosave is not None:
            self._autosave.cancel()
            await asyncio.gather(self._autosave, return_exceptions=True)
            self._autosave = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._persisting:
            try:
                self.save()
            except OSError as error:
                log.warning(
                    "the sandbox world could not be saved to %s: %s", self.state_path, error
                )

    async def __aenter__(self) -> Sandbox:
        await self.start()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.stop()
