"""Anti-scam through the sandbox: fake collections held back, impostors reported, official marks."""

from __future__ import annotations

import base64
import io

import pytest
import qrcode

from bot.config import ModerationConfig
from bot.demo.world import running_world
from bot.domain.chats import ChatKind, SchoolChat
from bot.domain.classes import ClassName
from bot.sandbox_mode import embedded_config
from bot.storage.chat_repo import ChatRepo
from tests.e2e.moderation_setup import LOG_CHAT, rows, set_up_chats
from tests.e2e.school_setup import set_up_school

pytestmark = pytest.mark.e2e

COLLECTION = "Собираем по 1000 р на подарок учителю, переводите на карту 2200 7001 2345 6781"


@pytest.fixture
async def world(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = embedded_config(tmp_path / "schoolbot.sqlite3")
    config = config.model_copy(update={"moderation": ModerationConfig(log_chat_peer_id=LOG_CHAT)})
    async with running_world(tmp_path, config=config) as world:
        yield world


@pytest.fixture
async def school(world):
    school = await set_up_school(world)
    school.chats = await set_up_chats(world, school)
    await world.control.allow_messages(school.curator.id)
    return school


async def held(world, who, peer, text) -> tuple[int, str, str, str]:
    """`who` posts `text`; the bot deletes it. Returns the cmid, the note in the chat, and the
    alerts the curator and the administrator received."""
    since = await world.mark()
    cmid = await world.control.write_chat(who.id, peer, text)
    await world.control.wait_action(
        "messages.delete", since=since, peer_id=str(peer), cmids=str(cmid), delete_for_all="1"
    )
    note = (await world.replies(peer, since))[0]
    to_curator = (await world.replies(3001, since))[0]
    to_admin = (await world.replies(world.config.school.admins[0], since))[0]
    return cmid, note, to_curator, to_admin


async def test_a_parents_collection_is_held_back_and_the_curator_alerted(world, school):
    parents = school.chats.parents
    cmid, note, to_curator, to_admin = await held(world, school.parent, parents, COLLECTION)
    stored = next(
        m for m in await world.control.messages(parents) if m["conversation_message_id"] == cmid
    )
    assert stored["deleted"]
    assert note.startswith(f"[id{school.parent.id}|") and "скрыто" in note
    assert "не переводите деньги" in note and "2200" not in note
    assert to_curator == to_admin
    assert "Подозрение на мошенничество" in to_curator and "5А · родители" in to_curator
    assert "**** **** **** 6781" in to_curator and "2200 7001" not in to_curator
    # a hacked account is not punished by default: no warning counts
    assert rows(world, "SELECT rule, masked_text FROM incidents") == [
        ("scam", "Собираем по 1000 р на подарок учителю, переводите на карту **** **** **** 6781")
    ]
    assert rows(world, "SELECT COUNT(*) FROM warnings") == [(0,)]
    # so there is nothing to forgive: «Исключить» and «Ок» only
    alert = next(
        m for m in reversed(await world.control.messages(school.curator.id)) if m["from_id"] < 0
    )
    labels = [b["action"]["label"] for row in alert["keyboard"]["buttons"] for b in row]
    assert labels == ["Исключить", "Ок"]


async def test_the_curator_may_post_the_same_collection(world, school):
    parents = school.chats.parents
    since = await world.mark()
    cmid = await world.control.write_chat(school.curator.id, parents, COLLECTION)
    actions = await world.quiet(since)
    assert actions == []
    stored = next(
        m for m in await world.control.messages(parents) if m["conversation_message_id"] == cmid
    )
    assert not stored["deleted"]


async def test_a_short_link_from_a_parent_is_held(world, school):
    _, note, to_curator, _ = await held(
        world, school.parent, school.chats.parents, "Голосуем за класс: clck.ru/3FxYz2"
    )
    assert "короткая ссылка" in note
    assert "clck.ru/3FxYz2" in to_curator


async def test_a_question_about_money_is_left_alone(world, school):
    since = await world.mark()
    await world.control.write_chat(
        school.parent.id, school.chats.parents, "Сколько стоит экскурсия?"
    )
    # the speaker's name is read once a day (to spot impostors, together with others who spoke
    # within a second); nothing else happens
    assert [a["method"] for a in await world.quiet(since, 1.5)] == ["users.get"]


async def alerts_to(world, vk_id: int, since: int, starts: str) -> str:
    """The bot's message to `vk_id` after `since` that starts with `starts` (the gate's own
    report may come first)."""
    while True:
        action = await world.control.wait_action("messages.send", since=since, peer_ids=str(vk_id))
        since = action["seq"]
        text = action["params"].get("message", "")
        if "error" not in action and text.startswith(starts):
            return text


async def test_an_account_named_director_is_reported_when_it_joins(world, school):
    link = await world.app.services.messenger.reset_invite_link(school.chats.parents)
    impostor = await world.person("Дирeктор", "Школы")  # a Latin «e»
    since = await world.mark()
    await world.control.join_by_link(impostor.id, link)
    for vk_id in (school.curator.id, school.admin.id):
        alert = await alerts_to(world, vk_id, since, "Возможный самозванец")
        assert "«5А · родители»" in alert and f"[id{impostor.id}|Дирeктор Школы]" in alert
        assert "«директор»" in alert
    assert rows(world, "SELECT rule, author_vk_id FROM incidents") == [
        ("impersonation", impostor.id)
    ]
    listing = (await world.dm(school.admin, "нарушения самозванцы"))[0]
    assert listing.startswith("Нарушения (1)") and "выдаёт себя за сотрудника школы" in listing


async def test_a_joiner_named_as_the_curator_is_reported(world, school):
    # (the real curator, whose name it is, posts freely: see the collection test above)
    link = await world.app.services.messenger.reset_invite_link(school.chats.parents)
    fake = await world.person("Ольга", "Николаевна (кл. рук.)")
    since = await world.mark()
    await world.control.join_by_link(fake.id, link)
    alert = await alerts_to(world, school.admin.id, since, "Возможный самозванец")
    assert "назвался именем сотрудника школы (" in alert and "Николаевна" in alert


async def test_a_speaker_posing_as_staff_is_reported_once(world, school):
    # added to the chat before the bot was there: first seen when speaking
    pretender = await world.person("Завуч", "Петрова", user_id=9010)
    peer = await world.control.create_chat(
        "Завуч в гостях", member_ids=[school.curator.id, pretender.id], owner_id=school.curator.id
    )

    chat = SchoolChat(peer, ChatKind.PARENTS, ClassName(6, "Б"), title="Завуч в гостях")
    await ChatRepo(world.app.db).add(chat=chat, created_by_bot=False)
    since = await world.mark()
    await world.control.write_chat(pretender.id, peer, "Добрый день, родители")
    alert = await alerts_to(world, school.admin.id, since, "Возможный самозванец")
    assert "«завуч»" in alert
    since = await world.mark()
    await world.control.write_chat(pretender.id, peer, "Ещё одно сообщение")
    assert await world.quiet(since) == []


async def test_a_curator_marks_her_message_official(world, school):
    parents = school.chats.parents
    post = "Родительское собрание в четверг в 18:00, кабинет 214."
    cmid = await world.control.write_chat(school.curator.id, parents, post)
    since = await world.mark()
    await world.control.write_chat(school.curator.id, parents, "официально", reply_to_cmid=cmid)
    mark = (await world.replies(parents, since))[0]
    assert mark.startswith("✅ Официальное сообщение школы — ")
    assert mark.endswith(", классный руководитель 5А")
    sent = next(m for m in await world.control.messages(parents) if m["text"] == mark)
    assert sent["from_id"] < 0 and sent["reply_to_cmid"] == cmid


async def test_a_parent_cannot_mark_a_message_official(world, school):
    parents = school.chats.parents
    cmid = await world.control.write_chat(school.parent.id, parents, "Сбор завтра у школы")
    since = await world.mark()
    await world.control.write_chat(school.parent.id, parents, "Официально", reply_to_cmid=cmid)
    answer = (await world.replies(parents, since))[0]
    assert "могут только сотрудники школы" in answer
    assert "✅" not in answer
    # nor can a curator mark someone else's message
    since = await world.mark()
    await world.control.write_chat(school.curator.id, parents, "официально", reply_to_cmid=cmid)
    assert "только своё сообщение" in (await world.replies(parents, since))[0]


async def test_a_hand_typed_mark_is_held_back(world, school):
    _, note, _, _ = await held(
        world,
        school.parent,
        school.chats.parents,
        "✅ Официальное сообщение школы — Ольга Николаевна. Сдаём по 500 р.",
    )
    assert "скрыто" in note


def qr_photo(text: str) -> dict:
    image = qrcode.make(text).get_image()
    data = io.BytesIO()
    image.save(data, "PNG")
    return {"type": "photo", "content_b64": base64.b64encode(data.getvalue()).decode()}


async def test_a_qr_code_in_a_parents_photo_is_held_but_not_the_curators(world, school):
    parents = school.chats.parents
    photo = qr_photo("https://pay-school.example/form?card=2200700123456781")
    since = await world.mark()
    cmid = await world.control.write_chat(school.parent.id, parents, "", attachments=[photo])
    await world.control.wait_action(
        "messages.delete", since=since, peer_id=str(parents), cmids=str(cmid), delete_for_all="1"
    )
    assert "QR-код на картинке" in (await world.replies(parents, since))[0]
    alert = (await world.replies(school.curator.id, since))[0]
    assert "[QR-код на картинке: https://pay-school.example/form?card=" in alert
    since = await world.mark()
    cmid = await world.control.write_chat(
        school.curator.id, parents, "Оплата питания — по QR-коду", attachments=[photo]
    )
    assert await world.quiet(since) == []
    # a plain photo from a parent is fetched, read and left alone
    since = await world.mark()
    plain = io.BytesIO()
    qrcode.make("x").get_image().crop((0, 0, 40, 40)).save(plain, "PNG")
    picture = {"type": "photo", "content_b64": base64.b64encode(plain.getvalue()).decode()}
    await world.control.write_chat(school.parent.id, parents, "фото доски", attachments=[picture])
    assert [a["method"] for a in await world.quiet(since)] == []
