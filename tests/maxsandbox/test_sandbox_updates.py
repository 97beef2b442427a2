"""GET /updates as MAX serves it: marker commits, types, limit, a long poll that waits, what the
bot is allowed to hear, and the deep link's payload."""

from __future__ import annotations

import asyncio

import pytest

from maxsandbox import MaxSandbox, SandboxError
from tests.maxsandbox.conftest import ALL, TOKEN, RawMax


def kinds(body: dict) -> list[str]:
    return [u["update_type"] for u in body["updates"]]


async def test_marker_commits_and_without_it_the_uncommitted_come_again(api, control, parent):
    await control.start_bot(parent)
    await control.write_dm(parent, "раз")
    first = await api.updates()
    assert kinds(first) == ["bot_started", "message_created"]
    assert kinds(await api.updates()) == kinds(first)  # nothing committed yet
    await control.write_dm(parent, "два")
    after = await api.updates(marker=first["marker"])
    assert [u["message"]["body"]["text"] for u in after["updates"]] == ["два"]
    assert kinds(await api.updates()) == ["message_created"]  # the first two are committed
    empty = await api.updates(marker=after["marker"])
    assert empty["updates"] == [] and empty["marker"] == after["marker"]


async def test_limit_and_types(api, control, parent):
    await control.start_bot(parent)
    for text in ("1", "2", "3"):
        await control.write_dm(parent, text)
    page = await api.updates(limit=2)
    assert kinds(page) == ["bot_started", "message_created"]
    rest = await api.updates(marker=page["marker"], types="bot_started")
    assert rest["updates"] == []  # the two message_created are skipped, not kept
    assert (await api.updates(marker=rest["marker"]))["updates"] == []
    assert await api.error("GET", "/updates", params={"limit": 1001}) == (400, "proto.payload")
    assert await api.error("GET", "/updates", params={"timeout": 91}) == (400, "proto.payload")


async def test_the_long_poll_waits_for_an_update(api, control, parent):
    await control.start_bot(parent)
    marker = (await api.updates())["marker"]
    poll = asyncio.create_task(api.updates(marker=marker, timeout=30))
    await asyncio.sleep(0.2)
    assert not poll.done()  # it hangs on, as MAX's long poll does
    await control.write_dm(parent, "ждали?")
    got = await asyncio.wait_for(poll, 5)
    assert [u["message"]["body"]["text"] for u in got["updates"]] == ["ждали?"]


async def test_in_groups_the_bot_hears_talk_and_joins_only_with_read_all_messages(
    api, control, teacher, parent
):
    chat = await control.create_chat("5А", teacher, [parent], with_bot=True)
    await control.write(parent, chat, "не слышно")
    stranger = await control.create_user("Чужой")
    await control.join_by_link(stranger, (await control.chat(chat))["link"])
    await control.rename_chat(teacher, chat, "5А класс")
    assert kinds(await api.updates()) == ["bot_added", "chat_title_changed"]
    await control.set_bot_permissions(chat, teacher, ["read_all_messages"])
    await control.write(parent, chat, "слышно")
    await control.leave_chat(stranger, chat)
    body = await api.updates()
    assert kinds(body)[-2:] == ["message_created", "user_removed"]
    assert body["updates"][-1]["admin_id"] is None  # left by themselves


async def test_permission_changes_never_come_by_long_polling(api, control, teacher):
    chat = await control.create_chat("5А", teacher, with_bot=True)
    await control.set_bot_permissions(chat, teacher, ALL)
    assert kinds(await api.updates()) == ["bot_added"]


async def test_group_ids_are_negative_times_are_ms_and_joins_say_who_invited(
    api, control, chat, teacher, parent
):
    newcomer = await control.create_user("Новый")
    await control.add_member(chat, newcomer, teacher)
    joined = (await api.updates())["updates"][-1]
    assert joined["update_type"] == "user_added" and joined["chat_id"] == chat < 0
    assert joined["inviter_id"] == teacher and joined["user"]["user_id"] == newcomer
    assert joined["timestamp"] > 1_600_000_000_000


async def test_deep_link_payload_up_to_128_and_longer_dropped_silently(api, control, parent):
    base = "https://max.ru/id7701234567_bot?start="
    await control.open_deep_link(parent, base + "a" * 128)
    await control.open_deep_link(parent, base + "b" * 129)
    payloads = [u["payload"] for u in (await api.updates())["updates"]]
    assert payloads == ["a" * 128, None]
    with pytest.raises(SandboxError):
        await control.open_deep_link(parent, "https://vk.me/club1?ref=abc")
    with pytest.raises(SandboxError):
        await control.open_deep_link(parent, "https://max.ru/other_bot?start=abc")


async def test_stopping_and_restarting_the_bot(api, control, parent):
    dialog = await control.start_bot(parent, payload="first")
    await control.stop_bot(parent)
    with pytest.raises(SandboxError, match="stopped the bot"):
        await control.write_dm(parent, "ау")
    assert (await api.ok("GET", f"/chats/{dialog}"))["status"] == "suspended"
    assert await control.start_bot(parent, payload="again") == dialog
    body = await api.updates()
    assert kinds(body) == ["bot_started", "bot_stopped", "bot_started"]
    assert body["updates"][2]["payload"] == "again"
    assert body["updates"][0]["user_locale"] == "ru"


async def test_old_updates_expire():
    async with MaxSandbox(TOKEN, update_ttl=0.05) as sb:
        import aiohttp

        from maxsandbox import MaxSandboxClient

        async with aiohttp.ClientSession() as session, MaxSandboxClient(sb.url) as control:
            api = RawMax(sb, session)
            uid = await control.create_user("Анна")
            await control.start_bot(uid)
            await asyncio.sleep(0.1)
            assert (await api.updates())["updates"] == []
