"""MaxSandboxClient: a thin async wrapper over the control API, over real HTTP."""

from __future__ import annotations

from typing import Any

import aiohttp

from .errors import SandboxError


class MaxSandboxClient:
    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> MaxSandboxClient:
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
        async with self._session.post(
            f"{self.url}/_sandbox/{op}",
            json=body,
            timeout=aiohttp.ClientTimeout(total=http_timeout_),
        ) as resp:
            data = await resp.json()
        if resp.status == 408:
            raise TimeoutError(data["error"])
        if resp.status != 200:
            raise SandboxError(f"{op}: {data.get('error', data)}")
        return data["result"]

    # --- people and chats ----------------------------------------------------------------
    async def create_user(
        self,
        first_name: str,
        last_name: str | None = None,
        username: str | None = None,
        user_id: int | None = None,
        privacy: bool = False,
        locale: str = "ru",
    ) -> int:
        result = await self._op(
            "create_user",
            first_name=first_name,
            last_name=last_name,
            username=username,
            user_id=user_id,
            privacy=privacy,
            locale=locale,
        )
        return result["user_id"]

    async def create_chat(
        self,
        title: str,
        owner_id: int,
        member_ids: list[int] | None = None,
        kind: str = "chat",
        bot_permissions: list[str] | None = None,
        with_bot: bool = False,
    ) -> int:
        """A person creates the chat; with_bot or bot_permissions: the owner adds the bot
        (bot_permissions=None: a plain member, a list: an admin with those permissions)."""
        result = await self._op(
            "create_chat",
            title=title,
            owner_id=owner_id,
            member_ids=list(member_ids or []),
            kind=kind,
            bot_permissions=bot_permissions,
            with_bot=with_bot,
        )
        return result["chat_id"]

    async def add_bot(
        self, chat_id: int, by_user_id: int, permissions: list[str] | None = None
    ) -> None:
        await self._op("add_bot", chat_id=chat_id, by_user_id=by_user_id, permissions=permissions)

    async def set_bot_permissions(
        self, chat_id: int, by_user_id: int, permissions: list[str] | None
    ) -> None:
        await self._op(
            "set_bot_permissions", chat_id=chat_id, by_user_id=by_user_id, permissions=permissions
        )

    async def remove_bot(self, chat_id: int, by_user_id: int) -> None:
        await self._op("remove_bot", chat_id=chat_id, by_user_id=by_user_id)

    async def set_admin(self, chat_id: int, user_id: int, permissions: list[str] | None) -> None:
        await self._op("set_admin", chat_id=chat_id, user_id=user_id, permissions=permissions)

    async def add_member(self, chat_id: int, user_id: int, inviter_id: int) -> None:
        await self._op("add_member", chat_id=chat_id, user_id=user_id, inviter_id=inviter_id)

    async def join_by_link(self, user_id: int, link: str) -> int:
        return (await self._op("join_by_link", user_id=user_id, link=link))["chat_id"]

    async def leave_chat(self, user_id: int, chat_id: int) -> None:
        await self._op("leave_chat", user_id=user_id, chat_id=chat_id)

    async def remove_member(
        self, chat_id: int, user_id: int, admin_id: int, block: bool = False
    ) -> None:
        await self._op(
            "remove_member", chat_id=chat_id, user_id=user_id, admin_id=admin_id, block=block
        )

    async def rename_chat(self, user_id: int, chat_id: int, title: str) -> None:
        await self._op("rename_chat", user_id=user_id, chat_id=chat_id, title=title)

    # --- the bot's dialog ----------------------------------------------------------------
    async def start_bot(self, user_id: int, payload: str | None = None) -> int:
        """The person presses «Начать»; returns the dialog's chat_id."""
        return (await self._op("start_bot", user_id=user_id, payload=payload))["chat_id"]

    async def open_deep_link(self, user_id: int, link: str) -> int:
        """The person opens https://max.ru/<bot>?start=<payload>; returns the dialog's chat_id."""
        return (await self._op("open_deep_link", user_id=user_id, link=link))["chat_id"]

    async def stop_bot(self, user_id: int) -> None:
        await self._op("stop_bot", user_id=user_id)

    # --- messages ------------------------------------------------------------------------
    async def write(
        self,
        user_id: int,
        chat_id: int,
        text: str | None,
        reply_to: str | None = None,
        attachments: list | None = None,
    ) -> str:
        result = await self._op(
            "write",
            user_id=user_id,
            chat_id=chat_id,
            text=text,
            reply_to=reply_to,
            attachments=attachments,
        )
        return result["mid"]

    async def write_dm(
        self,
        user_id: int,
        text: str | None,
        reply_to: str | None = None,
        attachments: list | None = None,
    ) -> str:
        result = await self._op(
            "write_dm", user_id=user_id, text=text, reply_to=reply_to, attachments=attachments
        )
        return result["mid"]

    async def edit_message(self, user_id: int, mid: str, text: str) -> None:
        await self._op("edit_message", user_id=user_id, mid=mid, text=text)

    async def delete_message(self, user_id: int, mid: str) -> None:
        await self._op("delete_message", user_id=user_id, mid=mid)

    async def press_button(self, user_id: int, mid: str, payload: str) -> str:
        """Press a callback button of message `mid`; returns the callback_id."""
        result = await self._op("press_button", user_id=user_id, mid=mid, payload=payload)
        return result["callback_id"]

    async def backdate_message(self, mid: str, seconds: float) -> None:
        await self._op("backdate_message", mid=mid, seconds=seconds)

    # --- observation ---------------------------------------------------------------------
    async def actions(self, since: int = 0, operation: str | None = None) -> list[dict[str, Any]]:
        """The bot's calls: [{seq, operation, method, path, query, body, status, response |
        error, time}], oldest first."""
        return await self._op("actions", since=since, operation=operation)

    async def wait_action(
        self,
        operation: str,
        since: int = 0,
        timeout: float = 5.0,  # noqa: ASYNC109
        ok: bool | None = True,
        **match: Any,
    ) -> dict[str, Any]:
        """The first call of `operation` after #since whose query or body has these values
        (ok=True: answered 200; False: refused; None: either)."""
        return await self._op(
            "wait_action",
            http_timeout_=timeout + 10,
            operation=operation,
            since=since,
            timeout=timeout,
            match=match,
            ok=ok,
        )

    async def messages(self, chat_id: int) -> list[dict[str, Any]]:
        return await self._op("messages", chat_id=chat_id)

    async def chat(self, chat_id: int) -> dict[str, Any]:
        return await self._op("chat", chat_id=chat_id)

    async def dialog(self, user_id: int) -> int | None:
        return await self._op("dialog", user_id=user_id)

    async def callback_answers(self, callback_id: str) -> list[dict[str, Any]]:
        return await self._op("callback_answers", callback_id=callback_id)

    async def updates(self) -> list[dict[str, Any]]:
        """Updates waiting in the long-poll queue (not yet committed)."""
        return await self._op("updates")

    async def webhook_deliveries(self) -> list[dict[str, Any]]:
        """Every webhook POST attempt: [{url, update_type, timestamp, attempt, status, time}]."""
        return await self._op("webhook_deliveries")

    async def stats(self) -> dict[str, int]:
        return await self._op("stats")

    # --- faults --------------------------------------------------------------------------
    async def inject_error(
        self,
        status: int,
        code: str,
        message: str = "injected",
        operation: str | None = None,
        count: int | None = 1,
    ) -> None:
        """The next `count` calls (operation=None: every API operation) answer this error."""
        await self._op(
            "inject_error",
            status=status,
            code=code,
            message=message,
            operation=operation,
            count=count,
        )

    async def inject_rate_limit(self, count: int = 3, operation: str | None = None) -> None:
        """A burst of 429 too.many.requests for the next `count` calls."""
        await self.inject_error(429, "too.many.requests", "Too many requests", operation, count)

    async def inject_http_status(
        self, status: int, operation: str | None = None, count: int | None = 1
    ) -> None:
        """A proxy's HTML error page (502, 503, 504...) instead of MAX's answer."""
        await self._op("inject_http_status", status=status, operation=operation, count=count)

    async def inject_latency(
        self, seconds: float, operation: str | None = None, count: int | None = None
    ) -> None:
        await self._op("inject_latency", seconds=seconds, operation=operation, count=count)

    async def inject_drop(
        self, operation: str | None = None, count: int | None = 1, executed: bool = False
    ) -> None:
        """Close the connection without answering; executed=True runs the call first."""
        await self._op("inject_drop", operation=operation, count=count, executed=executed)

    async def reset_faults(self) -> None:
        await self._op("reset_faults")
