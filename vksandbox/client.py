"""SandboxClient: a thin async wrapper over the control API, over real HTTP."""

from __future__ import annotations

import io
import json
from typing import Any

import aiohttp

from .errors import SandboxError


class SandboxClient:
    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> SandboxClient:
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _op(self, op: str, http_timeout_: float = 30.0, **body: Any) -> Any:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        # A file sent in a message can be megabytes: streamed, not one raw body.
        payload = io.BytesIO(json.dumps(body).encode())
        async with self._session.post(f"{self.url}/_sandbox/{op}", data=payload,
                                      headers={"Content-Type": "application/json"},
                                      timeout=aiohttp.ClientTimeout(total=http_timeout_)) as resp:
            data = await resp.json()
        if resp.status == 408:
            raise TimeoutError(data["error"])
        if resp.status != 200:
            raise SandboxError(f"{op}: {data.get('error', data)}")
        return data["result"]

    # --- people and chats ----------------------------------------------------------------
    async def create_user(self, first_name: str, last_name: str, screen_name: str | None = None,
                          user_id: int | None = None, note: str = "") -> int:
        """`note`: who the person plays (the page's label, e.g. «родитель 5А»; VK never sees it)."""
        result = await self._op("create_user", first_name=first_name, last_name=last_name,
                                screen_name=screen_name, user_id=user_id, note=note)
        return result["user_id"]

    async def set_note(self, user_id: int, note: str) -> None:
        await self._op("set_note", user_id=user_id, note=note)

    async def users(self) -> list[dict[str, Any]]:
        """[{id, first_name, last_name, screen_name, note, allowed_messages}]."""
        return await self._op("users")

    async def allow_messages(self, user_id: int) -> None:
        await self._op("allow_messages", user_id=user_id)

    async def create_chat(self, title: str, member_ids: list[int], owner_id: int,
                          bot_admin: bool = True) -> int:
        result = await self._op("create_chat", title=title, member_ids=list(member_ids),
                                owner_id=owner_id, bot_admin=bot_admin)
        return result["peer_id"]

    async def write_dm(self, user_id: int, text: str, payload: Any = None, ref: str | None = None,
                       ref_source: str | None = None, attachments: list | None = None) -> int:
        result = await self._op("write_dm", user_id=user_id, text=text, payload=payload, ref=ref,
                                ref_source=ref_source, attachments=attachments)
        return result["cmid"]

    async def write_chat(self, user_id: int, peer_id: int, text: str, payload: Any = None,
                         reply_to_cmid: int | None = None, attachments: list | None = None) -> int:
        result = await self._op("write_chat", user_id=user_id, peer_id=peer_id, text=text,
                                payload=payload, reply_to_cmid=reply_to_cmid,
                                attachments=attachments)
        return result["cmid"]

    async def write_chat_many(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Many chat messages in one call: items {user_id, peer_id, text, ...} → {cmid} or
        {error} each. The bot still receives them through the long poll."""
        return await self._op("write_chat_many", messages=list(messages))

    async def open_ref_link(self, user_id: int, link: str, text: str = "Начать",
                            payload: Any = None) -> int:
        result = await self._op("open_ref_link", user_id=user_id, link=link, text=text,
                                payload=payload)
        return result["cmid"]

    async def join_by_link(self, user_id: int, link: str) -> int:
        return (await self._op("join_by_link", user_id=user_id, link=link))["peer_id"]

    async def leave_chat(self, user_id: int, peer_id: int) -> None:
        await self._op("leave_chat", user_id=user_id, peer_id=peer_id)

    async def press_button(self, user_id: int, peer_id: int, cmid: int, payload: Any) -> str:
        result = await self._op("press_button", user_id=user_id, peer_id=peer_id, cmid=cmid,
                                payload=payload)
        return result["event_id"]

    async def edit_message(self, user_id: int, peer_id: int, cmid: int, text: str) -> None:
        await self._op("edit_message", user_id=user_id, peer_id=peer_id, cmid=cmid, text=text)

    # --- observation ---------------------------------------------------------------------
    async def actions(self, since: int = 0, method: str | None = None) -> list[dict[str, Any]]:
        return await self._op("actions", since=since, method=method)

    async def wait_action(self, method: str, since: int = 0, timeout: float = 5.0,  # noqa: ASYNC109
                          **match: Any) -> dict[str, Any]:
        return await self._op("wait_action", http_timeout_=timeout + 10, method=method,
                              since=since, timeout=timeout, match=match)

    async def messages(self, peer_id: int) -> list[dict[str, Any]]:
        return await self._op("messages", peer_id=peer_id)

    async def sent_documents(self, peer_id: int | None = None) -> list[dict[str, Any]]:
        """Docs the community attached to its messages: [{peer_id, conversation_message_id,
        doc_id, owner_id, title, ext, size, deleted, content_b64}], oldest first."""
        return await self._op("sent_documents", peer_id=peer_id)

    async def sent_photos(self, peer_id: int | None = None) -> list[dict[str, Any]]:
        """Photos the community attached to its messages: [{peer_id, conversation_message_id,
        message, photo_id, owner_id, width, height, content_b64}]."""
        return await self._op("sent_photos", peer_id=peer_id)

    async def chat(self, peer_id: int) -> dict[str, Any]:
        info = await self._op("chat", peer_id=peer_id)
        info["restricted"] = {int(k): v for k, v in info["restricted"].items()}
        return info

    async def events(self, since: int = 1) -> list[dict[str, Any]]:
        return await self._op("events", since=since)

    async def event_times(self, since: int = 1) -> list[dict[str, Any]]:
        """When each kept long-poll event became available: [{ts, type, peer_id, cmid, time}]."""
        return await self._op("event_times", since=since)

    async def set_bot_admin(self, peer_id: int, admin: bool) -> None:
        await self._op("set_bot_admin", peer_id=peer_id, admin=admin)

    async def stats(self) -> dict[str, int]:
        return await self._op("stats")

    # --- the page ------------------------------------------------------------------------
    async def conversations(self, user_id: int | None = None) -> list[dict[str, Any]]:
        """A person's list of conversations (None: every chat and dialog):
        [{peer_id, kind: dm|chat, title, member, last}], the latest first."""
        return await self._op("conversations", user_id=user_id)

    async def view(self, user_id: int | None = None,
                   peer_id: int | None = None) -> dict[str, Any]:
        """What the page at /_sandbox/ shows this person, with `peer_id` open."""
        return await self._op("view", user_id=user_id, peer_id=peer_id)

    async def loaders(self) -> list[dict[str, str]]:
        """The page's «fill» buttons: [{name, title, state: idle|running|done|failed, message}]."""
        return await self._op("loaders")

    async def load_world(self, name: str) -> None:
        """Starts a loader (as its button on the page does); `loaders()` says how it went."""
        await self._op("load_world", name=name)
    async def set_chats_per_day(self, per_day: int | None) -> None:
        """How many chats the community may create a day (None: no cap); VK answers error 9
        (flood control) to `messages.createChat` beyond it."""
        await self._op("set_chats_per_day", per_day=per_day)

    # --- the Callback API -------------------------------------------------------------------
    async def add_callback_server(self, url: str, secret: str = "",
                                  title: str = "schoolbot") -> dict[str, Any]:
        """As an admin adds a server in the community's settings: VK asks it to confirm, then
        sends it every event. Returns {server_id, status ("ok" | "failed"), answer}."""
        return await self._op("add_callback_server", url=url, secret=secret, title=title)

    async def remove_callback_server(self, server_id: int) -> None:
        await self._op("remove_callback_server", server_id=server_id)

    async def callback_deliveries(self, since: int = 0) -> list[dict[str, Any]]:
        """Every POST VK made to a callback server, answered or not: [{seq, server_id,
        event_id, type, retry, status, answer}] (status 0: no answer — timeout, refused)."""
        return await self._op("callback_deliveries", since=since)

    async def set_callback_timeout(self, seconds: float) -> None:
        """How long VK waits for a callback answer before it counts as failed (and resends)."""
        await self._op("set_callback_timeout", seconds=seconds)

    async def repeat_next_callbacks(self, count: int = 1) -> None:
        """The next `count` events are sent once more after their «ok» (the answer was lost on
        the way back to VK), with X-Retry-Counter."""
        await self._op("repeat_next_callbacks", count=count)

    async def next_day(self) -> None:
        """A new day on VK's side: the community may create chats again."""
        await self._op("next_day")

    # --- faults --------------------------------------------------------------------------
    async def inject_error(self, method: str, code: int, count: int | None = 1) -> None:
        await self._op("inject_error", method=method, code=code, count=count)

    async def inject_latency(self, seconds: float, method: str | None = None,
                             count: int | None = None) -> None:
        await self._op("inject_latency", seconds=seconds, method=method, count=count)

    async def inject_drop(self, method: str, count: int | None = 1,
                          executed: bool = False) -> None:
        """Close the connection without answering; executed=True runs the call first."""
        await self._op("inject_drop", method=method, count=count, executed=executed)

    async def inject_longpoll_failed(self, code: int, count: int = 1) -> None:
        await self._op("inject_longpoll_failed", code=code, count=count)

    async def reset_faults(self) -> None:
        await self._op("reset_faults")

    async def inject_http_status(self, status: int, method: str | None = None,
                                 count: int | None = 1) -> None:
        """Next `count` requests (`method=None`: every API method) get an HTTP error page."""
        await self._op("inject_http_status", status=status, method=method, count=count)

    async def serve_documents(self, chunk_bytes: int | None = None, pause: float = 0.0,
                              cut_after: int | None = None, length_delta: int = 0,
                              count: int | None = None, chunked: bool = False) -> None:
        """How document downloads are served from now on: in `chunk_bytes` pieces with `pause`
        seconds between them, the connection dropped after `cut_after` bytes, Content-Length
        off by `length_delta` (or none: `chunked`); for the next `count` downloads (None: until
        changed)."""
        await self._op("serve_documents", chunk_bytes=chunk_bytes, pause=pause,
                       cut_after=cut_after, length_delta=length_delta, count=count,
                       chunked=chunked)
