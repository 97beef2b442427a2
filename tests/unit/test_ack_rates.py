"""The read the director's picture uses: each announcement's answered and total families."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.acks import AckKind
from bot.domain.chats import ChatKind, SchoolChat
from bot.domain.classes import ClassName
from bot.domain.events import ButtonPress
from bot.domain.people import Role, RoleGrant
from bot.services.acks import AckRate, AckService
from bot.storage.ack_repo import AckRepo
from bot.storage.chat_repo import ChatRepo
from bot.storage.db import Database
from bot.storage.school_repo import SchoolRepo

C5A = ClassName(5, "А")
PEER = 2_000_000_001
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


class FakeMessenger:
    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []
        self.notes: list[str] = []

    async def send(self, peer_id, text, *, dedup_key, keyboard=None) -> int:
        self.sent.append((peer_id, text))
        return len(self.sent)

    async def answer_button(self, event_id, user_id, peer_id, text) -> None:
        self.notes.append(text)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def world(tmp_path):
    db = await Database.open(tmp_path / "db.sqlite3")
    school = SchoolRepo(db)
    await school.add_class(name=C5A)
    await ChatRepo(db).add(
        chat=SchoolChat(PEER, ChatKind.PARENTS, C5A, title="5А · родители"), created_by_bot=False
    )
    await ChatRepo(db).add(
        chat=SchoolChat(PEER + 1, ChatKind.PUPILS, C5A, title="5А · ученики"), created_by_bot=False
    )
    for pupil_name, parent_vk, parent_name in (
        ("Иванов Пётр", 2001, "Иванова Елена"),
        ("Кузнецова Алиса", 2003, "Кузнецова Наталья"),
    ):
        pupil = await school.ensure_person(vk_id=parent_vk - 1000, full_name=pupil_name)
        await school.grant(person_id=pupil.id, grant=RoleGrant(Role.PUPIL, C5A))
        parent = await school.ensure_person(vk_id=parent_vk, full_name=parent_name)
        await school.grant(person_id=parent.id, grant=RoleGrant(Role.PARENT, pupil_id=pupil.id))
    clock, messenger = Clock(), FakeMessenger()
    service = AckService(
        AckRepo(db), ChatRepo(db), school, messenger,  # type: ignore[arg-type]
        remind_after=timedelta(hours=24), tz=UTC, clock=clock,
    )  # fmt: skip
    yield service, clock, messenger
    await db.close()


def press(user_id: int, ack_id: int, choice: int = 0) -> ButtonPress:
    return ButtonPress("e", user_id, PEER, 1, {"ack": ack_id, "c": choice})


async def test_rates_since_a_moment(world):
    service, clock, messenger = world
    await service.post(kind=AckKind.ACK, author_vk_id=3001, class_name=C5A, what="Старое")
    clock.now = T0 + timedelta(days=8)
    text = await service.post(
        kind=AckKind.CONSENT, author_vk_id=3001, class_name=C5A, what="Экскурсия в музей"
    )
    assert text.startswith("Согласие №2 отправлено в «5А · родители».")
    assert messenger.sent[-1][0] == PEER and "Экскурсия в музей" in messenger.sent[-1][1]
    await service.on_button(press(2001, 2, 1))
    await service.on_button(press(9999, 2))  # a stranger: not counted
    assert messenger.notes == [
        "Спасибо, отмечено!",
        "Извините, эта кнопка — для родителей 5А по списку класса.",
    ]
    rates = await service.rates(T0 + timedelta(days=7))
    assert rates == [AckRate("5А · родители: Экскурсия в музей", 1, 2, ClassName(5, "А"))]
    assert [r.total for r in await service.rates(T0)] == [2, 2]
    assert await service.rates(T0 + timedelta(days=30)) == []


async def test_a_forged_press_is_not_ours_or_finds_nothing(world):
    service, _clock, messenger = world
    assert not AckService.is_ours({"ack": "1", "c": 0})
    assert not AckService.is_ours({"ack": 1})
    assert not AckService.is_ours({"ack": 2**63, "c": 0})
    await service.on_button(press(2001, 77))
    await service.post(kind=AckKind.ACK, author_vk_id=3001, class_name=C5A, what="Текст")
    await service.on_button(press(2001, 1, choice=5))
    assert messenger.notes == ["Это объявление больше не принимает ответов."] * 2


async def test_in_a_pupils_chat_each_pupil_answers_and_parents_do_not(world):
    service, _clock, messenger = world
    text = await service.post(
        kind=AckKind.POLL, author_vk_id=3001, class_name=C5A, what="ученики: Куда?; Музей; Театр"
    )
    assert text.startswith("Опрос №1 отправлен в «5А · ученики».")
    assert "каждый ученик отвечает сам" in messenger.sent[-1][1]
    for user_id in (1001, 2001, 1003):
        await service.on_button(press(user_id, 1, 1))
    assert messenger.notes == [
        "Спасибо, отмечено!",
        "Извините, эта кнопка — для учеников 5А по списку класса.",
        "Спасибо, отмечено!",
    ]
    (rate,) = await service.rates(T0)
    assert (rate.answered, rate.total) == (2, 2)


async def test_the_same_command_message_twice_posts_one_announcement(world):
    service, clock, messenger = world
    for _ in range(2):
        text = await service.post(
            kind=AckKind.ACK, author_vk_id=3001, class_name=C5A, what="Текст", source="m:1"
        )
        assert text.startswith("Объявление №1 отправлено")
        clock.now += timedelta(seconds=5)
    assert len(messenger.sent) == 1
    assert len(await service.rates(T0)) == 1
