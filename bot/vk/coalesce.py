"""Calls that pile up behind VK's rate limit go out together, up to 25 in one `execute`.

At a burst (a raid: hundreds of messages to delete, their authors to warn and restrict) the
bot's calls wait for the limiter anyway; while one request is on its way, the calls made
meanwhile are gathered and the next request carries up to 25 of them. With no queue a call goes
out at once, by itself, as before: nothing waits for a batch to fill.

Only calls that are safe to repeat are gathered (sends carry a `random_id`, deletions and
restrictions are idempotent): a lost answer to an `execute` repeats the whole request.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from vkbottle.exception_factory import VKAPIError

from bot.services.ports import MessengerError
from bot.vk.batch import MAX_CALLS, Call, match_results, vkscript
from bot.vk.errors import to_messenger_error

log = logging.getLogger(__name__)

GATHERED = frozenset(
    {"messages.send", "messages.delete", "messages.changeConversationMemberRestrictions"}
)
# Requests on their way at once: enough to keep the limiter busy when VK answers slowly.
IN_FLIGHT = 4
MAX_SCRIPT_CHARS = 60_000

Request = Callable[[str, dict[str, Any]], Awaitable[dict[str, Any]]]


class Coalescer:
    def __init__(self, request: Request, *, in_flight: int = IN_FLIGHT) -> None:
        self._request = request
        self._in_flight = in_flight
        self._queue: deque[tuple[Call, asyncio.Future[Any]]] = deque()
        self._running: set[asyncio.Task] = set()

    async def call(self, method: str, params: dict[str, Any]) -> Any:
        """The method's `response`; a MessengerError when VK refuses this call."""
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._queue.append((Call(method, params), future))
        self._start()
        return await future

    def _start(self) -> None:
        while self._queue and len(self._running) < self._in_flight:
            task = asyncio.create_task(self._send(self._take()), name="vk-call")
            self._running.add(task)
            task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task) -> None:
        self._running.discard(task)
        self._start()

    def _take(self) -> list[tuple[Call, asyncio.Future[Any]]]:
        taken = [self._queue.popleft()]
        size = len(vkscript([taken[0][0]]))
        while self._queue and len(taken) < MAX_CALLS:
            size += len(vkscript([self._queue[0][0]]))
            if size > MAX_SCRIPT_CHARS:
                break
            taken.append(self._queue.popleft())
        return taken

    async def _send(self, taken: list[tuple[Call, asyncio.Future[Any]]]) -> None:
        try:
            if len(taken) == 1:
                await self._one(*taken[0])
            else:
                await self._many(taken)
        except BaseException as error:  # the callers must hear of anything that went wrong
            for _, future in taken:
                if not future.done():
                    future.set_exception(error)
            if not isinstance(error, Exception):
                raise

    async def _one(self, call: Call, future: asyncio.Future[Any]) -> None:
        try:
            answer = await self._request(call.method, call.params)
        except VKAPIError as error:
            _settle(future, error=to_messenger_error(error, call.method))
            return
        _settle(future, value=answer["response"])

    async def _many(self, taken: list[tuple[Call, asyncio.Future[Any]]]) -> None:
        calls = [call for call, _ in taken]
        try:
            answer = await self._request("execute", {"code": vkscript(calls)})
        except VKAPIError as error:
            failure = to_messenger_error(error, "execute")
            for _, future in taken:
                _settle(future, error=failure)
            return
        values = answer.get("response")
        if not isinstance(values, list) or len(values) != len(calls):
            raise MessengerError(0, f"execute answered {values!r:.80}", "execute")
        results = match_results(calls, values, answer.get("execute_errors") or [])
        for (_, future), result in zip(taken, results, strict=True):
            _settle(future, value=result.value, error=result.error)


def _settle(future: asyncio.Future[Any], *, value: Any = None, error: BaseException | None = None):
    if future.done():  # the caller was cancelled meanwhile
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(value)
