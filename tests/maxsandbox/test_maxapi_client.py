"""maxapi itself, unchanged except for its base URL, against the sandbox over real HTTP.

Every Bot method a school bot uses, and every update type through maxapi's Dispatcher. Where
maxapi and the schema/notes disagree, the sandbox follows the schema and notes, and the test's
name says so (`..._schema_wins` / `..._late_2026`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from typing import Any

import pytest
from maxapi import Bot, Dispatcher
from maxapi.enums.chat_permission import ChatPermission
from maxapi.enums.upload_type import UploadType
from maxapi.exceptions.max import InvalidToken, MaxApiError
from maxapi.methods.types.getted_updates import process_update_request
from maxapi.types import (
    BotCommand,
    CallbackButton,
    ChatAdmin,
    InputMediaBuffer,
    MessageCallback,
    MessageCreated,
)
from maxapi.utils.inline_keyboard import InlineKeyboardBuilder

from tests.maxsandbox.conftest import ALL, SCHOOL, TOKEN
from tests.maxsandbox.test_schema_conformance import PNG


@pytest.fixture
async def bot(sandbox):
    b = Bot(
        TOKEN,
        after_input_media_delay=0.01,
        after_upload_retry_delay=0.1,
        auto_check_subscriptions=False,
    )
    b.set_api_url(sandbox.url)
    yield b
    await b.close_session()


def keyboard(*payloads: str):
    builder = InlineKeyboardBuilder()
    for payload in payloads:
        builder.row(CallbackButton(text=f"Кнопка {payload}", payload=payload))
    return builder.as_markup()


async def test_bot_info_commands_and_a_wrong_token(bot, sandbox):
    me = await bot.get_me()
    assert (me.user_id, me.username, me.is_bot) == (sandbox.bot_id, "id7701234567_bot", True)
    result = await bot.set_commands(BotCommand(name="help", description="Помощь"))
    assert [c.name for c in result.commands] == ["help"]
    assert [c.name for c in (await bot.get_me()).commands] == ["help"]
    wrong = Bot("not-the-token")
    wrong.set_api_url(sandbox.url)
    with pytest.raises(InvalidToken):
        await wrong.get_me()
    await wrong.close_session()


async def test_messages_send_edit_delete_and_history(bot, control, chat, parent, dialog):
    sent = await bot.send_message(
        chat_id=chat, text="Собрание в пятницу", attachments=[keyboard("yes")]
    )
    mid = sent.message.body.mid
    assert sent.message.recipient.chat_id == chat and sent.message.sender.is_bot
    dm = await bot.send_message(user_id=parent, text="Здравствуйте")
    assert dm.message.recipient.chat_id == dialog
    assert (await bot.get_message(mid)).body.text == "Собрание в пятницу"
    history = await bot.get_messages(chat_id=chat)
    assert [m.body.mid for m in history.messages] == [mid]
    await bot.edit_message(mid, text="Собрание в четверг", attachments=[keyboard("yes")])
    stored = (await control.messages(chat))[0]
    assert stored["body"]["text"] == "Собрание в четверг"
    await bot.delete_message(mid)
    assert (await control.messages(chat))[0]["deleted"]
    with pytest.raises(MaxApiError) as refused:
        await bot.get_message(mid)
    assert refused.value.code == 404


async def test_chat_info_pin_title_and_typing(bot, control, chat):
    info = await bot.get_chat_by_id(chat)
    assert info.chat_id == chat < 0 and info.type == "chat" and info.title == "5А · родители"
    mid = (await bot.send_message(chat_id=chat, text="Правила чата")).message.body.mid
    await bot.pin_message(chat_id=chat, message_id=mid, notify=False)
    assert (await bot.get_pin_message(chat)).message.body.mid == mid
    await bot.delete_pin_message(chat)
    assert (await bot.get_pin_message(chat)).message is None
    renamed = await bot.edit_chat(chat, title="5А · родители 2026")
    assert renamed.title == (await control.chat(chat))["title"] == "5А · родители 2026"
    assert (await bot.send_action(chat_id=chat)).success


async def test_members_admins_and_the_bots_own_membership(bot, control, chat, teacher, parent):
    me = await bot.get_me_from_chat(chat)
    assert me.is_admin and set(me.permissions) == set(ALL)
    members = await bot.get_chat_members(chat_id=chat, count=2)
    assert len(members.members) == 2 and members.marker is not None
    rest = await bot.get_chat_members(chat_id=chat, count=2, marker=members.marker)
    ids = {m.user_id for m in members.members + rest.members}
    assert ids == {teacher, parent, bot.me.user_id if bot.me else 229229229}
    assert (await bot.get_chat_member(chat_id=chat, user_id=parent)).user_id == parent
    await bot.add_list_admin_chat(
        chat_id=chat, admins=[ChatAdmin(user_id=parent, permissions=[ChatPermission.PIN_MESSAGE])]
    )
    admins = await bot.get_list_admin_chat(chat)
    assert {a.user_id for a in admins.members} == {teacher, parent, 229229229}
    await bot.remove_admin(chat_id=chat, user_id=parent)
    assert str(parent) not in (await control.chat(chat))["admins"]
    await bot.delete_me_from_chat(chat)
    assert (await control.chat(chat))["status"] == "left"


async def test_kick_with_block_works_though_maxapi_adds_a_chat_id_the_schema_lacks(
    bot, control, chat, parent
):
    assert (await bot.kick_chat_member(chat_id=chat, user_id=parent, block=True)).success
    act = await control.wait_action("removeMember")
    assert act["query"] == {"chat_id": str(chat), "user_id": str(parent), "block": "true"}
    info = await control.chat(chat)
    assert parent not in info["members"] and info["blocked"] == [parent]
    with pytest.raises(Exception, match="blocked"):
        await control.join_by_link(parent, info["link"])


async def test_adding_members_is_restricted_late_2026(bot, control, chat):
    """maxapi still offers add_chat_members undeprecated; since Sep 2026 MAX restricts it."""
    newcomer = await control.create_user("Новый", "Родитель")
    result = await bot.add_chat_members(chat_id=chat, user_ids=[newcomer])
    assert result.success is False
    assert newcomer not in (await control.chat(chat))["members"]


async def test_removed_endpoints_answer_404_though_maxapi_still_offers_them_late_2026(bot, chat):
    with pytest.warns(DeprecationWarning), pytest.raises(MaxApiError) as gone:
        await bot.get_chats()
    assert gone.value.code == 404
    with pytest.warns(DeprecationWarning), pytest.raises(MaxApiError) as ended:
        await bot.set_my_commands(BotCommand(name="help"))
    assert ended.value.code == 404
    with pytest.warns(DeprecationWarning), pytest.raises(MaxApiError):
        await bot.get_chat_by_link("https://max.ru/join/whatever")


async def test_upload_and_send_a_file_retrying_attachment_not_ready(sandbox, bot, control, chat):
    sandbox.uploads.ready_delay = 0.3  # MAX processes the file for a while
    pdf = InputMediaBuffer(b"%PDF-1.4 report", filename="report.pdf", type=UploadType.FILE)
    sent = await bot.send_message(chat_id=chat, text="Отчёт", attachments=[pdf])
    attachment = sent.message.body.attachments[0]
    assert attachment.type == "file" and attachment.filename.startswith("report")
    tries = await control.actions(operation="sendMessage")
    assert tries[0]["status"] == 400 and tries[0]["error"]["code"] == "attachment.not.ready"
    assert tries[-1]["status"] == 200
    assert await bot.download_bytes(attachment.payload.url) == b"%PDF-1.4 report"


async def test_upload_media_image_and_video_tokens(sandbox, bot, chat):
    image = await bot.upload_media(InputMediaBuffer(PNG, filename="chart", type=UploadType.IMAGE))
    video = await bot.upload_media(
        InputMediaBuffer(b"\x00mp4", filename="v.mp4", type=UploadType.VIDEO)
    )
    assert image.payload.token in sandbox.world.media and video.type == "video"
    sent = await bot.send_message(chat_id=chat, attachments=[image])
    assert sent.message.body.attachments[0].type == "image"
    assert (await bot.get_video(video.payload.token)).token == video.payload.token


async def test_button_answer_edits_the_message_and_notifies(bot, control, chat, parent):
    mid = (
        await bot.send_message(chat_id=chat, text="Согласны?", attachments=[keyboard("yes")])
    ).message.body.mid
    callback_id = await control.press_button(parent, mid, "yes")
    raw = await bot.get_updates(timeout=0)
    events = await process_update_request(raw, bot)
    press = next(e for e in events if isinstance(e, MessageCallback))
    assert press.callback.payload == "yes" and press.callback.user.user_id == parent
    await press.answer(notification="Спасибо, учтено", new_text="Голос учтён")
    assert await control.callback_answers(callback_id) == [
        {"notification": "Спасибо, учтено", "message": True}
    ]
    stored = next(m for m in await control.messages(chat) if m["body"]["mid"] == mid)
    # maxapi resends the original attachments, so the keyboard stays.
    assert stored["body"]["text"] == "Голос учтён" and stored["body"]["attachments"]


async def test_editing_through_maxapi_drops_the_keyboard_the_schema_keeps_it_on_null(
    bot, api, control, chat
):
    first = (
        await bot.send_message(chat_id=chat, text="a", attachments=[keyboard("x")])
    ).message.body.mid
    await bot.edit_message(first, text="b")  # maxapi always sends "attachments": []
    second = (
        await bot.send_message(chat_id=chat, text="c", attachments=[keyboard("y")])
    ).message.body.mid
    await api.ok("PUT", "/messages", params={"message_id": second}, json={"text": "d"})
    stored = {m["body"]["mid"]: m["body"] for m in await control.messages(chat)}
    assert stored[first]["attachments"] is None
    assert stored[second]["attachments"][0]["type"] == "inline_keyboard"


async def test_callback_button_without_payload_is_refused_the_schema_wins(bot, chat):
    builder = InlineKeyboardBuilder().row(CallbackButton(text="Без данных"))
    with pytest.raises(MaxApiError) as refused:
        await bot.send_message(chat_id=chat, text="?", attachments=[builder.as_markup()])
    assert refused.value.code == 400 and refused.value.raw["code"] == "proto.payload"


async def test_button_text_over_128_is_refused_though_maxapi_allows_it_the_schema_wins(bot, chat):
    builder = InlineKeyboardBuilder().row(CallbackButton(text="я" * 129, payload="p"))
    with pytest.raises(MaxApiError) as refused:
        await bot.send_message(chat_id=chat, text="?", attachments=[builder.as_markup()])
    assert refused.value.code == 400


async def test_maxapi_permission_names_outside_the_schema_are_refused_the_schema_wins(
    bot, chat, parent
):
    with pytest.raises(MaxApiError) as refused:
        await bot.add_list_admin_chat(
            chat_id=chat,
            admins=[ChatAdmin(user_id=parent, permissions=[ChatPermission.DELETE_MESSAGE])],
        )
    assert refused.value.code == 400


async def test_history_by_time_maxapi_sends_seconds_the_schema_wants_ms(bot, api, control, chat):
    await bot.send_message(chat_id=chat, text="вчерашнее")
    soon = dt.datetime.now() + dt.timedelta(minutes=1)
    by_maxapi = await bot.get_messages(chat_id=chat, from_time=soon)
    assert by_maxapi.messages == []  # `from` in seconds reads as January 1970 in ms
    by_ms = await api.ok(
        "GET", "/messages", params={"chat_id": chat, "before": int(soon.timestamp() * 1000)}
    )
    assert [m["body"]["text"] for m in by_ms["messages"]] == ["вчерашнее"]


async def test_maxapi_does_not_retry_429_so_the_send_is_lost(bot, control, chat):
    await control.inject_rate_limit(1, operation="sendMessage")
    with pytest.raises(MaxApiError) as limited:
        await bot.send_message(chat_id=chat, text="важное")
    assert limited.value.code == 429 and limited.value.raw["code"] == "too.many.requests"
    assert await control.messages(chat) == []


async def test_bot_added_without_user_is_skipped_by_maxapi_late_2026(bot, control, teacher):
    """Since Nov 2026 bot_added has no `user`; maxapi's model requires it and drops the update,
    so an adapter must read bot_added from the raw update."""
    chat = await control.create_chat("6Б", teacher, with_bot=True)
    raw = await bot.get_updates(timeout=0)
    assert [(u["update_type"], u["chat_id"]) for u in raw["updates"]] == [("bot_added", chat)]
    assert "user" not in raw["updates"][0]
    assert await process_update_request(raw, bot) == []


async def test_every_update_type_through_maxapis_dispatcher(bot, control, teacher, parent):
    seen: list[tuple[str, Any]] = []
    dp = Dispatcher()
    done = asyncio.Event()

    def record(name: str, value: Any) -> None:
        seen.append((name, value))
        if name == "bot_removed":
            done.set()

    @dp.message_created()
    async def created(event: MessageCreated) -> None:
        record("message_created", event.message.body.text)

    @dp.message_edited()
    async def edited(event) -> None:
        record("message_edited", event.message.body.text)

    @dp.message_removed()
    async def removed(event) -> None:
        record("message_removed", event.user_id)

    @dp.message_callback()
    async def pressed(event: MessageCallback) -> None:
        record("message_callback", event.callback.payload)
        await event.answer(notification="ok")

    @dp.bot_started()
    async def started(event) -> None:
        record("bot_started", event.payload)

    @dp.bot_stopped()
    async def stopped(event) -> None:
        record("bot_stopped", event.user.user_id)

    @dp.user_added()
    async def joined(event) -> None:
        record("user_added", (event.user.user_id, event.inviter_id))

    @dp.user_removed()
    async def left(event) -> None:
        record("user_removed", (event.user.user_id, event.admin_id))

    @dp.chat_title_changed()
    async def renamed(event) -> None:
        record("chat_title_changed", event.title)

    @dp.bot_removed()
    async def bot_out(event) -> None:
        record("bot_removed", event.user.user_id)

    task = asyncio.create_task(dp.start_polling(bot))
    try:
        chat = await control.create_chat("5А", teacher, [parent], bot_permissions=SCHOOL)
        await control.open_deep_link(parent, "https://max.ru/id7701234567_bot?start=inv_Q7x")
        await control.write_dm(parent, "Здравствуйте")
        said = await control.write(parent, chat, "Добрый день")
        await control.edit_message(parent, said, "Добрый вечер")
        await control.delete_message(parent, said)
        stranger = await control.create_user("Чужой")
        await control.join_by_link(stranger, (await control.chat(chat))["link"])
        await control.remove_member(chat, stranger, teacher)
        await control.rename_chat(teacher, chat, "5А класс")
        await control.stop_bot(parent)
        await control.remove_bot(chat, teacher)
        await asyncio.wait_for(done.wait(), 10)
    finally:
        await dp.stop_polling()
        await asyncio.gather(task, return_exceptions=True)
    assert seen == [
        ("bot_started", "inv_Q7x"),
        ("message_created", "Здравствуйте"),
        ("message_created", "Добрый день"),
        ("message_edited", "Добрый вечер"),
        ("message_removed", parent),
        ("user_added", (stranger, None)),
        ("user_removed", (stranger, teacher)),
        ("chat_title_changed", "5А класс"),
        ("bot_stopped", parent),
        ("bot_removed", teacher),
    ]


async def test_callback_through_maxapis_dispatcher(bot, control, chat, parent):
    dp = Dispatcher()
    answered = asyncio.Event()

    @dp.message_callback()
    async def pressed(event: MessageCallback) -> None:
        await event.answer(notification=f"Вы выбрали {event.callback.payload}")
        answered.set()

    mid = (
        await bot.send_message(chat_id=chat, text="Выберите", attachments=[keyboard("a", "b")])
    ).message.body.mid
    task = asyncio.create_task(dp.start_polling(bot))
    try:
        callback_id = await control.press_button(parent, mid, "b")
        await asyncio.wait_for(answered.wait(), 10)
    finally:
        await dp.stop_polling()
        await asyncio.gather(task, return_exceptions=True)
    # maxapi's answer() always sends the message back too (with its keyboard).
    assert await control.callback_answers(callback_id) == [
        {"notification": "Вы выбрали b", "message": True}
    ]
    stored = next(m for m in await control.messages(chat) if m["body"]["mid"] == mid)
    assert stored["body"]["text"] == "Выберите" and stored["body"]["attachments"]


async def test_webhook_to_maxapis_aiohttp_adapter_with_the_secret(sandbox, bot, control, parent):
    from aiohttp import web
    from maxapi.webhook.aiohttp import AiohttpMaxWebhook

    dp = Dispatcher()
    got: list[str] = []
    arrived = asyncio.Event()

    @dp.message_created()
    async def created(event: MessageCreated) -> None:
        got.append(event.message.body.text)
        arrived.set()

    webhook = AiohttpMaxWebhook(dp=dp, bot=bot, secret="school_secret_1")
    runner = web.AppRunner(webhook.create_app(path="/max"))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}/max"
    try:
        with pytest.warns(UserWarning, match="HTTPS"):
            await bot.subscribe_webhook(url=url, secret="school_secret_1")
        assert [s.url for s in (await bot.get_subscriptions()).subscriptions] == [url]
        await control.start_bot(parent)
        await control.write_dm(parent, "Через вебхук")
        await asyncio.wait_for(arrived.wait(), 10)
        await bot.delete_webhook()
    finally:
        await runner.cleanup()
    assert got == ["Через вебхук"]
    deliveries = await control.webhook_deliveries()
    assert {d["status"] for d in deliveries} == {200}
    assert json.dumps(deliveries)  # plain data
