"""Running the bot as a process: until SIGINT or SIGTERM, then a clean stop."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
from contextlib import AsyncExitStack
from pathlib import Path

from bot.app import App, SelfCheckFailed
from bot.config import Config
from bot.sandbox_mode import (
    SANDBOX_TOKEN,
    forget_sandbox_school,
    offer_demo_school,
    sandbox_state_path,
    start_sandbox_for,
)
from bot.texts import core as texts
from bot.texts import sandbox as sandbox_texts
from vksandbox import Sandbox, SandboxClient
from vksandbox.persist import StateFileError

log = logging.getLogger(__name__)


async def serve(config: Config, *, sandbox_port: int = 0, fresh: bool = False) -> int:
    if fresh:
        if config.has_token:
            print(sandbox_texts.FRESH_NEEDS_SANDBOX)
            return 2
        removed = forget_sandbox_school(config)
        if removed:
            print(sandbox_texts.FRESH_DONE.format(files=", ".join(str(p) for p in removed)))
    async with AsyncExitStack() as stack:
        if config.has_token:
            token = config.vk.token.get_secret_value()  # type: ignore[union-attr]
        else:
            had_db = config.storage.path.exists()
            state = sandbox_state_path(config)
            try:
                sandbox, config = await start_sandbox_for(
                    config, port=sandbox_port, with_example=True, state_path=state
                )
            except StateFileError as error:
                print(sandbox_texts.BROKEN_STATE.format(path=state, error=error))
                return 2
            stack.push_async_callback(sandbox.stop)
            token = SANDBOX_TOKEN
        try:
            app = await App.create(config, token=token)
        except SelfCheckFailed as problem:
            print(problem)
            return 2
        # Signals are caught from before the start: a SIGTERM while starting still stops cleanly.
        stop = _stop_on_signals()
        await app.start()
        if not config.has_token and app.callback_url:
            # As a school's admin does in the community's settings: VK is told the bot's address.
            await _register_callback(sandbox.url, app.callback_url, config)
        settle_memory()
        if config.has_token:
            print(texts.RUN_VK.format(school=config.school.name, group_id=config.vk.group_id))
        else:
            control = SandboxClient(sandbox.url)
            stack.push_async_callback(control.close)
            offer_demo_school(sandbox, control, app, config)
            _sandbox_banner(sandbox, config, state, had_db=had_db)
            print(texts.RUN_SANDBOX_EXAMPLE)
        if app.callback_url:
            print(texts.RUN_CALLBACK.format(url=app.callback_url))
        if app.health_url:
            print(texts.RUN_HEALTH.format(url=app.health_url))
        await _wait_for_stop(app, stop)
        await app.stop()
        print(texts.STOPPED)
    return 0


def _sandbox_banner(sandbox: Sandbox, config: Config, state: Path, *, had_db: bool) -> None:
    kept = sandbox_texts.KEPT.format(path=state)
    if sandbox.restored:
        world = sandbox.world
        kept += sandbox_texts.RESTORED.format(users=len(world.users), chats=len(world.chats))
    elif had_db:
        kept += sandbox_texts.DB_WITHOUT_WORLD.format(db=config.storage.path)
    print(
        texts.RUN_SANDBOX.format(
            url=sandbox.url, token=SANDBOX_TOKEN, db=config.storage.path, kept=kept
        )
    )


async def _register_callback(sandbox_url: str, callback_url: str, config: Config) -> None:
    from vksandbox import SandboxClient

    secret = config.vk.callback.secret
    async with SandboxClient(sandbox_url) as client:
        answer = await client.add_callback_server(
            callback_url, secret=secret.get_secret_value() if secret else ""
        )
    if answer["status"] != "ok":
        log.error("the sandbox could not confirm the callback address: %s", answer["answer"])


def settle_memory() -> None:
    """After start-up: the modules, schemas and the school's data loaded so far live as long as
    the process. Frozen, the garbage collector stops walking them again and again (a full
    collection walked ~1M objects; see docs/performance.md)."""
    gc.collect()
    gc.freeze()


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    return stop


async def _wait_for_stop(app: App, stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    stopper = asyncio.create_task(stop.wait())
    watched = {stopper}
    if app.polling_task is not None:
        watched.add(app.polling_task)
    await asyncio.wait(watched, return_when=asyncio.FIRST_COMPLETED)
    stopper.cancel()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.remove_signal_handler(signum)


def default_db_path() -> Path:
    return Path("data") / "schoolbot.sqlite3"
