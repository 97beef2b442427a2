"""The control API under /_sandbox/: POST /_sandbox/<op> with a JSON body -> JSON result."""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import page, simulate
from .documents import DocServing, sent_documents, serve_document
from .errors import SandboxError
from .jsonutil import json_response
from .photos import sent_photos
from .render import control_chat, control_message

if TYPE_CHECKING:
    from .server import Sandbox


def _op(fn: Callable[..., Any], world: Any, key: str | None = None) -> Callable[..., Any]:
    """Bind a simulate.* function to the world; wrap its result as {key: value}."""
    bound = functools.partial(fn, world)

    def op(**kwargs: Any) -> Any:
        value = bound(**kwargs)
        return {key: value} if key else value

    op.__signature__ = inspect.signature(bound)  # type: ignore[attr-defined]
    return op


# Operations that only look: they neither redraw the page nor save the world.
READ_ONLY = frozenset({
    "actions", "wait_action", "messages", "sent_documents", "sent_photos", "chat", "events",
    "event_times", "stats", "users", "conversations", "view", "loaders",
})


class Control:
    def __init__(self, sandbox: Sandbox) -> None:
        self.sb = sandbox
        world = sandbox.world
        self.ops: dict[str, Callable[..., Any]] = {
            "create_user": _op(simulate.create_user, world, "user_id"),
            "set_note": _op(simulate.set_note, world),
            "users": self.users,
            "conversations": lambda user_id=None: page.conversations(
                world, None if user_id is None else int(user_id)),
            "view": lambda user_id=None, peer_id=None: page.view(sandbox, user_id, peer_id),
            "loaders": sandbox.loaders.list,
            "load_world": sandbox.loaders.start,
            "allow_messages": _op(simulate.allow_messages, world),
            "create_chat": _op(simulate.create_chat, world, "peer_id"),
            "write_dm": _op(simulate.write_dm, world, "cmid"),
            "write_chat": _op(simulate.write_chat, world, "cmid"),
            "write_chat_many": _op(simulate.write_chat_many, world),
            "open_ref_link": _op(simulate.open_ref_link, world, "cmid"),
            "join_by_link": _op(simulate.join_by_link, world, "peer_id"),
            "leave_chat": _op(simulate.leave_chat, world),
            "press_button": _op(simulate.press_button, world, "event_id"),
            "edit_message": _op(simulate.edit_message, world),
            "actions": self.actions,
            "wait_action": self.wait_action,
            "messages": self.messages,
            "sent_documents": lambda peer_id=None: sent_documents(world, peer_id),
            "sent_photos": lambda peer_id=None: sent_photos(world, peer_id),
            "chat": lambda peer_id: control_chat(world, simulate.chat(world, peer_id)),
            "set_bot_admin": self.set_bot_admin,
            "events": lambda since=1: world.events.since(int(since)),
            "event_times": lambda since=1: world.events.times(int(since)),
            "inject_error": lambda method, code, count=1: sandbox.faults.add_error(
                method, int(code), count),
            "inject_latency": lambda seconds, method=None, count=None: sandbox.faults.add_latency(
                float(seconds), method, count),
            "inject_drop": lambda method, count=1, executed=False: sandbox.faults.add_drop(
                method, count, bool(executed)),
            "inject_longpoll_failed": lambda code, count=1: sandbox.faults.add_longpoll_failed(
                int(code), int(count)),
            "reset_faults": sandbox.faults.reset,
            "inject_http_status": lambda status, method=None, count=1: (
                sandbox.faults.add_http_status(int(status), method, count)),
            "stats": sandbox.limiter.stats,
            "serve_documents": self.serve_documents,
            "set_chats_per_day": self.set_chats_per_day,
            "next_day": world.chat_quota.next_day,
            "add_callback_server": world.callback_api.add_server,
            "remove_callback_server": world.callback_api.remove_server,
            "callback_deliveries": lambda since=0: world.callback_api.deliveries[int(since):],
            "set_callback_timeout": self.set_callback_timeout,
            "repeat_next_callbacks": self.repeat_next_callbacks,
        }

    def users(self) -> list[dict[str, Any]]:
        return [{"id": u.id, "first_name": u.first_name, "last_name": u.last_name,
                 "screen_name": u.screen_name, "note": u.note,
                 "allowed_messages": u.allowed_messages}
                for u in self.sb.world.users.values()]

    def register(self, router: web.UrlDispatcher) -> None:
        router.add_get("/_sandbox/files/{doc_id}/{name}", self.file)
        router.add_get("/_sandbox/photos/{name}", self.photo)
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
        finally:
            if request.match_info["op"] not in READ_ONLY:
                self.sb.changes.bump()  # the page redraws; the world is saved again
        return json_response({"result": result})

    def actions(self, since: int = 0, method: str | None = None) -> list[dict[str, Any]]:
        return self.sb.actions.list(int(since), method)

    async def wait_action(self, method: str, since: int = 0, timeout: float = 5.0,  # noqa: ASYNC109
                          match: dict[str, Any] | None = None) -> dict[str, Any]:
        found = await self.sb.actions.wait(method, int(since), match or {}, float(timeout))
        if found is not None:
            return found
        seen = [f"#{a['seq']} {a['method']} {a['params']}" for a in self.sb.actions.list(0)]
        raise TimeoutError(
            f"timeout: no {method} with {match or {}} after seq {since} within {timeout}s;"
            f" calls so far: {seen[-30:] or 'none'}")

    def messages(self, peer_id: int) -> list[dict[str, Any]]:
        conv = self.sb.world.conversations.get(int(peer_id))
        if conv is None:
            return []
        return [control_message(self.sb.world, m) for m in conv.messages.values()]

    def set_bot_admin(self, peer_id: int, admin: bool) -> None:
        room = simulate.chat(self.sb.world, peer_id)
        if not room.bot_is_member:
            raise SandboxError("the community is not a member of this chat")
        room.bot_is_admin = bool(admin)

    def set_callback_timeout(self, seconds: float) -> None:
        self.sb.world.callback_api.timeout = float(seconds)

    def repeat_next_callbacks(self, count: int = 1) -> None:
        self.sb.world.callback_api.repeat_next = int(count)

    def set_chats_per_day(self, per_day: int | None) -> None:
        if per_day is not None and int(per_day) < 0:
            raise SandboxError("chats per day cannot be negative")
        self.sb.world.chat_quota.per_day = None if per_day is None else int(per_day)

    async def photo(self, request: web.Request) -> web.Response:
        """The bytes of a photo in a message (`sizes[].url`), as VK's photo servers serve them."""
        stem, _, ext = request.match_info["name"].partition(".")
        photo = self.sb.world.photos.photos.get(int(stem)) if stem.isdigit() else None
        if photo is None or ext not in ("png", "jpg"):
            raise web.HTTPNotFound()
        kind = "image/png" if ext == "png" else "image/jpeg"
        return web.Response(body=photo.content, content_type=kind)

    async def file(self, request: web.Request) -> web.Response:
        doc_id = request.match_info["doc_id"]
        doc = self.sb.world.docs.get(int(doc_id)) if doc_id.isdigit() else None
        if doc is None or doc.title != request.match_info["name"]:
            raise web.HTTPNotFound()
        return await serve_document(request, doc.content, self.sb.world.doc_serving.take())

    def serve_documents(self, chunk_bytes: int | None = None, pause: float = 0.0,
                        cut_after: int | None = None, length_delta: int = 0,
                        count: int | None = None, chunked: bool = False) -> None:
        self.sb.world.doc_serving = DocServing(
            None if chunk_bytes is None else int(chunk_bytes), float(pause),
            None if cut_after is None else int(cut_after), int(length_delta),
            None if count is None else int(count), bool(chunked))
