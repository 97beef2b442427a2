"""Shared permission checks: which peer the community may write to, read or administer."""

from __future__ import annotations

from .errors import VKError
from .state import CHAT_PEER_BASE, Chat, World


def is_admin(world: World, chat: Chat) -> bool:
    return chat.bot_is_member and (chat.bot_is_admin or chat.owner_id == world.bot_id)


def member_chat(world: World, peer_id: int, missing: int = 917) -> Chat:
    chat = world.chat_by_peer(peer_id)
    if chat is None:
        raise VKError(missing if peer_id > CHAT_PEER_BASE else 917)
    if not chat.bot_is_member:
        raise VKError(917)
    return chat


def admin_chat(world: World, peer_id: int, code: int = 925) -> Chat:
    chat = member_chat(world, peer_id, missing=927)
    if not is_admin(world, chat):
        raise VKError(code)
    return chat


def check_can_write(world: World, peer_id: int) -> None:
    if peer_id > CHAT_PEER_BASE:
        member_chat(world, peer_id)
        return
    user = world.users.get(peer_id)
    if user is None or not user.allowed_messages:
        raise VKError(901)


def check_can_read(world: World, peer_id: int) -> None:
    if peer_id > CHAT_PEER_BASE:
        member_chat(world, peer_id)
    elif peer_id not in world.users:
        raise VKError(917)
