"""VK's side of the Callback API: the community's servers, confirmation, delivery with retries.

What VK does and the sandbox plays:
- a server added in the community's settings is confirmed first: VK POSTs
  `{"type": "confirmation", "group_id": N}` and expects the group's confirmation string back
  (the string changes whenever a server is added or edited: `groups.getCallbackConfirmationCode`);
- then every event goes to every confirmed server (up to 10), with the server's `secret` in the
  body; only HTTP 200 with the body `ok` counts as delivered;
- anything else (another answer, an error status, a timeout, a refused connection) is sent again
  with the header `X-Retry-Counter: n`, after a growing pause; events of one server are delivered
  in order, so one stuck event holds up the rest (VK "temporarily stops sending");
- VK also sends an event again when the answer came too late, even if the bot got it: the
  sandbox's `callback_timeout` plays that, and `repeat_next_callbacks` repeats events that were
  answered «ok» (the answer lost on the way back).
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from .errors import SandboxError, VKError, param_error
from .events import EventLog
from .params import Params

MAX_SERVERS = 10
MAX_BACKOFF = 1.0  # seconds: VK waits longer; the sandbox keeps tests short


@dataclass
class CallbackServer:
    id: int
    url: str
    title: str
    secret: str
    status: str = "unconfigured"  # ok | failed, as groups.getCallbackServers says
    cursor: int = 0
    task: asyncio.Task | None = None


@dataclass
class CallbackApi:
    events: EventLog
    group_id: int
    code: str = field(default_factory=lambda: secrets.token_hex(4))
    servers: dict[int, CallbackServer] = field(default_factory=dict)
    deliveries: list[dict[str, Any]] = field(default_factory=list)
    timeout: float = 5.0
    backoff: float = 0.05
    repeat_next: int = 0
    _next_id: int = 1
    _session: aiohttp.ClientSession | None = None

    # --- the community's settings --------------------------------------------------------
    def _new_code(self) -> None:
        self.code = secrets.token_hex(4)

    async def add_server(self, url: str, secret: str = "", title: str = "schoolbot") -> dict:
        """As an admin adds a server in «Работа с API»: confirmed at once; delivery from now."""
        if len(self.servers) >= MAX_SERVERS:
            raise SandboxError("a community has at most 10 callback servers")
        server = CallbackServer(self._next_id, url, title[:14], secret)
        self._next_id += 1
        self.servers[server.id] = server
        self._new_code()
        answer = await self._post(server, {"type": "confirmation", "group_id": self.group_id}, 0)
        confirmed = answer["status"] == 200 and answer["answer"] == self.code
        server.status = "ok" if confirmed else "failed"
        if confirmed:
            server.cursor = self.events.next_ts
            server.task = asyncio.create_task(self._run(server), name=f"callback:{server.id}")
        return {"server_id": server.id, "status": server.status, "answer": answer["answer"]}

    async def remove_server(self, server_id: int) -> None:
        server = self.servers.pop(int(server_id), None)
        if server is None:
            raise SandboxError("no such callback server")
        self._new_code()
        await _cancel(server.task)

    async def close(self) -> None:
        for server in self.servers.values():
            await _cancel(server.task)
        if self._session is not None:
            await self._session.close()
            self._session = None

    # --- delivery ---------------------------------------------------------------------------
    async def _run(self, server: CallbackServer) -> None:
        while not self.events.closed:
            await self.events.wait_beyond(server.cursor, 30)
            for event in self.events.since(server.cursor):
                await self._deliver(server, event)
                server.cursor += 1

    async def _deliver(self, server: CallbackServer, event: dict[str, Any]) -> None:
        body = {**event, "secret": server.secret} if server.secret else dict(event)
        retry = 0
        while True:
            answer = await self._post(server, body, retry)
            self._record(server, event, retry, answer)
            if answer["status"] == 200 and answer["answer"] == "ok":
                break
            retry += 1
            await asyncio.sleep(min(MAX_BACKOFF, self.backoff * 2 ** min(retry, 8)))
        if self.repeat_next > 0:
            self.repeat_next -= 1
            answer = await self._post(server, body, retry + 1)
            self._record(server, event, retry + 1, answer)

    async def _post(self, server: CallbackServer, body: dict, retry: int) -> dict[str, Any]:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        headers = {"X-Retry-Counter": str(retry)} if retry else {}
        try:
            async with self._session.post(
                server.url,
                json=body,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=self.timeout),
            ) as resp:
                return {"status": resp.status, "answer": (await resp.text())[:200]}
        except TimeoutError:
            return {"status": 0, "answer": "timeout"}
        except aiohttp.ClientError as error:
            return {"status": 0, "answer": type(error).__name__}

    def _record(self, server: CallbackServer, event: dict, retry: int, answer: dict) -> None:
        self.deliveries.append({
            "seq": len(self.deliveries) + 1, "server_id": server.id,
            "event_id": event["event_id"], "type": event["type"], "retry": retry, **answer,
        })  # fmt: skip

    # --- the API methods ----------------------------------------------------------------
    def get_confirmation_code(self, p: Params) -> Any:
        if p.int("group_id", required=True) != self.group_id:
            raise VKError(15, "Access denied: no access to this group")
        return {"code": self.code}

    def get_servers(self, p: Params) -> Any:
        if p.int("group_id", required=True) != self.group_id:
            raise param_error("group_id is invalid")
        wanted = {int(i) for i in p.str_list("server_ids")}
        items = [
            {"id": s.id, "title": s.title, "creator_id": 0, "url": s.url,
             "secret_key": s.secret, "status": s.status}
            for s in self.servers.values() if not wanted or s.id in wanted
        ]  # fmt: skip
        return {"count": len(items), "items": items}


async def _cancel(task: asyncio.Task | None) -> None:
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
