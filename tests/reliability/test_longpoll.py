"""The durable long poll against the sandbox: nothing in hand is skipped by a crash, nothing
finished is handled twice, and every `failed` answer and network fault is survived."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable

import pytest

from bot.vk.longpoll import DurableLongPoll
from bot.vk.polling import PersistentPolling
from tests.reliability.conftest import make_api

pytestmark = pytest.mark.reliability


class Listener:
    """A running long poll whose handler records each update's text and may hold it."""

    def __init__(self, sandbox, state_dir, hold: asyncio.Event | None = None) -> None:
        self.api = make_api(sandbox)
        self.polling = PersistentPolling(self.api, group_id=1, wait=1, state_dir=state_dir)
        self.hold = hold
        self.texts: list[str] = []
        self.event_ids: list[str] = []
        self.poll = DurableLongPoll(self.polling, self._handle)
        self.task: asyncio.Task | None = None

    async def _handle(self, update: dict) -> None:
        self.texts.append(update["object"].get("message", {}).get("text", ""))
        self.event_ids.append(update["event_id"])
        if self.hold is not None:
            await self.hold.wait()

    async def __aenter__(self) -> Listener:
        self.task = asyncio.create_task(self.poll.run())
        await self.poll.ready.wait()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.crash()

    async def crash(self, drain: float = 0.0) -> None:
        """Stops as a killed process would: whatever is still running is abandoned."""
        self.poll.stop()
        assert self.task is not None
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)
        await self.poll.drain(drain)
        await self.api.close()

    async def until(self, count: int) -> None:
        await until(lambda: len(self.texts) >= count)


async def until(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("the condition never came true")
        await asyncio.sleep(0.01)


async def test_a_crash_mid_handling_reads_the_event_again(sandbox, control, tmp_path):
    user = await control.create_user("Анна", "Петрова")
    async with Listener(sandbox, tmp_path, hold=asyncio.Event()) as first:
        await control.write_dm(user, "раз")
        await first.until(1)
    # The handler never finished: the saved place is still before the message.
    async with Listener(sandbox, tmp_path) as second:
        await second.until(1)
        assert second.texts == ["раз"]
        assert second.event_ids == first.event_ids  # the very same event, read again


async def test_finished_events_are_not_read_again(sandbox, control, tmp_path):
    user = await control.create_user("Анна", "Петрова")
    async with Listener(sandbox, tmp_path) as first:
        for text in ("раз", "два"):
            await control.write_dm(user, text)
        await first.until(2)
        await until(lambda: first.polling.ts_state_path.exists())
    await control.write_dm(user, "три")  # while the bot is down
    async with Listener(sandbox, tmp_path) as second:
        await second.until(1)
        await asyncio.sleep(0.2)
        assert second.texts == ["три"]


async def test_a_slow_handler_holds_the_saved_place_for_later_batches(sandbox, control, tmp_path):
    user = await control.create_user("Анна", "Петрова")
    hold = asyncio.Event()
    listener = Listener(sandbox, tmp_path, hold=hold)
    async with listener:
        await control.write_dm(user, "долгий")
        await listener.until(1)
        listener.hold = None  # later messages finish at once
        await control.write_dm(user, "быстрый")
        await listener.until(2)
        await asyncio.sleep(0.2)
        held = _saved_ts(listener.polling)
        hold.set()
        await until(lambda: _saved_ts(listener.polling) != held)
    # While the first message was in hand, the place stayed before it although the second
    # one was done: a crash then would have read both again (the second is skipped by the
    # ledger of handled events, see test_ledger).
    assert held is None or int(held) <= 1


def _saved_ts(polling: PersistentPolling) -> str | None:
    try:
        return json.loads(polling.ts_state_path.read_text())["ts"]
    except FileNotFoundError:
        return None


FAULTS: list[tuple[str, Callable[..., Awaitable[None]]]] = [
    ("failed 1", lambda c: c.inject_longpoll_failed(1)),
    ("failed 2", lambda c: c.inject_longpoll_failed(2)),
    ("failed 3", lambda c: c.inject_longpoll_failed(3)),
    ("dropped connection", lambda c: c.inject_drop("longpoll", count=2)),
    ("HTTP 502 on the poll", lambda c: c.inject_http_status(502, method="longpoll")),
    ("HTTP 500 on the poll", lambda c: c.inject_http_status(500, method="longpoll", count=2)),
]


@pytest.mark.parametrize(("name", "inject"), FAULTS, ids=[name for name, _ in FAULTS])
async def test_the_poll_survives(sandbox, control, tmp_path, name, inject):
    user = await control.create_user("Анна", "Петрова")
    async with Listener(sandbox, tmp_path) as listener:
        await control.write_dm(user, "до")
        await listener.until(1)
        await inject(control)
        await control.write_dm(user, "во время")
        await listener.until(2)
        await control.write_dm(user, "после")
        await listener.until(3)
    assert listener.texts == ["до", "во время", "после"]
