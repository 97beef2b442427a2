"""Worlds the sandbox can be filled with from its page: whoever embeds it registers them.

The sandbox knows nothing of what a loader does (the bot's side fills it with a demo school by
playing people through the control API); it runs one at a time and says how it went.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from .errors import SandboxError

log = logging.getLogger(__name__)

# A loader returns what to tell the person who pressed its button (or None).
Load = Callable[[], Awaitable[str | None]]

IDLE, RUNNING, DONE, FAILED = "idle", "running", "done", "failed"


@dataclass
class Loader:
    name: str
    title: str
    load: Load
    state: str = IDLE
    message: str = ""


class Loaders:
    def __init__(self, on_change: Callable[[], None]) -> None:
        self._loaders: dict[str, Loader] = {}
        self._tasks: set[asyncio.Task] = set()
        self._on_change = on_change

    def add(self, name: str, title: str, load: Load) -> None:
        self._loaders[name] = Loader(name, title, load)
        self._on_change()

    def list(self) -> list[dict[str, str]]:
        return [
            {"name": x.name, "title": x.title, "state": x.state, "message": x.message}
            for x in self._loaders.values()
        ]

    def start(self, name: str) -> None:
        loader = self._loaders.get(name)
        if loader is None:
            raise SandboxError(f"no loader {name!r}; known: {sorted(self._loaders)}")
        if any(x.state == RUNNING for x in self._loaders.values()):
            raise SandboxError("a loader is already running")
        loader.state, loader.message = RUNNING, ""
        self._on_change()
        task = asyncio.create_task(self._run(loader), name=f"sandbox-loader-{name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, loader: Loader) -> None:
        try:
            message = await loader.load()
        except asyncio.CancelledError:
            loader.state = FAILED
            raise
        except Exception as error:  # a loader's failure is shown on the page, not lost
            log.warning("sandbox loader %s failed", loader.name, exc_info=error)
            loader.state, loader.message = FAILED, str(error) or type(error).__name__
        else:
            loader.state, loader.message = DONE, message or ""
        finally:
            self._on_change()

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
