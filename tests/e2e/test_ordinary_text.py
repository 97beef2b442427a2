"""Ordinary text is never taken for an invitation code (issue 15.4), through the sandbox."""

from __future__ import annotations

import pytest

from tests.e2e.invite_helpers import claim, curator_ready, for_whom, issue
from tests.e2e.school_setup import set_up_school

pytestmark = pytest.mark.e2e

CODE_ANSWERS = ("Такого кода я не нашёл", "Слишком много неверных кодов")
# Each reads as an 11-symbol code once Cyrillic look-alikes are folded, or holds digits like one.
ORDINARY = [
    "2 марта; 3 марта",
    "2 марта 3 марта",
    "марта 3 марта",
    "+7 912 345-67-89",
    "Мой телефон 8 912 345 67 89, перезвоните",
    "5А",
    "МАМА 2 МАРТА 3",
    "Тема: ВЕСНА 2 МАРТА",
    "KAPTA 2 MAPTA",  # «КАРТА 2 МАРТА» in Latin look-alikes
    "Дирeктор",  # a Latin «e»
]


async def test_dates_phones_and_class_names_are_not_codes(world):
    school = await set_up_school(world)
    await world.dm(school.admin, "кто я")
    await curator_ready(world, school.curator)
    await world.dm(school.curator, "создать чат 5А родители")
    _listing, issued = await issue(world, school.curator, "пригласить 5А Иванова Елена")
    since = await world.mark()
    for text in ORDINARY:
        answer = (await world.dm(school.parent, text))[0]
        assert not answer.startswith(CODE_ANSWERS), (text, answer)
    # Nothing was counted: her real code works at once, and nobody was told of guessing.
    answer = await claim(world, school.parent, for_whom(issued, "Иванова Елена").link)
    assert answer["params"]["message"].startswith("Код принят")
    reports = await world.quiet(since, 0.2)
    assert not any("неверный код" in a["params"].get("message", "") for a in reports)


async def test_a_poll_of_dates_and_staff_commands_work_while_locked_out(world):
    school = await set_up_school(world)
    await curator_ready(world, school.curator)
    await world.dm(school.curator, "создать чат 5А родители")
    poll = "опрос 5А: Когда собрание?; 2 марта; 3 марта"
    for _ in range(2):  # before the lock-out a poll of dates was read as a wrong code
        since = await world.mark()
        await world.control.write_dm(school.curator.id, poll)
        answer = await world.reply_starting(school.curator.id, since, ("Опрос №", "Такого"))
        assert answer.startswith("Опрос №"), answer
    for attempt in range(5):
        answer = (await world.dm(school.curator, f"ABCD-EFGH-JK{attempt + 2}"))[0]
    assert answer.startswith("Слишком много неверных кодов")
    # Locked out of codes, the curator still runs her commands.
    since = await world.mark()
    await world.control.write_dm(school.curator.id, poll)
    assert (
        await world.reply_starting(school.curator.id, since, ("Опрос №", "Слишком"))
    ).startswith("Опрос №")
    status = (await world.dm(school.curator, "статус 5А"))[0]
    assert not status.startswith(CODE_ANSWERS) and "5А" in status
    assert (await world.dm(school.curator, "ABCD-EFGH-JK9"))[0].startswith(
        "Слишком много неверных кодов"
    )


async def test_a_link_opened_in_a_dialog_with_history_still_counts(world):
    school = await set_up_school(world)
    await curator_ready(world, school.curator)
    await world.dm(school.curator, "создать чат 5А родители")
    _listing, issued = await issue(world, school.curator, "пригласить 5А Иванова Елена")
    await world.dm(school.parent, "Здравствуйте, когда собрание?")
    # No «Начать» button now: she types, and the link's ref rides on what she typed.
    answer = await claim(world, school.parent, issued[0].link, text="Добрый день")
    assert answer["params"]["message"].startswith("Код принят")
