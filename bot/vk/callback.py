"""VK's Callback API, the production intake: VK POSTs each event to the bot's URL.

The rules VK sets (docs/scaling.md): a `confirmation` request is answered with the group's
confirmation string; every other request carries the group's `secret`; «ok» with HTTP 200 means
"got it" and is said only once the event is stored (never before: VK would not send it again);
anything else makes VK send it again with `X-Retry-Counter`, and a repeat of a stored event is
answered «ok» without handling it twice.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

from bot.intake.inbox import DurableInbox

log = logging.getLogger(__name__)

MAX_BODY = 1 << 20  # VK's events are kilobytes; a megabyte is an attack, not an event


@dataclass(frozen=True)
class CallbackGroup:
    group_id: int
    secret: str | None
    confirmation: Callable[[], Awaitable[str]]


class CallbackEndpoint:
    def __init__(self, inbox: DurableInbox, groups: list[CallbackGroup]) -> None:
        self._inbox = inbox
        self._groups = {group.group_id: group for group in groups}
        self.refused = 0

    async def handle(self, request: web.Request) -> web.Response:
        if request.content_length is not None and request.content_length > MAX_BODY:
            return self._refuse(413, "too large")
        raw = await request.content.read(MAX_BODY + 1)
        if len(raw) > MAX_BODY:
            return self._refuse(413, "too large")
        try:
            body = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError):
            return self._refuse(400, "not json")
        if not isinstance(body, dict) or not isinstance(body.get("type"), str):
            return self._refuse(400, "not an event")
        group = self._groups.get(body.get("group_id"))  # type: ignore[arg-type]
        if group is None:
            return self._refuse(403, "unknown group")
        if body["type"] == "confirmation":
            return web.Response(text=await group.confirmation())
        if group.secret and not hmac.compare_digest(
            str(body.get("secret", "")).encode(), group.secret.encode()
        ):
            return self._refuse(403, "Bad Secret")
        body.pop("secret", None)
        event_id = body.get("event_id")
        if not isinstance(event_id, str) or not event_id:
            # Old API versions sent none; the body itself then names the event.
            event_id = "body:" + hashlib.sha256(raw).hexdigest()[:40]
        try:
            await self._inbox.put(event_id, group.group_id, body)
        except Exception:
            # Not stored: VK must not hear «ok», so it sends the event again.
            log.exception("callback event %s could not be stored", event_id)
            return web.Response(status=503, text="retry", headers={"Retry-After": "5"})
        return web.Response(text="ok")

    def _refuse(self, status: int, reason: str) -> web.Response:
        self.refused += 1
        log.warning("callback request refused: %s", reason)
        return web.Response(status=status, text=reason)
