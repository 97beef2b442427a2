"""Who may do what: the chat a call addresses, and the bot's rights there."""

from __future__ import annotations

from .api import Call
from .errors import chat_not_found, denied
from .models import Chat
from .state import World


def known_chat(world: World, chat_id: int) -> Chat:
    """A chat the bot is or was in; others do not exist for it (404 chat.not.found)."""
    chat = world.chats.get(chat_id)
    if chat is None or (world.bot_id not in chat.members and chat.status == "active"):
        raise chat_not_found(chat_id)
    return chat


def path_chat(call: Call) -> Chat:
    return known_chat(call.world, call.path_int("chatId"))


def member_chat(world: World, chat: Chat) -> Chat:
    if world.bot_member(chat) is None:
        why = {
            "suspended": "the user stopped the bot",
            "removed": "the bot was removed",
            "left": "the bot left this chat",
        }.get(chat.status, "no access")
        raise denied(f"Chat {chat.chat_id} is not available: {why}")
    return chat


def admin_chat(world: World, chat: Chat) -> Chat:
    member = world.bot_member(member_chat(world, chat))
    if chat.is_group and not (member and member.is_admin):
        raise denied("The bot must be an administrator of this chat")
    return chat


def need(world: World, chat: Chat, permission: str) -> Chat:
    member_chat(world, chat)
    if not world.bot_can(chat, permission):
        raise denied(f"The bot needs the admin permission '{permission}' in this chat")
    return chat
