"""MAX's refusals as the sandbox gives them: auth, bad input, limits of messages and keyboards,
and the bot's admin permissions per chat."""

from __future__ import annotations

import pytest

from maxsandbox import SandboxError
from tests.maxsandbox.conftest import TOKEN


def kb(*rows: list[dict]) -> dict:
    return {"type": "inline_keyboard", "payload": {"buttons": list(rows)}}


def cb(text: str = "Да", payload: str = "yes") -> dict:
    return {"type": "callback", "text": text, "payload": payload}


async def test_the_token_goes_in_the_authorization_header_only(api):
    assert await api.error("GET", "/me", token=None) == (401, "verify.token")
    assert await api.error("GET", "/me", token="Bearer " + TOKEN) == (401, "verify.token")
    assert await api.error("GET", "/me", token=None, params={"access_token": TOKEN}) == (
        401,
        "verify.token",
    )
    assert (await api.ok("GET", "/me"))["username"] == "id7701234567_bot"


async def test_unknown_paths_wrong_verbs_removed_endpoints_and_bad_json(api, chat):
    assert await api.error("GET", "/nothing") == (404, "not.found")
    assert await api.error("PATCH", "/messages") == (405, "method.not.allowed")
    assert await api.error("GET", "/chats") == (404, "not.found")  # removed June 2026
    assert await api.error("PATCH", "/me", json={"first_name": "X"}) == (404, "not.found")
    assert await api.error("GET", "/chats/@school_chat") == (404, "not.found")  # by link: gone
    status, _ = await api.request(
        "POST",
        "/messages",
        params={"chat_id": chat},
        json=None,
        headers={"Content-Type": "application/json"},
    )
    assert status == 400
    raw = await api.session.post(
        api.sandbox.url + "/messages",
        params={"chat_id": str(chat)},
        data="{not json",
        headers={"Authorization": TOKEN},
    )
    assert raw.status == 400 and (await raw.json())["code"] == "proto.payload"
    anonymous = await api.session.post(api.sandbox.url + "/messages", data="{not json")
    assert anonymous.status == 401  # the token is checked first


async def test_text_limit_is_4000_characters(api, chat):
    assert (await api.send("я" * 4000, chat_id=chat))["body"]["text"] == "я" * 4000
    assert await api.error(
        "POST", "/messages", params={"chat_id": chat}, json={"text": "я" * 4001}
    ) == (400, "proto.payload")
    assert await api.error("POST", "/messages", params={"chat_id": chat}, json={}) == (
        400,
        "proto.payload",
    )


async def test_send_needs_exactly_one_target_and_a_started_dialog(api, control, chat, parent):
    assert await api.error("POST", "/messages", json={"text": "x"}) == (400, "proto.payload")
    assert await api.error(
        "POST", "/messages", params={"chat_id": chat, "user_id": parent}, json={"text": "x"}
    ) == (400, "proto.payload")
    # A bot cannot write first: the person must press «Начать» (or open a deep link).
    assert await api.error("POST", "/messages", params={"user_id": parent}, json={"text": "x"}) == (
        403,
        "chat.denied",
    )
    dialog = await control.start_bot(parent)
    sent = await api.send("Здравствуйте", user_id=parent)
    assert sent["recipient"] == {"chat_id": dialog, "chat_type": "dialog", "user_id": parent}
    await control.stop_bot(parent)
    assert await api.error("POST", "/messages", params={"user_id": parent}, json={"text": "x"}) == (
        403,
        "chat.denied",
    )
    assert await api.error("POST", "/messages", params={"chat_id": -1}, json={"text": "x"}) == (
        404,
        "chat.not.found",
    )


async def test_keyboard_limits(api, chat):
    async def refused(*rows: list[dict]) -> bool:
        status, _ = await api.request(
            "POST",
            "/messages",
            params={"chat_id": chat},
            json={"text": "?", "attachments": [kb(*rows)]},
        )
        return status == 400

    link = {"type": "link", "text": "Сайт", "url": "https://school.example"}
    assert not await refused([cb(payload="p" * 1024)], [cb("я" * 128)])
    assert await refused([cb(payload="p" * 1025)])
    assert await refused([cb("я" * 129)])
    assert await refused([cb("")])
    assert await refused([{"type": "callback", "text": "x", "payload": None}])
    assert await refused([{"type": "chat", "text": "Создать чат"}])  # the chat button is gone
    assert not await refused([cb(payload=str(i)) for i in range(7)])
    assert await refused([cb(payload=str(i)) for i in range(8)])
    assert not await refused([link, link, link])
    assert await refused([link, link, link, cb()])  # a row with a link holds 3 at most
    assert await refused(*[[cb(payload=str(i))] for i in range(31)])
    assert not await refused(*[[cb(payload=f"{r}-{i}") for i in range(7)] for r in range(30)])
    assert await refused([])
    assert await refused([{"type": "link", "text": "x", "url": "h" * 2049}])


async def test_only_one_keyboard_and_file_or_audio_alone(api, chat):
    assert await api.error(
        "POST",
        "/messages",
        params={"chat_id": chat},
        json={"text": "?", "attachments": [kb([cb()]), kb([cb()])]},
    ) == (400, "proto.payload")


async def test_markdown_and_html_become_text_with_markup(api, chat, parent):
    sent = await api.send(
        chat_id=chat,
        body={
            "text": f"**Важно**: [родители](max://user/{parent}) и [сайт](https://school.example)",
            "format": "markdown",
        },
    )
    assert sent["body"]["text"] == "Важно: родители и сайт"
    assert sent["body"]["markup"] == [
        {"type": "strong", "from": 0, "length": 5},
        {"type": "user_mention", "from": 7, "length": 8, "user_id": parent},
        {"type": "link", "from": 18, "length": 4, "url": "https://school.example"},
    ]
    html = await api.send(
        chat_id=chat,
        body={"text": "<b>Жирный</b> &amp; <i>курсив</i><br><script>x</script>", "format": "html"},
    )
    assert html["body"]["text"] == "Жирный & курсив\nx"
    assert [m["type"] for m in html["body"]["markup"]] == ["strong", "emphasized"]
    plain = await api.send("**как есть**", chat_id=chat)
    assert plain["body"]["text"] == "**как есть**" and plain["body"]["markup"] is None


async def test_edit_only_own_messages_null_keeps_attachments_empty_list_removes(
    api, control, chat, parent
):
    mine = await api.send(chat_id=chat, body={"text": "a", "attachments": [kb([cb()])]})
    theirs = await control.write(parent, chat, "их сообщение")
    assert await api.error(
        "PUT", "/messages", params={"message_id": theirs}, json={"text": "b"}
    ) == (403, "chat.denied")
    mid = mine["body"]["mid"]
    await api.ok("PUT", "/messages", params={"message_id": mid}, json={"text": "b"})
    got = await api.ok("GET", f"/messages/{mid}")
    assert got["body"]["text"] == "b" and got["body"]["attachments"][0]["type"] == "inline_keyboard"
    await api.ok(
        "PUT", "/messages", params={"message_id": mid}, json={"text": "c", "attachments": []}
    )
    assert (await api.ok("GET", f"/messages/{mid}"))["body"]["attachments"] is None


async def test_in_a_dialog_a_message_without_keyboard_is_editable_for_7_days(
    api, control, dialog, parent
):
    plain = (await api.send("без кнопок", user_id=parent))["body"]["mid"]
    keyed = (
        await api.send(user_id=parent, body={"text": "с кнопкой", "attachments": [kb([cb()])]})
    )["body"]["mid"]
    for mid in (plain, keyed):
        await control.backdate_message(mid, 8 * 24 * 3600)
    assert await api.error(
        "PUT", "/messages", params={"message_id": plain}, json={"text": "x"}
    ) == (403, "chat.denied")
    await api.ok("PUT", "/messages", params={"message_id": keyed}, json={"text": "x"})


async def test_deleting_others_messages_needs_the_delete_permission(api, control, teacher, parent):
    chat = await control.create_chat("5Б", teacher, [parent], bot_permissions=["read_all_messages"])
    theirs = await control.write(parent, chat, "спам")
    own = (await api.send("моё", chat_id=chat))["body"]["mid"]
    assert await api.error("DELETE", "/messages", params={"message_id": theirs}) == (
        403,
        "chat.denied",
    )
    await api.ok("DELETE", "/messages", params={"message_id": own})
    await control.set_bot_permissions(chat, teacher, ["read_all_messages", "delete"])
    await api.ok("DELETE", "/messages", params={"message_id": theirs})
    assert [m["deleted"] for m in await control.messages(chat)] == [True, True]


async def test_in_a_dialog_the_bot_deletes_only_its_own(api, control, dialog, parent):
    theirs = await control.write_dm(parent, "привет")
    assert await api.error("DELETE", "/messages", params={"message_id": theirs}) == (
        403,
        "chat.denied",
    )


async def test_a_plain_member_bot_can_write_but_not_read_history_or_members(
    api, control, teacher, parent
):
    chat = await control.create_chat("5В", teacher, [parent], with_bot=True)
    await api.send("Здравствуйте", chat_id=chat)
    info = await api.ok("GET", f"/chats/{chat}")
    assert info["owner_id"] is None and info["participants"] is None  # admins only
    assert await api.error("GET", "/messages", params={"chat_id": chat}) == (403, "chat.denied")
    assert await api.error("GET", f"/chats/{chat}/members") == (403, "chat.denied")
    assert await api.error("GET", f"/chats/{chat}/members/admins") == (403, "chat.denied")
    assert await api.error("DELETE", f"/chats/{chat}/members", params={"user_id": parent}) == (
        403,
        "chat.denied",
    )
    assert await api.error("PATCH", f"/chats/{chat}", json={"title": "X"}) == (403, "chat.denied")
    mid = (await api.send("правила", chat_id=chat))["body"]["mid"]
    assert await api.error("PUT", f"/chats/{chat}/pin", json={"message_id": mid}) == (
        403,
        "chat.denied",
    )


async def test_each_method_asks_for_its_own_permission(api, control, teacher, parent):
    chat = await control.create_chat("5Г", teacher, [parent], bot_permissions=["pin_message"])
    mid = (await api.send("правила", chat_id=chat))["body"]["mid"]
    await api.ok("PUT", f"/chats/{chat}/pin", json={"message_id": mid})
    assert await api.error("PATCH", f"/chats/{chat}", json={"title": "X"}) == (403, "chat.denied")
    await control.set_bot_permissions(chat, teacher, ["change_chat_info"])
    assert (await api.ok("PATCH", f"/chats/{chat}", json={"title": "X"}))["title"] == "X"
    assert await api.error(
        "POST",
        f"/chats/{chat}/members/admins",
        json={"admins": [{"user_id": parent, "permissions": []}]},
    ) == (403, "chat.denied")


async def test_a_chat_the_bot_is_not_in_does_not_exist_for_it(api, control, teacher):
    chat = await control.create_chat("Чужой", teacher)
    assert await api.error("GET", f"/chats/{chat}") == (404, "chat.not.found")
    await control.add_bot(chat, teacher)
    await control.remove_bot(chat, teacher)
    assert (await api.ok("GET", f"/chats/{chat}"))["status"] == "removed"
    assert await api.error("POST", "/messages", params={"chat_id": chat}, json={"text": "x"}) == (
        403,
        "chat.denied",
    )


async def test_members_pages_and_the_owner_stays(api, control, chat, teacher, parent):
    others = [await control.create_user(f"Родитель {i}") for i in range(5)]
    for uid in others:
        await control.add_member(chat, uid, teacher)
    seen, marker = [], None
    while True:
        page = await api.ok("GET", f"/chats/{chat}/members", params={"count": 3, "marker": marker})
        seen += [m["user_id"] for m in page["members"]]
        marker = page["marker"]
        if marker is None:
            break
    assert len(seen) == len(set(seen)) == 8
    assert await api.error("GET", f"/chats/{chat}/members", params={"count": 101}) == (
        400,
        "proto.payload",
    )
    assert await api.error("DELETE", f"/chats/{chat}/members", params={"user_id": teacher}) == (
        403,
        "chat.denied",
    )


async def test_adding_members_modes(api, control, sandbox, chat, teacher):
    careful = await control.create_user("Осторожный", privacy=True)
    plain = await control.create_user("Обычный")
    restricted = await api.ok("POST", f"/chats/{chat}/members", json={"user_ids": [plain]})
    assert restricted["success"] is False and restricted["failed_user_ids"] == [plain]
    sandbox.add_members = "open"
    opened = await api.ok("POST", f"/chats/{chat}/members", json={"user_ids": [plain, careful, 99]})
    assert opened["failed_user_details"] == [
        {"error_code": "add.participant.privacy", "user_ids": [careful]},
        {"error_code": "add.participant.not.found", "user_ids": [99]},
    ]
    assert plain in (await control.chat(chat))["members"]
    sandbox.add_members = "removed"
    assert await api.error("POST", f"/chats/{chat}/members", json={"user_ids": [careful]}) == (
        404,
        "not.found",
    )


async def test_no_chat_creation_no_invite_link_api_no_member_restrictions(api, chat, parent):
    """MAX has none of these (notes §2): the sandbox does not invent them."""
    assert await api.error("POST", "/chats", json={"title": "Новый"}) == (405, "method.not.allowed")
    assert await api.error("GET", f"/chats/{chat}/link") == (404, "not.found")
    assert await api.error("POST", f"/chats/{chat}/members/{parent}/restrict") == (404, "not.found")


async def test_control_refuses_what_people_cannot_do(control, chat, parent, teacher):
    stranger = await control.create_user("Чужой")
    with pytest.raises(SandboxError, match="not the owner or an admin"):
        await control.add_bot(await control.create_chat("X", teacher), stranger)
    with pytest.raises(SandboxError, match="not a member"):
        await control.write(stranger, chat, "привет")
    with pytest.raises(SandboxError, match="has not started"):
        await control.write_dm(stranger, "привет")
    with pytest.raises(SandboxError, match="no callback button"):
        await control.press_button(parent, await control.write(parent, chat, "x"), "yes")
    with pytest.raises(SandboxError, match="unknown permissions"):
        await control.set_bot_permissions(chat, teacher, ["delete_message"])
