"""groups.*, users.get and utils.resolveScreenName."""

from __future__ import annotations

import secrets
from typing import Any

from .errors import VKError, param_error
from .params import Params
from .render import group_object, user_object
from .state import World

LP_KEYS_KEPT = 20


def groups_get_by_id(world: World, p: Params) -> Any:
    wanted = p.str_list("group_ids") or p.str_list("group_id")
    if not wanted:
        return {"groups": [group_object(world)], "profiles": []}
    groups = [group_object(world) for g in wanted
              if g == str(world.group_id) or world.is_own_screen_name(g)]
    if not groups:
        raise param_error("group_ids is invalid")
    return {"groups": groups, "profiles": []}


def groups_get_long_poll_server(world: World, p: Params) -> Any:
    group_id = p.int("group_id", required=True)
    if group_id != world.group_id:
        raise param_error("group_id is invalid")
    key = secrets.token_hex(20)
    world.lp_keys.append(key)
    del world.lp_keys[:-LP_KEYS_KEPT]
    # VK returns ts as a string.
    return {"key": key, "server": f"{world.base_url}/lp/{world.group_id}",
            "ts": str(world.events.next_ts)}


def users_get(world: World, p: Params) -> Any:
    out = []
    wanted = p.str_list("user_ids")
    for ident in wanted:
        user = world.resolve_user(ident)
        if user is not None:
            obj = user_object(user)
            if "screen_name" in p.str_list("fields"):
                # VK names a page without a short name by its id.
                obj.setdefault("screen_name", f"id{user.id}")
            out.append(obj)
    if wanted and not out and not any(w.isdigit() for w in wanted):
        # VK skips unknown short names, and refuses a list of nothing but them.
        raise VKError(113)
    return out


def resolve_screen_name(world: World, p: Params) -> Any:
    name = p.str("screen_name", required=True)
    if world.is_own_screen_name(name):
        return {"type": "group", "object_id": world.group_id}
    user = world.resolve_user(name) if not name.lstrip("-").isdigit() else None
    if user is not None:
        return {"type": "user", "object_id": user.id}
    # VK answers an unknown screen name with an empty array, not an error.
    return []


def groups_get_callback_confirmation_code(world: World, p: Params) -> Any:
    return world.callback_api.get_confirmation_code(p)


def groups_get_callback_servers(world: World, p: Params) -> Any:
    return world.callback_api.get_servers(p)


METHODS = {
    "groups.getById": groups_get_by_id,
    "groups.getCallbackConfirmationCode": groups_get_callback_confirmation_code,
    "groups.getCallbackServers": groups_get_callback_servers,
    "groups.getLongPollServer": groups_get_long_poll_server,
    "users.get": users_get,
    "utils.resolveScreenName": resolve_screen_name,
}
