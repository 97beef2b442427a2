"""The VK gateway: the one place in the bot that calls VK methods."""

from __future__ import annotations

import json
from typing import Any

import aiohttp
from vkbottle.exception_factory import VKAPIError

from bot.domain.chats import BotRights
from bot.domain.events import CHAT_PEER_BASE
from bot.services.ports import (
    Community,
    DailyLimit,
    DownloadFailed,
    FileTooLarge,
    Keyboard,
    MessengerError,
    MessengerUnavailable,
    NotChatAdmin,
    OutcomeUnknown,
    Outgoing,
    SendResult,
)
from bot.vk.api import GatewayAPI, UnsureOutcome
from bot.vk.coalesce import GATHERED, Coalescer
from bot.vk.errors import to_messenger_error
from bot.vk.random_ids import random_id_for

EXECUTE_CALLS = 25  # VK runs at most 25 API calls in one `execute`
EXECUTE_CODE_CHARS = 60_000  # keep one request's script well inside VK's size limit
# What VK answers `messages.createChat` when the community may create no more chats for now:
# flood control (9), out of limits (103), spam restriction (984). The sandbox answers 9.
_CREATE_LIMIT = frozenset({9, 103, 984})


def keyboard_json(keyboard: Keyboard) -> str:
    rows = []
    for row in keyboard.rows:
        buttons = []
        for button in row:
            action: dict[str, Any] = {"type": button.kind, "label": button.label[:40]}
            if button.kind == "open_link":
                action["link"] = button.link
            action["payload"] = json.dumps(button.payload, ensure_ascii=False)
            item: dict[str, Any] = {"action": action}
            if button.kind in ("text", "callback"):
                item["color"] = button.color
            buttons.append(item)
        rows.append(buttons)
    return json.dumps({"inline": keyboard.inline, "buttons": rows}, ensure_ascii=False)


class VkGateway:
    def __init__(self, api: GatewayAPI, group_id: int) -> None:
        self.api = api
        self.group_id = group_id
        self._coalescer = Coalescer(api.request)

    async def call(self, method: str, **params: Any) -> Any:
        if method in GATHERED:
            return await self._coalescer.call(method, params)
        try:
            answer = await self.api.request(method, params)
        except VKAPIError as error:
            raise to_messenger_error(error, method) from None
        return answer["response"]

    async def community(self) -> Community:
        # Without parameters a community token names its own community.
        response = await self.call("groups.getById")
        groups = response.get("groups", []) if isinstance(response, dict) else response
        if not groups:
            raise MessengerUnavailable(0, "community not found", "groups.getById")
        group = groups[0]
        return Community(
            id=int(group["id"]),
            name=str(group.get("name", "")),
            screen_name=str(group.get("screen_name") or f"club{group['id']}"),
        )

    async def callback_confirmation(self) -> str:
        """The string VK expects back when it confirms a Callback API server (it changes when
        a server is added or edited, so it is asked each time)."""
        answer = await self.call("groups.getCallbackConfirmationCode", group_id=self.group_id)
        return str(answer["code"])

    async def resolve_screen_name(self, screen_name: str) -> int | None:
        found = await self.call("utils.resolveScreenName", screen_name=screen_name)
        if isinstance(found, dict) and found.get("type") == "user":
            return int(found["object_id"])
        return None

    async def resolve_screen_names(self, screen_names: list[str]) -> dict[str, int | None]:
        # users.get takes short names too: one request for a thousand instead of a thousand.
        found: dict[str, int | None] = {}
        try:
            users = await self.call(
                "users.get", user_ids=",".join(screen_names), fields="screen_name"
            )
        except MessengerError as error:
            if error.code != 113:  # 113: none of them is a user; ask one by one below
                raise
            users = []
        wanted = {name.lower() for name in screen_names}
        for user in users or []:
            name = str(user.get("screen_name") or f"id{user['id']}").lower()
            if name in wanted:
                found[name] = int(user["id"])
        for name in screen_names:
            # A page renamed since the file was made answers only to its old name here.
            if name.lower() not in found:
                found[name.lower()] = await self.resolve_screen_name(name)
        return {name: found[name.lower()] for name in screen_names}

    async def user_names(self, user_ids: list[int]) -> dict[int, str]:
        names: dict[int, str] = {}
        for start in range(0, len(user_ids), 1000):
            chunk = user_ids[start : start + 1000]
            users = await self.call("users.get", user_ids=",".join(map(str, chunk)))
            for user in users or []:
                full = f"{user.get('first_name', '')} {user.get('last_name', '')}".strip()
                names[int(user["id"])] = full or f"id{user['id']}"
        return names

    async def download(
        self, url: str, *, max_bytes: int, expected_size: int | None = None
    ) -> bytes:
        # One read() returns what one TCP segment held: read to the end, never past the cap.
        if expected_size is not None and expected_size > max_bytes:
            raise FileTooLarge(max_bytes)
        parts: list[bytes] = []
        got = 0
        try:
            async with self.api.http_client.request(url, method="GET") as response:
                if response.status != 200:
                    raise DownloadFailed(response.status, "HTTP error", "download")
                # A compressed body's length is not the file's.
                encoded = "Content-Encoding" in response.headers
                announced = None if encoded else response.content_length
                if announced is not None and announced > max_bytes:
                    raise FileTooLarge(max_bytes)
                async for chunk in response.content.iter_chunked(64 * 1024):
                    got += len(chunk)
                    if got > max_bytes:
                        raise FileTooLarge(max_bytes)
                    parts.append(chunk)
        except (aiohttp.ClientError, TimeoutError) as error:
            raise DownloadFailed(
                0, f"{type(error).__name__} after {got} bytes", "download"
            ) from None
        for promised in (announced, expected_size):
            # A proxy that announces less than the file is cut off silently: only the size
            # the messenger gave with the attachment shows it.
            if promised is not None and promised != got:
                raise DownloadFailed(0, f"{got} bytes of {promised}", "download")
        return b"".join(parts)

    async def create_chat(self, title: str) -> int:
        try:
            answer = await self.api.request_at_most_once("messages.createChat", {"title": title})
        except UnsureOutcome as error:
            raise OutcomeUnknown(0, str(error), "messages.createChat") from None
        except VKAPIError as error:
            if error.code in _CREATE_LIMIT:
                raise DailyLimit(error.code, str(error.error_msg), "messages.createChat") from None
            raise to_messenger_error(error, "messages.createChat") from None
        created = answer["response"]
        # API 5.199 answers {chat_id, peer_ids}; older versions a bare chat id.
        chat_id = created["chat_id"] if isinstance(created, dict) else int(created)
        return CHAT_PEER_BASE + int(chat_id)

    async def find_own_chat(self, title: str, *, known: set[int]) -> int | None:
        found = await self.call("messages.searchConversations", q=title, count=50)
        me = -self.group_id
        peers = []
        for item in found.get("items", []) if isinstance(found, dict) else []:
            peer = int(item.get("peer", {}).get("id", 0))
            settings = item.get("chat_settings") or {}
            if (
                peer > CHAT_PEER_BASE
                and peer not in known
                and settings.get("title") == title
                and settings.get("owner_id") == me
                and settings.get("state", "in") == "in"
            ):
                peers.append(peer)
        return max(peers) if peers else None

    async def message_text(self, peer_id: int, message_id: int) -> tuple[int, str] | None:
        found = await self.call(
            "messages.getByConversationMessageId",
            peer_id=peer_id,
            conversation_message_ids=message_id,
        )
        items = found.get("items", []) if isinstance(found, dict) else []
        if not items:
            return None
        return int(items[0].get("from_id", 0)), str(items[0].get("text", ""))

    async def invite_link(self, peer_id: int, *, reset: bool = False) -> str:
        answer = await self.call("messages.getInviteLink", peer_id=peer_id, reset=int(reset))
        return str(answer["link"])

    async def pin(self, peer_id: int, message_id: int) -> None:
        await self.call("messages.pin", peer_id=peer_id, cmid=message_id)

    async def chat_rights(self, peer_id: int) -> BotRights:
        try:
            found = await self.call("messages.getConversationsById", peer_ids=peer_id)
        except NotChatAdmin:
            return BotRights()
        items = found.get("items", []) if isinstance(found, dict) else []
        if not items and peer_id > CHAT_PEER_BASE:
            # VK answers `count: 0` for a chat whose administrator the community is not: not
            # "not a member" (the bot hears the chat, so it is in it), but "no rights yet".
            return BotRights.not_admin_yet()
        settings = items[0].get("chat_settings") if items else None
        if not settings or settings.get("state") != "in":
            return BotRights()
        me = -self.group_id
        is_admin = settings.get("owner_id") == me or me in settings.get("admin_ids", [])
        acl = settings.get("acl", {})
        return BotRights(
            is_member=True,
            is_admin=is_admin,
            # VK shows a community every message only where it is an administrator.
            can_see_all=is_admin,
            can_see_invite_link=bool(acl.get("can_see_invite_link")),
            can_kick=is_admin and bool(acl.get("can_moderate", True)),
            can_pin=bool(acl.get("can_change_pin")),
            can_delete=is_admin and bool(acl.get("can_moderate", True)),
        )

    async def chat_title(self, peer_id: int) -> str | None:
        try:
            found = await self.call("messages.getConversationsById", peer_ids=peer_id)
        except MessengerError:
            return None
        items = found.get("items", []) if isinstance(found, dict) else []
        settings = items[0].get("chat_settings") if items else None
        return str(settings["title"]) if settings and settings.get("title") else None

    async def chat_member_ids(self, peer_id: int) -> list[int]:
        found = await self.call("messages.getConversationMembers", peer_id=peer_id, count=1000)
        return [int(m["member_id"]) for m in found.get("items", []) if int(m["member_id"]) > 0]

    async def delete_messages(self, peer_id: int, cmids: list[int]) -> set[int]:
        answer = await self.call(
            "messages.delete",
            peer_id=peer_id,
            cmids=",".join(map(str, cmids)),
            delete_for_all=1,
        )
        if isinstance(answer, dict):  # before 5.199: {"<id>": 1}
            return {int(k) for k, v in answer.items() if v == 1 and int(k) in cmids}
        return {
            int(item.get("conversation_message_id", 0))
            for item in answer or []
            if isinstance(item, dict) and item.get("response") == 1
        }

    async def restrict(self, peer_id: int, user_ids: list[int], seconds: int | None) -> list[int]:
        params: dict[str, Any] = {"for": seconds} if seconds else {}
        return await self._restrictions(peer_id, user_ids, "ro", params)

    async def unrestrict(self, peer_id: int, user_ids: list[int]) -> list[int]:
        return await self._restrictions(peer_id, user_ids, "rw", {})

    async def _restrictions(
        self, peer_id: int, user_ids: list[int], action: str, extra: dict[str, Any]
    ) -> list[int]:
        answer = await self.call(
            "messages.changeConversationMemberRestrictions",
            peer_id=peer_id,
            member_ids=",".join(map(str, user_ids)),
            action=action,
            **extra,
        )
        failed = answer.get("failed_member_ids", []) if isinstance(answer, dict) else []
        return [int(uid) for uid in failed]

    async def remove_from_chat(self, peer_id: int, user_id: int) -> None:
        await self.call(
            "messages.removeChatUser", chat_id=peer_id - CHAT_PEER_BASE, member_id=user_id
        )

    async def send_document(
        self, peer_id: int, *, filename: str, data: bytes, text: str, dedup_key: str
    ) -> int:
        server = await self.call("docs.getMessagesUploadServer", type="doc", peer_id=peer_id)
        form = aiohttp.FormData()
        form.add_field("file", data, filename=filename)
        async with self.api.http_client.request(
            server["upload_url"], method="POST", data=form
        ) as response:
            uploaded = await response.json(content_type=None)
        if "file" not in uploaded:
            raise MessengerError(0, str(uploaded.get("error", "upload failed")), "upload")
        saved = await self.call("docs.save", file=uploaded["file"], title=filename)
        doc = saved["doc"]
        return await self.send(
            peer_id,
            text,
            dedup_key=dedup_key,
            attachment=f"doc{doc['owner_id']}_{doc['id']}",
        )

    async def answer_button(self, event_id: str, user_id: int, peer_id: int, text: str) -> None:
        data = json.dumps({"type": "show_snackbar", "text": text[:90]}, ensure_ascii=False)
        await self.call(
            "messages.sendMessageEventAnswer",
            event_id=event_id,
            user_id=user_id,
            peer_id=peer_id,
            event_data=data,
        )

    async def reset_invite_link(self, peer_id: int) -> str:
        return await self.invite_link(peer_id, reset=True)

    async def send_photo(
        self, peer_id: int, *, filename: str, data: bytes, text: str, dedup_key: str
    ) -> int:
        server = await self.call("photos.getMessagesUploadServer", peer_id=peer_id)
        form = aiohttp.FormData()
        form.add_field("photo", data, filename=filename, content_type="image/png")
        async with self.api.http_client.request(
            server["upload_url"], method="POST", data=form
        ) as response:
            uploaded = await response.json(content_type=None)
        if not uploaded.get("photo") or uploaded.get("photo") == "[]":
            raise MessengerError(0, str(uploaded.get("error", "upload failed")), "upload")
        saved = await self.call(
            "photos.saveMessagesPhoto",
            photo=uploaded["photo"],
            server=uploaded.get("server", 0),
            hash=uploaded.get("hash", ""),
        )
        photo = saved[0]
        attachment = f"photo{photo['owner_id']}_{photo['id']}"
        if photo.get("access_key"):
            attachment += f"_{photo['access_key']}"
        return await self.send(peer_id, text, dedup_key=dedup_key, attachment=attachment)

    async def set_chat_title(self, peer_id: int, title: str) -> None:
        await self.call("messages.editChat", chat_id=peer_id - CHAT_PEER_BASE, title=title)

    async def long_poll_server(self) -> dict[str, Any]:
        return await self.call("groups.getLongPollServer", group_id=self.group_id)

    async def send(
        self,
        peer_id: int,
        text: str,
        *,
        dedup_key: str,
        keyboard: Keyboard | None = None,
        attachment: str | None = None,
        reply_to: int | None = None,
    ) -> int:
        params: dict[str, Any] = {
            "peer_ids": peer_id,
            "message": text,
            "random_id": random_id_for(dedup_key),
            "dont_parse_links": 1,
        }
        if attachment:
            params["attachment"] = attachment
        if reply_to:
            # In chats a community knows messages only by conversation_message_id: a reply is
            # `forward` with is_reply (what vkbottle's message.reply() sends), not `reply_to`.
            params["forward"] = json.dumps(
                {"peer_id": peer_id, "conversation_message_ids": [reply_to], "is_reply": True}
            )
        if keyboard is not None:
            params["keyboard"] = keyboard_json(keyboard)
        items = await self.call("messages.send", **params)
        item = items[0] if isinstance(items, list) and items else {}
        if "error" in item:
            error = item["error"]
            raise to_messenger_error(
                VKAPIError[int(error.get("code", 0))](error_msg=str(error.get("description", ""))),
                "messages.send",
            )
        return int(item.get("conversation_message_id") or item.get("message_id") or 0)

    async def send_many(self, messages: list[Outgoing]) -> list[SendResult]:
        results: list[SendResult] = []
        for batch in _batches(messages):
            results += await self._execute_sends(batch)
        return results

    async def _execute_sends(self, batch: list[tuple[Outgoing, str]]) -> list[SendResult]:
        code = "return [" + ",".join(call for _, call in batch) + "];"
        try:
            answer = await self.api.request("execute", {"code": code})
        except VKAPIError as error:
            raise to_messenger_error(error, "execute") from None
        items = answer.get("response") or []
        errors = iter(answer.get("execute_errors") or [])
        results = []
        for (message, _), item in zip(batch, items, strict=False):
            results.append(_send_result(message.peer_id, item, errors))
        return results


def _send_call(message: Outgoing) -> str:
    params: dict[str, Any] = {
        "peer_ids": message.peer_id,
        "message": message.text,
        "random_id": random_id_for(message.dedup_key),
        "dont_parse_links": 1,
    }
    if message.attachments:
        params["attachment"] = ",".join(message.attachments)
    return f"API.messages.send({json.dumps(params, ensure_ascii=False)})"


def _batches(messages: list[Outgoing]) -> list[list[tuple[Outgoing, str]]]:
    batches: list[list[tuple[Outgoing, str]]] = [[]]
    size = 0
    for message in messages:
        call = _send_call(message)
        current = batches[-1]
        if current and (len(current) >= EXECUTE_CALLS or size + len(call) > EXECUTE_CODE_CHARS):
            batches.append([])
            size = 0
        batches[-1].append((message, call))
        size += len(call)
    return [b for b in batches if b]


def _send_result(peer_id: int, item: Any, errors: Any) -> SendResult:
    """An execute item: the send's answer, or `false` matched in order with `execute_errors`."""
    if item is False:
        error = next(errors, {})
        code, text = int(error.get("error_code", 0)), str(error.get("error_msg", ""))
        return SendResult(peer_id, error=_error(code, text))
    first = item[0] if isinstance(item, list) and item else item
    if isinstance(first, dict) and "error" in first:
        error = first["error"]
        return SendResult(
            peer_id, error=_error(int(error.get("code", 0)), str(error.get("description", "")))
        )
    if isinstance(first, dict):
        cmid = first.get("conversation_message_id") or first.get("message_id") or 0
        return SendResult(peer_id, message_id=int(cmid))
    return SendResult(peer_id, message_id=int(first or 0))


def _error(code: int, text: str) -> MessengerError:
    return to_messenger_error(VKAPIError[code](error_msg=text), "messages.send")
