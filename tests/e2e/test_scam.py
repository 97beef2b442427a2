"""Anti-scam through the sandbox: fake collections held back, impostors reported, official marks."""

from __future__ import annotations

import pytest

from bot.config import ModerationConfig
from bot.demo.world import running_world
from bot.sandbox_mode import embedded_config
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
    assert await world.quiet(since) == []
