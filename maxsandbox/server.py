"""MaxSandbox: one MAX bot, its HTTP server on loopback, the world and the control surface."""

from __future__ import annotations

from typing import Any, Literal

from aiohttp import web

from . import methods_bot as bot
from . import methods_chats as chats
from . import methods_messages as messages
from .actions import ActionLog
from .api import Api
from .control import Control
from .faults import Faults
from .limits import RateLimiter
from .state import World
from .updates import UpdateLog
from .uploads import Uploads, handle_upload, serve_file
from .webhook import Webhooks

AddMembers = Literal["restricted", "removed", "open"]

# (verb, path, schema operationId, handler)
ROUTES = [
    ("GET", "/me", "getMyInfo", bot.get_me),
    ("PATCH", "/me/commands", "editMyCommands", bot.set_commands),
    ("GET", "/chats/{chatId}", "getChat", chats.get_chat),
    ("PATCH", "/chats/{chatId}", "editChat", chats.edit_chat),
    ("POST", "/chats/{chatId}/actions", "sendAction", chats.send_action),
    ("GET", "/chats/{chatId}/pin", "getPinnedMessage", chats.get_pin),
    ("PUT", "/chats/{chatId}/pin", "pinMessage", chats.pin),
    ("DELETE", "/chats/{chatId}/pin", "unpinMessage", chats.unpin),
    ("GET", "/chats/{chatId}/members/me", "getMembership", chats.get_membership),
    ("DELETE", "/chats/{chatId}/members/me", "leaveChat", chats.leave_chat),
    ("GET", "/chats/{chatId}/members/admins", "getAdmins", chats.get_admins),
    ("POST", "/chats/{chatId}/members/admins", "postAdmins", chats.post_admins),
    ("DELETE", "/chats/{chatId}/members/admins/{userId}", "deleteAdmins", chats.delete_admin),
    ("GET", "/chats/{chatId}/members", "getMembers", chats.get_members),
    ("POST", "/chats/{chatId}/members", "addMembers", chats.add_members),
    ("DELETE", "/chats/{chatId}/members", "removeMember", chats.remove_member),
    ("GET", "/subscriptions", "getSubscriptions", bot.get_subscriptions),
    ("POST", "/subscriptions", "subscribe", bot.subscribe),
    ("DELETE", "/subscriptions", "unsubscribe", bot.unsubscribe),
    ("POST", "/uploads", "getUploadUrl", bot.get_upload_url),
    ("GET", "/messages", "getMessages", messages.get_messages),
    ("POST", "/messages", "sendMessage", messages.send_message),
    ("PUT", "/messages", "editMessage", messages.edit_message),
    ("DELETE", "/messages", "deleteMessage", messages.delete_message),
    ("GET", "/messages/{messageId}", "getMessageById", messages.get_message),
    ("GET", "/videos/{videoToken}", "getVideoAttachmentDetails", bot.get_video),
    ("POST", "/answers", "answerOnCallback", bot.answer_callback),
    ("GET", "/updates", "getUpdates", bot.get_updates),
]
# Gone from MAX in 2026: they answer 404 here, as a removed endpoint does.
REMOVED = [
    ("GET", "/chats", "GET /chats was removed in June 2026: keep your own list of chats"),
    ("PATCH", "/me", "PATCH /me ended on 15 Sep 2026: use PATCH /me/commands"),
    ("DELETE", "/chats/{chatId}", "DELETE /chats/{chatId} is not part of the Bot API"),
]


class MaxSandbox:
    def __init__(
        self,
        token: str = "max-sandbox-token",
        *,
        bot_id: int = 229229229,
        bot_username: str = "id7701234567_bot",
        bot_name: str = "Школа №1",
        rps_limit: int = 30,
        per_chat_limit: int = 2,
        add_members: AddMembers = "restricted",
        attachment_ready_delay: float = 0.3,
        upload_max_bytes: int = 50 * 1024 * 1024,
        bot_added_user: bool = False,
        update_ttl: float = 24 * 3600,
        webhook_retry_base: float = 0.2,
        webhook_give_up: float = 8 * 3600,
        webhook_timeout: float = 10.0,
    ) -> None:
        self.token = token
        self.world = World(bot_id, bot_username, bot_name)
        self.world.bot_added_user = bot_added_user
        self.world.on_update = self._route_update
        self.add_members = add_members
        self.updates = UpdateLog(ttl=update_ttl)
        self.webhooks = Webhooks(
            retry_base=webhook_retry_base, give_up=webhook_give_up, timeout=webhook_timeout
        )
        self.uploads = Uploads(upload_max_bytes, attachment_ready_delay)
        self.faults = Faults()
        self.actions = ActionLog()
        self.limiter = RateLimiter(rps_limit, per_chat_limit)
        self.api = Api(self)
        for verb, path, operation, handler in ROUTES:
            self.api.add(verb, path, operation, handler)
        for verb, path, why in REMOVED:
            self.api.add_removed(verb, path, why)
        self._control = Control(self)
        self._runner: web.AppRunner | None = None
        self.url = ""

    @property
    def bot_id(self) -> int:
        return self.world.bot_id

    @property
    def bot_username(self) -> str:
        return self.world.bot.username or ""

    def deep_link(self, payload: str) -> str:
        return f"https://max.ru/{self.bot_username}?start={payload}"

    def _route_update(self, update: dict[str, Any]) -> None:
        # An active webhook takes every update; long polling gets none meanwhile.
        if self.webhooks.active:
            self.webhooks.enqueue(update)
        elif update["update_type"] != "bot_admin_permissions_changed":
            self.updates.append(update)  # that one is never delivered by long polling

    def build_app(self) -> web.Application:
        app = web.Application(client_max_size=self.uploads.max_bytes + 1024 * 1024)
        self._control.register(app.router)
        app.router.add_post("/_upload/{key}", self._upload)
        app.router.add_get("/_files/{media_id}/{name}", self._file)
        self.api.register(app.router)
        return app

    async def _upload(self, request: web.Request) -> web.Response:
        return await handle_upload(self, request)

    async def _file(self, request: web.Request) -> web.Response:
        return await serve_file(self, request)

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._runner = web.AppRunner(self.build_app(), access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()
        bound_port = self._runner.addresses[0][1]
        self.url = f"http://{host}:{bound_port}"
        self.world.base_url = self.url

    async def stop(self) -> None:
        self.updates.close()
        self.actions.wake()
        await self.webhooks.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> MaxSandbox:
        await self.start()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.stop()
