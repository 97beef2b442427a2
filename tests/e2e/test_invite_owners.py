"""An invitation belongs to its person (issue 15.1), through the sandbox: a forwarded code in a
stranger's hands, the curator's buttons, and a first claimer the curator undoes."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.e2e.invite_helpers import (
    claim,
    curator_ready,
    for_whom,
    forged_press,
    issue,
    join_link_from,
    next_with_buttons,
    press,
)
from tests.e2e.school_setup import set_up_school

pytestmark = pytest.mark.e2e
PARENTS = 2_000_000_001


def rows(world, sql: str, params: tuple = ()) -> list[tuple]:
    db = sqlite3.connect(world.config.storage.path)
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


async def sent_to(world, peer_id: int, since: int, text: str) -> list[str]:
    found = []
    for action in await world.quiet(since, 0.3):
        message = action["params"].get("message", "")
        if action["method"] == "messages.send" and action["params"].get("peer_ids") == str(peer_id):
            if text in message:
                found.append(message)
    return found


async def parents_chat(world, school):
    await curator_ready(world, school.curator)
    await world.dm(school.curator, "создать чат 5А родители")


async def test_a_forwarded_code_is_refused_to_a_stranger_and_stays_its_owners(world):
    school = await set_up_school(world)
    await parents_chat(world, school)
    _listing, issued = await issue(world, school.curator, "пригласить 5А Иванова Елена")
    mother = for_whom(issued, "Иванова Елена")  # the roster gives her vk.com/id2001

    since = await world.mark()
    answer = await claim(world, school.stranger, mother.link)
    text = answer["params"]["message"]
    assert text.startswith("Это приглашение — для другого человека")
    assert "Куратор класса уже знает о вашей попытке" in text
    assert "keyboard" not in answer["params"]  # no join button
    notice = await next_with_buttons(world, school.curator.id, since)
    assert notice.text.startswith("⚠ Чужое приглашение. Незнакомец Прохожий (vk.com/id9001)")
    assert "«Иванова Елена Викторовна»" in notice.text and "vk.com/id2001" in notice.text
    assert set(notice.payloads) == {"Впустить", "Не впускать"}

    # Trying again is refused again, and the curator is not told twice.
    since = await world.mark()
    again = (await world.dm(school.stranger, mother.display))[0]
    assert again.startswith("Это приглашение — для другого человека")
    assert await sent_to(world, school.curator.id, since, "Чужое приглашение") == []

    # The stranger cannot press the curator's button for himself.
    since = await world.mark()
    payload = notice.payloads["Впустить"]
    await world.app._handle(forged_press(1, school.stranger.id, school.stranger.id, payload))
    answered = await world.control.actions(since=since, method="messages.sendMessageEventAnswer")
    notes = [json.loads(a["params"]["event_data"])["text"] for a in answered]
    assert notes == ["Решать это могут только куратор класса и администраторы."]
    assert rows(world, "SELECT vk_id FROM gate_allowances") == []

    # The code is still the mother's.
    answer = await claim(world, school.parent, mother.link)
    assert answer["params"]["message"].startswith("Код принят")
    assert await world.control.join_by_link(school.parent.id, join_link_from(answer)) == PARENTS

    # The curator keeps the stranger out; a second press changes nothing.
    since = await world.mark()
    assert await press(world, school.curator, notice, "Не впускать") == (
        "Хорошо, не впускаю. Я вежливо ответил."
    )
    told = await world.replies(school.stranger.id, since)
    assert told[0].startswith("Куратор не подтвердил ваш вход в чат «5А · родители»")
    assert await press(world, school.curator, notice, "Впустить") == "Это уже решено."


async def test_the_curator_lets_the_second_parent_in_anyway(world):
    school = await set_up_school(world)
    await parents_chat(world, school)
    _listing, issued = await issue(world, school.curator, "пригласить 5А Иванова Елена")
    father = await world.person("Сергей", "Иванов")  # not on the roster; got the mother's link
    since = await world.mark()
    await claim(world, father, for_whom(issued, "Иванова Елена").link)
    notice = await next_with_buttons(world, school.curator.id, since)
    since = await world.mark()
    note = await press(world, school.curator, notice, "Впустить")
    assert note == "Готово: я прислал кнопку для входа в чат."
    action = await world.control.wait_action(
        "messages.send", since=since, timeout=5, peer_ids=str(father.id)
    )
    assert action["params"]["message"].startswith("Куратор разрешил вам войти")
    since = await world.mark()
    assert await world.control.join_by_link(father.id, join_link_from(action)) == PARENTS
    actions = await world.quiet(since, 0.5)
    assert not any(a["method"] == "messages.removeChatUser" for a in actions)
    assert father.id in (await world.control.chat(PARENTS))["members"]


async def test_a_first_claimer_binds_the_page_and_the_curator_can_undo_it(world):
    school = await set_up_school(world)
    await parents_chat(world, school)
    _listing, issued = await issue(world, school.curator, "пригласить 5А Смирнов Андрей")
    smirnov = for_whom(issued, "Смирнов Андрей Павлович")  # no VK page on the roster
    maria = await world.person("Мария", "Иванова")

    since = await world.mark()
    answer = await claim(world, maria, smirnov.link)
    assert answer["params"]["message"].startswith("Код принят")
    await world.control.join_by_link(maria.id, join_link_from(answer))
    notice = await next_with_buttons(world, school.curator.id, since)
    assert notice.text.startswith(f"🔑 Мария Иванова (vk.com/id{maria.id}) вошёл по приглашению")
    assert "«Смирнов Андрей Павлович» (родитель: Смирнов Артём Андреевич)" in notice.text
    assert "⚠ Имя во ВКонтакте не совпадает со списком" in notice.text
    assert list(notice.payloads) == ["Отменить и удалить"]
    owner = "SELECT vk_id FROM people WHERE full_name = 'Смирнов Андрей Павлович'"
    assert rows(world, owner) == [(maria.id,)]
    await world.quiet(0, 0.3)
    assert maria.id in (await world.control.chat(PARENTS))["members"]

    since = await world.mark()
    note = await press(world, school.curator, notice, "Отменить и удалить")
    assert note == "Отменено: приглашение аннулировано, страница удалена из чата."
    await world.control.wait_action("messages.removeChatUser", since=since, timeout=5)
    assert maria.id not in (await world.control.chat(PARENTS))["members"]
    assert rows(world, owner) == [(None,)]
    told = await world.reply_starting(maria.id, since, "Куратор класса отменил")
    assert "«5А · родители»" in told
    hint = await world.reply_starting(school.curator.id, since, "Вход по приглашению")
    assert "пригласить 5А Смирнов Андрей Павлович" in hint
    answer = await claim(world, maria, smirnov.link)
    assert answer["params"]["message"].startswith("Это приглашение отменено")

    # A new invitation, claimed by the real father: the curator sees the names agree.
    _listing, issued = await issue(world, school.curator, "пригласить 5А Смирнов Андрей")
    andrey = await world.person("Андрей", "Смирнов")
    since = await world.mark()
    answer = await claim(world, andrey, issued[0].link)
    assert answer["params"]["message"].startswith("Код принят")
    notice = await next_with_buttons(world, school.curator.id, since)
    assert "Имя во ВКонтакте совпадает со списком." in notice.text
    assert rows(world, owner) == [(andrey.id,)]


async def test_a_page_the_roster_kept_as_a_short_name_is_asked_of_vk_when_a_code_comes(world):
    """`schoolbot roster import` keeps `vk.com/<name>` unresolved offline (people.vk_screen_name,
    as it stores it); a code that comes before the roster's resolver ran asks VK there and then."""
    school = await set_up_school(world)
    await parents_chat(world, school)
    andrey = await world.person("Андрей", "Смирнов", screen_name="andrey_smirnov")
    await world.app.db.execute(
        "UPDATE people SET vk_screen_name = 'andrey_smirnov' "
        "WHERE full_name = 'Смирнов Андрей Павлович'"
    )
    _listing, issued = await issue(world, school.curator, "пригласить 5А Смирнов Андрей")
    since = await world.mark()
    answer = await claim(world, school.stranger, issued[0].link)
    assert answer["params"]["message"].startswith("Это приглашение — для другого человека")
    notice = await next_with_buttons(world, school.curator.id, since)
    assert f"vk.com/id{andrey.id}" in notice.text  # the page VK named for the short name
    answer = await claim(world, andrey, issued[0].link)
    assert answer["params"]["message"].startswith("Код принят")
    owner = "SELECT vk_id FROM people WHERE full_name = 'Смирнов Андрей Павлович'"
    assert rows(world, owner) == [(andrey.id,)]
    pending = "SELECT vk_screen_name FROM people WHERE full_name = 'Смирнов Андрей Павлович'"
    assert rows(world, pending) == [(None,)]  # resolved: nothing left for the roster to ask


async def test_a_forwarded_code_between_guesses_does_not_keep_the_lock_out_away(world):
    school = await set_up_school(world)
    await parents_chat(world, school)
    _listing, issued = await issue(world, school.curator, "пригласить 5А Иванова Елена")
    mother = for_whom(issued, "Иванова Елена")
    class_link = (await world.dm(school.curator, "ссылка для класса 5А родители"))[0]
    shared = class_link.split(": ", 1)[1].split()[0]
    for guess in ("ABCD-EFGH-JK2", "ABCD-EFGH-JK3"):
        assert (await world.dm(school.stranger, guess))[0].startswith("Такого кода я не нашёл")
    refused = (await world.dm(school.stranger, mother.display))[0]
    assert refused.startswith("Это приглашение — для другого человека")
    await claim(world, school.stranger, shared)  # the class link: asked whose parent he is
    assert (await world.dm(school.stranger, "отмена"))[0].startswith("Хорошо, запрос отменён")
    for guess in ("ABCD-EFGH-JK4", "ABCD-EFGH-JK5"):
        assert (await world.dm(school.stranger, guess))[0].startswith("Такого кода я не нашёл")
    locked = (await world.dm(school.stranger, "ABCD-EFGH-JK6"))[0]
    assert locked.startswith("Слишком много неверных кодов")
    # Her own code still works for the mother: the lock-out is the guesser's alone.
    answer = await claim(world, school.parent, mother.link)
    assert answer["params"]["message"].startswith("Код принят")
