"""What the bot keeps in memory is never older than the database it read it from."""

import pytest

from bot.domain.chats import ChatKind, SchoolChat
from bot.domain.classes import ClassName
from bot.domain.people import Role, RoleGrant, Roles
from bot.storage import db as db_module
from bot.storage.chat_repo import ChatRepo
from bot.storage.db import Database
from bot.storage.school_repo import SchoolRepo
from bot.storage.stats_repo import StatsRepo

FIVE_A = ClassName(5, "А")


@pytest.fixture
async def db(tmp_path):
    database = await Database.open(tmp_path / "bot.sqlite3")
    yield database
    await database.close()


async def test_a_role_granted_counts_at_once(db):
    school = SchoolRepo(db)
    await school.add_class(name=FIVE_A)
    person = await school.ensure_person(vk_id=3001, full_name="Ольга Николаевна")
    _, roles = await school.speaker(vk_id=3001)
    assert not roles.has(Role.CURATOR)
    await school.set_curator(name=FIVE_A, person_id=person.id)
    _, roles = await school.speaker(vk_id=3001)
    assert roles.has(Role.CURATOR)


async def test_a_role_taken_away_through_another_repo_counts_at_once(db):
    granting, asking = SchoolRepo(db), SchoolRepo(db)
    person = await granting.ensure_person(vk_id=5, full_name="Админ")
    await granting.grant(person_id=person.id, grant=RoleGrant(Role.ADMIN))
    assert (await asking.speaker(vk_id=5))[1].has(Role.ADMIN)
    await granting.revoke(person_id=person.id, grant=RoleGrant(Role.ADMIN))
    assert not (await asking.speaker(vk_id=5))[1].has(Role.ADMIN)


async def test_a_deleted_class_takes_its_roles_with_it(db):
    school = SchoolRepo(db)
    await school.add_class(name=FIVE_A)
    person = await school.ensure_person(vk_id=3001, full_name="Ольга Николаевна")
    await school.set_curator(name=FIVE_A, person_id=person.id)
    assert (await school.speaker(vk_id=3001))[1].has(Role.CURATOR)
    await school.remove_class(name=FIVE_A)
    assert not (await school.speaker(vk_id=3001))[1].has(Role.CURATOR)


async def test_a_stranger_who_joins_the_roster_is_known_at_once(db):
    school = SchoolRepo(db)
    assert await school.speaker(vk_id=777) == (None, school_roles_empty())
    await school.ensure_person(vk_id=777, full_name="Новый Человек")
    person, _ = await school.speaker(vk_id=777)
    assert person is not None and person.full_name == "Новый Человек"


async def test_a_change_rolled_back_is_not_kept(db):
    school = SchoolRepo(db)
    with pytest.raises(RuntimeError):
        async with db.transaction() as tx:
            await tx.execute(
                "INSERT INTO people (vk_id, full_name, name_key) VALUES (?, ?, ?)",
                (42, "Призрак", "призрак"),
            )
            assert (await school.speaker(vk_id=42))[0] is not None  # seen inside the transaction
            raise RuntimeError("cancelled")
    assert (await school.speaker(vk_id=42))[0] is None


async def test_a_chat_bound_or_archived_is_seen_at_once(db):
    school, chats = SchoolRepo(db), ChatRepo(db)
    await school.add_class(name=FIVE_A)
    assert await chats.by_peer(peer_id=2000000001) is None
    added = await chats.add(chat=class_chat(), created_by_bot=True)
    chat = await chats.by_peer(peer_id=2000000001)
    assert chat is not None and chat.id == added.id
    await db.execute("UPDATE chats SET archived_at = 'now' WHERE id = ?", (added.id,))
    assert await chats.by_peer(peer_id=2000000001) is None


async def test_another_process_writing_the_file_is_noticed(db, tmp_path, monkeypatch):
    monkeypatch.setattr(db_module, "EXTERNAL_CHECK_SECONDS", 0.0)
    school = SchoolRepo(db)
    assert (await school.speaker(vk_id=888))[0] is None
    other = await Database.open(tmp_path / "bot.sqlite3")  # as `schoolbot roster import` does
    try:
        await SchoolRepo(other).ensure_person(vk_id=888, full_name="Из командной строки")
    finally:
        await other.close()
    assert (await school.speaker(vk_id=888))[0] is not None


async def test_message_counts_held_in_memory_are_read_and_written_at_stop(db, tmp_path):
    school, chats = SchoolRepo(db), ChatRepo(db)
    await school.add_class(name=FIVE_A)
    await chats.add(chat=class_chat(), created_by_bot=True)
    stats = StatsRepo(db, flush_seconds=3600)
    for _ in range(3):
        await stats.count_message(peer_id=2000000001, day="2025-09-01")
    await stats.count_message(peer_id=2000000999, day="2025-09-01")  # not the bot's chat
    counts = await stats.messages_by_chat(since_day="2025-09-01", until_day="2025-09-01")
    assert [(title, n) for title, _, n in counts] == [("5А", 3)]
    await stats.count_message(peer_id=2000000001, day="2025-09-01")
    await stats.flush()
    again = await StatsRepo(db).messages_by_chat(since_day="2025-09-01", until_day="2025-09-01")
    assert [(title, n) for title, _, n in again] == [("5А", 4)]


def school_roles_empty() -> Roles:
    return Roles()


def class_chat() -> SchoolChat:
    return SchoolChat(peer_id=2000000001, kind=ChatKind.PUPILS, class_name=FIVE_A, title="5А")
