"""The HTTP face of MAX's Bot API: routes, the `Authorization` header, limits, faults, logging."""

from __future__ import annotations

import asyncio
import functools
import hmac
import inspect
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .errors import MaxError, bad_request, not_found, too_many_requests
from .state import World

if TYPE_CHECKING:
    from .server import MaxSandbox

_dumps = functools.partial(json.dumps, ensure_ascii=False)


def json_response(data: Any, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=_dumps)


def proxy_error(status: int) -> web.Response:
    """What a proxy in front of MAX answers on a bad day: an HTML page, not MAX's JSON."""
    reason = {
        500: "Internal Server Error",
        502: "Bad Gateway",
        503: "Service Unavailable",
        504: "Gateway Time-out",
    }.get(status, "Error")
    page = f"<html><head><title>{status} {reason}</title></head><body>{reason}</body></html>"
    return web.Response(status=status, text=page, content_type="text/html")


def drop_connection(request: web.Request) -> web.Response:
    """Close the socket without an answer; the returned response is never written."""
    if request.transport is not None:
        request.transport.abort()
    return web.Response(status=499)


@dataclass
class Call:
    sb: MaxSandbox
    query: dict[str, str]
    body: Any
    path: dict[str, str]

    @property
    def world(self) -> World:
        return self.sb.world

    def has(self, name: str) -> bool:
        return self.query.get(name, "") != ""

    def str(self, name: str, required: bool = False) -> str | None:
        if not self.has(name):
            if required:
                raise bad_request(f"Missing required parameter '{name}'")
            return None
        return self.query[name]

    def int(
        self,
        name: str,
        default: int | None = None,
        required: bool = False,
        lo: int | None = None,
        hi: int | None = None,
    ) -> int | None:
        raw = self.str(name, required=required)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise bad_request(f"Parameter '{name}' must be an integer, got {raw!r}") from None
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise bad_request(f"Parameter '{name}' must be between {lo} and {hi}")
        return value

    def bool(self, name: str, default: bool = False) -> bool:
        raw = self.str(name)
        if raw is None:
            return default
        if raw.lower() not in ("true", "false"):
            raise bad_request(f"Parameter '{name}' must be true or false")
        return raw.lower() == "true"

    def path_int(self, name: str) -> int:
        raw = self.path[name]
        try:
            return int(raw)
        except ValueError:
            raise not_found(f"{name} {raw!r} is not an id") from None


Handler = Callable[[Call], Any]


class Api:
    """Dispatches `<verb> <template>` to a handler, as one MAX operation (schema operationId)."""

    def __init__(self, sandbox: MaxSandbox) -> None:
        self.sb = sandbox
        self.routes: dict[tuple[str, str], tuple[str, Handler]] = {}
        self.removed: dict[tuple[str, str], str] = {}

    def add(self, verb: str, template: str, operation: str, handler: Handler) -> None:
        self.routes[(verb, template)] = (operation, handler)

    def add_removed(self, verb: str, template: str, why: str) -> None:
        self.removed[(verb, template)] = why

    def register(self, router: web.UrlDispatcher) -> None:
        templates = dict.fromkeys(t for _, t in [*self.routes, *self.removed])
        for template in templates:
            router.add_route("*", template, functools.partial(self.handle, template))
        router.add_route("*", "/{tail:.*}", self.unknown)

    async def unknown(self, request: web.Request) -> web.Response:
        return json_response(not_found(f"Path {request.path} not found").body(), status=404)

    async def handle(self, template: str, request: web.Request) -> web.Response:
        verb = request.method
        route = self.routes.get((verb, template))
        operation = route[0] if route else "removed" if (verb, template) in self.removed else "?"
        sb = self.sb
        status = sb.faults.take_http_status(operation)
        if status is not None:
            return proxy_error(status)
        query = {k: v for k, v in request.query.items()}
        raw_body = await request.text() if request.can_read_body else ""
        body_for_log: Any = raw_body or None
        try:
            body, malformed = None, False
            try:
                body = json.loads(raw_body) if raw_body.strip() else None
                body_for_log = body
            except ValueError:
                malformed = verb in ("POST", "PUT", "PATCH")
            if not self._authorized(request):
                raise MaxError(401, "verify.token", "Invalid access_token")
            if malformed:
                raise bad_request("Can't deserialize body")
            if route is None:
                why = self.removed.get((verb, template))
                if why:
                    raise not_found(why)
                raise MaxError(405, "method.not.allowed", f"Method {verb} is not allowed")
            if not sb.limiter.hit():
                raise too_many_requests()
            drop = sb.faults.take_drop(operation)
            if drop == "before":
                return drop_connection(request)
            delay = sb.faults.take_latency(operation)
            if delay:
                await asyncio.sleep(delay)
            injected = sb.faults.take_error(operation)
            if injected is not None:
                raise MaxError(*injected)
            result = route[1](Call(sb, query, body, dict(request.match_info)))
            if inspect.isawaitable(result):
                result = await result
        except MaxError as exc:
            sb.actions.add(
                operation, verb, request.path, query, body_for_log, exc.status, exc.body()
            )
            return json_response(exc.body(), status=exc.status)
        sb.actions.add(operation, verb, request.path, query, body_for_log, 200, result)
        if drop == "after":
            return drop_connection(request)
        return json_response(result)

    def _authorized(self, request: web.Request) -> bool:
        # Only the bare header counts: no "Bearer " prefix, no access_token in the query.
        token = request.headers.get("Authorization")
        return token is not None and hmac.compare_digest(token.encode(), self.sb.token.encode())
