"""Bots Long Poll: {server}?act=a_check&key=&ts=&wait= with VK's `failed` codes."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from aiohttp import web

from .api import drop_connection, proxy_error, read_params
from .faults import LONGPOLL
from .jsonutil import json_response

if TYPE_CHECKING:
    from .server import Sandbox

MAX_WAIT = 90


async def handle_longpoll(sb: Sandbox, request: web.Request) -> web.Response:
    raw = await read_params(request)
    log = sb.world.events
    status = sb.faults.take_http_status(LONGPOLL)
    if status is not None:
        return proxy_error(status)
    if sb.faults.take_drop(LONGPOLL):
        return drop_connection(request)
    delay = sb.faults.take_latency(LONGPOLL)
    if delay:
        await asyncio.sleep(delay)
    injected = sb.faults.take_longpoll_failed()
    if injected == 1:
        return json_response({"failed": 1, "ts": str(log.next_ts)})
    if injected is not None:
        return json_response({"failed": injected})
    if raw.get("act") != "a_check" or request.match_info["group_id"] != str(sb.world.group_id):
        return json_response({"failed": 2})
    if raw.get("key") not in sb.world.lp_keys:
        return json_response({"failed": 2})
    try:
        ts = int(raw.get("ts", ""))
    except ValueError:
        return json_response({"failed": 1, "ts": str(log.next_ts)})
    # ts older than the kept history, or from the future: the client must resync.
    if not log.is_valid_ts(ts):
        return json_response({"failed": 1, "ts": str(log.next_ts)})
    try:
        wait = max(0, min(int(raw.get("wait", "25")), MAX_WAIT))
    except ValueError:
        wait = 25
    await log.wait_beyond(ts, wait)
    if not log.is_valid_ts(ts):
        return json_response({"failed": 1, "ts": str(log.next_ts)})
    updates = log.since(ts)
    return json_response({"ts": str(ts + len(updates)), "updates": updates})
