"""Bulk VK work through `execute`: up to 25 calls in one request, one result per call.

Put only calls that are safe to repeat in a batch (reads, sends with a `random_id`, deletes):
when the answer to an `execute` is lost the whole request is retried. A call that fails inside
the script comes back as `false` plus an entry in `execute_errors`; it is mapped to the
messenger port's error for that call alone, so one unreachable parent does not fail the rest.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from vkbottle.exception_factory import VKAPIError

from bot.services.ports import MessengerError
from bot.vk.api import GatewayAPI
from bot.vk.errors import to_messenger_error

MAX_CALLS = 25  # VK's limit of API calls in one execute


@dataclass(frozen=True)
class Call:
    method: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CallResult:
    call: Call
    value: Any = None
    error: MessengerError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def vkscript(calls: Sequence[Call]) -> str:
    """`return [API.a.b({...}), ...];` — JSON literals are valid VKScript."""
    if not 0 < len(calls) <= MAX_CALLS:
        raise ValueError(f"an execute takes 1..{MAX_CALLS} calls, got {len(calls)}")
    items = [f"API.{call.method}({json.dumps(call.params, ensure_ascii=False)})" for call in calls]
    return "return [" + ",".join(items) + "];"


def chunks(calls: Sequence[Call], size: int = MAX_CALLS) -> list[Sequence[Call]]:
    return [calls[start : start + size] for start in range(0, len(calls), size)]


def match_results(
    calls: Sequence[Call], values: list[Any], errors: list[dict[str, Any]]
) -> list[CallResult]:
    """Pairs each call with its value; a `false` takes the next error reported for its method."""
    pending = list(errors)
    results = []
    for call, value in zip(calls, values, strict=True):
        if value is False:
            index = next(
                (i for i, error in enumerate(pending) if error.get("method") == call.method), None
            )
            if index is not None:
                error = pending.pop(index)
                vk_error = VKAPIError[int(error.get("error_code", 0))](
                    error_msg=str(error.get("error_msg", ""))
                )
                results.append(CallResult(call, error=to_messenger_error(vk_error, call.method)))
                continue
        results.append(CallResult(call, value=value))
    return results


class Batcher:
    def __init__(self, api: GatewayAPI) -> None:
        self._api = api

    async def run(self, calls: Sequence[Call]) -> list[CallResult]:
        """Every call's result, in order; chunks of 25 go one after another (the limiter
        paces them like any other request)."""
        results: list[CallResult] = []
        for chunk in chunks(calls):
            try:
                answer = await self._api.request("execute", {"code": vkscript(chunk)})
            except VKAPIError as error:
                failure = to_messenger_error(error, "execute")
                results.extend(CallResult(call, error=failure) for call in chunk)
                continue
            values = answer.get("response")
            if not isinstance(values, list) or len(values) != len(chunk):
                raise MessengerError(0, f"execute answered {values!r:.80}", "execute")
            results.extend(match_results(chunk, values, answer.get("execute_errors") or []))
        return results
