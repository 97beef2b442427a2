"""A whole school world on loopback: the VK sandbox, the real bot, and people who talk.

The demo plays its scenes in it, and the end-to-end tests drive the bot through it the same way.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.app import App
from bot.config import Config
from bot.sandbox_mode import SANDBOX_TOKEN, embedded_config, start_sandbox_for
from bot.services.container import utc_now
from vksandbox import Sandbox, SandboxClient

REPLY_TIMEOUT = 5.0


@dataclass(frozen=True)
class Person:
    id: int
    name: str


@dataclass
class World:
    sandbox: Sandbox
    control: SandboxClient
    app: App
    config: Config
    clock: Callable[[], datetime] = utc_now
    people: dict[int, Person] = field(default_factory=dict)

    async def person(
        self,
        first: str,
        last: str,
        *,
        user_id: int | None = None,
        screen_name: str | None = None,
        note: str = "",
    ) -> Person:
        """A new person; `note` is who they play, shown on the sandbox's page only."""
        uid = await self.control.create_user(
            first, last, user_id=user_id, screen_name=screen_name, note=note
        )
        who = Person(uid, f"{first} {last}")
        self.people[uid] = who
        return who

    async def mark(self) -> int:
        """The sequence number of the bot's last VK call so far."""
        actions = await self.control.actions(since=0)
        return actions[-1]["seq"] if actions else 0

    async def dm(self, who: Person, text: str, **extra: Any) -> list[str]:
        """`who` writes to the community; returns what the bot answered there."""
        since = await self.mark()
        await self.control.write_dm(who.id, text, **extra)
        return await self.replies(who.id, since)

    async def say(self, who: Person, peer_id: int, text: str, **extra: Any) -> list[str]:
        since = await self.mark()
        await self.control.write_chat(who.id, peer_id, text, **extra)
        return await self.replies(peer_id, since)

    async def replies(self, peer_id: int, since: int, *, count: int = 1) -> list[str]:
        """Waits for `count` messages the bot sends to `peer_id` after `since`."""
        texts: list[str] = []
        while len(texts) < count:
            action = await self.control.wait_action(
                "messages.send", since=since, timeout=REPLY_TIMEOUT, peer_ids=str(peer_id)
            )
            since = action["seq"]
            if "error" not in action:  # a refused send never reached the person
                texts.append(action["params"].get("message", ""))
        return texts

    async def reply_starting(self, peer_id: int, since: int, starts: str | tuple[str, ...]) -> str:
        """The bot's next message to `peer_id` after `since` that starts with `starts` (others may
        arrive in between: alerts, scheduled reports)."""
        while True:
            action = await self.control.wait_action(
                "messages.send", since=since, timeout=REPLY_TIMEOUT, peer_ids=str(peer_id)
            )
            since = action["seq"]
            text = action["params"].get("message", "")
            if "error" not in action and text.startswith(starts):
                return text

    async def advance(self, **delta: float) -> None:
        """Moves the bot's clock on and lets the scheduler run whatever became due."""
        clock = self.clock
        if not isinstance(clock, ManualClock):
            raise RuntimeError("this world runs on the system clock")
        clock.advance(**delta)
        self.app.scheduler.wakeup()
        await asyncio.sleep(0.05)  # the due jobs start as tasks on this loop

    async def restart(self, **downtime: float) -> None:
        """Stops the bot, lets `downtime` pass on its clock, and starts it on the same database."""
        await self.app.stop()
        if downtime:
            if not isinstance(self.clock, ManualClock):
                raise RuntimeError("this world runs on the system clock")
            self.clock.advance(**downtime)
        self.app = await App.create(self.config, token=SANDBOX_TOKEN, clock=self.clock)
        await self.app.start()

    async def quiet(self, since: int, seconds: float = 0.3) -> list[dict]:
        """What the bot did after `since`, once it has had a moment to act."""
        await asyncio.sleep(seconds)
        return await self.control.actions(since=since)


def a_school_morning(now: datetime | None = None) -> datetime:
    """The next Tuesday, 10:00 Moscow time (the sandbox school's zone).

    The tests and the demo start their clock here, on an ordinary school morning, so that what
    they show never depends on when they run: quiet hours (evenings, weekends) change replies."""
    local = (now or utc_now()).astimezone(ZoneInfo("Europe/Moscow"))
    days = (1 - local.weekday()) % 7 or 7
    return (local + timedelta(days=days)).replace(hour=10, minute=0, second=0, microsecond=0)


class SchoolMorningClock:
    """Real time that flows on from a school morning: seconds pass, the hour of day is fixed."""

    def __init__(self, start: datetime | None = None) -> None:
        self._offset = (start or a_school_morning()) - utc_now()

    def __call__(self) -> datetime:
        return utc_now() + self._offset


class ManualClock:
    """A clock the tests and the demo move by hand: time passes only when told to."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or utc_now()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@asynccontextmanager
async def running_world(
    data_dir: Path,
    *,
    config: Config | None = None,
    clock: Callable[[], datetime] | None = None,
) -> AsyncIterator[World]:
    config = config or embedded_config(data_dir / "schoolbot.sqlite3")
    clock = clock or SchoolMorningClock()
    sandbox, config = await start_sandbox_for(config)
    try:
        control = SandboxClient(sandbox.url)
        try:
            app = await App.create(config, token=SANDBOX_TOKEN, clock=clock)
            await app.start()
            if app.callback_url:
                # As a school's admin does in the community's settings: VK learns the address.
                secret = config.vk.callback.secret
                await control.add_callback_server(
                    app.callback_url, secret=secret.get_secret_value() if secret else ""
                )
            world = World(sandbox, control, app, config, clock)
            try:
                for number, admin_id in enumerate(config.school.admins, start=1):
                    world.people[admin_id] = Person(admin_id, f"Администратор {number}")
                yield world
            finally:
                await world.app.stop()  # the app the world runs now (a test may restart it)
        finally:
            await control.close()
    finally:
        await sandbox.stop()
