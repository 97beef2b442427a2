"""The control API under /_sandbox/: POST /_sandbox/<op> with a JSON body → {"result": ...}."""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import simulate
from .api import json_response
from .errors import SandboxError
from .render import control_chat, control_message
from .state import now_ms

if TYPE_CHECKING:
    from .server import MaxSandbox


def _op(fn: Callable[..., Any], world: Any, key: str | None = None) -> Callable[..., Any]:
    """Bind a simulate.* function to the world; wrap its result as {key: value}."""
    bound = functools.partial(fn, world)

    def op(**kwargs: Any) -> Any:
        value = bound(**kwargs)
        return {key: value} if key else value

    op.__signature__ = inspect.signature(bound)  # type: ignore[attr-defined]
    return op


class Control:
    def __init__(self, sandbox: MaxSandbox) -> None:
        self.sb = sandbox
        world = sandbox.world
        faults = sandbox.faults
        self.ops: dict[str, Callable[..., Any]] = {
            "create_user": _op(simulate.create_user, world, "user_id"),
            "create_chat": _op(simulate.create_chat, world, "chat_id"),
            "add_bot": _op(simulate.add_bot, world),
            "set_bot_permissions": _op(simulate.set_bot_permissions, world),
            "remove_bot": _op(simulate.remove_bot, world),
            "set_admin": _op(simulate.set_admin, world),
            "add_member": _op(simulate.add_member, world),
            "join_by_link": _op(simulate.join_by_link, world, "chat_id"),
            "leave_chat": _op(simulate.leave_chat, world),
            "remove_member": _op(simulate.remove_member, world),
            "rename_chat": _op(simulate.rename_chat, world),
            "start_bot": _op(simulate.start_bot, world, "chat_id"),
            "open_deep_link": _op(simulate.open_deep_link, world, "chat_id"),
            "stop_bot": _op(simulate.stop_bot, world),
            "write": _op(simulate.write, world, "mid"),
            "write_dm": _op(simulate.write_dm, world, "mid"),
            "edit_message": _op(simulate.edit_message, world),
            "delete_message": _op(simulate.delete_message, world),
            "press_button": _op(simulate.press_button, world, "callback_id"),
            "backdate_message": self.backdate_message,
            "actions": self.actions,
            "wait_action": self.wait_action,
            "messages": self.messages,
            "chat": lambda chat_id: control_chat(world, simulate.chat(world, chat_id)),
            "dialog": self.dialog,
            "callback_answers": self.callback_answers,
            "updates": lambda: sandbox.updates.all(),
            "webhook_deliveries": lambda: list(sandbox.webhooks.deliveries),
            "stats": sandbox.limiter.stats,
            "inject_error": lambda status, code, message="injected", operation=None, count=1: (
                faults.add_error(operation, int(status), code, message, count)
            ),
            "inject_http_status": lambda status, operation=None, count=1: faults.add_http_status(
                int(status), operation, count
            ),
            "inject_latency": lambda seconds, operation=None, count=None: faults.add_latency(
                float(seconds), operation, count
            ),
            "inject_drop": lambda operation=None, count=1, executed=False: faults.add_drop(
                operation, count, bool(executed)
            ),
            "reset_faults": faults.reset,
        }

    def register(self, router: web.UrlDispatcher) -> None:
        router.add_post("/_sandbox/{op}", self.dispatch)

    async def dispatch(self, request: web.Request) -> web.Response:
        op = self.ops.get(request.match_info["op"])
        if op is None:
            return json_response({"error": "unknown control operation"}, status=404)
        try:
            body = await request.json() if request.can_read_body else {}
        except json.JSONDecodeError:
            return json_response({"error": "body must be JSON"}, status=400)
        try:
            inspect.signature(op).bind(**body)
        except TypeError as exc:
            return json_response({"error": f"bad arguments: {exc}"}, status=400)
        try:
            result = op(**body)
            if inspect.isawaitable(result):
                result = await result
        except SandboxError as exc:
            return json_response({"error": str(exc)}, status=400)
        except TimeoutError as exc:
            return json_response({"error": str(exc)}, status=408)
        return json_response({"result": result})

    def actions(self, since: int = 0, operation: str | None = None) -> list[dict[str, Any]]:
        return self.sb.actions.list(int(since), operation)

    async def wait_action(
        self,
        operation: str,
        since: int = 0,
        timeout: float = 5.0,  # noqa: ASYNC109
        match: dict[str, Any] | None = None,
        ok: bool | None = True,
    ) -> dict[str, Any]:
        found = await self.sb.actions.wait(operation, int(since), match or {}, float(timeout), ok)
        if found is not None:
            return found
        seen = [
            f"#{a['seq']} {a['operation']} {a['status']} {a['query']}"
            for a in self.sb.actions.list(0)
        ]
        raise TimeoutError(
            f"timeout: no {operation} with {match or {}} after #{since} within "
            f"{timeout}s; calls so far: {seen[-30:] or 'none'}"
        )

    def messages(self, chat_id: int) -> list[dict[str, Any]]:
        world = self.sb.world
        room = simulate.chat(world, chat_id)
        return [control_message(world, world.messages[mid]) for mid in room.mids]

    def dialog(self, user_id: int) -> int | None:
        return self.sb.world.dialogs.get(int(user_id))

    def callback_answers(self, callback_id: str) -> list[dict[str, Any]]:
        cb = self.sb.world.callbacks.get(callback_id)
        if cb is None:
            raise SandboxError(f"unknown callback {callback_id}")
        return list(cb.answers)

    def backdate_message(self, mid: str, seconds: float) -> None:
        """Make a message older (to reach MAX's 7-day edit limit in dialogs)."""
        msg = self.sb.world.messages.get(mid)
        if msg is None:
            raise SandboxError(f"no message {mid}")
        msg.timestamp = min(msg.timestamp, now_ms()) - int(float(seconds) * 1000)
