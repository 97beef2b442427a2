"""POST/GET /method/<name>: auth, rate limit, faults, dispatch and the VK envelope."""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import execute as vkscript
from . import (
    methods_chats,
    methods_docs,
    methods_messages,
    methods_other,
    methods_photos,
    methods_send,
)
from .errors import VKError
from .jsonutil import json_response
from .params import Params, flatten

if TYPE_CHECKING:
    from .server import Sandbox

Handler = Callable[..., Any]
METHODS: dict[str, Handler] = {
    **methods_send.METHODS,
    **methods_messages.METHODS,
    **methods_chats.METHODS,
    **methods_other.METHODS,
    **methods_docs.METHODS,
    **methods_photos.METHODS,
}


async def read_params(request: web.Request) -> dict[str, str]:
    raw = {k: v for k, v in request.query.items()}
    if request.method == "POST" and request.can_read_body:
        form = await request.post()
        raw.update({k: v for k, v in form.items() if isinstance(v, str)})
    return raw


def proxy_error(status: int) -> web.Response:
    """What nginx in front of VK answers on a bad day: an HTML page, not the JSON envelope."""
    reason = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
              504: "Gateway Time-out"}.get(status, "Error")
    page = f"<html><head><title>{status} {reason}</title></head><body>{reason}</body></html>"
    return web.Response(status=status, text=page, content_type="text/html")


def drop_connection(request: web.Request) -> web.Response:
    """Close the socket without writing a response, like a proxy dying mid-request.

    The returned response is never written: aiohttp drops writes to an aborted transport.
    """
    if request.transport is not None:
        request.transport.abort()
    return web.Response(status=499)


class Dispatcher:
    def __init__(self, sandbox: Sandbox) -> None:
        self.sb = sandbox

    async def handle(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        status = self.sb.faults.take_http_status(name)
        if status is not None:
            return proxy_error(status)
        raw = await read_params(request)
        token = raw.pop("access_token", None)
        auth = request.headers.get("Authorization", "")
        if token is None and auth.startswith("Bearer "):
            token = auth[len("Bearer "):]
        raw.pop("v", None)
        body = await self._call(name, raw, token)
        if body is None:
            return drop_connection(request)
        return json_response(body)

    async def _call(self, name: str, raw: dict[str, str],
                    token: str | None) -> dict[str, Any] | None:
        """The response body, or None when the connection must be dropped."""
        sb = self.sb
        if token is None or not hmac.compare_digest(token, sb.token):
            return self._fail(name, raw, VKError(5))
        if not sb.limiter.hit():
            return self._fail(name, raw, VKError(6))
        drop = sb.faults.take_drop(name)
        if drop == "before":
            return None
        delay = sb.faults.take_latency(name)
        if delay:
            await asyncio.sleep(delay)
        if name == "execute":
            body = await self._execute(raw)
        else:
            ok, value = self.invoke(name, raw)
            body = {"response": value} if ok else value
        # "after": the call took effect but its answer is lost, as on a real network.
        return None if drop == "after" else body

    def _fail(self, name: str, raw: dict[str, str], error: VKError) -> dict[str, Any]:
        envelope = error.envelope(name, raw)
        self.sb.actions.add(name, raw, error=envelope["error"])
        return envelope

    def invoke(self, name: str, raw: dict[str, str]) -> tuple[bool, Any]:
        """Run one method (also an execute sub-call); returns (ok, response | error envelope)."""
        injected = self.sb.faults.take_error(name)
        try:
            if injected is not None:
                raise VKError(injected)
            handler = METHODS.get(name)
            if handler is None:
                raise VKError(3)
            result = handler(self.sb.world, Params(raw))
        except VKError as exc:
            return False, self._fail(name, raw, exc)
        self.sb.actions.add(name, raw, response=result)
        return True, result

    async def _execute(self, raw: dict[str, str]) -> dict[str, Any]:
        errors: list[dict[str, Any]] = []

        async def call(method: str, args: dict[str, Any]) -> Any:
            if method == "execute":
                outcome: tuple[bool, Any] = (False, self._fail(method, {}, VKError(13)))
            else:
                outcome = self.invoke(method, flatten(args))
            ok, value = outcome
            if ok:
                return value
            errors.append({"method": method, "error_code": value["error"]["error_code"],
                           "error_msg": value["error"]["error_msg"]})
            return False

        try:
            tree = vkscript.parse(raw.get("code", ""))
        except VKError as exc:
            return self._fail("execute", raw, exc)
        result = await vkscript.evaluate(tree, call)
        self.sb.actions.add("execute", raw, response=result)
        body: dict[str, Any] = {"response": result}
        if errors:
            body["execute_errors"] = errors
        return body
